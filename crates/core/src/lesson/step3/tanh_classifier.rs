//! Step 3, ch6.6 — tanh instead of the logistic function as the binary classifier, in the
//! book's four attempts on the Chu–Han points (η 0.1, batch 10, at most 100 epochs,
//! stop when the loss < 10⁻³, checked after every second mini-batch as the book prints it):
//!
//! 1. `naive`: a = tanh(z) with the usual cross-entropy J = −[y·ln a + (1 − y)·ln(1 − a)].
//!    Its chain rule gives ∂J/∂z = (a − y)(1 + a)/a, and the zero start makes a = tanh 0 = 0:
//!    the first update divides by zero and the weights become NaN.
//! 2. `ce`: J = −[(1 + y)·ln(1 + a) + (1 − y)·ln(1 − a)] cancels tanh's (1 + a)(1 − a),
//!    ∂J/∂z = 2(a − y), but 1 ± a lies in (0, 2), so the "loss" goes negative (the book
//!    prints −0.188 after the second mini-batch) and the stop rule fires at once.
//! 3. `half`: J = −[(1 + y)·ln((1 + a)/2) + (1 − y)·ln((1 − a)/2)], same gradient, loss ≥ 0
//!    — but with labels 0/1 the class-0 points are pulled to a = 0, which is the border
//!    itself, so the line slides into class 0 (the book's "shifted to the right").
//! 4. `pm1`: the same loss with labels −1/1 and the border at a = 0: a correct classifier.
//!
//! Since (1 + tanh z)/2 = σ(2z), attempt 4 is logistic regression in disguise: its loss is
//! twice the cross-entropy of σ(2z) and its weights are half those of a logistic neuron
//! trained with 8η on the same shuffles (checked in the tests).

use crate::dataset::book::ch06;
use crate::error::Result;
pub use crate::lesson::step3::tanh_loss::Attempt;
use crate::params::{ParamSpec, Params};
use crate::rng::Rng;
use crate::text::{fmt_num, Text};
use crate::widget::{
    finish, finite, stopped_at_epoch, Column, Outcome, Readout, Table, Widget, WidgetSpec,
};

/// The book's stop rule on the loss.
pub const EPS: f64 = 1e-3;
/// The book's epoch limit in ch6.6.
pub const MAX_EPOCHS: usize = 100;
/// The loss is checked after every `CHECK_EVERY`-th mini-batch (the book prints iterations
/// 1, 3, 5, … of each epoch).
pub const CHECK_EVERY: usize = 2;

/// The state after some mini-batches.
#[derive(Clone, Debug, PartialEq)]
pub struct TanhState {
    /// Weights w1, w2.
    pub w: [f64; 2],
    /// Bias.
    pub b: f64,
    /// Mini-batches done.
    pub iteration: usize,
    /// Epochs begun.
    pub epoch: usize,
    /// Mean loss over all points at the last check.
    pub loss: f64,
}

impl TanhState {
    /// a = tanh(x·w + b).
    pub fn predict(&self, x: [f64; 2]) -> f64 {
        (x[0] * self.w[0] + x[1] * self.w[1] + self.b).tanh()
    }

    /// The border a = 0 as x2 = slope·x1 + intercept (None when w2 = 0).
    pub fn line(&self) -> Option<(f64, f64)> {
        (self.w[1].abs() > 1e-12).then(|| (-self.w[0] / self.w[1], -self.b / self.w[1]))
    }
}

/// The widget.
#[derive(Clone, Debug)]
pub struct TanhClassifier {
    attempt: Attempt,
    eta: f64,
    seed: u64,
    /// Points (x1, x2).
    pub x: Vec<[f64; 2]>,
    /// Classes 0/1 (the label used in training is [`Attempt::negative_label`] for 0).
    pub class: Vec<usize>,
    rng: Rng,
    /// States at every check, the start first.
    history: Vec<TanhState>,
    done: Option<Text>,
}

/// The choices of the `attempt` setting: (value, English, Chinese).
const ATTEMPTS: [(&str, &str, &str); 4] = [
    ("naive", "1 · plain cross-entropy", "1 · 原交叉熵"),
    ("ce", "2 · ln(1 ± a)", "2 · ln(1 ± a)"),
    (
        "half",
        "3 · ln((1 ± a)/2), labels 0/1",
        "3 · ln((1 ± a)/2)，标签 0/1",
    ),
    ("pm1", "4 · labels −1/1", "4 · 标签 −1/1"),
];

fn specs() -> [ParamSpec; 3] {
    [
        ParamSpec::choice("attempt", Text::new("attempt", "尝试"), &ATTEMPTS, "pm1"),
        ParamSpec::eta(0.01, 2.0, 0.01, 0.1),
        // The logistic widget's default draw, so the two pages show the same points.
        ParamSpec::data_seed(2.0),
    ]
}

impl TanhClassifier {
    /// The state now.
    pub fn state(&self) -> &TanhState {
        &self.history[self.history.len() - 1]
    }

    /// States at every check (every [`CHECK_EVERY`] mini-batches), the start first.
    pub fn history(&self) -> &[TanhState] {
        &self.history
    }

    /// Which attempt.
    pub fn attempt(&self) -> Attempt {
        self.attempt
    }

    fn label(&self, i: usize) -> f64 {
        if self.class[i] == 1 {
            1.0
        } else {
            self.attempt.negative_label()
        }
    }

    /// Mean loss over all points.
    pub fn loss(&self, s: &TanhState) -> f64 {
        let n = self.x.len().max(1) as f64;
        (0..self.x.len())
            .map(|i| self.attempt.loss(s.predict(self.x[i]), self.label(i)))
            .sum::<f64>()
            / n
    }

    /// Share of points on the right side of a = 0.
    pub fn accuracy(&self) -> f64 {
        let s = self.state();
        let right = (0..self.x.len())
            .filter(|&i| (s.predict(self.x[i]) > 0.0) == (self.class[i] == 1))
            .count();
        right as f64 / self.x.len().max(1) as f64
    }
}

impl Widget for TanhClassifier {
    fn spec() -> WidgetSpec {
        let title = ("Tanh as the classifier", "用双曲正切函数做二分类");
        WidgetSpec::new("tanh-classifier", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (attempt, eta, seed): (String, f64, u64) = params.read(&specs())?;
        let attempt = Attempt::parse(&attempt);
        let data = ch06(seed);
        let x = (0..data.n)
            .map(|i| {
                let r = data.row(i);
                [r[0] as f64, r[1] as f64]
            })
            .collect();
        let class = (0..data.n).map(|i| data.label_class(i)).collect();
        let mut w = TanhClassifier {
            attempt,
            eta,
            seed,
            x,
            class,
            // The same shuffles as the logistic widget's.
            rng: Rng::new(seed.wrapping_add(6)),
            history: Vec::new(),
            done: None,
        };
        let mut start = TanhState {
            w: [0.0; 2],
            b: 0.0,
            iteration: 0,
            epoch: 0,
            loss: 0.0,
        };
        start.loss = w.loss(&start);
        w.history.push(start);
        Ok(w)
    }

    fn params(&self) -> Params {
        let values = (self.attempt.key().to_string(), self.eta, self.seed);
        Params::write(&specs(), values)
    }

    /// One epoch of mini-batches of 10, checking the loss after every second one.
    fn step(&mut self) -> Result<Outcome> {
        if let Some(t) = &self.done {
            return Ok(Outcome::Done(t.clone()));
        }
        let mut s = self.state().clone();
        s.epoch += 1;
        let mut order: Vec<usize> = (0..self.x.len()).collect();
        self.rng.shuffle(&mut order);
        for idx in order.chunks(10) {
            let (mut dw, mut db) = ([0.0; 2], 0.0);
            for &i in idx {
                let d = self.attempt.dz(s.predict(self.x[i]), self.label(i));
                dw[0] += d * self.x[i][0];
                dw[1] += d * self.x[i][1];
                db += d;
            }
            let m = idx.len() as f64;
            s.w[0] -= self.eta * dw[0] / m;
            s.w[1] -= self.eta * dw[1] / m;
            s.b -= self.eta * db / m;
            s.iteration += 1;
            if !(s.w[0].is_finite() && s.w[1].is_finite() && s.b.is_finite()) {
                let n = s.iteration;
                let why = Text::new(
                    format!("Mini-batch {n} made the weights NaN: with w = b = 0, a = tanh 0 = 0 and ∂J/∂z = (a − y)(1 + a)/a divides by zero. The weights stay those before it."),
                    format!("第 {n} 个小批量让权重变成了 NaN：w = b = 0 时 a = tanh 0 = 0，∂J/∂z = (a − y)(1 + a)/a 除以了零。权重停在这一步之前。"),
                );
                return finish(&mut self.done, why);
            }
            if s.iteration.is_multiple_of(CHECK_EVERY) {
                s.loss = self.loss(&s);
                self.history.push(s.clone());
                if s.loss < EPS {
                    let (e, it, l) = (s.epoch, s.iteration, fmt_num(s.loss, 6));
                    let why = Text::new(
                        format!("Stopped in epoch {e} after mini-batch {it}: the loss {l} is below ε = 0.001."),
                        format!("第 {e} 轮第 {it} 个小批量后停止：损失 {l} 低于 ε = 0.001。"),
                    );
                    return finish(&mut self.done, why);
                }
            }
        }
        if !s.iteration.is_multiple_of(CHECK_EVERY) {
            s.loss = self.loss(&s);
            self.history.push(s.clone());
        }
        if s.epoch >= MAX_EPOCHS {
            return finish(&mut self.done, stopped_at_epoch(s.epoch, s.loss));
        }
        Ok(Outcome::Stepped)
    }

    fn steps(&self) -> usize {
        self.state().epoch
    }

    /// The state at the end of every epoch (and at the stop).
    fn table(&self) -> Table {
        let h = &self.history;
        let shown = h.iter().enumerate().filter(|&(k, s)| {
            let last_of_epoch = h.get(k + 1).is_none_or(|n| n.epoch != s.epoch);
            k == 0 || k == 1 || last_of_epoch
        });
        Table::of_records(4, shown.map(|(_, s)| s))
            .column(Column::epoch(), |s| s.epoch as f64)
            .column(Column::count("iteration", "mini-batch", "小批量"), |s| {
                s.iteration as f64
            })
            .maybe(Column::loss(), |s| finite(s.loss))
            .column(Column::symbol("w1", "w1"), |s| s.w[0])
            .column(Column::symbol("w2", "w2"), |s| s.w[1])
            .column(Column::symbol("b", "b"), |s| s.b)
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let s = self.state();
        // Attempt 1's loss at the start is −ln 0 = ∞: no read-out rather than a made-up one.
        let mut out: Vec<Readout> = s
            .loss
            .is_finite()
            .then(|| Readout::of("loss", ("loss", "损失"), s.loss, 4))
            .into_iter()
            .collect();
        let accuracy = ("accuracy (a > 0 ⇒ Han)", "准确率（a > 0 为汉）");
        out.push(Readout::of("accuracy", accuracy, self.accuracy(), 3));
        if let Some((slope, intercept)) = s.line() {
            out.push(Readout::of(
                "slope",
                ("border slope", "分界线斜率"),
                slope,
                3,
            ));
            let label = ("border intercept", "分界线截距");
            out.push(Readout::of("intercept", label, intercept, 3));
        }
        out
    }

    fn status(&self) -> Option<Text> {
        self.done.clone()
    }
}

#[cfg(test)]
#[path = "tanh_classifier_tests.rs"]
mod tests;
