//! The mini-batch loop of the shapes lesson (ch18.1–18.3): a network trained on one of the
//! generated image sets a few mini-batches per Step, the test set evaluated at the end of
//! every epoch (loss, accuracy, the first misclassified images).
//!
//! ```text
//! each epoch: shuffle the training images (seeded), then updates
//!             W ← optimizer(W, dW, η) on mini-batches of `batch` images
//! end of an epoch: cross-entropy and accuracy on the test images; stop after `epochs`
//! ```
//!
//! A divergence puts back the weights of the last good Step and is kept as the error.
//! [`ShapeRun::train_all`] runs the whole plan at once (the experiment table and tests).

use crate::error::Result;
use crate::lesson::digit_run::{train_or_restore, EpochRow};
use crate::nn::metrics::class_of;
use crate::nn::optim::Optimizer;
use crate::nn::{Data, Matrix, Network};
use crate::rng::Rng;
use crate::text::Text;
use crate::widget::Outcome;
use std::sync::Arc;

/// Misclassified test images kept for the chart.
pub const MISTAKES: usize = 12;
/// Rows per evaluation chunk.
const EVAL_ROWS: usize = 250;

/// Training and test images as the net sees them (grey rows for a DNN).
#[derive(Clone, Debug)]
pub struct Sets {
    /// Training images and one-hot labels.
    pub train: Data,
    /// Test images and one-hot labels.
    pub test: Data,
    /// The class of each test image.
    pub test_labels: Vec<usize>,
}

/// How a run trains.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plan {
    /// Learning rate η.
    pub eta: f64,
    /// Images per update.
    pub batch: usize,
    /// Updates per Step.
    pub batches_per_step: usize,
    /// Epochs to train.
    pub epochs: usize,
    /// Seed of the shuffles.
    pub seed: u64,
}

/// A network trained on a set of generated images.
#[derive(Clone, Debug)]
pub struct ShapeRun {
    plan: Plan,
    net: Network,
    optimizer: Box<dyn Optimizer>,
    sets: Arc<Sets>,
    rng: Rng,
    order: Vec<usize>,
    cursor: usize,
    updates: usize,
    epoch_loss: f64,
    epochs: Vec<EpochRow>,
    mistakes: Vec<(usize, usize, usize)>,
    steps: usize,
    good: Vec<f32>,
    done: Option<Text>,
}

impl ShapeRun {
    /// A run of `net` with `optimizer` on `sets`; epoch 0 (untrained) is evaluated.
    pub fn new(net: Network, optimizer: Box<dyn Optimizer>, sets: Arc<Sets>, plan: Plan) -> Self {
        let mut good = Vec::new();
        net.save_params(&mut good);
        let mut run = ShapeRun {
            rng: Rng::new(plan.seed),
            order: (0..sets.train.len()).collect(),
            plan,
            net,
            optimizer,
            sets,
            cursor: 0,
            updates: 0,
            epoch_loss: 0.0,
            epochs: Vec::new(),
            mistakes: Vec::new(),
            steps: 0,
            good,
            done: None,
        };
        run.close_epoch(0, None);
        run
    }

    /// The network.
    pub fn network(&self) -> &Network {
        &self.net
    }

    /// The images.
    pub fn sets(&self) -> &Sets {
        &self.sets
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

    /// Updates done.
    pub fn updates(&self) -> usize {
        self.updates
    }

    /// Steps done.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// The stop note, once training has ended.
    pub fn status(&self) -> Option<Text> {
        self.done.clone()
    }

    /// Up to [`MISTAKES`] misclassified test images at the last evaluation:
    /// (index in the test set, true class, predicted class).
    pub fn mistakes(&self) -> &[(usize, usize, usize)] {
        &self.mistakes
    }

    /// Loss and accuracy on the test set; records the first misclassified images.
    fn evaluate(&mut self) -> (f64, f64) {
        let d = Arc::clone(&self.sets);
        let (mut loss, mut correct) = (0.0f64, 0usize);
        self.mistakes.clear();
        let n = d.test.len();
        let k = d.test.y.cols;
        for start in (0..n).step_by(EVAL_ROWS) {
            let rows = EVAL_ROWS.min(n - start);
            let slice = |m: &Matrix| {
                let r = m.data[start * m.cols..(start + rows) * m.cols].to_vec();
                Matrix::from_vec(rows, m.cols, r).unwrap_or_default()
            };
            let (x, y) = (slice(&d.test.x), slice(&d.test.y));
            loss += self.net.loss(&x, &y) as f64 * rows as f64;
            for (r, row) in self.net.a().data.chunks_exact(k).enumerate() {
                let (truth, pred) = (d.test_labels[start + r], class_of(row));
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

    fn close_epoch(&mut self, epoch: usize, train_loss: Option<f64>) {
        let (test_loss, test_accuracy) = self.evaluate();
        self.epochs.push(EpochRow {
            epoch,
            train_loss,
            test_loss,
            test_accuracy,
        });
    }

    /// Trains up to `batches_per_step` mini-batches (fewer at the end of an epoch).
    pub fn step(&mut self) -> Result<Outcome> {
        if let Some(t) = &self.done {
            return Ok(Outcome::Done(t.clone()));
        }
        let d = Arc::clone(&self.sets);
        let n = self.order.len();
        if self.cursor == 0 {
            self.rng.shuffle(&mut self.order);
            self.epoch_loss = 0.0;
        }
        let (mut bx, mut by) = (Matrix::default(), Matrix::default());
        for _ in 0..self.plan.batches_per_step {
            let end = (self.cursor + self.plan.batch).min(n);
            let rows = &self.order[self.cursor..end];
            for (buf, src) in [(&mut bx, &d.train.x), (&mut by, &d.train.y)] {
                buf.resize(rows.len(), src.cols);
                for (dst, &i) in buf.data.chunks_exact_mut(src.cols).zip(rows) {
                    dst.copy_from_slice(src.row(i));
                }
            }
            let eta = self.plan.eta as f32;
            let trained = train_or_restore(
                &mut self.net,
                &bx,
                &by,
                &mut *self.optimizer,
                eta,
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
            self.close_epoch(epoch, Some(self.epoch_loss / n.max(1) as f64));
            if epoch >= self.plan.epochs {
                let acc = self.epochs.last().map_or(0.0, |r| r.test_accuracy);
                let unit = if epoch == 1 { "epoch" } else { "epochs" };
                let t = Text::new(
                    format!("Trained {epoch} {unit}: test accuracy {acc:.3}."),
                    format!("训练了 {epoch} 轮：测试准确率 {acc:.3}。"),
                );
                self.done = Some(t.clone());
                return Ok(Outcome::Done(t));
            }
        }
        Ok(Outcome::Stepped)
    }

    /// Steps until the plan's epochs are done (or the run diverges).
    pub fn train_all(&mut self) -> Result<()> {
        while let Outcome::Stepped = self.step()? {}
        Ok(())
    }
}
