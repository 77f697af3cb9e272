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
//! | `dataset` | `spiral`, `circle`, `xor`, `gauss` (500 TF-Playground points); `ch10-arcs` (the book's 400 + 100 points), `ch11-coin` (1000 + 500, three classes), `xor4` (the four XOR rows) | `circle` |
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
}

impl DataChoice {
    /// Every choice, in the order of the page's menu.
    pub const ALL: [DataChoice; 7] = [
        DataChoice::Spiral,
        DataChoice::Circle,
        DataChoice::Xor,
        DataChoice::Gauss,
        DataChoice::Ch10Arcs,
        DataChoice::Ch11Coin,
        DataChoice::Xor4,
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
        }
    }

    /// Number of classes.
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
pub const KEYS: [&str; 11] = [
    "dataset", "noise", "train", "batch", "lr", "act", "layers", "loss", "init", "seed", "epochs",
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
        }
    }
}

fn shortest_f32<S: serde::Serializer>(v: &f32, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(v.to_string().parse().unwrap_or(*v as f64))
}

fn err(kind: ErrorKind, en: String, zh: String) -> Error {
    Error::new(kind, en, zh)
}

fn names<T>(items: &[T], name: impl Fn(&T) -> &str) -> String {
    items.iter().map(name).collect::<Vec<_>>().join(", ")
}

fn unknown_choice(key: &str, value: &str, known: String) -> Error {
    err(
        ErrorKind::Unknown,
        format!("Unknown value “{value}” for “{key}”; choose one of: {known}."),
        format!("“{key}”的取值“{value}”未知；可选：{known}。"),
    )
}

fn out_of_range(key: &str, value: &str, range: &str) -> Error {
    err(
        ErrorKind::OutOfRange,
        format!("“{key}” must be {range}, not {value}."),
        format!("“{key}”必须是 {range}，而不是 {value}。"),
    )
}

fn not_a_number(key: &str, value: &str, whole: bool) -> Error {
    let (en, zh) = if whole {
        ("a whole number", "整数")
    } else {
        ("a number", "数")
    };
    err(
        ErrorKind::BadValue,
        format!("“{key}” needs {en}, not “{value}”."),
        format!("“{key}”需要一个{zh}，而不是“{value}”。"),
    )
}

/// A whole number in `lo..=hi`; leading `+`, signs and blanks are rejected.
fn whole(key: &str, value: &str, lo: u64, hi: u64) -> Result<u64> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(not_a_number(key, value, true));
    }
    let v: u64 = value
        .parse()
        .map_err(|_| out_of_range(key, value, &format!("between {lo} and {hi}")))?;
    if !(lo..=hi).contains(&v) {
        return Err(out_of_range(key, value, &format!("between {lo} and {hi}")));
    }
    Ok(v)
}

/// Decodes `%XX` escapes (a browser writes the commas of `layers` as `%2C`).
fn percent_decode(key: &str, s: &str) -> Result<String> {
    let bad = || {
        err(
            ErrorKind::BadState,
            format!("The value of “{key}” has a broken %-escape: “{s}”."),
            format!("“{key}”的值中有损坏的 % 转义：“{s}”。"),
        )
    };
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3).ok_or_else(bad)?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| bad())
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
        if activation_name(self.activation).is_none() {
            return Err(unknown_choice(
                "act",
                &format!("{:?}", self.activation),
                names(&ACTIVATIONS, |a| a.0),
            ));
        }
        Ok(())
    }

    /// Every key in the order of [`KEYS`]; [`ExperimentConfig::parse`] reads it back exactly.
    pub fn to_query(&self) -> String {
        let layers: Vec<String> = self.layers.iter().map(usize::to_string).collect();
        format!(
            "dataset={}&noise={}&train={}&batch={}&lr={}&act={}&layers={}&loss={}&init={}&seed={}&epochs={}",
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

    /// The network: the hidden layers, then one output unit per class for three classes
    /// (one for two), tanh units under `tanh-mse`, identity under logistic/softmax.
    pub fn network_config(&self) -> NetworkConfig {
        let classes = self.dataset.classes();
        let outputs = if classes > 2 { classes } else { 1 };
        let mut layers: Vec<LayerConfig> = self
            .layers
            .iter()
            .map(|&units| LayerConfig {
                units,
                activation: self.activation,
            })
            .collect();
        let (last, output) = match (self.head, outputs) {
            (Head::TanhMse, _) => (Activation::Tanh, Output::Identity),
            (Head::CrossEntropy, 1) => (Activation::Identity, Output::Logistic),
            (Head::CrossEntropy, _) => (Activation::Identity, Output::Softmax),
        };
        layers.push(LayerConfig {
            units: outputs,
            activation: last,
        });
        NetworkConfig {
            inputs: 2,
            layers,
            output,
            init: self.init,
            seed: self.seed.wrapping_add(2),
        }
    }

    /// The whole data set before the split, labels in the head's style.
    pub fn data(&self) -> Result<Dataset> {
        let pool = |(a, b): (Dataset, Dataset)| {
            let mut d = a;
            d.x.extend_from_slice(&b.x);
            d.y.extend_from_slice(&b.y);
            d.n += b.n;
            d
        };
        let shape = match self.dataset {
            DataChoice::Spiral => Some(playground::Shape::Spiral),
            DataChoice::Circle => Some(playground::Shape::Circle),
            DataChoice::Xor => Some(playground::Shape::Xor),
            DataChoice::Gauss => Some(playground::Shape::Gauss),
            _ => None,
        };
        let mut d = match (shape, self.dataset) {
            (Some(shape), _) => playground::generate(
                shape,
                PLAYGROUND_POINTS,
                self.noise as f64,
                self.seed,
                playground::Labels::ZeroOne,
            )?,
            (None, DataChoice::Ch10Arcs) => pool(book::ch10(self.seed)),
            (None, DataChoice::Ch11Coin) => pool(book::ch11(self.seed)),
            (None, _) => book::xor(),
        };
        if self.head == Head::TanhMse {
            // 0/1 (or one-hot) → −1/+1, TF Playground's labels for tanh outputs.
            d.y.iter_mut().for_each(|v| *v = 2.0 * *v - 1.0);
        }
        Ok(d)
    }

    /// Generates the data with the seed, splits it (`train` percent for training, the rest
    /// for testing), builds the network and its [`Trainer`].
    pub fn build(&self) -> Result<Experiment> {
        self.validate()?;
        let all = self.data()?;
        let (train, test) = if self.dataset == DataChoice::Xor4 {
            (all.clone(), all)
        } else {
            let test_ratio = (100 - self.train_percent) as f64 / 100.0;
            let (train, _, test) = split(&all, test_ratio, 0.0, self.seed.wrapping_add(1));
            (train, test)
        };
        let to_data = |d: Dataset| Data::new(d.x, d.y, d.features, d.outputs);
        let (train, test) = (to_data(train)?, to_data(test)?);
        let config = TrainerConfig {
            learning_rate: self.learning_rate,
            batch_size: self.batch as i64,
            max_epochs: self.epochs,
            stop: Stop::Never,
            shuffle: true,
            seed: self.seed.wrapping_add(3),
            eval_train: false,
        };
        let trainer = Trainer::new(self.network_config().build()?, train.clone(), None, config)?;
        Ok(Experiment {
            config: self.clone(),
            trainer,
            train,
            test,
            history: Vec::new(),
        })
    }
}

/// The numbers of one epoch of an [`Experiment`], measured after the epoch's updates.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ExperimentRecord {
    /// 1 for the first epoch.
    pub epoch: usize,
    /// Loss on the whole training set.
    pub train_loss: f32,
    /// Loss on the test set.
    pub test_loss: f32,
    /// Fraction of training points classified correctly.
    pub train_accuracy: f32,
    /// Fraction of test points classified correctly.
    pub test_accuracy: f32,
}

/// How well the network does on one set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    /// The loss J.
    pub loss: f32,
    /// Correct / all.
    pub accuracy: f64,
    /// Actual × predicted counts.
    pub confusion: ConfusionMatrix,
    /// Precision of class 1 (two classes) or the macro average.
    pub precision: f64,
    /// Recall, likewise.
    pub recall: f64,
    /// F1, likewise.
    pub f1: f64,
}

/// A built experiment: the trainer, both sets and the history so far.
#[derive(Clone, Debug)]
pub struct Experiment {
    /// The settings it was built from.
    pub config: ExperimentConfig,
    /// The network and its optimiser (it holds its own copy of the training set).
    pub trainer: Trainer,
    /// The training set.
    pub train: Data,
    /// The test set.
    pub test: Data,
    /// One record per epoch trained.
    pub history: Vec<ExperimentRecord>,
}

/// The class of an output or label row: argmax for several columns; for one column, the
/// sign under tanh (±1 labels) and `≥ 0.5` under logistic (0/1 labels).
fn class(row: &[f32], signed: bool) -> usize {
    match row {
        [v] => usize::from(if signed { *v >= 0.0 } else { *v >= 0.5 }),
        _ => crate::nn::metrics::class_of(row),
    }
}

fn evaluate(net: &mut Network, data: &Data, signed: bool, classes: usize) -> Evaluation {
    let loss = if data.is_empty() {
        0.0
    } else {
        net.loss(&data.x, &data.y)
    };
    let mut confusion = ConfusionMatrix::new(classes);
    let a = net.a();
    if !data.is_empty() {
        for (ar, yr) in a
            .data
            .chunks_exact(a.cols)
            .zip(data.y.data.chunks_exact(data.y.cols))
        {
            confusion.add(class(yr, signed), class(ar, signed));
        }
    }
    let (precision, recall, f1) = confusion.summary();
    Evaluation {
        loss,
        accuracy: confusion.accuracy(),
        confusion,
        precision,
        recall,
        f1,
    }
}

impl Experiment {
    /// Trains one epoch and records losses and accuracies on both sets. Errors (and
    /// records nothing) if training diverged; the trainer then holds the last good weights.
    pub fn epoch(&mut self) -> Result<ExperimentRecord> {
        let epoch = self.trainer.epoch()?.epoch;
        let train = self.evaluate_train();
        let test = self.evaluate_test();
        let record = ExperimentRecord {
            epoch,
            train_loss: train.loss,
            test_loss: test.loss,
            train_accuracy: train.accuracy as f32,
            test_accuracy: test.accuracy as f32,
        };
        self.history.push(record);
        Ok(record)
    }

    /// Trains until `config.epochs` epochs are recorded.
    pub fn run(&mut self) -> Result<()> {
        while self.history.len() < self.config.epochs {
            self.epoch()?;
        }
        Ok(())
    }

    fn evaluate_on(&mut self, test: bool) -> Evaluation {
        let signed = self.config.head == Head::TanhMse;
        let classes = self.config.dataset.classes();
        let data = if test { &self.test } else { &self.train };
        evaluate(self.trainer.network_mut(), data, signed, classes)
    }

    /// Loss, accuracy, confusion matrix, precision/recall/F1 on the training set.
    pub fn evaluate_train(&mut self) -> Evaluation {
        self.evaluate_on(false)
    }

    /// The same on the test set.
    pub fn evaluate_test(&mut self) -> Evaluation {
        self.evaluate_on(true)
    }
}

/// Which timing workload (see [`crate::nn::workload`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workload {
    /// W1, the spiral MLP; unit: one epoch of 250 points.
    SpiralMlp,
    /// W2, the MNIST MLP; unit: one sample (run in batches of 64).
    MnistMlp,
}

impl Workload {
    /// Both, in report order.
    pub const ALL: [Workload; 2] = [Workload::SpiralMlp, Workload::MnistMlp];

    /// `W1` or `W2`.
    pub fn id(self) -> &'static str {
        match self {
            Workload::SpiralMlp => "W1",
            Workload::MnistMlp => "W2",
        }
    }

    /// `spiral-mlp` or `mnist-mlp`.
    pub fn name(self) -> &'static str {
        match self {
            Workload::SpiralMlp => "spiral-mlp",
            Workload::MnistMlp => "mnist-mlp",
        }
    }

    /// The unit of its throughput.
    pub fn unit(self) -> &'static str {
        match self {
            Workload::SpiralMlp => "epochs/s",
            Workload::MnistMlp => "samples/s",
        }
    }

    /// Units per timing call that keep the clock overhead negligible (≈ 1–20 ms).
    pub fn chunk(self) -> u32 {
        match self {
            Workload::SpiralMlp => 10,
            Workload::MnistMlp => 640,
        }
    }

    /// By id or name, any case: `w1`, `spiral-mlp`, `W2`, `mnist-mlp`.
    pub fn parse(s: &str) -> Option<Workload> {
        Workload::ALL
            .into_iter()
            .find(|w| w.id().eq_ignore_ascii_case(s) || w.name().eq_ignore_ascii_case(s))
    }
}

/// Points of W1 (TF Playground's spiral at 50 % training data).
pub const W1_POINTS: usize = 250;
/// Samples of W2.
pub const W2_SAMPLES: usize = 10_000;

/// A timing workload ready to run, identical natively and in wasm. The caller owns the
/// clock: it calls [`WorkloadRun::run`] and divides [`WorkloadRun::done`] by the time.
#[derive(Clone, Debug)]
pub struct WorkloadRun {
    workload: Workload,
    trainer: Trainer,
    /// W2's samples (W1's live in the trainer).
    data: Data,
    order: Vec<usize>,
    cursor: usize,
    rng: Rng,
    bx: Matrix,
    by: Matrix,
    done: u64,
    source: &'static str,
}

impl WorkloadRun {
    /// W1: `nn::workload::spiral_mlp` on 250 TF-Playground spiral points (noise 0,
    /// labels ±1) generated with `seed`.
    pub fn spiral(seed: u64) -> Result<WorkloadRun> {
        let d = playground::generate(
            playground::Shape::Spiral,
            W1_POINTS,
            0.0,
            seed,
            playground::Labels::PlusMinusOne,
        )?;
        Ok(WorkloadRun {
            workload: Workload::SpiralMlp,
            trainer: spiral_mlp(d.x, d.y, seed)?,
            data: Data::default(),
            order: Vec::new(),
            cursor: 0,
            rng: Rng::new(seed),
            bx: Matrix::default(),
            by: Matrix::default(),
            done: 0,
            source: "playground spiral, 250 points",
        })
    }

    /// W2: the `nn::workload::mnist_mlp` network on the digits of a `mnist-10k.bin` file,
    /// or, with `None`, on 10,000 synthetic digits (`nn::workload::synthetic_digits`).
    pub fn mnist(bytes: Option<&[u8]>, seed: u64) -> Result<WorkloadRun> {
        let (x, y, source) = match bytes {
            Some(b) => {
                let d = parse_mnist_bin(b)?;
                if d.features != 784 {
                    return Err(err(
                        ErrorKind::BadData,
                        format!("W2 needs 28×28 digits, the file has {} pixels.", d.features),
                        format!(
                            "W2 需要 28×28 的数字图像，而文件中每幅有 {} 个像素。",
                            d.features
                        ),
                    ));
                }
                (d.x, d.y, "mnist-10k.bin")
            }
            None => {
                let (x, y) = synthetic_digits(W2_SAMPLES, seed);
                (x, y, "synthetic digits")
            }
        };
        let data = Data::new(x, y, 784, 10)?;
        // The network exactly as `mnist_mlp` builds it (its trainer holds one sample; the
        // batches come from `data` below, as `Trainer::epoch` would cut them).
        let one = data.subset(&[0]);
        let trainer = mnist_mlp(one.x.data, one.y.data, seed)?;
        Ok(WorkloadRun {
            workload: Workload::MnistMlp,
            trainer,
            order: (0..data.len()).collect(),
            cursor: data.len(),
            data,
            rng: Rng::new(seed),
            bx: Matrix::default(),
            by: Matrix::default(),
            done: 0,
            source,
        })
    }

    /// Which workload.
    pub fn workload(&self) -> Workload {
        self.workload
    }

    /// Where the data came from.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Units done so far (epochs for W1, samples for W2).
    pub fn done(&self) -> u64 {
        self.done
    }

    /// Runs `units` epochs (W1) or at least `units` samples in whole batches of 64,
    /// reshuffling at the end of each pass (W2). Returns the last loss, so nothing can be
    /// optimised away; errors if training diverged.
    pub fn run(&mut self, units: u32) -> Result<f32> {
        let mut loss = 0.0;
        match self.workload {
            Workload::SpiralMlp => {
                for _ in 0..units {
                    loss = self.trainer.epoch()?.train_loss;
                    self.done += 1;
                }
            }
            Workload::MnistMlp => {
                let (lr, bs) = (
                    self.trainer.config().learning_rate,
                    self.trainer.config().batch_size.max(1) as usize,
                );
                let target = self.done + units as u64;
                while self.done < target {
                    if self.cursor >= self.order.len() {
                        self.rng.shuffle(&mut self.order);
                        self.cursor = 0;
                    }
                    let end = (self.cursor + bs).min(self.order.len());
                    let rows = &self.order[self.cursor..end];
                    for (buf, src) in [(&mut self.bx, &self.data.x), (&mut self.by, &self.data.y)] {
                        buf.resize(rows.len(), src.cols);
                        for (dst, &i) in buf.data.chunks_exact_mut(src.cols).zip(rows) {
                            dst.copy_from_slice(src.row(i));
                        }
                    }
                    loss = self
                        .trainer
                        .network_mut()
                        .train_batch(&self.bx, &self.by, lr);
                    if !loss.is_finite() {
                        return Err(err(
                            ErrorKind::Diverged,
                            "W2 diverged (the loss is not a finite number).".into(),
                            "W2 发散了（损失不是有限数）。".into(),
                        ));
                    }
                    self.done += rows.len() as u64;
                    self.cursor = end;
                }
            }
        }
        Ok(loss)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPIRAL: &str = "dataset=spiral&noise=0&train=50&batch=10&lr=0.03&act=tanh&layers=8,8&loss=tanh-mse&init=xavier&seed=1&epochs=200";

    #[test]
    fn defaults_and_round_trip() {
        let c = ExperimentConfig::parse("").unwrap();
        assert_eq!(c, ExperimentConfig::default());
        assert_eq!(ExperimentConfig::parse(&c.to_query()).unwrap(), c);
        let c = ExperimentConfig::parse(SPIRAL).unwrap();
        assert_eq!(c.to_query(), SPIRAL);
        assert_eq!((c.layers.clone(), c.learning_rate), (vec![8, 8], 0.03));
        // Partial, escaped and odd-but-valid queries come back canonical and re-parse equal.
        for q in [
            "?dataset=ch11-coin&layers=&loss=cross-entropy",
            "#layers=8%2C8&act=leaky-relu&lr=1e-5",
            "dataset=xor4&lr=10&init=msra&seed=18446744073709551615&epochs=100000",
            "act=elu&layers=32,32,32,32,32,32&batch=100&train=90&noise=50",
        ] {
            let c = ExperimentConfig::parse(q).unwrap();
            let again = ExperimentConfig::parse(&c.to_query()).unwrap();
            assert_eq!(again, c, "{q}");
            assert_eq!(again.to_query(), c.to_query());
        }
        for (name, _) in ACTIVATIONS {
            let c = ExperimentConfig::parse(&format!("act={name}")).unwrap();
            assert_eq!(activation_name(c.activation), Some(name));
        }
        for d in DataChoice::ALL {
            let c = ExperimentConfig::parse(&format!("dataset={}", d.name())).unwrap();
            assert_eq!(c.dataset, d);
        }
    }

    #[test]
    fn malformed_queries_are_errors_naming_the_key() {
        for (q, kind, key) in [
            ("noise=abc", ErrorKind::BadValue, "noise"),
            ("noise=-5", ErrorKind::BadValue, "noise"),
            ("noise=51", ErrorKind::OutOfRange, "noise"),
            ("noise=2.5", ErrorKind::BadValue, "noise"),
            ("train=5", ErrorKind::OutOfRange, "train"),
            ("train=95", ErrorKind::OutOfRange, "train"),
            ("batch=0", ErrorKind::OutOfRange, "batch"),
            ("batch=101", ErrorKind::OutOfRange, "batch"),
            ("batch=", ErrorKind::BadValue, "batch"),
            ("lr=fast", ErrorKind::BadValue, "lr"),
            ("lr=0", ErrorKind::OutOfRange, "lr"),
            ("lr=11", ErrorKind::OutOfRange, "lr"),
            ("lr=NaN", ErrorKind::OutOfRange, "lr"),
            ("lr=inf", ErrorKind::OutOfRange, "lr"),
            ("lr=-0.1", ErrorKind::OutOfRange, "lr"),
            ("act=swish", ErrorKind::Unknown, "act"),
            ("layers=8,8,8,8,8,8,8", ErrorKind::OutOfRange, "layers"),
            ("layers=8,0", ErrorKind::OutOfRange, "layers"),
            ("layers=33", ErrorKind::OutOfRange, "layers"),
            ("layers=8,,8", ErrorKind::BadValue, "layers"),
            ("layers=8;8", ErrorKind::BadValue, "layers"),
            ("loss=hinge", ErrorKind::Unknown, "loss"),
            ("init=he", ErrorKind::Unknown, "init"),
            ("seed=-1", ErrorKind::BadValue, "seed"),
            ("seed=18446744073709551616", ErrorKind::OutOfRange, "seed"),
            ("epochs=0", ErrorKind::OutOfRange, "epochs"),
            ("epochs=100001", ErrorKind::OutOfRange, "epochs"),
            ("dataset=moons", ErrorKind::Unknown, "dataset"),
            ("dataset=Spiral", ErrorKind::Unknown, "dataset"),
            ("colour=red", ErrorKind::Unknown, "colour"),
            ("dataset", ErrorKind::BadState, "dataset"),
            ("seed=1&seed=2", ErrorKind::BadState, "seed"),
            ("layers=8%2", ErrorKind::BadState, "layers"),
        ] {
            let e = ExperimentConfig::parse(q).unwrap_err();
            assert_eq!(e.kind, kind, "{q}: {}", e.text.en);
            assert!(
                e.text.en.contains(key) && e.text.zh.contains(key),
                "{q}: {:?}",
                e.text
            );
        }
        let bad = ExperimentConfig {
            layers: vec![8; 7],
            ..ExperimentConfig::default()
        };
        assert!(bad.build().is_err());
    }

    #[test]
    fn builds_every_dataset_and_head() {
        for d in DataChoice::ALL {
            for head in HEADS {
                let c = ExperimentConfig {
                    dataset: d,
                    head,
                    epochs: 2,
                    ..ExperimentConfig::default()
                };
                let mut e = c.build().unwrap();
                e.run().unwrap();
                let total = match d {
                    DataChoice::Ch10Arcs => 500,
                    DataChoice::Ch11Coin => 1500,
                    DataChoice::Xor4 => 4,
                    _ => PLAYGROUND_POINTS,
                };
                if d == DataChoice::Xor4 {
                    assert_eq!((e.train.len(), e.test.len()), (4, 4));
                } else {
                    assert_eq!(e.train.len() + e.test.len(), total, "{d:?}");
                    assert_eq!(e.train.len(), total / 2);
                }
                let ev = e.evaluate_test();
                assert_eq!(ev.confusion.total(), e.test.len());
                assert_eq!(ev.confusion.classes, d.classes());
                assert_eq!(e.history.len(), 2);
                let signed = e.train.y.data.iter().any(|&v| v < 0.0);
                assert_eq!(signed, head == Head::TanhMse, "{d:?} {head:?}");
            }
        }
    }

    #[test]
    fn same_query_gives_bit_identical_history() {
        let q = "dataset=ch11-coin&layers=6,6&act=relu&loss=cross-entropy&init=msra&lr=0.1&seed=7&epochs=15";
        let run = || {
            let mut e = ExperimentConfig::parse(q).unwrap().build().unwrap();
            e.run().unwrap();
            e.history
                .iter()
                .flat_map(|r| {
                    [r.train_loss, r.test_loss, r.train_accuracy, r.test_accuracy].map(f32::to_bits)
                })
                .collect::<Vec<u32>>()
        };
        let first = run();
        assert_eq!(first.len(), 15 * 4);
        assert_eq!(first, run());
        let other = ExperimentConfig::parse(&q.replace("seed=7", "seed=8")).unwrap();
        let mut e = other.build().unwrap();
        e.run().unwrap();
        assert_ne!(e.history[0].train_loss.to_bits(), first[0]);
    }

    #[test]
    fn spiral_2_8_8_1_tanh_learns() {
        // TF Playground's spiral (500 points, noise 0, 50 % training data) with 8,8 tanh
        // units and only x1, x2 as inputs is a hard problem for plain SGD. Measured with
        // `ninestep train 'dataset=spiral&layers=8,8&lr=0.1&epochs=1000&seed=S'`: for
        // seed 3 the test accuracy is 0.924 at epoch 400, 0.944 at 500 and stays
        // 0.944–0.960 up to epoch 1000; seeds 1, 2 and 5 also pass 0.9 by epoch 500–850
        // (less steadily), seed 4 stalls near 0.74. At TF Playground's η 0.03, seed 1
        // reaches 0.884 after 1000 epochs. Hence seed 3, η 0.1, 600 epochs (0.956).
        let q =
            "dataset=spiral&noise=0&train=50&batch=10&lr=0.1&act=tanh&layers=8,8&seed=3&epochs=600";
        let mut e = ExperimentConfig::parse(q).unwrap().build().unwrap();
        assert_eq!(
            e.trainer.network().param_count(),
            2 * 8 + 8 + 8 * 8 + 8 + 8 + 1
        );
        e.run().unwrap();
        let last = e.history[e.history.len() - 1];
        assert!(last.test_accuracy > 0.9, "{last:?}");
        assert!(last.train_loss < e.history[0].train_loss / 4.0, "{last:?}");
    }

    #[test]
    fn workloads_run_and_count_units() {
        let mut w1 = WorkloadRun::spiral(1).unwrap();
        let l = w1.run(3).unwrap();
        assert!(l.is_finite() && w1.done() == 3);
        let mut w2 = WorkloadRun::mnist(None, 1).unwrap();
        w2.run(100).unwrap();
        assert_eq!(w2.done(), 128, "whole batches of 64");
        assert_eq!(w2.source(), "synthetic digits");
        assert_eq!(Workload::parse("w2"), Some(Workload::MnistMlp));
        assert_eq!(Workload::parse("spiral-mlp"), Some(Workload::SpiralMlp));
        assert!(WorkloadRun::mnist(Some(b"not mnist"), 1).is_err());
    }
}
