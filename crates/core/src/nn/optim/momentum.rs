//! Momentum (ch15.2): a velocity that remembers past gradients, so steps grow along a
//! steady slope and oscillations across a valley cancel.
//!
//! ```text
//! v ← α·v − η·g        θ ← θ + v        (v starts at 0; the book's α = 0.9)
//! ```

use super::{Optimizer, Slots};

/// Gradient descent with momentum α.
#[derive(Clone, Debug)]
pub struct Momentum {
    alpha: f32,
    v: Slots,
}

impl Momentum {
    /// Momentum with factor α.
    pub fn new(alpha: f32) -> Momentum {
        Momentum {
            alpha,
            v: Slots::default(),
        }
    }
}

impl Optimizer for Momentum {
    fn update(&mut self, slot: usize, lr: f32, value: &mut [f32], grad: &[f32]) {
        let alpha = self.alpha;
        self.v.each(slot, value, grad, |w, g, v| {
            *v = alpha * *v - lr * g;
            *w += *v;
        });
    }

    fn reset(&mut self) {
        self.v.clear();
    }
}
