//! The ch4 comparison: one update against the book's formulas in f64, the iteration
//! counts pinned for the default data and over ten data seeds (the lesson quotes both),
//! and the settings gate.

use super::wb::*;
use super::wb_run::*;
use crate::error::ErrorKind;
use crate::params::Params;
use crate::rng::Rng;
use crate::widget::{all_refused, Outcome, Widget};

#[test]
fn the_network_does_the_books_minibatch_update() {
    // The first three SGD updates at η = 0.5 written out in f64 with the same shuffle:
    // dZ = w·x + b − y, dW = Σ x·dZ / 5, dB = Σ dZ / 5, (w, b) ← (w, b) − η·(dW, dB).
    let (x, y, _, floor) = ch04(DEFAULT_SEED);
    let mut run = Run::new(0, 0.5, DEFAULT_SEED, x.len()).expect("builds");
    let mut order: Vec<usize> = (0..x.len()).collect();
    Rng::new(DEFAULT_SEED ^ 0x5eed).shuffle(&mut order);
    let (mut w, mut b) = (0.0f64, 0.0f64);
    for it in 0..3 {
        run.update(&x, &y, floor).expect("no blow-up");
        let (mut dw, mut db) = (0.0, 0.0);
        for &i in &order[it * 5..it * 5 + 5] {
            let dz = w * x[i] + b - y[i];
            dw += x[i] * dz / 5.0;
            db += dz / 5.0;
        }
        (w, b) = (w - 0.5 * dw, b - 0.5 * db);
        let got = run.wb();
        assert!(
            (got.0 - w).abs() < 1e-5 && (got.1 - b).abs() < 1e-5,
            "{got:?} vs {w} {b}"
        );
    }
}

#[test]
fn iterations_to_the_target_on_the_default_data() {
    // Our counts on data seed 5 (J* = 0.01965), iterations until J − J* ≤ 0.005 at the
    // book's code rates; the book's text reports 148, 128, —, —, —, 130, 107.
    let w = OptimizerWb::from_params(&Params::default()).expect("defaults");
    let counts: Vec<Option<usize>> = w.counts();
    let want = [40, 46, 46, 45, 396, 57, 18].map(Some);
    assert_eq!(counts, want);
    assert!((w.floor() - 0.01965).abs() < 5e-6, "{}", w.floor());
    // "Adam gets there first, as in the book; AdaDelta is far behind."
    let first = (0..7).min_by_key(|&k| counts[k]).expect("seven");
    assert_eq!(first, 6);
    assert_eq!((0..7).max_by_key(|&k| counts[k]), Some(4));
    // The table carries both columns; the book's row for NAG is empty.
    let t = w.table();
    assert_eq!(t.get(6, "ours"), Some(18.0));
    assert_eq!(t.get(6, "book"), Some(107.0));
    assert_eq!(t.get(2, "book"), None);
    assert_eq!(t.get(4, "eta"), None);
    assert!(t.get(6, "gap").is_some_and(|g| g <= TARGET));
}

#[test]
fn iterations_over_ten_data_seeds() {
    // Seeds 1–10, the range the lesson quotes: (fewest, most) per optimizer. SGD at η 0.5
    // is sometimes quickest of all; AdaDelta is always slowest by far.
    let mut range = [(usize::MAX, 0usize); 7];
    for seed in 1..=10 {
        let counts: Vec<usize> = (0..7)
            .map(|k| to_target(k, seed).expect("runs").iterations())
            .collect();
        for (k, &n) in counts.iter().enumerate() {
            range[k] = (range[k].0.min(n), range[k].1.max(n));
        }
        let slowest = (0..7).max_by_key(|&k| counts[k]);
        assert_eq!(slowest, Some(4), "seed {seed}: {counts:?}");
    }
    assert_eq!(
        range,
        [
            (3, 40),
            (6, 56),
            (6, 62),
            (15, 56),
            (335, 405),
            (41, 60),
            (18, 63)
        ]
    );
}

#[test]
fn stepping_replays_the_tables_run_and_stops_at_the_target() {
    let mut p = Params::default();
    p.set("optimizer", "adam");
    let mut w = OptimizerWb::from_params(&p).expect("valid");
    let mut n = 0;
    while let Outcome::Stepped = w.step().expect("no blow-up") {
        n += 1;
    }
    assert_eq!((n + 1, w.reached()), (18, Some(18)));
    assert_eq!(w.path().len(), 19);
    let done = w.status().expect("a status");
    assert!(done.en.contains("iteration 18") && done.zh.contains("第 18 次迭代"));
}

#[test]
fn adadelta_ignores_eta_and_a_huge_rate_diverges() {
    let mut p = Params::default();
    p.set("optimizer", "adadelta");
    p.set("eta", "1.5");
    let mut a = OptimizerWb::from_params(&p).expect("valid");
    p.set("eta", "0");
    let mut b = OptimizerWb::from_params(&p).expect("valid");
    for _ in 0..30 {
        a.step().expect("steps");
        b.step().expect("steps");
    }
    assert_eq!(a.path(), b.path());
    assert!(a
        .status()
        .is_some_and(|s| s.en.contains("no learning rate")));
    // SGD at η 2 on this data: the updates swing out until the guard stops them.
    let mut p = Params::default();
    p.set("eta", "2");
    let mut w = OptimizerWb::from_params(&p).expect("valid");
    let e = (0..2000).find_map(|_| w.step().err()).expect("diverges");
    assert_eq!(e.kind, ErrorKind::Diverged);
    assert!(w.path().iter().all(|p| p.0.is_finite() && p.1.is_finite()));
}

#[test]
fn bad_settings_are_bilingual_errors() {
    all_refused::<OptimizerWb>(ErrorKind::BadValue, &["optimizer=lbfgs", "seed=1.5"]);
    all_refused::<OptimizerWb>(ErrorKind::OutOfRange, &["eta=3"]);
}

#[test]
fn the_paths_the_lesson_describes() {
    // Momentum at 0.05 overshoots: b climbs past 4, off the top of the book's map
    // (w 1–3, b 2–4), before it turns back. Adam at 0.5 runs out past w = 3 on the right.
    // SGD at 0.5 never leaves the map once inside it.
    let run = |k: usize| to_target(k, DEFAULT_SEED).expect("runs");
    let highest_b = run(1).path().iter().fold(f64::MIN, |m, p| m.max(p.1));
    let widest_w = run(6).path().iter().fold(f64::MIN, |m, p| m.max(p.0));
    assert!(highest_b > 4.0, "{highest_b}");
    assert!(widest_w > 3.0, "{widest_w}");
}
