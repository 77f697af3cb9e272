//! Step 1, ch3 — why classification uses cross-entropy. A sigmoid output a = σ(z) with
//! label y: with MSE J = (a − y)²/2 the gradient dJ/dz = (a − y)·a(1 − a) vanishes when
//! the output is confidently wrong; with cross-entropy dJ/dz = a − y it does not.

use crate::error::Result;
use crate::nn::activation::sigmoid_f64 as sigmoid;
use crate::params::{ParamSpec, Params};
use crate::widget::{Readout, Widget, WidgetSpec};

/// (J, dJ/dz) for MSE on a sigmoid output.
pub fn mse(z: f64, y: f64) -> (f64, f64) {
    let a = sigmoid(z);
    ((a - y).powi(2) / 2.0, (a - y) * a * (1.0 - a))
}

/// (J, dJ/dz) for binary cross-entropy on a sigmoid output, computed stably:
/// −ln σ(z) = ln(1 + e^{−z}).
pub fn ce(z: f64, y: f64) -> (f64, f64) {
    let softplus = |t: f64| if t > 30.0 { t } else { t.exp().ln_1p() };
    let j = y * softplus(-z) + (1.0 - y) * softplus(z);
    (j, sigmoid(z) - y)
}

/// The widget state.
#[derive(Clone, Debug)]
pub struct MseVsCe {
    z: f64,
    y: f64,
}

fn specs() -> [ParamSpec; 2] {
    [
        ParamSpec::num(
            "z",
            ("pre-activation z", "激活前的 z"),
            [-8.0, 8.0, 0.1, -4.0],
        ),
        ParamSpec::label_y(),
    ]
}

impl MseVsCe {
    /// (z, y).
    pub fn point(&self) -> (f64, f64) {
        (self.z, self.y)
    }
}

impl Widget for MseVsCe {
    fn spec() -> WidgetSpec {
        let title = (
            "MSE vs cross-entropy on a sigmoid output",
            "Sigmoid 输出上的均方差与交叉熵",
        );
        WidgetSpec::new("mse-vs-ce", title, &specs()).still()
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (z, y): (f64, String) = params.read(&specs())?;
        let y = if y == "1" { 1.0 } else { 0.0 };
        Ok(MseVsCe { z, y })
    }

    fn params(&self) -> Params {
        Params::write(&specs(), (self.z, self.y))
    }

    fn readouts(&self) -> Vec<Readout> {
        let (jm, gm) = mse(self.z, self.y);
        let (jc, gc) = ce(self.z, self.y);
        vec![
            Readout::symbol("a", "a = σ(z)", sigmoid(self.z), 4),
            Readout::of("mse", ("MSE loss", "均方差损失"), jm, 4),
            Readout::of("mse_grad", ("MSE dJ/dz", "均方差 dJ/dz"), gm, 4),
            Readout::of("ce", ("CE loss", "交叉熵损失"), jc, 4),
            Readout::of("ce_grad", ("CE dJ/dz", "交叉熵 dJ/dz"), gc, 4),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradients_match_finite_differences() {
        let h = 1e-6;
        for y in [0.0, 1.0] {
            for z in [-5.0, -0.7, 0.0, 2.2] {
                for f in [mse, ce] {
                    let numeric = (f(z + h, y).0 - f(z - h, y).0) / (2.0 * h);
                    assert!((numeric - f(z, y).1).abs() < 1e-6, "z={z} y={y}");
                }
            }
        }
    }

    #[test]
    fn confidently_wrong_mse_barely_learns_and_ce_does() {
        // z = −6, y = 1: a ≈ 0.00247; MSE gradient ≈ −0.0025, CE gradient ≈ −0.9975.
        let (_, gm) = mse(-6.0, 1.0);
        let (_, gc) = ce(-6.0, 1.0);
        assert!(gm.abs() < 0.003 && gc < -0.99, "{gm} {gc}");
    }
}
