//! L1 and L2 regularisation (ch16.2–16.3): a penalty on the size of the weights W (not
//! the biases, not batch norm's γ and β) added to the loss, and its gradient added to dW
//! before the optimizer step.
//!
//! | method | penalty added to J | added to dW |
//! |---|---|---|
//! | L2 (weight decay) | λ/2 · Σ W² | λ·W |
//! | L1 | λ · Σ |W| | λ·sign(W) |
//!
//! The book divides both terms by the batch size m (its λ = 0.01 with batch 5 is our
//! λ = 0.002); here λ does not depend on the batch size, as in PyTorch's `weight_decay`.
//! L2 shrinks every weight in proportion to its size; L1 pulls each one towards 0 by the
//! same amount, so many end at (nearly) zero — the sparsity table of ch16.3.

use super::layers::ParamRole;
use super::network::Network;
use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};

/// A penalty on the weights.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Regularization {
    /// No penalty.
    #[default]
    None,
    /// λ · Σ |W|.
    L1(f32),
    /// λ/2 · Σ W².
    L2(f32),
}

impl Regularization {
    /// The strength λ (0 for none).
    pub fn lambda(&self) -> f32 {
        match *self {
            Regularization::None => 0.0,
            Regularization::L1(l) | Regularization::L2(l) => l,
        }
    }

    /// Checks that λ is a finite number ≥ 0.
    pub fn validate(&self) -> Result<()> {
        let l = self.lambda();
        if l.is_finite() && l >= 0.0 {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::OutOfRange,
                format!("The regularisation strength λ must be a number ≥ 0, not {l}."),
                format!("正则化强度 λ 必须是 ≥ 0 的数，而不是 {l}。"),
            ))
        }
    }

    /// The penalty the weights of `net` add to the loss.
    pub fn penalty(&self, net: &Network) -> f32 {
        if *self == Regularization::None {
            return 0.0;
        }
        let mut sum = 0.0f64;
        net.visit(|_, p| {
            if p.role == ParamRole::Weight {
                for &w in p.value {
                    sum += match self {
                        Regularization::L1(_) => w.abs() as f64,
                        _ => 0.5 * w as f64 * w as f64,
                    };
                }
            }
        });
        (self.lambda() as f64 * sum) as f32
    }

    /// Adds the penalty's gradient to every dW of `net` (after a backward pass).
    pub fn apply(&self, net: &mut Network) {
        let lambda = self.lambda();
        if *self == Regularization::None || lambda == 0.0 {
            return;
        }
        let l1 = matches!(self, Regularization::L1(_));
        net.visit_mut(|_, p| {
            if p.role == ParamRole::Weight {
                for (g, &w) in p.grad.iter_mut().zip(p.value.iter()) {
                    *g += if l1 {
                        // sign(0) = 0: a weight at exactly zero is left there.
                        lambda
                            * if w > 0.0 {
                                1.0
                            } else if w < 0.0 {
                                -1.0
                            } else {
                                0.0
                            }
                    } else {
                        lambda * w
                    };
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Activation, Init, LayerConfig, Matrix, NetworkConfig, Output};

    fn net() -> Network {
        let mut net = NetworkConfig {
            inputs: 2,
            layers: vec![LayerConfig::dense(1, Activation::Identity)],
            output: Output::Identity,
            init: Init::Zero,
            seed: 1,
            input_shape: None,
        }
        .build()
        .expect("valid");
        let d = net.dense_mut(0).expect("dense");
        d.w = Matrix::from_rows(&[[3.0], [-4.0]]);
        d.b.data = vec![10.0];
        net
    }

    #[test]
    fn penalties_and_gradients_by_hand() {
        let mut n = net();
        // W = (3, −4): L2 = 0.1/2·(9 + 16) = 1.25, L1 = 0.1·7 = 0.7; the bias is not counted.
        assert!((Regularization::L2(0.1).penalty(&n) - 1.25).abs() < 1e-6);
        assert!((Regularization::L1(0.1).penalty(&n) - 0.7).abs() < 1e-6);
        assert_eq!(Regularization::None.penalty(&n), 0.0);
        // With dW = 0 (x = 0, y = output): the added gradient alone.
        let x = Matrix::from_rows(&[[0.0, 0.0]]);
        let y = Matrix::from_rows(&[[10.0]]);
        n.forward(&x);
        n.backward(&y);
        Regularization::L2(0.1).apply(&mut n);
        assert_eq!(n.dense(0).expect("dense").grad_w().data, vec![0.3, -0.4]);
        n.backward(&y);
        Regularization::L1(0.1).apply(&mut n);
        assert_eq!(n.dense(0).expect("dense").grad_w().data, vec![0.1, -0.1]);
        assert_eq!(n.dense(0).expect("dense").grad_b().data, vec![0.0]);
        assert!(Regularization::L2(-1.0).validate().is_err());
    }

    #[test]
    fn the_l2_gradient_matches_the_penalty_by_central_differences() {
        let n = net();
        let reg = Regularization::L2(0.3);
        let h = 1e-2f32;
        let mut plus = n.clone();
        plus.dense_mut(0).expect("dense").w.data[0] += h;
        let mut minus = n.clone();
        minus.dense_mut(0).expect("dense").w.data[0] -= h;
        let numeric = (reg.penalty(&plus) - reg.penalty(&minus)) / (2.0 * h);
        // λ·w = 0.3·3 = 0.9.
        assert!((numeric - 0.9).abs() < 1e-3, "{numeric}");
    }
}
