use super::*;

fn widget(pairs: &[(&str, &str)]) -> GradCheck {
    GradCheck::from_params(&Params::of(pairs)).unwrap()
}

#[test]
fn the_books_worked_example() {
    // Book ch12.2: f = x² + 3x at x = 2, h = 0.001: (10.007001 − 9.993001)/0.002 = 7.
    let f = |x: f64| x * x + 3.0 * x;
    let (p, m) = (f(2.001), f(1.999));
    assert!((p - 10.007001).abs() < 1e-9 && (m - 9.993001).abs() < 1e-9);
    assert!(((p - m) / 0.002 - 7.0).abs() < 1e-9);
}

#[test]
fn backprop_agrees_with_central_differences_in_the_fine_band() {
    let w = widget(&[]);
    assert_eq!(w.entries.len(), 7 * 16 + 16 + 16 * 12 + 12 + 12 * 10 + 10);
    let r = w.overall();
    assert_eq!(band(r), 2, "overall {r}");
    assert!(w.picked().is_some_and(|e| e.rel() < 1e-2));
}

#[test]
fn the_step_trades_truncation_against_f32_rounding() {
    // h = 0.1 is limited by the h² term, h = 0.0001 by rounding over 2h; h = 0.01
    // (our engine's own gradcheck step) beats both.
    let at = |h| widget(&[("h", h)]).overall();
    let (big, mid, tiny) = (at("0.1"), at("0.01"), at("0.0001"));
    assert!(mid < big && mid < tiny, "{big} {mid} {tiny}");
}

#[test]
fn the_planted_bug_is_caught() {
    // The gradient × m (m = 4): rel = (4 − 1)/(4 + 1) = 0.6 for every entry.
    let w = widget(&[("bug", "no-mean")]);
    assert!((w.overall() - 0.6).abs() < 0.01, "{}", w.overall());
    assert_eq!(band(w.overall()), 0);
    assert!(w.status().is_some_and(|t| t.en.contains("wrong")));
}

#[test]
fn an_entry_outside_the_layer_is_refused_in_both_languages() {
    let mut p = Params::default();
    p.set("layer", "3");
    p.set("entry", "120");
    let e = GradCheck::from_params(&p).err().unwrap();
    assert_eq!(e.kind, ErrorKind::OutOfRange);
    assert!(e.text.en.contains("120 weights") && e.text.zh.contains("120 个权重"));
}
