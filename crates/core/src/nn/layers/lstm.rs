//! The LSTM cell (ch20.1, the book's `LSTMCell_1_2`): a cell state c carried along the
//! sequence, written and read through gates. Shared U, W, b; [`super::Recurrent`] unrolls.
//!
//! Forward, step t (σ the logistic function; the four pre-activations side by side):
//!
//! ```text
//! [z_f z_i z_g z_o] = x_t·U + h_{t−1}·W + b
//! f = σ(z_f)   forget gate      i = σ(z_i)   input gate
//! g = tanh(z_g) candidate       o = σ(z_o)   output gate
//! c_t = f ⊙ c_{t−1} + i ⊙ g     h_t = o ⊙ tanh(c_t)
//! ```
//!
//! Backward, from dh_t and dc_t (what step t+1 sent back through its forget gate):
//!
//! ```text
//! do = dh_t ⊙ tanh(c_t)          dc = dc_t + dh_t ⊙ o ⊙ (1 − tanh²(c_t))
//! df = dc ⊙ c_{t−1}   di = dc ⊙ g   dg = dc ⊙ i      dc_{t−1} = dc ⊙ f
//! dz = [df⊙f(1−f)  di⊙i(1−i)  dg⊙(1−g²)  do⊙o(1−o)]
//! dU += x_tᵀ·dz   dW += h_{t−1}ᵀ·dz   db += Σ_rows dz   dx_t = dz·Uᵀ   dh_{t−1} = dz·Wᵀ
//! ```
//!
//! # Shapes
//! x_t: m×F, U: F×4H, W: H×4H, b: 1×4H, gates and dz: m×4H (f, i, g, o in that order),
//! c_t and h_t: m×H.

use super::recurrent::{add_col_sums, add_tn, affine, Cell, Recurrent, SeqOutput, StepGrad};
use super::{visit_weights, visit_weights_mut, LayerConfig, Param, ParamMut};
use crate::nn::init::Init;
use crate::nn::math;
use crate::nn::matrix::Matrix;
use crate::rng::Rng;

/// An LSTM layer: [`LstmCell`] unrolled.
pub type Lstm = Recurrent<LstmCell>;

/// The LSTM cell with its gates and cell states of the last pass.
#[derive(Clone, Debug)]
pub struct LstmCell {
    /// Input weights U, `F × 4H` (f, i, g, o).
    pub u: Matrix,
    /// Recurrent weights W, `H × 4H`.
    pub w: Matrix,
    /// Bias b, `1 × 4H`.
    pub b: Matrix,
    grad_u: Matrix,
    grad_w: Matrix,
    grad_b: Matrix,
    gates: Vec<Matrix>,
    cs: Vec<Matrix>,
    dzs: Vec<Matrix>,
    dc: Matrix,
    tmp: Matrix,
}

impl LstmCell {
    /// A cell with U and W drawn by `init` from `rng`, in that order, and b = 0.
    pub fn new(inputs: usize, units: usize, init: Init, rng: &mut Rng) -> LstmCell {
        let u = init.weights(inputs, 4 * units, rng);
        let w = init.weights(units, 4 * units, rng);
        LstmCell {
            grad_u: Matrix::zeros(inputs, 4 * units),
            grad_w: Matrix::zeros(units, 4 * units),
            grad_b: Matrix::zeros(1, 4 * units),
            b: Matrix::zeros(1, 4 * units),
            u,
            w,
            gates: Vec::new(),
            cs: Vec::new(),
            dzs: Vec::new(),
            dc: Matrix::default(),
            tmp: Matrix::default(),
        }
    }

    /// The activated gates [f i g o] of step t, t = 0 … T−1 (`m × 4H` each).
    pub fn gates(&self) -> &[Matrix] {
        &self.gates
    }

    /// The cell state c_t after step t (`m × H` each).
    pub fn cell_states(&self) -> &[Matrix] {
        self.cs.get(1..).unwrap_or(&[])
    }

    /// dz_t of the last backward pass (`m × 4H` each).
    pub fn dzs(&self) -> &[Matrix] {
        &self.dzs
    }
}

impl Cell for LstmCell {
    fn inputs(&self) -> usize {
        self.u.rows
    }

    fn units(&self) -> usize {
        self.w.rows
    }

    fn config(&self, steps: usize, output: SeqOutput) -> LayerConfig {
        LayerConfig::Lstm {
            units: self.units(),
            steps,
            output,
        }
    }

    fn begin(&mut self, steps: usize) {
        self.gates.resize(steps, Matrix::default());
        self.cs.resize(steps + 1, Matrix::default());
        self.dzs.resize(steps, Matrix::default());
    }

    fn forward_step(&mut self, t: usize, x: &Matrix, h_prev: &Matrix, h: &mut Matrix) {
        let n = self.units();
        let m = x.rows;
        if t == 0 {
            self.cs[0].resize(m, n);
            self.cs[0].data.fill(0.0);
        }
        let g = &mut self.gates[t];
        affine(
            x,
            &self.u,
            h_prev,
            &self.w,
            Some(&self.b.data),
            g,
            &mut self.tmp,
        );
        let (before, after) = self.cs.split_at_mut(t + 1);
        let (c_prev, c) = (&before[t], &mut after[0]);
        c.resize(m, n);
        h.resize(m, n);
        for i in 0..m {
            let gr = g.row_mut(i);
            for k in 0..n {
                let f = math::sigmoid(gr[k]);
                let ig = math::sigmoid(gr[n + k]);
                let cand = math::tanh(gr[2 * n + k]);
                let o = math::sigmoid(gr[3 * n + k]);
                (gr[k], gr[n + k], gr[2 * n + k], gr[3 * n + k]) = (f, ig, cand, o);
                let ct = f * c_prev[(i, k)] + ig * cand;
                c[(i, k)] = ct;
                h[(i, k)] = o * math::tanh(ct);
            }
        }
    }

    fn begin_backward(&mut self) {
        self.grad_u.data.fill(0.0);
        self.grad_w.data.fill(0.0);
        self.grad_b.data.fill(0.0);
        self.dc.resize(0, 0);
    }

    fn backward_step(&mut self, s: StepGrad<'_>, dh_prev: &mut Matrix, dx: Option<&mut Matrix>) {
        let StepGrad {
            t, x, h_prev, dh, ..
        } = s;
        let (m, n) = dh.shape();
        if self.dc.rows != m {
            self.dc.resize(m, n);
            self.dc.data.fill(0.0);
        }
        let (g, c, c_prev) = (&self.gates[t], &self.cs[t + 1], &self.cs[t]);
        let dz = &mut self.dzs[t];
        dz.resize(m, 4 * n);
        for i in 0..m {
            let (gr, dr) = (g.row(i), dz.row_mut(i));
            for k in 0..n {
                let (f, ig, cand, o) = (gr[k], gr[n + k], gr[2 * n + k], gr[3 * n + k]);
                let tc = math::tanh(c[(i, k)]);
                let dhv = dh[(i, k)];
                let dcv = self.dc[(i, k)] + dhv * o * (1.0 - tc * tc);
                dr[k] = dcv * c_prev[(i, k)] * f * (1.0 - f);
                dr[n + k] = dcv * cand * ig * (1.0 - ig);
                dr[2 * n + k] = dcv * ig * (1.0 - cand * cand);
                dr[3 * n + k] = dhv * tc * o * (1.0 - o);
                self.dc[(i, k)] = dcv * f;
            }
        }
        add_tn(x, dz, &mut self.grad_u, &mut self.tmp);
        add_tn(h_prev, dz, &mut self.grad_w, &mut self.tmp);
        add_col_sums(dz, &mut self.grad_b.data);
        dz.matmul_nt_into(&self.w, dh_prev);
        if let Some(dx) = dx {
            dz.matmul_nt_into(&self.u, dx);
        }
    }

    fn visit(&self, f: &mut dyn FnMut(Param<'_>)) {
        let (u, w) = (("u", &self.u, &self.grad_u), ("w", &self.w, &self.grad_w));
        visit_weights([u, w], Some((&self.b, &self.grad_b)), f);
    }

    fn visit_mut(&mut self, f: &mut dyn FnMut(ParamMut<'_>)) {
        let (u, w) = (
            ("u", &mut self.u, &mut self.grad_u),
            ("w", &mut self.w, &mut self.grad_w),
        );
        visit_weights_mut([u, w], Some((&mut self.b, &mut self.grad_b)), f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::layers::recurrent::gradcheck_cell;
    use crate::nn::layers::{Layer, Mode};

    #[test]
    fn bptt_matches_central_differences() {
        gradcheck_cell((9, 3), 2 * 12 + 3 * 12 + 12, |rng| {
            LstmCell::new(2, 3, Init::Xavier, rng)
        });
    }

    #[test]
    fn gates_and_cell_state_by_hand() {
        // One unit, all weights 0 except the candidate's U = 1: f = i = o = ½, g = tanh(x).
        let mut cell = LstmCell::new(1, 1, Init::Zero, &mut Rng::new(1));
        cell.u.data[2] = 1.0;
        let mut lstm = Lstm::new(cell, 2, SeqOutput::All);
        let y = lstm
            .forward(&Matrix::from_rows(&[[1.0, 0.5]]), Mode::Infer)
            .clone();
        let c1 = 0.5 * 1f64.tanh();
        let c2 = 0.5 * c1 + 0.5 * 0.5f64.tanh();
        assert!((y.data[0] as f64 - 0.5 * c1.tanh()).abs() < 1e-6);
        assert!((y.data[1] as f64 - 0.5 * c2.tanh()).abs() < 1e-6);
        assert!((lstm.cell.cell_states()[1].data[0] as f64 - c2).abs() < 1e-6);
        assert_eq!(lstm.cell.gates()[0].data[0], 0.5);
    }
}
