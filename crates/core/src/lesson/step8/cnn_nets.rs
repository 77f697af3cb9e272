//! The book's ch18 convolutional nets as [`NetworkConfig`]s, written once: the step-8
//! lessons train them and the step-6 digit pad can run the digits one.
//!
//! ch18.4 (MNIST): conv 8@5×5 → ReLU → max-pool 2 → conv 16@5×5 → ReLU → max-pool 2
//! (16×4×4 = 256) → FC 32 → BN → ReLU → FC 10 → softmax, Xavier initialisation.
//!
//! ch18.1–18.3 (the generated shapes and colours of [`crate::dataset::shapes`]):
//!
//! | task | DNN (on grey 784 pixels) | CNN |
//! |---|---|---|
//! | colour (6) | 784-128-64-6 | conv 2@1×1 → ReLU → pool → conv 3@3×3 → ReLU → pool (108) → FC 32 → BN → ReLU → FC 6 |
//! | shape (5) | 784-128-64-5 | conv 8@3×3 pad 1 → ReLU → pool → conv 16@3×3 → ReLU → pool (576) → FC 32 → BN → ReLU → FC 5 |
//! | shape + colour (9) | 784-128-64-9 | the shape CNN on 3 channels, FC 9 |
//!
//! The DNNs have ReLU hidden layers and MSRA weights; the CNNs Xavier weights, as ch18.4.

use crate::dataset::shapes::{Task, PIXELS, SIDE};
use crate::nn::optim::OptimizerConfig;
use crate::nn::{Activation, Init, LayerConfig, NetworkConfig, Output, Shape};

fn conv(channels: usize, kernel: usize, padding: usize) -> LayerConfig {
    LayerConfig::Conv2d {
        channels,
        kernel,
        stride: 1,
        padding,
        bias: true,
    }
}

fn relu() -> LayerConfig {
    LayerConfig::Activation {
        activation: Activation::Relu,
    }
}

/// The ch18.4 digits CNN on 1×28×28 inputs (784 values per row, values in [0, 1]).
///
/// # Shapes
/// 1×28×28 → conv 8@5×5 → 8×24×24 → pool → 8×12×12 → conv 16@5×5 → 16×8×8 → pool →
/// 16×4×4 = 256 → 32 → 10.
pub fn digits_cnn(seed: u64) -> NetworkConfig {
    NetworkConfig {
        input_shape: Some(Shape::new(1, 28, 28)),
        inputs: 784,
        layers: vec![
            conv(8, 5, 0),
            relu(),
            LayerConfig::MaxPool { size: 2, stride: 2 },
            conv(16, 5, 0),
            relu(),
            LayerConfig::MaxPool { size: 2, stride: 2 },
            LayerConfig::Flatten,
            LayerConfig::dense(32, Activation::Identity),
            LayerConfig::batch_norm(),
            relu(),
            LayerConfig::dense(10, Activation::Identity),
        ],
        output: Output::Softmax,
        init: Init::Xavier,
        seed,
    }
}

/// The book's DNN of ch18.1–18.3 for `task`: the grey image → 128 → 64 → classes.
pub fn shapes_dnn(task: Task, seed: u64) -> NetworkConfig {
    NetworkConfig {
        input_shape: None,
        inputs: PIXELS,
        layers: vec![
            LayerConfig::dense(128, Activation::Relu),
            LayerConfig::dense(64, Activation::Relu),
            LayerConfig::dense(task.classes(), Activation::Identity),
        ],
        output: Output::Softmax,
        init: Init::Msra,
        seed,
    }
}

/// The book's CNN of ch18.1 (colour) or ch18.2/18.3 (shape, shape + colour).
///
/// # Shapes
/// colour: 3×28×28 → conv 2@1×1 → 2×28×28 → pool → 2×14×14 → conv 3@3×3 → 3×12×12 →
/// pool → 3×6×6 = 108 → 32 → 6. shape: C×28×28 → conv 8@3×3 pad 1 → 8×28×28 → pool →
/// 8×14×14 → conv 16@3×3 → 16×12×12 → pool → 16×6×6 = 576 → 32 → classes.
pub fn shapes_cnn(task: Task, seed: u64) -> NetworkConfig {
    let pool = || LayerConfig::MaxPool { size: 2, stride: 2 };
    let (first, second) = match task {
        Task::Colour => (conv(2, 1, 0), conv(3, 3, 0)),
        _ => (conv(8, 3, 1), conv(16, 3, 0)),
    };
    let ch = task.channels();
    NetworkConfig {
        input_shape: Some(Shape::new(ch, SIDE, SIDE)),
        inputs: ch * PIXELS,
        layers: vec![
            first,
            relu(),
            pool(),
            second,
            relu(),
            pool(),
            LayerConfig::Flatten,
            LayerConfig::dense(32, Activation::Identity),
            LayerConfig::batch_norm(),
            relu(),
            LayerConfig::dense(task.classes(), Activation::Identity),
        ],
        output: Output::Softmax,
        init: Init::Xavier,
        seed,
    }
}

/// How the book trains one of the ch18.1–18.3 nets, and what it reports.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BookRun {
    /// Learning rate η.
    pub eta: f64,
    /// Samples per mini-batch.
    pub batch: usize,
    /// Epochs.
    pub epochs: usize,
    /// The optimizer.
    pub optimizer: OptimizerConfig,
    /// The book's test accuracy.
    pub accuracy: f64,
}

/// The book's settings and result for `task` with the CNN (`cnn`) or the DNN.
pub fn book_run(task: Task, cnn: bool) -> BookRun {
    let momentum = OptimizerConfig::Momentum { alpha: 0.9 };
    let (eta, epochs, optimizer, accuracy) = match (task, cnn) {
        (Task::Colour, false) => (0.01, 100, OptimizerConfig::Sgd, 0.816),
        (Task::Colour, true) => (0.1, 20, OptimizerConfig::Sgd, 0.963),
        (Task::Shape, false) => (0.1, 50, OptimizerConfig::Sgd, 0.898),
        (Task::Shape, true) => (0.1, 50, OptimizerConfig::Sgd, 0.96),
        (Task::ShapeColour, false) => (0.01, 50, momentum, 0.90),
        (Task::ShapeColour, true) => (0.1, 20, OptimizerConfig::Sgd, 0.97),
    };
    BookRun {
        eta,
        batch: 16,
        epochs,
        optimizer,
        accuracy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::layers::ParamRole;

    #[test]
    fn digits_cnn_has_the_books_shapes_and_parameter_count() {
        let net = digits_cnn(1).build().unwrap();
        // conv1 8·(1·5·5) + 8 = 208; conv2 16·(8·5·5) + 16 = 3216; FC 256·32 + 32 = 8224;
        // BN γ, β: 64; FC 32·10 + 10 = 330 → 12 042 trained values.
        let mut n = 0;
        net.visit(|_, p| {
            if p.role != ParamRole::Statistic {
                n += p.value.len()
            }
        });
        assert_eq!(n, 208 + 3216 + 8224 + 64 + 330);
        assert_eq!(net.outputs(), 10);
    }

    #[test]
    fn the_shapes_nets_flatten_to_the_books_sizes() {
        // ch18.1: 3×6×6 = 108 before FC 32; ch18.2/18.3: 16×6×6 = 576.
        for (task, flat) in [
            (Task::Colour, 108),
            (Task::Shape, 576),
            (Task::ShapeColour, 576),
        ] {
            let cfg = shapes_cnn(task, 1);
            let shapes = cfg.shapes().unwrap();
            assert_eq!(shapes[6].len(), flat, "{task:?}");
            let net = cfg.build().unwrap();
            assert_eq!(net.outputs(), task.classes());
            assert_eq!(net.inputs(), task.channels() * 784);
            let dnn = shapes_dnn(task, 1).build().unwrap();
            // 784·128 + 128 + 128·64 + 64 + 64·k + k.
            let k = task.classes();
            assert_eq!(dnn.param_count(), 100_480 + 8_256 + 65 * k);
        }
        // The 1×1 convolution of ch18.1: 2 kernels of 3 weights (one per colour) + 2 biases.
        let colour = shapes_cnn(Task::Colour, 1).build().unwrap();
        let mut first = 0;
        colour.visit(|i, p| {
            if i == 0 {
                first += p.value.len()
            }
        });
        assert_eq!(first, 2 * 3 + 2);
        // The counts the lesson gives: colour CNN 8 + 57 + 3488 + 64 + 198; shape CNN
        // 80 + 1168 + 18 464 + 64 + 165; shape + colour 224 + 1168 + 18 464 + 64 + 297.
        let trained = |task| shapes_cnn(task, 1).build().unwrap().param_count();
        assert_eq!(trained(Task::Colour), 3_815);
        assert_eq!(trained(Task::Shape), 19_941);
        assert_eq!(trained(Task::ShapeColour), 20_217);
    }
}
