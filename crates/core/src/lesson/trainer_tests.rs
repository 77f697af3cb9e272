use super::*;
use crate::error::ErrorKind;
use crate::lesson::AnyWidget;
use crate::widget::{all_refused, Readout};

fn accuracy(w: &Playground) -> f64 {
    Readout::value_of(&w.readouts(), "test_accuracy").unwrap_or(0.0)
}

#[test]
fn defaults_build_and_step_ten_epochs_at_a_time() {
    let mut w = Playground::from_params(&Params::default()).unwrap();
    assert_eq!(
        query(&w.params()).unwrap(),
        "dataset=circle&noise=0&train=50&batch=10&lr=0.03&act=tanh&layers=4,2&loss=tanh-mse&init=xavier&seed=1&epochs=5000"
    );
    assert_eq!(
        w.experiment().trainer.network().param_count(),
        2 * 4 + 4 + 4 * 2 + 2 + 2 + 1
    );
    assert_eq!(w.step().unwrap(), Outcome::Stepped);
    assert_eq!(w.step().unwrap(), Outcome::Stepped);
    let t = w.table();
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.get(1, "epoch"), Some(20.0));
    assert!(t.get(1, "test_loss").is_some_and(|l| l > 0.0));
    assert_eq!(w.curve().len(), 21);
    assert_eq!(w.steps(), 2);
    // One forward pass over a grid: one score per point for two classes.
    assert_eq!(w.scores(&[(0.0, 0.0), (1.0, -1.0), (5.0, 5.0)]).len(), 3);
    assert!(w.scores(&[(f64::NAN, 0.0)]).is_empty());
    assert_eq!(w.points(false).len() + w.points(true).len(), 500);
}

#[test]
fn the_url_state_is_the_experiment_query() {
    for pairs in [
        vec![],
        vec![
            ("dataset", "spiral"),
            ("layers", "8,8"),
            ("lr", "0.1"),
            ("seed", "3"),
        ],
        vec![
            ("dataset", "ch11-coin"),
            ("loss", "cross-entropy"),
            ("layers", "none"),
        ],
        vec![
            ("lr", "0.00001"),
            ("act", "relu"),
            ("noise", "35"),
            ("train", "90"),
        ],
        vec![
            ("lr", "10"),
            ("act", "linear"),
            ("batch", "30"),
            ("seed", "9999"),
        ],
        vec![("layers", "")],
    ] {
        let w = Playground::from_params(&Params::of(&pairs)).unwrap();
        let q = query(&w.params()).unwrap();
        let again = Playground::from_params(&w.params()).unwrap();
        assert_eq!(again.params(), w.params(), "{pairs:?}");
        assert_eq!(query(&again.params()).unwrap(), q);
        assert_eq!(ExperimentConfig::parse(&q).unwrap(), w.experiment().config);
    }
    let w = Playground::from_params(&Params::of(&[("layers", "none")])).unwrap();
    assert!(query(&w.params()).unwrap().contains("&layers=&"));
    assert_eq!(w.experiment().trainer.network().param_count(), 3);
}

#[test]
fn three_classes_give_three_scores_per_point() {
    let w = Playground::from_params(&Params::of(&[("dataset", "ch11-coin")])).unwrap();
    assert_eq!(w.classes(), 3);
    assert_eq!(w.scores(&[(0.0, 0.0), (0.3, 0.3)]).len(), 6);
    assert!(w.points(true).iter().any(|p| p.2 == 2));
}

#[test]
fn spiral_with_two_hidden_layers_passes_90_percent() {
    // experiment/tests.rs: spiral, 8,8 tanh, η 0.1, seed 3 reaches 0.956 at epoch 600.
    let p = Params::of(&[
        ("dataset", "spiral"),
        ("layers", "8,8"),
        ("lr", "0.1"),
        ("seed", "3"),
    ]);
    let mut w = Playground::from_params(&p).unwrap();
    let mut steps = 0;
    while accuracy(&w) <= 0.9 && steps < 60 {
        w.step().unwrap();
        steps += 1;
    }
    assert!(accuracy(&w) > 0.9, "{} after {steps} steps", accuracy(&w));
}

#[test]
fn the_step7_controls_reach_the_experiment() {
    let p = Params::of(&[
        ("optimizer", "adam"),
        ("reg", "l2"),
        ("lambda", "0.01"),
        ("dropout", "0.2"),
        ("bn", "1"),
        ("init", "msra"),
        ("layers", "64"),
    ]);
    let q = query(&p).unwrap();
    assert!(
        q.ends_with("&init=msra&seed=1&epochs=5000&optimizer=adam&l2=0.01&dropout=0.2&bn=1"),
        "{q}"
    );
    let mut w = Playground::from_params(&p).unwrap();
    assert_eq!(w.experiment().config.to_query(), q);
    // 2→64 (+ γ, β) →1: W 2·64 + B 64 + γ 64 + β 64, then W 64·1 + B 1 = 385.
    assert_eq!(w.experiment().trainer.network().param_count(), 385);
    w.step().unwrap();
    assert!(w.experiment().history.len() == EPOCHS_PER_STEP);
    // The settings come back out of the widget (the page's controls, the URL hash and the
    // worker's copy are all built from them), and rebuild the same experiment.
    let back = w.params();
    for (k, v) in [
        ("optimizer", "adam"),
        ("reg", "l2"),
        ("lambda", "0.01"),
        ("dropout", "0.2"),
        ("bn", "1"),
        ("init", "msra"),
    ] {
        assert_eq!(back.raw(k), Some(v), "{k}");
    }
    assert_eq!(query(&back).unwrap(), query(&p).unwrap());
    // With the penalty off, λ is still the learner's choice.
    let off = Playground::from_params(&Params::of(&[("reg", "none"), ("lambda", "0.03")])).unwrap();
    assert_eq!(off.params().raw("lambda"), Some("0.03"));
    // λ is only used with a regulariser.
    let q = query(&Params::of(&[("lambda", "0.1")])).unwrap();
    assert!(!q.contains("l1") && !q.contains("l2"), "{q}");
}

#[test]
fn training_stops_at_the_epoch_limit() {
    let p = Params::of(&[("dataset", "gauss"), ("train", "10"), ("batch", "30")]);
    let mut w = AnyWidget::new("trainer", &p).unwrap();
    let out = w.run(MAX_EPOCHS / EPOCHS_PER_STEP + 5).unwrap();
    let Outcome::Done(t) = out else {
        panic!("{out:?}")
    };
    assert!(t.en.contains("5000") && t.zh.contains("5000"), "{t:?}");
    assert_eq!(w.steps(), MAX_EPOCHS / EPOCHS_PER_STEP);
    assert_eq!(w.table().rows.len(), MAX_EPOCHS / EPOCHS_PER_STEP);
    assert_eq!(w.step().unwrap(), Outcome::Done(t));
}

#[test]
fn a_huge_learning_rate_diverges_and_keeps_the_last_good_state() {
    // With tanh outputs the loss stays bounded and η = 3 only thrashes; linear hidden
    // units under cross-entropy blow up in the first epoch (measured with `ninestep train`).
    let p = Params::of(&[
        ("lr", "3"),
        ("act", "linear"),
        ("loss", "cross-entropy"),
        ("layers", "8,8"),
    ]);
    let mut w = Playground::from_params(&p).unwrap();
    let mut err = None;
    for _ in 0..50 {
        match w.step() {
            Err(e) => {
                err = Some(e);
                break;
            }
            Ok(Outcome::Done(_)) => break,
            Ok(_) => {}
        }
    }
    let e = err.expect("η = 3 with linear units and cross-entropy should diverge");
    assert_eq!(e.kind, ErrorKind::Diverged);
    assert!(w.status().is_some());
    assert!(matches!(w.step(), Ok(Outcome::Done(_))));
    let t = w.table();
    assert!(t
        .rows
        .iter()
        .flatten()
        .all(|v| v.is_none_or(f64::is_finite)));
    assert!(w.readouts().iter().all(|r| r.value.is_finite()));
    assert!(w.scores(&[(0.0, 0.0)]).iter().all(|v| v.is_finite()));
}

#[test]
fn bad_values_are_errors_in_both_languages() {
    let bad_values = [
        "dataset=moons",
        "dataset=xor4",
        "noise=2.5",
        "batch=abc",
        "lr=0.05",
        "act=elu",
        "optimizer=lbfgs",
        "bn=2",
        "layers=4;2",
        "loss=hinge",
        "seed=1.5",
    ];
    all_refused::<Playground>(ErrorKind::BadValue, &bad_values);
    // The editor's limits are TF Playground's: 6 layers of at most 8 neurons.
    let out_of_range = [
        "noise=55",
        "train=5",
        "batch=31",
        "seed=0",
        "layers=65,8",
        "layers=1,1,1,1,1,1,1",
    ];
    all_refused::<Playground>(ErrorKind::OutOfRange, &out_of_range);
    assert_eq!(
        AnyWidget::new("trainer", &Params::of(&[("epochs", "5")]))
            .err()
            .map(|e| e.kind),
        Some(ErrorKind::Unknown)
    );
}

#[test]
fn the_metrics_panel_matches_a_count_of_the_test_points() {
    // Precision/recall/F1 recomputed here from the test points and the network's scores
    // (class 1 where the tanh output is ≥ 0, i.e. the score (v+1)/2 ≥ 0.5).
    let mut w =
        Playground::from_params(&Params::of(&[("dataset", "gauss"), ("noise", "40")])).unwrap();
    for _ in 0..3 {
        w.step().unwrap();
    }
    let pts = w.points(true);
    let xy: Vec<(f64, f64)> = pts.iter().map(|p| (p.0, p.1)).collect();
    let scores = w.scores(&xy);
    let (mut tp, mut fp, mut fne) = (0.0, 0.0, 0.0);
    for (p, s) in pts.iter().zip(&scores) {
        match (p.2 == 1, *s >= 0.5) {
            (true, true) => tp += 1.0,
            (false, true) => fp += 1.0,
            (true, false) => fne += 1.0,
            _ => {}
        }
    }
    let (precision, recall) = (tp / (tp + fp), tp / (tp + fne));
    let f1 = 2.0 * precision * recall / (precision + recall);
    let get = |key: &str| {
        w.readouts()
            .into_iter()
            .find(|r| r.key == key)
            .map(|r| r.value)
            .unwrap()
    };
    assert!((get("precision") - precision).abs() < 1e-9);
    assert!((get("recall") - recall).abs() < 1e-9);
    assert!((get("f1") - f1).abs() < 1e-9);
    // 40 % noise makes the two clouds overlap: the scores are not trivially perfect.
    assert!(fp + fne > 0.0, "expected some errors at 40 % noise");
}
