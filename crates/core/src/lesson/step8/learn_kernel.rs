//! Step 8, ch17.3 — learning a kernel by gradient descent. A grey 80×80 image X is
//! convolved with a kernel we pretend not to know,
//!
//! ```text
//! K = [[0, −1, 0], [0, 2, 0], [0, −1, 0]]        Y = X ⊛ K     (78×78, no padding)
//! ```
//!
//! and a 3×3 kernel W, starting from zero, learns it back from (X, Y) alone:
//!
//! ```text
//! Z = X ⊛ W      J = Σ (Z − Y)² / 2m      dW = X ⊛ (Z − Y) / m      W ← W − η·dW
//! ```
//!
//! with m = 78·78 output pixels and η = 0.5, until J < 1e-7. The book stops at iteration
//! 3460 with a first row ≈ [−0.00187, −0.99726, −0.00101]. Its image is a photo we do not
//! have; ours is [`image`], generated, so the count differs (the count depends on how
//! similar neighbouring pixels are). Forward and backward run through the engine's own
//! [`Conv2d`] layer without bias: its dW is exactly the book's dw/m.

use crate::error::Result;
use crate::nn::{Conv2d, Layer, Matrix, Mode, ParamRole, Shape};
use crate::params::{ParamSpec, Params};
use crate::rng::Rng;
use crate::text::{fmt_num, Text};
use crate::widget::{finish, Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// Side of the image.
pub const SIDE: usize = 80;
/// The kernel to learn back (the book's).
pub const TARGET: [f32; 9] = [0.0, -1.0, 0.0, 0.0, 2.0, 0.0, 0.0, -1.0, 0.0];
/// Stop when the loss falls below this (the book's).
pub const STOP: f64 = 1e-7;
/// Iterations allowed at most.
pub const MAX_ITERATIONS: usize = 20_000;

/// The generated grey image, values in [0, 1]: a bright disc and a dark bar over slow
/// waves, plus seeded noise of ±0.1 (a photo has fine texture too).
pub fn image() -> Vec<f32> {
    let mut rng = Rng::new(17);
    let mut img = Vec::with_capacity(SIDE * SIDE);
    for r in 0..SIDE {
        for c in 0..SIDE {
            let (y, x) = (r as f64, c as f64);
            let mut v = 0.45 + 0.2 * (x / 7.0).sin() * (y / 11.0).cos();
            if (y - 34.0).powi(2) + (x - 46.0).powi(2) < 18.0f64.powi(2) {
                v += 0.3;
            }
            if (58..68).contains(&r) && (8..50).contains(&c) {
                v -= 0.3;
            }
            v += rng.range(-0.1, 0.1);
            img.push(v.clamp(0.0, 1.0) as f32);
        }
    }
    img
}

fn conv(w: &[f32]) -> Conv2d {
    let (i, o) = (Shape::new(1, SIDE, SIDE), Shape::new(1, SIDE - 2, SIDE - 2));
    let w = Matrix::from_vec(1, 9, w.to_vec()).unwrap_or_else(|| Matrix::zeros(1, 9));
    Conv2d::from_weights(i, o, 3, 1, 0, w, false)
}

/// The widget state.
#[derive(Clone, Debug)]
pub struct LearnKernel {
    eta: f64,
    per_step: usize,
    x: Matrix,
    y: Matrix,
    layer: Conv2d,
    dz: Matrix,
    /// Loss before each iteration (index = iteration).
    losses: Vec<f64>,
    /// The kernel after each Step.
    kernels: Vec<(usize, [f32; 9])>,
    done: Option<Text>,
}

fn specs() -> [ParamSpec; 2] {
    [
        ParamSpec::eta(0.05, 1.0, 0.05, 0.5),
        ParamSpec::num(
            "per",
            ("iterations per Step", "每步迭代次数"),
            [1.0, 1000.0, 1.0, 200.0],
        ),
    ]
}

impl LearnKernel {
    /// The source image X (80×80).
    pub fn x(&self) -> &[f32] {
        &self.x.data
    }
    /// The target Y = X ⊛ K (78×78).
    pub fn y(&self) -> &[f32] {
        &self.y.data
    }
    /// The kernel W now.
    pub fn w(&self) -> [f32; 9] {
        let mut w = [0.0; 9];
        w.copy_from_slice(&self.layer.w.data);
        w
    }
    /// Iterations done.
    pub fn iterations(&self) -> usize {
        self.losses.len().saturating_sub(1)
    }
    /// The loss before each iteration, and after the last one.
    pub fn losses(&self) -> &[f64] {
        &self.losses
    }
    /// The loss now.
    pub fn loss(&self) -> f64 {
        self.losses.last().copied().unwrap_or(f64::NAN)
    }

    /// J = Σ (Z − Y)² / 2m for the current W, with dZ = (Z − Y)/m left in `self.dz`.
    fn forward(&mut self) -> f64 {
        let z = self.layer.forward(&self.x, Mode::Train);
        let m = z.data.len() as f64;
        self.dz.resize(1, z.data.len());
        let mut j = 0.0;
        for ((d, &z), &y) in self.dz.data.iter_mut().zip(&z.data).zip(&self.y.data) {
            let e = (z - y) as f64;
            j += e * e;
            *d = (e / m) as f32;
        }
        j / (2.0 * m)
    }

    /// One iteration: W ← W − η·dW. Returns the loss after it.
    fn iterate(&mut self) -> f64 {
        self.layer.backward(&self.dz, false);
        let eta = self.eta as f32;
        self.layer.visit_mut(&mut |p| {
            if p.role == ParamRole::Weight {
                for (w, g) in p.value.iter_mut().zip(p.grad.iter()) {
                    *w -= eta * g;
                }
            }
        });
        let j = self.forward();
        self.losses.push(j);
        j
    }
}

impl Widget for LearnKernel {
    fn spec() -> WidgetSpec {
        let title = (
            "Learning a kernel by gradient descent",
            "用梯度下降学习卷积核",
        );
        WidgetSpec::new("learn-kernel", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (eta, per_step) = params.read(&specs())?;
        let x = Matrix::from_vec(1, SIDE * SIDE, image()).unwrap_or_default();
        let y = conv(&TARGET).forward(&x, Mode::Infer).clone();
        let mut w = LearnKernel {
            eta,
            per_step,
            x,
            y,
            layer: conv(&[0.0; 9]),
            dz: Matrix::default(),
            losses: Vec::new(),
            kernels: Vec::new(),
            done: None,
        };
        let j = w.forward();
        w.losses.push(j);
        w.kernels.push((0, w.w()));
        Ok(w)
    }

    fn params(&self) -> Params {
        Params::write(&specs(), (self.eta, self.per_step))
    }

    fn step(&mut self) -> Result<Outcome> {
        if let Some(t) = &self.done {
            return Ok(Outcome::Done(t.clone()));
        }
        for _ in 0..self.per_step {
            let j = self.iterate();
            let n = self.iterations();
            let note = if j < STOP {
                Some(Text::new(
                    format!("J < 1e-7 after iteration {n} (the book: 3460, on its own photo)."),
                    format!("第 {n} 次迭代后 J < 1e-7（书中在它自己的照片上是 3460 次）。"),
                ))
            } else if !j.is_finite() || j > 1e6 {
                Some(Text::new(
                    format!("Diverged at iteration {n}: lower η."),
                    format!("第 {n} 次迭代发散了：请减小 η。"),
                ))
            } else if n >= MAX_ITERATIONS {
                Some(Text::new(
                    format!("Stopped after {n} iterations, J = {}.", fmt_num(j, 9)),
                    format!("{n} 次迭代后停止，J = {}。", fmt_num(j, 9)),
                ))
            } else {
                None
            };
            if let Some(why) = note {
                self.kernels.push((n, self.w()));
                return finish(&mut self.done, why);
            }
        }
        self.kernels.push((self.iterations(), self.w()));
        Ok(Outcome::Stepped)
    }

    fn steps(&self) -> usize {
        self.kernels.len() - 1
    }

    /// One row per Step: the iteration, J and the kernel's first row and centre.
    fn table(&self) -> Table {
        // One row per kept kernel (iteration n, weights w), with the loss J at n.
        Table::of_records(5, &self.kernels)
            .column(Column::count("iter", "iteration", "迭代"), |(n, _)| {
                *n as f64
            })
            .maybe(Column::symbol("j", "J").with_digits(9), |(n, _)| {
                self.losses.get(*n).copied()
            })
            .column(Column::symbol("w00", "w₀₀"), |(_, w)| w[0] as f64)
            .column(Column::symbol("w01", "w₀₁"), |(_, w)| w[1] as f64)
            .column(Column::symbol("w02", "w₀₂"), |(_, w)| w[2] as f64)
            .column(Column::symbol("w11", "w₁₁"), |(_, w)| w[4] as f64)
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let iterations = self.iterations() as f64;
        vec![
            Readout::of("iter", ("iteration", "迭代"), iterations, 0),
            Readout::new("j", Text::same("J"), self.loss(), 9),
        ]
    }

    fn status(&self) -> Option<Text> {
        self.done.clone()
    }
}

#[cfg(test)]
#[path = "learn_kernel_tests.rs"]
mod tests;
