//! Step 1, ch1.3 — a layer of two neurons over three inputs in matrix form:
//! Z = X·W + B with X of shape 1×3 (one sample is one row), W of shape 3×2 (column j
//! holds the weights of neuron j) and B of shape 1×2; then A = f(Z) element-wise.

use crate::error::Result;
use crate::lesson::neuron::activation_spec;
use crate::nn::Activation;
use crate::params::{ParamSpec, Params};
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

fn specs() -> [ParamSpec; 4] {
    let input = |k: &'static str, d| ParamSpec::number(k, Text::same(k), -2.0, 2.0, 0.1, d);
    [
        input("x1", 1.0),
        input("x2", 0.5),
        input("x3", -1.0),
        activation_spec("sigmoid"),
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
        let title = ("A layer: Z = X·W + B", "一层神经网络：Z = X·W + B");
        WidgetSpec::new("neuron-layer", title, &specs()).still()
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (x1, x2, x3, act): (f64, f64, f64, String) = params.read(&specs())?;
        Ok(NeuronLayer {
            x: [x1, x2, x3],
            act: Activation::from_name(&act).unwrap_or(Activation::Sigmoid),
        })
    }

    fn params(&self) -> Params {
        let [x1, x2, x3] = self.x;
        Params::write(&specs(), (x1, x2, x3, self.act.name().to_string()))
    }

    fn table(&self) -> Table {
        // One row per input: xᵢ and its two outgoing weights, then the bias row.
        Table::of_records(2, self.x.iter().copied().zip(W).enumerate())
            .column(Column::count("input", "input i", "输入 i"), |&(i, _)| {
                i as f64 + 1.0
            })
            .column(Column::symbol("x", "xᵢ"), |&(_, (x, _))| x)
            .column(Column::symbol("w1", "wᵢ₁"), |&(_, (_, w))| w[0])
            .column(Column::symbol("w2", "wᵢ₂"), |&(_, (_, w))| w[1])
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let (z, a) = (self.z(), self.a());
        vec![
            Readout::symbol("z1", "z₁", z[0], 3),
            Readout::symbol("z2", "z₂", z[1], 3),
            Readout::symbol("a1", "a₁", a[0], 3),
            Readout::symbol("a2", "a₂", a[1], 3),
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
