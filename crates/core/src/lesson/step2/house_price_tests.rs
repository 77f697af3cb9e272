//! Tests of [`super`]: the book's numbers and hand computations.

use super::*;

fn build(norm: &str, eta: &str, batch: &str, epochs: &str) -> HousePrice {
    let p = Params::of(&[
        ("norm", norm),
        ("eta", eta),
        ("batch", batch),
        ("epochs", epochs),
    ]);
    HousePrice::from_params(&p).unwrap()
}

fn run(w: &mut HousePrice) -> Result<Outcome> {
    loop {
        match w.step()? {
            Outcome::Stepped => {}
            done => return Ok(done),
        }
    }
}

#[test]
fn normal_equation_matches_cramers_rule_and_the_generator() {
    // Independent check: the same 3×3 normal equations solved by Cramer's rule.
    let w = build("x", "0.01", "10", "1");
    let (mut a, mut r) = ([[0.0; 3]; 3], [0.0; 3]);
    for (row, &y) in w.x.iter().zip(&w.y) {
        let v = [1.0, row[0], row[1]];
        for i in 0..3 {
            for k in 0..3 {
                a[i][k] += v[i] * v[k];
            }
            r[i] += v[i] * y;
        }
    }
    let det = |m: [[f64; 3]; 3]| {
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    };
    let col = |c: usize| {
        let mut m = a;
        (0..3).for_each(|i| m[i][c] = r[i]);
        det(m) / det(a)
    };
    let ([w1, w2], b) = w.best();
    for (got, want) in [(b, col(0)), (w1, col(1)), (w2, col(2))] {
        assert!(
            (got - want).abs() < 1e-9 * want.abs().max(1.0),
            "{got} {want}"
        );
    }
    // The generator is w = (−2, 5), b = 50 with integer noise in [−49, 49]; the book's
    // own draw gave −2.018, 5.055, 46.235 and 486.1 for (15 km, 93 m²).
    assert!(
        (w1 + 2.0).abs() < 0.15 && (w2 - 5.0).abs() < 0.1,
        "{w1} {w2}"
    );
    assert!((b - 50.0).abs() < 8.0, "{b}");
    let z = w1 * 15.0 + w2 * 93.0 + b;
    assert!((z - 485.0).abs() < 5.0, "{z}");
}

#[test]
fn raw_data_diverges_with_a_finite_table() {
    // Book ch5.2: raw data, η = 0.1, batch 1 → loss 6.8e+66 at iteration 10, then nan.
    let mut w = build("none", "0.1", "1", "100");
    let e = run(&mut w).err();
    assert_eq!(e.as_ref().map(|e| e.kind), Some(ErrorKind::Diverged));
    assert!(e.is_some_and(|e| e.text.en.contains("iteration") && e.text.zh.contains("发散")));
    let t = w.table();
    assert_eq!(t.rows.len(), 1);
    assert!(t.all_finite());
    assert!(w.readouts().iter().all(|r| r.value.is_finite()));
    // Stepping again reports the same end, never a panic.
    assert!(matches!(w.step(), Ok(Outcome::Done(_))));
}

#[test]
fn normalised_runs_match_the_normal_equation() {
    // Book Table 5-10: normal equation (−2.018, 5.055, 46.235) vs the net trained on
    // normalised X with η 0.01, batch 10, 500 epochs (−2.017, 5.055, 46.266), and
    // 486.34 with Y normalised too (ch5.6, 200 epochs). Within 1 % here.
    for (norm, epochs) in [("x", "200"), ("xy", "200")] {
        let mut w = build(norm, "0.01", "10", epochs);
        assert!(matches!(run(&mut w), Ok(Outcome::Done(_))));
        let (bw, bb) = w.best();
        let r = w.last();
        for (got, want) in [(r.w[0], bw[0]), (r.w[1], bw[1]), (r.b, bb)] {
            assert!(
                (got - want).abs() < 0.01 * want.abs(),
                "{norm}: {got} vs {want}"
            );
        }
        let best_loss = loss(&w.x, &w.y, bw, bb);
        assert!(
            r.loss < best_loss * 1.01,
            "{norm}: {} vs {best_loss}",
            r.loss
        );
    }
}

#[test]
fn solve3_by_hand() {
    // 2a + b = 5, a + 3b + c = 7, b + 4c = 9 → a = 2, b = 1, c = 2.
    let t = solve3(
        [[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0]],
        [5.0, 7.0, 9.0],
    );
    let t = t.unwrap_or_default();
    assert!((t[0] - 2.0).abs() < 1e-12 && (t[1] - 1.0).abs() < 1e-12 && (t[2] - 2.0).abs() < 1e-12);
    assert_eq!(
        solve3(
            [[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [0.0, 0.0, 1.0]],
            [1.0; 3]
        ),
        None
    );
}

#[test]
fn bad_settings_are_bilingual_errors() {
    for (k, v) in [
        ("norm", "z"),
        ("eta", "0"),
        ("batch", "2.5"),
        ("batch", "0"),
        ("seed", "x"),
    ] {
        let e = HousePrice::from_params(&Params::of(&[(k, v)])).err();
        assert!(
            e.is_some_and(|e| !e.text.en.is_empty() && !e.text.zh.is_empty()),
            "{k}={v}"
        );
    }
}

#[test]
fn fractional_counts_and_seeds_are_refused_in_both_languages() {
    use crate::error::ErrorKind;
    use crate::widget::all_refused;
    all_refused::<HousePrice>(
        ErrorKind::BadValue,
        &["batch=2.5", "epochs=10.5", "seed=1.5"],
    );
}
