//! The numbers the step-6 lesson (`content/lessons/deployment.*.md`) states, computed: the
//! pad's test accuracy after its default Run, and the viewer's parameter counts.

use ninestep_core::widget::Outcome;
use ninestep_core::{fmt_num, AnyWidget, Params};

mod common;
use common::shipped_digits;

/// Checks that `deployment.{lang}.md` says `phrase`.
fn says(lang: &str, phrase: &str) {
    common::says("deployment", lang, phrase);
}

fn readout(w: &AnyWidget, key: &str) -> f64 {
    w.readouts()
        .iter()
        .find(|r| r.key == key)
        .map_or(f64::NAN, |r| r.value)
}

#[test]
fn the_pads_default_run_reaches_the_accuracy_the_text_names() {
    let bytes = shipped_digits();
    let mut w = AnyWidget::new("digit-pad", &Params::default()).expect("digit-pad");
    w.attach_data(&bytes).expect("the digits attach");
    let mut steps = 0;
    while let Ok(Outcome::Stepped) = w.step() {
        steps += 1;
    }
    assert_eq!(steps + 1, 5 * 8, "5 epochs of 8 Steps");
    let acc = fmt_num(readout(&w, "test_accuracy"), 3);
    for lang in ["en", "zh"] {
        says(lang, &acc);
        says(lang, &fmt_num(readout(&w, "test_accuracy"), 4));
    }
    says("en", "for 5 epochs");
    says("zh", "训练 5 轮");
}

#[test]
fn the_viewers_counts_are_the_ones_the_text_adds_up() {
    for (net, total) in [
        ("digits", "51,450"),
        ("deep", "111,514"),
        ("dense10", "7,850"),
    ] {
        let mut p = Params::default();
        p.set("net", net);
        let w = AnyWidget::new("model-view", &p).expect("model-view");
        let n = readout(&w, "params") as usize;
        assert_eq!(format!("{},{:03}", n / 1000, n % 1000), total);
        for lang in ["en", "zh"] {
            says(lang, total);
        }
    }
    for lang in ["en", "zh"] {
        says(lang, "784·64 + 64 = 50,240");
    }
}
