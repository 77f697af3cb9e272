//! Step 1, ch1.3 — one neuron: z = w₁x₁ + w₂x₂ + w₃x₃ + b, a = f(z).
//!
//! The default settings are the warm/cold colour neuron: the inputs are the red, green
//! and blue parts of a colour, w = (1, 0, −1), b = 0 and a step activation, so the
//! neuron fires ("warm") exactly when red outweighs blue.

use crate::error::Result;
use crate::nn::Activation;
use crate::params::{ParamSpec, Params};
use crate::text::Text;
use crate::widget::{Readout, Widget, WidgetSpec};

/// Activation choices as `(value, en, zh)`.
pub const ACTIVATIONS: [(&str, &str, &str); 5] = [
    ("linear", "linear", "线性"),
    ("step", "step", "阶跃"),
    ("sigmoid", "sigmoid", "Sigmoid"),
    ("tanh", "tanh", "Tanh"),
    ("relu", "ReLU", "ReLU"),
];

/// The activation setting (key `act`) over [`ACTIVATIONS`], shared with
/// [`super::neuron_layer`].
pub fn activation_spec(default: &str) -> ParamSpec {
    let label = Text::new("activation", "激活函数");
    ParamSpec::choice("act", label, &ACTIVATIONS, default)
}

/// The widget state.
#[derive(Clone, Debug)]
pub struct Neuron {
    /// Inputs x₁..x₃.
    pub x: [f64; 3],
    /// Weights w₁..w₃.
    pub w: [f64; 3],
    /// Bias.
    pub b: f64,
    /// Activation.
    pub act: Activation,
}

fn specs() -> [ParamSpec; 8] {
    let input = |k, en, zh, d| ParamSpec::number(k, Text::new(en, zh), 0.0, 1.0, 0.01, d);
    let weight = |k: &'static str, d| ParamSpec::number(k, Text::same(k), -2.0, 2.0, 0.1, d);
    [
        input("x1", "x1 (red)", "x1（红）", 1.0),
        input("x2", "x2 (green)", "x2（绿）", 0.6),
        input("x3", "x3 (blue)", "x3（蓝）", 0.1),
        weight("w1", 1.0),
        weight("w2", 0.0),
        weight("w3", -1.0),
        ParamSpec::num("b", ("bias b", "偏置 b"), [-2.0, 2.0, 0.1, 0.0]),
        activation_spec("step"),
    ]
}

impl Neuron {
    /// z = Σ wᵢxᵢ + b.
    pub fn z(&self) -> f64 {
        self.x.iter().zip(&self.w).map(|(x, w)| x * w).sum::<f64>() + self.b
    }

    /// a = f(z).
    pub fn a(&self) -> f64 {
        self.act.forward_f64(self.z())
    }
}

impl Widget for Neuron {
    fn spec() -> WidgetSpec {
        WidgetSpec::new("neuron", ("One neuron", "一个神经元"), &specs()).still()
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (x1, x2, x3, w1, w2, w3, b, act): (f64, f64, f64, f64, f64, f64, f64, String) =
            params.read(&specs())?;
        Ok(Neuron {
            x: [x1, x2, x3],
            w: [w1, w2, w3],
            b,
            act: Activation::from_name(&act).unwrap_or(Activation::Step),
        })
    }

    fn params(&self) -> Params {
        let ([x1, x2, x3], [w1, w2, w3]) = (self.x, self.w);
        let (b, act) = (self.b, self.act.name().to_string());
        Params::write(&specs(), (x1, x2, x3, w1, w2, w3, b, act))
    }

    fn readouts(&self) -> Vec<Readout> {
        vec![
            Readout::symbol("z", "z = Σwx + b", self.z(), 3),
            Readout::symbol("a", "a = f(z)", self.a(), 3),
        ]
    }

    fn status(&self) -> Option<Text> {
        // The colour reading only makes sense for the all-or-nothing step neuron.
        (self.act == Activation::Step).then(|| {
            if self.a() > 0.5 {
                Text::new(
                    "It fires (a = 1): a warm colour.",
                    "神经元被激活（a = 1）：暖色。",
                )
            } else {
                Text::new(
                    "It stays silent (a = 0): a cold colour.",
                    "神经元未被激活（a = 0）：冷色。",
                )
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn neuron(pairs: &[(&str, &str)]) -> Neuron {
        Neuron::from_params(&Params::of(pairs)).unwrap()
    }

    #[test]
    fn warm_and_cold_colours() {
        // Orange (1, 0.6, 0.1): z = 1·1 + 0·0.6 − 1·0.1 = 0.9 → fires. Sky blue
        // (0.3, 0.7, 1): z = 0.3 − 1 = −0.7 → silent. Hand computation.
        let orange = neuron(&[]);
        assert!((orange.z() - 0.9).abs() < 1e-12);
        assert_eq!(orange.a(), 1.0);
        let sky = neuron(&[("x1", "0.3"), ("x2", "0.7"), ("x3", "1")]);
        assert!((sky.z() + 0.7).abs() < 1e-12);
        assert_eq!(sky.a(), 0.0);
    }

    #[test]
    fn activations_apply_to_z() {
        let n = neuron(&[("act", "sigmoid"), ("b", "-0.9")]);
        assert!((n.a() - 0.5).abs() < 1e-12);
        let n = neuron(&[("act", "relu"), ("b", "-2")]);
        assert_eq!(n.a(), 0.0);
    }
}
