//! Step 6's model files in the browser: the pad's "Download model" gives a ninestep-model
//! file named digits-model.json; a garbage file chosen in "Load model" leaves the core's
//! message and the pad's answer unchanged; after a training Step changed the net, loading
//! the downloaded file brings back the first net's probabilities digit for digit.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use ninestep_e2e::{switch_language, Browser};

const W: &str = "ninestep-widget[name=digit-pad]";
const PAD: &str = "ninestep-widget[name=digit-pad] canvas.nw-pad-canvas";
const FILE: &str = "ninestep-widget[name=digit-pad] input.nw-pad-file";

async fn bars(b: &Browser) -> Vec<String> {
    b.texts(&format!("{W} td[data-key=p]")).await
}

async fn message(b: &Browser) -> String {
    b.texts(&format!("{W} .nw-message")).await.join(" ")
}

/// Chooses the file `path` in the pad's file input, as a learner would.
async fn choose(b: &Browser, path: &std::path::Path) {
    let input = b.client.find(Locator::Css(FILE)).await.expect("file input");
    input
        .send_keys(&path.display().to_string())
        .await
        .expect("choose a file");
}

async fn wait_message(b: &Browser, needle: &str) -> String {
    let started = Instant::now();
    loop {
        let m = message(b).await;
        if m.contains(needle) {
            return m;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no “{needle}”: {m}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn the_pad_downloads_its_model_refuses_garbage_and_loads_a_file_back() {
    let b = Browser::start().await;
    b.goto("lessons/deployment.html#lang=en").await;
    b.wait_widgets_ready("the deployment lesson").await;
    let dir = std::env::temp_dir().join(format!("ninestep-model-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");

    // A stroke from the keyboard (ArrowDown ×5), read by the untrained net.
    let pad = b.client.find(Locator::Css(PAD)).await.expect("the pad");
    pad.send_keys(&format!("{}\u{E007}", "\u{E015}".repeat(5)))
        .await
        .expect("keys");
    b.wait_for(
        &format!("document.querySelectorAll('{W} td[data-key=p]').length === 10"),
        "ten bars",
    )
    .await;
    let first = bars(&b).await;

    // Download: capture the Blob the button hands to the browser and the name it offers.
    let saved = b
        .js(&format!(
            "const got = {{}};
             const create = URL.createObjectURL;
             URL.createObjectURL = (blob) => {{ got.blob = blob; return create.call(URL, blob); }};
             const click = HTMLAnchorElement.prototype.click;
             HTMLAnchorElement.prototype.click = function () {{ got.name = this.download; }};
             document.querySelector('{W} button[data-action=save-model]').click();
             URL.createObjectURL = create;
             HTMLAnchorElement.prototype.click = click;
             window.__saved = got;
             return got.name;"
        ))
        .await;
    assert_eq!(saved.as_str(), Some("digits-model.json"));
    let text = b
        .js("return window.__saved.blob.text()")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string();
    let doc: serde_json::Value = serde_json::from_str(&text).expect("the download is JSON");
    assert_eq!(doc["format"], "ninestep-model");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["network"]["inputs"], 784);
    assert_eq!(
        doc["tensors"].as_array().map(Vec::len),
        Some(6),
        "w, b of three layers"
    );
    let good = dir.join("digits-model.json");
    std::fs::write(&good, &text).expect("write the download");

    // A garbage file: the core's message, the same answer as before.
    let bad = dir.join("garbage.json");
    std::fs::write(&bad, "this is not a model {").expect("write garbage");
    choose(&b, &bad).await;
    let m = wait_message(&b, "Model file").await;
    assert!(
        b.js(&format!(
            "return document.querySelector('{W} .nw-message').classList.contains('nw-error')"
        ))
        .await
        .as_bool()
            == Some(true),
        "{m}"
    );
    assert_eq!(bars(&b).await, first);
    b.screenshot("deployment-model-refused-en").await;

    // One training Step changes the net, so the bars move …
    b.click(&format!("{W} button[data-action=step]")).await;
    b.wait_for(
        &format!("document.querySelector('{W}').dataset.steps === '1'"),
        "one step",
    )
    .await;
    let stepped = bars(&b).await;
    assert_ne!(stepped, first);

    // … and the downloaded file brings the first net back.
    choose(&b, &good).await;
    wait_message(&b, "loaded model “digits-model.json”").await;
    assert_eq!(bars(&b).await, first);

    switch_language(&b, "zh").await;
    assert!(
        message(&b).await.contains("载入的模型"),
        "{}",
        message(&b).await
    );
    let labels = b
        .texts(&format!(
            "{W} .nw-pad-buttons button, {W} .nw-pad-load span"
        ))
        .await;
    assert!(
        labels.contains(&"下载模型".to_string()) && labels.contains(&"载入模型…".to_string()),
        "{labels:?}"
    );
    b.screenshot_at("deployment-model-phone-zh", 390).await;
    b.assert_no_console_errors("deployment model files").await;
    let _ = std::fs::remove_dir_all(&dir);
    b.finish().await;
}
