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

use super::layers::{Layer, Mode};
use super::matrix::Matrix;
use crate::rng::Rng;

/// The step h of the central differences.
pub const H: f32 = 1e-2;

/// The largest disagreement found, `|numeric − analytic| / max(1, |numeric|)`.
#[derive(Clone, Debug, PartialEq)]
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
    let mut report = Report {
        max_error: 0.0,
        worst: String::new(),
        checked: 0,
    };
    let mut note = |name: String, numeric: f64, exact: f32| {
        let err = (numeric - exact as f64).abs() / numeric.abs().max(1.0);
        report.checked += 1;
        if err > report.max_error || report.worst.is_empty() {
            report.max_error = err.max(report.max_error);
            report.worst = name;
        }
    };
    let diff = |plus: f64, minus: f64| (plus - minus) / (2.0 * H as f64);
    for q in 0..x.data.len() {
        let (mut xp, mut xm) = (x.clone(), x.clone());
        xp.data[q] += H;
        xm.data[q] -= H;
        let numeric = diff(
            objective(layer, &xp, c, mode),
            objective(layer, &xm, c, mode),
        );
        note(format!("x[{q}]"), numeric, analytic.grad_x().data[q]);
    }
    // The analytic parameter gradients, in visit order.
    let mut grads: Vec<(&'static str, Vec<f32>)> = Vec::new();
    analytic.visit(&mut |p| {
        if p.role.trainable() {
            grads.push((p.name, p.grad.to_vec()));
        }
    });
    for (t, (name, grad)) in grads.iter().enumerate() {
        for (q, &exact) in grad.iter().enumerate() {
            let nudged = |delta: f32| {
                let mut l = layer.clone_box();
                let mut tensor = 0;
                l.visit_mut(&mut |p| {
                    if p.role.trainable() {
                        if tensor == t {
                            p.value[q] += delta;
                        }
                        tensor += 1;
                    }
                });
                objective(l.as_ref(), x, c, mode)
            };
            note(format!("{name}[{q}]"), diff(nudged(H), nudged(-H)), exact);
        }
    }
    report
}
