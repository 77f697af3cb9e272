//! Tests of [`super`]: the book's numbers and hand computations.

use super::*;
use crate::error::ErrorKind;

fn build(method: &str, eta: &str) -> LsPaths {
    LsPaths::from_params(&Params::of(&[("method", method), ("eta", eta)])).unwrap()
}

#[test]
fn closed_form_matches_cramers_rule() {
    // An independent solution: the normal equations
    //   [Σx² Σx; Σx m]·[w; b] = [Σxy; Σy], solved by Cramer's rule.
    let w = build("mini", "0");
    let (x, y) = (&w.x, &w.y);
    let m = x.len() as f64;
    let sxx: f64 = x.iter().map(|v| v * v).sum();
    let sx: f64 = x.iter().sum();
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| a * b).sum();
    let sy: f64 = y.iter().sum();
    let det = sxx * m - sx * sx;
    let (cw, cb) = ((sxy * m - sx * sy) / det, (sxx * sy - sx * sxy) / det);
    let (bw, bb) = w.best();
    assert!(
        (bw - cw).abs() < 1e-9 && (bb - cb).abs() < 1e-9,
        "{bw} {bb}"
    );
    // The generator's line is y = 2x + 3 with σ = 0.2 noise; the book's own draw gave
    // w = 2.056827, b = 2.965434. Ours is a different draw of the same law.
    assert!(
        (bw - 2.0).abs() < 0.2 && (bb - 3.0).abs() < 0.1,
        "{bw} {bb}"
    );
    // With σ = 0.2 the lowest loss is about σ²/2 = 0.02, right at the book's stop rule;
    // the default seed 5 is one whose lowest loss (0.01965) sits just below it, as the
    // book's must (its runs stop near w = 2.00, not at its w* = 2.06).
    let floor = w.loss_at(bw, bb);
    assert!((0.019..STOP_LOSS).contains(&floor), "{floor}");
}

#[test]
fn three_methods_stop_near_table_4_6() {
    // Book Table 4-6 (its own draw, its own shuffles): 304 / 110 / 60 iterations,
    // ending at (2.003, 2.990), (2.006, 2.997), (1.993, 2.998). Ours (seed 5): 349 /
    // 103 / 46. The stop rule fires the first time a checked loss dips under 0.02, only
    // 0.00035 above the lowest loss, so the count hangs on the draw and the shuffles:
    // we test a band of about ×0.5–×2 around the book and a stop point that is near,
    // but not at, the least-squares answer (the book's are 0.06 off in w too).
    for (method, lo, hi) in [("sgd", 150, 700), ("mini", 50, 250), ("full", 25, 130)] {
        let mut w = build(method, "0");
        let mut out = Outcome::Stepped;
        for _ in 0..20_000 {
            out = w.step().unwrap();
            if out != Outcome::Stepped {
                break;
            }
        }
        let n = w.steps();
        assert!(
            matches!(out, Outcome::Done(ref t) if t.en.contains("< 0.02")),
            "{out:?}"
        );
        assert!((lo..=hi).contains(&n), "{method}: {n} iterations");
        let r = *w.rows().last().unwrap();
        assert!(r.loss < STOP_LOSS);
        let (bw, bb) = w.best();
        assert!(
            (r.w - bw).abs() < 0.15 && (r.b - bb).abs() < 0.06,
            "{method}: {r:?}"
        );
    }
}

#[test]
fn one_update_by_hand() {
    // First SGD step from (0, 0) on sample i: dz = −yᵢ, so w = 0.1·xᵢ·yᵢ, b = 0.1·yᵢ.
    let (x, y) = ([0.5, 0.2], [4.0, 3.4]);
    let (w, b) = update(&x, &y, &[0], (0.0, 0.0), 0.1);
    assert!((w - 0.2).abs() < 1e-12 && (b - 0.4).abs() < 1e-12);
    // A batch averages: dW = (0.5·−4 + 0.2·−3.4)/2 = −1.34, dB = −3.7.
    let (w, b) = update(&x, &y, &[0, 1], (0.0, 0.0), 1.0);
    assert!((w - 1.34).abs() < 1e-12 && (b - 3.7).abs() < 1e-12);
}

#[test]
fn a_too_large_rate_diverges_with_a_finite_table() {
    let mut w = build("full", "2");
    let mut err = None;
    for _ in 0..500 {
        match w.step() {
            Ok(Outcome::Stepped) => {}
            Ok(Outcome::Done(_)) => break,
            Err(e) => {
                err = Some(e);
                break;
            }
        }
    }
    assert_eq!(err.map(|e| e.kind), Some(ErrorKind::Diverged));
    let t = w.table();
    assert!(t.all_finite());
    assert!(w.status().is_some_and(|s| s.zh.contains("发散")));
}

#[test]
fn bad_settings_are_bilingual_errors() {
    for (k, v) in [
        ("method", "adam"),
        ("eta", "3"),
        ("seed", "1.5"),
        ("eta", "x"),
    ] {
        let e = LsPaths::from_params(&Params::of(&[(k, v)])).err();
        assert!(e
            .as_ref()
            .is_some_and(|e| !e.text.en.is_empty() && !e.text.zh.is_empty()));
    }
}

#[test]
fn a_fractional_data_seed_is_refused_in_both_languages() {
    crate::widget::all_refused::<LsPaths>(ErrorKind::BadValue, &["seed=1.5"]);
}
