//! Step 7, ch14.6 and ch15.5–15.6 — the book's deep net on the digits:
//! 784-128-64-32-16-10, ReLU hidden layers, softmax output, MSRA weights, η 0.1, batch 64,
//! stopping when the loss falls below 0.12 (the book: epoch 6, 5,763 updates, 96.97 % of the
//! test digits; with batch norm after every dense layer epoch 4, 4,267 updates, 96.63 %).
//!
//! Batch norm switched on makes each hidden block dense → batch norm → ReLU (as the book's
//! ch15.5 net and the playground's `bn=1`). The optimizer and the learning-rate decay (the
//! book's ch12.3 example, × 0.9 every 50 updates) can be changed.
//!
//! The data are the 10,000 shipped digits (8,000 train, 2,000 held out), not the book's
//! 55,000 + 5,000 + 10,000: an epoch here is 125 updates, not 860, so the rule is checked
//! on the epoch's mean training loss and the number of updates is the fairer comparison.

use crate::error::Result;
use crate::lesson::digit_run::{DigitPlan, DigitRun, DATA_FILE, PIXELS};
use crate::lesson::digit_widget::digit_run_in;
use crate::lesson::digits::updates_readout;
use crate::nn::optim::{OptimizerConfig, Schedule};
use crate::nn::{Activation, Init, LayerConfig, NetworkConfig, Output};
use crate::params::{ParamSpec, Params};
use crate::text::Text;
use crate::widget::{Readout, WidgetSpec};

/// The book's hidden layers.
pub const HIDDEN: [usize; 4] = [128, 64, 32, 16];
/// The book's stop rule (StopLoss 0.12).
pub const STOP_LOSS: f64 = 0.12;
/// Epoch limit: the book's 10 epochs are about 8,600 updates, 69 of our epochs; 30 is
/// plenty to reach the stop rule.
pub const MAX_EPOCHS: usize = 30;
/// Mini-batches per Step (25 × 64 = 1,600 digits, a fifth of an epoch).
pub const BATCHES_PER_STEP: usize = 25;

/// The choices of the `decay` setting: (value, English, Chinese).
const DECAYS: [(&str, &str, &str); 2] = [
    ("none", "none", "无"),
    ("step", "× 0.9 every 50 updates", "每 50 次更新 × 0.9"),
];

fn specs() -> [ParamSpec; 6] {
    [
        ParamSpec::batch_norm(),
        ParamSpec::optimizer("sgd"),
        ParamSpec::eta(0.0001, 1.0, 0.0001, 0.1),
        ParamSpec::choice("decay", Text::new("η decay", "学习率衰减"), &DECAYS, "none"),
        ParamSpec::batch(8.0, 512.0, 8.0, 64.0),
        ParamSpec::seed(1000.0),
    ]
}

/// The book's deep net, with batch norm after each hidden dense layer when `bn`.
pub fn deep_net(bn: bool, seed: u64) -> NetworkConfig {
    let mut layers = Vec::new();
    for units in HIDDEN {
        if bn {
            layers.push(LayerConfig::dense(units, Activation::Identity));
            layers.push(LayerConfig::batch_norm());
            layers.push(LayerConfig::Activation {
                activation: Activation::Relu,
            });
        } else {
            layers.push(LayerConfig::dense(units, Activation::Relu));
        }
    }
    layers.push(LayerConfig::dense(10, Activation::Identity));
    NetworkConfig {
        input_shape: None,
        inputs: PIXELS,
        layers,
        output: Output::Softmax,
        init: Init::Msra,
        seed,
    }
}

/// The `deep-digits` widget.
#[derive(Clone, Debug)]
pub struct DeepDigits {
    params: Params,
    run: DigitRun,
}

impl DeepDigits {
    /// The training run (history, mistakes, the network).
    pub fn run(&self) -> &DigitRun {
        &self.run
    }
}

impl crate::lesson::digit_widget::DigitWidget for DeepDigits {
    fn spec() -> WidgetSpec {
        let title = (
            "A deep net on the digits: 784-128-64-32-16-10",
            "手写数字上的深度网络：784-128-64-32-16-10",
        );
        WidgetSpec::new("deep-digits", title, &specs()).with_data(DATA_FILE)
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (bn, optimizer, eta, decay, batch, seed): (String, String, f64, String, usize, u64) =
            params.read(&specs())?;
        let bn = bn == "1";
        let optimizer = OptimizerConfig::from_name(&optimizer).unwrap_or_default();
        let schedule = match decay.as_str() {
            "step" => Schedule::BOOK_STEP,
            _ => Schedule::Constant,
        };
        let net = deep_net(bn, seed).build()?;
        let plan = DigitPlan {
            schedule,
            stop_loss: Some(STOP_LOSS),
            ..DigitPlan::constant(eta, batch, BATCHES_PER_STEP, MAX_EPOCHS, seed)
        };
        let decay = if schedule == Schedule::Constant {
            "none"
        } else {
            "step"
        };
        let (bn, name) = ((bn as u8).to_string(), optimizer.name().to_string());
        let params = Params::write(&specs(), (bn, name, eta, decay.to_string(), batch, seed));
        Ok(DeepDigits {
            params,
            run: DigitRun::new(net, optimizer.build(), plan),
        })
    }

    fn params(&self) -> Params {
        self.params.clone()
    }

    digit_run_in!(run);

    fn more_readouts(&self) -> Vec<Readout> {
        vec![updates_readout(&self.run)]
    }
}

#[cfg(test)]
#[path = "deep_digits_tests.rs"]
mod tests;
