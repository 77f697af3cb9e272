//! The training state a Web Worker hands back to the page's copy of a widget (the
//! playground and `cnn-trainer` train in a worker; the page only restores and draws).

use super::{digit_run, trainer, AnyWidget};
use crate::error::{Error, ErrorKind, Result};

/// The training state a Web Worker hands to the page's copy of a widget: the
/// playground's, or a digit run's (`cnn-trainer`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum WorkerState {
    /// The playground's.
    Trainer(trainer::Snapshot),
    /// A [`digit_run::DigitRun`]'s.
    Digits(digit_run::DigitSnapshot),
}

impl AnyWidget {
    /// The training state a Web Worker hands to the page's copy of the widget (the
    /// playground and `cnn-trainer` train in a worker); `None` for every other widget.
    pub fn snapshot(&self) -> Option<WorkerState> {
        match self {
            AnyWidget::Trainer(w) => Some(WorkerState::Trainer(w.snapshot())),
            AnyWidget::CnnTrainer(w) => Some(WorkerState::Digits(w.run().snapshot())),
            _ => None,
        }
    }

    /// Takes a [`WorkerState`] made by a copy with the same settings; an error (and
    /// nothing changed) if it does not fit or the widget has no worker state.
    pub fn restore(&mut self, s: &WorkerState) -> Result<()> {
        match (self, s) {
            (AnyWidget::Trainer(w), WorkerState::Trainer(s)) => w.restore(s),
            (AnyWidget::CnnTrainer(w), WorkerState::Digits(s)) => w.run_mut().restore(s),
            (w, _) => Err(Error::new(
                ErrorKind::BadState,
                format!(
                    "The widget “{}” does not train in a worker, or not this way.",
                    w.name()
                ),
                format!("组件“{}”不在后台线程中训练，或不以这种方式训练。", w.name()),
            )),
        }
    }
}
