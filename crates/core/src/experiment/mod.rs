//! A training experiment as URL state, TensorFlow-Playground style: which data, how noisy,
//! how much of it to train on, the network and the optimiser, all in one query string
//!
//! ```text
//! dataset=spiral&noise=0&train=50&batch=10&lr=0.03&act=tanh&layers=8,8&loss=tanh-mse&init=xavier&seed=1&epochs=200
//! ```
//!
//! that the trainer widget keeps in the page's URL and the CLI (`ninestep train '<query>'`)
//! accepts as it is. [`ExperimentConfig::parse`] is strict (unknown keys, repeated keys,
//! malformed or out-of-range numbers are errors naming the key); missing keys take the
//! [`Default`]s, which are TF Playground's. [`ExperimentConfig::to_query`] writes every key
//! in a fixed order, so `parse(to_query(c)) == c` and a canonical query round-trips
//! character for character.
//!
//! | key | values | default |
//! |---|---|---|
//! | `dataset` | `spiral`, `circle`, `xor`, `gauss` (500 TF-Playground points); `ch10-arcs` (the book's 400 + 100 points), `ch11-coin` (1000 + 500, three classes), `xor4` (the four XOR rows); `custom` (the learner's own points, see `points`) | `circle` |
//! | `noise` | 0–50 (%), playground sets only (the book's sets carry their own) | 0 |
//! | `train` | 10–90: percent of the points to train on, the rest is the test set (`xor4` always trains and tests on all four rows) | 50 |
//! | `batch` | 1–100 samples per update | 10 |
//! | `lr` | 0.00001–10 | 0.03 |
//! | `act` | hidden activation: `tanh`, `sigmoid`, `relu`, `linear`, `leaky-relu` (α 0.01), `elu` (α 0.8), `softplus`, `step` | `tanh` |
//! | `layers` | hidden sizes, comma-separated: 0–6 layers of 1–64 units (`layers=` is no hidden layer) | `4,2` |
//! | `loss` | `tanh-mse`: tanh output units, labels ±1, squared error (TF Playground); `cross-entropy`: logistic (two classes) or softmax (three) | `tanh-mse` |
//! | `init` | `xavier`, `msra`, `normal`, `zero` | `xavier` |
//! | `seed` | 0–2⁶⁴−1: fixes the points, the split, the weights and the shuffles | 1 |
//! | `epochs` | 1–100000 | 100 |
//! | `optimizer` | `sgd`, `momentum`, `nag`, `adagrad`, `adadelta`, `rmsprop`, `adam` (the book's constants, ch15) | `sgd` |
//! | `l1`, `l2` | λ of an L1 or L2 penalty on the weights, 0–1 (at most one of the two; ch16) | none |
//! | `dropout` | ratio 0–0.9 of a dropout layer after every hidden layer (ch16.5) | 0 |
//! | `bn` | `1`: batch norm between every hidden layer's product and its activation (ch15.5) | `0` |
//! | `points` | only with `dataset=custom` (and required there): `x1,x2,c;x1,x2,c;…`, c the class 0, 1 or 2 (three classes if any point has class 2, else two); 4–2000 points with both classes 0 and 1, coordinates between −1000 and 1000 rounded to 3 decimals; written last | — |
//!
//! The keys from `optimizer` on are written only when they differ from their defaults, so
//! the links of the first releases stay canonical.
//!
//! The inputs are the raw coordinates x₁, x₂ (as in TF Playground, no feature crosses).
//! [`ExperimentConfig::build`] turns the settings into an [`Experiment`]: the data, the
//! split, a [`Trainer`] and a per-epoch history of train/test loss and accuracy.
//!
//! The file also holds [`WorkloadRun`], the stepper of the two timing workloads (W1, W2)
//! shared by the native and the wasm benchmark so both do exactly the same work.
//!
//! `config.rs` reads and writes the query (`parse`, `validate`, `to_query`); `query.rs` holds
//! the readers of one value and the errors that name its key.

use crate::dataset::{book, parse_mnist_bin, playground, split::split, Dataset};
use crate::error::{Error, ErrorKind, Result};
use crate::nn::metrics::ConfusionMatrix;
use crate::nn::workload::{
    digits_lstm, mnist_cnn, mnist_mlp, spiral_mlp, synthetic_digits, synthetic_spiral,
};
use crate::nn::{
    Activation, Data, Init, LayerConfig, Matrix, Network, NetworkConfig, OptimizerConfig, Output,
    Regularization, Stop, Trainer, TrainerConfig,
};
use crate::rng::Rng;
use serde::Serialize;

mod build;
mod config;
pub mod points;
mod query;
mod run;
mod workload;

use query::*;
pub use run::{Evaluation, Experiment, ExperimentRecord};
pub use workload::{Workload, WorkloadRun, W1_POINTS, W2_SAMPLES};

/// Points in each TF-Playground-style set (the samples table).
pub const PLAYGROUND_POINTS: usize = crate::dataset::sizes::PLAYGROUND_POINTS;
/// Most hidden layers (the limits table, [`crate::limits`]).
pub const MAX_HIDDEN_LAYERS: usize = crate::limits::URL_MAX_HIDDEN_LAYERS;
/// Most units in a hidden layer.
pub const MAX_HIDDEN_UNITS: usize = crate::limits::URL_MAX_UNITS;
/// Most epochs of one experiment.
pub const MAX_EPOCHS: usize = crate::limits::URL_MAX_EPOCHS;
/// Largest dropout ratio a query may ask for.
pub const MAX_DROPOUT: f32 = 0.9;
/// Largest λ of an L1/L2 penalty a query may ask for.
pub const MAX_LAMBDA: f32 = 1.0;
/// α of `leaky-relu` (the book's plot).
pub const LEAKY_RELU_ALPHA: f32 = 0.01;
/// α of `elu` (the book's plot).
pub const ELU_ALPHA: f32 = 0.8;

/// The data an experiment trains on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DataChoice {
    /// Two interleaved spirals (TF Playground).
    Spiral,
    /// A disc inside a ring (TF Playground).
    Circle,
    /// Four noisy quadrants (TF Playground).
    Xor,
    /// Two Gaussian clouds (TF Playground).
    Gauss,
    /// The book's ch10 arcs (two classes).
    Ch10Arcs,
    /// The book's ch11 "copper coin" (three classes).
    Ch11Coin,
    /// The four rows of the XOR truth table.
    Xor4,
    /// The learner's own points (the `points` key).
    Custom,
}

impl DataChoice {
    /// Every choice, in the order of the page's menu.
    pub const ALL: [DataChoice; 8] = [
        DataChoice::Spiral,
        DataChoice::Circle,
        DataChoice::Xor,
        DataChoice::Gauss,
        DataChoice::Ch10Arcs,
        DataChoice::Ch11Coin,
        DataChoice::Xor4,
        DataChoice::Custom,
    ];

    /// The name in the query.
    pub fn name(self) -> &'static str {
        match self {
            DataChoice::Spiral => "spiral",
            DataChoice::Circle => "circle",
            DataChoice::Xor => "xor",
            DataChoice::Gauss => "gauss",
            DataChoice::Ch10Arcs => "ch10-arcs",
            DataChoice::Ch11Coin => "ch11-coin",
            DataChoice::Xor4 => "xor4",
            DataChoice::Custom => "custom",
        }
    }

    /// Number of classes (for `custom` it depends on the points: see
    /// [`ExperimentConfig::classes`]; 2 here).
    pub fn classes(self) -> usize {
        if self == DataChoice::Ch11Coin {
            3
        } else {
            2
        }
    }
}

/// The output units and their loss.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Head {
    /// tanh output units, ±1 labels, squared error (TF Playground).
    TanhMse,
    /// Logistic output with binary cross-entropy, or softmax with multi-class cross-entropy.
    CrossEntropy,
}

impl Head {
    /// The name in the query.
    pub fn name(self) -> &'static str {
        match self {
            Head::TanhMse => "tanh-mse",
            Head::CrossEntropy => "cross-entropy",
        }
    }
}

const ACTIVATIONS: [(&str, Activation); 8] = [
    ("tanh", Activation::Tanh),
    ("sigmoid", Activation::Sigmoid),
    ("relu", Activation::Relu),
    ("linear", Activation::Identity),
    ("leaky-relu", Activation::LeakyRelu(LEAKY_RELU_ALPHA)),
    ("elu", Activation::Elu(ELU_ALPHA)),
    ("softplus", Activation::Softplus),
    ("step", Activation::Step),
];
const HEADS: [Head; 2] = [Head::TanhMse, Head::CrossEntropy];
const INITS: [Init; 4] = [Init::Xavier, Init::Msra, Init::Normal, Init::Zero];
/// The keys of a query, in the order [`ExperimentConfig::to_query`] writes them.
pub const KEYS: [&str; 17] = [
    "dataset",
    "noise",
    "train",
    "batch",
    "lr",
    "act",
    "layers",
    "loss",
    "init",
    "seed",
    "epochs",
    "optimizer",
    "l1",
    "l2",
    "dropout",
    "bn",
    "points",
];

/// Name of an activation in the query (`None` for activations the menu does not offer,
/// such as leaky-relu with another α).
pub fn activation_name(a: Activation) -> Option<&'static str> {
    ACTIVATIONS.iter().find(|(_, b)| *b == a).map(|(n, _)| *n)
}

/// The settings of one experiment. Build one with [`ExperimentConfig::parse`] or start
/// from [`Default`]; [`ExperimentConfig::validate`] checks hand-made ones.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExperimentConfig {
    /// The data.
    pub dataset: DataChoice,
    /// Noise in percent, 0–50 (playground sets).
    pub noise: u32,
    /// Percent of the points to train on, 10–90.
    pub train_percent: u32,
    /// Samples per update, 1–100.
    pub batch: u32,
    /// Learning rate η, 0.00001–10 (serialised as written in the query: 0.03, not
    /// 0.029999999329447746).
    #[serde(serialize_with = "shortest_f32")]
    pub learning_rate: f32,
    /// Activation of every hidden layer.
    pub activation: Activation,
    /// Hidden layer sizes (0–6 layers of 1–32 units).
    pub layers: Vec<usize>,
    /// Output units and loss.
    pub head: Head,
    /// Weight initialisation.
    pub init: Init,
    /// Seed of the points, the split, the weights and the shuffles.
    pub seed: u64,
    /// Epochs to train.
    pub epochs: usize,
    /// The optimizer, with the book's constants.
    pub optimizer: OptimizerConfig,
    /// The L1/L2 penalty on the weights.
    pub regularization: Regularization,
    /// Dropout ratio after every hidden layer (0 = none).
    pub dropout: f32,
    /// Batch norm in every hidden layer.
    pub batch_norm: bool,
    /// The points of `dataset=custom` (empty for every other set), coordinates rounded to
    /// 3 decimals.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<points::Point>,
}

impl Default for ExperimentConfig {
    /// TF Playground's opening screen: circle, no noise, 50 % training data, batch 10,
    /// η 0.03, tanh, two hidden layers of 4 and 2 units.
    fn default() -> ExperimentConfig {
        ExperimentConfig {
            dataset: DataChoice::Circle,
            noise: 0,
            train_percent: 50,
            batch: 10,
            learning_rate: 0.03,
            activation: Activation::Tanh,
            layers: vec![4, 2],
            head: Head::TanhMse,
            init: Init::Xavier,
            seed: 1,
            epochs: 100,
            optimizer: OptimizerConfig::Sgd,
            regularization: Regularization::None,
            dropout: 0.0,
            batch_norm: false,
            points: Vec::new(),
        }
    }
}

impl ExperimentConfig {
    /// Number of classes: 3 for the copper coin and for custom points with a class 2,
    /// else 2.
    pub fn classes(&self) -> usize {
        match self.dataset {
            DataChoice::Custom => points::classes_of(&self.points),
            d => d.classes(),
        }
    }
}

#[cfg(test)]
mod tests;
