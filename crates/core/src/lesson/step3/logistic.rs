//! Step 3, ch6 — binary classification with one logistic neuron (the Chu–Han border).
//!
//! a = σ(x·w + b), J = −[y·ln a + (1 − y)·ln(1 − a)]. The chain rule through σ and the
//! cross-entropy collapses to ∂J/∂z = a − y, so a batch of m samples gives
//! dW = Xᵀ(A − Y)/m and dB = mean(A − Y), exactly as in linear regression. The learned
//! boundary a = 0.5 is the line z = 0, i.e. x2 = −(w1/w2)·x1 − b/w2.

use crate::dataset::book::ch06;
use crate::error::Result;
use crate::nn::activation::sigmoid_f64 as sigmoid;
use crate::params::{ParamSpec, Params};
use crate::rng::Rng;
use crate::text::Text;
use crate::widget::{Column, Outcome, Readout, Table, Widget, WidgetSpec};

pub use super::epochs::DENSE_ROWS;

/// The book's query points (normalised longitude, latitude).
pub const QUERIES: [(f64, f64); 3] = [(0.58, 0.92), (0.62, 0.55), (0.39, 0.29)];
/// The book's stop rule on the loss.
pub const EPS: f64 = 1e-3;

/// Binary cross-entropy of the logit z for the label y: ln(1 + eᶻ) − y·z. Equal to
/// −[y·ln σ(z) + (1 − y)·ln(1 − σ(z))] but finite for every finite z.
pub fn loss_of_logit(z: f64, y: f64) -> f64 {
    // softplus(z) = max(z, 0) + ln(1 + e^−|z|) never overflows.
    z.max(0.0) + (-z.abs()).exp().ln_1p() - y * z
}

/// One logistic neuron a = σ(x·w + b) over `w.len()` inputs, zero-initialised as in the
/// book. Samples are rows of a flat `x`.
#[derive(Clone, Debug, PartialEq)]
pub struct LogitNeuron {
    /// Weights, one per input.
    pub w: Vec<f64>,
    /// Bias.
    pub b: f64,
}

impl LogitNeuron {
    /// All-zero weights and bias for `inputs` inputs.
    pub fn zeros(inputs: usize) -> LogitNeuron {
        LogitNeuron {
            w: vec![0.0; inputs],
            b: 0.0,
        }
    }

    /// z = x·w + b.
    pub fn z(&self, x: &[f64]) -> f64 {
        x.iter().zip(&self.w).map(|(x, w)| x * w).sum::<f64>() + self.b
    }

    /// a = σ(z), the probability of class 1.
    pub fn predict(&self, x: &[f64]) -> f64 {
        sigmoid(self.z(x))
    }

    /// One gradient step on the rows `idx` of `x` (labels `y`).
    pub fn update(&mut self, x: &[f64], y: &[f64], idx: &[usize], eta: f64) {
        let n = self.w.len();
        let (mut dw, mut db) = (vec![0.0; n], 0.0);
        for &i in idx {
            let row = &x[i * n..(i + 1) * n];
            // ∂J/∂z = a − y: σ'(z) = a(1 − a) cancels the cross-entropy's 1/(a(1 − a)).
            let dz = self.predict(row) - y[i];
            // ∂z/∂wⱼ = xⱼ, ∂z/∂b = 1.
            for (d, xj) in dw.iter_mut().zip(row) {
                *d += dz * xj;
            }
            db += dz;
        }
        let m = idx.len().max(1) as f64;
        for (w, d) in self.w.iter_mut().zip(&dw) {
            *w -= eta * d / m;
        }
        self.b -= eta * db / m;
    }

    /// One epoch: shuffle with `rng`, then one update per batch of `batch` samples.
    pub fn epoch(&mut self, x: &[f64], y: &[f64], batch: usize, eta: f64, rng: &mut Rng) {
        let mut order: Vec<usize> = (0..y.len()).collect();
        rng.shuffle(&mut order);
        for idx in order.chunks(batch.max(1)) {
            self.update(x, y, idx, eta);
        }
    }

    /// Mean binary cross-entropy over all samples.
    pub fn loss(&self, x: &[f64], y: &[f64]) -> f64 {
        let n = self.w.len();
        let total: f64 = (0..y.len())
            .map(|i| loss_of_logit(self.z(&x[i * n..(i + 1) * n]), y[i]))
            .sum();
        total / y.len().max(1) as f64
    }

    /// Share of samples on the right side of a = 0.5.
    pub fn accuracy(&self, x: &[f64], y: &[f64]) -> f64 {
        let n = self.w.len();
        let right = (0..y.len())
            .filter(|&i| (self.predict(&x[i * n..(i + 1) * n]) > 0.5) == (y[i] > 0.5))
            .count();
        right as f64 / y.len().max(1) as f64
    }

    /// Whether every parameter is a finite number of sane size.
    pub fn finite(&self) -> bool {
        self.w
            .iter()
            .chain([&self.b])
            .all(|v| v.is_finite() && v.abs() < 1e9)
    }

    /// The history of an all-zero neuron over `inputs` inputs on these samples: its
    /// epoch-0 record.
    pub fn zero_history(inputs: usize, x: &[f64], y: &[f64]) -> Epochs<LogitNeuron> {
        let net = LogitNeuron::zeros(inputs);
        let (loss, accuracy) = (net.loss(x, y), net.accuracy(x, y));
        Epochs::new(net, loss, accuracy)
    }

    /// The decision line x2 = slope·x1 + intercept of a two-input neuron (None when w2 = 0).
    pub fn line(&self) -> Option<(f64, f64)> {
        match self.w[..] {
            [w1, w2] if w2.abs() > 1e-12 => Some((-w1 / w2, -self.b / w2)),
            _ => None,
        }
    }
}

pub use super::epochs::diverged;
use super::epochs::{to_f64, Epochs, Settings};

/// One row of the training history, after `epoch` epochs.
pub type Record = super::epochs::Record<LogitNeuron>;

/// The `logistic` widget: 200 points of ch6, trained one epoch per step.
#[derive(Clone, Debug)]
pub struct Logistic {
    settings: Settings,
    /// Inputs, 200×2 row-major.
    pub x: Vec<f64>,
    /// Labels: 1 = Han, 0 = Chu.
    pub y: Vec<f64>,
    rng: Rng,
    history: Epochs<LogitNeuron>,
}

fn specs() -> [ParamSpec; 4] {
    // Seed 2 happens to give a draw close to the book's: loss 0.200 after 100 epochs.
    Settings::specs(200.0, 10000.0, 2.0)
}

impl Logistic {
    /// The training history, epoch 0 (all zeros) first.
    pub fn history(&self) -> &[Record] {
        self.history.records()
    }

    /// The neuron now.
    pub fn net(&self) -> &LogitNeuron {
        self.history.net()
    }
}

impl Widget for Logistic {
    fn spec() -> WidgetSpec {
        let title = (
            "Logistic regression: the Chu–Han border",
            "逻辑回归：楚汉之争的分界线",
        );
        WidgetSpec::new("logistic", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let settings = Settings::read(params, &specs())?;
        let seed = settings.seed;
        let data = ch06(seed);
        let (x, y) = (to_f64(&data.x), to_f64(&data.y));
        Ok(Logistic {
            settings,
            history: LogitNeuron::zero_history(2, &x, &y),
            x,
            y,
            rng: Rng::new(seed.wrapping_add(6)),
        })
    }

    fn params(&self) -> Params {
        self.settings.params()
    }

    fn step(&mut self) -> Result<Outcome> {
        let (x, y, s) = (&self.x, &self.y, self.settings);
        self.history
            .train(&mut self.rng, EPS, s.max_epochs, |net, rng| {
                net.epoch(x, y, s.batch, s.eta, rng);
                (net.loss(x, y), net.accuracy(x, y), net.finite())
            })
    }

    fn steps(&self) -> usize {
        self.history.steps()
    }

    fn table(&self) -> Table {
        Table::of_records(4, self.history.table_records())
            .column(Column::epoch(), |r| r.epoch as f64)
            .column(Column::loss(), |r| r.loss)
            .column(Column::symbol("w1", "w1"), |r| r.net.w[0])
            .column(Column::symbol("w2", "w2"), |r| r.net.w[1])
            .column(Column::symbol("b", "b"), |r| r.net.b)
            .column(Column::accuracy(), |r| r.accuracy)
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let r = self.history.last();
        let mut out = vec![
            Readout::of("loss", ("loss", "损失"), r.loss, 4),
            Readout::of("accuracy", ("accuracy", "准确率"), r.accuracy, 3),
        ];
        if let Some((slope, intercept)) = r.net.line() {
            out.push(Readout::of("slope", ("line slope", "分界线斜率"), slope, 3));
            out.push(Readout::of(
                "intercept",
                ("line intercept", "分界线截距"),
                intercept,
                3,
            ));
        }
        for (i, &(x1, x2)) in QUERIES.iter().enumerate() {
            let key = ["q1", "q2", "q3"][i];
            let a = r.net.predict(&[x1, x2]);
            out.push(Readout::new(
                key,
                Text::new(
                    format!("P(Han) at ({x1}, {x2})"),
                    format!("({x1}, {x2}) 属汉的概率"),
                ),
                a,
                3,
            ));
        }
        out
    }

    fn status(&self) -> Option<Text> {
        self.history.done().cloned()
    }
}

#[cfg(test)]
#[path = "logistic_tests.rs"]
mod tests;
