//! The book's overfitting network of ch16 (1-16(Sigmoid)-16(Tanh)-16(Tanh)-1, 544
//! weights, Xavier), the regularisation methods the lesson compares, and the count of
//! (nearly) zero weights that ch16.3's table reports.
//!
//! The book's table counts |w| < 1e-2 and |w| < 1e-5; the code that prints the counts
//! (`__check_weights_from_fc_layer` in its `NeuralNet_4_2`) counts |w| ≤ 1e-4 as "zero",
//! so we count that as well.

use crate::error::Result;
use crate::nn::{
    Activation, Init, LayerConfig, Network, NetworkConfig, Output, ParamRole, Regularization,
};

/// Units of each hidden layer.
pub const HIDDEN: usize = 16;
/// Weights of the network: 1·16 + 16·16 + 16·16 + 16·1.
pub const WEIGHTS: usize = 544;
/// The sparsity thresholds of the book's table (|w| < 1e-2, |w| < 1e-5), and the one its
/// code counts as "zero" (|w| ≤ 1e-4).
pub const SMALL: f32 = 1e-2;
/// See [`SMALL`].
pub const TINY: f32 = 1e-5;
/// See [`SMALL`].
pub const BOOK_ZERO: f32 = 1e-4;

/// The methods the widget compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Plain training: the overfitting baseline.
    None,
    /// L2 penalty λ/2·Σw².
    L2,
    /// L1 penalty λ·Σ|w|.
    L1,
    /// Dropout after the first and the last hidden layer.
    Dropout,
    /// Early stopping on the test loss.
    EarlyStop,
}

/// The methods as (URL value, English label, Chinese label, method).
pub const METHODS: [(&str, &str, &str, Method); 5] = [
    ("none", "none (overfit)", "无（过拟合）", Method::None),
    ("l2", "L2", "L2", Method::L2),
    ("l1", "L1", "L1", Method::L1),
    ("dropout", "dropout", "丢弃法", Method::Dropout),
    ("early", "early stopping", "早停法", Method::EarlyStop),
];

impl Method {
    /// The URL value of the method.
    pub fn key(self) -> &'static str {
        METHODS.iter().find(|m| m.3 == self).map_or("none", |m| m.0)
    }

    /// The method with URL value `key` (`None` for an unknown one).
    pub fn parse(key: &str) -> Option<Method> {
        METHODS.iter().find(|m| m.0 == key).map(|m| m.3)
    }

    /// The penalty this method trains with, for strength λ (none but for L1 and L2).
    pub fn penalty(self, lambda: f32) -> Regularization {
        match self {
            Method::L2 => Regularization::L2(lambda),
            Method::L1 => Regularization::L1(lambda),
            _ => Regularization::None,
        }
    }
}

/// The book's 1-16(Sigmoid)-16(Tanh)-16(Tanh)-1 net, with dropout layers (r/2 after the
/// first hidden layer, r after the third) when `dropout` is set.
pub fn network(dropout: Option<f32>, seed: u64) -> Result<Network> {
    let mut layers = vec![LayerConfig::dense(HIDDEN, Activation::Sigmoid)];
    layers.extend(dropout.map(|r| LayerConfig::Dropout { ratio: r / 2.0 }));
    layers.push(LayerConfig::dense(HIDDEN, Activation::Tanh));
    layers.push(LayerConfig::dense(HIDDEN, Activation::Tanh));
    layers.extend(dropout.map(|r| LayerConfig::Dropout { ratio: r }));
    layers.push(LayerConfig::dense(1, Activation::Identity));
    NetworkConfig {
        inputs: 1,
        layers,
        output: Output::Identity,
        init: Init::Xavier,
        seed,
        input_shape: None,
    }
    .build()
}

/// How many weights (never biases) of `net` lie below each threshold: |w| < [`SMALL`],
/// |w| ≤ [`BOOK_ZERO`], |w| < [`TINY`].
pub fn sparsity(net: &Network) -> [usize; 3] {
    let mut c = [0; 3];
    net.visit(|_, p| {
        if p.role == ParamRole::Weight {
            for w in p.value.iter().map(|w| w.abs()) {
                c[0] += usize::from(w < SMALL);
                c[1] += usize::from(w <= BOOK_ZERO);
                c[2] += usize::from(w < TINY);
            }
        }
    });
    c
}

/// The state after one Step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Record {
    /// Epochs done.
    pub epoch: usize,
    /// J₀ on the 25 training points (inference mode, no penalty).
    pub train_loss: f64,
    /// J₀ on the 100 test points.
    pub test_loss: f64,
    /// The penalty λ/2·Σw² or λ·Σ|w| of the weights (0 without L1/L2).
    pub penalty: f64,
    /// R² on the test curve (the book's "accuracy").
    pub test_r2: f64,
    /// Weights with |w| < 1e-2, ≤ 1e-4 and < 1e-5.
    pub counts: [usize; 3],
}
