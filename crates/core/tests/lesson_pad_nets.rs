//! The step-6 pad's three nets (`net=digits|deep|cnn`) after their default Run on the
//! shipped digits: the test accuracy the pad reports is recomputed digit by digit on the
//! 2,000 held-out digits, and the lesson text (en, zh) states it.

use ninestep_core::lesson::digit_run::TEST;
use ninestep_core::lesson::step6::pad::{classify, DigitPad};
use ninestep_core::nn::metrics::class_of;
use ninestep_core::widget::{Outcome, Widget};
use ninestep_core::{fmt_num, Params};

mod common;
use common::{lesson, shipped_digits};

/// The pad with `net`, trained by Run (Steps until Done) for its default epochs.
fn trained(net: &str) -> (DigitPad, usize) {
    let bytes = shipped_digits();
    let mut p = Params::default();
    p.set("net", net);
    let mut pad = DigitPad::from_params(&p).expect("digit-pad");
    pad.attach_data(&bytes).expect("the digits attach");
    let mut steps = 1;
    while let Ok(Outcome::Stepped) = pad.step() {
        steps += 1;
    }
    (pad, steps)
}

/// Share of the 2,000 held-out digits the pad's net classifies right, one at a time.
fn recount(pad: &DigitPad) -> f64 {
    let mut net = pad.network().clone();
    let run = pad.trainer();
    let right = (0..TEST)
        .filter(|&i| {
            let x = run.test_image(i).expect("a test digit");
            let (p, _, _) = classify(&mut net, x).expect("784 → 10");
            Some(class_of(&p)) == run.test_label(i)
        })
        .count();
    right as f64 / TEST as f64
}

fn accuracy_is_recomputed_and_written(net: &str, epochs: usize, steps_per_epoch: usize) {
    let (pad, steps) = trained(net);
    assert_eq!(pad.epochs(), 5, "the default epochs");
    assert_eq!(steps, epochs * steps_per_epoch, "{net}: Steps of a Run");
    let reported = pad
        .trainer()
        .history()
        .last()
        .expect("epochs")
        .test_accuracy;
    assert_eq!(pad.trainer().history().len(), epochs + 1);
    let again = recount(&pad);
    assert!(
        (reported - again).abs() < 1e-9,
        "{net}: {reported} vs {again}"
    );
    let shown = fmt_num(again * 100.0, 2);
    for lang in ["en", "zh"] {
        let t = lesson("deployment", lang);
        assert!(
            t.contains(&format!("{shown} %")),
            "deployment.{lang}.md should say “{shown} %” for {net}"
        );
    }
}

#[test]
fn the_digits_net_after_its_default_run() {
    // 8,000 / 128 = 63 mini-batches an epoch, 8 a Step: 8 Steps.
    accuracy_is_recomputed_and_written("digits", 5, 8);
}

#[test]
fn the_deep_net_after_its_default_run() {
    // 8,000 / 64 = 125 mini-batches an epoch, 25 a Step: 5 Steps.
    accuracy_is_recomputed_and_written("deep", 5, 5);
}

#[test]
fn the_cnn_after_its_default_run() {
    // 8,000 / 128 = 63 mini-batches an epoch, 1 a Step: 63 Steps.
    accuracy_is_recomputed_and_written("cnn", 5, 63);
}
