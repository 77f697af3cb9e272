//! The playground trainer in the page: URL round trip, network editor, the worker, both wasm
//! builds, divergence, the network diagram and the hover read-outs.

use ninestep_e2e::Browser;

const PLAYGROUND: &str = "ninestep-widget#trainer";

/// The playground's settings and progress live in the URL: a reload replays the same
/// table, because the experiment is seeded end to end.
#[tokio::test]
async fn the_playground_round_trips_through_the_url_and_stays_responsive() {
    let b = Browser::start().await;
    b.goto("lessons/playground.html#lang=en").await;
    b.wait_widgets_ready("the playground").await;
    // Chromium runs wasm SIMD128, so the page loads the SIMD build, and the playground
    // trains in a Web Worker.
    let flavour = b
        .js(&format!(
            "const w = document.querySelector('{PLAYGROUND}'); return [w.dataset.wasm, w.dataset.trainer]"
        ))
        .await;
    assert_eq!(flavour, serde_json::json!(["simd128", "worker"]));

    // The network editor: +/− buttons edit the hidden layers, starting from 4,2.
    let editor = |op: &str, layer: Option<u32>| {
        let scope = layer.map_or(String::new(), |i| format!(" .nw-layer[data-layer='{i}']"));
        format!("{PLAYGROUND}{scope} button[data-op={op}]")
    };
    b.click(&editor("add-layer", None)).await; // 4,2,2 (a new layer copies the last size)
    b.click(&editor("add-neuron", Some(0))).await; // 5,2,2
    b.click(&editor("remove-neuron", Some(2))).await; // 5,2,1
    b.click(&editor("remove-layer", None)).await; // 5,2
    let hash = b.js("return decodeURIComponent(location.hash)").await;
    assert!(
        hash.as_str()
            .unwrap_or_default()
            .contains("trainer.layers=5,2"),
        "edited network not in the URL: {hash}"
    );
    let shown = b
        .texts(&format!(
            "{PLAYGROUND} .nw-layer-units, {PLAYGROUND} .nw-layer-count-text"
        ))
        .await;
    assert_eq!(shown, ["2 hidden layers", "5 neurons", "2 neurons"]);
    // 2-5-2-1: (2·5 + 5) + (5·2 + 2) + (2·1 + 1) = 30 weights and biases.
    let params = b
        .texts(&format!("{PLAYGROUND} .nw-readouts [data-key=params] dd"))
        .await;
    assert_eq!(params, ["30"]);
    b.click(&editor("add-neuron", Some(1))).await; // 5,3
    b.click(&editor("remove-layer", None)).await; // 5
    b.click(&editor("remove-layer", None)).await; // none: 2-1
    assert_eq!(
        b.texts(&format!("{PLAYGROUND} .nw-layer-count-text")).await,
        ["no hidden layer"]
    );
    // 2-1: two weights and a bias.
    assert_eq!(
        b.texts(&format!("{PLAYGROUND} .nw-readouts [data-key=params] dd"))
            .await,
        ["3"]
    );
    b.js(&format!(
        "const s = document.querySelector('{PLAYGROUND} select[data-key=dataset]'); s.value = 'xor'; s.dispatchEvent(new Event('change', {{bubbles: true}})); return true;"
    ))
    .await;
    for _ in 0..3 {
        b.click(&format!("{PLAYGROUND} button[data-action=step]"))
            .await;
    }
    b.wait_for(
        &format!("document.querySelector('{PLAYGROUND}').dataset.steps === '3'"),
        "three playground steps",
    )
    .await;
    let table = b.texts(&format!("{PLAYGROUND} td")).await;
    let hash = b.js("return location.hash").await;
    let hash = hash.as_str().unwrap_or_default().to_string();
    assert!(
        hash.contains("trainer.dataset=xor"),
        "dataset not in the URL: {hash}"
    );
    assert!(
        hash.contains("trainer.steps=3"),
        "steps not in the URL: {hash}"
    );
    b.goto(&format!("lessons/playground.html{hash}")).await;
    b.wait_widgets_ready("the playground after reload").await;
    assert_eq!(
        b.texts(&format!("{PLAYGROUND} td")).await,
        table,
        "reload replays the same run"
    );

    // A long run plays frame by frame: a click on the language switch is handled while it
    // is still training, and the run goes on afterwards.
    // A deliberately slow run: 250 spiral points, batch 1, four hidden layers.
    b.js(&format!(
        "const w = document.querySelector('{PLAYGROUND}');
         const set = (sel, v) => {{ const e = w.querySelector(sel); e.value = v; e.dispatchEvent(new Event('change', {{bubbles: true}})); }};
         set('select[data-key=dataset]', 'spiral');
         w.set('layers', '6,6,6,6');
         set('input.nw-number[data-key=batch]', '1');
         return true;"
    ))
    .await;
    b.click(&format!("{PLAYGROUND} button[data-action=run]"))
        .await;
    b.wait_for(
        &format!("Number(document.querySelector('{PLAYGROUND}').dataset.steps) >= 2"),
        "the run to start",
    )
    .await;
    // The click is dispatched from a script, which the page runs between two frames of the
    // player loop; a WebDriver click would wait for the page to settle first.
    b.js("document.querySelector('.lang-switch').click(); return true;")
        .await;
    let during = b
        .js(&format!(
            "return [document.documentElement.dataset.lang, Number(document.querySelector('{PLAYGROUND}').dataset.steps)]"
        ))
        .await;
    assert_eq!(during[0], "zh", "the click was handled during the run");
    let steps_then = during[1].as_u64().unwrap_or(0);
    assert!(
        steps_then < 100,
        "the run had already finished ({steps_then} steps)"
    );
    b.wait_for(
        &format!("Number(document.querySelector('{PLAYGROUND}').dataset.steps) > {steps_then}"),
        "the run to go on after the click",
    )
    .await;
    b.click(&format!("{PLAYGROUND} button[data-action=pause]"))
        .await;
    b.assert_no_console_errors("playground").await;

    // An exploding learning rate, trained in the worker: a clear message (here in Chinese,
    // the page language since the click above), no NaN anywhere, the last good state kept.
    // (η = 10 with linear hidden units and cross-entropy on the circle: the loss is NaN in
    // epoch 1, as `ninestep train` shows for the same query.)
    b.js(&format!(
        "const w = document.querySelector('{PLAYGROUND}');
         w.set('dataset', 'circle'); w.set('lr', '10'); w.set('act', 'linear');
         w.set('layers', '8,8,8'); w.set('loss', 'cross-entropy'); w.set('batch', '10');
         return true;"
    ))
    .await;
    b.click(&format!("{PLAYGROUND} button[data-action=step]"))
        .await;
    b.wait_for(
        &format!("document.querySelector('{PLAYGROUND} .nw-message').textContent.includes('发散')"),
        "the divergence message",
    )
    .await;
    let state = b
        .js(&format!(
            "const w = document.querySelector('{PLAYGROUND}');
             return [w.dataset.steps, w.dataset.trainer, [...w.querySelectorAll('td, dd')].some(e => /NaN|inf/i.test(e.textContent)),
                     [...w.querySelectorAll('.nw-readouts dd')].every(d => Number.isFinite(Number(d.textContent)))]"
        ))
        .await;
    assert_eq!(state, serde_json::json!(["0", "worker", false, true]));

    // Without SIMD128 (`?wasm=compat` forces the baseline build) the same link replays the
    // same numbers: both builds compute bit-identical histories.
    b.goto(&format!("lessons/playground.html?wasm=compat{hash}"))
        .await;
    b.wait_widgets_ready("the playground on the baseline build")
        .await;
    assert_eq!(
        b.js(&format!(
            "return document.querySelector('{PLAYGROUND}').dataset.wasm"
        ))
        .await,
        "baseline"
    );
    assert_eq!(
        b.texts(&format!("{PLAYGROUND} td")).await,
        table,
        "the baseline build replays the same run"
    );
    b.assert_no_console_errors("playground (baseline wasm)")
        .await;
    b.finish().await;
}

/// Hover on the playground's canvas (a `mousemove` at `(fx, fy)`, fractions of its CSS
/// size) and return the tooltip's text, or null when it is hidden.
fn hover_js(fx: f64, fy: f64) -> String {
    format!(
        "const c = document.querySelector('{PLAYGROUND} canvas'); const r = c.getBoundingClientRect();
         c.dispatchEvent(new MouseEvent('mousemove', {{clientX: r.left + {fx} * r.width, clientY: r.top + {fy} * r.height, bubbles: true}}));
         const t = document.querySelector('{PLAYGROUND} .nw-tip');
         return t && !t.hidden ? t.textContent : null;"
    )
}

/// The number after `key` in `text` (e.g. the probability after "P(class 1) = ").
fn number_after(text: &str, key: &str) -> Option<f64> {
    let rest = &text[text.find(key)? + key.len()..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '−'))
        .unwrap_or(rest.len());
    rest[..end].replace('−', "-").parse().ok()
}

/// The playground's chart in Chromium: the network diagram's thumbnails and the region
/// map are real heatmaps (blitted images), hovering reads out exact values in the page's
/// language, and on a phone the three panels are stacked and still answer a hover.
#[tokio::test]
async fn the_playground_draws_its_network_and_reads_out_values_under_the_pointer() {
    let b = Browser::start().await;
    b.goto("lessons/playground.html#lang=en").await;
    b.wait_widgets_ready("the playground").await;
    b.js(&format!(
        "const s = document.querySelector('{PLAYGROUND} select[data-key=loss]'); s.value = 'cross-entropy'; s.dispatchEvent(new Event('change', {{bubbles: true}})); return true;"
    ))
    .await;
    for _ in 0..2 {
        b.click(&format!("{PLAYGROUND} button[data-action=step]"))
            .await;
    }
    b.wait_for(
        &format!("document.querySelector('{PLAYGROUND}').dataset.steps === '2'"),
        "two playground steps",
    )
    .await;

    // The diagram is the left half of a wide canvas (panels() in
    // crates/charts/src/lessons/trainer/mod.rs): its thumbnails are smooth blue and orange
    // heatmaps, so it holds many distinct colours and plenty of both hues.
    let colours = b
        .js(&format!(
            "const c = document.querySelector('{PLAYGROUND} canvas');
             const d = c.getContext('2d').getImageData(0, 0, Math.floor(c.width / 2), c.height).data;
             const seen = new Set(); let blue = 0, orange = 0;
             for (let i = 0; i < d.length; i += 4) {{
               seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
               if (d[i + 2] > d[i] + 60) blue++;
               if (d[i] > d[i + 2] + 60) orange++;
             }}
             return [seen.size, blue, orange, d.length / 4];"
        ))
        .await;
    let (distinct, blue, orange, area) = (
        colours[0].as_u64().unwrap_or(0),
        colours[1].as_u64().unwrap_or(0),
        colours[2].as_u64().unwrap_or(0),
        colours[3].as_u64().unwrap_or(1),
    );
    // Thresholds: a plain diagram of lines alone has a few dozen colours and covers well
    // under 1 % of the half; ten 2-4-2-1 thumbnails cover several percent.
    assert!(distinct > 200, "only {distinct} colours in the diagram");
    assert!(
        blue * 100 > area && orange * 100 > area,
        "thumbnails missing: {blue} blue, {orange} orange of {area} pixels"
    );

    // The centre of the region map: the right half, top 62 % (panels()), so about
    // (0.75, 0.33) of the canvas, which lies inside its plotting area.
    let tip = b.js(&hover_js(0.75, 0.33)).await;
    let tip = tip.as_str().unwrap_or_default().to_string();
    assert!(tip.starts_with("x₁ = "), "no map read-out: {tip:?}");
    let p = number_after(&tip, "P(class 1) = ");
    assert!(
        p.is_some_and(|p| (0.0..=1.0).contains(&p)),
        "no probability in {tip:?}"
    );
    // The loss curves: the bottom of the right half.
    let tip = b.js(&hover_js(0.75, 0.85)).await;
    let tip = tip.as_str().unwrap_or_default().to_string();
    assert!(
        tip.starts_with("epoch ") && tip.contains(": train ") && tip.contains(", test "),
        "no loss read-out: {tip:?}"
    );
    b.js(&format!(
        "document.querySelector('{PLAYGROUND} canvas').dispatchEvent(new MouseEvent('mouseleave')); return true;"
    ))
    .await;
    assert_eq!(
        b.js(&format!(
            "return document.querySelector('{PLAYGROUND} .nw-tip').hidden"
        ))
        .await,
        serde_json::json!(true),
        "the tooltip hides when the pointer leaves"
    );
    ninestep_e2e::switch_language(&b, "zh").await;
    let tip = b.js(&hover_js(0.75, 0.33)).await;
    assert!(
        tip.as_str()
            .is_some_and(|t| t.contains("类别 1 的概率 P = ")),
        "no Chinese read-out: {tip:?}"
    );
    if let Ok(canvas) = b
        .client
        .find(fantoccini::Locator::Css(&format!("{PLAYGROUND} canvas")))
        .await
    {
        if let Ok(png) = canvas.screenshot().await {
            let dir = ninestep_e2e::screenshot_dir();
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join("playground-canvas-zh.png"), png);
        }
    }

    // A phone: the canvas is twice as tall as wide (style.css) and the panels are stacked,
    // diagram (top 30 %), map (the next 46 %), curves; the map's plotting area is a little
    // right of the centre (the x₂ labels) and around 0.30 + 0.46 / 2 = 0.53 down.
    let _ = b.client.set_window_size(390, 1800).await;
    b.wait_for(
        &format!(
            "(() => {{ const c = document.querySelector('{PLAYGROUND} canvas'); return c.clientWidth < 400 && c.clientHeight > 1.8 * c.clientWidth && c.width === Math.round(c.clientWidth * devicePixelRatio); }})()"
        ),
        "the stacked phone layout",
    )
    .await;
    let tip = b.js(&hover_js(0.55, 0.53)).await;
    assert!(
        tip.as_str().is_some_and(|t| t.starts_with("x₁ = ")),
        "no map read-out on a phone: {tip:?}"
    );
    if let Ok(canvas) = b
        .client
        .find(fantoccini::Locator::Css(&format!("{PLAYGROUND} canvas")))
        .await
    {
        if let Ok(png) = canvas.screenshot().await {
            let _ = std::fs::write(
                ninestep_e2e::screenshot_dir().join("playground-phone-zh.png"),
                png,
            );
        }
    }
    let _ = b.client.set_window_size(ninestep_e2e::WIDTH, 1800).await;
    b.assert_no_console_errors("playground hover").await;
    b.finish().await;
}
