//! A dense layer applied at every time step with the same weights (the book's V and its
//! bias in ch19's "output at each step"; Keras's `TimeDistributed(Dense)`): the output
//! layer above a recurrent layer with [`super::SeqOutput::All`].
//!
//! ```text
//! a_t = f(h_t·V + c)      t = 1 … T
//! dV = Σ_t h_tᵀ·dz_t      dc = Σ_t Σ_rows dz_t      dh_t = dz_t·Vᵀ
//! ```
//!
//! Because a batch of sequences is stored row after row, `m × (T·H)` is the same memory as
//! `(m·T) × H`: the layer runs one [`Dense`] on the m·T rows, so the sum over steps is the
//! sum over rows of its `Xᵀ·dZ` (sequence by sequence, steps in order inside each).
//!
//! # Shapes
//! X: m×(T·H), V: H×O, c: 1×O, Y: m×(T·O).

use super::{layer_boilerplate, Dense, Layer, LayerConfig, Mode, Param, ParamMut};
use crate::nn::activation::Activation;
use crate::nn::init::Init;
use crate::nn::matrix::Matrix;
use crate::rng::Rng;

/// One dense layer shared by the T steps.
#[derive(Clone, Debug)]
pub struct TimeDense {
    /// The shared layer (V = its W, c = its B).
    pub dense: Dense,
    steps: usize,
    bias: bool,
    x: Matrix,
    y: Matrix,
    grad_y: Matrix,
    grad_x: Matrix,
}

impl TimeDense {
    /// V (`inputs × units`) drawn by `init` from `rng`, c = 0 (and untrained if not `bias`).
    pub fn new(
        inputs: usize,
        units: usize,
        steps: usize,
        activation: Activation,
        bias: bool,
        init: Init,
        rng: &mut Rng,
    ) -> TimeDense {
        TimeDense {
            dense: Dense::new(inputs, units, activation, init, rng),
            steps,
            bias,
            x: Matrix::default(),
            y: Matrix::default(),
            grad_y: Matrix::default(),
            grad_x: Matrix::default(),
        }
    }

    /// Number of time steps T.
    pub fn steps(&self) -> usize {
        self.steps
    }
}

/// `dst` = `src` seen as `rows × (len / rows)`.
fn reshape(src: &Matrix, rows: usize, dst: &mut Matrix) {
    dst.resize(rows, src.data.len() / rows.max(1));
    dst.data.copy_from_slice(&src.data);
}

impl Layer for TimeDense {
    fn config(&self) -> LayerConfig {
        LayerConfig::TimeDense {
            units: self.dense.units(),
            steps: self.steps,
            activation: self.dense.activation,
            bias: self.bias,
        }
    }

    fn outputs(&self) -> usize {
        self.steps * self.dense.units()
    }

    /// # Panics
    /// If `x.cols` is not T·H.
    fn forward(&mut self, x: &Matrix, mode: Mode) -> &Matrix {
        assert_eq!(
            x.cols,
            self.steps * self.dense.inputs(),
            "TimeDense: X width"
        );
        reshape(x, x.rows * self.steps, &mut self.x);
        let a = self.dense.forward(&self.x, mode);
        reshape(a, x.rows, &mut self.y);
        &self.y
    }

    fn backward(&mut self, grad_y: &Matrix, need_grad_x: bool) {
        reshape(grad_y, grad_y.rows * self.steps, &mut self.grad_y);
        self.dense.backward(&self.grad_y, need_grad_x);
        if need_grad_x {
            reshape(Layer::grad_x(&self.dense), grad_y.rows, &mut self.grad_x);
        } else {
            self.grad_x.resize(0, 0);
        }
    }

    fn visit(&self, f: &mut dyn FnMut(Param<'_>)) {
        let bias = self.bias;
        self.dense.visit(&mut |p| {
            if bias || p.name != "b" {
                f(p)
            }
        });
    }

    fn visit_mut(&mut self, f: &mut dyn FnMut(ParamMut<'_>)) {
        let bias = self.bias;
        self.dense.visit_mut(&mut |p| {
            if bias || p.name != "b" {
                f(p)
            }
        });
    }

    layer_boilerplate!(y, grad_x);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::gradcheck;

    #[test]
    fn shared_weights_match_central_differences() {
        let mut rng = Rng::new(3);
        for bias in [true, false] {
            let layer = TimeDense::new(3, 2, 4, Activation::Sigmoid, bias, Init::Xavier, &mut rng);
            let r = gradcheck::check(&layer, 2, 12, Mode::Train, 8);
            assert!(r.max_error < 2e-3, "{r:?}");
            assert_eq!(r.checked, 2 * 12 + 6 + if bias { 2 } else { 0 });
        }
    }

    #[test]
    fn each_step_uses_the_same_weights() {
        let mut layer = TimeDense::new(
            1,
            1,
            3,
            Activation::Identity,
            false,
            Init::Zero,
            &mut Rng::new(1),
        );
        layer.dense.w.data[0] = 2.0;
        let y = layer.forward(&Matrix::from_rows(&[[1.0, -1.0, 0.5]]), Mode::Infer);
        assert_eq!(y.data, vec![2.0, -2.0, 1.0]);
    }
}
