use super::*;
use crate::lesson::digit_run::real_file;
use crate::widget::{refuses, round_trip, Outcome, Widget};

/// Trains `query` to its stop rule: (epochs, updates, test accuracy).
pub(crate) fn to_stop(bytes: &[u8], query: &[(&str, &str)]) -> (usize, usize, f64) {
    let mut p = Params::default();
    for (k, v) in query {
        p.set(k, *v);
    }
    let mut w = DeepDigits::from_params(&p).unwrap();
    w.attach_data(bytes).unwrap();
    while let Outcome::Stepped = w.step().unwrap() {}
    let last = *w.run().history().last().unwrap();
    (last.epoch, w.run().updates(), last.test_accuracy)
}

#[test]
fn the_net_is_the_books_and_batch_norm_adds_three_layers_per_block() {
    let plain = deep_net(false, 1).build().unwrap();
    let bn = deep_net(true, 1).build().unwrap();
    // 784·128 + 128 + 128·64 + 64 + 64·32 + 32 + 32·16 + 16 + 16·10 + 10 weights and biases.
    assert_eq!(plain.param_count(), 100_480 + 8_256 + 2_080 + 528 + 170);
    assert_eq!((plain.layers().len(), bn.layers().len()), (5, 13));
    // γ and β of the four batch-norm layers.
    assert_eq!(
        bn.param_count(),
        plain.param_count() + 2 * (128 + 64 + 32 + 16)
    );
}

#[test]
fn settings_round_trip_and_bad_ones_are_refused() {
    let w = round_trip::<DeepDigits>(&[("optimizer", "adam"), ("decay", "step")]);
    assert_eq!(w.params().raw("bn"), Some("0"));
    assert!(w.awaiting_data());
    refuses::<DeepDigits>(&["bn=2", "optimizer=lbfgs", "eta=0", "batch=7"]);
}

#[test]
fn batch_norm_on_and_off_to_the_books_loss_as_the_page_says() {
    // Book ch15.6: without BN 6 epochs (5,763 updates), 96.97 %; with BN 4 epochs
    // (4,267 updates), 96.63 %. Ours on 8,000 digits: see the lesson's table, pinned in
    // tests/lesson_text.rs; here the shape of the result.
    let Some(bytes) = real_file() else { return };
    let start = std::time::Instant::now();
    let plain = to_stop(&bytes, &[]);
    let bn = to_stop(&bytes, &[("bn", "1")]);
    eprintln!(
        "deep digits: plain {plain:?}, bn {bn:?} in {:.1?}",
        start.elapsed()
    );
    assert!(plain.0 < MAX_EPOCHS && bn.0 < MAX_EPOCHS);
    // Every epoch is 125 updates of 64 digits.
    assert_eq!((plain.1, bn.1), (plain.0 * 125, bn.0 * 125));
    assert!(plain.2 > 0.9 && bn.2 > 0.9, "{plain:?} {bn:?}");
    // The lesson's table: our epochs (updates) and held-out accuracy.
    let cells = |(e, u, a): (usize, usize, f64)| format!("| {e} ({u}) | {:.2} % |", 100.0 * a);
    page_says(&cells(plain));
    page_says(&cells(bn));
    // The sentence under the widget.
    page_says(&format!("{:.2} %", 100.0 * plain.2));
}

/// Both pages state `cells` (the table row of our run).
pub(crate) fn page_says(cells: &str) {
    for lang in ["en", "zh"] {
        let path = format!(
            "{}/../../content/lessons/deep-networks.{lang}.md",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(cells), "{path} should say “{cells}”");
    }
}
