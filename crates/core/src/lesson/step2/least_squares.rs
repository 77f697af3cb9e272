//! Step 2, ch4 — one input, one output: the air-conditioning power y (kW) of a server room
//! against its number of servers x (thousands), fitted by z = w·x + b.
//!
//! Least squares solves it in one go (ch4.1):
//! w = (m·Σxy − Σx·Σy) / (m·Σx² − (Σx)²), b = (Σy − w·Σx) / m.
//! Gradient descent gets there step by step (ch4.2–4.5). For a batch of m samples
//! dZ = Z − Y, dW = Xᵀ·dZ / m, dB = mean(dZ), then w ← w − η·dW, b ← b − η·dB, starting
//! from w = b = 0. Table 4-6 compares three batch sizes on the same data.

use super::BLOW_UP;
use crate::dataset::book;
use crate::error::Result;
use crate::lesson::mse::mse;
use crate::params::{ParamSpec, Params};
use crate::rng::Rng;
use crate::text::{fmt_num, Text};
use crate::widget::{diverged, finish, Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// The book's stop rule: the loss over all samples is below 0.02.
pub const STOP_LOSS: f64 = 0.02;
/// The query of ch4.3: 346 servers, in thousands.
pub const QUERY_X: f64 = 0.346;

/// The least-squares line through (x, y), by the book's formula 4.1.
pub fn closed_form(x: &[f64], y: &[f64]) -> (f64, f64) {
    let m = x.len() as f64;
    let sx: f64 = x.iter().sum();
    let sy: f64 = y.iter().sum();
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| a * b).sum();
    let sxx: f64 = x.iter().map(|a| a * a).sum();
    let w = (m * sxy - sx * sy) / (m * sxx - sx * sx);
    (w, (sy - w * sx) / m)
}

/// One gradient-descent update on the samples `idx`: returns the new (w, b).
pub fn update(x: &[f64], y: &[f64], idx: &[usize], (w, b): (f64, f64), eta: f64) -> (f64, f64) {
    let m = idx.len().max(1) as f64;
    let (mut dw, mut db) = (0.0, 0.0);
    for &i in idx {
        let dz = w * x[i] + b - y[i]; // dZ = Z − Y
        dw += x[i] * dz; // dW = Xᵀ·dZ (divided by m below)
        db += dz; // dB = Σ dZ (divided by m below)
    }
    (w - eta * dw / m, b - eta * db / m)
}

/// The three ways of Table 4-6: (key, batch size, book's η, book's max epochs).
pub const METHODS: [(&str, usize, f64, usize); 3] = [
    ("sgd", 1, 0.1, 100),
    ("mini", 10, 0.3, 100),
    ("full", 100, 0.5, 1000),
];

/// One row of the iteration table: the state after an update.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row {
    /// Updates done so far (0 = the starting point).
    pub iteration: usize,
    /// Epoch (pass over the data) the update belongs to, from 1.
    pub epoch: usize,
    /// Slope.
    pub w: f64,
    /// Intercept.
    pub b: f64,
    /// Loss over all samples, J = Σ(z − y)² / 2m.
    pub loss: f64,
}

/// The `ls-paths` widget: least squares and the three gradient-descent paths.
#[derive(Clone, Debug)]
pub struct LsPaths {
    method: String,
    eta_setting: f64,
    seed: u64,
    /// Inputs (thousands of servers).
    pub x: Vec<f64>,
    /// Labels (kW).
    pub y: Vec<f64>,
    batch: usize,
    eta: f64,
    max_epoch: usize,
    order: Vec<usize>,
    rng: Rng,
    rows: Vec<Row>,
    best: (f64, f64),
    done: Option<Text>,
    diverged: bool,
}

/// The labels of [`METHODS`] as `(value, en, zh)` choices.
const METHOD_CHOICES: [(&str, &str, &str); 3] = [
    ("sgd", "single sample (batch 1)", "单样本（批大小 1）"),
    ("mini", "mini-batch (batch 10)", "小批量（批大小 10）"),
    ("full", "full batch (all 100)", "全批量（全部 100 个）"),
];

fn specs() -> [ParamSpec; 3] {
    [
        ParamSpec::choice(
            "method",
            Text::new("method", "方法"),
            &METHOD_CHOICES,
            "mini",
        ),
        ParamSpec::num(
            "eta",
            ("learning rate η (0 = book's)", "学习率 η（0 = 书中取值）"),
            [0.0, 2.0, 0.01, 0.0],
        ),
        ParamSpec::data_seed(5.0),
    ]
}

impl LsPaths {
    /// The least-squares answer (w*, b*).
    pub fn best(&self) -> (f64, f64) {
        self.best
    }

    /// Rows so far, the start (w = b = 0) first.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Batch size in use.
    pub fn batch(&self) -> usize {
        self.batch
    }

    /// Learning rate in use.
    pub fn eta(&self) -> f64 {
        self.eta
    }

    /// Whether the last step blew up (the state is then the last good iteration).
    pub fn diverged(&self) -> bool {
        self.diverged
    }

    /// Loss of the line (w, b) on this data.
    pub fn loss_at(&self, w: f64, b: f64) -> f64 {
        mse(&self.x, &self.y, w, b)
    }

    fn last(&self) -> Row {
        self.rows.last().copied().unwrap_or(Row {
            iteration: 0,
            epoch: 0,
            w: 0.0,
            b: 0.0,
            loss: 0.0,
        })
    }
}

impl Widget for LsPaths {
    fn spec() -> WidgetSpec {
        let title = (
            "Least squares and three ways of gradient descent",
            "最小二乘法与三种梯度下降",
        );
        WidgetSpec::new("ls-paths", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (method, eta_setting, seed): (String, f64, u64) = params.read(&specs())?;
        let (_, batch, book_eta, max_epoch) = METHODS
            .iter()
            .copied()
            .find(|m| m.0 == method)
            .unwrap_or(METHODS[1]);
        let data = book::ch04(seed);
        let x: Vec<f64> = data.x.iter().map(|&v| v as f64).collect();
        let y: Vec<f64> = data.y.iter().map(|&v| v as f64).collect();
        let best = closed_form(&x, &y);
        let start = Row {
            iteration: 0,
            epoch: 0,
            w: 0.0,
            b: 0.0,
            loss: mse(&x, &y, 0.0, 0.0),
        };
        Ok(LsPaths {
            method,
            eta_setting,
            seed,
            order: (0..x.len()).collect(),
            x,
            y,
            batch,
            eta: if eta_setting > 0.0 {
                eta_setting
            } else {
                book_eta
            },
            max_epoch,
            rng: Rng::new(seed ^ 0x5eed),
            rows: vec![start],
            best,
            done: None,
            diverged: false,
        })
    }

    fn params(&self) -> Params {
        let values = (self.method.clone(), self.eta_setting, self.seed);
        Params::write(&specs(), values)
    }

    fn step(&mut self) -> Result<Outcome> {
        if let Some(t) = &self.done {
            return Ok(Outcome::Done(t.clone()));
        }
        let last = self.last();
        let per_epoch = self.x.len().div_ceil(self.batch);
        let (epoch, it) = (last.iteration / per_epoch, last.iteration % per_epoch);
        if epoch >= self.max_epoch {
            let max = self.max_epoch;
            let ours = fmt_num(last.loss, 6);
            let best = fmt_num(self.loss_at(self.best.0, self.best.1), 6);
            let why = Text::new(
                format!(
                    "Stopped at the limit of {max} epochs: the loss {ours} never went below \
                     {STOP_LOSS}. Even the least-squares line only reaches {best} on this data."
                ),
                format!(
                    "已到 {max} 轮的上限，损失 {ours} 始终没有低于 {STOP_LOSS}。\
                     在这组数据上，连最小二乘直线的损失也只有 {best}。"
                ),
            );
            return finish(&mut self.done, why);
        }
        if it == 0 {
            // A new pass over the data in a new random order, as the book's Shuffle().
            self.rng.shuffle(&mut self.order);
        }
        let idx = &self.order[it * self.batch..((it + 1) * self.batch).min(self.x.len())];
        let (w, b) = update(&self.x, &self.y, idx, (last.w, last.b), self.eta);
        let loss = self.loss_at(w, b);
        // A loss 1000 times the starting one (all predictions 0) can only mean a runaway.
        let start = self.rows[0].loss;
        if !(w.abs() < BLOW_UP && b.abs() < BLOW_UP && loss < 1e3 * start) {
            let n = last.iteration + 1;
            let why = Text::new(
                format!(
                    "Diverged at iteration {n}: w and b swing further out at every step. Lower η."
                ),
                format!("第 {n} 次迭代时发散了：w 和 b 一步比一步摆得更远。请调小 η。"),
            );
            self.diverged = true;
            return diverged(&mut self.done, why);
        }
        let row = Row {
            iteration: last.iteration + 1,
            epoch: epoch + 1,
            w,
            b,
            loss,
        };
        self.rows.push(row);
        // The book checks the loss after the 1st, 3rd, 5th … update of each epoch.
        if it % 2 == 0 && loss < STOP_LOSS {
            let (n, epoch, loss) = (row.iteration, row.epoch, fmt_num(loss, 6));
            let why = Text::new(
                format!("Stopped after iteration {n} (epoch {epoch}): loss {loss} < {STOP_LOSS}."),
                format!("第 {n} 次迭代（第 {epoch} 轮）后停止：损失 {loss} < {STOP_LOSS}。"),
            );
            return finish(&mut self.done, why);
        }
        Ok(Outcome::Stepped)
    }

    fn steps(&self) -> usize {
        self.rows.len() - 1
    }

    fn table(&self) -> Table {
        Table::of_records(6, &self.rows)
            .column(Column::count("iteration", "iteration", "迭代"), |r| {
                r.iteration as f64
            })
            .column(Column::epoch(), |r| r.epoch as f64)
            .column(Column::symbol("w", "w"), |r| r.w)
            .column(Column::symbol("b", "b"), |r| r.b)
            .column(Column::loss_j(), |r| r.loss)
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let r = self.last();
        let (bw, bb) = self.best;
        vec![
            Readout::symbol("w", "w", r.w, 6),
            Readout::symbol("b", "b", r.b, 6),
            Readout::of("loss", ("loss J", "损失 J"), r.loss, 6),
            Readout::of("best_w", ("least squares w*", "最小二乘 w*"), bw, 6),
            Readout::of("best_b", ("least squares b*", "最小二乘 b*"), bb, 6),
            Readout::of(
                "z_query",
                ("kW for 346 servers", "346 台服务器的功率 (kW)"),
                r.w * QUERY_X + r.b,
                4,
            ),
        ]
    }

    fn status(&self) -> Option<Text> {
        self.done.clone()
    }
}

#[cfg(test)]
#[path = "least_squares_tests.rs"]
mod tests;
