//! Gradient checking (ch12.2): a layer's analytic backward pass against central
//! differences of its own forward pass,
//!
//! ```text
//! ∂J/∂θ ≈ (J(θ + h) − J(θ − h)) / 2h        with J = Σ C ⊙ Y(X)
//! ```
//!
//! for a fixed random C, so ∂J/∂Y = C is what backward receives. Every input X and every
//! trainable parameter is nudged, each time on a fresh copy of the layer as it was before
//! the first forward pass — so a dropout mask or a batch's statistics are the same on both
//! sides of the difference, and the check runs the same code path as training.
//!
//! The engine is `f32`, so J is summed in `f64` from `f32` outputs and `h` is 1e-2: the
//! rounding error of a difference is about ε_f32·|J|/h ≈ 6·10⁻⁸·10/10⁻² ≈ 6·10⁻⁵ and the
//! truncation error h²·|f‴|/6 about 2·10⁻⁵, so a correct backward pass stays well below the
//! error 2·10⁻³ that the tests allow, and a wrong one (a missing factor, a wrong sign) lands
//! far above it.

use super::layers::{Layer, Mode, ParamMut};
use super::matrix::Matrix;
use super::network::Network;
use crate::rng::Rng;

/// The step h of the central differences.
pub const H: f32 = 1e-2;

/// The largest disagreement found, `|numeric − analytic| / max(1, |numeric|)`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// The largest error over every input and parameter entry.
    pub max_error: f64,
    /// Where it was: `x[3]`, `w[5]`, `gamma[0]`, …
    pub worst: String,
    /// How many entries were checked.
    pub checked: usize,
}

/// J = Σ C ⊙ layer(X) on a copy of `fresh`.
fn objective(fresh: &dyn Layer, x: &Matrix, c: &Matrix, mode: Mode) -> f64 {
    let mut layer = fresh.clone_box();
    let y = layer.forward(x, mode);
    y.data
        .iter()
        .zip(&c.data)
        .map(|(&y, &c)| y as f64 * c as f64)
        .sum()
}

/// Checks `layer`'s dX and parameter gradients on a random `m × n_in` batch (entries in
/// [−1, 1], drawn from `seed`) in `mode`.
pub fn check(layer: &dyn Layer, m: usize, n_in: usize, mode: Mode, seed: u64) -> Report {
    let mut rng = Rng::new(seed);
    let x = Matrix::from_fn(m, n_in, |_, _| rng.range(-1.0, 1.0) as f32);
    let c = Matrix::from_fn(m, layer.outputs(), |_, _| rng.range(-1.0, 1.0) as f32);
    check_with(layer, &x, &c, mode)
}

/// [`check`] on a given batch `x` and output weights `c`.
pub fn check_with(layer: &dyn Layer, x: &Matrix, c: &Matrix, mode: Mode) -> Report {
    let mut analytic = layer.clone_box();
    analytic.forward(x, mode);
    analytic.backward(c, true);
    let mut report = Report::default();
    for q in 0..x.data.len() {
        let (mut xp, mut xm) = (x.clone(), x.clone());
        xp.data[q] += H;
        xm.data[q] -= H;
        let numeric = diff(
            objective(layer, &xp, c, mode),
            objective(layer, &xm, c, mode),
        );
        report.note(format!("x[{q}]"), numeric, analytic.grad_x().data[q]);
    }
    // The analytic parameter gradients, in visit order.
    let mut grads: Vec<(String, Vec<f32>)> = Vec::new();
    analytic.visit(&mut |p| {
        if p.role.trainable() {
            grads.push((p.name.to_string(), p.grad.to_vec()));
        }
    });
    report.params(&grads, |t, q, delta| {
        let mut l = layer.clone_box();
        l.visit_mut(&mut nudge(t, q, delta));
        objective(l.as_ref(), x, c, mode)
    });
    report
}

/// The check of a whole network (ch12.2): ∂J/∂θ for every trainable entry, J the loss of
/// a training-mode forward pass on `x` against `y`, against central differences. Each
/// nudged copy is a clone of the untouched `net`, so it draws the same dropout mask and
/// uses the same batch statistics. The entries are named `layer.tensor[q]`, `1.w[5]`.
pub fn check_network(net: &Network, x: &Matrix, y: &Matrix) -> Report {
    let loss = |n: &Network| {
        let mut n = n.clone();
        n.forward_mode(x, Mode::Train);
        n.backward(y) as f64
    };
    let mut analytic = net.clone();
    analytic.forward_mode(x, Mode::Train);
    analytic.backward(y);
    let mut grads: Vec<(String, Vec<f32>)> = Vec::new();
    analytic.visit(|i, p| {
        if p.role.trainable() {
            grads.push((format!("{i}.{}", p.name), p.grad.to_vec()));
        }
    });
    let mut report = Report::default();
    report.params(&grads, |t, q, delta| {
        let mut n = net.clone();
        let mut f = nudge(t, q, delta);
        n.visit_mut(|_, p| f(p));
        loss(&n)
    });
    report
}

/// The central difference (J(θ + h) − J(θ − h)) / 2h.
fn diff(plus: f64, minus: f64) -> f64 {
    (plus - minus) / (2.0 * H as f64)
}

/// A visitor that moves entry `q` of the `t`-th trainable tensor by `delta`.
fn nudge(t: usize, q: usize, delta: f32) -> impl FnMut(ParamMut<'_>) {
    let mut tensor = 0;
    move |p| {
        if p.role.trainable() {
            if tensor == t {
                p.value[q] += delta;
            }
            tensor += 1;
        }
    }
}

impl Report {
    /// Counts one entry and keeps it if its error is the largest so far.
    fn note(&mut self, name: String, numeric: f64, exact: f32) {
        let err = (numeric - exact as f64).abs() / numeric.abs().max(1.0);
        self.checked += 1;
        if err > self.max_error || self.worst.is_empty() {
            self.max_error = err.max(self.max_error);
            self.worst = name;
        }
    }

    /// Notes every entry of the analytic `grads` (name, gradient; in visit order) against
    /// the central difference of `at(t, q, δ)`, the objective with entry `q` of tensor `t`
    /// moved by δ.
    fn params(&mut self, grads: &[(String, Vec<f32>)], at: impl Fn(usize, usize, f32) -> f64) {
        for (t, (name, grad)) in grads.iter().enumerate() {
            for (q, &exact) in grad.iter().enumerate() {
                self.note(
                    format!("{name}[{q}]"),
                    diff(at(t, q, H), at(t, q, -H)),
                    exact,
                );
            }
        }
    }
}
