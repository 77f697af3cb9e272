//! The training loop: determinism, divergence handling and the validation gates.

#![allow(clippy::unwrap_used)] // helpers outside #[test] fns build fixtures

use ninestep_core::nn::*;
use ninestep_core::rng::Rng;
use ninestep_core::ErrorKind;

mod common;
use ninestep_core::lesson::run::two_layer;

fn layer(units: usize, activation: Activation) -> LayerConfig {
    LayerConfig::Dense { units, activation }
}

/// Three noisy classes in the plane (noise 0.5), one-hot labels.
fn blobs(n: usize, seed: u64) -> Data {
    common::blobs(n, seed, 0.5)
}

fn classifier(seed: u64, trainer_seed: u64) -> Trainer {
    let net = NetworkConfig {
        inputs: 2,
        layers: vec![
            layer(8, Activation::Relu),
            layer(6, Activation::Tanh),
            layer(3, Activation::Identity),
        ],
        output: Output::Softmax,
        init: Init::Msra,
        seed,
        input_shape: None,
    }
    .build()
    .unwrap();
    let parts = split(&blobs(90, 3), 0.2, 0.1, Some(8)).unwrap();
    let config = TrainerConfig {
        learning_rate: 0.2,
        batch_size: 7,
        max_epochs: 40,
        seed: trainer_seed,
        ..Default::default()
    };
    Trainer::new(net, parts.train, Some(parts.validation), config).unwrap()
}

fn bits(h: &TrainingHistory) -> Vec<u32> {
    [&h.train_loss, &h.train_metric, &h.val_loss, &h.val_metric]
        .iter()
        .flat_map(|v| v.iter().map(|x| x.to_bits()))
        .collect()
}

#[test]
fn same_seeds_give_bit_identical_histories() {
    let (mut a, mut b, mut c) = (classifier(1, 2), classifier(1, 2), classifier(1, 3));
    for t in [&mut a, &mut b, &mut c] {
        assert_eq!(t.run().unwrap(), StopReason::MaxEpochs);
    }
    assert_eq!(bits(a.history()), bits(b.history()));
    assert_eq!(a.history().epochs(), 40);
    assert_eq!(a.history().val_metric.len(), 40);
    let (mut pa, mut pb) = (Vec::new(), Vec::new());
    a.network().save_params(&mut pa);
    b.network().save_params(&mut pb);
    assert_eq!(pa, pb);
    // Another shuffling seed is another history; the net still learns the blobs.
    assert_ne!(bits(a.history()), bits(c.history()));
    assert!(
        a.history().val_metric[39] > 0.7,
        "{:?}",
        a.history().val_metric
    );
    assert!(a.history().train_loss[39] < a.history().train_loss[0]);
}

#[test]
fn divergence_restores_the_last_good_epoch() {
    // Full-batch GD on a line with η = 2.5, above the stable limit 2/λ_max ≈ 1.58: the
    // error grows about 2× per epoch until the loss overflows many epochs later.
    let mut rng = Rng::new(6);
    let x: Vec<f32> = (0..50).map(|_| rng.uniform() as f32).collect();
    let y: Vec<f32> = x.iter().map(|x| 2.0 * x + 3.0).collect();
    let config = TrainerConfig {
        learning_rate: 2.5,
        batch_size: -1,
        max_epochs: 1000,
        ..Default::default()
    };
    let mut t = common::linear_trainer(Data::new(x, y, 1, 1).unwrap(), config);
    let mut good = Vec::new();
    let err = loop {
        match t.epoch() {
            Ok(_) => t.network().save_params(&mut good),
            Err(e) => break e,
        }
    };
    assert_eq!(err.kind, ErrorKind::Diverged);
    assert!(err.text.en.contains("diverged") && err.text.zh.contains("发散"));
    let good_epochs = t.history().epochs();
    assert!(good_epochs > 10, "{good_epochs}");
    let mut now = Vec::new();
    t.network().save_params(&mut now);
    assert_eq!(now, good, "weights are those after epoch {good_epochs}");
    assert!(t.network().is_finite());
    assert_eq!(t.stop_reason(), Some(StopReason::Diverged));
    assert!(
        err.text.en.contains(&format!("epoch {}", good_epochs + 1)),
        "{}",
        err.text.en
    );
    assert_eq!(t.epoch().unwrap_err(), err, "the same error again");
    assert_eq!(t.run().unwrap_err(), err);
    assert_eq!(
        t.history().epochs(),
        good_epochs,
        "nothing recorded after the divergence"
    );
}

#[test]
fn bad_settings_are_errors_not_panics() {
    // 2-4-1, sigmoid hidden, logistic output (step 5's classifier net).
    let base = two_layer(2, 4, 1, 1).unwrap().config().clone();
    let with = |f: &dyn Fn(&mut NetworkConfig)| {
        let mut c = base.clone();
        f(&mut c);
        c.build().map(|_| ()).unwrap_err()
    };
    for e in [
        with(&|c| c.layers[0] = layer(0, Activation::Sigmoid)),
        with(&|c| c.inputs = 100_000),
        with(&|c| c.layers.clear()),
        with(&|c| c.layers[1] = layer(1, Activation::Tanh)),
        with(&|c| c.output = Output::Softmax),
        with(&|c| c.layers[0] = layer(4, Activation::LeakyRelu(f32::NAN))),
        with(&|c| c.layers.insert(1, LayerConfig::dropout(1.5))),
        with(&|c| c.layers.push(LayerConfig::batch_norm())),
    ] {
        assert!(!e.text.en.is_empty() && !e.text.zh.is_empty(), "{e:?}");
    }
    let tc = TrainerConfig::default();
    for bad in [
        TrainerConfig {
            learning_rate: 0.0,
            ..tc
        },
        TrainerConfig {
            learning_rate: f32::NAN,
            ..tc
        },
        TrainerConfig {
            batch_size: 0,
            ..tc
        },
        TrainerConfig {
            batch_size: -2,
            ..tc
        },
        TrainerConfig {
            max_epochs: 0,
            ..tc
        },
        TrainerConfig {
            stop: Stop::Loss(f32::INFINITY),
            ..tc
        },
    ] {
        assert_eq!(
            bad.validate().unwrap_err().kind,
            ErrorKind::OutOfRange,
            "{bad:?}"
        );
    }
    // Points from the page: checked, never a panic.
    let mut net = base.build().unwrap();
    assert_eq!(
        net.predict_rows(&[0.5, 0.5, 1.0, 0.0]).unwrap().shape(),
        (2, 1)
    );
    assert_eq!(
        net.predict_rows(&[0.5, 0.5, 1.0]).unwrap_err().kind,
        ErrorKind::BadData
    );
    assert_eq!(
        net.predict_rows(&[0.5, f32::NAN]).unwrap_err().kind,
        ErrorKind::BadData
    );
    // Data that do not fit the network.
    let data = Data::new(vec![0.0; 9], vec![0.0; 3], 3, 1).unwrap();
    let e = Trainer::new(base.build().unwrap(), data, None, tc).unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadData);
}

#[test]
fn full_batch_and_stop_rules() {
    // batch_size −1 = one update per epoch; a loose loss target stops at once.
    let t = classifier(4, 4);
    assert_eq!(t.history().iterations, 0);
    let mut cfg = *t.config();
    cfg.batch_size = -1;
    cfg.stop = Stop::Loss(10.0);
    let parts = split(&blobs(90, 3), 0.2, 0.0, Some(8)).unwrap();
    let mut t = Trainer::new(t.into_network(), parts.train, None, cfg).unwrap();
    assert_eq!(t.run().unwrap(), StopReason::Loss);
    assert_eq!((t.history().epochs(), t.history().iterations), (1, 1));
    assert!(t.history().val_loss.is_empty());
    let (loss, acc) = t.evaluate(&parts.validation);
    assert!(loss.is_finite() && (0.0..=1.0).contains(&acc));
}
