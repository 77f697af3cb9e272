//! Tests of the book's generators: sizes, ranges, class rules and determinism.

use super::book::*;
use super::Dataset;
use crate::error::ErrorKind;

fn col_stats(d: &Dataset, j: usize) -> (f32, f32, f64) {
    let c = d.column(j);
    let (lo, hi) = d.column_range(j);
    (
        lo,
        hi,
        c.iter().map(|&v| v as f64).sum::<f64>() / c.len() as f64,
    )
}

/// Sample `i`'s two features in f64.
fn point(d: &Dataset, i: usize) -> (f64, f64) {
    (d.row(i)[0] as f64, d.row(i)[1] as f64)
}

/// A split's samples (train, test), outputs and classes.
fn sizes(train: &Dataset, test: &Dataset) -> (usize, usize, usize, usize) {
    (train.n, test.n, train.outputs, train.classes)
}

fn deterministic(f: impl Fn(u64) -> Vec<Dataset>) {
    assert_eq!(f(7), f(7));
    let (a, b) = (f(7), f(8));
    assert!(a.iter().zip(&b).all(|(a, b)| a.x != b.x || a.y != b.y));
}

#[test]
fn every_generator_is_deterministic_per_seed() {
    deterministic(|s| vec![ch04(s)]);
    deterministic(|s| vec![ch05(s)]);
    deterministic(|s| vec![ch06(s)]);
    deterministic(|s| vec![ch07(s)]);
    deterministic(|s| vec![ch08(s).0]);
    deterministic(|s| vec![ch09(s).0]);
    deterministic(|s| vec![ch10(s).0, ch10(s).1]);
    deterministic(|s| vec![ch11(s).0, ch11(s).1]);
    // The clean test curves do not depend on the seed at all.
    assert_eq!(ch08(1).1, ch08(2).1);
    assert_eq!(ch09(1).1, ch09(2).1);
}

#[test]
fn ch04_is_a_noisy_line() {
    let d = ch04(1);
    assert_eq!(
        (d.n, d.features, d.outputs, d.classes, d.name.as_str()),
        (100, 1, 1, 0, "ch04")
    );
    assert!(d.x.iter().all(|x| (0.0..1.0).contains(x)));
    let res: Vec<f64> = (0..d.n)
        .map(|i| (d.y[i] - 2.0 * d.x[i] - 3.0) as f64)
        .collect();
    let sd = (res.iter().map(|r| r * r).sum::<f64>() / 100.0).sqrt();
    assert!((0.13..0.27).contains(&sd), "{sd}");
    let x: Vec<f64> = d.x.iter().map(|&v| v as f64).collect();
    let y: Vec<f64> = d.y.iter().map(|&v| v as f64).collect();
    let (w, b) = super::least_squares(&x, &y);
    assert!((w - 2.0).abs() < 0.2 && (b - 3.0).abs() < 0.12, "{w} {b}");
}

#[test]
fn ch05_matches_the_books_ranges() {
    let d = ch05(1);
    assert_eq!((d.n, d.features, d.outputs), (1000, 2, 1));
    let (lo1, hi1, m1) = col_stats(&d, 0);
    assert!(
        (2.0..2.1).contains(&lo1) && (21.9..22.0).contains(&hi1),
        "{lo1} {hi1}"
    );
    assert!((11.5..12.5).contains(&m1), "{m1}");
    let (lo2, hi2, m2) = col_stats(&d, 1);
    assert_eq!((lo2, hi2), (40.0, 119.0));
    assert!((77.0..82.0).contains(&m2), "{m2}");
    assert!(d.column(1).iter().all(|v| v.fract() == 0.0));
    let ys: Vec<f32> = d.y.clone();
    let (ylo, yhi) = ys
        .iter()
        .fold((f32::MAX, f32::MIN), |(a, b), &v| (a.min(v), b.max(v)));
    let ym = ys.iter().map(|&v| v as f64).sum::<f64>() / 1000.0;
    assert!(
        (157.0..205.0).contains(&ylo) && (650.0..=690.0).contains(&yhi),
        "{ylo} {yhi}"
    );
    assert!((405.0..435.0).contains(&ym), "{ym}");
    for i in 0..d.n {
        let (x1, x2) = point(&d, i);
        let noise = d.y[i] as f64 - (2.0 * (20.0 - x1) + 5.0 * x2 + 10.0);
        assert!(
            noise.abs() <= 49.001 && (noise - noise.round()).abs() < 1e-3,
            "{noise}"
        );
    }
}

#[test]
fn ch06_labels_follow_the_border() {
    let d = ch06(1);
    assert_eq!((d.n, d.features, d.outputs, d.classes), (200, 2, 1, 2));
    assert!(d.x.iter().all(|x| (0.0..1.0).contains(x)));
    for i in 0..d.n {
        let (x1, x2) = point(&d, i);
        assert_eq!(d.y[i], (x2 > 2.0 * x1 - 0.5) as u8 as f32);
    }
    let c = d.class_counts();
    assert!(c[0] > 40 && c[1] > 100, "{c:?}");
}

#[test]
fn ch07_keeps_about_140_points_by_the_three_lines() {
    for seed in 0..20 {
        let d = ch07(seed);
        assert!((115..=165).contains(&d.n), "seed {seed}: {}", d.n);
        assert_eq!((d.features, d.outputs, d.classes), (2, 3, 3));
        assert!(d.x.iter().all(|x| (0.0..10.0).contains(x)));
        assert!(
            d.class_counts().iter().all(|&c| c > 15),
            "{:?}",
            d.class_counts()
        );
        for i in 0..d.n {
            let (x1, x2) = point(&d, i);
            let [y1, y2, y3] = ch07_lines(x1);
            // The jittered height |x2 − u|, |u| < 1, lies within 1 of x2.
            let (lo, hi) = ((x2 - 1.0).max(0.0), x2 + 1.0);
            let ok = match d.label_class(i) {
                0 => hi > y1 && hi > y2 && hi > y3,
                1 => hi > y1 && lo < y2 && lo < y3,
                _ => lo < y1 && lo < y2 && hi > y3,
            };
            assert!(
                ok,
                "seed {seed} point {i}: ({x1}, {x2}) class {}",
                d.label_class(i)
            );
            assert_eq!(d.target(i).iter().sum::<f32>(), 1.0);
        }
    }
}

#[test]
fn ch08_and_ch09_are_noisy_curves_with_clean_tests() {
    for ((train, test), f, a, sizes) in [
        (ch08(1), sine as fn(f64) -> f64, 0.1, (500, 100)),
        (ch09(1), cobra, 0.05, (1000, 200)),
    ] {
        assert_eq!((train.n, test.n), sizes);
        assert!(train.x.iter().all(|x| (0.0..1.0).contains(x)));
        let res: Vec<f64> = (0..train.n)
            .map(|i| train.y[i] as f64 - f(train.x[i] as f64))
            .collect();
        assert!(res.iter().all(|r| r.abs() <= a + 1e-6));
        assert!(res.iter().any(|r| r.abs() > a * 0.8));
        assert_eq!((test.x[0], test.x[test.n - 1]), (0.0, 1.0));
        assert!((0..test.n).all(|i| (test.y[i] as f64 - f(test.x[i] as f64)).abs() < 1e-6));
        assert!(train.name.ends_with(".train") && test.name.ends_with(".test"));
    }
    assert!((sine(0.25) - 1.0).abs() < 1e-3 && (cobra(0.0) + 0.29).abs() < 1e-12);
}

#[test]
fn ch10_has_two_lifted_arcs() {
    let (train, test) = ch10(1);
    assert_eq!(sizes(&train, &test), (400, 100, 1, 2));
    assert_eq!(train.class_counts(), vec![200, 200]);
    assert_eq!(test.class_counts(), vec![50, 50]);
    for d in [&train, &test] {
        let half = d.n / 2;
        for i in 0..d.n {
            let (x, y) = point(d, i);
            let lift = if i < half { 0.0 } else { 0.65 };
            assert_eq!(d.label_class(i), (i >= half) as usize);
            assert!((y - x.sin() - lift).abs() <= 0.125 + 1e-6);
            assert!((0.0..=BOOK_PI + 1e-6).contains(&x));
        }
        assert_eq!((d.row(0)[0], d.row(half - 1)[0]), (0.0, BOOK_PI as f32));
    }
}

#[test]
fn ch11_is_a_copper_coin() {
    let (train, test) = ch11(1);
    assert_eq!(sizes(&train, &test), (1000, 500, 3, 3));
    for d in [&train, &test] {
        assert!(d.x.iter().all(|x| (-0.5..0.5).contains(x)));
        for i in 0..d.n {
            let (x1, x2) = point(d, i);
            assert_eq!(d.label_class(i), ch11_class(x1, x2));
        }
    }
    // Expected shares: square 0.16, ring π·0.45² − 0.16 ≈ 0.476, outside ≈ 0.364.
    let c = train.class_counts();
    assert!(
        (110..210).contains(&c[0]) && (420..530).contains(&c[1]) && (310..420).contains(&c[2]),
        "{c:?}"
    );
    assert_eq!(
        (
            ch11_class(0.1, -0.1),
            ch11_class(0.3, 0.0),
            ch11_class(0.4, 0.4)
        ),
        (0, 1, 2)
    );
}

#[test]
fn logic_gates_have_their_truth_tables() {
    let table = |g: Gate| logic_gate(g).y;
    assert_eq!(table(Gate::And), vec![0.0, 0.0, 0.0, 1.0]);
    assert_eq!(table(Gate::Or), vec![0.0, 1.0, 1.0, 1.0]);
    assert_eq!(table(Gate::Nand), vec![1.0, 1.0, 1.0, 0.0]);
    assert_eq!(table(Gate::Nor), vec![1.0, 0.0, 0.0, 0.0]);
    let x = xor();
    assert_eq!(
        (x.y.clone(), x.x.clone()),
        (
            vec![0.0, 1.0, 1.0, 0.0],
            vec![0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0]
        )
    );
    let not = logic_gate(Gate::Not);
    assert_eq!(
        (not.n, not.features, not.x.clone(), not.y.clone()),
        (2, 1, vec![0.0, 1.0], vec![1.0, 0.0])
    );
    assert_eq!(Gate::parse("NAND"), Some(Gate::Nand));
}

#[test]
fn by_name_knows_every_set() {
    for name in NAMES {
        let (train, test) = by_name(name, 1).unwrap();
        assert!(train.n > 0);
        assert_eq!(
            test.is_some(),
            ["ch08", "ch09", "ch10", "ch11"].contains(&name),
            "{name}"
        );
    }
    let e = by_name("ch99", 1).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unknown);
    assert!(e.text.en.contains("ch99") && e.text.zh.contains("ch99"));
}
