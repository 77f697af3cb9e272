//! Fixtures shared by the engine's integration tests (each test file takes what it needs).
#![allow(dead_code)] // not every test file uses every fixture
#![allow(clippy::unwrap_used)] // fixtures of tests

use ninestep_core::nn::*;
use ninestep_core::rng::Rng;

/// Three noisy classes in the plane, one-hot labels: class `c` = `i % 3` is centred on the
/// unit circle at the angle 2.1·c, with normal noise of standard deviation `spread`.
pub fn blobs(n: usize, seed: u64, spread: f64) -> Data {
    let mut rng = Rng::new(seed);
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for i in 0..n {
        let c = i % 3;
        let angle = c as f64 * 2.1;
        x.extend([
            (angle.cos() + spread * rng.normal()) as f32,
            (angle.sin() + spread * rng.normal()) as f32,
        ]);
        y.extend((0..3).map(|k| (k == c) as u8 as f32));
    }
    Data::new(x, y, 2, 3).unwrap()
}

/// Linear regression as a net: one identity neuron on the features of `data`, weights and
/// bias starting at 0, mean squared error, trained with `config`.
pub fn linear_trainer(data: Data, config: TrainerConfig) -> Trainer {
    let net = NetworkConfig {
        inputs: data.x.cols,
        layers: vec![LayerConfig::dense(1, Activation::Identity)],
        output: Output::Identity,
        init: Init::Zero,
        seed: 0,
        input_shape: None,
    }
    .build()
    .unwrap();
    Trainer::new(net, data, None, config).unwrap()
}
