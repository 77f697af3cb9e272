use super::*;

fn run(settings: &[(&str, &str)]) -> Forecast {
    let mut p = Params::default();
    for (k, v) in settings {
        p.set(k, *v);
    }
    let mut w = Forecast::from_params(&p).expect("settings");
    while let Ok(Outcome::Stepped) = w.step() {}
    w
}

fn line(w: &Forecast) -> String {
    let s: Vec<String> = w
        .scores()
        .iter()
        .map(|s| format!("{}h {:.6}/{:.4}", s.horizon, s.loss, s.accuracy))
        .collect();
    format!(
        "epoch {} params {} train {:.6} | {}",
        w.epoch(),
        w.param_count(),
        w.history().last().map_or(0.0, |r| r.1),
        s.join("  ")
    )
}

/// The error grows with the horizon and the accuracy falls, as in table 19-8.
fn assert_monotone(w: &Forecast) {
    for pair in w.scores().windows(2) {
        // HORIZONS is 8, 4, 2, 1: each row is a shorter horizon than the one before.
        assert!(pair[0].loss > pair[1].loss, "{}", line(w));
        assert!(pair[0].accuracy < pair[1].accuracy, "{}", line(w));
    }
}

/// A short run (10 epochs, the default η 0.5, seed 1) recomputed and compared with the
/// numbers it gave when this test was written (a change to the data, the net or the
/// training shows up here). After 10 epochs the two layers of 2 are far from trained: their
/// 8-hour forecast is worse than the mean (R² < 0), yet the order by horizon already holds.
#[test]
fn ten_epochs_give_the_pinned_table_and_errors_grow_with_the_horizon() {
    const PINNED: [(&str, [(f64, f64); 4]); 2] = [
        (
            "1",
            [
                (0.006167, 0.285813),
                (0.003934, 0.544482),
                (0.002517, 0.708532),
                (0.001681, 0.805381),
            ],
        ),
        (
            "2",
            [
                (0.019745, -1.286483),
                (0.009593, -0.110912),
                (0.004925, 0.429707),
                (0.002993, 0.653432),
            ],
        ),
    ];
    let runs: Vec<Forecast> = PINNED
        .iter()
        .map(|(layers, _)| {
            let units = if *layers == "1" { "4" } else { "2" };
            let w = run(&[("epochs", "10"), ("layers", layers), ("units", units)]);
            println!("{layers} layer(s) of {units}: {}", line(&w));
            for s in w.scores() {
                println!("  {}h ({:.6}, {:.6})", s.horizon, s.loss, s.accuracy);
            }
            w
        })
        .collect();
    for (w, (_, pinned)) in runs.iter().zip(PINNED) {
        assert_monotone(w);
        for (s, (loss, acc)) in w.scores().iter().zip(pinned) {
            assert!(
                (s.loss - loss).abs() < 1e-6 && (s.accuracy - acc).abs() < 1e-4,
                "{}h: {} / {} vs pinned {loss} / {acc}",
                s.horizon,
                s.loss,
                s.accuracy
            );
        }
    }
}

#[test]
fn a_new_horizon_keeps_the_trained_net_and_reset_does_not() {
    let mut w =
        crate::lesson::AnyWidget::replay("rnn-forecast", &Params::default(), 1).expect("defaults");
    let before = w.table();
    w.set("horizon", "8").expect("8 is a horizon");
    assert_eq!(w.steps(), 1);
    assert_eq!(w.table(), before, "the same net scores the same");
    w.reset();
    assert_eq!(w.steps(), 0);
    assert_ne!(w.table(), before);
    let err = w.set("horizon", "3").expect_err("3 is not a horizon");
    assert!(
        err.text.en.contains("“horizon”") && err.text.zh.contains("“预测时长”"),
        "{err:?}"
    );
}

/// The figures of the lesson text: `cargo test -p ninestep-core --release --lib
/// full_run -- --ignored --nocapture` (the widget's defaults, 50 epochs).
#[test]
#[ignore]
fn full_run_figures() {
    for (layers, units) in [("1", "4"), ("2", "2")] {
        let w = run(&[("layers", layers), ("units", units)]);
        println!("{layers} layer(s) of {units}: {}", line(&w));
        assert_monotone(&w);
    }
}

/// Other settings, from `FORECAST_RUNS="epochs=20,eta=0.5;cell=lstm"` (for exploring).
#[test]
#[ignore]
fn explore() {
    let runs = std::env::var("FORECAST_RUNS").unwrap_or_default();
    for r in runs.split(';').filter(|r| !r.is_empty()) {
        let kv: Vec<(&str, &str)> = r.split(',').filter_map(|p| p.split_once('=')).collect();
        println!("{r}: {}", line(&run(&kv)));
    }
}
