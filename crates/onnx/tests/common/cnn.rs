//! The convolutional nets (step 8) the CNN tests export: W3, a small stride-2/padding-1
//! net without bias and with average pooling, and the book's ch18.4 digits CNN.

use super::{fit, inputs};
use ninestep_core::lesson::step8::cnn_nets::digits_cnn;
use ninestep_core::nn::shape::Shape;
use ninestep_core::nn::workload::mnist_cnn;
use ninestep_core::nn::{Activation, Data, Init, LayerConfig, NetworkConfig, Output};
use ninestep_core::rng::Rng;
use ninestep_onnx::Model;

/// `rows` one-hot labels of `classes`, seeded.
pub fn labels(seed: u64, rows: usize, classes: usize) -> Vec<f32> {
    let mut rng = Rng::new(seed);
    (0..rows)
        .flat_map(|_| {
            let c = (rng.range(0.0, classes as f64) as usize).min(classes - 1);
            (0..classes).map(move |k| f32::from(k == c))
        })
        .collect()
}

/// W3 (the ConvNetJS MNIST net) trained two batches of 20 on random images.
fn w3() -> Model {
    let x: Vec<f32> = inputs(21, 40, 784)
        .iter()
        .map(|v| (v + 2.0) / 4.0)
        .collect();
    let mut t = mnist_cnn(x, labels(22, 40, 10), 7).expect("W3");
    t.epoch().expect("trains");
    Model::new(t.network().clone())
}

/// 2×7×7 → conv 3×3×3 stride 2 padding 1 without bias → ReLU → avg-pool 2 → dense 4
/// (implicit flatten) → softmax, trained 3 epochs.
fn small() -> Model {
    let shape = Shape::new(2, 7, 7);
    let n = shape.len();
    let net = NetworkConfig {
        inputs: n,
        layers: vec![
            LayerConfig::Conv2d {
                channels: 3,
                kernel: 3,
                stride: 2,
                padding: 1,
                bias: false,
            },
            LayerConfig::Activation {
                activation: Activation::Relu,
            },
            LayerConfig::AvgPool { size: 2, stride: 1 },
            LayerConfig::dense(4, Activation::Identity),
        ],
        output: Output::Softmax,
        init: Init::Xavier,
        seed: 9,
        input_shape: Some(shape),
    }
    .build()
    .expect("net");
    let data = Data::new(inputs(31, 48, n), labels(32, 48, 4), n, 4).expect("data");
    fit(net, data, 8, 3)
}

/// The book's ch18.4 digits CNN (batch norm after its first dense layer) trained one epoch
/// of batches of 10 on 40 random images, so the running statistics are not 0 and 1.
fn digits() -> Model {
    let x: Vec<f32> = inputs(41, 40, 784)
        .iter()
        .map(|v| (v + 2.0) / 4.0)
        .collect();
    let net = digits_cnn(5).build().expect("net");
    let data = Data::new(x, labels(42, 40, 10), 784, 10).expect("data");
    fit(net, data, 10, 1)
}

pub fn cnn_nets() -> Vec<(&'static str, Model)> {
    vec![
        ("w3-mnist-cnn", w3()),
        ("conv-s2-p1-nobias-avgpool", small()),
        ("ch18.4-digits-cnn-bn", digits()),
    ]
}
