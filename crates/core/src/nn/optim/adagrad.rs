//! AdaGrad (ch15.3): each weight's step shrinks with the sum of its squared gradients, so
//! rarely moved weights keep large steps and busy ones slow down — for good, since r
//! only grows.
//!
//! ```text
//! r ← r + g²        θ ← θ − η·g / (ε + √r)        (the book's ε = 1e-6)
//! ```

use super::{Optimizer, Slots};

/// AdaGrad with ε.
#[derive(Clone, Debug)]
pub struct AdaGrad {
    eps: f32,
    r: Slots,
}

impl AdaGrad {
    /// AdaGrad with ε.
    pub fn new(eps: f32) -> AdaGrad {
        AdaGrad {
            eps,
            r: Slots::default(),
        }
    }
}

impl Optimizer for AdaGrad {
    fn update(&mut self, slot: usize, lr: f32, value: &mut [f32], grad: &[f32]) {
        let eps = self.eps;
        self.r.each(slot, value, grad, |w, g, r| {
            *r += g * g;
            *w -= lr * g / (eps + r.sqrt());
        });
    }

    fn reset(&mut self) {
        self.r.clear();
    }
}
