//! The mini-batch loop the image runs share — the digits ([`super::digit_run::DigitRun`],
//! steps 5–9) and step 8's generated shapes ([`super::step8::shape_run::ShapeRun`]): the
//! training rows shuffled (seeded) at the start of every epoch, a few mini-batches per Step
//! so the page stays responsive, and the test set evaluated at the end of every epoch.
//!
//! ```text
//! each Step: up to `batches_per_step` updates  W ← optimizer(W, dW, η(t))
//! end of an epoch: cross-entropy and accuracy on the test set, the confusion matrix and
//!                  the first misclassified images; then the run's own stop rule
//! ```
//!
//! A loss or a weight that is no longer finite puts back the weights of the last good Step
//! and is kept as the error. The runs hold their data set and their stop rule; this loop
//! holds everything that changes while training, and the read-outs of it.

use crate::error::{Error, ErrorKind, Result};
use crate::nn::metrics::{class_of, ConfusionMatrix};
use crate::nn::optim::Optimizer;
use crate::nn::{Data, Matrix, Network, Regularization};
use crate::rng::Rng;
use crate::text::Text;
use crate::widget::Outcome;

/// Training and test images as the net sees them, with the class of each test image.
#[derive(Clone, Debug)]
pub struct Sets {
    /// Training images and one-hot labels.
    pub train: Data,
    /// Test images and one-hot labels.
    pub test: Data,
    /// The class of each test image.
    pub test_labels: Vec<usize>,
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
    /// Share of test images classified correctly.
    pub test_accuracy: f64,
}

/// How much of the test set a run looks at: rows per evaluation chunk (the loss is summed
/// chunk by chunk, so this is part of a run's numbers) and misclassified images kept.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evaluation {
    /// Rows per evaluation chunk.
    pub rows: usize,
    /// Misclassified test images kept for the chart.
    pub mistakes: usize,
}

/// One mini-batch update of `net` (no regularisation) at rate `lr`: a loss or a weight that
/// is no longer finite puts back the weights `good` of the last good Step and is the error.
fn train_or_restore(
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

/// A network in training on a set of images, a few mini-batches per Step.
#[derive(Clone, Debug)]
pub struct EpochLoop {
    pub(crate) net: Network,
    optimizer: Box<dyn Optimizer>,
    eval: Evaluation,
    rng: Rng,
    order: Vec<usize>,
    pub(crate) cursor: usize,
    pub(crate) updates: usize,
    epoch_loss: f64,
    pub(crate) epochs: Vec<EpochRow>,
    pub(crate) mistakes: Vec<(usize, usize, usize)>,
    pub(crate) confusion: ConfusionMatrix,
    pub(crate) steps: usize,
    pub(crate) good: Vec<f32>,
    pub(crate) done: Option<Text>,
}

impl EpochLoop {
    /// `net` with `optimizer` before its first update, for `train_rows` training images of
    /// `classes` classes, shuffled with `seed`.
    pub(crate) fn new(
        net: Network,
        optimizer: Box<dyn Optimizer>,
        seed: u64,
        train_rows: usize,
        classes: usize,
        eval: Evaluation,
    ) -> EpochLoop {
        let mut good = Vec::new();
        net.save_params(&mut good);
        EpochLoop {
            net,
            optimizer,
            eval,
            rng: Rng::new(seed),
            order: (0..train_rows).collect(),
            cursor: 0,
            updates: 0,
            epoch_loss: 0.0,
            epochs: Vec::new(),
            mistakes: Vec::new(),
            confusion: ConfusionMatrix::new(classes),
            steps: 0,
            good,
            done: None,
        }
    }

    /// The network.
    pub fn network(&self) -> &Network {
        &self.net
    }

    /// One row per evaluated epoch, from epoch 0.
    pub fn history(&self) -> &[EpochRow] {
        &self.epochs
    }

    /// Epochs trained, with the fraction of the current one.
    pub fn epoch(&self) -> f64 {
        let done = self.epochs.last().map_or(0, |r| r.epoch) as f64;
        done + self.cursor as f64 / self.order.len().max(1) as f64
    }

    /// Updates (mini-batches) done.
    pub fn updates(&self) -> usize {
        self.updates
    }

    /// Steps done.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// The first misclassified test images at the last evaluation:
    /// (index in the test set, true class, predicted class).
    pub fn mistakes(&self) -> &[(usize, usize, usize)] {
        &self.mistakes
    }

    /// The test images by (true, predicted) class at the last evaluation.
    pub fn confusion(&self) -> &ConfusionMatrix {
        &self.confusion
    }

    /// Loss and accuracy on the test set; records the confusion matrix and the first
    /// misclassified images.
    fn evaluate(&mut self, d: &Sets) -> (f64, f64) {
        let (mut loss, mut correct) = (0.0f64, 0usize);
        self.mistakes.clear();
        self.confusion = ConfusionMatrix::new(self.confusion.classes);
        let (n, k, chunk) = (d.test.len(), d.test.y.cols, self.eval.rows);
        for start in (0..n).step_by(chunk) {
            let rows = chunk.min(n - start);
            let slice = |m: &Matrix| {
                let r = m.data[start * m.cols..(start + rows) * m.cols].to_vec();
                Matrix::from_vec(rows, m.cols, r).unwrap_or_default()
            };
            let (x, y) = (slice(&d.test.x), slice(&d.test.y));
            loss += self.net.loss(&x, &y) as f64 * rows as f64;
            for (r, row) in self.net.a().data.chunks_exact(k).enumerate() {
                let (truth, pred) = (d.test_labels[start + r], class_of(row));
                self.confusion.add(truth, pred);
                if truth == pred {
                    correct += 1;
                } else if self.mistakes.len() < self.eval.mistakes {
                    self.mistakes.push((start + r, truth, pred));
                }
            }
        }
        let n = n.max(1) as f64;
        (loss / n, correct as f64 / n)
    }

    /// Evaluates the test set and appends the row of the epoch just finished.
    pub(crate) fn close_epoch(&mut self, d: &Sets, epoch: usize, train_loss: Option<f64>) {
        let (test_loss, test_accuracy) = self.evaluate(d);
        self.epochs.push(EpochRow {
            epoch,
            train_loss,
            test_loss,
            test_accuracy,
        });
    }

    /// Trains up to `batches_per_step` mini-batches of `batch` rows (fewer at the end of an
    /// epoch), update t at rate `lr(t)`. At the end of an epoch the test set is evaluated and
    /// `stop(self, epoch, mean training loss)` may end the run with its note.
    pub(crate) fn step(
        &mut self,
        d: &Sets,
        lr: impl Fn(usize) -> f32,
        batch: usize,
        batches_per_step: usize,
        stop: impl FnOnce(&EpochLoop, usize, f64) -> Option<Text>,
    ) -> Result<Outcome> {
        if let Some(t) = &self.done {
            return Ok(Outcome::Done(t.clone()));
        }
        let n = self.order.len();
        if self.cursor == 0 {
            self.rng.shuffle(&mut self.order);
            self.epoch_loss = 0.0;
        }
        let (mut bx, mut by) = (Matrix::default(), Matrix::default());
        for _ in 0..batches_per_step {
            let end = (self.cursor + batch).min(n);
            let rows = &self.order[self.cursor..end];
            for (buf, src) in [(&mut bx, &d.train.x), (&mut by, &d.train.y)] {
                buf.resize(rows.len(), src.cols);
                for (dst, &i) in buf.data.chunks_exact_mut(src.cols).zip(rows) {
                    dst.copy_from_slice(src.row(i));
                }
            }
            let rate = lr(self.updates);
            let trained = train_or_restore(
                &mut self.net,
                &bx,
                &by,
                &mut *self.optimizer,
                rate,
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
            if self.cursor == n {
                break;
            }
        }
        self.net.save_params(&mut self.good);
        self.steps += 1;
        if self.cursor == n {
            self.cursor = 0;
            let epoch = self.epochs.last().map_or(0, |r| r.epoch) + 1;
            let mean = self.epoch_loss / n.max(1) as f64;
            self.close_epoch(d, epoch, Some(mean));
            if let Some(t) = stop(self, epoch, mean) {
                self.done = Some(t.clone());
                return Ok(Outcome::Done(t));
            }
        }
        Ok(Outcome::Stepped)
    }
}
