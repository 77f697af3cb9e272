//! The ch9 set-up that step 4's `curve-fit` and step 7's cobra optimizer table share:
//! the book's sine or cobra data with a tenth held out for validation (ch9.3), a 1-n-1
//! sigmoid net and its trainer; and the data and seed settings `curve-fit` and
//! `poly-fit` share.

use super::curve_fit::MAX_EPOCHS;
use crate::dataset::{book, generate_validation_set, sizes, Dataset};
use crate::error::Result;
use crate::nn::{
    Activation, Data, Init, LayerConfig, NetworkConfig, Output, Stop, Trainer, TrainerConfig,
};
use crate::params::ParamSpec;
use crate::text::Text;

/// The `data` setting of the ch9 fits: the sine (the default) or the cobra curve.
pub fn data_spec() -> ParamSpec {
    let options = [
        ("sine", "sine", "正弦曲线"),
        ("cobra", "cobra", "眼镜蛇曲线"),
    ];
    ParamSpec::choice("data", Text::new("data", "数据"), &options, "sine")
}

/// The `seed` setting of the ch9 fits (data, shuffles and initial weights), 1 by default.
pub fn seed_spec() -> ParamSpec {
    ParamSpec::num("seed", ("seed", "种子"), [1.0, 9999.0, 1.0, 1.0])
}

/// The book's (training, test) sets of `data` (`sine`, ch8, or `cobra`, ch9), seeded.
pub fn book_data(data: &str, seed: u64) -> (Dataset, Dataset) {
    if data == "cobra" {
        book::ch09(seed)
    } else {
        book::ch08(seed)
    }
}

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
    let (all, test) = book_data(data, seed);
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
