//! Adam (ch15.3): momentum on the gradient (first moment m) and RMSProp's scaling (second
//! moment v), both corrected for starting at zero.
//!
//! ```text
//! t ← t + 1
//! m ← β₁·m + (1 − β₁)·g        v ← β₂·v + (1 − β₂)·g²
//! m̂ = m / (1 − β₁ᵗ)            v̂ = v / (1 − β₂ᵗ)
//! θ ← θ − η·m̂ / (ε + √v̂)       (the book's β₁ = 0.9, β₂ = 0.999, ε = 1e-8)
//! ```

use super::{Optimizer, Slots};

/// Adam with β₁, β₂ and ε.
#[derive(Clone, Debug)]
pub struct Adam {
    beta1: f32,
    beta2: f32,
    eps: f32,
    /// β₁ᵗ and β₂ᵗ, kept as running products (the same bits on every target, unlike powi).
    powers: (f32, f32),
    m: Slots,
    v: Slots,
}

impl Adam {
    /// Adam with β₁, β₂ and ε.
    pub fn new(beta1: f32, beta2: f32, eps: f32) -> Adam {
        Adam {
            beta1,
            beta2,
            eps,
            powers: (1.0, 1.0),
            m: Slots::default(),
            v: Slots::default(),
        }
    }
}

impl Optimizer for Adam {
    fn begin_step(&mut self) {
        self.powers = (self.powers.0 * self.beta1, self.powers.1 * self.beta2);
    }

    fn update(&mut self, slot: usize, lr: f32, value: &mut [f32], grad: &[f32]) {
        let (b1, b2, eps) = (self.beta1, self.beta2, self.eps);
        let (c1, c2) = (1.0 - self.powers.0, 1.0 - self.powers.1);
        let m = self.m.get(slot, value.len());
        let v = self.v.get(slot, value.len());
        for (((w, g), m), v) in value.iter_mut().zip(grad).zip(m).zip(v) {
            *m = b1 * *m + (1.0 - b1) * g;
            *v = b2 * *v + (1.0 - b2) * g * g;
            let (m_hat, v_hat) = (*m / c1, *v / c2);
            *w -= lr * m_hat / (eps + v_hat.sqrt());
        }
    }

    fn reset(&mut self) {
        self.powers = (1.0, 1.0);
        self.m.clear();
        self.v.clear();
    }
}
