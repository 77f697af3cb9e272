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
use super::minus_train::{check_pair, pair_status};
use super::minus_view::{unroll, Unrolled};
use crate::error::{Error, ErrorKind, Result};
use crate::nn::Network;
use crate::params::{format_value, ParamSpec, Params};
use crate::text::Text;
use crate::widget::{Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// The book's epoch limit.
pub const MAX_EPOCHS: usize = 100;
/// Step positions: 4 forward, 4 backward, 1 for the sums.
pub const PHASES: usize = 2 * BITS + 1;

/// The widget.
#[derive(Clone, Debug)]
pub struct Minus {
    eta: f64,
    seed: u64,
    epochs: usize,
    pair: (usize, usize),
    net: Network,
    accuracy: Vec<f64>,
    view: Unrolled,
    cursor: usize,
}

fn specs() -> [ParamSpec; 5] {
    let n = |key, en, zh, lo, hi, def| ParamSpec::number(key, Text::new(en, zh), lo, hi, 1.0, def);
    [
        n("a", "a", "a", 0.0, 15.0, 13.0),
        n("b", "b (≤ a)", "b（≤ a）", 0.0, 15.0, 6.0),
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

impl Minus {
    /// The trained net.
    pub fn net(&self) -> &Network {
        &self.net
    }

    /// (a, b).
    pub fn pair(&self) -> (usize, usize) {
        self.pair
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
        self.accuracy.iter().position(|&a| a == 1.0)
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
        WidgetSpec {
            name: "rnn-minus",
            title: Text::new(
                "Binary subtraction, unrolled through time",
                "按时间展开的二进制减法",
            ),
            params: specs().to_vec(),
            steppable: true,
            data: None,
        }
    }

    fn from_params(params: &Params) -> Result<Self> {
        let [sa, sb, se, sh, ss] = specs();
        let (a, b) = (params.number(&sa)? as usize, params.number(&sb)? as usize);
        check_pair(a, b)?;
        let epochs = params.number(&se)? as usize;
        let (eta, seed) = (params.number(&sh)?, params.number(&ss)? as u64);
        let (net, accuracy) = train(seed, eta as f32, epochs)?;
        let view = unroll(&net, a, b).ok_or_else(|| {
            Error::new(
                ErrorKind::Unknown,
                "The net has an unexpected form.",
                "网络结构不符合预期。",
            )
        })?;
        Ok(Minus {
            eta,
            seed,
            epochs,
            pair: (a, b),
            net,
            accuracy,
            view,
            cursor: 0,
        })
    }

    fn params(&self) -> Params {
        Params(vec![
            ("a".into(), self.pair.0.to_string()),
            ("b".into(), self.pair.1.to_string()),
            ("epochs".into(), self.epochs.to_string()),
            ("eta".into(), format_value(self.eta)),
            ("seed".into(), self.seed.to_string()),
        ])
    }

    fn step(&mut self) -> Result<Outcome> {
        if self.cursor < PHASES {
            self.cursor += 1;
        }
        Ok(if self.cursor >= PHASES {
            Outcome::Done(Text::new(
                "Done: the four steps' summands add up to dU, dW and dV (the last column).",
                "完成：四个时间步的梯度分量相加，得到 dU、dW 和 dV（最后一列）。",
            ))
        } else {
            Outcome::Stepped
        })
    }

    fn steps(&self) -> usize {
        self.cursor
    }

    /// One row per time step: the forward values once shown, the deltas once shown.
    fn table(&self) -> Table {
        let mut cols = vec![
            Column::count("t", "step t", "时间步 t"),
            Column::symbol("a_bit", "a_t"),
            Column::symbol("b_bit", "b_t"),
        ];
        let h_cols = ["h1", "h2", "h3", "h4"];
        let dz_cols = ["dz1", "dz2", "dz3", "dz4"];
        let sub = ["₁", "₂", "₃", "₄"];
        cols.extend((0..HIDDEN).map(|k| Column::symbol(h_cols[k], &format!("h{}", sub[k]))));
        cols.push(Column::symbol("y_hat", "ŷ"));
        cols.push(Column::symbol("y", "y"));
        cols.push(Column::symbol("delta", "δ = ŷ − y"));
        cols.extend((0..HIDDEN).map(|k| Column::symbol(dz_cols[k], &format!("dz{}", sub[k]))));
        let mut t = Table::new(cols, 4);
        for c in t.columns.iter_mut() {
            if ["a_bit", "b_bit", "y"].contains(&c.key) {
                c.digits = Some(0);
            }
        }
        for (i, s) in self.view.steps.iter().enumerate() {
            if !self.forward_shown(i) {
                break;
            }
            let back = self.backward_shown(i);
            let mut row = vec![
                Some((i + 1) as f64),
                Some(s.x[0] as f64),
                Some(s.x[1] as f64),
            ];
            row.extend(s.h.iter().map(|&v| Some(v as f64)));
            row.extend([Some(s.y_hat as f64), Some(s.y as f64)]);
            row.push(back.then_some(s.delta as f64));
            row.extend(s.dz.iter().map(|&v| back.then_some(v as f64)));
            t.rows.push(row);
        }
        t
    }

    fn readouts(&self) -> Vec<Readout> {
        let (a, b) = self.pair;
        let mut out = vec![
            Readout::new("a_minus_b", Text::same("a − b"), (a - b) as f64, 0),
            Readout::new(
                "answer",
                Text::new("the net says", "网络的答案"),
                self.view.answer() as f64,
                0,
            ),
            Readout::new(
                "loss",
                Text::new("loss of this pair", "这一对的损失"),
                self.view.loss as f64,
                4,
            ),
            Readout::new(
                "accuracy",
                Text::new("right of 136 pairs", "136 对中答对的比例"),
                self.accuracy.last().copied().unwrap_or(0.0),
                4,
            ),
            Readout::new(
                "epochs",
                Text::new("epochs trained", "训练轮数"),
                (self.accuracy.len() - 1) as f64,
                0,
            ),
        ];
        if let Some(e) = self.epoch_all_right() {
            out.push(Readout::new(
                "epoch_all",
                Text::new("all right after epoch", "全部答对于第几轮"),
                e as f64,
                0,
            ));
        }
        out.push(Readout::new(
            "book_epoch",
            Text::new("book: all right after epoch", "书中全部答对于第几轮"),
            5.0,
            0,
        ));
        out
    }

    fn status(&self) -> Option<Text> {
        let (a, b) = self.pair;
        Some(pair_status(a, b, self.view.answer()))
    }
}

#[cfg(test)]
#[path = "minus_tests.rs"]
mod tests;
