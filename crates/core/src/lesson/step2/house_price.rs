//! Step 2, ch5 — two inputs, one output: a flat's price z (万元) from its distance to the
//! city centre x1 (km) and its area x2 (m²), fitted by z = w1·x1 + w2·x2 + b.
//!
//! The normal equation solves it in one go (ch5.1): with X the inputs plus a column of
//! ones, (XᵀX)·θ = XᵀY gives θ = (b, w1, w2). Gradient descent with the raw inputs blows
//! up (ch5.2), because x2 is about 80 while x1 is about 12. Min-max normalising each
//! column, x' = (x − min)/(max − min), fixes it (ch5.3–5.6); the weights found on the
//! scaled data are taken back to real units with [`Normalizer::real_linear`].

use super::BLOW_UP;
use crate::dataset::{book, Normalizer};
use crate::error::{Error, ErrorKind, Result};
use crate::params::{ParamSpec, Params};
use crate::rng::Rng;
use crate::text::{fmt_num, Text};
use crate::widget::{diverged, finish, Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// The question of ch5: a flat 15 km from the centre with 93 m².
pub const QUERY: [f64; 2] = [15.0, 93.0];

/// Solves the 3×3 system a·θ = r (Gaussian elimination with partial pivoting, the
/// shared [`crate::lesson::solve::solve`]). `None` if the matrix is singular.
pub fn solve3(a: [[f64; 3]; 3], r: [f64; 3]) -> Option<[f64; 3]> {
    let t = crate::lesson::solve::solve(a.iter().flatten().copied().collect(), r.to_vec())?;
    Some([t[0], t[1], t[2]])
}

/// The normal equation (XᵀX)·θ = XᵀY for rows `x` = [x1, x2] and labels `y`:
/// returns ([w1, w2], b).
pub fn normal_equation(x: &[[f64; 2]], y: &[f64]) -> Option<([f64; 2], f64)> {
    let (mut a, mut r) = ([[0.0; 3]; 3], [0.0; 3]);
    for (row, &yi) in x.iter().zip(y) {
        let v = [1.0, row[0], row[1]];
        for i in 0..3 {
            for k in 0..3 {
                a[i][k] += v[i] * v[k]; // XᵀX
            }
            r[i] += v[i] * yi; // XᵀY
        }
    }
    let [b, w1, w2] = solve3(a, r)?;
    Some(([w1, w2], b))
}

/// J = Σ(z − y)² / 2m for the plane (w, b) on rows `x`.
pub fn loss(x: &[[f64; 2]], y: &[f64], w: [f64; 2], b: f64) -> f64 {
    let s: f64 = x
        .iter()
        .zip(y)
        .map(|(r, yi)| (w[0] * r[0] + w[1] * r[1] + b - yi).powi(2))
        .sum();
    s / (2.0 * y.len().max(1) as f64)
}

/// One row of the table: the model after an epoch, in real units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row {
    /// Epochs done (0 = the starting point).
    pub epoch: usize,
    /// Weights of distance and area, in real units.
    pub w: [f64; 2],
    /// Bias in real units (万元).
    pub b: f64,
    /// Loss on the real prices.
    pub loss: f64,
}

/// The `house-price` widget.
#[derive(Clone, Debug)]
pub struct HousePrice {
    norm: String,
    eta: f64,
    batch: usize,
    epochs: usize,
    seed: u64,
    /// Raw inputs [distance km, area m²].
    pub x: Vec<[f64; 2]>,
    /// Raw prices (万元).
    pub y: Vec<f64>,
    scale: Normalizer,
    /// Inputs and labels the net trains on (scaled as `norm` says).
    xt: Vec<[f64; 2]>,
    yt: Vec<f64>,
    /// The net's own (possibly normalised) weights and bias.
    w: [f64; 2],
    b: f64,
    order: Vec<usize>,
    rng: Rng,
    rows: Vec<Row>,
    best: ([f64; 2], f64),
    done: Option<Text>,
    diverged: bool,
}

/// The normalisation choices as `(value, en, zh)`.
const NORMS: [(&str, &str, &str); 3] = [
    ("none", "none (raw data)", "不归一化（原始数据）"),
    ("x", "inputs X", "只归一化 X"),
    ("xy", "inputs X and price Y", "X 和 Y 都归一化"),
];

fn specs() -> [ParamSpec; 5] {
    [
        ParamSpec::choice("norm", Text::new("normalisation", "归一化"), &NORMS, "x"),
        ParamSpec::eta(0.0001, 1.0, 0.0001, 0.01),
        ParamSpec::batch(1.0, 1000.0, 1.0, 10.0),
        ParamSpec::num(
            "epochs",
            ("max epochs", "最大轮数"),
            [1.0, 1000.0, 1.0, 200.0],
        ),
        ParamSpec::data_seed(5.0),
    ]
}

impl HousePrice {
    /// The normal-equation answer ([w1, w2], b).
    pub fn best(&self) -> ([f64; 2], f64) {
        self.best
    }

    /// One row per epoch, the start first.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The current model in real units.
    pub fn last(&self) -> Row {
        self.rows.last().copied().unwrap_or(Row {
            epoch: 0,
            w: [0.0; 2],
            b: 0.0,
            loss: 0.0,
        })
    }

    /// Whether the last step blew up (the state is then the last good epoch).
    pub fn diverged(&self) -> bool {
        self.diverged
    }

    /// The normalisation setting (`none`, `x` or `xy`).
    pub fn norm(&self) -> &str {
        &self.norm
    }

    fn real(&self, w: [f64; 2], b: f64) -> ([f64; 2], f64) {
        if self.norm == "none" {
            return (w, b);
        }
        let (wr, br) = self.scale.real_linear(&w, b);
        ([wr[0], wr[1]], br)
    }

    fn row(&self, epoch: usize) -> Row {
        let (w, b) = self.real(self.w, self.b);
        Row {
            epoch,
            w,
            b,
            loss: loss(&self.x, &self.y, w, b),
        }
    }
}

impl Widget for HousePrice {
    fn spec() -> WidgetSpec {
        let title = (
            "House prices from distance and area",
            "用距离和面积预测房价",
        );
        WidgetSpec::new("house-price", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (norm, eta, batch, epochs, seed): (String, f64, usize, usize, u64) =
            params.read(&specs())?;
        let data = book::ch05(seed);
        let scale = Normalizer::fit(&data, norm == "xy");
        let rows = |d: &crate::dataset::Dataset| -> Vec<[f64; 2]> {
            (0..d.n)
                .map(|i| [d.row(i)[0] as f64, d.row(i)[1] as f64])
                .collect()
        };
        let x = rows(&data);
        let y: Vec<f64> = data.y.iter().map(|&v| v as f64).collect();
        let (xt, yt) = if norm == "none" {
            (x.clone(), y.clone())
        } else {
            let d = scale.apply(&data);
            (rows(&d), d.y.iter().map(|&v| v as f64).collect())
        };
        let best = normal_equation(&x, &y).ok_or_else(|| {
            Error::new(
                ErrorKind::Domain,
                "The normal equation has no unique solution for this data.",
                "对这组数据，正规方程没有唯一解。",
            )
        })?;
        let mut w = HousePrice {
            norm,
            eta,
            batch: batch.min(x.len()),
            epochs,
            seed,
            order: (0..x.len()).collect(),
            x,
            y,
            scale,
            xt,
            yt,
            w: [0.0; 2],
            b: 0.0,
            rng: Rng::new(seed ^ 0x5eed),
            rows: Vec::new(),
            best,
            done: None,
            diverged: false,
        };
        w.rows.push(w.row(0));
        Ok(w)
    }

    fn params(&self) -> Params {
        let values = (
            self.norm.clone(),
            self.eta,
            self.batch,
            self.epochs,
            self.seed,
        );
        Params::write(&specs(), values)
    }

    /// One epoch: shuffle, then one update per batch. The state changes only if the whole
    /// epoch stays finite.
    fn step(&mut self) -> Result<Outcome> {
        if let Some(t) = &self.done {
            return Ok(Outcome::Done(t.clone()));
        }
        let epoch = self.rows.len();
        let (mut w, mut b) = (self.w, self.b);
        let mut order = self.order.clone();
        let mut rng = self.rng.clone();
        rng.shuffle(&mut order);
        for (k, idx) in order.chunks(self.batch).enumerate() {
            let m = idx.len() as f64;
            let (mut dw, mut db) = ([0.0; 2], 0.0);
            for &i in idx {
                let r = self.xt[i];
                let dz = w[0] * r[0] + w[1] * r[1] + b - self.yt[i]; // dZ = Z − Y
                dw[0] += r[0] * dz; // dW = Xᵀ·dZ / m
                dw[1] += r[1] * dz;
                db += dz; // dB = mean(dZ)
            }
            w = [w[0] - self.eta * dw[0] / m, w[1] - self.eta * dw[1] / m];
            b -= self.eta * db / m;
            if !(w[0].abs() < BLOW_UP && w[1].abs() < BLOW_UP && b.abs() < BLOW_UP) {
                let it = (epoch - 1) * order.len().div_ceil(self.batch) + k + 1;
                let j = loss(&self.xt, &self.yt, w, b);
                let big = if j.is_finite() {
                    format!("{j:.1e}")
                } else {
                    "∞".into()
                };
                let (why_en, why_zh) = if self.norm == "none" {
                    (
                        "The raw areas (40–119) are far larger than the distances, so one step \
                         overshoots and the next overshoots more. Normalise the data or lower η.",
                        "原始的面积（40–119）比距离大得多，每一步都冲过了头，而且越冲越远。\
                         请归一化数据或调小 η。",
                    )
                } else {
                    (
                        "The steps overshoot the minimum further each time. Lower η.",
                        "每一步都越过最低点，而且越冲越远。请调小 η。",
                    )
                };
                let why = Text::new(
                    format!("Diverged in epoch {epoch}, at iteration {it}: the loss passed {big}. {why_en}"),
                    format!("第 {epoch} 轮、第 {it} 次迭代时发散了：损失超过了 {big}。{why_zh}"),
                );
                self.diverged = true;
                return diverged(&mut self.done, why);
            }
        }
        (self.w, self.b, self.order, self.rng) = (w, b, order, rng);
        let row = self.row(epoch);
        self.rows.push(row);
        if epoch >= self.epochs {
            let ours = fmt_num(row.loss, 3);
            let best = fmt_num(loss(&self.x, &self.y, self.best.0, self.best.1), 3);
            let why = Text::new(
                format!("Finished {epoch} epochs: loss {ours} (the normal equation's is {best})."),
                format!("已完成 {epoch} 轮：损失 {ours}（正规方程的损失为 {best}）。"),
            );
            return finish(&mut self.done, why);
        }
        Ok(Outcome::Stepped)
    }

    fn steps(&self) -> usize {
        self.rows.len() - 1
    }

    fn table(&self) -> Table {
        Table::of_records(4, &self.rows)
            .column(Column::epoch(), |r| r.epoch as f64)
            .column(Column::loss_j(), |r| r.loss)
            .column(Column::symbol("w1", "w1"), |r| r.w[0])
            .column(Column::symbol("w2", "w2"), |r| r.w[1])
            .column(Column::symbol("b", "b"), |r| r.b)
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let r = self.last();
        let ([w1, w2], b) = self.best;
        let z = |w: [f64; 2], b: f64| w[0] * QUERY[0] + w[1] * QUERY[1] + b;
        vec![
            Readout::of("ne_w1", ("normal eq. w1", "正规方程 w1"), w1, 4),
            Readout::of("ne_w2", ("normal eq. w2", "正规方程 w2"), w2, 4),
            Readout::of("ne_b", ("normal eq. b", "正规方程 b"), b, 4),
            Readout::new(
                "ne_z",
                Text::new(
                    "normal eq. price (15 km, 93 m²)",
                    "正规方程预测 (15 km, 93 m²)",
                ),
                z([w1, w2], b),
                2,
            ),
            Readout::of("w1", ("net w1", "网络 w1"), r.w[0], 4),
            Readout::of("w2", ("net w2", "网络 w2"), r.w[1], 4),
            Readout::of("b", ("net b", "网络 b"), r.b, 4),
            Readout::of(
                "z",
                ("net price (15 km, 93 m²)", "网络预测 (15 km, 93 m²)"),
                z(r.w, r.b),
                2,
            ),
        ]
    }

    fn status(&self) -> Option<Text> {
        self.done.clone()
    }
}

#[cfg(test)]
#[path = "house_price_tests.rs"]
mod tests;
