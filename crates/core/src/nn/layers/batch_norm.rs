//! Batch normalisation (ch15.5–15.6, the book's `BnLayer`): each column is normalised by
//! the batch's mean and variance, then scaled and shifted by learned γ and β.
//!
//! Forward in training, per column j over the m rows of the batch:
//!
//! ```text
//! μ = Σᵢ xᵢ / m      σ² = Σᵢ (xᵢ − μ)² / m      x̂ᵢ = (xᵢ − μ) / √(σ² + ε)      yᵢ = γ·x̂ᵢ + β
//! running_μ ← momentum·running_μ + (1 − momentum)·μ       (the same for σ²)
//! ```
//!
//! In inference the running μ and σ² take the place of the batch's, so one sample gives
//! the same answer alone as in any batch.
//!
//! Backward in training (μ and σ² depend on every xᵢ of the batch):
//!
//! ```text
//! dγ = Σᵢ dyᵢ·x̂ᵢ      dβ = Σᵢ dyᵢ      dx̂ᵢ = dyᵢ·γ
//! dxᵢ = (m·dx̂ᵢ − Σₖ dx̂ₖ − x̂ᵢ·Σₖ dx̂ₖ·x̂ₖ) / (m·√(σ² + ε))
//! ```
//!
//! and after an inference forward pass simply dxᵢ = dyᵢ·γ / √(running σ² + ε).
//!
//! The book trains γ and β with a fixed rate 0.1; here they go through the network's
//! optimizer like every other parameter. Sums run over the rows in order, so results are
//! the same natively and in wasm.
//!
//! # Shapes
//! X, Y: m × n; γ, β, running μ and σ²: 1 × n.

use super::{
    check_grad_y, layer_boilerplate, Layer, LayerConfig, Mode, Param, ParamMut, ParamRole,
};
use crate::nn::matrix::Matrix;

/// A batch-norm layer over `n` columns.
#[derive(Clone, Debug)]
pub struct BatchNorm {
    /// Scale γ (starts at 1).
    pub gamma: Vec<f32>,
    /// Shift β (starts at 0).
    pub beta: Vec<f32>,
    /// Running mean (starts at 0).
    pub running_mean: Vec<f32>,
    /// Running variance (starts at 1).
    pub running_var: Vec<f32>,
    momentum: f32,
    eps: f32,
    mode: Mode,
    x_hat: Matrix,
    inv_std: Vec<f32>,
    y: Matrix,
    grad_gamma: Vec<f32>,
    grad_beta: Vec<f32>,
    grad_x: Matrix,
}

impl BatchNorm {
    /// γ = 1, β = 0, running mean 0 and variance 1 over `n` columns.
    pub fn new(n: usize, momentum: f32, eps: f32) -> BatchNorm {
        BatchNorm {
            gamma: vec![1.0; n],
            beta: vec![0.0; n],
            running_mean: vec![0.0; n],
            running_var: vec![1.0; n],
            momentum,
            eps,
            mode: Mode::Infer,
            x_hat: Matrix::default(),
            inv_std: vec![0.0; n],
            y: Matrix::default(),
            grad_gamma: vec![0.0; n],
            grad_beta: vec![0.0; n],
            grad_x: Matrix::default(),
        }
    }

    /// x̂ of the last forward pass.
    pub fn x_hat(&self) -> &Matrix {
        &self.x_hat
    }
}

impl Layer for BatchNorm {
    fn config(&self) -> LayerConfig {
        LayerConfig::BatchNorm {
            momentum: self.momentum,
            eps: self.eps,
        }
    }

    fn outputs(&self) -> usize {
        self.gamma.len()
    }

    fn forward(&mut self, x: &Matrix, mode: Mode) -> &Matrix {
        let (m, n) = x.shape();
        assert_eq!(n, self.gamma.len(), "BatchNorm: input width");
        self.mode = mode;
        self.x_hat.resize(m, n);
        self.y.resize(m, n);
        for j in 0..n {
            let (mean, var) = match mode {
                Mode::Train => {
                    let mut sum = 0.0f32;
                    for i in 0..m {
                        sum += x.data[i * n + j];
                    }
                    let mean = sum / m as f32;
                    let mut sq = 0.0f32;
                    for i in 0..m {
                        let d = x.data[i * n + j] - mean;
                        sq += d * d;
                    }
                    let var = sq / m as f32;
                    let k = self.momentum;
                    self.running_mean[j] = k * self.running_mean[j] + (1.0 - k) * mean;
                    self.running_var[j] = k * self.running_var[j] + (1.0 - k) * var;
                    (mean, var)
                }
                Mode::Infer => (self.running_mean[j], self.running_var[j]),
            };
            // f32 square roots are correctly rounded (IEEE 754), so the same on every target.
            let inv_std = 1.0 / (var + self.eps).sqrt();
            self.inv_std[j] = inv_std;
            for i in 0..m {
                let q = i * n + j;
                let xh = (x.data[q] - mean) * inv_std;
                self.x_hat.data[q] = xh;
                self.y.data[q] = self.gamma[j] * xh + self.beta[j];
            }
        }
        &self.y
    }

    fn backward(&mut self, grad_y: &Matrix, need_grad_x: bool) {
        check_grad_y("BatchNorm", grad_y, &self.y);
        let (m, n) = grad_y.shape();
        if need_grad_x {
            self.grad_x.resize(m, n);
        }
        for j in 0..n {
            // dγ = Σ dy·x̂ and dβ = Σ dy (y = γ·x̂ + β).
            let (mut dg, mut db) = (0.0f32, 0.0f32);
            for i in 0..m {
                let q = i * n + j;
                dg += grad_y.data[q] * self.x_hat.data[q];
                db += grad_y.data[q];
            }
            self.grad_gamma[j] = dg;
            self.grad_beta[j] = db;
            if !need_grad_x {
                continue;
            }
            let g = self.gamma[j];
            match self.mode {
                // Σ dx̂ = γ·dβ and Σ dx̂·x̂ = γ·dγ: the two sums through μ and σ².
                Mode::Train => {
                    let scale = self.inv_std[j] / m as f32;
                    for i in 0..m {
                        let q = i * n + j;
                        let dxh = grad_y.data[q] * g;
                        self.grad_x.data[q] =
                            scale * (m as f32 * dxh - g * db - self.x_hat.data[q] * g * dg);
                    }
                }
                // With the running statistics fixed, x̂ is an affine map of x.
                Mode::Infer => {
                    for i in 0..m {
                        let q = i * n + j;
                        self.grad_x.data[q] = grad_y.data[q] * g * self.inv_std[j];
                    }
                }
            }
        }
    }

    fn visit(&self, f: &mut dyn FnMut(Param<'_>)) {
        let n = self.gamma.len();
        let none: &[f32] = &[];
        for (name, kind, value, grad) in [
            ("gamma", ParamRole::Scale, &self.gamma, &self.grad_gamma[..]),
            ("beta", ParamRole::Shift, &self.beta, &self.grad_beta[..]),
            (
                "running_mean",
                ParamRole::Statistic,
                &self.running_mean,
                none,
            ),
            ("running_var", ParamRole::Statistic, &self.running_var, none),
        ] {
            f(Param {
                name,
                role: kind,
                shape: (1, n),
                value,
                grad,
            });
        }
    }

    fn visit_mut(&mut self, f: &mut dyn FnMut(ParamMut<'_>)) {
        f(ParamMut {
            name: "gamma",
            role: ParamRole::Scale,
            value: &mut self.gamma,
            grad: &mut self.grad_gamma,
        });
        f(ParamMut {
            name: "beta",
            role: ParamRole::Shift,
            value: &mut self.beta,
            grad: &mut self.grad_beta,
        });
        for (name, value) in [
            ("running_mean", &mut self.running_mean),
            ("running_var", &mut self.running_var),
        ] {
            f(ParamMut {
                name,
                role: ParamRole::Statistic,
                value,
                grad: &mut [],
            });
        }
    }

    layer_boilerplate!(y, grad_x);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::gradcheck;

    #[test]
    fn statistics_match_a_hand_computation() {
        // Column 0: 1, 2, 3, 6 → μ = 3, σ² = (4 + 1 + 0 + 9)/4 = 3.5.
        // Column 1: 0, 0, 4, 4 → μ = 2, σ² = 4.
        let x = Matrix::from_rows(&[[1.0, 0.0], [2.0, 0.0], [3.0, 4.0], [6.0, 4.0]]);
        let mut bn = BatchNorm::new(2, 0.9, 1e-5);
        let y = bn.forward(&x, Mode::Train).clone();
        // x̂ = (1 − 3)/√3.50001 = −1.0690435…; column 1: (0 − 2)/√4.00001 = −0.9999988.
        assert!((y[(0, 0)] - (-1.069_043_5)).abs() < 1e-6, "{}", y[(0, 0)]);
        assert!((y[(0, 1)] - (-0.999_998_8)).abs() < 1e-6, "{}", y[(0, 1)]);
        // Running: 0.9·0 + 0.1·3 = 0.3 and 0.9·1 + 0.1·3.5 = 1.25; column 1: 0.2 and 1.3.
        let close = |a: &[f32], b: &[f32]| a.iter().zip(b).all(|(a, b)| (a - b).abs() < 1e-6);
        assert!(
            close(&bn.running_mean, &[0.3, 0.2]),
            "{:?}",
            bn.running_mean
        );
        assert!(close(&bn.running_var, &[1.25, 1.3]), "{:?}", bn.running_var);
        // A second batch: 0.9·0.3 + 0.1·3 = 0.57 (the same x again).
        bn.forward(&x, Mode::Train);
        assert!(
            close(&bn.running_mean, &[0.57, 0.38]),
            "{:?}",
            bn.running_mean
        );
        // Inference uses the running statistics: (1 − 0.57)/√(0.9·1.25 + 0.35 + 1e-5).
        let one = Matrix::from_rows(&[[1.0, 0.0]]);
        let yi = bn.forward(&one, Mode::Infer).clone();
        let expect = (1.0 - 0.57) / (0.9f32 * 1.25 + 0.35 + 1e-5).sqrt();
        assert!(
            (yi[(0, 0)] - expect).abs() < 1e-5,
            "{} vs {expect}",
            yi[(0, 0)]
        );
    }

    #[test]
    fn backward_matches_central_differences_in_both_modes() {
        let mut bn = BatchNorm::new(3, 0.9, 1e-5);
        bn.gamma = vec![1.5, -0.7, 0.3];
        bn.beta = vec![0.1, 0.2, -0.4];
        bn.running_mean = vec![0.2, -0.1, 0.0];
        bn.running_var = vec![0.5, 2.0, 1.0];
        for mode in [Mode::Train, Mode::Infer] {
            let report = gradcheck::check(&bn, 6, 3, mode, 5);
            assert!(report.checked == 18 + 6, "{report:?}");
            assert!(report.max_error < 2e-3, "{mode:?}: {report:?}");
        }
    }
}
