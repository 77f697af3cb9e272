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
//! | `layers` | hidden sizes, comma-separated: 0–6 layers of 1–32 units (`layers=` is no hidden layer) | `4,2` |
//! | `loss` | `tanh-mse`: tanh output units, labels ±1, squared error (TF Playground); `cross-entropy`: logistic (two classes) or softmax (three) | `tanh-mse` |
//! | `init` | `xavier`, `msra`, `normal`, `zero` | `xavier` |
//! | `seed` | 0–2⁶⁴−1: fixes the points, the split, the weights and the shuffles | 1 |
//! | `epochs` | 1–100000 | 100 |
//! | `points` | only with `dataset=custom` (and required there): `x1,x2,c;x1,x2,c;…`, c the class 0, 1 or 2 (three classes if any point has class 2, else two); 4–2000 points with both classes 0 and 1, coordinates between −1000 and 1000 rounded to 3 decimals; written last | — |
//!
//! The inputs are the raw coordinates x₁, x₂ (as in TF Playground, no feature crosses).
//! [`ExperimentConfig::build`] turns the settings into an [`Experiment`]: the data, the
//! split, a [`Trainer`] and a per-epoch history of train/test loss and accuracy.
//!
//! The file also holds [`WorkloadRun`], the stepper of the two timing workloads (W1, W2)
//! shared by the native and the wasm benchmark so both do exactly the same work.

use crate::dataset::{book, parse_mnist_bin, playground, split::split, Dataset};
use crate::error::{Error, ErrorKind, Result};
use crate::nn::metrics::ConfusionMatrix;
use crate::nn::workload::{mnist_mlp, spiral_mlp, synthetic_digits};
use crate::nn::{
    Activation, Data, Init, LayerConfig, Matrix, Network, NetworkConfig, Output, Stop, Trainer,
    TrainerConfig,
};
use crate::rng::Rng;
use serde::Serialize;

mod build;
pub mod points;
mod query;
mod run;
mod workload;

use query::*;
pub use run::{Evaluation, Experiment, ExperimentRecord};
pub use workload::{Workload, WorkloadRun, W1_POINTS, W2_SAMPLES};

/// Points in each TF-Playground-style set.
pub const PLAYGROUND_POINTS: usize = 500;
/// Most hidden layers.
pub const MAX_HIDDEN_LAYERS: usize = 6;
/// Most units in a hidden layer.
pub const MAX_HIDDEN_UNITS: usize = 32;
/// Most epochs of one experiment.
pub const MAX_EPOCHS: usize = 100_000;
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
pub const KEYS: [&str; 12] = [
    "dataset", "noise", "train", "batch", "lr", "act", "layers", "loss", "init", "seed", "epochs",
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
            points: Vec::new(),
        }
    }
}

impl ExperimentConfig {
    /// Reads `key=value&…` (a leading `?` or `#` is skipped, `%XX` escapes are decoded).
    /// Missing keys keep their defaults; anything else odd is an error naming the key.
    pub fn parse(query: &str) -> Result<ExperimentConfig> {
        let query = query.trim();
        let query = query
            .strip_prefix('?')
            .or_else(|| query.strip_prefix('#'))
            .unwrap_or(query);
        let mut c = ExperimentConfig::default();
        let mut seen: Vec<&str> = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let Some((key, raw)) = pair.split_once('=') else {
                return Err(err(
                    ErrorKind::BadState,
                    format!("“{pair}” is not a key=value setting."),
                    format!("“{pair}”不是 key=value 形式的设置。"),
                ));
            };
            let Some(&key) = KEYS.iter().find(|k| **k == key) else {
                let known = KEYS.join(", ");
                return Err(err(
                    ErrorKind::Unknown,
                    format!("Unknown setting “{key}”; known: {known}."),
                    format!("未知的设置“{key}”；可用的有：{known}。"),
                ));
            };
            if seen.contains(&key) {
                return Err(err(
                    ErrorKind::BadState,
                    format!("“{key}” is given twice."),
                    format!("“{key}”出现了两次。"),
                ));
            }
            seen.push(key);
            let value = percent_decode(key, raw)?;
            c.set(key, &value)?;
        }
        if seen.contains(&"points") && c.dataset != DataChoice::Custom {
            return Err(points_not_custom());
        }
        c.validate()?;
        Ok(c)
    }

    /// Sets one key from its query value.
    fn set(&mut self, key: &str, v: &str) -> Result<()> {
        match key {
            "dataset" => {
                self.dataset = DataChoice::ALL
                    .into_iter()
                    .find(|d| d.name() == v)
                    .ok_or_else(|| unknown_choice(key, v, names(&DataChoice::ALL, |d| d.name())))?
            }
            "noise" => self.noise = whole(key, v, 0, 50)? as u32,
            "train" => self.train_percent = whole(key, v, 10, 90)? as u32,
            "batch" => self.batch = whole(key, v, 1, 100)? as u32,
            "lr" => {
                let lr: f32 = v
                    .parse()
                    .ok()
                    .filter(|_| !v.is_empty() && !v.starts_with('+'))
                    .ok_or_else(|| not_a_number(key, v, false))?;
                if !(1e-5..=10.0).contains(&lr) {
                    return Err(out_of_range(key, v, "between 0.00001 and 10"));
                }
                self.learning_rate = lr;
            }
            "act" => {
                self.activation = ACTIVATIONS
                    .iter()
                    .find(|(n, _)| *n == v)
                    .map(|(_, a)| *a)
                    .ok_or_else(|| unknown_choice(key, v, names(&ACTIVATIONS, |a| a.0)))?
            }
            "layers" => {
                let sizes: Vec<&str> = if v.is_empty() {
                    Vec::new()
                } else {
                    v.split(',').collect()
                };
                if sizes.len() > MAX_HIDDEN_LAYERS {
                    return Err(err(
                        ErrorKind::OutOfRange,
                        format!(
                            "“layers” allows at most {MAX_HIDDEN_LAYERS} hidden layers, not {}.",
                            sizes.len()
                        ),
                        format!(
                            "“layers”最多 {MAX_HIDDEN_LAYERS} 个隐藏层，而不是 {} 个。",
                            sizes.len()
                        ),
                    ));
                }
                self.layers = sizes
                    .iter()
                    .map(|s| whole(key, s, 1, MAX_HIDDEN_UNITS as u64).map(|u| u as usize))
                    .collect::<Result<_>>()?;
            }
            "loss" => {
                self.head = HEADS
                    .into_iter()
                    .find(|h| h.name() == v)
                    .ok_or_else(|| unknown_choice(key, v, names(&HEADS, |h| h.name())))?
            }
            "init" => {
                self.init = INITS
                    .into_iter()
                    .find(|i| i.name() == v)
                    .ok_or_else(|| unknown_choice(key, v, names(&INITS, |i| i.name())))?
            }
            "seed" => self.seed = whole(key, v, 0, u64::MAX)?,
            "epochs" => self.epochs = whole(key, v, 1, MAX_EPOCHS as u64)? as usize,
            "points" => self.points = points::parse_points(v)?,
            _ => {}
        }
        Ok(())
    }

    /// Checks a hand-made config against the same ranges as [`ExperimentConfig::parse`].
    pub fn validate(&self) -> Result<()> {
        let check = |key: &str, ok: bool, value: String, range: &str| {
            if ok {
                Ok(())
            } else {
                Err(out_of_range(key, &value, range))
            }
        };
        check(
            "noise",
            self.noise <= 50,
            self.noise.to_string(),
            "between 0 and 50",
        )?;
        check(
            "train",
            (10..=90).contains(&self.train_percent),
            self.train_percent.to_string(),
            "between 10 and 90",
        )?;
        check(
            "batch",
            (1..=100).contains(&self.batch),
            self.batch.to_string(),
            "between 1 and 100",
        )?;
        check(
            "lr",
            (1e-5..=10.0).contains(&self.learning_rate),
            self.learning_rate.to_string(),
            "between 0.00001 and 10",
        )?;
        check(
            "epochs",
            (1..=MAX_EPOCHS).contains(&self.epochs),
            self.epochs.to_string(),
            "between 1 and 100000",
        )?;
        check(
            "layers",
            self.layers.len() <= MAX_HIDDEN_LAYERS
                && self
                    .layers
                    .iter()
                    .all(|u| (1..=MAX_HIDDEN_UNITS).contains(u)),
            format!("{:?}", self.layers),
            "0 to 6 sizes of 1 to 32 units",
        )?;
        match (self.dataset, self.points.is_empty()) {
            (DataChoice::Custom, _) => points::check_points(&self.points)?,
            (_, false) => return Err(points_not_custom()),
            (_, true) => {}
        }
        if activation_name(self.activation).is_none() {
            return Err(unknown_choice(
                "act",
                &format!("{:?}", self.activation),
                names(&ACTIVATIONS, |a| a.0),
            ));
        }
        Ok(())
    }

    /// Number of classes: 3 for the copper coin and for custom points with a class 2,
    /// else 2.
    pub fn classes(&self) -> usize {
        match self.dataset {
            DataChoice::Custom => points::classes_of(&self.points),
            d => d.classes(),
        }
    }

    /// Every key in the order of [`KEYS`] (`points` only for `dataset=custom`);
    /// [`ExperimentConfig::parse`] reads it back exactly.
    pub fn to_query(&self) -> String {
        let layers: Vec<String> = self.layers.iter().map(usize::to_string).collect();
        let points = if self.dataset == DataChoice::Custom {
            format!("&points={}", points::format_points(&self.points))
        } else {
            String::new()
        };
        format!(
            "dataset={}&noise={}&train={}&batch={}&lr={}&act={}&layers={}&loss={}&init={}&seed={}&epochs={}{points}",
            self.dataset.name(),
            self.noise,
            self.train_percent,
            self.batch,
            self.learning_rate,
            activation_name(self.activation).unwrap_or("tanh"),
            layers.join(","),
            self.head.name(),
            self.init.name(),
            self.seed,
            self.epochs
        )
    }
}

#[cfg(test)]
mod tests;
