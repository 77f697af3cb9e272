//! A published site, hostile input and the small things a visitor notices: the folder of
//! `cargo xtask pages --out` works from a plain static server under a sub-path; hidden
//! characters in a link or a file name are shown, not obeyed; every page has its favicon;
//! lesson tables fit or scroll inside the text column; the playground clears the learner's
//! points, takes typed ones and shows read-outs on a tap. Screenshots (en, zh, phone width).

use ninestep_e2e::{published_site, switch_language, Browser, StaticServer};
use serde_json::json;

const PLAYGROUND: &str = "ninestep-widget#trainer";
/// A phone's width in CSS pixels.
const PHONE: u32 = 390;

#[tokio::test]
async fn the_published_site_works_from_a_plain_static_server_under_a_sub_path() {
    let server = StaticServer::start(published_site(), "/ninestep/");
    let b = Browser::start_at(server.url.clone()).await;

    b.goto("index.html#lang=en").await;
    b.wait_for(
        "document.querySelectorAll('ol.steps > li').length === 9",
        "the index",
    )
    .await;
    b.assert_no_console_errors("published index").await;

    // A lesson widget draws, with the SIMD128 build and with the baseline build.
    for (query, flavour) in [("", "simd128"), ("?wasm=compat", "baseline")] {
        b.goto(&format!("lessons/backprop-chain.html{query}#lang=zh"))
            .await;
        b.wait_widgets_ready("the published backprop-chain lesson")
            .await;
        let (ink, total) = b.canvas_ink("ninestep-widget canvas").await;
        assert!(ink * 100 > total, "{flavour}: blank chart ({ink}/{total})");
        b.click("ninestep-widget#backprop-chain button[data-action=step]")
            .await;
        b.wait_for(
            "document.querySelector('ninestep-widget#backprop-chain').dataset.steps === '1'",
            "a step",
        )
        .await;
        let loaded = b
            .js("return [...performance.getEntriesByType('resource')].map(e => e.name).filter(n => n.endsWith('.wasm'))")
            .await;
        let dir = if flavour == "simd128" {
            "/pkg/"
        } else {
            "/pkg-compat/"
        };
        assert!(
            loaded.as_array().is_some_and(|a| a
                .iter()
                .any(|n| n.as_str().is_some_and(|n| n.contains(dir)))),
            "{flavour}: loaded {loaded}"
        );
        b.assert_no_console_errors("published lesson").await;
    }

    // The playground trains (in its Web Worker) and the digits download.
    b.goto("lessons/playground.html#lang=en").await;
    b.wait_widgets_ready("the published playground").await;
    b.click(&format!("{PLAYGROUND} button[data-action=run]"))
        .await;
    b.wait_for(
        &format!("Number(document.querySelector('{PLAYGROUND}').dataset.steps) >= 3"),
        "the playground to train",
    )
    .await;
    b.click(&format!("{PLAYGROUND} button[data-action=pause]"))
        .await;
    let (ink, total) = b.canvas_ink(&format!("{PLAYGROUND} canvas")).await;
    assert!(ink * 100 > total, "blank playground ({ink}/{total})");
    b.assert_no_console_errors("published playground").await;
    b.screenshot("published-playground-en").await;

    b.goto("lessons/nonlinear-classification.html#lang=en")
        .await;
    b.wait_for(
        "document.querySelector('ninestep-widget#digits')?.dataset.ready === 'true' && !document.querySelector('ninestep-widget#digits').handle.awaitingData()",
        "the digits from data/",
    )
    .await;
    b.assert_no_console_errors("published digits").await;

    assert_eq!(
        server.missing(),
        Vec::<String>::new(),
        "requests that got 404"
    );
    b.finish().await;
}

#[tokio::test]
async fn hidden_characters_in_a_link_or_a_file_name_are_shown_not_obeyed() {
    let b = Browser::start().await;
    // A right-to-left override in front of a value: the message used to read backwards.
    b.goto("lessons/neuron.html#lang=en&neuron.x1=%E2%80%AE5.0")
        .await;
    b.wait_widgets_ready("the neuron lesson").await;
    let text = b
        .texts("ninestep-widget#neuron .nw-message")
        .await
        .join(" ");
    assert!(text.contains("‹U+202E›5.0"), "{text}");
    assert!(!text.contains('\u{202e}'), "{text:?}");

    // A file name with an override, on a file the core rejects.
    b.goto("lessons/playground.html#lang=zh").await;
    b.wait_widgets_ready("the playground").await;
    let dir = std::env::temp_dir().join(format!("ninestep-e2e-bidi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("evil\u{202e}vsc.csv");
    std::fs::write(&path, "x1,x2,label\n1,2,7\n").expect("temp csv");
    b.client
        .find(fantoccini::Locator::Css(&format!(
            "{PLAYGROUND} input[type=file]"
        )))
        .await
        .expect("the upload input")
        .send_keys(&path.to_string_lossy())
        .await
        .expect("choosing the file");
    b.wait_for(
        &format!("document.querySelector('{PLAYGROUND} .nw-message.nw-error')"),
        "the rejection",
    )
    .await;
    let text = b
        .texts(&format!("{PLAYGROUND} .nw-message"))
        .await
        .join(" ");
    assert!(text.starts_with("evil‹U+202E›vsc.csv："), "{text}");
    assert!(text.contains("第 2 行"), "{text}");
    b.assert_no_console_errors("bidi").await;
    let _ = std::fs::remove_dir_all(&dir);
    b.finish().await;
}

#[tokio::test]
async fn every_page_has_a_favicon_and_lesson_tables_stay_in_the_column() {
    let b = Browser::start().await;
    for page in [
        "index.html",
        "embed-demo.html",
        "lessons/backprop-chain.html",
    ] {
        b.goto(&format!("{page}#lang=en")).await;
        b.wait_for("document.readyState === 'complete'", page).await;
        let icon = b
            .js("const l = document.querySelector('link[rel=icon]'); return l ? fetch(l.href).then(r => [r.status, r.headers.get('content-type')]) : null")
            .await;
        assert_eq!(icon, json!([200, "image/svg+xml"]), "{page}");
        // No failed request at all (the favicon was one on every lesson page).
        b.assert_no_console_errors(page).await;
    }

    // backprop-chain's five-round table has nine columns: at a phone's width it scrolls
    // inside the column instead of running off the page, and the widget's table too.
    for (lang, width) in [("en", 1280), ("zh", 1280), ("en", PHONE), ("zh", PHONE)] {
        b.goto(&format!("lessons/backprop-chain.html#lang={lang}"))
            .await;
        b.wait_widgets_ready("backprop-chain").await;
        b.click("ninestep-widget#backprop-chain button[data-action=run]")
            .await;
        b.wait_for(
            "document.querySelector('ninestep-widget#backprop-chain').dataset.steps === '5'",
            "five rounds",
        )
        .await;
        let shot = format!("fresh-backprop-chain-{lang}-{width}");
        if width != 1280 {
            let _ = b.client.set_window_size(width, 1800).await;
            tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        }
        // Every table's box ends inside the page; on a desktop every column shows, on a
        // phone a table wider than its box scrolls sideways.
        let overflow = b
            .js(&format!("const page = document.documentElement.clientWidth, phone = {};
                 return [...document.querySelectorAll('main table')].flatMap(t => {{
                   const box = t.closest('.nw-table-wrap') ?? t;
                   const r = box.getBoundingClientRect();
                   const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
                   const hidden = box.scrollWidth > box.clientWidth + 1;
                   const bad = r.right > page + 1 || (hidden && (!phone || !scrolls));
                   return bad ? [[t.textContent.slice(0, 40), r.right, page, box.scrollWidth, box.clientWidth]] : [];
                 }})", width == PHONE))
            .await;
        assert_eq!(overflow, json!([]), "{shot}: tables overflow");
        let page_scroll = b
            .js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            .await;
        assert_eq!(page_scroll, json!(0), "{shot}: the page scrolls sideways");
        b.screenshot_at(&shot, width).await;
    }
    b.finish().await;
}

#[tokio::test]
async fn the_playground_clears_points_takes_typed_ones_and_reads_out_on_a_tap() {
    let b = Browser::start().await;
    b.goto("lessons/playground.html#lang=en&trainer.dataset=spiral")
        .await;
    b.wait_widgets_ready("the playground").await;
    let clear = format!("{PLAYGROUND} button[data-action=clear-points]");
    let hidden = b
        .js(&format!("return document.querySelector('{clear}').hidden"))
        .await;
    assert_eq!(hidden, json!(true), "nothing to clear on a built-in set");

    // A typed point: the set becomes the learner's own, with the spiral's points and one more.
    let before = b
        .js(&format!(
            "return document.querySelector('{PLAYGROUND}').handle.exportCsv().trim().split('\\n').length"
        ))
        .await
        .as_u64()
        .unwrap_or(0);
    b.js(&format!(
        "const f = document.querySelector('{PLAYGROUND} form.nw-add');
         f.querySelector('[name=x1]').value = '1.25'; f.querySelector('[name=x2]').value = '-2.5';
         f.querySelector('[name=class]').value = '0'; return true;"
    ))
    .await;
    b.click(&format!("{PLAYGROUND} form.nw-add button[type=submit]"))
        .await;
    b.wait_for(
        "location.hash.includes('trainer.dataset=custom')",
        "the custom set",
    )
    .await;
    let csv = b
        .js(&format!(
            "return document.querySelector('{PLAYGROUND}').handle.exportCsv().trim().split('\\n')"
        ))
        .await;
    let rows = csv.as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len() as u64, before + 1, "one more point");
    assert_eq!(rows.last(), Some(&json!("1.25,-2.5,0")));
    let labels = b
        .texts(&format!(
            "{PLAYGROUND} form.nw-add label, {PLAYGROUND} form.nw-add button"
        ))
        .await;
    assert_eq!(labels, ["x1", "x2", "class012", "Add"]);

    // Out of range: a message, and nothing changes.
    b.js(&format!(
        "document.querySelector('{PLAYGROUND} form.nw-add [name=x1]').value = '5000'; return true;"
    ))
    .await;
    b.click(&format!("{PLAYGROUND} form.nw-add button[type=submit]"))
        .await;
    let msg = b
        .texts(&format!("{PLAYGROUND} .nw-message"))
        .await
        .join(" ");
    assert!(msg.contains("between −1000 and 1000"), "{msg}");

    // Clear: back to the spiral.
    b.click(&clear).await;
    b.wait_for(
        "location.hash.includes('trainer.dataset=spiral') && !location.hash.includes('points=')",
        "the spiral again",
    )
    .await;
    let shown = b
        .js(&format!("return document.querySelector('{clear}').hidden"))
        .await;
    assert_eq!(shown, json!(true));

    // A tap on the map shows the read-out there and adds no point.
    let hash = b.js("return location.hash").await;
    let tip = b
        .js(&format!(
            "const w = document.querySelector('{PLAYGROUND}'); const c = w.querySelector('canvas');
             let at = null;
             for (let y = 0; y < c.height && !at; y += 6) for (let x = 0; x < c.width && !at; x += 6)
               if (w.handle.takesPointAt(x, y)) at = [x + 40, y + 40];
             const r = c.getBoundingClientRect();
             const [clientX, clientY] = [r.left + at[0] * r.width / c.width, r.top + at[1] * r.height / c.height];
             c.dispatchEvent(new PointerEvent('pointerdown', {{bubbles: true, pointerType: 'touch', clientX, clientY}}));
             c.dispatchEvent(new MouseEvent('click', {{bubbles: true, clientX, clientY}}));
             const t = w.querySelector('.nw-tip');
             return t && !t.hidden ? t.textContent : null;"
        ))
        .await;
    assert!(
        tip.as_str()
            .is_some_and(|t| t.contains("x₁") || t.contains("x1")),
        "tap read-out: {tip}"
    );
    assert_eq!(
        b.js("return location.hash").await,
        hash,
        "a tap adds no point"
    );
    b.assert_no_console_errors("playground").await;

    for lang in ["en", "zh"] {
        if lang == "zh" {
            switch_language(&b, "zh").await;
            let labels = b
                .texts(&format!(
                    "{PLAYGROUND} form.nw-add .nw-add-legend, {PLAYGROUND} form.nw-add button"
                ))
                .await;
            assert_eq!(labels, ["添加一个点", "添加"]);
        }
        b.screenshot(&format!("fresh-playground-{lang}")).await;
        b.screenshot_at(&format!("fresh-playground-{lang}-phone"), PHONE)
            .await;
    }
    b.finish().await;
}
