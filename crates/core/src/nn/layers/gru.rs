//! The GRU cell (ch20.3, the book's `GRUCell`): an update gate z mixes the old state with a
//! candidate n that the reset gate r lets see the old state. Shared parameters;
//! [`super::Recurrent`] unrolls.
//!
//! Forward, step t:
//!
//! ```text
//! [a_z a_r a_n] = x_t·U + b          (the input's share of all three)
//! z = σ(a_z + h_{t−1}·W_z)   update gate     r = σ(a_r + h_{t−1}·W_r)   reset gate
//! n = tanh(a_n + (r ⊙ h_{t−1})·W_n)          candidate
//! h_t = (1 − z) ⊙ h_{t−1} + z ⊙ n
//! ```
//!
//! Backward, from dh_t:
//!
//! ```text
//! dn' = dh_t ⊙ z ⊙ (1 − n²)          dz' = dh_t ⊙ (n − h_{t−1}) ⊙ z(1 − z)
//! dW_n += (r ⊙ h_{t−1})ᵀ·dn'          d(rh) = dn'·W_nᵀ        dr' = d(rh) ⊙ h_{t−1} ⊙ r(1 − r)
//! dW_zr += h_{t−1}ᵀ·[dz' dr']         dU += x_tᵀ·[dz' dr' dn']   db += Σ_rows [dz' dr' dn']
//! dh_{t−1} = dh_t ⊙ (1 − z) + d(rh) ⊙ r + [dz' dr']·W_zrᵀ       dx_t = [dz' dr' dn']·Uᵀ
//! ```
//!
//! # Shapes
//! x_t: m×F, U: F×3H (z, r, n), W_zr: H×2H, W_n: H×H, b: 1×3H, gates and dz: m×3H,
//! h_t: m×H.

use super::recurrent::{add_col_sums, add_tn, Cell, Recurrent, SeqOutput, StepGrad};
use super::{visit_weights, visit_weights_mut, LayerConfig, Param, ParamMut};
use crate::nn::init::Init;
use crate::nn::math;
use crate::nn::matrix::Matrix;
use crate::rng::Rng;

/// A GRU layer: [`GruCell`] unrolled.
pub type Gru = Recurrent<GruCell>;

/// The GRU cell with its gates of the last pass.
#[derive(Clone, Debug)]
pub struct GruCell {
    /// Input weights U, `F × 3H` (z, r, n).
    pub u: Matrix,
    /// Recurrent weights of the two gates W_zr, `H × 2H` (z, r).
    pub w_zr: Matrix,
    /// Recurrent weights of the candidate W_n, `H × H`.
    pub w_n: Matrix,
    /// Bias b, `1 × 3H`.
    pub b: Matrix,
    grads: [Matrix; 4],
    gates: Vec<Matrix>,
    rhs: Vec<Matrix>,
    dzs: Vec<Matrix>,
    zr: Matrix,
    d: [Matrix; 3],
}

impl GruCell {
    /// A cell with U, W_zr and W_n drawn by `init` from `rng`, in that order, and b = 0.
    pub fn new(inputs: usize, units: usize, init: Init, rng: &mut Rng) -> GruCell {
        let u = init.weights(inputs, 3 * units, rng);
        let w_zr = init.weights(units, 2 * units, rng);
        let w_n = init.weights(units, units, rng);
        GruCell {
            grads: [
                Matrix::zeros(inputs, 3 * units),
                Matrix::zeros(units, 2 * units),
                Matrix::zeros(units, units),
                Matrix::zeros(1, 3 * units),
            ],
            b: Matrix::zeros(1, 3 * units),
            u,
            w_zr,
            w_n,
            gates: Vec::new(),
            rhs: Vec::new(),
            dzs: Vec::new(),
            zr: Matrix::default(),
            d: Default::default(),
        }
    }

    /// The gates [z r n] of step t, t = 0 … T−1 (`m × 3H` each).
    pub fn gates(&self) -> &[Matrix] {
        &self.gates
    }
}

impl Cell for GruCell {
    fn inputs(&self) -> usize {
        self.u.rows
    }

    fn units(&self) -> usize {
        self.w_n.rows
    }

    fn config(&self, steps: usize, output: SeqOutput) -> LayerConfig {
        LayerConfig::Gru {
            units: self.units(),
            steps,
            output,
        }
    }

    fn begin(&mut self, steps: usize) {
        self.gates.resize(steps, Matrix::default());
        self.rhs.resize(steps, Matrix::default());
        self.dzs.resize(steps, Matrix::default());
    }

    fn forward_step(&mut self, t: usize, x: &Matrix, h_prev: &Matrix, h: &mut Matrix) {
        let (m, n) = (x.rows, self.units());
        let g = &mut self.gates[t];
        x.matmul_into(&self.u, g);
        g.add_row(&self.b.data);
        h_prev.matmul_into(&self.w_zr, &mut self.zr);
        let rh = &mut self.rhs[t];
        rh.resize(m, n);
        for i in 0..m {
            let (gr, zr) = (g.row_mut(i), self.zr.row(i));
            for k in 0..2 * n {
                gr[k] = math::sigmoid(gr[k] + zr[k]);
            }
            for k in 0..n {
                rh[(i, k)] = gr[n + k] * h_prev[(i, k)];
            }
        }
        rh.matmul_into(&self.w_n, &mut self.zr);
        h.resize(m, n);
        for i in 0..m {
            let gr = g.row_mut(i);
            for k in 0..n {
                let cand = math::tanh(gr[2 * n + k] + self.zr[(i, k)]);
                gr[2 * n + k] = cand;
                let z = gr[k];
                h[(i, k)] = (1.0 - z) * h_prev[(i, k)] + z * cand;
            }
        }
    }

    fn begin_backward(&mut self) {
        self.grads.iter_mut().for_each(|g| g.data.fill(0.0));
    }

    fn backward_step(&mut self, s: StepGrad<'_>, dh_prev: &mut Matrix, dx: Option<&mut Matrix>) {
        let StepGrad {
            t, x, h_prev, dh, ..
        } = s;
        let (m, n) = dh.shape();
        let g = &self.gates[t];
        let dz = &mut self.dzs[t];
        dz.resize(m, 3 * n);
        let [dn, drh, tmp] = &mut self.d;
        dn.resize(m, n);
        for i in 0..m {
            let (gr, dr) = (g.row(i), dz.row_mut(i));
            for k in 0..n {
                let (z, cand, hp, d) = (gr[k], gr[2 * n + k], h_prev[(i, k)], dh[(i, k)]);
                dr[k] = d * (cand - hp) * z * (1.0 - z);
                dr[2 * n + k] = d * z * (1.0 - cand * cand);
                dn[(i, k)] = dr[2 * n + k];
            }
        }
        let [gu, gwzr, gwn, gb] = &mut self.grads;
        add_tn(&self.rhs[t], dn, gwn, tmp);
        dn.matmul_nt_into(&self.w_n, drh);
        for i in 0..m {
            let (gr, dr) = (g.row(i), dz.row_mut(i));
            for k in 0..n {
                let r = gr[n + k];
                dr[n + k] = drh[(i, k)] * h_prev[(i, k)] * r * (1.0 - r);
            }
        }
        // The gates' part of dz (first 2H columns) for W_zr.
        self.zr.resize(m, 2 * n);
        for i in 0..m {
            self.zr.row_mut(i).copy_from_slice(&dz.row(i)[..2 * n]);
        }
        add_tn(h_prev, &self.zr, gwzr, tmp);
        add_tn(x, dz, gu, tmp);
        add_col_sums(dz, &mut gb.data);
        self.zr.matmul_nt_into(&self.w_zr, dh_prev);
        for i in 0..m {
            for k in 0..n {
                let (z, r) = (g[(i, k)], g[(i, n + k)]);
                dh_prev[(i, k)] += dh[(i, k)] * (1.0 - z) + drh[(i, k)] * r;
            }
        }
        if let Some(dx) = dx {
            dz.matmul_nt_into(&self.u, dx);
        }
    }

    fn visit(&self, f: &mut dyn FnMut(Param<'_>)) {
        let [gu, gwzr, gwn, gb] = &self.grads;
        let weights = [
            ("u", &self.u, gu),
            ("w_zr", &self.w_zr, gwzr),
            ("w_n", &self.w_n, gwn),
        ];
        visit_weights(weights, Some((&self.b, gb)), f);
    }

    fn visit_mut(&mut self, f: &mut dyn FnMut(ParamMut<'_>)) {
        let [gu, gwzr, gwn, gb] = &mut self.grads;
        let weights = [
            ("u", &mut self.u, gu),
            ("w_zr", &mut self.w_zr, gwzr),
            ("w_n", &mut self.w_n, gwn),
        ];
        visit_weights_mut(weights, Some((&mut self.b, gb)), f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::layers::recurrent::gradcheck_cell;
    use crate::nn::layers::{Layer, Mode};

    #[test]
    fn bptt_matches_central_differences() {
        gradcheck_cell((13, 4), 2 * 9 + 3 * 6 + 9 + 9, |rng| {
            GruCell::new(2, 3, Init::Xavier, rng)
        });
    }

    #[test]
    fn update_gate_mixes_old_state_and_candidate() {
        // All weights 0 except W_n: z = r = ½, n = tanh(a_n) = 0 at step 1, so h₁ = 0; with
        // U's candidate column = 1, n₁ = tanh(x₁) and h₁ = ½·tanh(x₁).
        let mut cell = GruCell::new(1, 1, Init::Zero, &mut Rng::new(1));
        cell.u.data[2] = 1.0;
        let mut gru = Gru::new(cell, 2, SeqOutput::All);
        let y = gru
            .forward(&Matrix::from_rows(&[[1.0, 0.0]]), Mode::Infer)
            .clone();
        let h1 = 0.5 * 1f64.tanh();
        assert!((y.data[0] as f64 - h1).abs() < 1e-6);
        // Step 2: x = 0, W_n = 0 so n = 0: h₂ = ½·h₁.
        assert!((y.data[1] as f64 - 0.5 * h1).abs() < 1e-6);
    }
}
