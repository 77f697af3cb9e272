//! Step 1, ch1.3 — a layer of two neurons over three inputs in matrix form:
//! Z = X·W + B with X of shape 1×3 (one sample is one row), W of shape 3×2 (column j
//! holds the weights of neuron j) and B of shape 1×2; then A = f(Z) element-wise.

use crate::error::Result;
use crate::lesson::neuron::ACTIVATIONS;
use crate::nn::Activation;
use crate::params::{format_value, ParamSpec, Params};
use crate::text::Text;
use crate::widget::{Column, Readout, Table, Widget, WidgetSpec};

/// The example weights: row i is input i, column j is neuron j.
pub const W: [[f64; 2]; 3] = [[0.5, -0.3], [0.2, 0.8], [-0.4, 0.1]];
/// The example biases.
pub const B: [f64; 2] = [0.1, -0.2];

/// The widget state.
#[derive(Clone, Debug)]
pub struct NeuronLayer {
    /// The sample X (1×3).
    pub x: [f64; 3],
    /// Activation.
    pub act: Activation,
}

fn specs() -> Vec<ParamSpec> {
    let input = |k: &'static str, d| ParamSpec::number(k, Text::same(k), -2.0, 2.0, 0.1, d);
    vec![
        input("x1", 1.0),
        input("x2", 0.5),
        input("x3", -1.0),
        ParamSpec::choice(
            "act",
            Text::new("activation", "激活函数"),
            &ACTIVATIONS,
            "sigmoid",
        ),
    ]
}

impl NeuronLayer {
    /// Z = X·W + B.
    pub fn z(&self) -> [f64; 2] {
        let mut z = B;
        for (j, zj) in z.iter_mut().enumerate() {
            for (i, xi) in self.x.iter().enumerate() {
                *zj += xi * W[i][j];
            }
        }
        z
    }

    /// A = f(Z).
    pub fn a(&self) -> [f64; 2] {
        self.z().map(|z| self.act.forward_f64(z))
    }
}

impl Widget for NeuronLayer {
    fn spec() -> WidgetSpec {
        WidgetSpec {
            name: "neuron-layer",
            title: Text::new("A layer: Z = X·W + B", "一层神经网络：Z = X·W + B"),
            params: specs(),
            steppable: false,
            data: None,
        }
    }

    fn from_params(params: &Params) -> Result<Self> {
        let s = specs();
        let act = params.choice(&s[3])?;
        Ok(NeuronLayer {
            x: [
                params.number(&s[0])?,
                params.number(&s[1])?,
                params.number(&s[2])?,
            ],
            act: Activation::from_name(&act).unwrap_or(Activation::Sigmoid),
        })
    }

    fn params(&self) -> Params {
        let mut p: Vec<(String, String)> = self
            .x
            .iter()
            .enumerate()
            .map(|(i, x)| (format!("x{}", i + 1), format_value(*x)))
            .collect();
        p.push(("act".into(), self.act.name().into()));
        Params(p)
    }

    fn table(&self) -> Table {
        // One row per input: xᵢ and its two outgoing weights, then the bias row.
        let mut t = Table::new(
            vec![
                Column::count("input", "input i", "输入 i"),
                Column::symbol("x", "xᵢ"),
                Column::symbol("w1", "wᵢ₁"),
                Column::symbol("w2", "wᵢ₂"),
            ],
            2,
        );
        for (i, (x, w)) in self.x.iter().zip(W).enumerate() {
            t.rows
                .push(vec![Some(i as f64 + 1.0), Some(*x), Some(w[0]), Some(w[1])]);
        }
        t
    }

    fn readouts(&self) -> Vec<Readout> {
        let (z, a) = (self.z(), self.a());
        vec![
            Readout::new("z1", Text::same("z₁"), z[0], 3),
            Readout::new("z2", Text::same("z₂"), z[1], 3),
            Readout::new("a1", Text::same("a₁"), a[0], 3),
            Readout::new("a2", Text::same("a₂"), a[1], 3),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_form_matches_neuron_by_neuron() {
        // Hand computation for X = (1, 0.5, −1):
        // z₁ = 0.5 + 0.1 + 0.4 + 0.1 = 1.1; z₂ = −0.3 + 0.4 − 0.1 − 0.2 = −0.2.
        let l = NeuronLayer::from_params(&Params::default()).unwrap();
        let z = l.z();
        assert!(
            (z[0] - 1.1).abs() < 1e-12 && (z[1] + 0.2).abs() < 1e-12,
            "{z:?}"
        );
        let a = l.a();
        assert!((a[0] - crate::nn::activation::sigmoid_f64(1.1)).abs() < 1e-15);
    }
}
