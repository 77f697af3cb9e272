//! Step 7, ch15.1 — why initialisation matters in a deep net. The book's experiment: a
//! batch of 1000 samples of 128 values drawn from N(0, 1) goes through six dense layers of
//! 128 units, and the values each layer puts out are counted in a histogram.
//!
//! | weights × activation | what happens (the book's table 15-2) |
//! |---|---|
//! | normal N(0, 1) × sigmoid | every z is large, so the outputs pile up at 0 and 1: saturated, σ′ ≈ 0, no gradient |
//! | Xavier × sigmoid | the outputs gather near 0.5: usable, but the spread is small |
//! | Xavier × tanh | the spread shrinks slowly and stays usable — a right pairing |
//! | Xavier × ReLU | the spread halves layer after layer: deep layers output almost nothing |
//! | MSRA × ReLU | the spread stays the same in every layer — the right pairing for ReLU |
//!
//! The network is the engine's own (`nn::Network` of `Dense` layers with the book's
//! initialisers, [`crate::nn::Init`]); every number below is computed, and the verdict the
//! widget prints is read off the numbers (how much of layer 6 is saturated or dead, and how
//! its spread compares with layer 1's), not written in by hand.

use crate::error::{Error, ErrorKind, Result};
use crate::nn::{Activation, Init, LayerConfig, Matrix, NetworkConfig, Output};
use crate::params::{ParamSpec, Params};
use crate::rng::Rng;
use crate::text::{fmt_num, Text};
use crate::widget::{Column, Readout, Table, Widget, WidgetSpec};

/// Samples in the batch (the book's 1000).
pub const SAMPLES: usize = 1000;
/// Units per layer and inputs per sample (the book's 128).
pub const WIDTH: usize = 128;
/// Hidden layers (the book's 6).
pub const LAYERS: usize = 6;
/// Bars of each histogram.
pub const BINS: usize = 20;

const COMBOS: [(&str, &str, &str); 5] = [
    (
        "normal-sigmoid",
        "normal N(0,1) + sigmoid",
        "正态 N(0,1) + Sigmoid",
    ),
    ("xavier-sigmoid", "Xavier + sigmoid", "Xavier + Sigmoid"),
    ("xavier-tanh", "Xavier + tanh", "Xavier + Tanh"),
    ("xavier-relu", "Xavier + ReLU", "Xavier + ReLU"),
    ("msra-relu", "MSRA + ReLU", "MSRA + ReLU"),
];

fn specs() -> [ParamSpec; 2] {
    [
        ParamSpec::choice(
            "combo",
            Text::new("weights + activation", "权重初始化 + 激活函数"),
            &COMBOS,
            "normal-sigmoid",
        ),
        ParamSpec::seed(9999.0),
    ]
}

/// One layer's outputs, summarised.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerStats {
    /// Count of outputs in each of [`BINS`] equal bars over [`InitHistograms::range`]
    /// (values beyond the range go in the end bars).
    pub counts: Vec<usize>,
    /// Mean output.
    pub mean: f64,
    /// Standard deviation of the outputs.
    pub std: f64,
    /// Share of outputs that are saturated (sigmoid < 0.02 or > 0.98, |tanh| > 0.98); for
    /// ReLU, whose outputs are 0 for about half of all inputs by design, the share of dead
    /// units (0 for every sample of the batch).
    pub stuck: f64,
}

/// The `init-histograms` widget.
#[derive(Clone, Debug)]
pub struct InitHistograms {
    combo: String,
    seed: u64,
    /// The weights' initialiser.
    pub init: Init,
    /// The activation of every layer.
    pub act: Activation,
    /// Layer 1 to 6.
    pub layers: Vec<LayerStats>,
}

impl InitHistograms {
    /// The value range the histograms cover: (0, 1) for sigmoid, (−1, 1) for tanh,
    /// (0, 3·std of layer 1) for ReLU so the layers can be compared.
    pub fn range(&self) -> (f64, f64) {
        range_for(self.act, self.layers.first().map_or(1.0, |l| l.std))
    }

    /// The label of the chosen pairing.
    pub fn label(&self) -> Text {
        let (_, en, zh) = COMBOS
            .iter()
            .find(|c| c.0 == self.combo)
            .copied()
            .unwrap_or(COMBOS[0]);
        Text::new(en, zh)
    }

    /// std of layer 6 over std of layer 1.
    pub fn spread_ratio(&self) -> f64 {
        match (self.layers.first(), self.layers.last()) {
            (Some(a), Some(b)) if a.std > 0.0 => b.std / a.std,
            _ => 0.0,
        }
    }
}

fn range_for(act: Activation, std1: f64) -> (f64, f64) {
    match act {
        Activation::Tanh => (-1.0, 1.0),
        Activation::Relu => (0.0, (3.0 * std1).max(1e-6)),
        _ => (0.0, 1.0),
    }
}

/// The share of saturated outputs, or of dead units under ReLU (see [`LayerStats::stuck`]).
fn stuck(act: Activation, a: &Matrix) -> f64 {
    match act {
        Activation::Relu => {
            let dead = (0..a.cols)
                .filter(|&j| (0..a.rows).all(|i| a[(i, j)] == 0.0))
                .count();
            dead as f64 / a.cols.max(1) as f64
        }
        _ => {
            let saturated = |v: f32| match act {
                Activation::Tanh => v.abs() > 0.98,
                _ => !(0.02..=0.98).contains(&v),
            };
            a.data.iter().filter(|&&v| saturated(v)).count() as f64 / a.data.len().max(1) as f64
        }
    }
}

/// Runs the book's batch through six layers and summarises each layer's outputs.
fn measure(init: Init, act: Activation, seed: u64) -> Result<Vec<LayerStats>> {
    let mut net = NetworkConfig {
        inputs: WIDTH,
        layers: vec![LayerConfig::dense(WIDTH, act); LAYERS],
        output: Output::Identity,
        init,
        seed,
        input_shape: None,
    }
    .build()?;
    let mut rng = Rng::new(seed.wrapping_add(1));
    let x = Matrix::from_fn(SAMPLES, WIDTH, |_, _| rng.normal() as f32);
    net.forward(&x);
    let mut out = Vec::with_capacity(LAYERS);
    let mut range = None;
    for layer in net.layers() {
        let v = &layer.output().data;
        let n = v.len() as f64;
        let mean = v.iter().map(|&a| a as f64).sum::<f64>() / n;
        let var = v.iter().map(|&a| (a as f64 - mean).powi(2)).sum::<f64>() / n;
        let std = var.sqrt();
        let (lo, hi) = *range.get_or_insert(range_for(act, std));
        let mut counts = vec![0; BINS];
        for &a in v {
            let t = ((a as f64 - lo) / (hi - lo) * BINS as f64).floor();
            counts[(t.max(0.0) as usize).min(BINS - 1)] += 1;
        }
        out.push(LayerStats {
            counts,
            mean,
            std,
            stuck: stuck(act, layer.output()),
        });
    }
    Ok(out)
}

impl Widget for InitHistograms {
    fn spec() -> WidgetSpec {
        let title = (
            "Initialisation: what six layers do to the values",
            "初始化：六层网络中的激活值分布",
        );
        WidgetSpec::new("init-histograms", title, &specs()).still()
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (combo, seed): (String, u64) = params.read(&specs())?;
        let (init, act) = match combo.as_str() {
            "normal-sigmoid" => (Init::Normal, Activation::Sigmoid),
            "xavier-sigmoid" => (Init::Xavier, Activation::Sigmoid),
            "xavier-tanh" => (Init::Xavier, Activation::Tanh),
            "xavier-relu" => (Init::Xavier, Activation::Relu),
            "msra-relu" => (Init::Msra, Activation::Relu),
            other => {
                return Err(Error::new(
                    ErrorKind::BadValue,
                    format!("Unknown pairing “{other}”."),
                    format!("未知的组合“{other}”。"),
                ))
            }
        };
        Ok(InitHistograms {
            layers: measure(init, act, seed)?,
            combo,
            seed,
            init,
            act,
        })
    }

    fn params(&self) -> Params {
        Params::write(&specs(), (self.combo.clone(), self.seed))
    }

    fn table(&self) -> Table {
        let stuck = Column::text(
            "stuck",
            "saturated (σ, tanh) or dead units (ReLU)",
            "饱和比例（σ、tanh）或死亡神经元比例（ReLU）",
        );
        // The page numbers the rows: row k is layer k.
        Table::of_records(3, &self.layers)
            .column(Column::symbol("mean", "mean"), |l| l.mean)
            .column(Column::symbol("std", "std"), |l| l.std)
            .column(stuck, |l| l.stuck)
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let stuck = self.layers.last().map_or(0.0, |l| l.stuck);
        let ratio = ("std layer 6 / layer 1", "第 6 层与第 1 层标准差之比");
        let stuck_label = ("layer 6 saturated or dead", "第 6 层饱和或死亡的比例");
        vec![
            Readout::of("ratio", ratio, self.spread_ratio(), 3),
            Readout::of("stuck6", stuck_label, stuck, 3),
        ]
    }

    fn status(&self) -> Option<Text> {
        let (stuck, ratio) = (self.layers.last()?.stuck, self.spread_ratio());
        let pct = fmt_num(100.0 * stuck, 0);
        let r = fmt_num(ratio, 2);
        let std6 = fmt_num(self.layers.last()?.std, 2);
        Some(if stuck > 0.5 {
            Text::new(
                format!("{pct} % of layer 6 is saturated or dead: almost no gradient gets through. A poor pairing."),
                format!("第 6 层有 {pct} % 的值饱和或死亡，梯度几乎传不过去。这是不好的搭配。"),
            )
        } else if self.act == Activation::Sigmoid {
            Text::new(
                format!("The outputs gather near 0.5 (std {std6} in layer 6), where σ′ is at most 0.25: every layer still divides the gradient by four or more. Usable, not ideal."),
                format!("输出聚集在 0.5 附近（第 6 层标准差 {std6}），那里 σ′ 最大只有 0.25：每一层仍把梯度缩小到四分之一以下。能用，但不理想。"),
            )
        } else if ratio < 0.3 {
            Text::new(
                format!("The spread shrinks to {r}× of layer 1's by layer 6: deeper layers see less and less signal."),
                format!("到第 6 层，标准差缩小到第 1 层的 {r} 倍：越深的层收到的信号越弱。"),
            )
        } else {
            Text::new(
                format!("The spread stays at {r}× of layer 1's by layer 6, with {pct} % saturated or dead: a good pairing."),
                format!("到第 6 层，标准差保持在第 1 层的 {r} 倍，只有 {pct} % 饱和或死亡：这是合适的搭配。"),
            )
        })
    }
}

#[cfg(test)]
#[path = "init_hist_tests.rs"]
mod tests;
