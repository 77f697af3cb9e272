//! The ch9 set-up that step 4's `curve-fit` and step 7's cobra optimizer table share:
//! the book's sine or cobra data with a tenth held out for validation (ch9.3), a 1-n-1
//! sigmoid net and its trainer.

use super::curve_fit::MAX_EPOCHS;
use crate::dataset::{book, generate_validation_set, sizes, Dataset};
use crate::error::Result;
use crate::nn::{
    Activation, Data, Init, LayerConfig, NetworkConfig, Output, Stop, Trainer, TrainerConfig,
};

/// The ch9 set-up that `curve-fit` and step 7's cobra optimizer table share: the data
/// (`sine` or `cobra`, seeded) with a tenth held out for validation, a 1-`hidden`-1 net
/// (sigmoid units, identity output, Xavier weights) and its trainer; `config` adjusts the
/// trainer's settings (η, batch, optimizer, stop rule). Returns the trainer, the training
/// set and the clean test curve.
pub fn fit_trainer(
    data: &str,
    hidden: usize,
    seed: u64,
    config: impl FnOnce(TrainerConfig) -> TrainerConfig,
) -> Result<(Trainer, Dataset, Dataset)> {
    let (all, test) = if data == "cobra" {
        book::ch09(seed)
    } else {
        book::ch08(seed)
    };
    // ch9.3: a tenth of the training set is held out for validation.
    let (train, valid) = generate_validation_set(&all, sizes::VALIDATION_K, seed);
    let to_data = |d: &Dataset| Data::new(d.x.clone(), d.y.clone(), 1, 1);
    let layer = |units, activation| LayerConfig::Dense { units, activation };
    let net = NetworkConfig {
        input_shape: None,
        inputs: 1,
        layers: vec![
            layer(hidden, Activation::Sigmoid),
            layer(1, Activation::Identity),
        ],
        output: Output::Identity,
        init: Init::Xavier,
        seed,
    }
    .build()?;
    let config = config(TrainerConfig {
        max_epochs: MAX_EPOCHS,
        stop: Stop::Never,
        shuffle: true,
        seed,
        eval_train: true,
        ..Default::default()
    });
    let trainer = Trainer::new(net, to_data(&train)?, Some(to_data(&valid)?), config)?;
    Ok((trainer, train, test))
}
