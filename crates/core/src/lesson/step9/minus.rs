//! Step 9, ch19.2 — binary subtraction, bit by bit. A 2-4-1 recurrent net reads a and b
//! one bit pair per time step, least-significant first, and writes one bit of a − b per
//! step; the borrow is what it must carry in its state. Settings as in the book: tanh
//! hidden, logistic output at each step, no biases, N(0, 1) weights, η 0.1, batch 1, all
//! 136 pairs a ≥ b in 0..15 for training and testing, stop when every pair is right (the
//! book: epoch 5).
//!
//! The net is trained when the widget is built (`epochs` is the limit); Step then walks
//! through the unrolled pass for the learner's pair: four steps forward (h_t and ŷ_t), four
//! steps backward (δ_t, dh_t, dz_t and the summands ΔU_t, ΔW_t, ΔV_t), and a last step that
//! adds the summands up to the gradients ([`super::minus_view`]).

use super::data::BITS;
pub use super::minus_train::{accuracy, minus_net, train, HIDDEN};
use super::minus_view::{unroll, Unrolled};
use super::pair::{
    answer_readouts, epoch_all_right, pair_specs, pair_status, step_cells, step_columns,
    training_readouts, unexpected_form, PairSettings,
};
use crate::error::Result;
use crate::nn::Network;
use crate::params::{ParamSpec, Params};
use crate::text::Text;
use crate::widget::{show_next, Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// The book's epoch limit.
pub const MAX_EPOCHS: usize = 100;
/// Step positions: 4 forward, 4 backward, 1 for the sums.
pub const PHASES: usize = 2 * BITS + 1;

/// The widget.
#[derive(Clone, Debug)]
pub struct Minus {
    settings: PairSettings,
    net: Network,
    accuracy: Vec<f64>,
    view: Unrolled,
    cursor: usize,
}

fn specs() -> [ParamSpec; 5] {
    pair_specs(6.0, MAX_EPOCHS)
}

impl Minus {
    /// The trained net.
    pub fn net(&self) -> &Network {
        &self.net
    }

    /// (a, b).
    pub fn pair(&self) -> (usize, usize) {
        self.settings.pair
    }

    /// The unrolled pass for the learner's pair.
    pub fn view(&self) -> &Unrolled {
        &self.view
    }

    /// Accuracy after each epoch (entry 0: before training).
    pub fn accuracy_history(&self) -> &[f64] {
        &self.accuracy
    }

    /// The first epoch after which every pair was right.
    pub fn epoch_all_right(&self) -> Option<usize> {
        epoch_all_right(&self.accuracy)
    }

    /// Whether step t's forward values are shown yet.
    pub fn forward_shown(&self, t: usize) -> bool {
        self.cursor > t
    }

    /// Whether step t's backward values are shown yet (they come last step first).
    pub fn backward_shown(&self, t: usize) -> bool {
        self.cursor >= 2 * BITS - t
    }

    /// Whether the summed gradients are shown.
    pub fn sums_shown(&self) -> bool {
        self.cursor >= PHASES
    }
}

impl Widget for Minus {
    fn spec() -> WidgetSpec {
        let title = (
            "Binary subtraction, unrolled through time",
            "按时间展开的二进制减法",
        );
        WidgetSpec::new("rnn-minus", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let settings = PairSettings::read(params, &specs())?;
        let PairSettings { pair, epochs, .. } = settings;
        let (net, accuracy) = train(settings.seed, settings.eta as f32, epochs)?;
        let view = unroll(&net, pair.0, pair.1).ok_or_else(unexpected_form)?;
        Ok(Minus {
            settings,
            net,
            accuracy,
            view,
            cursor: 0,
        })
    }

    fn params(&self) -> Params {
        Params::zip(&specs(), self.settings.values())
    }

    fn step(&mut self) -> Result<Outcome> {
        Ok(show_next(&mut self.cursor, PHASES, || {
            Text::new(
                "Done: the four steps' summands add up to dU, dW and dV (the last column).",
                "完成：四个时间步的梯度分量相加，得到 dU、dW 和 dV（最后一列）。",
            )
        }))
    }

    fn steps(&self) -> usize {
        self.cursor
    }

    /// One row per time step: the forward values once shown, the deltas once shown.
    fn table(&self) -> Table {
        let mut cols = step_columns();
        let h_cols = ["h1", "h2", "h3", "h4"];
        let dz_cols = ["dz1", "dz2", "dz3", "dz4"];
        let sub = ["₁", "₂", "₃", "₄"];
        cols.extend((0..HIDDEN).map(|k| Column::symbol(h_cols[k], &format!("h{}", sub[k]))));
        cols.push(Column::symbol("y_hat", "ŷ"));
        cols.push(Column::symbol("y", "y").with_digits(0));
        cols.push(Column::symbol("delta", "δ = ŷ − y"));
        cols.extend((0..HIDDEN).map(|k| Column::symbol(dz_cols[k], &format!("dz{}", sub[k]))));
        let steps = self.view.steps.iter().enumerate();
        let shown = steps.take_while(|&(i, _)| self.forward_shown(i));
        let rows = shown.map(|(i, s)| {
            let back = self.backward_shown(i);
            let mut row = step_cells(i, s.x);
            row.extend(s.h.iter().map(|&v| Some(v as f64)));
            row.extend([Some(s.y_hat as f64), Some(s.y as f64)]);
            row.push(back.then_some(s.delta as f64));
            row.extend(s.dz.iter().map(|&v| back.then_some(v as f64)));
            row
        });
        Table::of(cols, 4, rows)
    }

    fn readouts(&self) -> Vec<Readout> {
        let mut out = answer_readouts(self.settings.pair, self.view.answer());
        let loss = self.view.loss as f64;
        out.push(Readout::of(
            "loss",
            ("loss of this pair", "这一对的损失"),
            loss,
            4,
        ));
        out.extend(training_readouts(&self.accuracy));
        let book = ("book: all right after epoch", "书中全部答对于第几轮");
        out.push(Readout::of("book_epoch", book, 5.0, 0));
        out
    }

    fn status(&self) -> Option<Text> {
        let (a, b) = self.settings.pair;
        Some(pair_status(a, b, self.view.answer()))
    }
}

#[cfg(test)]
#[path = "minus_tests.rs"]
mod tests;
