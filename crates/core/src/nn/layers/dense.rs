//! A fully connected layer (the book's `FcLayer` plus its activation; steps 2–9). The
//! activation is fused into the layer because almost every dense layer has one; a
//! separate [`super::ActivationLayer`] goes after batch norm (FC → BN → ReLU, ch15.5).
//!
//! Forward, one row per sample:
//!
//! ```text
//! Z = X·W + B        A = f(Z)
//! ```
//!
//! Backward, given dA = ∂J/∂A from the layer above (J is already averaged over the batch,
//! see [`super::loss`]):
//!
//! ```text
//! dZ = dA ⊙ f′(Z)    dW = Xᵀ·dZ    dB = Σ_rows dZ    dX = dZ·Wᵀ
//! ```
//!
//! The layer keeps X, Z and A from the last forward pass so lessons can show them (Z1, A1
//! of the XOR net in ch10.4), and keeps every buffer between calls so training allocates
//! nothing per batch.
//!
//! # Shapes
//! X: m×n_in, W: n_in×n_out, B: 1×n_out, Z and A: m×n_out.

use super::{
    layer_boilerplate, visit_weights, visit_weights_mut, Layer, LayerConfig, Mode, Param, ParamMut,
};
use crate::nn::activation::Activation;
use crate::nn::init::Init;
use crate::nn::matrix::Matrix;
use crate::rng::Rng;

/// A dense layer `A = f(X·W + B)` with cached forward values and gradients.
#[derive(Clone, Debug)]
pub struct Dense {
    /// Weights W, `n_in × n_out`.
    pub w: Matrix,
    /// Bias row B, `1 × n_out`.
    pub b: Matrix,
    /// The activation f.
    pub activation: Activation,
    x: Matrix,
    z: Matrix,
    a: Matrix,
    grad_z: Matrix,
    grad_w: Matrix,
    grad_b: Matrix,
    grad_x: Matrix,
}

impl Dense {
    /// A layer with weights drawn by `init` from `rng` and a zero bias.
    pub fn new(
        n_in: usize,
        n_out: usize,
        activation: Activation,
        init: Init,
        rng: &mut Rng,
    ) -> Dense {
        Dense::from_weights(init.weights(n_in, n_out, rng), vec![0.0; n_out], activation)
    }

    /// A layer with the given weights (`n_in × n_out`) and bias (length `n_out`).
    ///
    /// # Panics
    /// If `bias.len() != w.cols`.
    pub fn from_weights(w: Matrix, bias: Vec<f32>, activation: Activation) -> Dense {
        assert_eq!(
            bias.len(),
            w.cols,
            "Dense: bias length must equal the number of units"
        );
        let (n_in, n_out) = w.shape();
        Dense {
            b: Matrix {
                rows: 1,
                cols: n_out,
                data: bias,
            },
            grad_w: Matrix::zeros(n_in, n_out),
            grad_b: Matrix::zeros(1, n_out),
            w,
            activation,
            x: Matrix::default(),
            z: Matrix::default(),
            a: Matrix::default(),
            grad_z: Matrix::default(),
            grad_x: Matrix::default(),
        }
    }

    /// Number of inputs n_in.
    pub fn inputs(&self) -> usize {
        self.w.rows
    }

    /// Number of units n_out.
    pub fn units(&self) -> usize {
        self.w.cols
    }

    /// The input X of the last forward pass.
    pub fn x(&self) -> &Matrix {
        &self.x
    }

    /// Z = X·W + B of the last forward pass.
    pub fn z(&self) -> &Matrix {
        &self.z
    }

    /// A = f(Z) of the last forward pass.
    pub fn a(&self) -> &Matrix {
        &self.a
    }

    /// ∂J/∂Z of the last backward pass.
    pub fn grad_z(&self) -> &Matrix {
        &self.grad_z
    }

    /// ∂J/∂W of the last backward pass.
    pub fn grad_w(&self) -> &Matrix {
        &self.grad_w
    }

    /// ∂J/∂B of the last backward pass (`1 × n_out`).
    pub fn grad_b(&self) -> &Matrix {
        &self.grad_b
    }

    /// ∂J/∂X of the last backward pass (empty if it was not asked for).
    pub fn grad_x(&self) -> &Matrix {
        &self.grad_x
    }
}

impl Layer for Dense {
    fn config(&self) -> LayerConfig {
        LayerConfig::Dense {
            units: self.units(),
            activation: self.activation,
        }
    }

    fn outputs(&self) -> usize {
        self.units()
    }

    /// Caches X, computes Z = X·W + B and A = f(Z), and returns A (the same in both modes).
    ///
    /// # Panics
    /// If `x.cols != self.inputs()`.
    fn forward(&mut self, x: &Matrix, _mode: Mode) -> &Matrix {
        self.x.assign(x);
        x.matmul_into(&self.w, &mut self.z);
        self.z.add_row(&self.b.data);
        self.a.resize(self.z.rows, self.z.cols);
        self.activation
            .forward_slice(&self.z.data, &mut self.a.data);
        &self.a
    }

    fn output(&self) -> &Matrix {
        &self.a
    }

    /// From dA = ∂J/∂A (same shape as A): fills dZ, dW, dB and, if `need_grad_x`, dX (the
    /// first layer of a network does not need it).
    ///
    /// # Panics
    /// If `grad_a` does not have the shape of the cached A.
    fn backward(&mut self, grad_a: &Matrix, need_grad_x: bool) {
        assert_eq!(grad_a.shape(), self.a.shape(), "Dense::backward: dA shape");
        // ∂A/∂Z = f′(Z), elementwise: dZ = dA ⊙ f′(Z).
        self.grad_z.resize(self.a.rows, self.a.cols);
        self.activation.backward_slice(
            &self.z.data,
            &self.a.data,
            &grad_a.data,
            &mut self.grad_z.data,
        );
        // ∂Z/∂W = X (Z = X·W + B): dW = Xᵀ·dZ, summing over the samples of the batch.
        self.x.matmul_tn_into(&self.grad_z, &mut self.grad_w);
        // ∂Z/∂B = 1 broadcast over the rows: dB = Σ_rows dZ.
        self.grad_z.col_sums_into(&mut self.grad_b.data);
        if need_grad_x {
            // ∂Z/∂X = W: dX = dZ·Wᵀ, passed down to the layer below as its dA.
            self.grad_z.matmul_nt_into(&self.w, &mut self.grad_x);
        } else {
            self.grad_x.resize(0, 0);
        }
    }

    fn grad_x(&self) -> &Matrix {
        &self.grad_x
    }

    fn visit(&self, f: &mut dyn FnMut(Param<'_>)) {
        let bias = Some((&self.b, &self.grad_b));
        visit_weights([("w", &self.w, &self.grad_w)], bias, f);
    }

    fn visit_mut(&mut self, f: &mut dyn FnMut(ParamMut<'_>)) {
        let bias = Some((&mut self.b, &mut self.grad_b));
        visit_weights_mut([("w", &mut self.w, &mut self.grad_w)], bias, f);
    }

    layer_boilerplate!();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An independent f64 forward pass with J = Σ c ⊙ f(X·W + B), so ∂J/∂A = c.
    fn f64_objective(x: &Matrix, w: &Matrix, b: &[f32], act: Activation, c: &Matrix) -> f64 {
        let mut j = 0.0;
        for i in 0..x.rows {
            for u in 0..w.cols {
                let mut z = b[u] as f64;
                for p in 0..w.rows {
                    z += x[(i, p)] as f64 * w[(p, u)] as f64;
                }
                let a = match act {
                    Activation::Sigmoid => 1.0 / (1.0 + (-z).exp()),
                    Activation::Tanh => z.tanh(),
                    Activation::Softplus => z.exp().ln_1p(),
                    _ => z,
                };
                j += c[(i, u)] as f64 * a;
            }
        }
        j
    }

    #[test]
    fn dw_db_dx_match_central_differences() {
        let mut rng = Rng::new(11);
        // 5 samples, 9 inputs, 10 units: exercises the blocked kernel and its edges.
        let x = Matrix::from_fn(5, 9, |_, _| rng.range(-1.0, 1.0) as f32);
        let c = Matrix::from_fn(5, 10, |_, _| rng.range(-1.0, 1.0) as f32);
        for act in [
            Activation::Identity,
            Activation::Sigmoid,
            Activation::Tanh,
            Activation::Softplus,
        ] {
            let mut layer = Dense::new(9, 10, act, Init::Xavier, &mut rng);
            layer
                .b
                .data
                .iter_mut()
                .for_each(|b| *b = rng.range(-0.5, 0.5) as f32);
            layer.forward(&x, Mode::Train);
            layer.backward(&c, true);
            let (w, b) = (layer.w.clone(), layer.b.data.clone());
            let h = 1e-3f32;
            let central =
                |wp: &Matrix, bp: &[f32], xp: &Matrix, wm: &Matrix, bm: &[f32], xm: &Matrix| {
                    (f64_objective(xp, wp, bp, act, &c) - f64_objective(xm, wm, bm, act, &c))
                        / (2.0 * h as f64)
                };
            let close = |num: f64, ana: f32| (num - ana as f64).abs() < 1e-3 * (1.0 + num.abs());
            for q in 0..w.data.len() {
                let (mut wp, mut wm) = (w.clone(), w.clone());
                wp.data[q] += h;
                wm.data[q] -= h;
                assert!(
                    close(central(&wp, &b, &x, &wm, &b, &x), layer.grad_w().data[q]),
                    "{act:?} dW[{q}]"
                );
            }
            for q in 0..b.len() {
                let (mut bp, mut bm) = (b.clone(), b.clone());
                bp[q] += h;
                bm[q] -= h;
                assert!(
                    close(central(&w, &bp, &x, &w, &bm, &x), layer.grad_b().data[q]),
                    "{act:?} dB[{q}]"
                );
            }
            for q in 0..x.data.len() {
                let (mut xp, mut xm) = (x.clone(), x.clone());
                xp.data[q] += h;
                xm.data[q] -= h;
                assert!(
                    close(central(&w, &b, &xp, &w, &b, &xm), layer.grad_x().data[q]),
                    "{act:?} dX[{q}]"
                );
            }
        }
    }

    #[test]
    fn forward_caches_x_z_a_and_update_steps_downhill() {
        // Hand example: X = [1, 2], W = [[1], [−1]], B = [0.5] → Z = 1 − 2 + 0.5 = −0.5.
        let mut layer = Dense::from_weights(
            Matrix::from_rows(&[[1.0], [-1.0]]),
            vec![0.5],
            Activation::Relu,
        );
        let x = Matrix::from_rows(&[[1.0, 2.0]]);
        assert_eq!(layer.forward(&x, Mode::Infer).data, vec![0.0]);
        assert_eq!((layer.x(), layer.z().data[0]), (&x, -0.5));
        layer.activation = Activation::Identity;
        layer.forward(&x, Mode::Train);
        layer.backward(&Matrix::from_rows(&[[1.0]]), false);
        assert_eq!(layer.grad_w().data, vec![1.0, 2.0]);
        assert!(layer.grad_x().data.is_empty());
        // The SGD step the optimizers take: W ← W − η·dW, B ← B − η·dB.
        let mut sgd = crate::nn::optim::OptimizerConfig::Sgd.build();
        let mut slot = 0;
        layer.visit_mut(&mut |p| {
            sgd.update(slot, 0.1, p.value, p.grad);
            slot += 1;
        });
        assert_eq!(
            (layer.w.data.clone(), layer.b.data.clone()),
            (vec![0.9, -1.2], vec![0.4])
        );
    }
}
