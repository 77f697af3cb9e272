//! The subtraction net of ch19.2 unrolled for one pair: every forward value and every BPTT
//! number of the four steps, read from the engine's layers after one forward and one
//! backward pass (batch 1), with the gradient summands of each step worked out here.
//!
//! ```text
//! forward   h_t = tanh(x_t·U + h_{t−1}·W)      ŷ_t = σ(h_t·V)          (no biases)
//! backward  δ_t = ŷ_t − y_t                      (∂J/∂z of the logistic output)
//!           dh_t = δ_t·Vᵀ + dz_{t+1}·Wᵀ           dz_t = dh_t ⊙ (1 − h_t²)
//! summands  ΔV_t = h_tᵀ·δ_t    ΔU_t = x_tᵀ·dz_t    ΔW_t = h_{t−1}ᵀ·dz_t
//! ```
//!
//! and dV = Σ_t ΔV_t, dU = Σ_t ΔU_t, dW = Σ_t ΔW_t, which the layers computed on their own.
//!
//! # Shapes
//! x_t: 1×2, h_t, dh_t, dz_t: 1×H, ΔU_t: 2×H, ΔW_t: H×H, ΔV_t: H×1 (row-major here).

use super::data::{minus_row, BITS};
use crate::nn::layers::{Mode, Rnn, TimeDense};
use crate::nn::{Matrix, Network};

/// One time step of the unrolled net.
#[derive(Clone, Debug, PartialEq)]
pub struct StepView {
    /// The two input bits (a's, b's).
    pub x: [f32; 2],
    /// The state coming in, h_{t−1}.
    pub h_prev: Vec<f32>,
    /// The new state h_t.
    pub h: Vec<f32>,
    /// The output ŷ_t = σ(h_t·V).
    pub y_hat: f32,
    /// The target bit.
    pub y: f32,
    /// δ_t = ∂J/∂z_t of the output, ŷ_t − y_t.
    pub delta: f32,
    /// dh_t = ∂J/∂h_t (from the output and from step t+1).
    pub dh: Vec<f32>,
    /// dz_t = dh_t ⊙ (1 − h_t²).
    pub dz: Vec<f32>,
    /// ΔU_t = x_tᵀ·dz_t, 2×H row-major.
    pub du: Vec<f64>,
    /// ΔW_t = h_{t−1}ᵀ·dz_t, H×H row-major.
    pub dw: Vec<f64>,
    /// ΔV_t = h_tᵀ·δ_t, H values.
    pub dv: Vec<f64>,
}

/// The whole unrolled pass for one pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Unrolled {
    /// a and b.
    pub pair: (usize, usize),
    /// The four steps, least-significant bit first.
    pub steps: Vec<StepView>,
    /// The layers' own gradients dU (2×H), dW (H×H), dV (H×1).
    pub grads: [Vec<f32>; 3],
    /// The weights U, W, V the pass used.
    pub weights: [Vec<f32>; 3],
    /// The loss J of this pair (summed over the steps).
    pub loss: f32,
}

impl Unrolled {
    /// Σ_t of the summands [ΔU, ΔW, ΔV], in step order.
    pub fn sums(&self) -> [Vec<f64>; 3] {
        let add = |pick: fn(&StepView) -> &Vec<f64>| {
            let mut acc = vec![0.0; pick(&self.steps[0]).len()];
            for s in &self.steps {
                acc.iter_mut().zip(pick(s)).for_each(|(a, v)| *a += v);
            }
            acc
        };
        [add(|s| &s.du), add(|s| &s.dw), add(|s| &s.dv)]
    }

    /// The net's answer: its output bits read as a number.
    pub fn answer(&self) -> usize {
        let p: Vec<f32> = self.steps.iter().map(|s| s.y_hat).collect();
        super::data::read_bits(&p)
    }
}

/// Runs `net` (an RNN layer with per-step output, then a [`TimeDense`]) forward and backward
/// on the pair (a, b); `None` if the net is not of that form.
pub fn unroll(net: &Network, a: usize, b: usize) -> Option<Unrolled> {
    let mut net = net.clone();
    let (xr, yr) = minus_row(a, b);
    let x = Matrix::from_vec(1, 2 * BITS, xr.to_vec())?;
    let y = Matrix::from_vec(1, BITS, yr.to_vec())?;
    net.forward_mode(&x, Mode::Train);
    let y_hat = net.a().data.clone();
    let loss = net.backward(&y);
    let rnn: &Rnn = net.layers().first()?.as_any().downcast_ref()?;
    let td: &TimeDense = net.layers().get(1)?.as_any().downcast_ref()?;
    let v = &td.dense.w.data;
    let h_len = rnn.cell.u.cols;
    let mut steps = Vec::with_capacity(BITS);
    for t in 0..BITS {
        let h_prev = rnn.h_prev(t).data.clone();
        let h = rnn.hs()[t].data.clone();
        let dz = rnn.cell.dzs()[t].data.clone();
        let delta = td.dense.grad_z().data[t];
        let xt = [xr[2 * t], xr[2 * t + 1]];
        let outer = |a: &[f32], b: &[f32]| -> Vec<f64> {
            a.iter()
                .flat_map(|&p| b.iter().map(move |&q| p as f64 * q as f64))
                .collect()
        };
        steps.push(StepView {
            x: xt,
            du: outer(&xt, &dz),
            dw: outer(&h_prev, &dz),
            dv: h.iter().map(|&k| k as f64 * delta as f64).collect(),
            h_prev,
            h,
            y_hat: y_hat[t],
            y: yr[t],
            delta,
            dh: rnn.dhs()[t].data.clone(),
            dz,
        });
    }
    let (gu, gw, _) = rnn.cell.grads();
    debug_assert_eq!(v.len(), h_len);
    Some(Unrolled {
        pair: (a, b),
        steps,
        grads: [
            gu.data.clone(),
            gw.data.clone(),
            td.dense.grad_w().data.clone(),
        ],
        weights: [rnn.cell.u.data.clone(), rnn.cell.w.data.clone(), v.clone()],
        loss,
    })
}
