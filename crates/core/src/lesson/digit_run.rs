//! The digit run the digit widgets share (step 5's `digits`, step 7's `deep-digits`, step
//! 8's `cnn-trainer`, step 9's `rnn-rows`): the 10,000 shipped MNIST digits split into 8,000
//! to train and 2,000 held out, trained by the shared mini-batch loop
//! ([`super::epoch_loop`]) a few mini-batches per Step, the held-out set evaluated at the
//! end of every epoch.
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
pub use crate::lesson::epoch_loop::EpochRow;
use crate::lesson::epoch_loop::{EpochLoop, Evaluation, Sets};
use crate::nn::optim::{Optimizer, Schedule};
use crate::nn::{Data, Network};
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
pub struct DigitSet(Sets);

impl std::fmt::Debug for DigitSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "DigitSet({} train, {} test)",
            self.0.train.len(),
            self.0.test.len()
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
        Ok(DigitSet(Sets {
            train: Data::new(x, y, PIXELS, 10)?,
            test: Data::new(tx, ty, PIXELS, 10)?,
            test_labels,
        }))
    }
}

impl DigitSet {
    /// The 8,000 training digits.
    pub fn train(&self) -> &Data {
        &self.0.train
    }
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

impl DigitPlan {
    /// The plan of most digit widgets: a constant η and no stop rule; `batch` digits per
    /// update, `batches_per_step` updates per Step, at most `max_epochs` epochs.
    pub fn constant(
        eta: f64,
        batch: usize,
        batches_per_step: usize,
        max_epochs: usize,
        seed: u64,
    ) -> DigitPlan {
        DigitPlan {
            eta,
            schedule: Schedule::Constant,
            batch,
            batches_per_step,
            max_epochs,
            stop_loss: None,
            seed,
        }
    }
}

fn loading() -> Error {
    Error::new(
        ErrorKind::BadData,
        "The digits are still loading — Step works once they have arrived.",
        "手写数字还在加载中，加载完成后才能迭代。",
    )
}

/// A network trained on the digits a few mini-batches per Step; its progress (history,
/// updates, mistakes, …) is the [`EpochLoop`] it dereferences to.
#[derive(Clone, Debug)]
pub struct DigitRun {
    plan: DigitPlan,
    data: Option<Arc<DigitSet>>,
    run: EpochLoop,
}

#[path = "digit_run_snapshot.rs"]
mod snapshot;
pub use snapshot::DigitSnapshot;

impl std::ops::Deref for DigitRun {
    type Target = EpochLoop;
    fn deref(&self) -> &EpochLoop {
        &self.run
    }
}

impl DigitRun {
    /// A run of `net` with `optimizer`, waiting for the digits.
    pub fn new(net: Network, optimizer: Box<dyn Optimizer>, plan: DigitPlan) -> DigitRun {
        let eval = Evaluation {
            rows: EVAL_ROWS,
            mistakes: MISTAKES,
        };
        DigitRun {
            run: EpochLoop::new(net, optimizer, plan.seed, TRAIN, 10, eval),
            plan,
            data: None,
        }
    }

    /// The settings.
    pub fn plan(&self) -> &DigitPlan {
        &self.plan
    }

    /// Whether the digits have been attached.
    pub fn has_data(&self) -> bool {
        self.data.is_some()
    }

    /// Gives the run the digits (evaluates epoch 0).
    pub fn set_data(&mut self, set: Arc<DigitSet>) {
        self.run.close_epoch(&set.0, 0, None);
        self.data = Some(set);
    }

    /// Takes over the digits attached to `other` (after a setting changed).
    pub fn share_data(&mut self, other: &DigitRun) {
        if let (None, Some(d)) = (&self.data, &other.data) {
            self.set_data(Arc::clone(d));
        }
    }

    /// The 784 pixels (0 background … 1 ink, row-major) of test digit `i`.
    pub fn test_image(&self, i: usize) -> Option<&[f32]> {
        let d = &self.data.as_ref()?.0;
        (i < d.test.len()).then(|| d.test.x.row(i))
    }

    /// The label of test digit `i`.
    pub fn test_label(&self, i: usize) -> Option<usize> {
        self.data.as_ref()?.0.test_labels.get(i).copied()
    }

    /// The loading message until the digits are there, then the stop note.
    pub fn status(&self) -> Option<Text> {
        if self.data.is_none() {
            return Some(loading().text);
        }
        self.run.done.clone()
    }

    /// Trains up to `batches_per_step` mini-batches (fewer at the end of an epoch); stops
    /// once an epoch's mean training loss is below `stop_loss` or after `max_epochs`.
    pub fn step(&mut self) -> Result<Outcome> {
        let Some(d) = self.data.clone() else {
            return Err(loading());
        };
        let p = &self.plan;
        let stop = |run: &EpochLoop, epoch: usize, mean: f64| {
            if let Some(target) = p.stop_loss.filter(|&t| mean < t) {
                let (it, l, t) = (run.updates, fmt_num(mean, 4), fmt_num(target, 2));
                return Some(Text::new(
                    format!("Stopped after epoch {epoch} ({it} updates): the mean training loss {l} is below {t}."),
                    format!("第 {epoch} 轮后停止（{it} 次更新）：平均训练损失 {l} 低于 {t}。"),
                ));
            }
            (epoch >= p.max_epochs).then(|| {
                Text::new(
                    format!("Stopped after {epoch} epochs."),
                    format!("训练 {epoch} 轮后停止。"),
                )
            })
        };
        let lr = |t| p.schedule.rate(p.eta as f32, t);
        self.run.step(&d.0, lr, p.batch, p.batches_per_step, stop)
    }
}

/// The shipped digits for the tests, or `None` (with a note) when the file was not built.
#[cfg(test)]
pub(crate) fn real_file() -> Option<Vec<u8>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/mnist-10k.bin");
    let bytes = std::fs::read(path).ok();
    if bytes.is_none() {
        eprintln!("skipped: {path} is absent (run `cargo xtask mnist`)");
    }
    bytes
}
