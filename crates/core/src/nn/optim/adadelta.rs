//! AdaDelta (ch15.3): AdaGrad with decaying averages instead of a growing sum, and a step
//! size made of the running size of past steps — so it has no learning rate at all (the
//! book tries η 0.1 and 0.01 and gets the same curve).
//!
//! ```text
//! s ← ρ·s + (1 − ρ)·g²        Δ = −g·√(r + ε) / √(s + ε)        r ← ρ·r + (1 − ρ)·Δ²        θ ← θ + Δ
//! ```
//! (the book's ρ = 0.9, ε = 1e-5).

use super::{Optimizer, Slots};

/// AdaDelta with ρ and ε.
#[derive(Clone, Debug)]
pub struct AdaDelta {
    rho: f32,
    eps: f32,
    s: Slots,
    r: Slots,
}

impl AdaDelta {
    /// AdaDelta with ρ and ε.
    pub fn new(rho: f32, eps: f32) -> AdaDelta {
        AdaDelta {
            rho,
            eps,
            s: Slots::default(),
            r: Slots::default(),
        }
    }
}

impl Optimizer for AdaDelta {
    fn update(&mut self, slot: usize, _lr: f32, value: &mut [f32], grad: &[f32]) {
        let (rho, eps) = (self.rho, self.eps);
        let s = self.s.get(slot, value.len());
        let r = self.r.get(slot, value.len());
        for (((w, g), s), r) in value.iter_mut().zip(grad).zip(s).zip(r) {
            *s = rho * *s + (1.0 - rho) * g * g;
            let delta = -g * (*r + eps).sqrt() / (*s + eps).sqrt();
            *r = rho * *r + (1.0 - rho) * delta * delta;
            *w += delta;
        }
    }

    fn reset(&mut self) {
        self.s.clear();
        self.r.clear();
    }
}
