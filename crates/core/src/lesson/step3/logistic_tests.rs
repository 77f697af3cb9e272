//! Tests of [`super`]: the book's numbers and hand computations.

use super::*;
use crate::error::ErrorKind;
use crate::text::fmt_num;

#[test]
fn the_worked_example_of_6_3() {
    // Book 6.3, line w = (−1, 2), b = −2: A(2, 4) z = 4, a = 0.982, loss 0.018;
    // C(3, 3) z = 1, a = 0.731, label 0, loss 1.313. For B(2, 1) (z = −2, a = 0.119,
    // label 0) the book prints 0.112, but −ln(1 − 0.119) = 0.127: its own a gives 0.127.
    let net = LogitNeuron {
        w: vec![-1.0, 2.0],
        b: -2.0,
    };
    let case = |x: [f64; 2], y: f64| {
        let z = net.z(&x);
        (fmt_num(net.predict(&x), 3), fmt_num(loss_of_logit(z, y), 3))
    };
    assert_eq!(case([2.0, 4.0], 1.0), ("0.982".into(), "0.018".into()));
    assert_eq!(case([2.0, 1.0], 0.0), ("0.119".into(), "0.127".into()));
    assert_eq!(case([3.0, 3.0], 0.0), ("0.731".into(), "1.313".into()));
    // The stable form agrees with the textbook formula (step 1's cross_entropy::binary).
    let a = sigmoid(1.0);
    assert!((loss_of_logit(1.0, 0.0) - crate::lesson::cross_entropy::binary(a, 0.0)).abs() < 1e-12);
}

#[test]
fn the_gradient_is_a_minus_y() {
    // Finite differences of J(z) against a − y (hand derivation in the module docs).
    for (z, y) in [(-3.0, 0.0), (0.4, 1.0), (2.5, 0.0), (40.0, 1.0)] {
        let h = 1e-6;
        let fd = (loss_of_logit(z + h, y) - loss_of_logit(z - h, y)) / (2.0 * h);
        assert!((fd - (sigmoid(z) - y)).abs() < 1e-6, "z={z}: {fd}");
    }
    assert!(loss_of_logit(1e4, 0.0).is_finite());
}

fn run(params: &[(&str, &str)], epochs: usize) -> Logistic {
    let mut w = Logistic::from_params(&Params::of(params)).unwrap();
    for _ in 0..epochs {
        if let Outcome::Done(_) = w.step().unwrap() {
            break;
        }
    }
    w
}

#[test]
fn a_hundred_epochs_learn_the_border() {
    // Book 6.2 (η 0.1, batch 10, 100 epochs): loss 0.207, W = (−7.66, 3.16), B = 2.19;
    // Han for (0.58, 0.92) and (0.39, 0.29), Chu for (0.62, 0.55). Our draw differs, so
    // we ask for the same picture: ≥ 95 % right, the same signs and the same answers.
    let w = run(&[], 1000);
    assert_eq!(w.steps(), 100);
    assert!(w.status().is_some());
    let r = &w.history()[100];
    assert!(r.accuracy >= 0.95, "{}", r.accuracy);
    assert!(r.loss < 0.3, "{}", r.loss);
    assert!(
        r.net.w[0] < 0.0 && r.net.w[1] > 0.0 && r.net.b > 0.0,
        "{:?}",
        r.net
    );
    let han = QUERIES.map(|(a, b)| r.net.predict(&[a, b]) > 0.5);
    assert_eq!(han, [true, false, true]);
}

#[test]
fn more_epochs_approach_the_generators_line() {
    // Book 6.4: after 10000 epochs w12 = 1.995, b12 = −0.495, near the generator's
    // x2 = 2·x1 − 0.5. On our default draw (seed 2) the line goes from slope 2.26,
    // intercept −0.64 at epoch 100 to 2.01, −0.500 at epoch 10000 (this code, run once);
    // the band is tolerant. Other seeds settle further away (seed 1: 2.26, −0.63),
    // because a few points near the border decide where the line ends up.
    let w = run(&[("epochs", "10000")], 10000);
    let (slope, intercept) = w.net().line().unwrap();
    assert!((slope - 2.0).abs() < 0.15, "{slope}");
    assert!((intercept + 0.5).abs() < 0.08, "{intercept}");
    let (s100, i100) = w.history()[100].net.line().unwrap();
    assert!((slope - 2.0).abs() < (s100 - 2.0).abs(), "{s100} → {slope}");
    assert!(
        (intercept + 0.5).abs() < (i100 + 0.5).abs(),
        "{i100} → {intercept}"
    );
    // The table keeps every epoch to 100, then every 100th: 101 + 99 rows.
    assert_eq!(w.table().rows.len(), 200);
}

#[test]
fn bad_settings_are_bilingual_errors_and_huge_eta_stays_finite() {
    let e = Logistic::from_params(&Params::of(&[("batch", "0")]))
        .err()
        .unwrap();
    assert_eq!(e.kind, ErrorKind::OutOfRange);
    assert!(e.text.zh.contains("批大小"), "{}", e.text.zh);
    let w = run(&[("eta", "10"), ("batch", "1")], 100);
    let t = w.table();
    assert!(t.all_finite());
    assert!(w.readouts().iter().all(|r| r.value.is_finite()));
}
