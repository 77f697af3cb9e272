//! The unroll through time shared by the recurrent layers (step 9, ch19–20): a
//! [`Recurrent`] layer runs one [`Cell`] (plain [`super::rnn::RnnCell`], LSTM or GRU) over
//! the T steps of each sequence with the *same* parameters at every step, and its backward
//! pass is backpropagation through time (BPTT): the steps are walked from last to first and
//! every step adds its summand to the shared gradients,
//!
//! ```text
//! forward   h₀ = 0,   h_t = cell(x_t, h_{t−1})          t = 1 … T
//! backward  dh_T = dY_T,   dh_t = dY_t + ∂J/∂h_t via step t+1
//!           dθ = Σ_t (summand of step t)               θ = U, W, b of the cell
//! ```
//!
//! Y is every hidden state (`SeqOutput::All`, "output at each step") or only h_T
//! (`SeqOutput::Last`); with `All`, dY_t comes from the loss at step t, with `Last` only
//! dY_T is non-zero. Steps are summed from the last to the first, always in that order, and
//! every product runs [`crate::nn::gemm`], so the gradients are bit-identical natively and in
//! wasm.
//!
//! Every per-step value (x_t, h_t, dh_t, and the cell's own gates and deltas) stays readable
//! after a pass, for the lessons that show them.
//!
//! # Shapes
//! A batch holds m sequences of equal length T. A sequence is one flattened row: step t's F
//! features are columns `t·F .. (t+1)·F`, so X is `m × (T·F)`. Y is `m × (T·H)` (all
//! steps, step t in columns `t·H .. (t+1)·H`) or `m × H` (last step). x_t is `m × F`,
//! h_t is `m × H`.

use super::{check_grad_y, layer_boilerplate, Layer, LayerConfig, Mode, Param, ParamMut};
use crate::nn::matrix::Matrix;
use serde::{Deserialize, Serialize};
use std::fmt::Debug;

/// Which hidden states a recurrent layer outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SeqOutput {
    /// Every step's h_t, side by side (the book's `OutputType.EachStep`).
    All,
    /// Only the last step's h_T (`OutputType.LastStep`).
    Last,
}

/// The cell of a recurrent layer: what happens inside one time step. The cell owns its
/// parameters, their gradients and its per-step caches (gates, cell states, deltas).
pub trait Cell: Clone + Debug + Send + Sync + 'static {
    /// Features per step, F.
    fn inputs(&self) -> usize;
    /// Hidden units, H.
    fn units(&self) -> usize;
    /// The layer's settings, given the unroll's.
    fn config(&self, steps: usize, output: SeqOutput) -> LayerConfig;
    /// Sizes the caches for `steps` steps before a forward pass.
    fn begin(&mut self, steps: usize);
    /// Step t forward: `h = cell(x, h_prev)`, keeping what backward needs.
    fn forward_step(&mut self, t: usize, x: &Matrix, h_prev: &Matrix, h: &mut Matrix);
    /// Zeroes the gradients (and any state carried backwards) before BPTT.
    fn begin_backward(&mut self);
    /// Step `s.t` backward from `s.dh` = ∂J/∂h_t (everything that reaches h_t): adds step
    /// t's summands to the gradients, writes `dh_prev` = ∂J/∂h_{t−1} through this step and,
    /// if given, `dx` = ∂J/∂x_t.
    fn backward_step(&mut self, s: StepGrad<'_>, dh_prev: &mut Matrix, dx: Option<&mut Matrix>);

    /// Each parameter tensor, in a fixed order.
    fn visit(&self, f: &mut dyn FnMut(Param<'_>));
    /// Each parameter tensor, mutable, in the order of [`Cell::visit`].
    fn visit_mut(&mut self, f: &mut dyn FnMut(ParamMut<'_>));
}

/// What a cell's backward step t reads: the step's input, the states around it and the
/// gradient that reaches its output.
#[derive(Clone, Copy, Debug)]
pub struct StepGrad<'a> {
    /// The step t, 0 … T−1 (whose caches the cell reads).
    pub t: usize,
    /// x_t, `m × F`.
    pub x: &'a Matrix,
    /// h_{t−1}, the state before the step, `m × H`.
    pub h_prev: &'a Matrix,
    /// h_t, the state after it, `m × H`.
    pub h: &'a Matrix,
    /// dh_t = ∂J/∂h_t, `m × H`.
    pub dh: &'a Matrix,
}

/// A recurrent layer: one [`Cell`] unrolled over `steps` time steps.
#[derive(Clone, Debug)]
pub struct Recurrent<C: Cell> {
    /// The cell with its shared parameters.
    pub cell: C,
    steps: usize,
    output: SeqOutput,
    xs: Vec<Matrix>,
    hs: Vec<Matrix>,
    dhs: Vec<Matrix>,
    y: Matrix,
    grad_x: Matrix,
    carry: Matrix,
    dx: Matrix,
}

impl<C: Cell> Recurrent<C> {
    /// Unrolls `cell` over `steps` steps.
    pub fn new(cell: C, steps: usize, output: SeqOutput) -> Recurrent<C> {
        Recurrent {
            cell,
            steps,
            output,
            xs: Vec::new(),
            hs: Vec::new(),
            dhs: Vec::new(),
            y: Matrix::default(),
            grad_x: Matrix::default(),
            carry: Matrix::default(),
            dx: Matrix::default(),
        }
    }

    /// Number of time steps T.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// Whether Y is every step's h or the last one.
    pub fn seq_output(&self) -> SeqOutput {
        self.output
    }

    /// x_t of the last forward pass, t = 0 … T−1 (`m × F` each).
    pub fn xs(&self) -> &[Matrix] {
        &self.xs
    }

    /// h_{t} of the last forward pass for t = 0 … T−1, i.e. after step t (`m × H` each).
    pub fn hs(&self) -> &[Matrix] {
        self.hs.get(1..).unwrap_or(&[])
    }

    /// The state before step t (zeros for t = 0).
    pub fn h_prev(&self, t: usize) -> &Matrix {
        &self.hs[t]
    }

    /// dh_t = ∂J/∂h_t of the last backward pass (from the output at step t plus the step
    /// after it), t = 0 … T−1.
    pub fn dhs(&self) -> &[Matrix] {
        &self.dhs
    }
}

/// `acc += aᵀ·b`, through `tmp` (a weight gradient's summand of one step).
pub(crate) fn add_tn(a: &Matrix, b: &Matrix, acc: &mut Matrix, tmp: &mut Matrix) {
    a.matmul_tn_into(b, tmp);
    for (s, v) in acc.data.iter_mut().zip(&tmp.data) {
        *s += v;
    }
}

/// `acc += Σ_rows dz` (a bias gradient's summand of one step).
pub(crate) fn add_col_sums(dz: &Matrix, acc: &mut [f32]) {
    for row in dz.data.chunks_exact(dz.cols.max(1)) {
        for (s, v) in acc.iter_mut().zip(row) {
            *s += v;
        }
    }
}

/// `z = x·U + h·W (+ b)`, the pre-activation of a step.
pub(crate) fn affine(
    x: &Matrix,
    u: &Matrix,
    h: &Matrix,
    w: &Matrix,
    b: Option<&[f32]>,
    z: &mut Matrix,
    tmp: &mut Matrix,
) {
    x.matmul_into(u, z);
    h.matmul_into(w, tmp);
    for (s, v) in z.data.iter_mut().zip(&tmp.data) {
        *s += v;
    }
    if let Some(b) = b {
        z.add_row(b);
    }
}

/// The finite-difference check of a cell's BPTT, for both outputs: the cell from `make`
/// (its bias drawn in ±0.5 so the gates are not all at ½), 3 sequences of 4 steps of F = 2
/// drawn from `check_seed`, and `params` trainable numbers.
#[cfg(test)]
pub(crate) fn gradcheck_cell<C: Cell>(
    (seed, check_seed): (u64, u64),
    params: usize,
    make: impl Fn(&mut crate::rng::Rng) -> C,
) {
    let mut rng = crate::rng::Rng::new(seed);
    for output in [SeqOutput::All, SeqOutput::Last] {
        let mut cell = make(&mut rng);
        cell.visit_mut(&mut |p| {
            if p.role == super::ParamRole::Bias {
                p.value
                    .iter_mut()
                    .for_each(|b| *b = rng.range(-0.5, 0.5) as f32);
            }
        });
        let layer = Recurrent::new(cell, 4, output);
        let r = crate::nn::gradcheck::check(&layer, 3, 8, Mode::Train, check_seed);
        println!("{output:?}: {r:?}");
        assert!(r.max_error < 2e-3, "{output:?}: {r:?}");
        assert_eq!(r.checked, 3 * 8 + params);
    }
}

impl<C: Cell> Layer for Recurrent<C> {
    fn config(&self) -> LayerConfig {
        self.cell.config(self.steps, self.output)
    }

    fn outputs(&self) -> usize {
        match self.output {
            SeqOutput::All => self.steps * self.cell.units(),
            SeqOutput::Last => self.cell.units(),
        }
    }

    /// # Panics
    /// If `x.cols` is not T·F (the layer's config validates this before it is built).
    fn forward(&mut self, x: &Matrix, _mode: Mode) -> &Matrix {
        let (t_max, f, h) = (self.steps, self.cell.inputs(), self.cell.units());
        assert_eq!(x.cols, t_max * f, "Recurrent::forward: X must be m × (T·F)");
        let m = x.rows;
        self.xs.resize(t_max, Matrix::default());
        self.hs.resize(t_max + 1, Matrix::default());
        self.hs[0].resize(m, h);
        self.hs[0].data.fill(0.0);
        self.cell.begin(t_max);
        for t in 0..t_max {
            let xt = &mut self.xs[t];
            xt.resize(m, f);
            for i in 0..m {
                xt.row_mut(i).copy_from_slice(&x.row(i)[t * f..(t + 1) * f]);
            }
            let (before, after) = self.hs.split_at_mut(t + 1);
            self.cell
                .forward_step(t, &self.xs[t], &before[t], &mut after[0]);
        }
        match self.output {
            SeqOutput::Last => self.y.assign(&self.hs[t_max]),
            SeqOutput::All => {
                self.y.resize(m, t_max * h);
                for t in 0..t_max {
                    for i in 0..m {
                        self.y.row_mut(i)[t * h..(t + 1) * h]
                            .copy_from_slice(self.hs[t + 1].row(i));
                    }
                }
            }
        }
        &self.y
    }

    /// BPTT from dY (the shape of Y).
    ///
    /// # Panics
    /// If `grad_y` does not have the shape of Y.
    fn backward(&mut self, grad_y: &Matrix, need_grad_x: bool) {
        check_grad_y("Recurrent", grad_y, &self.y);
        let (t_max, f, h) = (self.steps, self.cell.inputs(), self.cell.units());
        let m = grad_y.rows;
        self.cell.begin_backward();
        self.dhs.resize(t_max, Matrix::default());
        self.carry.resize(m, h);
        self.carry.data.fill(0.0);
        if need_grad_x {
            self.grad_x.resize(m, t_max * f);
        } else {
            self.grad_x.resize(0, 0);
        }
        for t in (0..t_max).rev() {
            // dh_t = (loss at step t) + (what step t+1 sent back).
            let dh = &mut self.dhs[t];
            dh.assign(&self.carry);
            match self.output {
                SeqOutput::All => {
                    for i in 0..m {
                        let src = &grad_y.row(i)[t * h..(t + 1) * h];
                        for (d, s) in dh.row_mut(i).iter_mut().zip(src) {
                            *d += s;
                        }
                    }
                }
                SeqOutput::Last if t + 1 == t_max => {
                    for (d, s) in dh.data.iter_mut().zip(&grad_y.data) {
                        *d += s;
                    }
                }
                SeqOutput::Last => {}
            }
            let dx = need_grad_x.then_some(&mut self.dx);
            let s = StepGrad {
                t,
                x: &self.xs[t],
                h_prev: &self.hs[t],
                h: &self.hs[t + 1],
                dh: &self.dhs[t],
            };
            self.cell.backward_step(s, &mut self.carry, dx);
            if need_grad_x {
                for i in 0..m {
                    self.grad_x.row_mut(i)[t * f..(t + 1) * f].copy_from_slice(self.dx.row(i));
                }
            }
        }
    }

    fn visit(&self, f: &mut dyn FnMut(Param<'_>)) {
        self.cell.visit(f);
    }

    fn visit_mut(&mut self, f: &mut dyn FnMut(ParamMut<'_>)) {
        self.cell.visit_mut(f);
    }

    layer_boilerplate!(y, grad_x);
}
