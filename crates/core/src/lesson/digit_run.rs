//! The mini-batch loop the digit widgets share (step 5's `digits`, step 7's `deep-digits`):
//! the 10,000 shipped MNIST digits split into 8,000 to train and 2,000 held out, a few
//! mini-batches per Step so the page stays responsive, and the held-out set evaluated at
//! the end of every epoch.
//!
//! ```text
//! each Step: up to `batches_per_step` updates  W ← optimizer(W, dW, η(t))
//! end of an epoch: loss and accuracy on the 2,000 held-out digits; stop when the epoch's
//!                  mean training loss < `stop_loss` (if set) or after `max_epochs`
//! ```
//!
//! A divergence puts back the weights of the last good Step and is kept as the error.

use crate::dataset::parse_mnist_bin;
use crate::error::{Error, ErrorKind, Result};
use crate::nn::metrics::{class_of, ConfusionMatrix};
use crate::nn::optim::{Optimizer, Schedule};
use crate::nn::{Data, Matrix, Network, Regularization};
use crate::rng::Rng;
use crate::text::{fmt_num, Text};
use crate::widget::Outcome;
use std::sync::Arc;

/// The data file, relative to the site root.
pub const DATA_FILE: &str = "data/mnist-10k.bin";
/// Training digits (the first ones of the file; the samples table).
pub const TRAIN: usize = crate::dataset::sizes::DIGITS.train;
/// Held-out test digits (the last ones of the file).
pub const TEST: usize = crate::dataset::sizes::DIGITS.test;
/// Pixels per digit.
pub const PIXELS: usize = 784;
/// Misclassified test digits kept for the chart.
pub const MISTAKES: usize = 24;
/// Rows per evaluation chunk.
const EVAL_ROWS: usize = 500;

/// The digits of the file, split into training and test sets.
pub struct DigitSet {
    train: Data,
    test: Data,
    test_labels: Vec<usize>,
}

impl std::fmt::Debug for DigitSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "DigitSet({} train, {} test)",
            self.train.len(),
            self.test.len()
        )
    }
}

impl DigitSet {
    /// Reads the shipped file (`data/mnist-10k.bin`): 10,000 digits of 28×28 pixels.
    pub fn parse(bytes: &[u8]) -> Result<DigitSet> {
        let d = parse_mnist_bin(bytes)?;
        if d.n != TRAIN + TEST || d.features != PIXELS || d.outputs != 10 {
            return Err(Error::new(
                ErrorKind::BadData,
                format!(
                    "Expected {} digits of 28×28 pixels, the file has {} of {} pixels.",
                    TRAIN + TEST,
                    d.n,
                    d.features
                ),
                format!(
                    "需要 {} 幅 28×28 像素的数字，文件中有 {} 幅 {} 像素的图像。",
                    TRAIN + TEST,
                    d.n,
                    d.features
                ),
            ));
        }
        let test_labels = (TRAIN..d.n).map(|i| d.label_class(i)).collect();
        let (mut x, mut y) = (d.x, d.y);
        let (tx, ty) = (x.split_off(TRAIN * PIXELS), y.split_off(TRAIN * 10));
        Ok(DigitSet {
            train: Data::new(x, y, PIXELS, 10)?,
            test: Data::new(tx, ty, PIXELS, 10)?,
            test_labels,
        })
    }
}

impl DigitSet {
    /// The 8,000 training digits.
    pub fn train(&self) -> &Data {
        &self.train
    }
}

/// One row of the table: the state at the end of an epoch (epoch 0: untrained).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EpochRow {
    /// Epoch.
    pub epoch: usize,
    /// Mean mini-batch loss over the epoch (none for epoch 0).
    pub train_loss: Option<f64>,
    /// Cross-entropy on the test set.
    pub test_loss: f64,
    /// Share of test digits classified correctly.
    pub test_accuracy: f64,
}

/// How a digit run trains and when it stops.
#[derive(Clone, Debug)]
pub struct DigitPlan {
    /// Base learning rate η.
    pub eta: f64,
    /// How η changes over the updates.
    pub schedule: Schedule,
    /// Samples per update.
    pub batch: usize,
    /// Updates per Step.
    pub batches_per_step: usize,
    /// Epoch limit.
    pub max_epochs: usize,
    /// Stop once an epoch's mean training loss is below this.
    pub stop_loss: Option<f64>,
    /// Seed of the shuffles.
    pub seed: u64,
}

fn loading() -> Error {
    Error::new(
        ErrorKind::BadData,
        "The digits are still loading — Step works once they have arrived.",
        "手写数字还在加载中，加载完成后才能迭代。",
    )
}

/// One mini-batch update of `net` (no regularisation) at rate `lr`, for the runs that train
/// a few mini-batches per Step (this one and step 8's shape run): a loss or a weight that is
/// no longer finite puts back the weights `good` of the last good Step and is the error.
pub(crate) fn train_or_restore(
    net: &mut Network,
    x: &Matrix,
    y: &Matrix,
    optimizer: &mut dyn Optimizer,
    lr: f32,
    good: &[f32],
) -> Result<f32> {
    let loss = net.train_batch_with(x, y, optimizer, Regularization::None, lr);
    if loss.is_finite() && net.is_finite() {
        return Ok(loss);
    }
    net.load_params(good);
    Err(Error::new(
        ErrorKind::Diverged,
        "Training diverged (the loss is no longer a number); the weights are back to the last good step. Try a smaller learning rate.",
        "训练发散了（损失不再是有限数）；权重已恢复到上一个正常的迭代。请尝试更小的学习率。",
    ))
}

/// A network trained on the digits a few mini-batches per Step.
#[derive(Clone, Debug)]
pub struct DigitRun {
    plan: DigitPlan,
    net: Network,
    optimizer: Box<dyn Optimizer>,
    rng: Rng,
    data: Option<Arc<DigitSet>>,
    order: Vec<usize>,
    cursor: usize,
    updates: usize,
    epoch_loss: f64,
    epochs: Vec<EpochRow>,
    mistakes: Vec<(usize, usize, usize)>,
    confusion: ConfusionMatrix,
    steps: usize,
    good: Vec<f32>,
    done: Option<Text>,
}

#[path = "digit_run_snapshot.rs"]
mod snapshot;
pub use snapshot::DigitSnapshot;

impl DigitRun {
    /// A run of `net` with `optimizer`, waiting for the digits.
    pub fn new(net: Network, optimizer: Box<dyn Optimizer>, plan: DigitPlan) -> DigitRun {
        let mut good = Vec::new();
        net.save_params(&mut good);
        DigitRun {
            rng: Rng::new(plan.seed),
            plan,
            net,
            optimizer,
            data: None,
            order: (0..TRAIN).collect(),
            cursor: 0,
            updates: 0,
            epoch_loss: 0.0,
            epochs: Vec::new(),
            mistakes: Vec::new(),
            confusion: ConfusionMatrix::new(10),
            steps: 0,
            good,
            done: None,
        }
    }

    /// The settings.
    pub fn plan(&self) -> &DigitPlan {
        &self.plan
    }

    /// The network.
    pub fn network(&self) -> &Network {
        &self.net
    }

    /// Whether the digits have been attached.
    pub fn has_data(&self) -> bool {
        self.data.is_some()
    }

    /// Gives the run the digits (evaluates epoch 0).
    pub fn set_data(&mut self, set: Arc<DigitSet>) {
        self.data = Some(set);
        self.close_epoch(0, None);
    }

    /// Takes over the digits attached to `other` (after a setting changed).
    pub fn share_data(&mut self, other: &DigitRun) {
        if let (None, Some(d)) = (&self.data, &other.data) {
            self.set_data(Arc::clone(d));
        }
    }

    /// One row per evaluated epoch, from epoch 0.
    pub fn history(&self) -> &[EpochRow] {
        &self.epochs
    }

    /// Epochs trained, with the fraction of the current one.
    pub fn epoch(&self) -> f64 {
        let done = self.epochs.last().map_or(0, |r| r.epoch) as f64;
        done + self.cursor as f64 / TRAIN as f64
    }

    /// Updates (mini-batches) done.
    pub fn updates(&self) -> usize {
        self.updates
    }

    /// Steps done.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// Up to [`MISTAKES`] misclassified test digits at the last evaluation:
    /// (index in the test set, true digit, predicted digit).
    pub fn mistakes(&self) -> &[(usize, usize, usize)] {
        &self.mistakes
    }

    /// The test digits by (true, predicted) class at the last evaluation.
    pub fn confusion(&self) -> &ConfusionMatrix {
        &self.confusion
    }

    /// The 784 pixels (0 background … 1 ink, row-major) of test digit `i`.
    pub fn test_image(&self, i: usize) -> Option<&[f32]> {
        let d = self.data.as_ref()?;
        (i < d.test.len()).then(|| d.test.x.row(i))
    }

    /// The label of test digit `i`.
    pub fn test_label(&self, i: usize) -> Option<usize> {
        self.data.as_ref()?.test_labels.get(i).copied()
    }

    /// The loading message until the digits are there, then the stop note.
    pub fn status(&self) -> Option<Text> {
        if self.data.is_none() {
            return Some(loading().text);
        }
        self.done.clone()
    }

    /// Loss and accuracy on the test set; records the first misclassified digits.
    fn evaluate(&mut self) -> (f64, f64) {
        let Some(d) = self.data.clone() else {
            return (0.0, 0.0);
        };
        let (mut loss, mut correct) = (0.0f64, 0usize);
        self.mistakes.clear();
        self.confusion = ConfusionMatrix::new(10);
        let n = d.test.len();
        for start in (0..n).step_by(EVAL_ROWS) {
            let rows = EVAL_ROWS.min(n - start);
            let slice = |m: &Matrix| {
                let r = m.data[start * m.cols..(start + rows) * m.cols].to_vec();
                Matrix::from_vec(rows, m.cols, r).unwrap_or_default()
            };
            let (x, y) = (slice(&d.test.x), slice(&d.test.y));
            loss += self.net.loss(&x, &y) as f64 * rows as f64;
            for (r, row) in self.net.a().data.chunks_exact(10).enumerate() {
                let (truth, pred) = (d.test_labels[start + r], class_of(row));
                self.confusion.add(truth, pred);
                if truth == pred {
                    correct += 1;
                } else if self.mistakes.len() < MISTAKES {
                    self.mistakes.push((start + r, truth, pred));
                }
            }
        }
        let n = n.max(1) as f64;
        (loss / n, correct as f64 / n)
    }

    /// Evaluates the test set and appends the row of the epoch just finished.
    fn close_epoch(&mut self, epoch: usize, train_loss: Option<f64>) {
        let (test_loss, test_accuracy) = self.evaluate();
        self.epochs.push(EpochRow {
            epoch,
            train_loss,
            test_loss,
            test_accuracy,
        });
    }

    fn finish(&mut self, t: Text) -> Result<Outcome> {
        self.done = Some(t.clone());
        Ok(Outcome::Done(t))
    }

    /// Trains up to `batches_per_step` mini-batches (fewer at the end of an epoch).
    pub fn step(&mut self) -> Result<Outcome> {
        let Some(d) = self.data.clone() else {
            return Err(loading());
        };
        if let Some(t) = &self.done {
            return Ok(Outcome::Done(t.clone()));
        }
        if self.cursor == 0 {
            self.rng.shuffle(&mut self.order);
            self.epoch_loss = 0.0;
        }
        let (mut bx, mut by) = (Matrix::default(), Matrix::default());
        for _ in 0..self.plan.batches_per_step {
            let end = (self.cursor + self.plan.batch).min(TRAIN);
            let rows = &self.order[self.cursor..end];
            for (buf, src) in [(&mut bx, &d.train.x), (&mut by, &d.train.y)] {
                buf.resize(rows.len(), src.cols);
                for (dst, &i) in buf.data.chunks_exact_mut(src.cols).zip(rows) {
                    dst.copy_from_slice(src.row(i));
                }
            }
            let lr = self.plan.schedule.rate(self.plan.eta as f32, self.updates);
            let trained = train_or_restore(
                &mut self.net,
                &bx,
                &by,
                &mut *self.optimizer,
                lr,
                &self.good,
            );
            let loss = match trained {
                Ok(loss) => loss,
                Err(e) => {
                    self.done = Some(e.text.clone());
                    return Err(e);
                }
            };
            self.updates += 1;
            self.epoch_loss += loss as f64 * rows.len() as f64;
            self.cursor = end;
            if self.cursor == TRAIN {
                break;
            }
        }
        self.net.save_params(&mut self.good);
        self.steps += 1;
        if self.cursor == TRAIN {
            self.cursor = 0;
            let epoch = self.epochs.last().map_or(0, |r| r.epoch) + 1;
            let mean = self.epoch_loss / TRAIN as f64;
            self.close_epoch(epoch, Some(mean));
            if let Some(target) = self.plan.stop_loss.filter(|&t| mean < t) {
                let (it, l, t) = (self.updates, fmt_num(mean, 4), fmt_num(target, 2));
                return self.finish(Text::new(
                    format!("Stopped after epoch {epoch} ({it} updates): the mean training loss {l} is below {t}."),
                    format!("第 {epoch} 轮后停止（{it} 次更新）：平均训练损失 {l} 低于 {t}。"),
                ));
            }
            if epoch >= self.plan.max_epochs {
                return self.finish(Text::new(
                    format!("Stopped after {epoch} epochs."),
                    format!("训练 {epoch} 轮后停止。"),
                ));
            }
        }
        Ok(Outcome::Stepped)
    }
}
