//! Step 6's pad and ONNX in the browser, and the nets the pad can train:
//! - "Download ONNX" gives protobuf bytes that "Load model" reads back (told apart from JSON
//!   by the content): the same top-1 and probabilities (within 1e-5) on a drawn stroke; the
//!   page's model viewer then draws the loaded net (a deep net, so the counts differ from
//!   the viewer's default); a garbage file leaves a message and the net is kept.
//! - `net=cnn`: a link replays CNN Steps, a "1" drawn with pointer events is read as a 1
//!   and the feature maps are drawn (pixels of the chart's right-hand side).

use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::Locator;
use ninestep_e2e::{switch_language, Browser};

const W: &str = "ninestep-widget[name=digit-pad]";
const V: &str = "ninestep-widget[name=model-view]";
const PAD: &str = "ninestep-widget[name=digit-pad] canvas.nw-pad-canvas";
const FILE: &str = "ninestep-widget[name=digit-pad] input.nw-pad-file";

/// The ten probabilities as the core has them (not the table's rounded text).
async fn probabilities(b: &Browser) -> Vec<f64> {
    let v = b
        .js(&format!(
            "return document.querySelector('{W}').handle.table().rows.map((r) => r[0]);"
        ))
        .await;
    v.as_array()
        .map(|a| a.iter().map(|x| x.as_f64().unwrap_or(f64::NAN)).collect())
        .unwrap_or_default()
}

fn top(p: &[f64]) -> usize {
    (0..p.len()).fold(0, |a, i| if p[i] > p[a] { i } else { a })
}

async fn message(b: &Browser) -> String {
    b.texts(&format!("{W} .nw-message")).await.join(" ")
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

async fn choose(b: &Browser, path: &std::path::Path) {
    let input = b.client.find(Locator::Css(FILE)).await.expect("file input");
    input
        .send_keys(&path.display().to_string())
        .await
        .expect("choose a file");
}

/// Clicks the pad's `action` button and returns the bytes of the Blob it offers for
/// download, with the file name.
async fn download(b: &Browser, action: &str) -> (String, Vec<u8>) {
    let v = b
        .js(&format!(
            "const got = {{}};
             const create = URL.createObjectURL;
             URL.createObjectURL = (blob) => {{ got.blob = blob; return create.call(URL, blob); }};
             const click = HTMLAnchorElement.prototype.click;
             HTMLAnchorElement.prototype.click = function () {{ got.name = this.download; }};
             document.querySelector('{W} button[data-action={action}]').click();
             URL.createObjectURL = create;
             HTMLAnchorElement.prototype.click = click;
             const bytes = got.blob ? [...new Uint8Array(await got.blob.arrayBuffer())] : [];
             return [got.name ?? null, bytes];"
        ))
        .await;
    let name = v[0].as_str().unwrap_or_default().to_string();
    let bytes = v[1]
        .as_array()
        .map(|a| a.iter().map(|x| x.as_u64().unwrap_or(0) as u8).collect())
        .unwrap_or_default();
    (name, bytes)
}

async fn set_net(b: &Browser, net: &str) {
    b.js(&format!(
        "const s = document.querySelector('{W} select[data-key=net]');
         s.value = '{net}'; s.dispatchEvent(new Event('change'));"
    ))
    .await;
}

/// A stroke from the keyboard (ArrowDown ×5 from the pad's centre), read with Enter.
async fn key_stroke(b: &Browser) {
    let pad = b.client.find(Locator::Css(PAD)).await.expect("the pad");
    pad.send_keys(&format!("{}\u{E007}", "\u{E015}".repeat(5)))
        .await
        .expect("keys");
    b.wait_for(
        &format!("document.querySelectorAll('{W} td[data-key=p]').length === 10"),
        "ten bars",
    )
    .await;
}

#[tokio::test]
async fn onnx_goes_out_and_back_the_viewer_shows_it_and_garbage_is_refused() {
    let b = Browser::start().await;
    b.goto("lessons/deployment.html#lang=en").await;
    b.wait_widgets_ready("the deployment lesson").await;
    let dir = std::env::temp_dir().join(format!("ninestep-onnx-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");

    // The deep net of step 7, one Step trained (25 batches), reads a stroke.
    set_net(&b, "deep").await;
    b.click(&format!("{W} button[data-action=step]")).await;
    b.wait_for(
        &format!("document.querySelector('{W}').dataset.steps === '1'"),
        "one step",
    )
    .await;
    key_stroke(&b).await;
    let first = probabilities(&b).await;
    assert_eq!(first.len(), 10);

    let (name, onnx) = download(&b, "save-onnx").await;
    assert_eq!(name, "digits-model.onnx");
    // Protobuf, field 1 (ir_version) first: not JSON.
    assert_eq!(
        onnx.first(),
        Some(&0x08),
        "{:?}",
        &onnx[..onnx.len().min(8)]
    );
    assert!(onnx.len() > 4 * 111_514, "{} bytes", onnx.len());
    let good = dir.join("digits-model.onnx");
    std::fs::write(&good, &onnx).expect("write the download");

    // A second Step moves the net …
    b.click(&format!("{W} button[data-action=step]")).await;
    b.wait_for(
        &format!("document.querySelector('{W}').dataset.steps === '2'"),
        "two steps",
    )
    .await;
    assert_ne!(probabilities(&b).await, first);

    // … a garbage file is refused and keeps it …
    let stepped = probabilities(&b).await;
    let bad = dir.join("garbage.onnx");
    std::fs::write(&bad, b"\x00\x01\x02 not a model \xff\xff").expect("write garbage");
    choose(&b, &bad).await;
    let m = wait_message(&b, "neither").await;
    assert!(m.contains("ONNX") && m.contains("JSON"), "{m}");
    assert_eq!(probabilities(&b).await, stepped);

    // … and the ONNX file brings the first net back: same top-1, same probabilities.
    choose(&b, &good).await;
    wait_message(&b, "loaded model “digits-model.onnx”").await;
    let back = probabilities(&b).await;
    let worst = first
        .iter()
        .zip(&back)
        .map(|(a, c)| (a - c).abs())
        .fold(0.0, f64::max);
    assert!(worst <= 1e-5, "{first:?} vs {back:?}");
    assert_eq!(top(&back), top(&first));

    // The viewer draws what was loaded: 5 dense boxes, 111,514 parameters, its title.
    b.wait_for(
        &format!("document.querySelectorAll('{V} td[data-key=params]').length === 5"),
        "the viewer shows the loaded net",
    )
    .await;
    assert_eq!(
        b.texts(&format!("{V} td[data-key=params]")).await,
        ["100480", "8256", "2080", "528", "170"]
    );
    assert_eq!(
        b.texts(&format!("{V} .nw-readouts div[data-key=params] dd"))
            .await,
        ["111514"]
    );
    let status = b.texts(&format!("{V} .nw-message")).await.join(" ");
    assert!(status.contains("digits-model.onnx"), "{status}");
    b.screenshot("deployment-onnx-en").await;

    switch_language(&b, "zh").await;
    let labels = b.texts(&format!("{W} .nw-pad-buttons button")).await;
    assert!(labels.contains(&"下载 ONNX".to_string()), "{labels:?}");
    assert!(
        b.texts(&format!("{V} .nw-message"))
            .await
            .join(" ")
            .contains("已载入"),
        "the viewer's title in zh"
    );
    b.assert_no_console_errors("deployment onnx").await;
    let _ = std::fs::remove_dir_all(&dir);
    b.finish().await;
}

#[tokio::test]
async fn the_cnn_reads_a_drawn_one_and_draws_its_feature_maps() {
    let b = Browser::start().await;
    // A link replays 40 Steps of the CNN (40 batches of 128 digits) once the digits arrive.
    b.goto("lessons/deployment.html#lang=en&digit-pad.net=cnn&digit-pad.steps=40")
        .await;
    b.wait_widgets_ready("the deployment lesson").await;
    b.wait_for(
        &format!("document.querySelector('{W}').dataset.steps === '40'"),
        "40 CNN steps",
    )
    .await;
    // One more Step on the main thread, timed in the page (reported, not asserted).
    let ms = b
        .js(&format!(
            "const w = document.querySelector('{W}'); const t = performance.now();
             w.handle.step(); const dt = performance.now() - t; w.renderState(); return dt;"
        ))
        .await;
    eprintln!("one CNN Step in the page: {ms} ms");

    b.js(&format!(
        "document.querySelector('{PAD}').scrollIntoView({{block: 'center'}})"
    ))
    .await;
    let el = b.client.find(Locator::Css(PAD)).await.expect("the pad");
    let to = |(x, y): (f64, f64), ms| PointerAction::MoveToElement {
        element: el.clone(),
        duration: Some(Duration::from_millis(ms)),
        x,
        y,
    };
    let mut mouse = MouseActions::new("mouse".into())
        .then(to((10.0, -100.0), 0))
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        });
    for p in [(8.0, -30.0), (5.0, 40.0), (2.0, 100.0)] {
        mouse = mouse.then(to(p, 120));
    }
    mouse = mouse.then(PointerAction::Up {
        button: MOUSE_BUTTON_LEFT,
    });
    b.client.perform_actions(mouse).await.expect("mouse stroke");
    b.client.release_actions().await.ok();
    b.click(&format!("{W} button[data-action=infer]")).await;
    b.wait_for(
        &format!("document.querySelector('{W} .nw-readouts div[data-key=digit] dd')?.textContent === '1'"),
        "a 1",
    )
    .await;
    let p = probabilities(&b).await;
    assert_eq!(top(&p), 1, "{p:?}");

    // The feature maps: grey pixels on the right-hand part of the chart, below the stages.
    let grey = b
        .js(&format!(
            "const c = document.querySelector('{W} canvas.nw-canvas');
             const x0 = Math.floor(c.width * 0.64), y0 = Math.floor(c.height * 0.45);
             const d = c.getContext('2d').getImageData(x0, y0, c.width - x0, c.height - y0).data;
             let n = 0;
             for (let i = 0; i < d.length; i += 4) {{
               const [r, g, bl] = [d[i], d[i + 1], d[i + 2]];
               if (r === g && g === bl && r > 20 && r < 235) n++;
             }}
             return n;"
        ))
        .await
        .as_u64()
        .unwrap_or(0);
    assert!(grey > 2000, "feature maps drawn: {grey} grey pixels");
    b.screenshot("deployment-cnn-en").await;
    b.screenshot_at("deployment-cnn-phone-en", 390).await;
    b.assert_no_console_errors("deployment cnn").await;
    b.finish().await;
}
