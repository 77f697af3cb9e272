//! Step 8, ch18.4 — a CNN on the digits, built from blocks ([`super::cnn_blocks`]) and
//! trained with [`DigitRun`] (8,000 training digits, 2,000 held out).
//!
//! The default is the book's ch18.4 net ([`super::cnn_nets::digits_cnn`]): conv 8@5×5 →
//! ReLU → max-pool 2 → conv 16@5×5 → ReLU → max-pool 2 → FC 32 → BN → ReLU → FC 10,
//! Xavier weights, Momentum, η 0.1, batch 128, 5 epochs (the book: 0.9865 of the MNIST
//! test digits after training on 60,000). Besides the loss and accuracy per epoch the
//! widget shows the confusion matrix of the test digits, the first convolution's learned
//! kernels and the feature maps of one test digit (`digit`) at every convolution.

use crate::error::Result;
use crate::lesson::digit_run::{DigitPlan, DigitRun, DATA_FILE, PIXELS, TEST};
use crate::lesson::digit_widget::digit_run_in;
use crate::lesson::digits::updates_readout;
use crate::nn::layers::ParamRole;
use crate::nn::optim::OptimizerConfig;
use crate::nn::{Init, LayerConfig, Matrix, Shape};
use crate::params::{ParamSpec, Params};
use crate::text::Text;
use crate::widget::{Readout, WidgetSpec};

use super::cnn_blocks::{blocks_net, PRESETS};

/// Mini-batches per Step (4 × 128 = 512 digits: an epoch is 16 Steps at batch 128).
pub const BATCHES_PER_STEP: usize = 4;

fn specs() -> [ParamSpec; 8] {
    [
        ParamSpec::text("layers", Text::new("blocks", "网络块"), &PRESETS),
        ParamSpec::init(&["xavier", "msra"], "xavier"),
        ParamSpec::optimizer("momentum"),
        ParamSpec::eta(0.0001, 1.0, 0.0001, 0.1),
        ParamSpec::batch(8.0, 512.0, 8.0, 128.0),
        ParamSpec::epochs([1.0, 20.0, 1.0, 5.0]),
        ParamSpec::num(
            "digit",
            ("test digit shown", "展示的测试数字"),
            [0.0, (TEST - 1) as f64, 1.0, 0.0],
        ),
        ParamSpec::seed(1000.0),
    ]
}

/// One layer of the net as the page lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerRow {
    /// The layer's kind (`conv2d`, `max-pool`, `dense`, …).
    pub name: &'static str,
    /// Its output shape.
    pub output: Shape,
    /// Its trained values (weights, biases, γ, β).
    pub params: usize,
}

/// The maps one convolution makes of the chosen digit, channel after channel.
#[derive(Clone, Debug, PartialEq)]
pub struct FeatureMaps {
    /// Number of the layer (from 1).
    pub layer: usize,
    /// C×H×W of the output.
    pub shape: Shape,
    /// The values.
    pub values: Vec<f32>,
}

/// The `cnn-trainer` widget.
#[derive(Clone, Debug)]
pub struct CnnTrainer {
    params: Params,
    digit: usize,
    run: DigitRun,
}

impl CnnTrainer {
    /// The training run (history, mistakes, confusion, the network).
    pub fn run(&self) -> &DigitRun {
        &self.run
    }

    /// The run, to restore a worker's snapshot into.
    pub(crate) fn run_mut(&mut self) -> &mut DigitRun {
        &mut self.run
    }

    /// The test digit whose feature maps are shown.
    pub fn digit(&self) -> usize {
        self.digit
    }

    /// Every layer with its output shape and trained values (the output layer last).
    pub fn layer_rows(&self) -> Vec<LayerRow> {
        let net = self.run.network();
        let mut counts = vec![0; net.layers().len()];
        net.visit(|i, p| {
            if p.role.trainable() {
                counts[i] += p.value.len();
            }
        });
        net.config()
            .layers
            .iter()
            .zip(&net.shapes()[1..])
            .zip(counts)
            .map(|((l, &output), params)| LayerRow {
                name: l.name(),
                output,
                params,
            })
            .collect()
    }

    /// The kernels of the first convolution, each `k × k` (the digits have one channel),
    /// or none for a net without one.
    pub fn first_kernels(&self) -> Option<(usize, Vec<Vec<f32>>)> {
        let net = self.run.network();
        let first = net
            .config()
            .layers
            .iter()
            .position(|l| matches!(l, LayerConfig::Conv2d { .. }))?;
        let LayerConfig::Conv2d { kernel, .. } = net.config().layers[first] else {
            return None;
        };
        let mut out = None;
        net.visit(|i, p| {
            if i == first && p.role == ParamRole::Weight {
                let cols = p.shape.1.max(1);
                out = Some(p.value.chunks(cols).map(<[f32]>::to_vec).collect());
            }
        });
        out.map(|k| (kernel, k))
    }

    /// The output of every convolution for the chosen test digit (none before the digits
    /// have arrived).
    pub fn feature_maps(&self) -> Vec<FeatureMaps> {
        let Some(img) = self.run.test_image(self.digit) else {
            return Vec::new();
        };
        let mut net = self.run.network().clone();
        let x = Matrix::from_vec(1, PIXELS, img.to_vec()).unwrap_or_default();
        net.forward(&x);
        let shapes = net.shapes().to_vec();
        net.config()
            .layers
            .iter()
            .zip(net.layers())
            .enumerate()
            .filter(|(_, (c, _))| matches!(c, LayerConfig::Conv2d { .. }))
            .map(|(i, (_, l))| FeatureMaps {
                layer: i + 1,
                shape: shapes[i + 1],
                values: l.output().data.clone(),
            })
            .collect()
    }
}

impl crate::lesson::digit_widget::DigitWidget for CnnTrainer {
    const VIEW_KEYS: &'static [&'static str] = &["digit"];

    fn spec() -> WidgetSpec {
        let title = (
            "A CNN on the digits, block by block",
            "用卷积网络识别手写数字：逐块搭建",
        );
        WidgetSpec::new("cnn-trainer", title, &specs()).with_data(DATA_FILE)
    }

    fn from_params(params: &Params) -> Result<Self> {
        let settings: (String, String, String, f64, usize, usize, usize, u64) =
            params.read(&specs())?;
        let (layers, init, optimizer, eta, batch, epochs, digit, seed) = settings;
        let init = match init.as_str() {
            "msra" => Init::Msra,
            _ => Init::Xavier,
        };
        let optimizer = OptimizerConfig::from_name(&optimizer).unwrap_or_default();
        let net = blocks_net(&layers, init, seed)?.build()?;
        let plan = DigitPlan::constant(eta, batch, BATCHES_PER_STEP, epochs, seed);
        let init = if init == Init::Msra { "msra" } else { "xavier" };
        let (init, name) = (init.to_string(), optimizer.name().to_string());
        let settings = (layers, init, name, eta, batch, epochs, digit, seed);
        let params = Params::write(&specs(), settings);
        Ok(CnnTrainer {
            params,
            digit,
            run: DigitRun::new(net, optimizer.build(), plan),
        })
    }

    fn params(&self) -> Params {
        self.params.clone()
    }

    digit_run_in!(run);

    fn more_readouts(&self) -> Vec<Readout> {
        vec![
            updates_readout(&self.run),
            Readout::of(
                "params",
                ("trained values", "可训练参数"),
                self.run.network().param_count() as f64,
                0,
            ),
        ]
    }
}

#[cfg(test)]
#[path = "cnn_trainer_tests.rs"]
mod tests;
