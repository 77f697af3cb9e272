//! The step-8 CNN lesson in the page: the cnn-trainer trains in the Web Worker (Steps
//! advance and the page's copy only draws), the confusion-matrix and kernel panels have
//! ink, a bad `layers` value — typed, or in the URL — gives the message naming the block in
//! English and Chinese while the last good net stays, and the page fits a phone.

use ninestep_e2e::{switch_language, Browser};

const CNN: &str = "ninestep-widget#cnn-trainer";
/// The book's ch18.4 net, the default.
const BOOK: &str = "c8k5,relu,mp2,c16k5,relu,mp2,d32,bn,relu";

async fn step(b: &Browser, n: usize) {
    b.click(&format!("{CNN} button[data-action=step]")).await;
    b.wait_for(
        &format!("document.querySelector('{CNN}').dataset.steps === '{n}'"),
        &format!("Step {n} of the CNN trainer"),
    )
    .await;
}

/// Non-white pixels and all pixels of one quarter of the chart: (column, row) of a 2×2
/// grid (the chart's confusion matrix is (1, 0), the kernels (0, 1)).
async fn quarter_ink(b: &Browser, col: u32, row: u32) -> (u64, u64) {
    let v = b
        .js(&format!(
            "const c = document.querySelector('{CNN} canvas');
             const w = Math.floor(c.width / 2), h = Math.floor(c.height / 2);
             const d = c.getContext('2d').getImageData({col} * w, {row} * h, w, h).data;
             let ink = 0;
             for (let i = 0; i < d.length; i += 4)
               if (d[i + 3] > 0 && (d[i] < 245 || d[i + 1] < 245 || d[i + 2] < 245)) ink++;
             return [ink, w * h];"
        ))
        .await;
    (v[0].as_u64().unwrap_or(0), v[1].as_u64().unwrap_or(0))
}

async fn message(b: &Browser) -> String {
    b.texts(&format!("{CNN} .nw-message")).await.join(" ")
}

async fn readout(b: &Browser, key: &str) -> String {
    b.texts(&format!("{CNN} .nw-readouts div[data-key={key}] dd"))
        .await
        .join(" ")
}

#[tokio::test]
async fn the_cnn_trains_in_the_worker_and_a_bad_net_keeps_the_last_good() {
    let b = Browser::start().await;
    b.goto("lessons/cnn-digits.html#lang=en").await;
    b.wait_widgets_ready("the CNN lesson").await;
    let trainer = b
        .js(&format!(
            "return document.querySelector('{CNN}').dataset.trainer"
        ))
        .await;
    assert_eq!(trainer, serde_json::json!("worker"));
    let params = readout(&b, "params").await;
    assert_eq!(params.replace([',', ' '], ""), "12042");

    // Steps are trained by the worker; the page's copy restores what it sends.
    step(&b, 1).await;
    step(&b, 2).await;
    let updates = readout(&b, "updates").await;
    assert_eq!(updates.trim(), "8", "4 mini-batches per Step");
    for (col, row, what) in [(1, 0, "confusion matrix"), (0, 1, "kernels")] {
        let (ink, all) = quarter_ink(&b, col, row).await;
        assert!(ink * 20 > all, "{what}: mostly blank ({ink} of {all})");
    }
    b.assert_no_console_errors("cnn-digits").await;

    // A net whose third block does not fit: the message names it, the trained net stays.
    let input = format!("{CNN} input.nw-text");
    b.js(&format!(
        "const i = document.querySelector('{input}'); i.value = 'c8k9,mp4,c8k9';
         i.dispatchEvent(new Event('change'));"
    ))
    .await;
    let msg = message(&b).await;
    assert!(
        msg.contains("Block 3 (conv2d)") && msg.contains("5×5"),
        "{msg}"
    );
    let state = b
        .js(&format!(
            "const w = document.querySelector('{CNN}'); return [w.dataset.steps, w.handle.params().layers]"
        ))
        .await;
    assert_eq!(state, serde_json::json!(["2", BOOK]));
    b.screenshot("lesson-cnn-digits-en").await;

    switch_language(&b, "zh").await;
    let labels = b.texts(&format!("{CNN} label")).await.join(" ");
    assert!(
        labels.contains("网络块") && labels.contains("优化器"),
        "{labels}"
    );
    b.screenshot("lesson-cnn-digits-zh").await;

    // A bad block in the address: the message in Chinese, the default net in its place.
    b.goto("lessons/cnn-digits.html#lang=zh&cnn-trainer.layers=c8k5,x7")
        .await;
    b.wait_widgets_ready("the CNN lesson with a bad link").await;
    let msg = message(&b).await;
    assert!(msg.contains("第 2 块“x7”"), "{msg}");
    let shown = b
        .js(&format!(
            "return [document.querySelector('{input}').value, document.querySelector('{CNN}').handle.params().layers]"
        ))
        .await;
    assert_eq!(shown, serde_json::json!([BOOK, BOOK]));
    b.finish().await;
}

#[tokio::test]
async fn the_lesson_fits_a_phone() {
    let b = Browser::start().await;
    let _ = b.client.set_window_size(390, 2400).await;
    b.goto("lessons/cnn-digits.html#lang=zh").await;
    b.wait_widgets_ready("the CNN lesson on a phone").await;
    let wide = b
        .js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await;
    assert_eq!(wide, serde_json::json!(0), "the page scrolls sideways");
    b.screenshot_at("lesson-cnn-digits-phone", 390).await;
    b.finish().await;
}
