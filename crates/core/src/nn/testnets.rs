//! Small networks that tests in more than one place build (the model-file tests and their
//! fuzzer): one definition, so a fixture is written and changed once. Not part of the
//! course, hidden from the docs.

use super::{Activation, Init, LayerConfig, NetworkConfig, Output};

/// `inputs` → dense(`hidden`) → batch norm → `activation` → dropout(`ratio`) →
/// dense(`classes`) → softmax, Xavier weights drawn from `seed`: one layer of each kind a
/// model file holds.
pub fn bn_dropout(
    inputs: usize,
    hidden: usize,
    activation: Activation,
    ratio: f32,
    classes: usize,
    seed: u64,
) -> NetworkConfig {
    NetworkConfig {
        input_shape: None,
        inputs,
        layers: vec![
            LayerConfig::dense(hidden, Activation::Identity),
            LayerConfig::batch_norm(),
            LayerConfig::act(activation),
            LayerConfig::dropout(ratio),
            LayerConfig::dense(classes, Activation::Identity),
        ],
        output: Output::Softmax,
        init: Init::Xavier,
        seed,
    }
}
