//! The race against each update rule written out in f64 (as in `nn/optim/tests.rs`), the
//! lesson's claims about the race, and the settings gate.

use super::race::*;
use crate::error::ErrorKind;
use crate::params::Params;
use crate::widget::{all_refused, Outcome, Widget};

/// The race with default settings after `steps` Steps.
fn raced(params: &Params, steps: usize) -> OptimizerRace {
    let mut w = OptimizerRace::from_params(params).expect("valid settings");
    for _ in 0..steps {
        w.step().expect("a race step never fails");
    }
    w
}

/// f64 reference paths of the seven update rules with the default rates, `steps` steps
/// from (−7, 2); the formulas are the book's (ch15.2–15.3) with its constants.
fn reference(steps: usize) -> Vec<Vec<[f64; 2]>> {
    let grad = |p: [f64; 2]| [p[0] / 5.0, 2.0 * p[1]];
    let mut out = Vec::new();
    for (k, &lr) in RATES.iter().enumerate() {
        let mut p = [-7.0f64, 2.0];
        // Per coordinate: velocity / sums of squares / moments.
        let (mut a, mut b) = ([0.0f64; 2], [0.0f64; 2]);
        let mut path = vec![p];
        for t in 1..=steps {
            let g = grad(p);
            for d in 0..2 {
                match k {
                    0 => p[d] -= lr * g[d],
                    1 => {
                        a[d] = 0.9 * a[d] - lr * g[d];
                        p[d] += a[d];
                    }
                    2 => {
                        // The engine's NAG keeps φ = θ + α·v: φ ← φ − α·v + (1 + α)·v′.
                        let v = 0.9 * a[d] - lr * g[d];
                        p[d] += -0.9 * a[d] + 1.9 * v;
                        a[d] = v;
                    }
                    3 => {
                        a[d] += g[d] * g[d];
                        p[d] -= lr * g[d] / (1e-6 + a[d].sqrt());
                    }
                    4 => {
                        a[d] = 0.9 * a[d] + 0.1 * g[d] * g[d];
                        let delta = -g[d] * (b[d] + 1e-5).sqrt() / (a[d] + 1e-5).sqrt();
                        b[d] = 0.9 * b[d] + 0.1 * delta * delta;
                        p[d] += delta;
                    }
                    5 => {
                        a[d] = 0.9 * a[d] + 0.1 * g[d] * g[d];
                        p[d] -= lr * g[d] / (a[d] + 1e-6).sqrt();
                    }
                    _ => {
                        a[d] = 0.9 * a[d] + 0.1 * g[d];
                        b[d] = 0.999 * b[d] + 0.001 * g[d] * g[d];
                        let m_hat = a[d] / (1.0 - 0.9f64.powi(t as i32));
                        let v_hat = b[d] / (1.0 - 0.999f64.powi(t as i32));
                        p[d] -= lr * m_hat / (1e-8 + v_hat.sqrt());
                    }
                }
            }
            path.push(p);
        }
        out.push(path);
    }
    out
}

#[test]
fn every_racer_follows_its_update_rule() {
    // Ten steps of the engine's f32 optimizers against the f64 formulas: agreement to
    // about 1e-5 (f32 rounding of coordinates of size 7), well inside 1e-4.
    let w = raced(&Params::default(), 10);
    for (k, want) in reference(10).iter().enumerate() {
        let got = w.path(k);
        assert_eq!(got.len(), want.len());
        for (i, (g, r)) in got.iter().zip(want).enumerate() {
            let err = (g.0 - r[0]).abs().max((g.1 - r[1]).abs());
            assert!(err < 1e-4, "racer {k} step {i}: {g:?} vs {r:?}");
        }
    }
    // Step 1 by hand: SGD (−7 + 0.95·1.4, 2 − 0.95·4) = (−5.67, −1.8); AdaGrad and Adam
    // move η against the sign of each gradient component: (−6, 1) and (−6.5, 1.5).
    let near = |p: (f64, f64), q: (f64, f64)| (p.0 - q.0).abs() < 1e-5 && (p.1 - q.1).abs() < 1e-5;
    assert!(near(w.path(0)[1], (-5.67, -1.8)));
    assert!(near(w.path(3)[1], (-6.0, 1.0)));
    assert!(near(w.path(6)[1], (-6.5, 1.5)));
}

#[test]
fn the_lessons_claims_hold() {
    let w = raced(&Params::default(), 20);
    let fx = |k: usize| f(w.at(k).0, w.at(k).1);
    // "SGD at 0.95 zig-zags across the valley": y ← (1 − 2·0.95)·y = −0.9·y, so y flips
    // sign at every one of the 20 steps while x creeps along the floor.
    let sgd = w.path(0);
    assert!(sgd.windows(2).all(|p| p[0].1 * p[1].1 < 0.0));
    assert!(sgd.windows(2).all(|p| p[1].0.abs() < p[0].0.abs()));
    // "After 20 steps RMSProp is lowest of all seven" (f = 0.000233).
    assert_eq!(w.leader(), Some(5));
    assert!((fx(5) - 0.000233).abs() < 1e-6, "{}", fx(5));
    // "Momentum overshoots the minimum": x passes 0 and is past +1.8 at step 20; NAG's
    // look-ahead overshoots less.
    let furthest = |k: usize| w.path(k).iter().fold(f64::MIN, |m, p| m.max(p.0));
    assert!(furthest(1) > 1.8 && furthest(2) < furthest(1));
    // "AdaDelta has hardly moved": f still above 7.5 (from 8.9), its first step ≈ 0.01.
    assert!(fx(4) > 7.5);
    assert!((w.path(4)[1].0 + 6.99).abs() < 1e-3);
    // The printed table at step 20 (the lesson quotes these f values).
    let t = w.table();
    let f_at = |row: usize| t.get(row, "f").map(|v| crate::fmt_num(v, 4));
    let want = [
        "0.0602", "0.8469", "0.2321", "0.2150", "7.7944", "0.0002", "0.3263",
    ];
    for (row, want) in want.iter().enumerate() {
        assert_eq!(f_at(row).as_deref(), Some(*want), "row {row}");
    }
}

#[test]
fn adadelta_ignores_its_rate_and_shows_none() {
    let mut p = Params::default();
    p.set("adadelta", "0.01");
    let a = raced(&p, 15);
    p.set("adadelta", "2");
    let b = raced(&p, 15);
    assert_eq!(a.path(4), b.path(4));
    assert_eq!(a.table().get(4, "eta"), None);
    assert_eq!(a.table().get(0, "eta"), Some(0.95));
}

#[test]
fn a_racer_that_flies_off_stops_and_says_so() {
    // SGD at η = 2: y ← (1 − 4)·y = −3y, so |y| = 2·3ⁿ, first past 1e6 at n = 12
    // (2·3¹² = 1 062 882).
    let mut p = Params::default();
    p.set("sgd", "2");
    let w = raced(&p, 20);
    assert_eq!(w.left_at(0), Some(12));
    let t = w.table();
    assert!(t.rows.iter().flatten().flatten().all(|v| v.is_finite()));
    let status = w.status().expect("a status after a step");
    assert!(status.en.contains("SGD flew off") && status.zh.contains("SGD 在第 12 步飞出"));
    // The others raced on.
    assert_eq!(w.path(6).len(), 21);
}

#[test]
fn show_picks_the_rows_and_the_race_ends() {
    let mut p = Params::default();
    p.set("show", "book");
    let w = raced(&p, 3);
    let t = w.table();
    let names: Vec<&str> = t.row_labels.iter().map(|l| l.en.as_str()).collect();
    assert_eq!(names, ["SGD", "Momentum", "RMSProp", "Adam"]);
    p.set("show", "only-nag");
    assert_eq!(raced(&p, 1).shown(), vec![2]);
    let mut w = raced(&Params::default(), MAX_RACE_STEPS - 1);
    assert!(matches!(w.step(), Ok(Outcome::Done(_))));
    assert!(matches!(w.step(), Ok(Outcome::Done(_))));
    assert_eq!(w.steps(), MAX_RACE_STEPS);
}

#[test]
fn bad_settings_are_bilingual_errors() {
    all_refused::<OptimizerRace>(ErrorKind::OutOfRange, &["sgd=0"]);
    all_refused::<OptimizerRace>(ErrorKind::BadValue, &["adam=abc", "show=everyone"]);
}

#[test]
fn the_books_code_rates_after_25_steps() {
    // The code that drew the book's figure: Momentum 0.05, Adam 0.3, 25 steps. The
    // lesson quotes f after 25 steps: SGD 0.0207, Momentum 0.0189, RMSProp 0.000002,
    // Adam 0.0634; and SGD at η 1.05 flies off at step 138 (|y| = 2·1.1ⁿ > 1e6).
    let mut p = Params::default();
    for (k, v) in [("momentum", "0.05"), ("nag", "0.05"), ("adam", "0.3")] {
        p.set(k, v);
    }
    let w = raced(&p, 25);
    let fx = |k: usize| crate::fmt_num(f(w.at(k).0, w.at(k).1), 4);
    assert_eq!(
        [fx(0), fx(1), fx(5), fx(6)],
        ["0.0207", "0.0189", "0.0000", "0.0634"]
    );
    let mut p = Params::default();
    p.set("sgd", "1.05");
    let w = raced(&p, 200);
    assert_eq!(w.left_at(0), Some(138));
    assert_ne!(w.leader(), Some(0));
}

#[test]
fn rmsprop_never_settles_at_a_fixed_rate() {
    // The leader at step 20 is almost exactly at the bottom by step 30 (f < 1e-8), but
    // once its gradients are tiny, s decays to the ε floor and g/√(s + ε) blows a speck
    // up into a full step: y grows about fivefold per step after step 40 (f = 0.35 at
    // step 45), and from step 150 on it hops between about (±0.27, ∓0.25), f ≈ 0.07,
    // each coordinate moving about η = 0.5 per step.
    let mut w = raced(&Params::default(), 30);
    assert!(f(w.at(5).0, w.at(5).1) < 1e-8);
    for _ in 30..150 {
        w.step().expect("steps");
    }
    let path = w.path(5);
    assert!((f(path[45].0, path[45].1) - 0.354).abs() < 1e-3);
    for p in &path[150..] {
        assert!((f(p.0, p.1) - 0.07).abs() < 0.002, "{p:?}");
    }
    assert!(path[150].1 * path[149].1 < 0.0 && (path[150].1 - path[149].1).abs() > 0.49);
    // The others (but AdaDelta) are at the bottom by step 200.
    for _ in 150..200 {
        w.step().expect("steps");
    }
    for k in [0, 1, 2, 3, 6] {
        assert!(f(w.at(k).0, w.at(k).1) < 1e-4, "racer {k}");
    }
}
