//! Learning-rate schedules (ch12.3): the rate used for update number t (t = 0 first),
//! from the base rate η₀.
//!
//! | schedule | η(t) | book |
//! |---|---|---|
//! | constant | η₀ | every chapter |
//! | step | η₀ · factorᶠˡᵒᵒʳ⁽ᵗ ᐟ ᵉᵛᵉʳʸ⁾ | ch12.3: 0.1 × 0.9 every 50 updates → 0.1, 0.09, 0.081, 0.0729, … |
//! | inverse-time | η₀ / (1 + decay·t) | ch18.6's Keras `RMSprop(decay=1e-6)` |

use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};

/// How the learning rate changes over the updates of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Schedule {
    /// The same rate throughout.
    #[default]
    Constant,
    /// Multiply by `factor` after every `every` updates.
    Step {
        /// Updates between two decays (≥ 1).
        every: usize,
        /// The factor, in (0, 1].
        factor: f32,
    },
    /// η₀ / (1 + decay·t).
    InverseTime {
        /// The decay per update (≥ 0).
        decay: f32,
    },
}

impl Schedule {
    /// The book's ch12.3 example: × 0.9 every 50 updates.
    pub const BOOK_STEP: Schedule = Schedule::Step {
        every: 50,
        factor: 0.9,
    };

    /// The rate for update `t` (0 = the first) from the base rate `base`.
    pub fn rate(&self, base: f32, t: usize) -> f32 {
        match *self {
            Schedule::Constant => base,
            Schedule::Step { every, factor } => {
                // Repeated multiplication, not powf, so every target gets the same bits.
                let mut lr = base;
                for _ in 0..t / every.max(1) {
                    lr *= factor;
                    if lr == 0.0 {
                        break;
                    }
                }
                lr
            }
            Schedule::InverseTime { decay } => base / (1.0 + decay * t as f32),
        }
    }

    /// Checks the settings.
    pub fn validate(&self) -> Result<()> {
        let ok = match *self {
            Schedule::Constant => true,
            Schedule::Step { every, factor } => every >= 1 && factor > 0.0 && factor <= 1.0,
            Schedule::InverseTime { decay } => decay.is_finite() && decay >= 0.0,
        };
        if ok {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::OutOfRange,
                format!("The learning-rate schedule {self:?} needs every ≥ 1, 0 < factor ≤ 1 and decay ≥ 0."),
                format!("学习率计划 {self:?} 需要 every ≥ 1、0 < factor ≤ 1 且 decay ≥ 0。"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_books_step_decay() {
        // ch12.3: 0.1 × 0.9 every 50 steps → 0.1, 0.09, 0.081, 0.073, 0.065, 0.059, 0.053
        // (the book's figures to three decimals, the last ones cut off rather than rounded:
        // 0.1·0.9⁴ = 0.06561).
        let s = Schedule::BOOK_STEP;
        let got: Vec<f32> = (0..7).map(|k| s.rate(0.1, 50 * k)).collect();
        for (g, want) in got
            .iter()
            .zip([0.1, 0.09, 0.081, 0.073, 0.065, 0.059, 0.053])
        {
            assert!((g - want).abs() < 1e-3, "{got:?}");
        }
        assert_eq!(s.rate(0.1, 49), 0.1);
        assert_eq!(Schedule::Constant.rate(0.3, 1000), 0.3);
        let inv = Schedule::InverseTime { decay: 0.5 };
        assert_eq!(inv.rate(1.0, 2), 0.5);
        assert!(Schedule::Step {
            every: 0,
            factor: 0.5
        }
        .validate()
        .is_err());
    }
}
