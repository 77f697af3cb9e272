//! RMSProp (ch15.3): AdaGrad's per-weight step size, from a decaying average of squared
//! gradients so the steps do not die out.
//!
//! ```text
//! s ← ρ·s + (1 − ρ)·g²        θ ← θ − η·g / √(s + ε)        (the book's ρ = 0.9, ε = 1e-6)
//! ```

use super::{Optimizer, Slots};

/// RMSProp with ρ and ε.
#[derive(Clone, Debug)]
pub struct RmsProp {
    rho: f32,
    eps: f32,
    s: Slots,
}

impl RmsProp {
    /// RMSProp with ρ and ε.
    pub fn new(rho: f32, eps: f32) -> RmsProp {
        RmsProp {
            rho,
            eps,
            s: Slots::default(),
        }
    }
}

impl Optimizer for RmsProp {
    fn update(&mut self, slot: usize, lr: f32, value: &mut [f32], grad: &[f32]) {
        let (rho, eps) = (self.rho, self.eps);
        self.s.each(slot, value, grad, |w, g, s| {
            *s = rho * *s + (1.0 - rho) * g * g;
            *w -= lr * g / (*s + eps).sqrt();
        });
    }

    fn reset(&mut self) {
        self.s.clear();
    }
}
