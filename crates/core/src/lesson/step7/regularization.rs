//! Step 7, ch16.2–16.5 — regularisation on the book's overfitting set: 25 points of
//! 4·sin(x)/π + 4·sin(5x)/(5π) fitted by a 1-16-16-16-1 network with 544 weights, which is
//! far more than 25 points can pin down ([`crate::dataset::overfit`]).
//!
//! ```text
//! none      J = J₀                      the net ends up following the fast wave sin 5x
//! L2        J = J₀ + λ/2·Σw²            dW += λ·w        (weight decay)
//! L1        J = J₀ + λ·Σ|w|             dW += λ·sign(w)  (many weights end at ≈ 0)
//! dropout   ratio r/2 after hidden layer 1, r after hidden layer 3 (the book's 0.1, 0.2)
//! early     stop when the test loss has not improved for `patience` epochs, keep the best
//! ```
//!
//! J₀ = (1/2m)·Σ(ŷ − y)². Our λ is not divided by the batch size m = 5 as the book's is
//! ([`crate::nn::regularization`]): the book's λ = 0.01 (L2) and 0.005 (L1) are our 0.002
//! and 0.001. The clean test curve doubles as the validation set that early stopping
//! watches. One `step()` trains [`EPOCHS_PER_STEP`] epochs of SGD (η 0.1, batch 5, Xavier
//! weights) up to the book's 20000.

use super::super::run::{to_data, train_epochs, xy_pairs};
use super::overfit_net::{network, sparsity, Method, Record, METHODS};
use crate::dataset::overfit::ch16;
use crate::error::Result;
use crate::nn::{
    Data, Matrix, Network, Regularization, StopReason, Trainer, TrainerConfig, TrainingHistory,
};
use crate::params::{ParamSpec, Params};
use crate::text::{fmt_num, Text};
use crate::widget::{
    finish, finite, keep_error, Column, Outcome, Readout, Table, Widget, WidgetSpec,
};

/// Epochs trained by one `step()`.
pub const EPOCHS_PER_STEP: usize = 200;
/// The book's epoch limit (max_epoch 20000).
pub const MAX_EPOCHS: usize = 20_000;

/// The numeric settings: key, labels, and [min, max, slider step, default].
#[rustfmt::skip]
const NUMBERS: [(&str, &str, &str, [f64; 4]); 4] = [
    ("lambda", "λ (L1, L2)", "λ（L1、L2）", [0.0, 0.05, 0.0005, 0.002]),
    ("dropout", "dropout ratio r", "丢弃率 r", [0.0, 0.8, 0.05, 0.2]),
    ("patience", "patience (epochs)", "耐心（轮）", [1.0, 5000.0, 1.0, 800.0]),
    ("seed", "seed", "种子", [1.0, 9999.0, 1.0, 1.0]),
];

fn specs() -> [ParamSpec; 5] {
    let options: Vec<(&str, &str, &str)> = METHODS.iter().map(|m| (m.0, m.1, m.2)).collect();
    let [l, d, p, s] = NUMBERS.map(|(key, en, zh, [min, max, step, default])| {
        ParamSpec::number(key, Text::new(en, zh), min, max, step, default)
    });
    let method = ParamSpec::choice("method", Text::new("method", "方法"), &options, "none");
    [method, l, d, p, s]
}

/// The `regularization` widget.
#[derive(Clone, Debug)]
pub struct RegularizationLab {
    method: Method,
    lambda: f64,
    dropout: f64,
    patience: usize,
    seed: u64,
    /// The 25 training points (x, y).
    pub train: Vec<(f64, f64)>,
    /// The 100 points of the clean test curve.
    pub test: Vec<(f64, f64)>,
    data: (Data, Data),
    trainer: Trainer,
    records: Vec<Record>,
    done: Option<Text>,
}

impl RegularizationLab {
    /// The method trained.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The penalty this widget trains with.
    pub fn regularization(&self) -> Regularization {
        self.trainer.config().regularization
    }

    /// Epochs trained.
    pub fn epochs(&self) -> usize {
        self.trainer.history().epochs()
    }

    /// The rows so far, one per Step.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The network (for early stopping, the restored best one once it stopped).
    pub fn network(&self) -> &Network {
        self.trainer.network()
    }

    /// Per-epoch curves: losses, penalty.
    pub fn history(&self) -> &TrainingHistory {
        self.trainer.history()
    }

    /// The epoch whose weights early stopping keeps, once it has stopped.
    pub fn best_epoch(&self) -> Option<usize> {
        (self.trainer.stop_reason() == Some(StopReason::EarlyStop))
            .then(|| self.trainer.best_epoch())
            .flatten()
    }

    /// The network's output at each x (inference mode: no dropout).
    pub fn predict(&self, xs: &[f64]) -> Vec<f64> {
        let x = Matrix::from_vec(xs.len(), 1, xs.iter().map(|&v| v as f32).collect());
        let Some(x) = x.filter(|m| m.rows > 0) else {
            return Vec::new();
        };
        let mut net = self.network().clone();
        net.forward(&x).data.iter().map(|&v| v as f64).collect()
    }

    fn record(&mut self) -> Record {
        let (train_loss, _) = self.trainer.evaluate(&self.data.0);
        let (test_loss, test_r2) = self.trainer.evaluate(&self.data.1);
        Record {
            epoch: self.epochs(),
            train_loss: train_loss as f64,
            test_loss: test_loss as f64,
            penalty: self.regularization().penalty(self.network()) as f64,
            test_r2: test_r2 as f64,
            counts: sparsity(self.network()),
        }
    }

    fn stopped(&self, r: &Record) -> Text {
        let r2 = fmt_num(r.test_r2, 4);
        match self.best_epoch() {
            Some(best) => Text::new(
                format!(
                    "Early stop after epoch {}: no lower test loss for {} epochs. The weights of epoch {best} are back: test R² = {r2}.",
                    r.epoch, self.patience
                ),
                format!(
                    "第 {} 轮后早停：测试损失已经 {} 轮没有更低。已恢复第 {best} 轮的权重：测试 R² = {r2}。",
                    r.epoch, self.patience
                ),
            ),
            None => Text::new(
                format!("Stopped after {} epochs (the book's limit): test R² = {r2}.", r.epoch),
                format!("{} 轮后停止（书中的上限）：测试 R² = {r2}。", r.epoch),
            ),
        }
    }
}

impl Widget for RegularizationLab {
    fn spec() -> WidgetSpec {
        let title = ("Taming overfitting", "抑制过拟合");
        WidgetSpec::new("regularization", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (key, lambda, dropout, patience, seed): (String, f64, f64, usize, u64) =
            params.read(&specs())?;
        let method = Method::parse(&key).unwrap_or(Method::None);
        let (train, test) = ch16();
        let data = (to_data(&train)?, to_data(&test)?);
        let drop = (method == Method::Dropout).then_some(dropout as f32);
        let config = TrainerConfig {
            learning_rate: 0.1,
            batch_size: 5,
            max_epochs: MAX_EPOCHS,
            seed,
            regularization: method.penalty(lambda as f32),
            patience: (method == Method::EarlyStop).then_some(patience),
            ..Default::default()
        };
        let trainer = Trainer::new(
            network(drop, seed)?,
            data.0.clone(),
            Some(data.1.clone()),
            config,
        )?;
        Ok(RegularizationLab {
            method,
            lambda,
            dropout,
            patience,
            seed,
            train: xy_pairs(&train),
            test: xy_pairs(&test),
            data,
            trainer,
            records: Vec::new(),
            done: None,
        })
    }

    fn params(&self) -> Params {
        let method = self.method.key().to_string();
        let values = (method, self.lambda, self.dropout, self.patience, self.seed);
        Params::write(&specs(), values)
    }

    fn step(&mut self) -> Result<Outcome> {
        if let Some(t) = &self.done {
            return Ok(Outcome::Done(t.clone()));
        }
        // Only a divergence ends an epoch in error; the weights are the last good ones and
        // later Steps repeat the message.
        keep_error(
            &mut self.done,
            train_epochs(&mut self.trainer, EPOCHS_PER_STEP),
        )?;
        let r = self.record();
        self.records.push(r);
        if self.trainer.stop_reason().is_some() {
            let why = self.stopped(&r);
            return finish(&mut self.done, why);
        }
        Ok(Outcome::Stepped)
    }

    fn steps(&self) -> usize {
        self.records.len()
    }

    fn table(&self) -> Table {
        let has_penalty = self.regularization() != Regularization::None;
        let penalty = Column::text("penalty", "penalty", "惩罚项");
        Table::of_records(5, &self.records)
            .column(Column::epoch(), |r| r.epoch as f64)
            .maybe(Column::train_loss(), |r| finite(r.train_loss))
            .maybe(Column::test_loss(), |r| finite(r.test_loss))
            .maybe(penalty, |r| finite(r.penalty).filter(|_| has_penalty))
            .maybe(Column::text("test_r2", "test R²", "测试 R²"), |r| {
                finite(r.test_r2)
            })
            .column(
                Column::count("small", "|w| < 10⁻²", "|w| < 10⁻²"),
                |r| r.counts[0] as f64,
            )
            .column(
                Column::count("zero", "|w| ≤ 10⁻⁴", "|w| ≤ 10⁻⁴"),
                |r| r.counts[1] as f64,
            )
            .column(
                Column::count("tiny", "|w| < 10⁻⁵", "|w| < 10⁻⁵"),
                |r| r.counts[2] as f64,
            )
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let mut out = Vec::new();
        let mut add = |key, en, zh, value: f64, digits| {
            out.push(Readout::of(key, (en, zh), value, digits));
        };
        add("epoch", "epoch", "轮", self.epochs() as f64, 0);
        if let Some(best) = self.best_epoch() {
            add("best", "best epoch", "最佳轮", best as f64, 0);
        }
        if let Some(r) = self.records.last() {
            add("test_r2", "test R²", "测试 R²", r.test_r2, 4);
            if self.regularization() != Regularization::None && r.penalty.is_finite() {
                add("penalty", "penalty", "惩罚项", r.penalty, 5);
            }
            add("small", "|w| < 10⁻²", "|w| < 10⁻²", r.counts[0] as f64, 0);
            add("tiny", "|w| < 10⁻⁵", "|w| < 10⁻⁵", r.counts[2] as f64, 0);
        }
        out
    }

    fn status(&self) -> Option<Text> {
        self.done.clone()
    }
}

#[cfg(test)]
#[path = "regularization_tests.rs"]
mod tests;
