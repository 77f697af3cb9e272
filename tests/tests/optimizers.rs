//! The step-7 optimizer lesson in the page: the race steps and its per-optimizer table
//! redraws in place, the (w, b) comparison shows our counts beside the book's, the charts
//! are drawn, the Chinese page is in Chinese, and the page fits a phone.

use ninestep_e2e::{switch_language, Browser};
use std::time::Duration;

const RACE: &str = "ninestep-widget#optimizer-race";
const WB: &str = "ninestep-widget#optimizer-wb";

/// The texts of column `key` of the widget `widget`'s table.
async fn column(b: &Browser, widget: &str, key: &str) -> Vec<String> {
    b.texts(&format!("{widget} tbody td[data-key={key}]")).await
}

#[tokio::test]
async fn the_race_steps_and_the_comparison_matches_the_core() {
    let b = Browser::start().await;
    b.goto("lessons/optimizers.html#lang=en").await;
    b.wait_widgets_ready("the optimizer lesson").await;

    // One row per racer, named; the table changes at every Step (every row in place).
    let names = b.texts(&format!("{RACE} tbody th[data-key=row]")).await;
    assert_eq!(
        names,
        ["SGD", "Momentum", "NAG", "AdaGrad", "AdaDelta", "RMSProp", "Adam"]
    );
    let start = column(&b, RACE, "f").await;
    assert!(start.iter().all(|f| f == "8.900000"), "{start:?}");
    for n in 1..=3 {
        b.click(&format!("{RACE} button[data-action=step]")).await;
        b.wait_for(
            &format!("document.querySelector('{RACE}').dataset.steps === '{n}'"),
            "a race step",
        )
        .await;
    }
    let after = column(&b, RACE, "f").await;
    assert_eq!(after.len(), 7);
    assert!(after.iter().zip(&start).all(|(a, s)| a != s), "{after:?}");
    // SGD after three steps at η 0.95 (as the core computes it): x = −7·0.81³.
    let xs = column(&b, RACE, "x").await;
    assert_eq!(xs[0], "-3.7201");
    let (ink, all) = b.canvas_ink(&format!("{RACE} canvas")).await;
    assert!(ink * 10 > all, "race chart mostly blank: {ink} of {all}");

    // The comparison: our iterations on the default data beside the book's.
    assert_eq!(
        column(&b, WB, "ours").await,
        ["40", "46", "46", "45", "396", "57", "18"]
    );
    assert_eq!(
        column(&b, WB, "book").await,
        ["148", "128", "", "", "", "130", "107"]
    );
    b.click(&format!("{WB} button[data-action=step]")).await;
    b.wait_for(
        &format!("document.querySelector('{WB}').dataset.steps === '1'"),
        "a step of the ch4 fit",
    )
    .await;
    let (ink, all) = b.canvas_ink(&format!("{WB} canvas")).await;
    assert!(ink * 10 > all, "wb chart mostly blank: {ink} of {all}");
    b.assert_no_console_errors("optimizers").await;
    b.screenshot("lesson-optimizers-stepped-en").await;

    // Chinese: labels, table headers and the status are translated.
    switch_language(&b, "zh").await;
    let heads = b.texts(&format!("{WB} thead th")).await;
    assert!(heads.iter().any(|h| h == "迭代次数（本站）"), "{heads:?}");
    let labels = b.texts(&format!("{RACE} label")).await.join(" ");
    assert!(
        labels.contains("参赛者") && labels.contains("不起作用"),
        "{labels}"
    );
    let status = b.texts(&format!("{RACE} .nw-message")).await.join(" ");
    assert!(status.contains("第 3 步"), "{status}");
    b.screenshot("lesson-optimizers-stepped-zh").await;
    b.finish().await;
}

#[tokio::test]
async fn the_lesson_fits_a_phone() {
    let b = Browser::start().await;
    let _ = b.client.set_window_size(390, 2400).await;
    b.goto("lessons/optimizers.html#lang=zh").await;
    b.wait_widgets_ready("the optimizer lesson on a phone")
        .await;
    for _ in 0..20 {
        b.click(&format!("{RACE} button[data-action=step]")).await;
    }
    b.wait_for(
        &format!("document.querySelector('{RACE}').dataset.steps === '20'"),
        "twenty race steps",
    )
    .await;
    // Nothing wider than the screen: the page never scrolls sideways.
    let wide = b
        .js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await;
    assert_eq!(wide, serde_json::json!(0), "the page scrolls sideways");
    let (ink, all) = b.canvas_ink(&format!("{RACE} canvas")).await;
    assert!(ink * 10 > all, "race chart mostly blank on a phone");
    b.click(&format!("{WB} button[data-action=step]")).await;
    // Photograph the screen as a phone shows it: the rules table, the race, the ch4 fit.
    for (selector, name) in [(".prose table", "rules"), (RACE, "race"), (WB, "wb")] {
        b.js(&format!(
            "document.querySelector('{selector}').scrollIntoView(); return true"
        ))
        .await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let png = b.client.screenshot().await.expect("screenshot");
        let dir = ninestep_e2e::screenshot_dir();
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("lesson-optimizers-phone-{name}-zh.png"));
        std::fs::write(path, png).expect("writes");
    }
    b.assert_no_console_errors("optimizers on a phone").await;
    b.finish().await;
}
