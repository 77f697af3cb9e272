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

/// The lesson text `content/lessons/{slug}.{lang}.md`.
pub fn lesson(slug: &str, lang: &str) -> String {
    let path = format!(
        "{}/../../content/lessons/{slug}.{lang}.md",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Checks that the lesson text `{slug}.{lang}.md` says `phrase`.
pub fn says(slug: &str, lang: &str, phrase: &str) {
    let text = lesson(slug, lang);
    assert!(
        text.contains(phrase),
        "{slug}.{lang}.md should say “{phrase}”"
    );
}

/// The bytes of the shipped digits, `www/data/mnist-10k.bin`.
pub fn shipped_digits() -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/mnist-10k.bin");
    std::fs::read(path).expect("the shipped digits")
}
