//! Step 3, ch7 — multi-class classification with softmax (the Three Kingdoms).
//!
//! Z = X·W + B (W is 2×3), A = softmax(Z) with aⱼ = e^{zⱼ} / Σₖ e^{zₖ}, and the
//! multi-class cross-entropy J = −Σⱼ yⱼ·ln aⱼ for a one-hot label y. As in ch6 the chain
//! rule collapses to ∂J/∂Z = A − Y, so dW = Xᵀ(A − Y)/m and dB = mean(A − Y). Inputs are
//! min-max normalised (the book's `NormalizeX`); queries are scaled the same way.

use super::epochs::{to_f64, Epochs, Settings};
use crate::dataset::book::ch07;
use crate::error::Result;
use crate::params::{ParamSpec, Params};
use crate::rng::Rng;
use crate::text::Text;
use crate::widget::{Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// Number of classes: Wei, Shu, Wu.
pub const K: usize = 3;
/// The book's query points.
pub const QUERIES: [(f64, f64); 4] = [(5.0, 1.0), (7.0, 6.0), (5.0, 6.0), (2.0, 7.0)];
/// The book's stop rule on the loss.
pub const EPS: f64 = 1e-3;
/// Names of the classes, book numbering 1, 2, 3 (stored 0, 1, 2).
pub const KINGDOMS: [(&str, &str); K] = [("Wei", "魏"), ("Shu", "蜀"), ("Wu", "吴")];

/// softmax(z), computed after subtracting max z so that no exponent overflows.
pub fn softmax(z: &[f64]) -> Vec<f64> {
    let top = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - top).exp()).collect();
    let sum: f64 = e.iter().sum();
    e.iter().map(|v| v / sum).collect()
}

/// −ln softmax(z)[class] = ln Σₖ e^{zₖ} − z_class, finite for every finite z.
pub fn loss_of_logits(z: &[f64], class: usize) -> f64 {
    let top = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let lse = top + z.iter().map(|v| (v - top).exp()).sum::<f64>().ln();
    lse - z[class]
}

/// A single softmax layer over two inputs, zero-initialised as in the book.
#[derive(Clone, Debug, PartialEq)]
pub struct SoftmaxLayer {
    /// W[i][j]: from input i to class j (2×3).
    pub w: [[f64; K]; 2],
    /// B[j].
    pub b: [f64; K],
}

impl SoftmaxLayer {
    /// z = x·W + B.
    pub fn z(&self, x: &[f64]) -> [f64; K] {
        std::array::from_fn(|j| x[0] * self.w[0][j] + x[1] * self.w[1][j] + self.b[j])
    }

    /// Class probabilities for a normalised input.
    pub fn predict(&self, x: &[f64]) -> Vec<f64> {
        softmax(&self.z(x))
    }

    /// One gradient step on the rows `idx` of `x` with classes `c`.
    pub fn update(&mut self, x: &[f64], c: &[usize], idx: &[usize], eta: f64) {
        let (mut dw, mut db) = ([[0.0; K]; 2], [0.0; K]);
        for &i in idx {
            let row = &x[2 * i..2 * i + 2];
            let a = self.predict(row);
            for j in 0..K {
                // ∂J/∂zⱼ = aⱼ − yⱼ (softmax's Jacobian times −y/a).
                let dz = a[j] - (c[i] == j) as u8 as f64;
                dw[0][j] += dz * row[0];
                dw[1][j] += dz * row[1];
                db[j] += dz;
            }
        }
        let m = idx.len().max(1) as f64;
        for j in 0..K {
            self.w[0][j] -= eta * dw[0][j] / m;
            self.w[1][j] -= eta * dw[1][j] / m;
            self.b[j] -= eta * db[j] / m;
        }
    }

    /// Mean cross-entropy and accuracy over all samples.
    pub fn evaluate(&self, x: &[f64], c: &[usize]) -> (f64, f64) {
        let (mut loss, mut right) = (0.0, 0usize);
        for (i, &ci) in c.iter().enumerate() {
            let z = self.z(&x[2 * i..2 * i + 2]);
            loss += loss_of_logits(&z, ci);
            right += (argmax(&z) == ci) as usize;
        }
        let m = c.len().max(1) as f64;
        (loss / m, right as f64 / m)
    }

    fn finite(&self) -> bool {
        self.w
            .iter()
            .flatten()
            .chain(&self.b)
            .all(|v| v.is_finite() && v.abs() < 1e9)
    }
}

/// Index of the largest value (the first on ties).
pub fn argmax(v: &[f64]) -> usize {
    (0..v.len()).fold(0, |best, j| if v[j] > v[best] { j } else { best })
}

/// One row of the history: the layer after `epoch` epochs.
pub type Record = super::epochs::Record<SoftmaxLayer>;

/// The `softmax` widget: about 140 points of ch7 in three classes, one epoch per step.
#[derive(Clone, Debug)]
pub struct Softmax {
    settings: Settings,
    /// Raw inputs in [0, 10)², n×2 row-major.
    pub raw: Vec<f64>,
    /// Classes 0 (Wei), 1 (Shu), 2 (Wu).
    pub class: Vec<usize>,
    x: Vec<f64>,
    /// Column minimum and range of the normalisation.
    scale: [(f64, f64); 2],
    rng: Rng,
    history: Epochs<SoftmaxLayer>,
}

fn specs() -> [ParamSpec; 4] {
    Settings::specs(140.0, 5000.0, 1.0)
}

impl Softmax {
    /// The training history, epoch 0 first.
    pub fn history(&self) -> &[Record] {
        self.history.records()
    }

    /// The layer now.
    pub fn net(&self) -> &SoftmaxLayer {
        self.history.net()
    }

    /// A raw point scaled like the training inputs.
    pub fn normalize(&self, x1: f64, x2: f64) -> [f64; 2] {
        let [(m1, r1), (m2, r2)] = self.scale;
        [(x1 - m1) / r1, (x2 - m2) / r2]
    }

    /// Class probabilities of a raw point.
    pub fn predict(&self, x1: f64, x2: f64) -> Vec<f64> {
        self.net().predict(&self.normalize(x1, x2))
    }

    /// Raw-space line a·x1 + b·x2 + c = 0 where classes `i` and `j` score the same.
    pub fn boundary(&self, i: usize, j: usize) -> (f64, f64, f64) {
        let n = self.net();
        let [(m1, r1), (m2, r2)] = self.scale;
        let (a, b) = (n.w[0][i] - n.w[0][j], n.w[1][i] - n.w[1][j]);
        let c = n.b[i] - n.b[j];
        // z_i − z_j = a·(x1 − m1)/r1 + b·(x2 − m2)/r2 + c.
        (a / r1, b / r2, c - a * m1 / r1 - b * m2 / r2)
    }
}

impl Widget for Softmax {
    fn spec() -> WidgetSpec {
        let title = ("Softmax: the Three Kingdoms", "Softmax 多分类：三国鼎立");
        WidgetSpec::new("softmax", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let settings = Settings::read(params, &specs())?;
        let seed = settings.seed;
        let data = ch07(seed);
        let raw = to_f64(&data.x);
        let class = data.labels();
        let scale: [(f64, f64); 2] = std::array::from_fn(|j| {
            let col = raw.iter().skip(j).step_by(2);
            let lo = col.clone().copied().fold(f64::INFINITY, f64::min);
            let hi = col.copied().fold(f64::NEG_INFINITY, f64::max);
            (lo, (hi - lo).max(1e-9))
        });
        let x: Vec<f64> = raw
            .iter()
            .enumerate()
            .map(|(i, v)| (v - scale[i % 2].0) / scale[i % 2].1)
            .collect();
        let net = SoftmaxLayer {
            w: [[0.0; K]; 2],
            b: [0.0; K],
        };
        let (loss, accuracy) = net.evaluate(&x, &class);
        Ok(Softmax {
            settings,
            raw,
            class,
            x,
            scale,
            rng: Rng::new(seed.wrapping_add(7)),
            history: Epochs::new(net, loss, accuracy),
        })
    }

    fn params(&self) -> Params {
        self.settings.params()
    }

    fn step(&mut self) -> Result<Outcome> {
        let (x, class, s) = (&self.x, &self.class, self.settings);
        self.history
            .train(&mut self.rng, EPS, s.max_epochs, |net, rng| {
                let mut order: Vec<usize> = (0..class.len()).collect();
                rng.shuffle(&mut order);
                for idx in order.chunks(s.batch.max(1)) {
                    net.update(x, class, idx, s.eta);
                }
                let (loss, accuracy) = net.evaluate(x, class);
                (loss, accuracy, net.finite())
            })
    }

    fn steps(&self) -> usize {
        self.history.steps()
    }

    fn table(&self) -> Table {
        Table::of_records(4, self.history.table_records())
            .column(Column::epoch(), |r| r.epoch as f64)
            .column(Column::loss(), |r| r.loss)
            .column(Column::accuracy(), |r| r.accuracy)
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        const W_KEYS: [[&str; K]; 2] = [["w11", "w12", "w13"], ["w21", "w22", "w23"]];
        const B_KEYS: [&str; K] = ["b1", "b2", "b3"];
        let net = self.net();
        let mut out = Vec::new();
        for (i, keys) in W_KEYS.iter().enumerate() {
            for (j, key) in keys.iter().enumerate() {
                let label = format!("W{}{}", i + 1, j + 1);
                out.push(Readout::symbol(key, &label, net.w[i][j], 3));
            }
        }
        for (j, key) in B_KEYS.iter().enumerate() {
            out.push(Readout::symbol(key, &format!("B{}", j + 1), net.b[j], 3));
        }
        const Q_KEYS: [[&str; 2]; 4] = [
            ["q1_class", "q1_p"],
            ["q2_class", "q2_p"],
            ["q3_class", "q3_p"],
            ["q4_class", "q4_p"],
        ];
        for (q, &(x1, x2)) in QUERIES.iter().enumerate() {
            let a = self.predict(x1, x2);
            let c = argmax(&a);
            let (en, zh) = KINGDOMS[c];
            out.push(Readout::new(
                Q_KEYS[q][0],
                Text::new(format!("({x1}, {x2}) class"), format!("({x1}, {x2}) 类别")),
                (c + 1) as f64,
                0,
            ));
            out.push(Readout::new(
                Q_KEYS[q][1],
                Text::new(format!("P({en})"), format!("P({zh})")),
                a[c],
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
#[path = "softmax_tests.rs"]
mod tests;
