//! Step 6 — the nets the draw-a-digit pad can train in the page (its `net` setting), each
//! with the training the course gives it, on the shipped digits (8,000 train, 2,000 held
//! out) through the one digits loop ([`DigitRun`]):
//!
//! | `net` | the net | trained with |
//! |---|---|---|
//! | `digits` | step 5's 784-64-16-10 (sigmoid, tanh, softmax; Xavier) | SGD η 0.2, batch 128, 8 batches a Step |
//! | `deep` | step 7's 784-128-64-32-16-10 (ReLU; MSRA), [`deep_net`] | SGD η 0.1, batch 64, 25 batches a Step |
//! | `cnn` | step 8's ch18.4 CNN, [`digits_cnn`] | Momentum (α 0.9) η 0.1, batch 128, 1 batch a Step |
//!
//! The CNN's Step is a single mini-batch so that one Step stays short on the page's main
//! thread (a digit costs the CNN about 328,000 multiply-adds forward, the digits net 51,000).

use crate::error::Result;
use crate::lesson::digit_run::{DigitPlan, DigitRun};
pub use crate::lesson::step5::digits::digits_net;
use crate::lesson::step7::deep_digits::deep_net;
use crate::lesson::step8::cnn_nets::digits_cnn;
use crate::nn::optim::OptimizerConfig;
use crate::nn::NetworkConfig;
use crate::params::ParamSpec;
use crate::text::Text;

/// Which net the pad trains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PadNet {
    /// Step 5's digits net 784-64-16-10.
    Digits,
    /// Step 7's deep net 784-128-64-32-16-10.
    Deep,
    /// Step 8's ch18.4 CNN.
    Cnn,
}

/// The `net` setting.
pub fn net_spec() -> ParamSpec {
    ParamSpec::choice(
        "net",
        Text::new("network", "网络"),
        &[
            ("digits", "step 5: 784-64-16-10", "第 5 步：784-64-16-10"),
            (
                "deep",
                "step 7: 784-128-64-32-16-10",
                "第 7 步：784-128-64-32-16-10",
            ),
            (
                "cnn",
                "step 8: CNN (ch18.4)",
                "第 8 步：卷积网络（18.4 节）",
            ),
        ],
        "digits",
    )
}

impl PadNet {
    /// The value of the `net` setting.
    pub fn key(self) -> &'static str {
        match self {
            PadNet::Digits => "digits",
            PadNet::Deep => "deep",
            PadNet::Cnn => "cnn",
        }
    }

    /// The net of a `net` value (already checked by [`net_spec`]).
    pub fn from_key(key: &str) -> PadNet {
        match key {
            "deep" => PadNet::Deep,
            "cnn" => PadNet::Cnn,
            _ => PadNet::Digits,
        }
    }

    /// How the pad's description of a model names the net.
    pub fn name(self) -> &'static str {
        match self {
            PadNet::Digits => "784-64-16-10",
            PadNet::Deep => "784-128-64-32-16-10",
            PadNet::Cnn => "ch18.4 CNN",
        }
    }

    /// The net's configuration.
    pub fn config(self, seed: u64) -> NetworkConfig {
        match self {
            PadNet::Digits => digits_net(seed),
            PadNet::Deep => deep_net(false, seed),
            PadNet::Cnn => digits_cnn(seed),
        }
    }

    /// (optimizer, η, batch, batches per Step).
    fn training(self) -> (OptimizerConfig, f64, usize, usize) {
        match self {
            PadNet::Digits => (OptimizerConfig::Sgd, 0.2, 128, 8),
            PadNet::Deep => (OptimizerConfig::Sgd, 0.1, 64, 25),
            PadNet::Cnn => (OptimizerConfig::Momentum { alpha: 0.9 }, 0.1, 128, 1),
        }
    }

    /// A fresh run of this net: `epochs` epochs, seeded by `seed`.
    pub fn run(self, epochs: usize, seed: u64) -> Result<DigitRun> {
        let net = self.config(seed).build()?;
        let (optimizer, eta, batch, batches_per_step) = self.training();
        let plan = DigitPlan::constant(eta, batch, batches_per_step, epochs, seed);
        Ok(DigitRun::new(net, optimizer.build(), plan))
    }
}
