//! Step 9, ch19.1 — the echo task: a 1-1-1 recurrent net reads two numbers, one per time
//! step, and must say the *first* one at the last step. It can only do so through its
//! state: h₁ = tanh(x₁·U + b_h) carries x₁ into step 2, where h₂ = tanh(x₂·U + h₁·W + b_h)
//! and the output z = h₂·V + b_z. Settings as in the book: U, V, W ~ N(0, 1), η 0.1,
//! batch 1, 100 epochs, the loss (MSE) at the last step only. The book ends with test
//! R² 0.9526 and W ≈ −4.39: a large negative W cancels x₂'s share and keeps x₁'s.

use super::{data, overflowed, sgd_epoch};
use crate::error::Result;
use crate::nn::layers::{Rnn, SeqOutput};
use crate::nn::metrics::r2;
use crate::nn::{Activation, Init, LayerConfig, Matrix, Network, NetworkConfig, Output};
use crate::params::{ParamSpec, Params};
use crate::rng::Rng;
use crate::text::Text;
use crate::widget::{stopped_at_epoch, Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// The book's epochs.
pub const EPOCHS: usize = 100;
/// Epochs per Step.
pub const EPOCHS_PER_STEP: usize = 10;
/// The book's results (ch19.1): test R², U, b_h, V, b_z, W.
pub const BOOK: [(&str, f64); 6] = [
    ("r2", 0.952609),
    ("u", -0.54717934),
    ("bh", 0.26514691),
    ("v", 0.50609376),
    ("bz", 0.53271514),
    ("w", -4.39099762),
];

/// One row of the history: after `epoch` epochs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EchoRow {
    /// Epochs done.
    pub epoch: usize,
    /// Mean training loss of the last epoch.
    pub train_loss: f64,
    /// Test loss (½·mean squared error).
    pub test_loss: f64,
    /// Test R².
    pub r2: f64,
    /// U, b_h, W, V, b_z.
    pub weights: [f64; 5],
}

/// The widget.
#[derive(Clone, Debug)]
pub struct Echo {
    eta: f64,
    seed: u64,
    net: Network,
    train: (Matrix, Matrix),
    test: (Matrix, Matrix),
    rng: Rng,
    rows: Vec<EchoRow>,
}

fn specs() -> [ParamSpec; 2] {
    [
        ParamSpec::eta(0.01, 1.0, 0.01, 0.1),
        ParamSpec::seed(1000.0).with_default(2.0),
    ]
}

/// The 1-1-1 net: a tanh RNN cell with a bias over 2 steps, output at the last step, and a
/// linear output V, b_z; N(0, 1) weights.
pub fn echo_net(seed: u64) -> Result<Network> {
    NetworkConfig {
        input_shape: None,
        inputs: 2,
        layers: vec![
            LayerConfig::Rnn {
                units: 1,
                steps: 2,
                output: SeqOutput::Last,
                bias: true,
            },
            LayerConfig::dense(1, Activation::Identity),
        ],
        output: Output::Identity,
        init: Init::Normal,
        seed,
    }
    .build()
}

impl Echo {
    /// U, b_h, W, V, b_z now.
    pub fn weights(&self) -> [f64; 5] {
        let rnn: Option<&Rnn> = self.net.layers()[0].as_any().downcast_ref();
        let (u, bh, w) = rnn.map_or((0.0, 0.0, 0.0), |r| {
            (r.cell.u.data[0], r.cell.b.data[0], r.cell.w.data[0])
        });
        let (v, bz) = self
            .net
            .dense(1)
            .map_or((0.0, 0.0), |d| (d.w.data[0], d.b.data[0]));
        [u, bh, w, v, bz].map(f64::from)
    }

    /// The history, one row per Step (the first row is the untrained net).
    pub fn rows(&self) -> &[EchoRow] {
        &self.rows
    }

    /// The test inputs, targets and the net's predictions now.
    pub fn test_predictions(&self) -> (&Matrix, &Matrix, Matrix) {
        let mut net = self.net.clone();
        let p = net.predict(&self.test.0);
        (&self.test.0, &self.test.1, p)
    }

    fn measure(&mut self, epoch: usize, train_loss: f64) -> EchoRow {
        let test_loss = self.net.loss(&self.test.0, &self.test.1) as f64;
        let r2 = r2(self.net.a(), &self.test.1) as f64;
        EchoRow {
            epoch,
            train_loss,
            test_loss,
            r2,
            weights: self.weights(),
        }
    }

    fn epoch(&self) -> usize {
        self.rows.last().map_or(0, |r| r.epoch)
    }
}

impl Widget for Echo {
    fn spec() -> WidgetSpec {
        let title = (
            "The echo task: remember the first number",
            "回声任务：记住第一个数",
        );
        WidgetSpec::new("rnn-echo", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (eta, seed) = params.read(&specs())?;
        let (train, test) = data::echo_sets(seed);
        let mut w = Echo {
            eta,
            seed,
            net: echo_net(seed)?,
            train,
            test,
            rng: Rng::new(seed ^ 0x5eed),
            rows: Vec::new(),
        };
        let first = w.net.loss(&w.train.0, &w.train.1) as f64;
        let row = w.measure(0, first);
        w.rows.push(row);
        Ok(w)
    }

    fn params(&self) -> Params {
        Params::write(&specs(), (self.eta, self.seed))
    }

    fn step(&mut self) -> Result<Outcome> {
        let done = |w: &Echo| {
            let last = w.rows.last().map_or(0.0, |r| r.test_loss);
            Outcome::Done(stopped_at_epoch(w.epoch(), last))
        };
        if self.epoch() >= EPOCHS {
            return Ok(done(self));
        }
        let mut net = self.net.clone();
        let mut rng = self.rng.clone();
        let mut loss = 0.0;
        for _ in 0..EPOCHS_PER_STEP {
            loss = sgd_epoch(
                &mut net,
                &self.train.0,
                &self.train.1,
                self.eta as f32,
                &mut rng,
            );
        }
        if !net.is_finite() {
            return Err(overflowed());
        }
        (self.net, self.rng) = (net, rng);
        let row = self.measure(self.epoch() + EPOCHS_PER_STEP, loss);
        self.rows.push(row);
        Ok(if self.epoch() >= EPOCHS {
            done(self)
        } else {
            Outcome::Stepped
        })
    }

    fn steps(&self) -> usize {
        self.rows.len() - 1
    }

    fn table(&self) -> Table {
        // The weights are U, b_h, W, V, b_z; the table shows the three weights.
        Table::of_records(4, &self.rows)
            .column(Column::epoch(), |r| r.epoch as f64)
            .column(Column::train_loss(), |r| r.train_loss)
            .column(Column::test_loss(), |r| r.test_loss)
            .column(Column::text("r2", "test R²", "测试 R²"), |r| r.r2)
            .column(Column::symbol("u", "U"), |r| r.weights[0])
            .column(Column::symbol("w", "W"), |r| r.weights[2])
            .column(Column::symbol("v", "V"), |r| r.weights[3])
            .into()
    }

    /// Ours, each labelled with the book's value beside it.
    fn readouts(&self) -> Vec<Readout> {
        let last = self.rows.last().copied();
        let [u, bh, w, v, bz] = self.weights();
        let ours = [last.map_or(0.0, |r| r.r2), u, bh, v, bz, w];
        let mut out = vec![Readout::of(
            "epoch",
            ("epoch", "轮"),
            self.epoch() as f64,
            0,
        )];
        for ((key, book), value) in BOOK.into_iter().zip(ours) {
            let (en, zh) = match key {
                "r2" => ("test R²".to_string(), "测试 R²".to_string()),
                "bh" => ("b_h".to_string(), "b_h".to_string()),
                "bz" => ("b_z".to_string(), "b_z".to_string()),
                other => (other.to_uppercase(), other.to_uppercase()),
            };
            let b = crate::text::fmt_num(book, 4);
            out.push(Readout::new(
                key,
                Text::new(format!("{en} (book {b})"), format!("{zh}（书中 {b}）")),
                value,
                4,
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hundred_epochs_learn_the_echo_like_the_book() {
        let mut w = Echo::from_params(&Params::default()).expect("defaults");
        while let Ok(Outcome::Stepped) = w.step() {}
        let last = *w.rows().last().expect("rows");
        let [u, bh, wt, v, bz] = last.weights;
        println!(
            "echo after {} epochs: test loss {:.6}, R² {:.4}, U {u:.4}, b_h {bh:.4}, W {wt:.4}, V {v:.4}, b_z {bz:.4}",
            last.epoch, last.test_loss, last.r2
        );
        assert_eq!(last.epoch, EPOCHS);
        // The book: R² 0.9526, U −0.547, b_h 0.265, W −4.391, V 0.506, b_z 0.533. Our data
        // and draws differ (seed 2: R² 0.9465, W −4.356); over seeds 1–8, R² lies in
        // 0.88–0.95 and |W| in 4.25–4.65 (the sign of h, and so of W, is a free choice).
        assert!(last.r2 > 0.93 && last.r2 < 0.96, "R² {}", last.r2);
        assert!(
            (wt + 4.39).abs() < 0.2,
            "W {wt}: a strongly negative W cancels x₂"
        );
        assert!(
            (u + 0.547).abs() < 0.1 && (v - 0.506).abs() < 0.1,
            "U {u}, V {v}"
        );
        assert!(w.rows()[0].r2 < 0.5, "the untrained net does not echo");
    }
}
