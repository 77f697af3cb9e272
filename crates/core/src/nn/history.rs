//! What a training run records, epoch by epoch (the book's `TrainingHistory`), and the
//! rules that end it (`eps` in HelperClass2, `StopCondition` in MiniFramework).

use super::metrics::Metric;
use serde::{Deserialize, Serialize};

/// When a run ends early. The loss watched is the validation loss when there is a
/// validation set, else the training loss.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stop {
    /// Only at the epoch limit (MiniFramework's `StopCondition.Nothing`).
    Never,
    /// When the loss is at most ε (the book's `eps`, `StopLoss`).
    Loss(f32),
    /// When the loss changed by less than ε since the last epoch (`StopDiff`).
    LossChange(f32),
}

/// Why a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StopReason {
    /// The epoch limit was reached.
    MaxEpochs,
    /// [`Stop::Loss`] fired.
    Loss,
    /// [`Stop::LossChange`] fired.
    LossChange,
    /// A loss or weight became NaN or infinite; the weights were restored.
    Diverged,
    /// Early stopping: the watched loss did not improve for `patience` epochs; the weights
    /// are back to those of the best epoch.
    EarlyStop,
}

/// The numbers of one epoch.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpochRecord {
    /// 1 for the first epoch.
    pub epoch: usize,
    /// Training loss: over the whole training set after the epoch when the trainer
    /// evaluates it, else the mean loss of the epoch's mini-batches.
    pub train_loss: f32,
    /// Training accuracy or R² (only when the trainer evaluates the training set).
    pub train_metric: Option<f32>,
    /// Validation loss, if there is a validation set.
    pub val_loss: Option<f32>,
    /// Validation accuracy or R².
    pub val_metric: Option<f32>,
}

/// Per-epoch curves, index 0 = epoch 1. Columns that were not measured stay empty.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingHistory {
    /// What the metric columns hold.
    pub metric: Metric,
    /// Training loss per epoch.
    pub train_loss: Vec<f32>,
    /// Training metric per epoch.
    pub train_metric: Vec<f32>,
    /// Validation loss per epoch.
    pub val_loss: Vec<f32>,
    /// Validation metric per epoch.
    pub val_metric: Vec<f32>,
    /// The regularisation penalty per epoch (empty without regularisation); the loss
    /// columns never include it, so with and without can both be shown.
    pub penalty: Vec<f32>,
    /// Mini-batch updates so far.
    pub iterations: usize,
}

impl TrainingHistory {
    /// An empty history.
    pub fn new(metric: Metric) -> TrainingHistory {
        TrainingHistory {
            metric,
            train_loss: Vec::new(),
            train_metric: Vec::new(),
            val_loss: Vec::new(),
            val_metric: Vec::new(),
            penalty: Vec::new(),
            iterations: 0,
        }
    }

    /// Number of epochs recorded.
    pub fn epochs(&self) -> usize {
        self.train_loss.len()
    }

    /// Appends one epoch.
    pub fn push(&mut self, r: &EpochRecord) {
        self.train_loss.push(r.train_loss);
        self.train_metric.extend(r.train_metric);
        self.val_loss.extend(r.val_loss);
        self.val_metric.extend(r.val_metric);
    }

    /// The loss the stop rules watch for the epoch at `index`: validation if recorded.
    pub fn watched(&self, index: usize) -> Option<f32> {
        self.val_loss
            .get(index)
            .or(self.train_loss.get(index))
            .copied()
    }

    /// Whether `stop` fires after the last recorded epoch.
    pub fn check(&self, stop: Stop) -> Option<StopReason> {
        let last = self.epochs().checked_sub(1)?;
        let now = self.watched(last)?;
        match stop {
            Stop::Never => None,
            Stop::Loss(eps) => (now <= eps).then_some(StopReason::Loss),
            Stop::LossChange(eps) => {
                let before = self.watched(last.checked_sub(1)?)?;
                ((now - before).abs() < eps).then_some(StopReason::LossChange)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(epoch: usize, train: f32, val: Option<f32>) -> EpochRecord {
        EpochRecord {
            epoch,
            train_loss: train,
            train_metric: None,
            val_loss: val,
            val_metric: None,
        }
    }

    #[test]
    fn stop_rules_watch_validation_when_present() {
        let mut h = TrainingHistory::new(Metric::R2);
        assert_eq!(h.check(Stop::Loss(1.0)), None);
        h.push(&rec(1, 0.5, Some(2.0)));
        assert_eq!(h.check(Stop::Loss(1.0)), None, "validation 2.0 > 1.0");
        assert_eq!(h.check(Stop::LossChange(1.0)), None, "needs two epochs");
        h.push(&rec(2, 0.4, Some(1.0)));
        assert_eq!(h.check(Stop::Loss(1.0)), Some(StopReason::Loss));
        assert_eq!(h.check(Stop::LossChange(0.5)), None);
        assert_eq!(h.check(Stop::LossChange(1.5)), Some(StopReason::LossChange));
        assert_eq!(h.check(Stop::Never), None);
        let mut t = TrainingHistory::new(Metric::Accuracy);
        t.push(&rec(1, 0.004, None));
        assert_eq!(t.check(Stop::Loss(0.005)), Some(StopReason::Loss));
        assert_eq!((t.epochs(), t.val_loss.len()), (1, 0));
    }
}
