//! The plain recurrent cell (ch19, the book's `timestep`): a tanh hidden state fed back
//! into itself. U, W and b are shared by every step; [`super::Recurrent`] does the unroll.
//!
//! Forward, step t:
//!
//! ```text
//! z_t = x_t·U + h_{t−1}·W + b        h_t = tanh(z_t)
//! ```
//!
//! Backward, from dh_t = ∂J/∂h_t:
//!
//! ```text
//! dz_t = dh_t ⊙ (1 − h_t²)
//! dU += x_tᵀ·dz_t     dW += h_{t−1}ᵀ·dz_t     db += Σ_rows dz_t
//! dx_t = dz_t·Uᵀ      dh_{t−1} (through this step) = dz_t·Wᵀ
//! ```
//!
//! The book's output weights V (and its bias) are the layer above: a [`super::Dense`] on
//! the last step, or a [`super::TimeDense`] at every step. With `bias: false` (ch19.2) b
//! stays zero and is not a parameter.
//!
//! # Shapes
//! x_t: m×F, U: F×H, W: H×H, b: 1×H, h_t and dz_t: m×H.

use super::recurrent::{add_col_sums, add_tn, affine, Cell, Recurrent, SeqOutput, StepGrad};
use super::{visit_weights, visit_weights_mut, LayerConfig, Param, ParamMut};
use crate::nn::init::Init;
use crate::nn::math;
use crate::nn::matrix::Matrix;
use crate::rng::Rng;

/// A plain RNN layer: [`RnnCell`] unrolled.
pub type Rnn = Recurrent<RnnCell>;

/// The tanh cell `h_t = tanh(x_t·U + h_{t−1}·W + b)`.
#[derive(Clone, Debug)]
pub struct RnnCell {
    /// Input weights U, `F × H`.
    pub u: Matrix,
    /// Recurrent weights W, `H × H`.
    pub w: Matrix,
    /// Bias row b, `1 × H` (zero and untrained without bias).
    pub b: Matrix,
    /// Whether b is a trained parameter.
    pub bias: bool,
    grad_u: Matrix,
    grad_w: Matrix,
    grad_b: Matrix,
    dzs: Vec<Matrix>,
    tmp: Matrix,
}

impl RnnCell {
    /// A cell with U (F×H) and W (H×H) drawn by `init` from `rng`, in that order, and b = 0.
    pub fn new(inputs: usize, units: usize, bias: bool, init: Init, rng: &mut Rng) -> RnnCell {
        let u = init.weights(inputs, units, rng);
        let w = init.weights(units, units, rng);
        RnnCell::from_weights(u, w, vec![0.0; units], bias)
    }

    /// A cell with the given U (F×H), W (H×H) and b (length H).
    ///
    /// # Panics
    /// If the shapes do not agree.
    pub fn from_weights(u: Matrix, w: Matrix, b: Vec<f32>, bias: bool) -> RnnCell {
        let h = u.cols;
        assert!(
            w.shape() == (h, h) && b.len() == h,
            "RnnCell: shapes of U, W, b"
        );
        RnnCell {
            grad_u: Matrix::zeros(u.rows, h),
            grad_w: Matrix::zeros(h, h),
            grad_b: Matrix::zeros(1, h),
            b: Matrix::from_vec(1, h, b).unwrap_or_default(),
            u,
            w,
            bias,
            dzs: Vec::new(),
            tmp: Matrix::default(),
        }
    }

    /// dz_t = ∂J/∂z_t of the last backward pass, t = 0 … T−1.
    pub fn dzs(&self) -> &[Matrix] {
        &self.dzs
    }

    /// ∂J/∂U, ∂J/∂W and ∂J/∂b of the last backward pass (all steps summed).
    pub fn grads(&self) -> (&Matrix, &Matrix, &Matrix) {
        (&self.grad_u, &self.grad_w, &self.grad_b)
    }
}

impl Cell for RnnCell {
    fn inputs(&self) -> usize {
        self.u.rows
    }

    fn units(&self) -> usize {
        self.u.cols
    }

    fn config(&self, steps: usize, output: SeqOutput) -> LayerConfig {
        LayerConfig::Rnn {
            units: self.units(),
            steps,
            output,
            bias: self.bias,
        }
    }

    fn begin(&mut self, steps: usize) {
        self.dzs.resize(steps, Matrix::default());
    }

    fn forward_step(&mut self, _t: usize, x: &Matrix, h_prev: &Matrix, h: &mut Matrix) {
        let b = self.bias.then_some(&self.b.data[..]);
        affine(x, &self.u, h_prev, &self.w, b, h, &mut self.tmp);
        h.map_inplace(math::tanh);
    }

    fn begin_backward(&mut self) {
        self.grad_u.data.fill(0.0);
        self.grad_w.data.fill(0.0);
        self.grad_b.data.fill(0.0);
    }

    fn backward_step(&mut self, s: StepGrad<'_>, dh_prev: &mut Matrix, dx: Option<&mut Matrix>) {
        let StepGrad {
            t,
            x,
            h_prev,
            h,
            dh,
        } = s;
        let dz = &mut self.dzs[t];
        // tanh′(z) = 1 − tanh²(z) = 1 − h².
        dh.zip_map_into(h, dz, |d, h| d * (1.0 - h * h));
        add_tn(x, dz, &mut self.grad_u, &mut self.tmp);
        add_tn(h_prev, dz, &mut self.grad_w, &mut self.tmp);
        if self.bias {
            add_col_sums(dz, &mut self.grad_b.data);
        }
        dz.matmul_nt_into(&self.w, dh_prev);
        if let Some(dx) = dx {
            dz.matmul_nt_into(&self.u, dx);
        }
    }

    fn visit(&self, f: &mut dyn FnMut(Param<'_>)) {
        let (u, w) = (("u", &self.u, &self.grad_u), ("w", &self.w, &self.grad_w));
        visit_weights([u, w], self.bias.then_some((&self.b, &self.grad_b)), f);
    }

    fn visit_mut(&mut self, f: &mut dyn FnMut(ParamMut<'_>)) {
        let (u, w) = (
            ("u", &mut self.u, &mut self.grad_u),
            ("w", &mut self.w, &mut self.grad_w),
        );
        let bias = self.bias.then_some((&mut self.b, &mut self.grad_b));
        visit_weights_mut([u, w], bias, f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::gradcheck;
    use crate::nn::layers::{Layer, Mode};

    #[test]
    fn one_unit_by_hand() {
        // U = 0.5, W = −1, b = 0.1; x = [1, 2]: h₁ = tanh(0.6), h₂ = tanh(1.1 − h₁).
        let cell = RnnCell::from_weights(
            Matrix::from_rows(&[[0.5]]),
            Matrix::from_rows(&[[-1.0]]),
            vec![0.1],
            true,
        );
        let mut rnn = Rnn::new(cell, 2, SeqOutput::All);
        let y = rnn
            .forward(&Matrix::from_rows(&[[1.0, 2.0]]), Mode::Train)
            .clone();
        let h1 = 0.6f64.tanh();
        let h2 = (1.1 - h1).tanh();
        assert!((y.data[0] as f64 - h1).abs() < 1e-6 && (y.data[1] as f64 - h2).abs() < 1e-6);
        // J = h₂: dz₂ = 1 − h₂², dW = h₁·dz₂ (step 1 gets dh₁ = dz₂·W, dW's summand 0·dz₁).
        rnn.backward(&Matrix::from_rows(&[[0.0, 1.0]]), true);
        let dz2 = 1.0 - h2 * h2;
        let dz1 = -dz2 * (1.0 - h1 * h1);
        let (gu, gw, gb) = rnn.cell.grads();
        assert!((gw.data[0] as f64 - h1 * dz2).abs() < 1e-6);
        assert!((gu.data[0] as f64 - (dz1 + 2.0 * dz2)).abs() < 1e-6);
        assert!((gb.data[0] as f64 - (dz1 + dz2)).abs() < 1e-6);
    }

    #[test]
    fn bptt_matches_central_differences() {
        let mut rng = Rng::new(5);
        for (output, bias) in [(SeqOutput::All, true), (SeqOutput::Last, false)] {
            let cell = RnnCell::new(3, 4, bias, Init::Xavier, &mut rng);
            let rnn = Rnn::new(cell, 5, output);
            let r = gradcheck::check(&rnn, 3, 15, Mode::Train, 7);
            println!("{output:?}: {r:?}");
            assert!(r.max_error < 2e-3, "{output:?}: {r:?}");
            let params = 3 * 4 + 16 + if bias { 4 } else { 0 };
            assert_eq!(r.checked, 3 * 15 + params);
        }
    }
}
