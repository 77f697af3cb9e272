//! The ch14 functional tests as the deep-networks page sets them up: each `{{widget …}}`
//! line with an `id` below is read from the page, built with exactly its attributes, run,
//! and its number compared with the book's (ch14.1 cobra test R² 0.98178, ch14.3 arcs test
//! accuracy 1.0). The digits net (ch14.6) is pinned in `lesson/step7/deep_digits_tests.rs`.

#![allow(clippy::unwrap_used)] // helpers outside #[test] fns read the lesson files

use ninestep_core::widget::Outcome;
use ninestep_core::{AnyWidget, Params};

/// The widget name and attributes (without `id`) of the marker with `id` in `slug.lang.md`.
fn preset(slug: &str, lang: &str, id: &str) -> (String, Params) {
    let path = format!(
        "{}/../../content/lessons/{slug}.{lang}.md",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("{{widget ") && l.contains(&format!(" id={id}}}")))
        .unwrap_or_else(|| panic!("{path} has no widget with id={id}"));
    let body = &line["{{widget ".len()..line.len() - 2];
    let mut words = body.split_whitespace();
    let name = words.next().unwrap().to_string();
    let mut p = Params::default();
    for w in words {
        let (k, v) = w.split_once('=').unwrap();
        if k != "id" {
            p.set(k, v);
        }
    }
    (name, p)
}

fn says(lang: &str, phrase: &str) {
    let path = format!(
        "{}/../../content/lessons/deep-networks.{lang}.md",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(phrase), "{path} should say “{phrase}”");
}

fn readout(w: &AnyWidget, key: &str) -> f64 {
    w.readouts().iter().find(|r| r.key == key).unwrap().value
}

#[test]
fn ch14_1_cobra_1_4_1_reaches_the_books_test_r2() {
    // Book ch14.1: 1-4(Sigmoid)-1, η 0.5, batch 10, Xavier; at epoch 4999 test R² 0.98178.
    for lang in ["en", "zh"] {
        let (name, p) = preset("deep-networks", lang, "cobra-141");
        assert_eq!(name, "curve-fit");
        let mut w = AnyWidget::new(&name, &p).unwrap();
        while w.steps() < 100 {
            w.step().unwrap();
        }
        let AnyWidget::CurveFit(c) = &w else { panic!() };
        assert_eq!((c.epochs(), c.hidden()), (5000, 4));
        let r2 = c.test_r2();
        eprintln!("cobra 1-4-1 after 5000 epochs: test R² {r2}");
        assert!((r2 - 0.98178).abs() < 0.01, "test R² {r2}");
        says(lang, &format!("{r2:.4}"));
    }
}

#[test]
fn ch14_3_arcs_2_3_1_separates_every_test_point() {
    // Book ch14.3: 2-3(Sigmoid)-1(Logistic), η 0.1, batch 5; epoch 419, test accuracy 1.0.
    let (name, p) = preset("deep-networks", "en", "arcs-231");
    assert_eq!(
        preset("deep-networks", "zh", "arcs-231"),
        (name.clone(), p.clone())
    );
    let mut w = AnyWidget::new(&name, &p).unwrap();
    let AnyWidget::Trainer(t) = &w else { panic!() };
    assert_eq!(t.experiment().config.layers, vec![3]);
    let mut first_perfect = None;
    while w.steps() < 50 {
        assert_eq!(w.step().unwrap(), Outcome::Stepped);
        if first_perfect.is_none() && readout(&w, "test_accuracy") == 1.0 {
            first_perfect = Some(readout(&w, "epoch"));
        }
    }
    eprintln!("arcs 2-3-1: test accuracy 1 from epoch {first_perfect:?}");
    assert!(
        first_perfect.is_some_and(|e| e <= 420.0),
        "{first_perfect:?}"
    );
    assert_eq!(readout(&w, "test_accuracy"), 1.0);
    let e = first_perfect.unwrap_or_default();
    says("en", &format!("from epoch {e}"));
    says("zh", &format!("从第 {e} 轮起"));
}
