//! The training state a Web Worker hands back to the page's copy of a widget (the
//! playground and `cnn-trainer` train in a worker; the page only restores and draws).

use super::{digit_run, trainer, AnyWidget};
use crate::error::{Error, ErrorKind, Result};
use crate::nn::Network;

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

/// The error of a worker state that does not fit the page's copy of the widget; `what`
/// (and `zh`) names the part that does not.
pub(crate) fn mismatch(what: &str, zh: &str) -> Error {
    Error::new(
        ErrorKind::BadState,
        format!("The training worker sent a state that does not fit this network ({what})."),
        format!("后台训练线程发来的状态与当前网络不符（{zh}）。"),
    )
}

/// Every tensor of `net`, in `Network::save_params` order (what a worker state sends).
pub(crate) fn weights_of(net: &Network) -> Vec<f32> {
    let mut weights = Vec::new();
    net.save_params(&mut weights);
    weights
}

/// A copy of `net` holding `weights` (from [`weights_of`] on a copy with the same
/// settings); a [`mismatch`] if they do not fit it.
pub(crate) fn with_weights(net: &Network, weights: &[f32]) -> Result<Network> {
    let mut net = net.clone();
    if !net.load_params(weights) {
        return Err(mismatch("weights", "权重"));
    }
    Ok(net)
}
