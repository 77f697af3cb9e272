//! Step 9, ch19.4 and ch19.6 — forecasting an hourly series with one or two recurrent
//! layers. The book trains on Beijing's PM2.5 (43 824 hours, six columns); we train on a
//! seeded stand-in with a daily and a weekly cycle ([`crate::dataset::series`]). A window
//! of 24 hours goes through the recurrent layer(s); the last step's h gives the next hour's
//! value through one linear unit; η 0.05, batch 64, mini-batch SGD, as in the book. The
//! forecast h hours ahead rolls the one-hour model forward ([`super::forecast_roll`]); the
//! table scores every horizon of the book's table 19-8 beside the book's own numbers.
//!
//! `horizon` only picks the forecast the chart draws: changing it keeps the trained net
//! (see [`Widget::share_data_from`]), and a link replays the same run whatever it names.

use super::forecast_roll::{forecast_net, minibatch_epoch, score_all, CellKind};
pub use super::forecast_roll::{HorizonScore, BOOK_ONE, BOOK_PARAMS, BOOK_TWO, HORIZONS};
use super::overflowed;
use crate::dataset::series::{windows, Series, STEPS};
use crate::error::Result;
use crate::nn::{Matrix, Network};
use crate::params::{ParamSpec, Params};
use crate::rng::Rng;
use crate::text::{fmt_num, Text};
use crate::widget::{stopped_at_epoch, Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// The book's batch size.
pub const BATCH: usize = 64;
/// Epochs per Step.
pub const EPOCHS_PER_STEP: usize = 5;
/// Seed of the series: one fixed data set, like the book's file; `seed` draws the weights
/// and the batch order.
pub const DATA_SEED: u64 = 1;

/// The widget.
#[derive(Clone, Debug)]
pub struct Forecast {
    horizon: usize,
    layers: usize,
    units: usize,
    cell: CellKind,
    eta: f64,
    epochs: usize,
    seed: u64,
    net: Network,
    train: (Matrix, Matrix),
    test: (Matrix, Matrix),
    rng: Rng,
    epoch: usize,
    /// (epoch, mean training loss of that epoch).
    history: Vec<(usize, f64)>,
    scores: Vec<HorizonScore>,
}

fn specs() -> [ParamSpec; 7] {
    let hours = [
        ("1", "1 hour", "1 小时"),
        ("2", "2 hours", "2 小时"),
        ("4", "4 hours", "4 小时"),
        ("8", "8 hours", "8 小时"),
    ];
    let layers = [
        ("1", "1 recurrent layer", "1 个循环层"),
        ("2", "2 recurrent layers", "2 个循环层"),
    ];
    [
        ParamSpec::choice("horizon", Text::new("horizon", "预测时长"), &hours, "4"),
        ParamSpec::choice("layers", Text::new("depth", "深度"), &layers, "1"),
        ParamSpec::num(
            "units",
            ("units per layer", "每层单元数"),
            [1.0, 8.0, 1.0, 4.0],
        ),
        CellKind::spec("rnn"),
        ParamSpec::eta(0.01, 1.0, 0.01, 0.5),
        ParamSpec::epochs([5.0, 200.0, 5.0, 50.0]),
        ParamSpec::seed(1000.0),
    ]
}

impl Forecast {
    /// Every horizon's score now, in the order of [`HORIZONS`].
    pub fn scores(&self) -> &[HorizonScore] {
        &self.scores
    }

    /// The score of the chosen horizon.
    pub fn chosen(&self) -> Option<&HorizonScore> {
        self.scores.iter().find(|s| s.horizon == self.horizon)
    }

    /// The horizon the chart draws.
    pub fn horizon(&self) -> usize {
        self.horizon
    }

    /// The scaled targets of the test windows (the next hour of each).
    pub fn test_target(&self) -> &[f32] {
        &self.test.1.data
    }

    /// (epoch, mean training loss) after each Step.
    pub fn history(&self) -> &[(usize, f64)] {
        &self.history
    }

    /// The book's (loss, accuracy) per horizon for this depth.
    pub fn book(&self) -> [(f64, f64); 4] {
        if self.layers == 2 {
            BOOK_TWO
        } else {
            BOOK_ONE
        }
    }

    /// Epochs trained.
    pub fn epoch(&self) -> usize {
        self.epoch
    }

    /// Parameters of the net.
    pub fn param_count(&self) -> usize {
        self.net.param_count()
    }

    fn measure(&mut self) {
        self.scores = score_all(&mut self.net, &self.test.0, &self.test.1);
    }

    fn same_run(&self, other: &Forecast) -> bool {
        (self.layers, self.units, self.cell, self.epochs, self.seed)
            == (
                other.layers,
                other.units,
                other.cell,
                other.epochs,
                other.seed,
            )
            && self.eta.to_bits() == other.eta.to_bits()
    }
}

impl Widget for Forecast {
    fn spec() -> WidgetSpec {
        let title = (
            "Forecasting an hourly series, 1 to 8 hours ahead",
            "预测逐小时序列：提前 1 到 8 小时",
        );
        WidgetSpec::new("rnn-forecast", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let settings: (String, String, usize, String, f64, usize, u64) = params.read(&specs())?;
        let (horizon, layers, units, cell, eta, epochs, seed) = settings;
        let horizon: usize = horizon.parse().unwrap_or(4);
        let layers: usize = layers.parse().unwrap_or(1);
        let cell = CellKind::parse(&cell).unwrap_or(CellKind::Rnn);
        let series = Series::new(DATA_SEED);
        let mut w = Forecast {
            horizon,
            layers,
            units,
            cell,
            eta,
            epochs,
            seed,
            net: forecast_net(cell, layers, units, seed)?,
            train: windows(&series.train, STEPS),
            test: windows(&series.test, STEPS),
            rng: Rng::new(seed ^ 0xf0_2ec5),
            epoch: 0,
            history: Vec::new(),
            scores: Vec::new(),
        };
        w.measure();
        Ok(w)
    }

    fn params(&self) -> Params {
        let (horizon, layers, cell) = (self.horizon, self.layers, self.cell.name().to_string());
        let values = (
            horizon,
            layers,
            self.units,
            cell,
            self.eta,
            self.epochs,
            self.seed,
        );
        Params::write(&specs(), values)
    }

    fn step(&mut self) -> Result<Outcome> {
        let done = |w: &Forecast| {
            let last = w.history.last().map_or(0.0, |r| r.1);
            Outcome::Done(stopped_at_epoch(w.epoch, last))
        };
        if self.epoch >= self.epochs {
            return Ok(done(self));
        }
        let (mut net, mut rng) = (self.net.clone(), self.rng.clone());
        let n = EPOCHS_PER_STEP.min(self.epochs - self.epoch);
        let mut loss = 0.0;
        for _ in 0..n {
            let (x, y) = (&self.train.0, &self.train.1);
            loss = minibatch_epoch(&mut net, x, y, BATCH, self.eta as f32, &mut rng);
        }
        if !net.is_finite() || !loss.is_finite() {
            return Err(overflowed());
        }
        (self.net, self.rng) = (net, rng);
        self.epoch += n;
        self.history.push((self.epoch, loss));
        self.measure();
        Ok(if self.epoch >= self.epochs {
            done(self)
        } else {
            Outcome::Stepped
        })
    }

    fn steps(&self) -> usize {
        self.history.len()
    }

    fn table(&self) -> Table {
        let columns = vec![
            Column::loss(),
            Column::text("accuracy", "accuracy (R²)", "准确率（R²）"),
            Column::text("book_loss", "book's loss", "书中损失"),
            Column::text("book_accuracy", "book's accuracy", "书中准确率"),
        ];
        let rows = self.scores.iter().zip(self.book()).map(|(s, (bl, ba))| {
            let h = s.horizon;
            let label = Text::new(format!("{h} h"), format!("{h} 小时"));
            (
                label,
                vec![Some(s.loss), Some(s.accuracy), Some(bl), Some(ba)],
            )
        });
        Table::labelled(columns, 6, rows)
    }

    fn readouts(&self) -> Vec<Readout> {
        let book = BOOK_PARAMS[(self.layers == 2) as usize];
        let train = self.history.last().map_or(f64::NAN, |r| r.1);
        let mut out = vec![
            Readout::of("epoch", ("epoch", "轮"), self.epoch as f64, 0),
            Readout::new(
                "params",
                Text::new(
                    format!("parameters (book {book})"),
                    format!("参数个数（书中 {book}）"),
                ),
                self.param_count() as f64,
                0,
            ),
        ];
        if train.is_finite() {
            out.push(Readout::of(
                "train_loss",
                ("train loss", "训练损失"),
                train,
                6,
            ));
        }
        if let Some(s) = self.chosen() {
            let b = self.book()[HORIZONS.iter().position(|&h| h == s.horizon).unwrap_or(0)].1;
            out.push(Readout::new(
                "accuracy",
                Text::new(
                    format!("accuracy {} h ahead (book {})", s.horizon, fmt_num(b, 4)),
                    format!("提前 {} 小时的准确率（书中 {}）", s.horizon, fmt_num(b, 4)),
                ),
                s.accuracy,
                4,
            ));
        }
        out
    }

    /// A new horizon is only a new view of the same run: keep the net trained so far.
    fn share_data_from(&mut self, other: &Self) {
        if self.horizon != other.horizon && self.same_run(other) {
            let horizon = self.horizon;
            *self = other.clone();
            self.horizon = horizon;
        }
    }
}

#[cfg(test)]
#[path = "forecast_tests.rs"]
mod tests;
