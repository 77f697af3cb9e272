//! The learner's own data in the playground: a CSV upload (a bad row gets a message naming
//! its line, in both languages, and nothing changes; a good file becomes "your data" in the
//! URL), click / shift-click on the region map adds points, and a reload brings them back.

use fantoccini::Locator;
use ninestep_e2e::{switch_language, Browser};
use std::path::{Path, PathBuf};

const PLAYGROUND: &str = "ninestep-widget#trainer";

/// Writes `text` to a fresh temporary file called `name` and returns its path.
fn temp_csv(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ninestep-e2e-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("temp csv");
    path
}

/// Chooses `path` in the widget's file input, as a learner picking a file would.
async fn upload(b: &Browser, path: &Path) {
    let input = b
        .client
        .find(Locator::Css(&format!("{PLAYGROUND} input[type=file]")))
        .await
        .expect("the upload input");
    input
        .send_keys(&path.to_string_lossy())
        .await
        .expect("choosing the file");
}

async fn message(b: &Browser) -> String {
    b.texts(&format!("{PLAYGROUND} .nw-message"))
        .await
        .join(" ")
}

async fn hash(b: &Browser) -> String {
    b.js("return location.hash")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// The `trainer.points` value of the URL, decoded, as its points.
async fn hash_points(b: &Browser) -> Vec<String> {
    let v = b
        .js("const m = location.hash.match(/trainer\\.points=([^&]*)/); return m ? decodeURIComponent(m[1]) : ''")
        .await;
    v.as_str()
        .unwrap_or_default()
        .split(';')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

async fn select_value(b: &Browser) -> (String, String) {
    let v = b
        .js(&format!(
            "const s = document.querySelector('{PLAYGROUND} select[data-key=dataset]'); return [s.value, s.selectedOptions[0].textContent]"
        ))
        .await;
    (
        v[0].as_str().unwrap_or_default().to_string(),
        v[1].as_str().unwrap_or_default().to_string(),
    )
}

/// Clicks the canvas at a fraction of its size (the region map is the left half), with
/// or without shift.
async fn click_map(b: &Browser, fx: f64, fy: f64, shift: bool) {
    // (fx, fy) are fractions of the region map, which the page finds by asking the
    // handle which canvas pixels take a point (so the test holds for any chart layout).
    let done = b
        .js(&format!(
            "const w = document.querySelector('{PLAYGROUND}'); const c = w.querySelector('canvas');
             let [x0, x1, y0, y1] = [Infinity, -1, Infinity, -1];
             for (let y = 0; y < c.height; y += 4) for (let x = 0; x < c.width; x += 4) {{
               if (!w.handle.takesPointAt(x, y)) continue;
               x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
             }}
             if (x1 < 0) return false;
             const r = c.getBoundingClientRect();
             const px = x0 + (x1 - x0) * {fx}, py = y0 + (y1 - y0) * {fy};
             c.dispatchEvent(new MouseEvent('click', {{bubbles: true, shiftKey: {shift},
               clientX: r.left + px * r.width / c.width, clientY: r.top + py * r.height / c.height}}));
             return true;"
        ))
        .await;
    assert_eq!(done, true, "the chart has a region map that takes points");
}

/// A click at (fx, fy) of the whole canvas.
async fn click_canvas(b: &Browser, fx: f64, fy: f64) {
    b.js(&format!(
        "const c = document.querySelector('{PLAYGROUND} canvas'); const r = c.getBoundingClientRect();
         c.dispatchEvent(new MouseEvent('click', {{bubbles: true, clientX: r.left + r.width * {fx}, clientY: r.top + r.height * {fy}}}));
         return true;"
    ))
    .await;
}

#[tokio::test]
async fn the_playground_takes_a_csv_and_clicked_points() {
    let b = Browser::start().await;
    b.goto("lessons/playground.html#lang=en").await;
    b.wait_widgets_ready("the playground").await;

    // The upload control is a real, focusable file input with a visible label.
    let control = b
        .js(&format!(
            "const i = document.querySelector('{PLAYGROUND} input[type=file]'); i.focus();
             const l = document.querySelector(`label[for=\"${{i.id}}\"]`);
             return [document.activeElement === i, i.accept, l ? l.textContent : null, !!document.querySelector('{PLAYGROUND} .nw-data-note').textContent]"
        ))
        .await;
    assert_eq!(
        control,
        serde_json::json!([true, ".csv,text/csv", "Upload CSV", true])
    );

    // Two steps on the circle: the state a bad file must leave alone.
    for _ in 0..2 {
        b.click(&format!("{PLAYGROUND} button[data-action=step]"))
            .await;
    }
    b.wait_for(
        &format!("document.querySelector('{PLAYGROUND}').dataset.steps === '2'"),
        "two steps",
    )
    .await;
    let table = b.texts(&format!("{PLAYGROUND} td")).await;
    let hash_before = hash(&b).await;

    // A bad row: line 4 (the header is line 1) has the label 7.
    let bad = temp_csv(
        "bad.csv",
        "x1,x2,label\n0.1,0.2,1\n0.3,0.4,0\n0.5,0.6,7\n0.7,0.8,1\n",
    );
    upload(&b, &bad).await;
    b.wait_for(
        &format!("document.querySelector('{PLAYGROUND} .nw-message.nw-error')?.textContent.includes('line 4')"),
        "the message naming line 4",
    )
    .await;
    let msg = message(&b).await;
    assert!(
        msg.contains("bad.csv") && msg.contains("“7”"),
        "message: {msg}"
    );
    assert_eq!(select_value(&b).await.0, "circle", "the data stays");
    assert_eq!(b.texts(&format!("{PLAYGROUND} td")).await, table);
    assert_eq!(hash(&b).await, hash_before, "the URL stays");
    b.screenshot("data-bad-csv-en").await;
    switch_language(&b, "zh").await;
    let msg = message(&b).await;
    assert!(
        msg.contains("第 4 行") && msg.contains("“7”"),
        "message: {msg}"
    );
    b.screenshot("data-bad-csv-zh").await;
    switch_language(&b, "en").await;

    // A file over 1 MB is refused with a message, before it is read.
    let big = temp_csv("big.csv", &"0.123,0.456,1\n".repeat(80_000));
    upload(&b, &big).await;
    b.wait_for(
        &format!("document.querySelector('{PLAYGROUND} .nw-message.nw-error')?.textContent.includes('1 MB')"),
        "the message about the file size",
    )
    .await;
    assert_eq!(select_value(&b).await.0, "circle");

    // A good file: eight points, two per XOR quadrant, labels −1/+1.
    let good = temp_csv(
        "good.csv",
        "x1,x2,label\n1,1,1\n1.2,0.8,1\n-1,-1,1\n-0.8,-1.2,1\n1,-1,-1\n0.8,-1.2,-1\n-1,1,-1\n-1.2,0.8,-1\n",
    );
    upload(&b, &good).await;
    b.wait_for(
        &format!(
            "document.querySelector('{PLAYGROUND} select[data-key=dataset]').value === 'custom'"
        ),
        "the dataset to become your data",
    )
    .await;
    assert_eq!(
        select_value(&b).await,
        ("custom".to_string(), "your data".to_string())
    );
    assert!(
        b.texts(&format!("{PLAYGROUND} .nw-message"))
            .await
            .iter()
            .all(|m| !m.contains("line")),
        "the old error is gone"
    );
    // −1 is read as class 0.
    assert_eq!(
        hash_points(&b).await,
        [
            "1,1,1",
            "1.2,0.8,1",
            "-1,-1,1",
            "-0.8,-1.2,1",
            "1,-1,0",
            "0.8,-1.2,0",
            "-1,1,0",
            "-1.2,0.8,0"
        ]
    );
    // Training starts over, and steps.
    assert_eq!(
        b.js(&format!(
            "return document.querySelector('{PLAYGROUND}').dataset.steps"
        ))
        .await,
        "0"
    );
    b.click(&format!("{PLAYGROUND} button[data-action=step]"))
        .await;
    b.wait_for(
        &format!("document.querySelector('{PLAYGROUND}').dataset.steps === '1'"),
        "a step on your data",
    )
    .await;

    // A click on the region map adds a class-1 point, a shift-click a class-0 point.
    click_map(&b, 0.25, 0.5, false).await;
    b.wait_for(
        "(location.hash.match(/trainer\\.points=([^&]*)/) || ['', ''])[1].split('%3B').length === 9",
        "a ninth point",
    )
    .await;
    click_map(&b, 0.3, 0.4, true).await;
    b.wait_for(
        "(location.hash.match(/trainer\\.points=([^&]*)/) || ['', ''])[1].split('%3B').length === 10",
        "a tenth point",
    )
    .await;
    let points = hash_points(&b).await;
    assert!(points[8].ends_with(",1"), "{points:?}");
    assert!(points[9].ends_with(",0"), "{points:?}");
    // The loss chart (bottom right) and the network diagram (left) take no points.
    click_canvas(&b, 0.8, 0.93).await;
    click_canvas(&b, 0.25, 0.5).await;
    assert_eq!(hash_points(&b).await.len(), 10);

    // A reload of the link restores the same points and the same run.
    b.click(&format!("{PLAYGROUND} button[data-action=step]"))
        .await;
    b.wait_for(
        &format!("document.querySelector('{PLAYGROUND}').dataset.steps === '1'"),
        "a step on the clicked points",
    )
    .await;
    let table = b.texts(&format!("{PLAYGROUND} td")).await;
    let link = hash(&b).await;
    b.screenshot("data-custom-points-en").await;
    b.goto(&format!("lessons/playground.html{link}")).await;
    b.wait_widgets_ready("the playground after reload").await;
    assert_eq!(hash_points(&b).await, points);
    assert_eq!(select_value(&b).await.0, "custom");
    assert_eq!(b.texts(&format!("{PLAYGROUND} td")).await, table);
    switch_language(&b, "zh").await;
    assert_eq!(select_value(&b).await.1, "你的数据");
    b.screenshot("data-custom-points-zh").await;

    b.assert_no_console_errors("playground data").await;

    // A focused embed with hide="data": no upload row, and a click on the map adds nothing.
    b.js("const w = document.createElement('ninestep-widget');
          w.setAttribute('name', 'trainer'); w.id = 'focused'; w.setAttribute('hide', 'data');
          w.setAttribute('no-url', ''); document.querySelector('main').append(w); return true;")
        .await;
    b.wait_for(
        "document.querySelector('#focused')?.dataset.ready === 'true'",
        "the focused playground",
    )
    .await;
    let shown = b
        .js("const w = document.querySelector('#focused');
             return [...w.querySelectorAll('.nw-data, .nw-data-hint')].map(e => getComputedStyle(e).display)")
        .await;
    assert_eq!(shown, serde_json::json!(["none", "none"]));
    let before = b
        .js("return document.querySelector('#focused').handle.params().dataset")
        .await;
    b.js("const w = document.querySelector('#focused'); const c = w.querySelector('canvas');
          let hit = null;
          for (let y = 0; y < c.height && !hit; y += 8) for (let x = 0; x < c.width && !hit; x += 8) if (w.handle.takesPointAt(x, y)) hit = [x, y];
          const r = c.getBoundingClientRect();
          c.dispatchEvent(new MouseEvent('click', {bubbles: true, clientX: r.left + (hit[0] + 20) * r.width / c.width, clientY: r.top + (hit[1] + 20) * r.height / c.height}));
          return true;")
        .await;
    assert_eq!(before, "circle");
    assert_eq!(
        b.js("return document.querySelector('#focused').handle.params().dataset")
            .await,
        "circle",
        "a click on a focused playground's map adds no point"
    );
    b.finish().await;
    let _ = std::fs::remove_dir_all(bad.parent().unwrap_or(&bad));
}
