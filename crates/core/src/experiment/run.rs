//! A built experiment: train epoch by epoch and evaluate on both sets.

use super::*;

/// The numbers of one epoch of an [`Experiment`], measured after the epoch's updates.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ExperimentRecord {
    /// 1 for the first epoch.
    pub epoch: usize,
    /// Loss on the whole training set.
    pub train_loss: f32,
    /// Loss on the test set.
    pub test_loss: f32,
    /// Fraction of training points classified correctly.
    pub train_accuracy: f32,
    /// Fraction of test points classified correctly.
    pub test_accuracy: f32,
}

/// How well the network does on one set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    /// The loss J.
    pub loss: f32,
    /// Correct / all.
    pub accuracy: f64,
    /// Actual × predicted counts.
    pub confusion: ConfusionMatrix,
    /// Precision of class 1 (two classes) or the macro average.
    pub precision: f64,
    /// Recall, likewise.
    pub recall: f64,
    /// F1, likewise.
    pub f1: f64,
}

/// A built experiment: the trainer, both sets and the history so far.
#[derive(Clone, Debug)]
pub struct Experiment {
    /// The settings it was built from.
    pub config: ExperimentConfig,
    /// The network and its optimiser (it holds its own copy of the training set).
    pub trainer: Trainer,
    /// The training set.
    pub train: Data,
    /// The test set.
    pub test: Data,
    /// One record per epoch trained.
    pub history: Vec<ExperimentRecord>,
}

/// The class of an output or label row: argmax for several columns; for one column, the
/// sign under tanh (±1 labels) and `≥ 0.5` under logistic (0/1 labels).
pub(super) fn class(row: &[f32], signed: bool) -> usize {
    match row {
        [v] => usize::from(if signed { *v >= 0.0 } else { *v >= 0.5 }),
        _ => crate::nn::metrics::class_of(row),
    }
}

pub(super) fn evaluate(net: &mut Network, data: &Data, signed: bool, classes: usize) -> Evaluation {
    let loss = if data.is_empty() {
        0.0
    } else {
        net.loss(&data.x, &data.y)
    };
    let mut confusion = ConfusionMatrix::new(classes);
    let a = net.a();
    if !data.is_empty() {
        for (ar, yr) in a
            .data
            .chunks_exact(a.cols)
            .zip(data.y.data.chunks_exact(data.y.cols))
        {
            confusion.add(class(yr, signed), class(ar, signed));
        }
    }
    let (precision, recall, f1) = confusion.summary();
    Evaluation {
        loss,
        accuracy: confusion.accuracy(),
        confusion,
        precision,
        recall,
        f1,
    }
}

impl Experiment {
    /// Trains one epoch and records losses and accuracies on both sets. Errors (and
    /// records nothing) if training diverged; the trainer then holds the last good weights.
    pub fn epoch(&mut self) -> Result<ExperimentRecord> {
        let epoch = self.trainer.epoch()?.epoch;
        let train = self.evaluate_train();
        let test = self.evaluate_test();
        let record = ExperimentRecord {
            epoch,
            train_loss: train.loss,
            test_loss: test.loss,
            train_accuracy: train.accuracy as f32,
            test_accuracy: test.accuracy as f32,
        };
        self.history.push(record);
        Ok(record)
    }

    /// Trains until `config.epochs` epochs are recorded.
    pub fn run(&mut self) -> Result<()> {
        while self.history.len() < self.config.epochs {
            self.epoch()?;
        }
        Ok(())
    }

    fn evaluate_on(&mut self, test: bool) -> Evaluation {
        let signed = self.config.head == Head::TanhMse;
        let classes = self.config.classes();
        let data = if test { &self.test } else { &self.train };
        evaluate(self.trainer.network_mut(), data, signed, classes)
    }

    /// Loss, accuracy, confusion matrix, precision/recall/F1 on the training set.
    pub fn evaluate_train(&mut self) -> Evaluation {
        self.evaluate_on(false)
    }

    /// The same on the test set.
    pub fn evaluate_test(&mut self) -> Evaluation {
        self.evaluate_on(true)
    }

    /// [`Experiment::evaluate_test`] on a copy of the network, for read-only callers.
    pub fn test_metrics(&self) -> Evaluation {
        let mut copy = self.trainer.network().clone();
        let signed = self.config.head == Head::TanhMse;
        evaluate(&mut copy, &self.test, signed, self.config.classes())
    }
}
