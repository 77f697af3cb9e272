//! Dropout (ch16.5, the book's `DropoutLayer`): in training each value is kept with
//! probability 1 − r and dropped (set to 0) otherwise, with a fresh mask for every batch.
//!
//! This is *inverted* dropout, as PyTorch and Keras do it: the kept values are scaled by
//! 1/(1 − r) in training, so the expected output is X and inference passes X through
//! unchanged. The book's layer is not inverted — it keeps the training values as they are
//! and multiplies by (1 − r) at inference — which gives the same expected values.
//!
//! ```text
//! train:  maskᵢ = (uᵢ ≥ r) / (1 − r), uᵢ ~ U[0, 1)     Y = X ⊙ mask      dX = dY ⊙ mask
//! infer:  Y = X                                                          dX = dY
//! ```
//!
//! The mask comes from the layer's own seeded stream, so a run replays bit for bit.
//!
//! # Shapes
//! X, Y, mask: m × n.

use super::{layer_boilerplate, Layer, LayerConfig, Mode};
use crate::nn::matrix::Matrix;
use crate::rng::Rng;

/// A dropout layer with ratio r.
#[derive(Clone, Debug)]
pub struct Dropout {
    ratio: f32,
    rng: Rng,
    mask: Matrix,
    y: Matrix,
    grad_x: Matrix,
    mode: Mode,
    n: usize,
}

impl Dropout {
    /// Drops a share `ratio` of `n` columns' values in training, masks drawn from `seed`.
    pub fn new(ratio: f32, n: usize, seed: u64) -> Dropout {
        Dropout {
            ratio,
            rng: Rng::new(seed),
            mask: Matrix::default(),
            y: Matrix::default(),
            grad_x: Matrix::default(),
            mode: Mode::Infer,
            n,
        }
    }

    /// The mask of the last training forward pass (0 or 1/(1 − r) per value).
    pub fn mask(&self) -> &Matrix {
        &self.mask
    }
}

impl Layer for Dropout {
    fn config(&self) -> LayerConfig {
        LayerConfig::Dropout { ratio: self.ratio }
    }

    fn outputs(&self) -> usize {
        self.n
    }

    fn forward(&mut self, x: &Matrix, mode: Mode) -> &Matrix {
        self.mode = mode;
        match mode {
            Mode::Infer => self.y.assign(x),
            Mode::Train => {
                let keep = 1.0 / (1.0 - self.ratio);
                self.mask.resize(x.rows, x.cols);
                for v in &mut self.mask.data {
                    *v = if self.rng.uniform() >= self.ratio as f64 {
                        keep
                    } else {
                        0.0
                    };
                }
                x.zip_map_into(&self.mask, &mut self.y, |x, m| x * m);
            }
        }
        &self.y
    }

    fn backward(&mut self, grad_y: &Matrix, need_grad_x: bool) {
        if !need_grad_x {
            return;
        }
        match self.mode {
            // ∂Y/∂X = mask, elementwise.
            Mode::Train => grad_y.zip_map_into(&self.mask, &mut self.grad_x, |g, m| g * m),
            Mode::Infer => self.grad_x.assign(grad_y),
        }
    }

    layer_boilerplate!(y, grad_x);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::gradcheck;

    #[test]
    fn keeps_about_one_minus_r_and_scales_them() {
        let mut d = Dropout::new(0.2, 100, 3);
        let x = Matrix::from_fn(50, 100, |_, _| 1.0);
        let y = d.forward(&x, Mode::Train).clone();
        let kept = y.data.iter().filter(|&&v| v != 0.0).count();
        // 5000 Bernoulli(0.8) draws: mean 4000, standard deviation √(5000·0.8·0.2) ≈ 28.
        assert!((3880..=4120).contains(&kept), "{kept}");
        assert!(y.data.iter().all(|&v| v == 0.0 || v == 1.25));
        assert_eq!(d.forward(&x, Mode::Infer).data, x.data);
    }

    #[test]
    fn masks_replay_from_the_seed_and_backward_uses_them() {
        let (mut a, mut b) = (Dropout::new(0.5, 4, 9), Dropout::new(0.5, 4, 9));
        let x = Matrix::from_fn(3, 4, |i, j| (i * 4 + j) as f32);
        assert_eq!(a.forward(&x, Mode::Train), b.forward(&x, Mode::Train));
        let report = gradcheck::check(&a, 3, 4, Mode::Train, 2);
        assert!(report.max_error < 1e-4, "{report:?}");
        a.backward(&Matrix::from_fn(3, 4, |_, _| 1.0), true);
        assert_eq!(a.grad_x().data, a.mask().data);
    }
}
