//! Stochastic gradient descent: θ ← θ − η·g (ch4 on). No state.

use super::Optimizer;

/// Plain gradient descent.
#[derive(Clone, Copy, Debug, Default)]
pub struct Sgd;

impl Optimizer for Sgd {
    fn update(&mut self, _slot: usize, lr: f32, value: &mut [f32], grad: &[f32]) {
        assert_eq!(value.len(), grad.len(), "Sgd: lengths differ");
        for (w, g) in value.iter_mut().zip(grad) {
            *w -= lr * g;
        }
    }

    fn reset(&mut self) {}
}
