//! The step-8 shapes-and-colours lesson (ch18.1–18.3) in the page: the gallery has
//! coloured ink, a Step trains and an epoch adds a row to the table, a bad `task` in the
//! address gives the message in English and in Chinese, and the page fits a phone.

use ninestep_e2e::{switch_language, Browser};

const COLOUR: &str = "ninestep-widget#shapes-colour";
const SHAPE: &str = "ninestep-widget#shapes-shape";

/// Canvas pixels that are strongly coloured (one channel high, another low): the
/// gallery's red, green, blue … figures, not the chart's grey axes or black canvases.
async fn coloured_pixels(b: &Browser, widget: &str) -> u64 {
    let v = b
        .js(&format!(
            "const c = document.querySelector('{widget} canvas');
             const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
             let n = 0;
             for (let i = 0; i < d.length; i += 4) {{
               const hi = Math.max(d[i], d[i + 1], d[i + 2]), lo = Math.min(d[i], d[i + 1], d[i + 2]);
               if (hi > 200 && lo < 40) n++;
             }}
             return n;"
        ))
        .await;
    v.as_u64().unwrap_or(0)
}

async fn step(b: &Browser, widget: &str, n: usize) {
    b.click(&format!("{widget} button[data-action=step]")).await;
    b.wait_for(
        &format!("document.querySelector('{widget}').dataset.steps === '{n}'"),
        &format!("step {n} of {widget}"),
    )
    .await;
}

#[tokio::test]
async fn the_gallery_is_coloured_and_a_step_trains() {
    let b = Browser::start().await;
    // One epoch only, so that Run reaches the end of it quickly.
    b.goto("lessons/cnn-shapes.html#lang=en&shapes-colour.epochs=1")
        .await;
    b.wait_widgets_ready("the shapes lesson").await;
    for w in [COLOUR, SHAPE] {
        let (ink, all) = b.canvas_ink(&format!("{w} canvas")).await;
        assert!(ink * 20 > all, "{w}: chart mostly blank ({ink} of {all})");
    }
    let coloured = coloured_pixels(&b, COLOUR).await;
    assert!(
        coloured > 500,
        "the colour gallery has {coloured} coloured pixels"
    );
    // The shape task is grey: white ink on black, no colour.
    assert_eq!(coloured_pixels(&b, SHAPE).await, 0);

    // Epoch 0 (untrained) is the only row; a Step trains 8 mini-batches.
    let accuracy = format!("{COLOUR} tbody td[data-key=test_accuracy]");
    let before = b.texts(&accuracy).await;
    assert_eq!(before.len(), 1, "{before:?}");
    step(&b, COLOUR, 1).await;
    let updates = b
        .texts(&format!("{COLOUR} .nw-readouts div[data-key=updates] dd"))
        .await;
    assert_eq!(updates.join(""), "8", "{updates:?}");
    // Run to the end of the epoch: a second row with a better accuracy.
    b.click(&format!("{COLOUR} button[data-action=run]")).await;
    b.wait_for(
        &format!(
            "document.querySelectorAll('{COLOUR} tbody td[data-key=test_accuracy]').length === 2"
        ),
        "the end of epoch 1",
    )
    .await;
    let after = b.texts(&accuracy).await;
    assert_ne!(after[1], after[0], "{after:?}");
    b.assert_no_console_errors("cnn-shapes").await;
    b.screenshot("lesson-cnn-shapes-en").await;

    switch_language(&b, "zh").await;
    let labels = b.texts(&format!("{COLOUR} label")).await.join(" ");
    assert!(
        labels.contains("任务") && labels.contains("网络"),
        "{labels}"
    );
    b.screenshot("lesson-cnn-shapes-zh").await;
    b.finish().await;
}

#[tokio::test]
async fn a_bad_task_in_the_address_is_explained_in_both_languages() {
    let b = Browser::start().await;
    b.goto("lessons/cnn-shapes.html#lang=en&shapes-colour.task=texture")
        .await;
    let error = format!("document.querySelector('{COLOUR} .nw-message.nw-error')");
    b.wait_for(
        &format!("({error}?.textContent || '').includes('texture')"),
        "the English message",
    )
    .await;
    let en = b
        .texts(&format!("{COLOUR} .nw-message.nw-error"))
        .await
        .join(" ");
    assert!(en.contains("not a choice") && en.contains("task"), "{en}");
    switch_language(&b, "zh").await;
    b.wait_for(
        &format!("({error}?.textContent || '').includes('任务')"),
        "the Chinese message",
    )
    .await;
    // The other widget on the page is unharmed.
    let (ink, all) = b.canvas_ink(&format!("{SHAPE} canvas")).await;
    assert!(ink * 20 > all);
    b.finish().await;
}

#[tokio::test]
async fn the_lesson_fits_a_phone() {
    let b = Browser::start().await;
    let _ = b.client.set_window_size(390, 2400).await;
    b.goto("lessons/cnn-shapes.html#lang=zh").await;
    b.wait_widgets_ready("the shapes lesson on a phone").await;
    let wide = b
        .js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await;
    assert_eq!(wide, serde_json::json!(0), "the page scrolls sideways");
    assert!(coloured_pixels(&b, COLOUR).await > 100);
    b.screenshot_at("lesson-cnn-shapes-phone-zh", 390).await;
    b.assert_no_console_errors("cnn-shapes on a phone").await;
    b.finish().await;
}
