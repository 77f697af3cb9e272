//! Step 5, ch12.2 — gradient checking: every analytic gradient of backprop against the
//! central difference of the loss,
//!
//! ```text
//! numeric = (J(θ + h) − J(θ − h)) / 2h,     rel = |numeric − analytic| / (|numeric| + |analytic|)
//! ```
//!
//! on the book's test network 7-16-12-10 (sigmoid, tanh, softmax with cross-entropy,
//! Xavier weights) with random inputs and labels. For the whole network the book uses
//! ‖g_num − g_ana‖₂ / (‖g_num‖₂ + ‖g_ana‖₂) and reads it by bands: above 10⁻² wrong,
//! 10⁻²…10⁻⁴ suspicious, 10⁻⁴…10⁻⁷ fine for most nets, below 10⁻⁷ very good.
//!
//! The book computes in f64 and reaches the last band; our engine is f32, so the loss
//! carries a rounding error of about 10⁻⁷·|J| and the numeric gradient about that over 2h.
//! That is why `h` is a setting here: a large h pays in truncation error (∝ h²), a small
//! one in rounding (∝ 1/h), and the best f32 result sits in the "fine" band. The planted
//! bug ("forgot the 1/m of the batch mean", the analytic gradient × m) lands in "wrong".
//! The engine's per-layer checks are `nn::gradcheck`; this lesson checks the whole net.

use crate::error::{Error, ErrorKind, Result};
use crate::nn::{Activation, Init, LayerConfig, Matrix, Network, NetworkConfig, Output};
use crate::params::{ParamSpec, Params};
use crate::rng::Rng;
use crate::text::Text;
use crate::widget::{Column, Readout, Table, Widget, WidgetSpec};

/// Samples in the random batch.
pub const BATCH: usize = 4;
/// The book's layer sizes.
pub const SIZES: [usize; 4] = [7, 16, 12, 10];

/// One checked parameter entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry {
    /// Dense layer, 1-based.
    pub layer: usize,
    /// True for a bias, false for a weight.
    pub bias: bool,
    /// Index inside its tensor.
    pub index: usize,
    /// Central difference.
    pub numeric: f64,
    /// Backprop's value.
    pub analytic: f64,
}

impl Entry {
    /// |n − a| / (|n| + |a|), 0 when both are 0.
    pub fn rel(&self) -> f64 {
        rel(
            self.numeric.abs() + self.analytic.abs(),
            (self.numeric - self.analytic).abs(),
        )
    }
}

fn rel(scale: f64, diff: f64) -> f64 {
    if scale > 0.0 {
        diff / scale
    } else {
        0.0
    }
}

/// The book's band of a relative difference: 0 wrong (> 1e-2), 1 suspicious, 2 fine
/// (1e-4…1e-7), 3 very good (< 1e-7).
pub fn band(r: f64) -> usize {
    match r {
        r if r > 1e-2 => 0,
        r if r > 1e-4 => 1,
        r if r > 1e-7 => 2,
        _ => 3,
    }
}

fn band_text(r: f64) -> Text {
    match band(r) {
        0 => Text::new("> 10⁻²: the gradient is wrong.", "> 10⁻²：梯度算错了。"),
        1 => Text::new(
            "10⁻²…10⁻⁴: suspicious — look for a bug.",
            "10⁻²…10⁻⁴：可疑，需要检查。",
        ),
        2 => Text::new(
            "10⁻⁴…10⁻⁷: fine for most networks.",
            "10⁻⁴…10⁻⁷：对多数网络可以接受。",
        ),
        _ => Text::new("< 10⁻⁷: very good.", "< 10⁻⁷：非常好。"),
    }
}

/// The `grad-check` widget.
#[derive(Clone, Debug)]
pub struct GradCheck {
    h: f64,
    bug: bool,
    layer: usize,
    index: usize,
    seed: u64,
    /// Every entry, layer by layer (weights, then biases).
    pub entries: Vec<Entry>,
}

/// The finite-difference steps h the learner can try.
const STEPS_H: [&str; 4] = ["0.1", "0.01", "0.001", "0.0001"];

/// The choices of the `bug` setting: (value, English, Chinese).
const BUGS: [(&str, &str, &str); 2] = [
    ("none", "none", "无"),
    ("no-mean", "dW not divided by m", "dW 忘了除以 m"),
];

fn specs() -> [ParamSpec; 5] {
    [
        ParamSpec::values("h", Text::new("step h", "步长 h"), &STEPS_H, "0.01"),
        ParamSpec::choice("bug", Text::new("planted bug", "植入的错误"), &BUGS, "none"),
        ParamSpec::number("layer", Text::new("layer", "层"), 1.0, 3.0, 1.0, 1.0),
        ParamSpec::number(
            "entry",
            Text::new("weight number", "权重序号"),
            0.0,
            191.0,
            1.0,
            0.0,
        ),
        ParamSpec::seed(1000.0),
    ]
}

/// The 7-16-12-10 network of the book's check, Xavier weights from `seed`.
pub fn network(seed: u64) -> Result<Network> {
    let layer = |units, activation| LayerConfig::Dense { units, activation };
    NetworkConfig {
        input_shape: None,
        inputs: SIZES[0],
        layers: vec![
            layer(SIZES[1], Activation::Sigmoid),
            layer(SIZES[2], Activation::Tanh),
            layer(SIZES[3], Activation::Identity),
        ],
        output: Output::Softmax,
        init: Init::Xavier,
        seed,
    }
    .build()
}

/// Checks every weight and bias of `net` on `(x, y)` with step `h`; `scale` multiplies
/// the analytic gradients (1 without the planted bug).
pub fn check(net: &mut Network, x: &Matrix, y: &Matrix, h: f32, scale: f64) -> Vec<Entry> {
    net.forward(x);
    net.backward(y);
    let mut analytic = Vec::new();
    let mut shape = Vec::new();
    net.visit(|layer, p| {
        analytic.extend(p.grad.iter().map(|&g| g as f64 * scale));
        shape.extend((0..p.value.len()).map(|i| (layer, p.name == "b", i)));
    });
    let mut theta = Vec::new();
    net.save_params(&mut theta);
    let mut nudged = theta.clone();
    let mut entries = Vec::with_capacity(theta.len());
    for (k, &(layer, bias, index)) in shape.iter().enumerate() {
        let mut j = |d: f32| {
            nudged[k] = theta[k] + d;
            net.load_params(&nudged);
            net.loss(x, y) as f64
        };
        let numeric = (j(h) - j(-h)) / (2.0 * h as f64);
        nudged[k] = theta[k];
        entries.push(Entry {
            layer: layer + 1,
            bias,
            index,
            numeric,
            analytic: analytic[k],
        });
    }
    net.load_params(&theta);
    entries
}

/// ‖n − a‖₂ / (‖n‖₂ + ‖a‖₂) over `entries`.
pub fn norm_rel<'a>(entries: impl Iterator<Item = &'a Entry>) -> f64 {
    let (mut d, mut n, mut a) = (0.0, 0.0, 0.0);
    for e in entries {
        d += (e.numeric - e.analytic).powi(2);
        n += e.numeric.powi(2);
        a += e.analytic.powi(2);
    }
    rel(n.sqrt() + a.sqrt(), d.sqrt())
}

impl GradCheck {
    /// The entry the settings pick (a weight of the chosen layer).
    pub fn picked(&self) -> Option<&Entry> {
        self.entries
            .iter()
            .filter(|e| e.layer == self.layer && !e.bias)
            .nth(self.index)
    }

    /// The whole network's relative difference.
    pub fn overall(&self) -> f64 {
        norm_rel(self.entries.iter())
    }

    /// The weights of the chosen layer.
    pub fn layer_entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.layer == self.layer)
    }
}

impl Widget for GradCheck {
    fn spec() -> WidgetSpec {
        let title = ("Gradient check", "梯度检查");
        WidgetSpec::new("grad-check", title, &specs()).still()
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (h, bug, layer, index, seed): (String, String, usize, usize, u64) =
            params.read(&specs())?;
        let h: f64 = h.parse().unwrap_or(0.01);
        let bug = bug == "no-mean";
        let weights = SIZES[layer - 1] * SIZES[layer];
        if index >= weights {
            return Err(Error::new(
                ErrorKind::OutOfRange,
                format!(
                    "Layer {layer} has {weights} weights (numbers 0–{}); “weight number” {index} is out of range.",
                    weights - 1
                ),
                format!(
                    "第 {layer} 层有 {weights} 个权重（序号 0–{}），“权重序号” {index} 超出范围。",
                    weights - 1
                ),
            ));
        }
        let mut net = network(seed)?;
        let mut rng = Rng::new(seed.wrapping_add(12));
        let x = Matrix::from_fn(BATCH, SIZES[0], |_, _| rng.range(-1.0, 1.0) as f32);
        let classes: Vec<usize> = (0..BATCH)
            .map(|_| rng.below(SIZES[3] as u64) as usize)
            .collect();
        let y = Matrix::from_fn(BATCH, SIZES[3], |r, c| (classes[r] == c) as u8 as f32);
        let scale = if bug { BATCH as f64 } else { 1.0 };
        let entries = check(&mut net, &x, &y, h as f32, scale);
        Ok(GradCheck {
            h,
            bug,
            layer,
            index,
            seed,
            entries,
        })
    }

    fn params(&self) -> Params {
        let bug = if self.bug { "no-mean" } else { "none" };
        let (h, bug) = (self.h.to_string(), bug.to_string());
        Params::write(&specs(), (h, bug, self.layer, self.index, self.seed))
    }

    /// One row per tensor: its size, relative difference and worst entry.
    fn table(&self) -> Table {
        // One row per tensor (layer, bias?), over the entries checked in it.
        let tensors = (1..SIZES.len()).flat_map(|layer| [(layer, false), (layer, true)]);
        let of = |&(layer, bias): &(usize, bool)| {
            self.entries
                .iter()
                .filter(move |e| e.layer == layer && e.bias == bias)
        };
        let rel = Column::text("rel", "‖n − a‖ / (‖n‖ + ‖a‖)", "‖n − a‖ / (‖n‖ + ‖a‖)");
        Table::of_records(8, tensors)
            .column(Column::count("layer", "layer", "层"), |&(layer, _)| {
                layer as f64
            })
            .column(
                Column::count("bias", "bias? (0 W, 1 B)", "偏置？（0 W，1 B）"),
                |&(_, bias)| bias as u8 as f64,
            )
            .column(Column::count("count", "entries", "个数"), |t| {
                of(t).count() as f64
            })
            .column(rel, |t| norm_rel(of(t)))
            .column(
                Column::text("worst", "worst entry rel", "最差一项 rel"),
                |t| of(t).map(Entry::rel).fold(0.0, f64::max),
            )
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let picked = self.picked().map(|e| {
            [
                ("numeric", ("numeric ∂J/∂w", "数值 ∂J/∂w"), e.numeric),
                ("analytic", ("backprop ∂J/∂w", "反向传播 ∂J/∂w"), e.analytic),
                ("rel", ("relative difference", "相对误差"), e.rel()),
            ]
        });
        let overall = ("overall", ("whole network", "整个网络"), self.overall());
        let shown = picked.into_iter().flatten().chain([overall]);
        shown
            .map(|(key, label, v)| Readout::of(key, label, v, 8))
            .collect()
    }

    fn status(&self) -> Option<Text> {
        let r = self.overall();
        let b = band_text(r);
        Some(Text::new(
            format!("Whole network: {}", b.en),
            format!("整个网络：{}", b.zh),
        ))
    }
}

#[cfg(test)]
#[path = "grad_check_tests.rs"]
mod tests;
