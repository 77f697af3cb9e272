//! Optimizers (ch15.2–15.4, the book's `OptimizerFactory`): how a gradient becomes a step.
//! They sit above the network and are owned by the trainer, as in PyTorch
//! (`optim.Adam(model.parameters())`) and burn: the network walks its trainable tensors in a
//! fixed order ([`super::Network::step`]) and hands each one, numbered by its *slot*, to
//! [`Optimizer::update`], which keeps whatever state it needs per slot (a velocity, a sum of
//! squares, two moments).
//!
//! | optimizer | state | update of θ with gradient g | book's constants |
//! |---|---|---|---|
//! | [`Sgd`] | — | θ ← θ − η·g | — |
//! | [`Momentum`] | v | v ← α·v − η·g;  θ ← θ + v | α 0.9 |
//! | [`Nag`] | v | v′ ← α·v − η·g;  θ ← θ − α·v + (1 + α)·v′ | α 0.9 |
//! | [`AdaGrad`] | r | r ← r + g²;  θ ← θ − η·g/(ε + √r) | ε 1e-6 |
//! | [`AdaDelta`] | s, r | s ← ρs + (1−ρ)g²;  Δ = −g·√(r+ε)/√(s+ε);  r ← ρr + (1−ρ)Δ²;  θ ← θ + Δ | ρ 0.9, ε 1e-5, no η |
//! | [`RmsProp`] | s | s ← ρs + (1−ρ)g²;  θ ← θ − η·g/√(s + ε) | ρ 0.9, ε 1e-6 |
//! | [`Adam`] | m, v, t | m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − η·m̂/(ε + √v̂), m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ) | β₁ 0.9, β₂ 0.999, ε 1e-8 |
//!
//! All state is `f32`, updated in a fixed order, so training replays bit for bit natively
//! and in wasm.

use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use std::fmt::Debug;

mod adadelta;
mod adagrad;
mod adam;
mod momentum;
mod nag;
mod rmsprop;
pub mod schedule;
mod sgd;

pub use adadelta::AdaDelta;
pub use adagrad::AdaGrad;
pub use adam::Adam;
pub use momentum::Momentum;
pub use nag::Nag;
pub use rmsprop::RmsProp;
pub use schedule::Schedule;
pub use sgd::Sgd;

/// Turns gradients into parameter updates, keeping state per slot.
pub trait Optimizer: Debug + Send + Sync + CloneOptimizer {
    /// Called once before each update of the whole network (Adam counts its steps here).
    fn begin_step(&mut self) {}

    /// Updates the tensor in `slot` (numbered in the network's visit order, the same at
    /// every step) with learning rate η from its gradient.
    fn update(&mut self, slot: usize, lr: f32, value: &mut [f32], grad: &[f32]);

    /// Forgets all state (a fresh start with the same settings).
    fn reset(&mut self);
}

/// The boxed copy of an [`Optimizer`], state included; every optimizer that is `Clone`
/// has it.
pub trait CloneOptimizer {
    /// A boxed copy, state included.
    fn clone_box(&self) -> Box<dyn Optimizer>;
}

impl<T: Optimizer + Clone + 'static> CloneOptimizer for T {
    fn clone_box(&self) -> Box<dyn Optimizer> {
        Box::new(self.clone())
    }
}

impl Clone for Box<dyn Optimizer> {
    fn clone(&self) -> Box<dyn Optimizer> {
        self.clone_box()
    }
}

/// Per-slot state vectors, created as zeros the first time a slot is seen.
#[derive(Clone, Debug, Default)]
pub struct Slots(Vec<Vec<f32>>);

impl Slots {
    /// The state of `slot`, `len` values long (zeros at first).
    pub fn get(&mut self, slot: usize, len: usize) -> &mut [f32] {
        if self.0.len() <= slot {
            self.0.resize_with(slot + 1, Vec::new);
        }
        let s = &mut self.0[slot];
        if s.len() != len {
            *s = vec![0.0; len];
        }
        s
    }

    /// Runs `f(θ, g, s)` element by element, in order, over `value`, its gradient and the
    /// state of `slot` (the update of an optimizer with one state vector).
    pub fn each(
        &mut self,
        slot: usize,
        value: &mut [f32],
        grad: &[f32],
        mut f: impl FnMut(&mut f32, f32, &mut f32),
    ) {
        let state = self.get(slot, value.len());
        for ((w, &g), s) in value.iter_mut().zip(grad).zip(state) {
            f(w, g, s);
        }
    }

    /// Drops every slot.
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// The settings of an optimizer; [`OptimizerConfig::build`] makes it. The constants
/// default to the book's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum OptimizerConfig {
    /// Plain gradient descent.
    #[default]
    Sgd,
    /// Momentum with factor α.
    Momentum {
        /// α (0.9).
        alpha: f32,
    },
    /// Nesterov's accelerated gradient with factor α.
    Nag {
        /// α (0.9).
        alpha: f32,
    },
    /// AdaGrad.
    #[serde(rename = "adagrad")]
    AdaGrad {
        /// ε (1e-6).
        eps: f32,
    },
    /// AdaDelta (ignores the learning rate).
    #[serde(rename = "adadelta")]
    AdaDelta {
        /// ρ (0.9).
        rho: f32,
        /// ε (1e-5).
        eps: f32,
    },
    /// RMSProp.
    #[serde(rename = "rmsprop")]
    RmsProp {
        /// ρ (0.9).
        rho: f32,
        /// ε (1e-6).
        eps: f32,
    },
    /// Adam.
    Adam {
        /// β₁ (0.9).
        beta1: f32,
        /// β₂ (0.999).
        beta2: f32,
        /// ε (1e-8).
        eps: f32,
    },
}

impl OptimizerConfig {
    /// The seven, with the book's constants, in the book's order.
    pub const ALL: [OptimizerConfig; 7] = [
        OptimizerConfig::Sgd,
        OptimizerConfig::Momentum { alpha: 0.9 },
        OptimizerConfig::Nag { alpha: 0.9 },
        OptimizerConfig::AdaGrad { eps: 1e-6 },
        OptimizerConfig::AdaDelta {
            rho: 0.9,
            eps: 1e-5,
        },
        OptimizerConfig::RmsProp {
            rho: 0.9,
            eps: 1e-6,
        },
        OptimizerConfig::Adam {
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
        },
    ];

    /// The name used in URLs and the CLI (`sgd`, `momentum`, `nag`, `adagrad`, `adadelta`,
    /// `rmsprop`, `adam`).
    pub fn name(&self) -> &'static str {
        match self {
            OptimizerConfig::Sgd => "sgd",
            OptimizerConfig::Momentum { .. } => "momentum",
            OptimizerConfig::Nag { .. } => "nag",
            OptimizerConfig::AdaGrad { .. } => "adagrad",
            OptimizerConfig::AdaDelta { .. } => "adadelta",
            OptimizerConfig::RmsProp { .. } => "rmsprop",
            OptimizerConfig::Adam { .. } => "adam",
        }
    }

    /// The optimizer called `name`, with the book's constants.
    pub fn from_name(name: &str) -> Option<OptimizerConfig> {
        OptimizerConfig::ALL.into_iter().find(|o| o.name() == name)
    }

    /// True if the learning rate has no effect (AdaDelta).
    pub fn ignores_learning_rate(&self) -> bool {
        matches!(self, OptimizerConfig::AdaDelta { .. })
    }

    /// Checks the constants: factors in [0, 1), ε > 0.
    pub fn validate(&self) -> Result<()> {
        let factor = |v: f32| (0.0..1.0).contains(&v);
        let eps = |v: f32| v.is_finite() && v > 0.0;
        let ok = match *self {
            OptimizerConfig::Sgd => true,
            OptimizerConfig::Momentum { alpha } | OptimizerConfig::Nag { alpha } => factor(alpha),
            OptimizerConfig::AdaGrad { eps: e } => eps(e),
            OptimizerConfig::AdaDelta { rho, eps: e }
            | OptimizerConfig::RmsProp { rho, eps: e } => factor(rho) && eps(e),
            OptimizerConfig::Adam {
                beta1,
                beta2,
                eps: e,
            } => factor(beta1) && factor(beta2) && eps(e),
        };
        if ok {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::OutOfRange,
                format!(
                    "The constants of {} must be factors in [0, 1) and an ε above 0: {self:?}.",
                    self.name()
                ),
                format!(
                    "{} 的常数必须是 [0, 1) 中的系数和大于 0 的 ε：{self:?}。",
                    self.name()
                ),
            ))
        }
    }

    /// The optimizer, with empty state.
    pub fn build(&self) -> Box<dyn Optimizer> {
        match *self {
            OptimizerConfig::Sgd => Box::new(Sgd),
            OptimizerConfig::Momentum { alpha } => Box::new(Momentum::new(alpha)),
            OptimizerConfig::Nag { alpha } => Box::new(Nag::new(alpha)),
            OptimizerConfig::AdaGrad { eps } => Box::new(AdaGrad::new(eps)),
            OptimizerConfig::AdaDelta { rho, eps } => Box::new(AdaDelta::new(rho, eps)),
            OptimizerConfig::RmsProp { rho, eps } => Box::new(RmsProp::new(rho, eps)),
            OptimizerConfig::Adam { beta1, beta2, eps } => Box::new(Adam::new(beta1, beta2, eps)),
        }
    }
}

#[cfg(test)]
mod tests;
