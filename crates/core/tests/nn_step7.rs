//! The step-7 parts of the engine working together in whole networks: a deep net with
//! batch norm and dropout gradient-checked through `Network::backward`, optimizers and
//! regularisers inside the `Trainer`, early stopping that puts back the best weights, and
//! the learning-rate finder.

#![allow(clippy::unwrap_used)] // helpers outside #[test] fns build fixtures

use ninestep_core::nn::*;

mod common;
use common::blobs;

/// [`plain`] made deep: batch norm, dropout and two more layers.
fn deep(seed: u64) -> NetworkConfig {
    NetworkConfig {
        layers: vec![
            LayerConfig::dense(6, Activation::Identity),
            LayerConfig::batch_norm(),
            LayerConfig::act(Activation::Tanh),
            LayerConfig::dropout(0.3),
            LayerConfig::dense(5, Activation::Sigmoid),
            LayerConfig::dense(3, Activation::Identity),
        ],
        ..plain(seed)
    }
}

#[test]
fn a_deep_net_with_batch_norm_and_dropout_passes_the_gradient_check() {
    // J = softmax cross-entropy of a training-mode forward pass; each nudged copy is a clone
    // of the untouched network, so it draws the same dropout mask and uses the same batch
    // statistics. h = 1e-2 in f32 (see nn::gradcheck for the error budget).
    let net = deep(4).build().unwrap();
    let data = blobs(12, 1, 0.6);
    let report = gradcheck::check_network(&net, &data.x, &data.y);
    // 6·2 + 6 + 6 + 6 + 6·5 + 5 + 5·3 + 3 = 83 trainable values, all within 2e-3.
    assert_eq!(report.checked, 83);
    assert!(report.max_error < 2e-3, "worst relative error {report:?}");
}

fn trainer(config: TrainerConfig, net: NetworkConfig) -> Trainer {
    let train = blobs(150, 3, 0.45);
    let valid = blobs(60, 9, 0.45);
    Trainer::new(net.build().unwrap(), train, Some(valid), config).unwrap()
}

/// Two inputs, one tanh layer of 8, three classes by softmax, Xavier weights.
fn plain(seed: u64) -> NetworkConfig {
    NetworkConfig {
        inputs: 2,
        layers: vec![
            LayerConfig::dense(8, Activation::Tanh),
            LayerConfig::dense(3, Activation::Identity),
        ],
        output: Output::Softmax,
        init: Init::Xavier,
        seed,
        input_shape: None,
    }
}

#[test]
fn every_optimizer_trains_and_adam_beats_sgd_at_a_small_rate() {
    let run = |optimizer: OptimizerConfig, lr: f32| {
        let config = TrainerConfig {
            learning_rate: lr,
            batch_size: 10,
            max_epochs: 30,
            optimizer,
            ..Default::default()
        };
        let mut t = trainer(config, plain(2));
        let first = t.epoch().unwrap().train_loss;
        t.run().unwrap();
        (first, *t.history().train_loss.last().unwrap())
    };
    for o in OptimizerConfig::ALL {
        let (first, last) = run(o, 0.01);
        assert!(last < first, "{}: {first} → {last}", o.name());
    }
    // At η = 0.01 plain SGD crawls; Adam's per-weight steps of about η each do not.
    let (_, sgd) = run(OptimizerConfig::Sgd, 0.01);
    let (_, adam) = run(OptimizerConfig::ALL[6], 0.01);
    assert!(adam < 0.7 * sgd, "adam {adam} vs sgd {sgd}");
}

#[test]
fn regularisers_shrink_the_weights_and_report_their_penalty() {
    let run = |regularization: Regularization| {
        let config = TrainerConfig {
            learning_rate: 0.3,
            max_epochs: 60,
            regularization,
            ..Default::default()
        };
        let mut t = trainer(config, plain(5));
        t.run().unwrap();
        let mut sq = 0.0f64;
        let mut abs = 0.0f64;
        t.network().visit(|_, p| {
            if p.role == ParamRole::Weight {
                sq += p.value.iter().map(|&w| (w as f64).powi(2)).sum::<f64>();
                abs += p.value.iter().map(|&w| (w as f64).abs()).sum::<f64>();
            }
        });
        (t, sq, abs)
    };
    let (none, sq0, abs0) = run(Regularization::None);
    let (l2, sq2, _) = run(Regularization::L2(0.01));
    let (_, _, abs1) = run(Regularization::L1(0.01));
    assert!(sq2 < 0.8 * sq0, "L2: Σw² {sq2} vs {sq0}");
    assert!(abs1 < 0.8 * abs0, "L1: Σ|w| {abs1} vs {abs0}");
    assert!(none.history().penalty.is_empty());
    // The recorded penalty is λ/2·Σw² of the final weights.
    let p = *l2.history().penalty.last().unwrap() as f64;
    assert!(
        (p - 0.005 * sq2).abs() < 1e-4 * (1.0 + p),
        "{p} vs {}",
        0.005 * sq2
    );
}

#[test]
fn early_stopping_restores_the_best_weights() {
    // A wide net trained long on few noisy points overfits: the validation loss turns up.
    let train = blobs(24, 3, 0.9);
    let valid = blobs(90, 9, 0.9);
    let net = NetworkConfig {
        layers: vec![
            LayerConfig::dense(40, Activation::Tanh),
            LayerConfig::dense(40, Activation::Tanh),
            LayerConfig::dense(3, Activation::Identity),
        ],
        ..plain(7)
    };
    let config = TrainerConfig {
        learning_rate: 0.3,
        batch_size: 4,
        max_epochs: 2000,
        patience: Some(10),
        ..Default::default()
    };
    let mut t = Trainer::new(net.build().unwrap(), train, Some(valid.clone()), config).unwrap();
    assert_eq!(t.run().unwrap(), StopReason::EarlyStop);
    let h = t.history();
    let best = h.val_loss.iter().copied().fold(f32::INFINITY, f32::min);
    let epoch = t.best_epoch().unwrap();
    assert_eq!(h.val_loss[epoch - 1], best);
    assert_eq!(h.epochs(), epoch + 10, "stops 10 epochs after the best");
    // The network now holds the best epoch's weights: its validation loss is that epoch's.
    let (loss, _) = t.evaluate(&valid);
    assert_eq!(loss.to_bits(), best.to_bits());
}

#[test]
fn the_rate_finder_sees_the_loss_fall_then_blow_up() {
    let net = plain(3).build().unwrap();
    let data = blobs(300, 1, 0.45);
    let config = lr_finder::FinderConfig {
        start: 1e-4,
        end: 100.0,
        values: 31,
        per_value: 10,
        batch_size: 10,
        seed: 1,
    };
    let points = lr_finder::sweep(&net, &data, config).unwrap();
    let first = points[0].loss;
    let (best_k, best) = points
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.loss.total_cmp(&b.1.loss))
        .map(|(k, p)| (k, p.loss))
        .unwrap();
    assert!(best < 0.5 * first, "the loss falls: {first} → {best}");
    let lr_best = points[best_k].lr;
    assert!((0.01..=10.0).contains(&lr_best), "best rate {lr_best}");
    // It stops early once the loss is four times the best (or not finite).
    let last = points.last().unwrap().loss;
    assert!(!last.is_finite() || last > 4.0 * best || points.len() == 31);
    assert!(
        points.len() < 31,
        "the sweep should blow up before 100: {points:?}"
    );
}
