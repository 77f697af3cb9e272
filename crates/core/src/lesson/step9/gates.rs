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
use super::minus_train::{check_pair, pair_status, train_cell, CellKind, HIDDEN};
use crate::error::{Error, ErrorKind, Result};
use crate::nn::layers::{Gru, Lstm, Mode, Rnn};
use crate::nn::{Matrix, Network};
use crate::params::{format_value, ParamSpec, Params};
use crate::text::Text;
use crate::widget::{Column, Outcome, Readout, Table, Widget, WidgetSpec};

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
    eta: f64,
    seed: u64,
    epochs: usize,
    pair: (usize, usize),
    net: Network,
    accuracy: Vec<f64>,
    steps: Vec<GateStep>,
    cursor: usize,
}

fn specs() -> [ParamSpec; 6] {
    let n = |key, en, zh, lo, hi, def| ParamSpec::number(key, Text::new(en, zh), lo, hi, 1.0, def);
    [
        ParamSpec::choice(
            "cell",
            Text::new("cell", "单元"),
            &[
                ("rnn", "plain RNN", "普通 RNN"),
                ("lstm", "LSTM", "LSTM"),
                ("gru", "GRU", "GRU"),
            ],
            "lstm",
        ),
        n("a", "a", "a", 0.0, 15.0, 13.0),
        n("b", "b (≤ a)", "b（≤ a）", 0.0, 15.0, 9.0),
        n(
            "epochs",
            "most epochs",
            "最多轮数",
            0.0,
            MAX_EPOCHS as f64,
            MAX_EPOCHS as f64,
        ),
        ParamSpec::number(
            "eta",
            Text::new("learning rate η", "学习率 η"),
            0.01,
            1.0,
            0.01,
            0.1,
        ),
        n("seed", "seed", "随机种子", 1.0, 1000.0, 1.0),
    ]
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
        self.pair
    }

    /// Accuracy after each epoch (entry 0: before training).
    pub fn accuracy_history(&self) -> &[f64] {
        &self.accuracy
    }

    /// The first epoch after which every pair was right.
    pub fn epoch_all_right(&self) -> Option<usize> {
        self.accuracy.iter().position(|&a| a == 1.0)
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
        WidgetSpec {
            name: "rnn-gates",
            title: Text::new(
                "LSTM and GRU gates, step by step",
                "LSTM 与 GRU 的门，逐步查看",
            ),
            params: specs().to_vec(),
            steppable: true,
            data: None,
        }
    }

    fn from_params(params: &Params) -> Result<Self> {
        let [sc, sa, sb, se, sh, ss] = specs();
        let kind = CellKind::parse(&params.choice(&sc)?).unwrap_or(CellKind::Lstm);
        let (a, b) = (params.number(&sa)? as usize, params.number(&sb)? as usize);
        check_pair(a, b)?;
        let epochs = params.number(&se)? as usize;
        let (eta, seed) = (params.number(&sh)?, params.number(&ss)? as u64);
        let (net, accuracy) = train_cell(kind, seed, eta as f32, epochs)?;
        let steps = gate_steps(&net, kind, a, b).ok_or_else(|| {
            Error::new(
                ErrorKind::Unknown,
                "The net has an unexpected form.",
                "网络结构不符合预期。",
            )
        })?;
        Ok(Gates {
            kind,
            eta,
            seed,
            epochs,
            pair: (a, b),
            net,
            accuracy,
            steps,
            cursor: 0,
        })
    }

    fn params(&self) -> Params {
        Params(vec![
            ("cell".into(), self.kind.name().into()),
            ("a".into(), self.pair.0.to_string()),
            ("b".into(), self.pair.1.to_string()),
            ("epochs".into(), self.epochs.to_string()),
            ("eta".into(), format_value(self.eta)),
            ("seed".into(), self.seed.to_string()),
        ])
    }

    fn step(&mut self) -> Result<Outcome> {
        self.cursor = (self.cursor + 1).min(BITS);
        Ok(if self.cursor >= BITS {
            Outcome::Done(Text::new(
                "Done: all four steps are shown; the last output bit is the highest one.",
                "完成：四个时间步都已显示；最后一步输出的是最高位。",
            ))
        } else {
            Outcome::Stepped
        })
    }

    fn steps(&self) -> usize {
        self.cursor
    }

    /// One row per (step, gate) shown: the H units' values side by side.
    fn table(&self) -> Table {
        let mut cols = vec![
            Column::count("t", "step t", "时间步 t"),
            Column::symbol("a_bit", "a_t"),
            Column::symbol("b_bit", "b_t"),
        ];
        let keys = ["u1", "u2", "u3", "u4"];
        let sub = ["₁", "₂", "₃", "₄"];
        cols.extend((0..HIDDEN).map(|k| Column::symbol(keys[k], &format!("unit{}", sub[k]))));
        cols.push(Column::symbol("y_hat", "ŷ"));
        let mut table = Table::new(cols, 3);
        for c in table.columns.iter_mut() {
            if ["a_bit", "b_bit"].contains(&c.key) {
                c.digits = Some(0);
            }
        }
        for (t, s) in self.steps.iter().take(self.cursor).enumerate() {
            for (name, values) in &s.rows {
                let mut row = vec![
                    Some((t + 1) as f64),
                    Some(s.x[0] as f64),
                    Some(s.x[1] as f64),
                ];
                row.extend(values.iter().map(|&v| Some(v as f64)));
                row.push((*name == "h").then_some(s.y_hat as f64));
                table.push_labelled(Text::same(format!("t{} {name}", t + 1)), row);
            }
        }
        table
    }

    fn readouts(&self) -> Vec<Readout> {
        let (a, b) = self.pair;
        let mut out = vec![
            Readout::new("a_minus_b", Text::same("a − b"), (a - b) as f64, 0),
            Readout::of(
                "answer",
                ("the net says", "网络的答案"),
                self.answer() as f64,
                0,
            ),
            Readout::of(
                "accuracy",
                ("right of 136 pairs", "136 对中答对的比例"),
                self.accuracy.last().copied().unwrap_or(0.0),
                4,
            ),
            Readout::of(
                "epochs",
                ("epochs trained", "训练轮数"),
                (self.accuracy.len() - 1) as f64,
                0,
            ),
        ];
        if let Some(e) = self.epoch_all_right() {
            out.push(Readout::of(
                "epoch_all",
                ("all right after epoch", "全部答对于第几轮"),
                e as f64,
                0,
            ));
        }
        out.push(Readout::of(
            "book_accuracy",
            ("book: accuracy (LSTM, GRU)", "书中准确率（LSTM、GRU）"),
            1.0,
            2,
        ));
        out
    }

    fn status(&self) -> Option<Text> {
        let (a, b) = self.pair;
        Some(pair_status(a, b, self.answer()))
    }
}

#[cfg(test)]
#[path = "gates_tests.rs"]
mod tests;
