//! Step 9, ch20.2–20.3 — the gates at work. The subtraction of ch19.2 (136 pairs a ≥ b of
//! four bits, least-significant first, one output bit per step) learned by a plain RNN, an
//! LSTM or a GRU with 4 hidden units (the book: LSTM and GRU both reach 100 %). After
//! training, the learner's pair is run forward once and every step's gate values are read
//! from the layer itself ([`crate::nn::layers::LstmCell::gates`],
//! [`crate::nn::layers::LstmCell::cell_states`], [`crate::nn::layers::GruCell::gates`]):
//!
//! ```text
//! LSTM  f = σ(·) forget   i = σ(·) input   g = tanh(·) candidate   o = σ(·) output
//!       c_t = f ⊙ c_{t−1} + i ⊙ g          h_t = o ⊙ tanh(c_t)
//! GRU   z = σ(·) update   r = σ(·) reset   n = tanh(·) candidate
//!       h_t = (1 − z) ⊙ h_{t−1} + z ⊙ n
//! RNN   h_t = tanh(x_t·U + h_{t−1}·W)      (no gates: only h)
//! ```
//!
//! Step shows one more time step of the pass.

use super::data::{minus_row, read_bits, BITS};
use super::minus_train::{train_cell, CellKind, HIDDEN};
use super::pair::{
    answer_readouts, epoch_all_right, pair_specs, pair_status, step_cells, step_columns,
    training_readouts, unexpected_form, PairSettings,
};
use crate::error::Result;
use crate::nn::layers::{Gru, Lstm, Mode, Rnn};
use crate::nn::{Matrix, Network};
use crate::params::{ParamSpec, Params};
use crate::text::Text;
use crate::widget::{show_next, Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// Epoch limit (the book's 100).
pub const MAX_EPOCHS: usize = 100;

/// One time step of the learner's pair: each gate's H values, then h_t and ŷ_t.
#[derive(Clone, Debug, PartialEq)]
pub struct GateStep {
    /// The two input bits (a's, b's).
    pub x: [f32; 2],
    /// (symbol, values of the H units) for each gate and state, in the cell's order.
    pub rows: Vec<(&'static str, Vec<f32>)>,
    /// The output ŷ_t.
    pub y_hat: f32,
}

/// The forward pass of `net` on (a, b), read from its first layer; `None` if the net's
/// first layer is not a recurrent layer of `kind`.
pub fn gate_steps(net: &Network, kind: CellKind, a: usize, b: usize) -> Option<Vec<GateStep>> {
    let mut net = net.clone();
    let (xr, _) = minus_row(a, b);
    let x = Matrix::from_vec(1, 2 * BITS, xr.to_vec())?;
    let y_hat = net.forward_mode(&x, Mode::Infer).data.clone();
    let layer = net.layers().first()?.as_any();
    let n = HIDDEN;
    let part = |m: &Matrix, k: usize| m.data[k * n..(k + 1) * n].to_vec();
    let mut out = Vec::with_capacity(BITS);
    for t in 0..BITS {
        let rows = match kind {
            CellKind::Lstm => {
                let l: &Lstm = layer.downcast_ref()?;
                let g = &l.cell.gates()[t];
                vec![
                    ("f", part(g, 0)),
                    ("i", part(g, 1)),
                    ("g", part(g, 2)),
                    ("o", part(g, 3)),
                    ("c", l.cell.cell_states()[t].data.clone()),
                    ("h", l.hs()[t].data.clone()),
                ]
            }
            CellKind::Gru => {
                let l: &Gru = layer.downcast_ref()?;
                let g = &l.cell.gates()[t];
                vec![
                    ("z", part(g, 0)),
                    ("r", part(g, 1)),
                    ("n", part(g, 2)),
                    ("h", l.hs()[t].data.clone()),
                ]
            }
            CellKind::Rnn => {
                let l: &Rnn = layer.downcast_ref()?;
                vec![("h", l.hs()[t].data.clone())]
            }
        };
        out.push(GateStep {
            x: [xr[2 * t], xr[2 * t + 1]],
            rows,
            y_hat: y_hat[t],
        });
    }
    Some(out)
}

/// The widget.
#[derive(Clone, Debug)]
pub struct Gates {
    kind: CellKind,
    settings: PairSettings,
    net: Network,
    accuracy: Vec<f64>,
    steps: Vec<GateStep>,
    cursor: usize,
}

fn specs() -> [ParamSpec; 6] {
    let [a, b, epochs, eta, seed] = pair_specs(9.0, MAX_EPOCHS);
    [CellKind::spec("lstm"), a, b, epochs, eta, seed]
}

impl Gates {
    /// The cell.
    pub fn kind(&self) -> CellKind {
        self.kind
    }

    /// The trained net.
    pub fn net(&self) -> &Network {
        &self.net
    }

    /// (a, b).
    pub fn pair(&self) -> (usize, usize) {
        self.settings.pair
    }

    /// Accuracy after each epoch (entry 0: before training).
    pub fn accuracy_history(&self) -> &[f64] {
        &self.accuracy
    }

    /// The first epoch after which every pair was right.
    pub fn epoch_all_right(&self) -> Option<usize> {
        epoch_all_right(&self.accuracy)
    }

    /// Every step of the pair's pass (shown or not).
    pub fn gate_steps(&self) -> &[GateStep] {
        &self.steps
    }

    /// Steps shown so far.
    pub fn shown(&self) -> usize {
        self.cursor
    }

    /// The net's answer for the pair.
    pub fn answer(&self) -> usize {
        let p: Vec<f32> = self.steps.iter().map(|s| s.y_hat).collect();
        read_bits(&p)
    }
}

impl Widget for Gates {
    fn spec() -> WidgetSpec {
        let title = (
            "LSTM and GRU gates, step by step",
            "LSTM 与 GRU 的门，逐步查看",
        );
        WidgetSpec::new("rnn-gates", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let [sc, sa, sb, se, sh, ss] = specs();
        let kind = CellKind::parse(&params.choice(&sc)?).unwrap_or(CellKind::Lstm);
        let settings = PairSettings::read(params, &[sa, sb, se, sh, ss])?;
        let PairSettings { pair, epochs, .. } = settings;
        let (net, accuracy) = train_cell(kind, settings.seed, settings.eta as f32, epochs)?;
        let steps = gate_steps(&net, kind, pair.0, pair.1).ok_or_else(unexpected_form)?;
        Ok(Gates {
            kind,
            settings,
            net,
            accuracy,
            steps,
            cursor: 0,
        })
    }

    fn params(&self) -> Params {
        let [a, b, epochs, eta, seed] = self.settings.values();
        Params::zip(&specs(), [self.kind.name().into(), a, b, epochs, eta, seed])
    }

    fn step(&mut self) -> Result<Outcome> {
        Ok(show_next(&mut self.cursor, BITS, || {
            Text::new(
                "Done: all four steps are shown; the last output bit is the highest one.",
                "完成：四个时间步都已显示；最后一步输出的是最高位。",
            )
        }))
    }

    fn steps(&self) -> usize {
        self.cursor
    }

    /// One row per (step, gate) shown: the H units' values side by side.
    fn table(&self) -> Table {
        let mut cols = step_columns();
        let keys = ["u1", "u2", "u3", "u4"];
        let sub = ["₁", "₂", "₃", "₄"];
        cols.extend((0..HIDDEN).map(|k| Column::symbol(keys[k], &format!("unit{}", sub[k]))));
        cols.push(Column::symbol("y_hat", "ŷ"));
        let shown = self.steps.iter().take(self.cursor).enumerate();
        let rows = shown.flat_map(|(t, s)| {
            s.rows.iter().map(move |(name, values)| {
                let mut row = step_cells(t, s.x);
                row.extend(values.iter().map(|&v| Some(v as f64)));
                row.push((*name == "h").then_some(s.y_hat as f64));
                (Text::same(format!("t{} {name}", t + 1)), row)
            })
        });
        Table::labelled(cols, 3, rows)
    }

    fn readouts(&self) -> Vec<Readout> {
        let mut out = answer_readouts(self.settings.pair, self.answer());
        out.extend(training_readouts(&self.accuracy));
        out.push(Readout::of(
            "book_accuracy",
            ("book: accuracy (LSTM, GRU)", "书中准确率（LSTM、GRU）"),
            1.0,
            2,
        ));
        out
    }

    fn status(&self) -> Option<Text> {
        let (a, b) = self.settings.pair;
        Some(pair_status(a, b, self.answer()))
    }
}

#[cfg(test)]
#[path = "gates_tests.rs"]
mod tests;
