//! The playground's training state as plain numbers, so a Web Worker can train and the
//! page only draws: the worker sends a [`Snapshot`] after every few Steps and the page's
//! copy of the widget takes it with [`Playground::restore`].
//!
//! A snapshot holds what the chart, the table and the read-outs show — the weights, the
//! per-epoch history, the Step count and the closing note — not the trainer's shuffle
//! state: the copy that restores it only draws. Training always continues in the copy
//! that made it (the worker), and a URL still replays the same run from its Step count.

use super::{Playground, EPOCHS_PER_STEP};
use crate::error::Result;
use crate::experiment::ExperimentRecord;
use crate::lesson::worker_state::{mismatch, weights_of, with_weights};
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// Numbers per epoch in [`Snapshot::history`].
const PER_EPOCH: usize = 5;

/// What a [`Playground`] shows after some Steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Steps done.
    pub steps: usize,
    /// Every W and B, layer by layer (`Network::save_params`).
    pub weights: Vec<f32>,
    /// Per epoch: epoch, train loss, test loss, train accuracy, test accuracy.
    pub history: Vec<f32>,
    /// The closing note (limit reached, diverged), if any.
    pub done: Option<Text>,
}

impl Playground {
    /// The state to hand to a copy of this widget built from the same settings.
    pub fn snapshot(&self) -> Snapshot {
        let history = self
            .exp
            .history
            .iter()
            .flat_map(|r| {
                [
                    r.epoch as f32,
                    r.train_loss,
                    r.test_loss,
                    r.train_accuracy,
                    r.test_accuracy,
                ]
            })
            .collect();
        Snapshot {
            steps: self.steps,
            weights: weights_of(self.exp.trainer.network()),
            history,
            done: self.done.clone(),
        }
    }

    /// Takes a snapshot made by a copy with the same settings. A snapshot that does not
    /// fit (another network, a broken history) is refused and nothing changes.
    pub fn restore(&mut self, s: &Snapshot) -> Result<()> {
        if !s.history.len().is_multiple_of(PER_EPOCH) {
            return Err(mismatch("history", "历史记录"));
        }
        let history: Vec<ExperimentRecord> = s
            .history
            .chunks_exact(PER_EPOCH)
            .map(|c| ExperimentRecord {
                epoch: c[0] as usize,
                train_loss: c[1],
                test_loss: c[2],
                train_accuracy: c[3],
                test_accuracy: c[4],
            })
            .collect();
        let cap = self.exp.config.epochs;
        let consistent = history.len() <= cap
            && history.iter().enumerate().all(|(i, r)| r.epoch == i + 1)
            && s.steps * EPOCHS_PER_STEP < history.len() + EPOCHS_PER_STEP;
        if !consistent {
            return Err(mismatch("history", "历史记录"));
        }
        *self.exp.trainer.network_mut() = with_weights(self.exp.trainer.network(), &s.weights)?;
        // Each Step added the record of its last epoch (the last Step may stop early at
        // the epoch limit).
        self.rows = (0..s.steps)
            .filter_map(|i| {
                let end = ((i + 1) * EPOCHS_PER_STEP).min(history.len());
                end.checked_sub(1).and_then(|k| history.get(k)).copied()
            })
            .collect();
        self.exp.history = history;
        self.steps = s.steps;
        self.done = s.done.clone();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::params::Params;
    use crate::widget::Widget;

    fn spiral() -> Params {
        let mut p = Params::default();
        p.set("dataset", "spiral");
        p.set("layers", "8,8");
        p
    }

    #[test]
    fn a_restored_copy_shows_exactly_what_the_trainer_shows() {
        // The worker's copy trains 7 Steps; the page's copy, built from the same settings,
        // takes the snapshot and must then agree on every shown number and on the scores.
        let mut worker = Playground::from_params(&spiral()).unwrap();
        for _ in 0..7 {
            worker.step().unwrap();
        }
        let mut page = Playground::from_params(&spiral()).unwrap();
        page.restore(&worker.snapshot()).unwrap();
        assert_eq!(page.steps(), 7);
        assert_eq!(page.table(), worker.table());
        assert_eq!(page.readouts(), worker.readouts());
        assert_eq!(page.curve(), worker.curve());
        let grid = [(0.5, -1.0), (3.0, 2.0), (-4.0, 0.25)];
        assert_eq!(page.scores(&grid), worker.scores(&grid));
        // And a replay of the same 7 Steps (what a link does) is the same again.
        let mut replay = Playground::from_params(&spiral()).unwrap();
        for _ in 0..7 {
            replay.step().unwrap();
        }
        assert_eq!(replay.snapshot(), worker.snapshot());
    }

    #[test]
    fn the_closing_note_travels_with_the_state() {
        let mut p = spiral();
        p.set("lr", "10");
        p.set("act", "relu");
        // Train until the run ends: diverged (η = 10) or at the epoch limit, both with a note.
        let mut worker = Playground::from_params(&p).unwrap();
        while let Ok(crate::widget::Outcome::Stepped) = worker.step() {}
        assert!(worker.status().is_some());
        let mut page = Playground::from_params(&p).unwrap();
        page.restore(&worker.snapshot()).unwrap();
        assert_eq!(page.status(), worker.status());
        assert_eq!(page.table(), worker.table());
    }

    #[test]
    fn a_snapshot_of_another_network_is_refused_and_changes_nothing() {
        let mut worker = Playground::from_params(&spiral()).unwrap();
        worker.step().unwrap();
        let mut other = Params::default();
        other.set("layers", "2");
        let mut page = Playground::from_params(&other).unwrap();
        let before = page.snapshot();
        let e = page.restore(&worker.snapshot()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadState);
        assert!(e.text.zh.contains("权重"));
        assert_eq!(page.snapshot(), before);
        let mut broken = worker.snapshot();
        broken.history.pop();
        assert!(page.restore(&broken).is_err());
        let mut skipped = worker.snapshot();
        skipped.history[0] = 2.0;
        let mut same = Playground::from_params(&spiral()).unwrap();
        assert!(same.restore(&skipped).is_err());
    }
}
