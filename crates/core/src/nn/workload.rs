//! The two timing workloads of `cargo xtask bench`, built exactly as a lesson would build
//! them, plus synthetic data of the right shape for when the real data are not at hand.
//!
//! * **W1, spiral MLP** (TF Playground's default): 2 → 8 tanh → 8 tanh → 1 tanh, squared
//!   error, SGD η 0.03, batch 10. One epoch = all samples forward, backward and update.
//! * **W2, MNIST MLP**: 784 → 128 ReLU → 64 ReLU → 10 softmax, cross-entropy, SGD η 0.1,
//!   batch 64, MSRA init.
//! * **W4, digits LSTM** (ch19.7 read row by row): each digit is 28 steps of 28 pixels, an
//!   LSTM of 32 units with the output at the last step, then 32 → 10 softmax,
//!   cross-entropy, SGD η 0.1, batch 64, Xavier init.
//!
//! * **W3, MNIST CNN** (the ConvNetJS MNIST demo's net, step 8): 28×28×1 → conv 5×5×8 pad 2 →
//!   ReLU → max-pool 2 → conv 5×5×16 pad 2 → ReLU → max-pool 3 → FC 10 softmax,
//!   cross-entropy, SGD η 0.05, batch 20, MSRA init.
//!
//! All skip the per-epoch evaluation pass (`eval_train: false`), so an epoch costs exactly
//! the training work. Time [`Trainer::epoch`] in a loop.
//!
//! Measured on the build machine (one core, synthetic data of the right shape):
//!
//! | | native x86-64 | wasm SIMD128 (Node 20) | wasm without SIMD | target |
//! |---|---|---|---|---|
//! | W1, 250 samples | 42 000 epochs/s | 31 000 epochs/s | 16 000 epochs/s | ≥ 20 000 |
//! | W2, 10 000 samples | 68 000 samples/s | 65 000 samples/s | 13 000 samples/s | ≥ 30 000 (SIMD) |
//!
//! W3 was measured only on a busy machine (load ≈ 13 on 2 cores): native 697, wasm SIMD128
//! 588 samples/s, with W2 at 16 242 / 10 055 in the same minutes (see the README); target
//! wasm ≥ 4 000.

use super::activation::Activation;
use super::data::Data;
use super::history::Stop;
use super::init::Init;
use super::layers::LayerConfig;
use super::loss::Output;
use super::network::NetworkConfig;
use super::shape::Shape;
use super::trainer::{Trainer, TrainerConfig};
use crate::error::Result;
use crate::rng::Rng;

fn trainer(
    net: NetworkConfig,
    data: Data,
    learning_rate: f32,
    batch_size: i64,
    seed: u64,
) -> Result<Trainer> {
    let config = TrainerConfig {
        learning_rate,
        batch_size,
        max_epochs: usize::MAX,
        stop: Stop::Never,
        shuffle: true,
        seed,
        eval_train: false,
        ..Default::default()
    };
    Trainer::new(net.build()?, data, None, config)
}

/// W1: the spiral MLP on `x` (n×2, row-major) and `y` (n×1, labels in [−1, 1]).
pub fn spiral_mlp(x: Vec<f32>, y: Vec<f32>, seed: u64) -> Result<Trainer> {
    let tanh = |units| LayerConfig::Dense {
        units,
        activation: Activation::Tanh,
    };
    let net = NetworkConfig {
        inputs: 2,
        layers: vec![tanh(8), tanh(8), tanh(1)],
        output: Output::Identity,
        init: Init::Xavier,
        seed,
        input_shape: None,
    };
    trainer(net, Data::new(x, y, 2, 1)?, 0.03, 10, seed)
}

/// W2: the MNIST MLP on `x` (n×784, values in [0, 1]) and one-hot `y` (n×10).
pub fn mnist_mlp(x: Vec<f32>, y: Vec<f32>, seed: u64) -> Result<Trainer> {
    let layer = |units, activation| LayerConfig::Dense { units, activation };
    let net = NetworkConfig {
        inputs: 784,
        layers: vec![
            layer(128, Activation::Relu),
            layer(64, Activation::Relu),
            layer(10, Activation::Identity),
        ],
        output: Output::Softmax,
        init: Init::Msra,
        seed,
        input_shape: None,
    };
    trainer(net, Data::new(x, y, 784, 10)?, 0.1, 64, seed)
}

/// W3's network: the ConvNetJS MNIST demo's CNN on 1×28×28 digits (conv 8@5×5 pad 2 →
/// ReLU → max-pool 2 → conv 16@5×5 pad 2 → ReLU → max-pool 3 → FC 10, MSRA weights).
pub fn mnist_cnn_net(seed: u64) -> NetworkConfig {
    let conv = |channels| LayerConfig::Conv2d {
        channels,
        kernel: 5,
        stride: 1,
        padding: 2,
        bias: true,
    };
    let relu = LayerConfig::act(Activation::Relu);
    NetworkConfig {
        inputs: 784,
        layers: vec![
            conv(8),
            relu,
            LayerConfig::MaxPool { size: 2, stride: 2 },
            conv(16),
            relu,
            LayerConfig::MaxPool { size: 3, stride: 3 },
            LayerConfig::Flatten,
            LayerConfig::dense(10, Activation::Identity),
        ],
        output: Output::Softmax,
        init: Init::Msra,
        seed,
        input_shape: Some(Shape::new(1, 28, 28)),
    }
}

/// W3: the ConvNetJS MNIST demo's CNN ([`mnist_cnn_net`]) on `x` (n×784, values in
/// [0, 1]) and one-hot `y` (n×10).
pub fn mnist_cnn(x: Vec<f32>, y: Vec<f32>, seed: u64) -> Result<Trainer> {
    let net = mnist_cnn_net(seed);
    trainer(net, Data::new(x, y, 784, 10)?, 0.05, 20, seed)
}

/// W4: the row-by-row digits LSTM on `x` (n×784, values in [0, 1]) and one-hot `y` (n×10).
pub fn digits_lstm(x: Vec<f32>, y: Vec<f32>, seed: u64) -> Result<Trainer> {
    let net = NetworkConfig {
        inputs: 784,
        layers: vec![
            LayerConfig::Lstm {
                units: 32,
                steps: 28,
                output: super::layers::SeqOutput::Last,
            },
            LayerConfig::Dense {
                units: 10,
                activation: Activation::Identity,
            },
        ],
        output: Output::Softmax,
        init: Init::Xavier,
        seed,
        input_shape: None,
    };
    trainer(net, Data::new(x, y, 784, 10)?, 0.1, 64, seed)
}

/// FNV-1a over the bits of every per-epoch training loss of `t`: the fingerprint the
/// golden-history tests pin (`crates/core/tests/nn_golden.rs` natively,
/// `crates/web/tests/web.rs` in wasm), equal only when every loss is bit-identical.
pub fn history_hash(t: &Trainer) -> i32 {
    let fnv = |h: u32, v: &f32| (h ^ v.to_bits()).wrapping_mul(16_777_619);
    t.history().train_loss.iter().fold(2_166_136_261u32, fnv) as i32
}

/// Two interleaved spirals of `n` points in [−1, 1]², labelled +1 and −1 (timing data for
/// W1 when the lesson's generator is not used).
pub fn synthetic_spiral(n: usize, seed: u64) -> (Vec<f32>, Vec<f32>) {
    let mut rng = Rng::new(seed);
    let (mut x, mut y) = (Vec::with_capacity(2 * n), Vec::with_capacity(n));
    for i in 0..n {
        let label = if i % 2 == 0 { 1.0 } else { -1.0 };
        let r = (i / 2) as f64 / (n / 2).max(1) as f64;
        let t = 1.75 * r * std::f64::consts::TAU
            + if label > 0.0 {
                0.0
            } else {
                std::f64::consts::PI
            };
        x.push((r * t.sin() + rng.range(-0.05, 0.05)) as f32);
        x.push((r * t.cos() + rng.range(-0.05, 0.05)) as f32);
        y.push(label);
    }
    (x, y)
}

/// `n` fake 28×28 "digits": ten fixed random templates plus noise, pixels in [0, 1],
/// one-hot labels (timing data for W2; learnable, so the loss falls).
pub fn synthetic_digits(n: usize, seed: u64) -> (Vec<f32>, Vec<f32>) {
    let mut rng = Rng::new(seed);
    let templates: Vec<f64> = (0..10 * 784)
        .map(|_| if rng.uniform() < 0.2 { 1.0 } else { 0.0 })
        .collect();
    let (mut x, mut y) = (Vec::with_capacity(784 * n), vec![0.0; 10 * n]);
    for i in 0..n {
        let class = rng.below(10) as usize;
        y[i * 10 + class] = 1.0;
        for &t in &templates[class * 784..(class + 1) * 784] {
            x.push((0.7 * t + 0.3 * rng.uniform()) as f32);
        }
    }
    (x, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_workloads_build_and_learn() {
        let (x, y) = synthetic_spiral(250, 1);
        let mut w1 = spiral_mlp(x, y, 1).unwrap();
        let first = w1.epoch().unwrap().train_loss;
        for _ in 0..200 {
            w1.epoch().unwrap();
        }
        assert!(w1.history().train_loss[200] < first);
        let (x, y) = synthetic_digits(320, 2);
        let mut w2 = mnist_mlp(x, y, 2).unwrap();
        let first = w2.epoch().unwrap().train_loss;
        let second = w2.epoch().unwrap().train_loss;
        assert!(second < first, "{first} → {second}");
        let (x, y) = synthetic_digits(200, 3);
        let mut w3 = mnist_cnn(x, y, 3).unwrap();
        let shapes: Vec<String> = w3
            .network()
            .shapes()
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            shapes,
            [
                "1×28×28",
                "8×28×28",
                "8×28×28",
                "8×14×14",
                "16×14×14",
                "16×14×14",
                "16×4×4",
                "256",
                "10"
            ]
        );
        let first = w3.epoch().unwrap().train_loss;
        let second = w3.epoch().unwrap().train_loss;
        assert!(second < 0.8 * first, "{first} → {second}");
    }
}
