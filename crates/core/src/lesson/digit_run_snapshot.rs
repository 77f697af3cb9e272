//! A [`DigitRun`]'s state as plain numbers, so a Web Worker can train a digit widget
//! (`cnn-trainer`, `deep-digits`, `digits`) and the page only draws: the worker sends a
//! [`DigitSnapshot`] after every few Steps and the page's copy restores it.
//!
//! It holds what the charts, the table and the read-outs show — the weights (batch norm's
//! running statistics included), the per-epoch rows, the Step, update and epoch-position
//! counters, the misclassified digits, the confusion matrix and the closing note — not the
//! shuffle state: training always continues in the copy that made the snapshot.

use super::{DigitRun, EpochRow, MISTAKES, TEST, TRAIN};
use crate::error::Result;
use crate::lesson::worker_state::{mismatch, weights_of, with_weights};
use crate::nn::ConfusionMatrix;
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// What a [`DigitRun`] shows after some Steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DigitSnapshot {
    /// Steps done.
    pub steps: usize,
    /// Mini-batch updates done.
    pub updates: usize,
    /// Training digits of the current epoch already used.
    pub cursor: usize,
    /// Every tensor of the network (`Network::save_params`).
    pub weights: Vec<f32>,
    /// Per evaluated epoch: epoch, mean training loss (none for epoch 0), test loss, test
    /// accuracy.
    pub history: Vec<(usize, Option<f64>, f64, f64)>,
    /// Misclassified test digits: (index, true digit, predicted digit).
    pub mistakes: Vec<(usize, usize, usize)>,
    /// The 10×10 confusion counts, row = true digit.
    pub confusion: Vec<usize>,
    /// The closing note (epoch limit, stop rule, divergence), if any.
    pub done: Option<Text>,
}

impl DigitRun {
    /// The state to hand to a copy of this run built from the same settings.
    pub fn snapshot(&self) -> DigitSnapshot {
        DigitSnapshot {
            steps: self.run.steps,
            updates: self.run.updates,
            cursor: self.run.cursor,
            weights: weights_of(&self.run.net),
            history: self
                .epochs
                .iter()
                .map(|r| (r.epoch, r.train_loss, r.test_loss, r.test_accuracy))
                .collect(),
            mistakes: self.run.mistakes.clone(),
            confusion: self.run.confusion.counts.clone(),
            done: self.run.done.clone(),
        }
    }

    /// Takes a snapshot made by a copy with the same settings. One that does not fit
    /// (another network, a broken history, digits out of range) is refused and nothing
    /// changes.
    pub fn restore(&mut self, s: &DigitSnapshot) -> Result<()> {
        let rows_ok = s.history.len() <= self.plan.max_epochs + 1
            && s.history.iter().enumerate().all(|(i, r)| r.0 == i)
            && s.history.iter().skip(1).all(|r| r.1.is_some());
        if !rows_ok || s.cursor >= TRAIN {
            return Err(mismatch("history", "历史记录"));
        }
        let digits_ok = s.mistakes.len() <= MISTAKES
            && s.mistakes
                .iter()
                .all(|&(i, t, p)| i < TEST && t < 10 && p < 10)
            && s.confusion.len() == 100;
        if !digits_ok {
            return Err(mismatch("test digits", "测试数字"));
        }
        self.run.net = with_weights(&self.run.net, &s.weights)?;
        self.run.good.clone_from(&s.weights);
        self.run.steps = s.steps;
        self.run.updates = s.updates;
        self.run.cursor = s.cursor;
        self.run.epochs = s
            .history
            .iter()
            .map(|&(epoch, train_loss, test_loss, test_accuracy)| EpochRow {
                epoch,
                train_loss,
                test_loss,
                test_accuracy,
            })
            .collect();
        self.run.mistakes.clone_from(&s.mistakes);
        self.run.confusion = ConfusionMatrix {
            classes: 10,
            counts: s.confusion.clone(),
        };
        self.run.done.clone_from(&s.done);
        Ok(())
    }
}
