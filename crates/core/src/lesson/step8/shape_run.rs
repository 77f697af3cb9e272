//! The mini-batch loop of the shapes lesson (ch18.1–18.3): a network trained on one of the
//! generated image sets a few mini-batches per Step by the shared loop
//! ([`crate::lesson::epoch_loop`]), the test set evaluated at the end of every epoch (loss,
//! accuracy, the first misclassified images).
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
use crate::lesson::epoch_loop::{EpochLoop, Evaluation};
use crate::nn::optim::Optimizer;
use crate::nn::Network;
use crate::text::Text;
use crate::widget::Outcome;
use std::sync::Arc;

pub use crate::lesson::epoch_loop::Sets;

/// Misclassified test images kept for the chart.
pub const MISTAKES: usize = 12;
/// Rows per evaluation chunk.
const EVAL_ROWS: usize = 250;

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

/// A network trained on a set of generated images; its progress (history, updates,
/// mistakes, …) is the [`EpochLoop`] it dereferences to.
#[derive(Clone, Debug)]
pub struct ShapeRun {
    plan: Plan,
    sets: Arc<Sets>,
    run: EpochLoop,
}

impl std::ops::Deref for ShapeRun {
    type Target = EpochLoop;
    fn deref(&self) -> &EpochLoop {
        &self.run
    }
}

impl ShapeRun {
    /// A run of `net` with `optimizer` on `sets`; epoch 0 (untrained) is evaluated.
    pub fn new(net: Network, optimizer: Box<dyn Optimizer>, sets: Arc<Sets>, plan: Plan) -> Self {
        let eval = Evaluation {
            rows: EVAL_ROWS,
            mistakes: MISTAKES,
        };
        let (rows, classes) = (sets.train.len(), sets.test.y.cols);
        let mut run = EpochLoop::new(net, optimizer, plan.seed, rows, classes, eval);
        run.close_epoch(&sets, 0, None);
        ShapeRun { plan, sets, run }
    }

    /// The images.
    pub fn sets(&self) -> &Sets {
        &self.sets
    }

    /// The stop note, once training has ended.
    pub fn status(&self) -> Option<Text> {
        self.run.done.clone()
    }

    /// Trains up to `batches_per_step` mini-batches (fewer at the end of an epoch).
    pub fn step(&mut self) -> Result<Outcome> {
        let p = self.plan;
        let stop = |run: &EpochLoop, epoch: usize, _mean: f64| {
            (epoch >= p.epochs).then(|| {
                let acc = run.history().last().map_or(0.0, |r| r.test_accuracy);
                let unit = if epoch == 1 { "epoch" } else { "epochs" };
                Text::new(
                    format!("Trained {epoch} {unit}: test accuracy {acc:.3}."),
                    format!("训练了 {epoch} 轮：测试准确率 {acc:.3}。"),
                )
            })
        };
        let lr = |_| p.eta as f32;
        self.run
            .step(&self.sets, lr, p.batch, p.batches_per_step, stop)
    }

    /// Steps until the plan's epochs are done (or the run diverges).
    pub fn train_all(&mut self) -> Result<()> {
        while let Outcome::Stepped = self.step()? {}
        Ok(())
    }
}
