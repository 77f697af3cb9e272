//! Step 4, ch9.4–9.6 — nonlinear regression with a 1-n-1 network:
//!
//! ```text
//! a1ᵢ = σ(w1ᵢ·x + b1ᵢ)          (n sigmoid units)
//! ŷ   = Σᵢ w2ᵢ·a1ᵢ + b2         (identity output, MSE loss, Xavier init)
//! ```
//!
//! Each hidden unit is one soft step in x; the output adds the n weighted steps, and a few
//! steps are enough to bend a line into a sine or the "cobra" curve (ch9.6). One `step()`
//! trains [`EPOCHS_PER_STEP`] epochs of mini-batch SGD on the training set (with the book's
//! tenth held out for validation, ch9.3) and reads R² on the clean test curve.

pub use super::fit_setup::fit_trainer;
use super::fit_setup::{data_spec, seed_spec};
use crate::dataset::{linspace, Dataset};
use crate::error::{ErrorKind, Result};
use crate::lesson::run::train_epochs;
use crate::nn::{Trainer, TrainerConfig};
use crate::params::{ParamSpec, Params};
use crate::text::{fmt_num, Text};
use crate::widget::{
    diverged, finish, finite, Column, Outcome, Readout, Table, Widget, WidgetSpec,
};

/// Epochs trained by one `step()`.
pub const EPOCHS_PER_STEP: usize = 50;
/// The book's epoch limit in ch9 (max_epoch 10000).
pub const MAX_EPOCHS: usize = 10_000;

fn specs() -> [ParamSpec; 5] {
    [
        data_spec(),
        ParamSpec::num(
            "hidden",
            ("hidden units", "隐层神经元数"),
            [1.0, 16.0, 1.0, 2.0],
        ),
        ParamSpec::eta(0.01, 2.0, 0.01, 0.1),
        ParamSpec::batch(1.0, 100.0, 1.0, 10.0),
        seed_spec(),
    ]
}

/// One row of the table: the state after a chunk of epochs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FitRecord {
    /// Epochs done.
    pub epoch: usize,
    /// Loss J = (1/2m)·Σ(ŷ − y)² on the training set.
    pub train_loss: f64,
    /// The same loss on the validation set.
    pub val_loss: f64,
    /// R² on the test curve.
    pub test_r2: f64,
}

/// The `curve-fit` widget.
#[derive(Clone, Debug)]
pub struct CurveFit {
    data: String,
    hidden: usize,
    eta: f64,
    batch: usize,
    seed: u64,
    /// Training points (x, y), validation held out.
    pub train: Vec<(f64, f64)>,
    /// The clean test curve (x, y).
    pub test: Vec<(f64, f64)>,
    trainer: Trainer,
    records: Vec<FitRecord>,
    done: Option<Text>,
}

fn pairs(d: &Dataset) -> Vec<(f64, f64)> {
    d.x.iter()
        .zip(&d.y)
        .map(|(&x, &y)| (x as f64, y as f64))
        .collect()
}

/// R² = 1 − Σ(ŷ − y)² / Σ(y − ȳ)² of predictions `yhat` for `(x, y)` pairs.
pub fn r2(points: &[(f64, f64)], yhat: &[f64]) -> f64 {
    let n = points.len().max(1) as f64;
    let mean = points.iter().map(|p| p.1).sum::<f64>() / n;
    let ss_res: f64 = points
        .iter()
        .zip(yhat)
        .map(|(p, a)| (a - p.1).powi(2))
        .sum();
    let ss_tot: f64 = points.iter().map(|p| (p.1 - mean).powi(2)).sum();
    if ss_tot > 0.0 {
        1.0 - ss_res / ss_tot
    } else {
        0.0
    }
}

impl CurveFit {
    /// The weights as (w1ᵢ, b1ᵢ, w2ᵢ) per hidden unit, and b2.
    pub fn units(&self) -> (Vec<(f64, f64, f64)>, f64) {
        let net = self.trainer.network();
        let (Some(l1), Some(l2)) = (net.dense(0), net.dense(1)) else {
            return (Vec::new(), 0.0);
        };
        let units = (0..self.hidden)
            .map(|i| {
                (
                    l1.w.data[i] as f64,
                    l1.b.data[i] as f64,
                    l2.w.data[i] as f64,
                )
            })
            .collect();
        (units, l2.b.data[0] as f64)
    }

    /// Unit i's contribution w2ᵢ·σ(w1ᵢx + b1ᵢ) at x.
    pub fn piece(unit: (f64, f64, f64), x: f64) -> f64 {
        unit.2 * sigmoid(unit.0 * x + unit.1)
    }

    /// The network's output ŷ at each x (the same sums as the engine, in f64).
    pub fn predict(&self, xs: &[f64]) -> Vec<f64> {
        let (units, b2) = self.units();
        xs.iter()
            .map(|&x| b2 + units.iter().map(|&u| CurveFit::piece(u, x)).sum::<f64>())
            .collect()
    }

    /// R² of the network on the test curve.
    pub fn test_r2(&self) -> f64 {
        let xs: Vec<f64> = self.test.iter().map(|p| p.0).collect();
        r2(&self.test, &self.predict(&xs))
    }

    /// Number of hidden units.
    pub fn hidden(&self) -> usize {
        self.hidden
    }

    /// Which data set (`sine` or `cobra`).
    pub fn data(&self) -> &str {
        &self.data
    }

    /// The table rows so far.
    pub fn records(&self) -> &[FitRecord] {
        &self.records
    }

    /// Epochs trained.
    pub fn epochs(&self) -> usize {
        self.trainer.history().epochs()
    }

    /// Sets every weight and bias to 0 before training (ch15.1's zero initialisation, used
    /// by step 7's `zero-init`).
    pub fn zero_weights(&mut self) {
        self.trainer
            .network_mut()
            .visit_mut(|_, p| p.value.fill(0.0));
    }

    /// The first epoch whose validation loss was at most `eps` (ch9.7 counts the epochs to
    /// the book's ε = 0.001), if one was.
    pub fn epochs_to(&self, eps: f64) -> Option<usize> {
        let h = self.trainer.history();
        (0..h.epochs())
            .find(|&i| h.watched(i).is_some_and(|v| (v as f64) <= eps))
            .map(|i| i + 1)
    }
}

/// The book's ε in ch9.7.
pub const EPS: f64 = 0.001;

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

impl Widget for CurveFit {
    fn spec() -> WidgetSpec {
        let title = (
            "Fitting a curve with one hidden layer",
            "用一个隐层拟合曲线",
        );
        WidgetSpec::new("curve-fit", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (data, hidden, eta, batch, seed): (String, usize, f64, usize, u64) =
            params.read(&specs())?;
        let (trainer, train, test) = fit_trainer(&data, hidden, seed, |c| TrainerConfig {
            learning_rate: eta as f32,
            batch_size: batch as i64,
            ..c
        })?;
        Ok(CurveFit {
            data,
            hidden,
            eta,
            batch,
            seed,
            train: pairs(&train),
            test: pairs(&test),
            trainer,
            records: Vec::new(),
            done: None,
        })
    }

    fn params(&self) -> Params {
        let values = (
            self.data.clone(),
            self.hidden,
            self.eta,
            self.batch,
            self.seed,
        );
        Params::write(&specs(), values)
    }

    fn step(&mut self) -> Result<Outcome> {
        if let Some(t) = &self.done {
            return Ok(Outcome::Done(t.clone()));
        }
        let last = match train_epochs(&mut self.trainer, EPOCHS_PER_STEP) {
            Ok(last) => last,
            Err(e) if e.kind == ErrorKind::Diverged => {
                let n = self.epochs() + 1;
                let why = Text::new(
                    format!("Diverged at epoch {n}: the loss became infinite. Lower η; the curve shows the last good weights."),
                    format!("第 {n} 轮发散：损失变成了无穷大。请减小 η；图中是最后一组正常的权重。"),
                );
                return diverged(&mut self.done, why);
            }
            Err(e) => return Err(e),
        };
        if let Some(r) = last {
            self.records.push(FitRecord {
                epoch: r.epoch,
                train_loss: r.train_loss as f64,
                val_loss: r.val_loss.map_or(f64::NAN, |v| v as f64),
                test_r2: self.test_r2(),
            });
        }
        let n = self.epochs();
        if n >= MAX_EPOCHS {
            let r2 = fmt_num(self.test_r2(), 4);
            let why = Text::new(
                format!("Stopped after {n} epochs (the book's limit): test R² = {r2}."),
                format!("{n} 轮后停止（书中的上限）：测试 R² = {r2}。"),
            );
            return finish(&mut self.done, why);
        }
        Ok(Outcome::Stepped)
    }

    fn steps(&self) -> usize {
        self.records.len()
    }

    fn table(&self) -> Table {
        Table::of_records(6, &self.records)
            .column(Column::epoch(), |r| r.epoch as f64)
            .maybe(Column::train_loss(), |r| finite(r.train_loss))
            .maybe(
                Column::text("val_loss", "validation loss", "验证损失"),
                |r| finite(r.val_loss),
            )
            .maybe(Column::text("test_r2", "test R²", "测试 R²"), |r| {
                finite(r.test_r2)
            })
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let mut out = vec![Readout::of(
            "epoch",
            ("epoch", "轮"),
            self.epochs() as f64,
            0,
        )];
        if let Some(r) = self.records.last() {
            if r.train_loss.is_finite() {
                out.push(Readout::of(
                    "train_loss",
                    ("train loss", "训练损失"),
                    r.train_loss,
                    6,
                ));
            }
        }
        out.push(Readout::of(
            "test_r2",
            ("test R²", "测试 R²"),
            self.test_r2(),
            4,
        ));
        if let Some(e) = self.epochs_to(EPS) {
            let label = (
                "validation loss ≤ 0.001 first at epoch",
                "验证损失首次 ≤ 0.001 的轮次",
            );
            out.push(Readout::of("eps_epoch", label, e as f64, 0));
        }
        out
    }

    fn status(&self) -> Option<Text> {
        self.done.clone()
    }
}

/// x values where the chart samples the curves.
pub fn grid() -> Vec<f64> {
    linspace(0.0, 1.0, 201)
}

#[cfg(test)]
#[path = "curve_fit_tests.rs"]
mod tests;
