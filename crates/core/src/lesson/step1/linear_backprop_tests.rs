//! Tests of [`super`]: the book's numbers and hand computations.

use super::*;
use crate::widget::refusal;

fn run(strategy: &str, tol: &str) -> LinearBackprop {
    let p = Params::of(&[("strategy", strategy), ("tol", tol)]);
    let mut w = LinearBackprop::from_params(&p).unwrap();
    for _ in 0..50 {
        if let Outcome::Done(_) = w.step().unwrap() {
            break;
        }
    }
    w
}

#[test]
fn starting_point_and_partials_match_the_book() {
    // Book ch2.1: w=3, b=4 → x=18, y=9, z=162; ∂z/∂w = 18, ∂z/∂b = 63.
    assert_eq!(forward(3.0, 4.0), (18.0, 9.0, 162.0));
    assert_eq!(factors(3.0, 4.0), (18.0, 63.0));
    // One-shot corrections. The book rounds the corrected value first (w = 2.3333,
    // b = 3.8095) and prints z = 150.0003 and 150.2162; unrounded, w only lands
    // exactly on 150 and b only on 150.217687 (hand computation).
    assert_eq!(fmt_num(forward(3.0 - 12.0 / 18.0, 4.0).2, 4), "150.0000");
    assert_eq!(fmt_num(forward(3.0, 4.0 - 12.0 / 63.0).2, 4), "150.2177");
}

#[test]
fn the_four_strategies_reproduce_the_books_printout() {
    // Book ch2.1 (Level1_BP_Linear.py, error = 1e-5, counting applied corrections):
    // b fixed: 5 iterations, b = 3.805937; b recomputed: 3, b = 3.805937 (factors
    // 63 → 60.714286 → 60.671261); w,b fixed: 4, b = 3.903277, w = 2.661469;
    // w,b recomputed: 3, b = 3.903263, w = 2.661517.
    let cases = [
        ("b-fixed", 5, "3.805937", "3.000000"),
        ("b-recompute", 3, "3.805937", "3.000000"),
        ("wb-fixed", 4, "3.903277", "2.661469"),
        ("wb-recompute", 3, "3.903263", "2.661517"),
    ];
    for (s, n, b, w) in cases {
        let r = run(s, "1e-5");
        let (cw, cb) = r.current();
        assert_eq!(
            (r.iterations(), fmt_num(cb, 6), fmt_num(cw, 6)),
            (n, b.to_string(), w.to_string()),
            "{s}"
        );
    }
    let r = run("b-recompute", "1e-5");
    let fb: Vec<String> = r
        .table()
        .rows
        .iter()
        .filter_map(|row| row[7])
        .map(|v| fmt_num(v, 6))
        .collect();
    assert_eq!(fb, ["63.000000", "60.714286", "60.671261"]);
}

#[test]
fn with_tolerance_1e_4_the_counts_drop() {
    // Same loops stopped at |Δz| < 1e-4 (hand-run of the book's loop): 4, 2, 4, 2.
    let counts: Vec<usize> = ["b-fixed", "b-recompute", "wb-fixed", "wb-recompute"]
        .iter()
        .map(|s| run(s, "1e-4").iterations())
        .collect();
    assert_eq!(counts, [4, 2, 4, 2]);
}

#[test]
fn a_zero_partial_is_a_message() {
    let e = refusal::<LinearBackprop>(&[("b", "-0.5"), ("strategy", "wb-fixed")]);
    assert_eq!(e.kind, ErrorKind::Domain);
}
