use super::*;

const SPIRAL: &str = "dataset=spiral&noise=0&train=50&batch=10&lr=0.03&act=tanh&layers=8,8&loss=tanh-mse&init=xavier&seed=1&epochs=200";

#[test]
fn defaults_and_round_trip() {
    let c = ExperimentConfig::parse("").unwrap();
    assert_eq!(c, ExperimentConfig::default());
    assert_eq!(ExperimentConfig::parse(&c.to_query()).unwrap(), c);
    let c = ExperimentConfig::parse(SPIRAL).unwrap();
    assert_eq!(c.to_query(), SPIRAL);
    assert_eq!((c.layers.clone(), c.learning_rate), (vec![8, 8], 0.03));
    // Partial, escaped and odd-but-valid queries come back canonical and re-parse equal.
    for q in [
        "?dataset=ch11-coin&layers=&loss=cross-entropy",
        "#layers=8%2C8&act=leaky-relu&lr=1e-5",
        "dataset=xor4&lr=10&init=msra&seed=18446744073709551615&epochs=100000",
        "act=elu&layers=32,32,32,32,32,32&batch=100&train=90&noise=50",
    ] {
        let c = ExperimentConfig::parse(q).unwrap();
        let again = ExperimentConfig::parse(&c.to_query()).unwrap();
        assert_eq!(again, c, "{q}");
        assert_eq!(again.to_query(), c.to_query());
    }
    for (name, _) in ACTIVATIONS {
        let c = ExperimentConfig::parse(&format!("act={name}")).unwrap();
        assert_eq!(activation_name(c.activation), Some(name));
    }
    for d in DataChoice::ALL {
        // The custom set needs its points (see points_tests.rs).
        let points = if d == DataChoice::Custom {
            "&points=1,1,1;2,2,0;3,3,1;4,4,0"
        } else {
            ""
        };
        let c = ExperimentConfig::parse(&format!("dataset={}{points}", d.name())).unwrap();
        assert_eq!(c.dataset, d);
    }
}

#[test]
fn malformed_queries_are_errors_naming_the_key() {
    for (q, kind, key) in [
        ("noise=abc", ErrorKind::BadValue, "noise"),
        ("noise=-5", ErrorKind::BadValue, "noise"),
        ("noise=51", ErrorKind::OutOfRange, "noise"),
        ("noise=2.5", ErrorKind::BadValue, "noise"),
        ("train=5", ErrorKind::OutOfRange, "train"),
        ("train=95", ErrorKind::OutOfRange, "train"),
        ("batch=0", ErrorKind::OutOfRange, "batch"),
        ("batch=101", ErrorKind::OutOfRange, "batch"),
        ("batch=", ErrorKind::BadValue, "batch"),
        ("lr=fast", ErrorKind::BadValue, "lr"),
        ("lr=0", ErrorKind::OutOfRange, "lr"),
        ("lr=11", ErrorKind::OutOfRange, "lr"),
        ("lr=NaN", ErrorKind::OutOfRange, "lr"),
        ("lr=inf", ErrorKind::OutOfRange, "lr"),
        ("lr=-0.1", ErrorKind::OutOfRange, "lr"),
        ("act=swish", ErrorKind::Unknown, "act"),
        ("layers=8,8,8,8,8,8,8", ErrorKind::OutOfRange, "layers"),
        ("layers=8,0", ErrorKind::OutOfRange, "layers"),
        ("layers=65", ErrorKind::OutOfRange, "layers"),
        ("optimizer=lbfgs", ErrorKind::Unknown, "optimizer"),
        ("l2=-0.1", ErrorKind::BadValue, "l2"),
        ("l2=2", ErrorKind::OutOfRange, "l2"),
        ("l1=1e-3", ErrorKind::BadValue, "l1"),
        ("l1=0.1&l2=0.1", ErrorKind::BadState, "l2"),
        ("dropout=0.95", ErrorKind::OutOfRange, "dropout"),
        ("dropout=NaN", ErrorKind::BadValue, "dropout"),
        ("bn=2", ErrorKind::OutOfRange, "bn"),
        ("bn=yes", ErrorKind::BadValue, "bn"),
        ("layers=8,,8", ErrorKind::BadValue, "layers"),
        ("layers=8;8", ErrorKind::BadValue, "layers"),
        ("loss=hinge", ErrorKind::Unknown, "loss"),
        ("init=he", ErrorKind::Unknown, "init"),
        ("seed=-1", ErrorKind::BadValue, "seed"),
        ("seed=18446744073709551616", ErrorKind::OutOfRange, "seed"),
        ("epochs=0", ErrorKind::OutOfRange, "epochs"),
        ("epochs=100001", ErrorKind::OutOfRange, "epochs"),
        ("dataset=moons", ErrorKind::Unknown, "dataset"),
        ("dataset=Spiral", ErrorKind::Unknown, "dataset"),
        ("colour=red", ErrorKind::Unknown, "colour"),
        ("dataset", ErrorKind::BadState, "dataset"),
        ("seed=1&seed=2", ErrorKind::BadState, "seed"),
        ("layers=8%2", ErrorKind::BadState, "layers"),
    ] {
        let e = ExperimentConfig::parse(q).unwrap_err();
        assert_eq!(e.kind, kind, "{q}: {}", e.text.en);
        assert!(
            e.text.en.contains(key) && e.text.zh.contains(key),
            "{q}: {:?}",
            e.text
        );
    }
    let bad = ExperimentConfig {
        layers: vec![8; 7],
        ..ExperimentConfig::default()
    };
    assert!(bad.build().is_err());
}

#[test]
fn the_step7_keys_round_trip_and_shape_the_network() {
    let q = "dataset=spiral&noise=0&train=50&batch=10&lr=0.01&act=relu&layers=64,8&loss=cross-entropy&init=msra&seed=3&epochs=50&optimizer=adam&l2=0.01&dropout=0.2&bn=1";
    let c = ExperimentConfig::parse(q).unwrap();
    assert_eq!(c.to_query(), q);
    assert_eq!(c.optimizer.name(), "adam");
    assert_eq!(c.regularization, Regularization::L2(0.01));
    // Each hidden layer: FC (identity) → BN → ReLU → dropout; then the output layer.
    let names: Vec<&str> = c.network_config().layers.iter().map(|l| l.name()).collect();
    assert_eq!(
        names,
        [
            "dense",
            "batch-norm",
            "activation",
            "dropout",
            "dense",
            "batch-norm",
            "activation",
            "dropout",
            "dense"
        ]
    );
    // Defaults are not written: old links stay canonical.
    let old = ExperimentConfig::default().to_query();
    assert!(!old.contains("optimizer") && !old.contains("bn"), "{old}");
    // And it trains: the loss after 50 epochs is below the first epoch's.
    let mut e = c.build().unwrap();
    let first = e.epoch().unwrap().train_loss;
    for _ in 1..50 {
        e.epoch().unwrap();
    }
    let last = e.history.last().unwrap().train_loss;
    assert!(last < first, "{first} → {last}");
}

#[test]
fn builds_every_dataset_and_head() {
    for d in DataChoice::ALL {
        for head in HEADS {
            // Ten custom points, alternating classes.
            let points = (0..10).map(|i| (i as f64, 0.5, i % 2)).collect();
            let c = ExperimentConfig {
                dataset: d,
                head,
                epochs: 2,
                points: if d == DataChoice::Custom {
                    points
                } else {
                    Vec::new()
                },
                ..ExperimentConfig::default()
            };
            let mut e = c.build().unwrap();
            e.run().unwrap();
            let total = match d {
                DataChoice::Ch10Arcs => 500,
                DataChoice::Ch11Coin => 1500,
                DataChoice::Xor4 => 4,
                DataChoice::Custom => 10,
                _ => PLAYGROUND_POINTS,
            };
            if d == DataChoice::Xor4 {
                assert_eq!((e.train.len(), e.test.len()), (4, 4));
            } else {
                assert_eq!(e.train.len() + e.test.len(), total, "{d:?}");
                assert_eq!(e.train.len(), total / 2);
            }
            let ev = e.evaluate_test();
            assert_eq!(ev.confusion.total(), e.test.len());
            assert_eq!(ev.confusion.classes, d.classes());
            assert_eq!(e.history.len(), 2);
            let signed = e.train.y.data.iter().any(|&v| v < 0.0);
            assert_eq!(signed, head == Head::TanhMse, "{d:?} {head:?}");
        }
    }
}

#[test]
fn same_query_gives_bit_identical_history() {
    let q = "dataset=ch11-coin&layers=6,6&act=relu&loss=cross-entropy&init=msra&lr=0.1&seed=7&epochs=15";
    let run = || {
        let mut e = ExperimentConfig::parse(q).unwrap().build().unwrap();
        e.run().unwrap();
        e.history
            .iter()
            .flat_map(|r| {
                [r.train_loss, r.test_loss, r.train_accuracy, r.test_accuracy].map(f32::to_bits)
            })
            .collect::<Vec<u32>>()
    };
    let first = run();
    assert_eq!(first.len(), 15 * 4);
    assert_eq!(first, run());
    let other = ExperimentConfig::parse(&q.replace("seed=7", "seed=8")).unwrap();
    let mut e = other.build().unwrap();
    e.run().unwrap();
    assert_ne!(e.history[0].train_loss.to_bits(), first[0]);
}

#[test]
fn spiral_2_8_8_1_tanh_learns() {
    // TF Playground's spiral (500 points, noise 0, 50 % training data) with 8,8 tanh
    // units and only x1, x2 as inputs is a hard problem for plain SGD. Measured with
    // `ninestep train 'dataset=spiral&layers=8,8&lr=0.1&epochs=1000&seed=S'`: for
    // seed 3 the test accuracy is 0.924 at epoch 400, 0.944 at 500 and stays
    // 0.944–0.960 up to epoch 1000; seeds 1, 2 and 5 also pass 0.9 by epoch 500–850
    // (less steadily), seed 4 stalls near 0.74. At TF Playground's η 0.03, seed 1
    // reaches 0.884 after 1000 epochs. Hence seed 3, η 0.1, 600 epochs (0.956).
    let q = "dataset=spiral&noise=0&train=50&batch=10&lr=0.1&act=tanh&layers=8,8&seed=3&epochs=600";
    let mut e = ExperimentConfig::parse(q).unwrap().build().unwrap();
    assert_eq!(
        e.trainer.network().param_count(),
        2 * 8 + 8 + 8 * 8 + 8 + 8 + 1
    );
    e.run().unwrap();
    let last = e.history[e.history.len() - 1];
    assert!(last.test_accuracy > 0.9, "{last:?}");
    assert!(last.train_loss < e.history[0].train_loss / 4.0, "{last:?}");
}

#[test]
fn workloads_run_and_count_units() {
    let mut w1 = WorkloadRun::spiral(1).unwrap();
    let l = w1.run(3).unwrap();
    assert!(l.is_finite() && w1.done() == 3);
    let mut w2 = WorkloadRun::mnist(None, 1).unwrap();
    w2.run(100).unwrap();
    assert_eq!(w2.done(), 128, "whole batches of 64");
    assert_eq!(w2.source(), "synthetic digits");
    assert_eq!(Workload::parse("w2"), Some(Workload::MnistMlp));
    assert_eq!(Workload::parse("spiral-mlp"), Some(Workload::SpiralMlp));
    assert!(WorkloadRun::mnist(Some(b"not mnist"), 1).is_err());
}
