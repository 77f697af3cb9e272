//! The book's ch18 convolutional nets as [`NetworkConfig`]s, written once: the step-8
//! lessons train them and the step-6 digit pad can run the digits one.
//!
//! ch18.4 (MNIST): conv 8@5×5 → ReLU → max-pool 2 → conv 16@5×5 → ReLU → max-pool 2
//! (16×4×4 = 256) → FC 32 → BN → ReLU → FC 10 → softmax, Xavier initialisation.

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
}
