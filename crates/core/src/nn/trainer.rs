//! Mini-batch training (ch4.2–4.5, then every later step):
//!
//! ```text
//! each epoch: shuffle the rows (seeded), cut them into batches of `batch_size`,
//!             and for each batch: forward (training mode), backward,
//!             add the regulariser's gradient, one optimizer step with η(t)
//! ```
//!
//! The optimizer ([`super::optim`], SGD by default: W ← W − η·dW) and its state belong to
//! the trainer, not the network; η(t) comes from the [`Schedule`]; the L1/L2 penalty
//! ([`Regularization`]) is recorded apart from the loss. Early stopping (`patience`)
//! watches the validation loss (or the training loss without a validation set) and, when
//! it has not improved for `patience` epochs, puts back the weights of the best epoch.
//!
//! `batch_size` 1 is the book's single-sample SGD, −1 (or ≥ n) the full batch.
//! After each epoch the trainer records the losses and metric in a [`TrainingHistory`] and
//! checks the [`Stop`] rule. Training never drives the page: the page asks for one epoch
//! at a time with [`Trainer::epoch`] and redraws.
//!
//! Divergence (ch5.2: raw house data at η = 0.1): if a batch loss or, at the end of an
//! epoch, a weight is NaN or infinite, the network gets back the weights it had at the end
//! of the last good epoch and the call returns an [`ErrorKind::Diverged`] error.
//!
//! Determinism: one seeded [`Rng`] for the shuffles, fixed summation orders everywhere,
//! no threads, so the same settings give the same history bit for bit.

use super::data::Data;
use super::history::{EpochRecord, Stop, StopReason, TrainingHistory};
use super::matrix::Matrix;
use super::metrics::{self, Metric};
use super::network::Network;
use super::optim::{Optimizer, OptimizerConfig, Schedule};
use super::regularization::Regularization;
use crate::error::{Error, ErrorKind, Result};
use crate::rng::Rng;
use serde::{Deserialize, Serialize};

/// Rows per forward pass when a whole data set is evaluated.
const EVAL_ROWS: usize = 256;

/// The settings of a training run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainerConfig {
    /// Learning rate η (finite, > 0).
    pub learning_rate: f32,
    /// Samples per update; −1 or ≥ n means the full batch.
    pub batch_size: i64,
    /// Epoch limit for [`Trainer::run`] (≥ 1).
    pub max_epochs: usize,
    /// Early-stopping rule.
    pub stop: Stop,
    /// Shuffle the rows before each epoch (the book does).
    pub shuffle: bool,
    /// Seed of the shuffles.
    pub seed: u64,
    /// After each epoch, compute loss and metric on the whole training set (one extra
    /// forward pass). When off, the training loss is the mean of the batch losses.
    pub eval_train: bool,
    /// The optimizer (SGD).
    pub optimizer: OptimizerConfig,
    /// How η changes over the updates (constant).
    pub schedule: Schedule,
    /// The L1/L2 penalty on the weights (none).
    pub regularization: Regularization,
    /// Early stopping: stop after this many epochs without a better watched loss and
    /// restore the best weights (off).
    pub patience: Option<usize>,
}

impl Default for TrainerConfig {
    fn default() -> TrainerConfig {
        TrainerConfig {
            learning_rate: 0.1,
            batch_size: 10,
            max_epochs: 1000,
            stop: Stop::Never,
            shuffle: true,
            seed: 1,
            eval_train: true,
            optimizer: OptimizerConfig::Sgd,
            schedule: Schedule::Constant,
            regularization: Regularization::None,
            patience: None,
        }
    }
}

impl TrainerConfig {
    /// Checks the settings.
    pub fn validate(&self) -> Result<()> {
        let range = |en: String, zh: String| Err(Error::new(ErrorKind::OutOfRange, en, zh));
        let lr = self.learning_rate;
        if !(lr.is_finite() && lr > 0.0) {
            return range(
                format!("The learning rate must be a positive number, not {lr}."),
                format!("学习率必须是正数，而不是 {lr}。"),
            );
        }
        if self.batch_size == 0 || self.batch_size < -1 {
            return range(
                format!(
                    "The batch size must be −1 (full batch) or at least 1, not {}.",
                    self.batch_size
                ),
                format!(
                    "批大小必须是 −1（全批量）或至少为 1，而不是 {}。",
                    self.batch_size
                ),
            );
        }
        if self.max_epochs == 0 {
            return range(
                "Train for at least one epoch.".into(),
                "至少需要训练一轮。".into(),
            );
        }
        self.optimizer.validate()?;
        self.schedule.validate()?;
        self.regularization.validate()?;
        if self.patience == Some(0) {
            return range(
                "Early stopping needs a patience of at least one epoch.".into(),
                "早停的耐心值至少为一轮。".into(),
            );
        }
        if let Stop::Loss(eps) | Stop::LossChange(eps) = self.stop {
            if !(eps.is_finite() && eps >= 0.0) {
                return range(
                    format!("The stopping threshold ε must be a number ≥ 0, not {eps}."),
                    format!("停止阈值 ε 必须是 ≥ 0 的数，而不是 {eps}。"),
                );
            }
        }
        Ok(())
    }
}

/// A network, its data and the state of its training run.
#[derive(Clone, Debug)]
pub struct Trainer {
    net: Network,
    train: Data,
    valid: Option<Data>,
    config: TrainerConfig,
    optimizer: Box<dyn Optimizer>,
    rng: Rng,
    order: Vec<usize>,
    bx: Matrix,
    by: Matrix,
    history: TrainingHistory,
    good: Vec<f32>,
    best: Option<(f32, Vec<f32>)>,
    since_best: usize,
    stop: Option<StopReason>,
    diverged: Option<Error>,
}

/// Loss and metric of `net` on all of `data`, in chunks of [`EVAL_ROWS`] rows.
fn evaluate(net: &mut Network, data: &Data, bx: &mut Matrix, by: &mut Matrix) -> (f32, f32) {
    let n = data.len();
    let (mut loss, mut correct, mut sq) = (0.0f64, 0usize, 0.0f64);
    for start in (0..n).step_by(EVAL_ROWS) {
        let rows = EVAL_ROWS.min(n - start);
        for (buf, src) in [(&mut *bx, &data.x), (&mut *by, &data.y)] {
            buf.resize(rows, src.cols);
            buf.data
                .copy_from_slice(&src.data[start * src.cols..(start + rows) * src.cols]);
        }
        loss += net.loss(bx, by) as f64 * rows as f64;
        correct += metrics::correct(net.a(), by);
        sq += metrics::squared_error(net.a(), by);
    }
    let metric = match Metric::for_output(net.output()) {
        Metric::Accuracy => correct as f64 / n.max(1) as f64,
        Metric::R2 => 1.0 - sq / data.y.data.len().max(1) as f64 / metrics::variance(&data.y),
    };
    ((loss / n.max(1) as f64) as f32, metric as f32)
}

impl Trainer {
    /// Checks the settings and that the data fit the network, then gets ready for
    /// epoch 1. An empty validation set counts as none.
    pub fn new(
        net: Network,
        train: Data,
        validation: Option<Data>,
        config: TrainerConfig,
    ) -> Result<Trainer> {
        config.validate()?;
        let valid = validation.filter(|v| !v.is_empty());
        for d in std::iter::once(&train).chain(&valid) {
            if d.x.cols != net.inputs() || d.y.cols != net.outputs() {
                return Err(Error::new(
                    ErrorKind::BadData,
                    format!(
                        "The data have {} features and {} outputs, the network expects {} and {}.",
                        d.x.cols,
                        d.y.cols,
                        net.inputs(),
                        net.outputs()
                    ),
                    format!(
                        "数据有 {} 个特征和 {} 个输出，而网络需要 {} 个和 {} 个。",
                        d.x.cols,
                        d.y.cols,
                        net.inputs(),
                        net.outputs()
                    ),
                ));
            }
        }
        if train.is_empty() {
            return Err(Error::new(
                ErrorKind::BadData,
                "There are no training samples.",
                "没有训练样本。",
            ));
        }
        let mut good = Vec::new();
        net.save_params(&mut good);
        Ok(Trainer {
            history: TrainingHistory::new(Metric::for_output(net.output())),
            order: (0..train.len()).collect(),
            rng: Rng::new(config.seed),
            optimizer: config.optimizer.build(),
            net,
            train,
            valid,
            config,
            bx: Matrix::default(),
            by: Matrix::default(),
            good,
            best: None,
            since_best: 0,
            stop: None,
            diverged: None,
        })
    }

    /// Trains one epoch and records it. Errors only on divergence (the weights are then
    /// those of the last good epoch, and every later call returns the same error).
    pub fn epoch(&mut self) -> Result<EpochRecord> {
        if let Some(e) = &self.diverged {
            return Err(e.clone());
        }
        let epoch = self.history.epochs() + 1;
        let n = self.train.len();
        let bs = usize::try_from(self.config.batch_size).map_or(n, |b| b.min(n));
        if self.config.shuffle {
            self.rng.shuffle(&mut self.order);
        }
        let mut batch_sum = 0.0f64;
        for rows in self.order.chunks(bs) {
            for (buf, src) in [(&mut self.bx, &self.train.x), (&mut self.by, &self.train.y)] {
                buf.resize(rows.len(), src.cols);
                for (dst, &i) in buf.data.chunks_exact_mut(src.cols).zip(rows) {
                    dst.copy_from_slice(src.row(i));
                }
            }
            let lr = self
                .config
                .schedule
                .rate(self.config.learning_rate, self.history.iterations);
            let loss = self.net.train_batch_with(
                &self.bx,
                &self.by,
                self.optimizer.as_mut(),
                self.config.regularization,
                lr,
            );
            self.history.iterations += 1;
            if !loss.is_finite() {
                return Err(self.diverge(epoch, loss));
            }
            batch_sum += loss as f64 * rows.len() as f64;
        }
        if !self.net.is_finite() {
            return Err(self.diverge(epoch, f32::INFINITY));
        }
        let mut record = EpochRecord {
            epoch,
            train_loss: (batch_sum / n as f64) as f32,
            train_metric: None,
            val_loss: None,
            val_metric: None,
        };
        if self.config.eval_train {
            let (loss, metric) = evaluate(&mut self.net, &self.train, &mut self.bx, &mut self.by);
            (record.train_loss, record.train_metric) = (loss, Some(metric));
        }
        if let Some(v) = &self.valid {
            let (loss, metric) = evaluate(&mut self.net, v, &mut self.bx, &mut self.by);
            (record.val_loss, record.val_metric) = (Some(loss), Some(metric));
        }
        if !record.train_loss.is_finite() || record.val_loss.is_some_and(|l| !l.is_finite()) {
            return Err(self.diverge(epoch, f32::INFINITY));
        }
        self.history.push(&record);
        if self.config.regularization != Regularization::None {
            let p = self.config.regularization.penalty(&self.net);
            self.history.penalty.push(p);
        }
        self.net.save_params(&mut self.good);
        self.stop = self
            .history
            .check(self.config.stop)
            .or_else(|| self.early_stop())
            .or((epoch >= self.config.max_epochs).then_some(StopReason::MaxEpochs));
        Ok(record)
    }

    /// Keeps the best weights so far; after `patience` epochs without a better watched
    /// loss, puts them back and says so.
    fn early_stop(&mut self) -> Option<StopReason> {
        let patience = self.config.patience?;
        let now = self
            .history
            .watched(self.history.epochs().checked_sub(1)?)?;
        if self.best.as_ref().is_none_or(|(best, _)| now < *best) {
            self.best = Some((now, self.good.clone()));
            self.since_best = 0;
            return None;
        }
        self.since_best += 1;
        if self.since_best < patience {
            return None;
        }
        if let Some((_, weights)) = &self.best {
            self.net.load_params(weights);
            self.good.clone_from(weights);
        }
        Some(StopReason::EarlyStop)
    }

    /// The epoch whose weights early stopping kept (the best watched loss), if any.
    pub fn best_epoch(&self) -> Option<usize> {
        self.best.as_ref()?;
        Some(self.history.epochs() - self.since_best)
    }

    /// Restores the last good weights, marks the run as diverged and returns the error.
    fn diverge(&mut self, epoch: usize, loss: f32) -> Error {
        self.net.load_params(&self.good);
        self.stop = Some(StopReason::Diverged);
        let good = epoch - 1;
        let e = Error::new(
            ErrorKind::Diverged,
            format!(
                "Training diverged in epoch {epoch} (the loss became {loss}). The weights are back to where they were after epoch {good}. Try a smaller learning rate or normalised inputs."
            ),
            format!("训练在第 {epoch} 轮发散（损失变成了 {loss}）。权重已恢复到第 {good} 轮结束时的值。请尝试更小的学习率或把输入归一化。"),
        );
        self.diverged = Some(e.clone());
        e
    }

    /// Trains until a stop rule or the epoch limit fires; returns why it stopped. A run
    /// that diverged keeps returning the divergence error.
    pub fn run(&mut self) -> Result<StopReason> {
        loop {
            if let Some(reason) = self.stop.filter(|r| *r != StopReason::Diverged) {
                return Ok(reason);
            }
            self.epoch()?;
        }
    }

    /// Loss and metric (accuracy or R²) of the network on `data`.
    pub fn evaluate(&mut self, data: &Data) -> (f32, f32) {
        evaluate(&mut self.net, data, &mut self.bx, &mut self.by)
    }

    /// Why the run stopped, once it has.
    pub fn stop_reason(&self) -> Option<StopReason> {
        self.stop
    }

    /// The curves so far.
    pub fn history(&self) -> &TrainingHistory {
        &self.history
    }

    /// The network being trained.
    pub fn network(&self) -> &Network {
        &self.net
    }

    /// The network, mutable (e.g. to run it on other inputs).
    pub fn network_mut(&mut self) -> &mut Network {
        &mut self.net
    }

    /// The settings of the run.
    pub fn config(&self) -> &TrainerConfig {
        &self.config
    }

    /// Ends the run and hands the network back.
    pub fn into_network(self) -> Network {
        self.net
    }
}
