//! The deep-networks lesson (step 7): a playground preset's new control (the optimizer)
//! goes into the URL and comes back from it; the init histograms sit two per row on a
//! phone; the ch14 presets and the digits widgets are on the page.

use ninestep_e2e::Browser;

const RELU: &str = "ninestep-widget#coin-relu";

#[tokio::test]
async fn the_optimizer_control_round_trips_through_the_url() {
    let b = Browser::start().await;
    b.goto("lessons/deep-networks.html#lang=en").await;
    b.wait_widgets_ready("the deep-networks lesson").await;
    // The preset's own settings are shown: MSRA weights (not the playground's Xavier).
    let init = b
        .js(&format!(
            "return document.querySelector('{RELU} select[data-key=init]').value"
        ))
        .await;
    assert_eq!(init, serde_json::json!("msra"));
    b.js(&format!(
        "const s = document.querySelector('{RELU} select[data-key=optimizer]'); s.value = 'adam'; s.dispatchEvent(new Event('change', {{bubbles: true}})); return true;"
    ))
    .await;
    b.click(&format!("{RELU} button[data-action=step]")).await;
    b.wait_for(
        &format!("document.querySelector('{RELU}').dataset.steps === '1'"),
        "one step with Adam",
    )
    .await;
    let table = b.texts(&format!("{RELU} td")).await;
    let hash = b.js("return decodeURIComponent(location.hash)").await;
    let hash = hash.as_str().unwrap_or_default().to_string();
    assert!(
        hash.contains("coin-relu.optimizer=adam"),
        "optimizer not in the URL: {hash}"
    );
    // A reload from the link brings the control back to Adam and replays the same step.
    b.goto(&format!("lessons/deep-networks.html{hash}")).await;
    b.wait_widgets_ready("the lesson after reload").await;
    let back = b
        .js(&format!(
            "return document.querySelector('{RELU} select[data-key=optimizer]').value"
        ))
        .await;
    assert_eq!(back, serde_json::json!("adam"));
    b.wait_for(
        &format!("document.querySelector('{RELU}').dataset.steps === '1'"),
        "the replayed step",
    )
    .await;
    assert_eq!(
        b.texts(&format!("{RELU} td")).await,
        table,
        "same run after reload"
    );
    // The new step-7 widgets are on the page.
    for id in ["cobra-141", "arcs-231", "deep-digits", "zero-init"] {
        let n = b
            .js(&format!(
                "return document.querySelectorAll('ninestep-widget#{id}').length"
            ))
            .await;
        assert_eq!(n, serde_json::json!(1), "{id}");
    }
    b.assert_no_console_errors("deep networks").await;
    b.finish().await;
}

#[tokio::test]
async fn the_init_histograms_sit_two_per_row_on_a_phone() {
    let b = Browser::start().await;
    let _ = b.client.set_window_size(390, 2400).await;
    b.goto("lessons/deep-networks.html#lang=zh").await;
    b.wait_widgets_ready("the deep-networks lesson on a phone")
        .await;
    // The chart puts three panels per row on a canvas at least as wide as tall, two on a
    // taller one (charts/src/lessons/init.rs).
    let size = b
        .js("const r = document.querySelector('ninestep-widget[name=init-histograms] canvas').getBoundingClientRect(); return [r.width, r.height]")
        .await;
    let (w, h) = (
        size[0].as_f64().unwrap_or(0.0),
        size[1].as_f64().unwrap_or(0.0),
    );
    assert!(w > 300.0 && h > w, "canvas {w}×{h} is not taller than wide");
    let (ink, all) = b
        .canvas_ink("ninestep-widget[name=init-histograms] canvas")
        .await;
    assert!(ink * 20 > all, "histograms mostly blank on a phone");
    let wide = b
        .js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await;
    assert_eq!(wide, serde_json::json!(0), "the page scrolls sideways");
    b.js("document.querySelector('ninestep-widget[name=init-histograms]').scrollIntoView(); return true")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let png = b.client.screenshot().await.expect("screenshot");
    let dir = ninestep_e2e::screenshot_dir();
    let _ = std::fs::create_dir_all(&dir);
    std::fs::write(dir.join("deep-networks-phone-init-zh.png"), png).expect("writes");
    b.assert_no_console_errors("deep networks on a phone").await;
    b.finish().await;
}
