//! Nesterov's accelerated gradient (ch15.2): momentum that looks ahead — the gradient is
//! taken where the velocity is about to carry the weights, θ + α·v, not where they are.
//!
//! The book does this in two passes (move to θ + α·v, compute g there, come back and step).
//! We keep the look-ahead point itself as the parameter, φ = θ + α·v, which needs the
//! gradient only at the current parameters:
//!
//! ```text
//! v′ ← α·v − η·g(φ)        φ ← φ − α·v + (1 + α)·v′        (since φ′ = θ′ + α·v′ and θ′ = θ + v′)
//! ```
//!
//! so the weights a NAG run reports are the look-ahead ones, α·v ahead of the book's θ.

use super::{Optimizer, Slots};

/// Nesterov momentum with factor α.
#[derive(Clone, Debug)]
pub struct Nag {
    alpha: f32,
    v: Slots,
}

impl Nag {
    /// NAG with factor α.
    pub fn new(alpha: f32) -> Nag {
        Nag {
            alpha,
            v: Slots::default(),
        }
    }
}

impl Optimizer for Nag {
    fn update(&mut self, slot: usize, lr: f32, value: &mut [f32], grad: &[f32]) {
        let a = self.alpha;
        self.v.each(slot, value, grad, |w, g, v| {
            let v_new = a * *v - lr * g;
            *w += -a * *v + (1.0 + a) * v_new;
            *v = v_new;
        });
    }

    fn reset(&mut self) {
        self.v.clear();
    }
}
