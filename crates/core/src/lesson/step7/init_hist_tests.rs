//! The book's conclusions of ch15.1, checked on the numbers the widget computes.

use super::*;

fn widget(combo: &str) -> InitHistograms {
    let mut p = Params::default();
    p.set("combo", combo);
    InitHistograms::from_params(&p).unwrap()
}

#[test]
fn each_pairing_gets_the_books_verdict() {
    // Normal + sigmoid: z has a spread of about √128 ≈ 11, so nearly everything lands at
    // 0 or 1 already in layer 1.
    let n = widget("normal-sigmoid");
    assert!(n.layers.iter().all(|l| l.stuck > 0.55), "{:?}", n.layers);
    assert!(n.status().unwrap().en.contains("poor"));
    // Xavier + ReLU: Xavier's weight variance 1/128 here (2/(n_in + n_out)) is half of
    // what ReLU needs (2/n_in), so each layer passes on about 1/√2 of the spread:
    // (1/√2)⁵ ≈ 0.18 from layer 1 to layer 6 (measured: 0.166).
    let xr = widget("xavier-relu");
    assert!(
        (0.1..0.25).contains(&xr.spread_ratio()),
        "{}",
        xr.spread_ratio()
    );
    assert!(xr.status().unwrap().en.contains("shrinks"));
    // MSRA + ReLU and Xavier + tanh: the right pairings keep a usable spread (tanh's
    // shrinks slowly, 0.63 → 0.29 over six layers; MSRA's stays about the same).
    for (good, lo) in [("msra-relu", 0.9), ("xavier-tanh", 0.4)] {
        let w = widget(good);
        assert!(w.spread_ratio() > lo, "{good}: {}", w.spread_ratio());
        assert!(w.status().unwrap().en.contains("good"), "{good}");
    }
    // Xavier + sigmoid gathers near 0.5 with a small spread.
    let xs = widget("xavier-sigmoid");
    assert!((xs.layers[5].mean - 0.5).abs() < 0.1 && xs.layers[5].std < 0.15);
    assert!(xs.status().unwrap().en.contains("not ideal"));
    // MSRA keeps ReLU units alive: no unit of any layer is dead for the whole batch.
    assert!(widget("msra-relu").layers.iter().all(|l| l.stuck < 0.05));
}

#[test]
fn histograms_count_every_output_and_stats_match_by_hand() {
    let w = widget("xavier-tanh");
    for l in &w.layers {
        assert_eq!(l.counts.iter().sum::<usize>(), SAMPLES * WIDTH);
    }
    // tanh is odd and the inputs are symmetric: means near 0.
    assert!(w.layers.iter().all(|l| l.mean.abs() < 0.02));
    assert_eq!(w.range(), (-1.0, 1.0));
    assert_eq!(w.table().rows.len(), LAYERS);
    let mut p = Params::default();
    p.set("combo", "he-swish");
    assert!(InitHistograms::from_params(&p).is_err());
}
