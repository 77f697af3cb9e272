//! The site around the lessons: the index lists the nine steps and links every published
//! lesson, and the embedding demo renders its script and iframe widgets.

use ninestep_e2e::{foreign_host, lessons, switch_language, Browser};

#[tokio::test]
async fn index_lists_the_nine_steps_and_the_embeds_render() {
    let b = Browser::start().await;
    b.goto("index.html#lang=en").await;
    b.wait_for("document.querySelector('ol.steps')", "the index")
        .await;
    let steps = b
        .js("return document.querySelectorAll('ol.steps > li').length")
        .await;
    assert_eq!(steps, 9, "nine steps");
    // Each step links exactly its published lessons, in order; a step without lessons is
    // marked as coming and links nowhere.
    let all = lessons();
    for step in 1..=9u32 {
        let links = b
            .js(&format!("return [...document.querySelectorAll('ol.steps > li:nth-child({step}) a')].map(a => a.getAttribute('href'))"))
            .await;
        let want: Vec<String> = all
            .iter()
            .filter(|(_, s)| *s == step)
            .map(|(slug, _)| format!("lessons/{slug}.html"))
            .collect();
        assert_eq!(
            links,
            serde_json::json!(want),
            "step {step} links its lessons"
        );
        let coming = b
            .js(&format!("return document.querySelector('ol.steps > li:nth-child({step})').classList.contains('coming')"))
            .await;
        assert_eq!(
            coming,
            serde_json::json!(want.is_empty()),
            "step {step}: 'coming' iff no lessons"
        );
    }
    b.assert_no_console_errors("index").await;
    b.screenshot("index-en").await;
    switch_language(&b, "zh").await;
    let h1 = b.texts("h1 [lang=zh]").await;
    assert_eq!(h1, ["九步学会神经网络"]);
    b.screenshot("index-zh").await;

    // The embedding demo: two script widgets and one iframe widget.
    for lang in ["en", "zh"] {
        b.goto(&format!("embed-demo.html#lang={lang}")).await;
        b.wait_widgets_ready("the embed demo's widgets").await;
        let n = b
            .js("return document.querySelectorAll('ninestep-widget[data-ready=true]').length")
            .await;
        assert_eq!(n, 2, "two script widgets on the demo page");
        // The Chinese-only widget stays Chinese whatever the page language.
        let step = b.texts("#notes-chain button[data-action=step]").await;
        assert_eq!(step, ["单步"]);
        b.client
            .enter_frame(0)
            .await
            .expect("the demo has an iframe");
        b.wait_widgets_ready("the iframe's widget").await;
        let (ink, total) = b.canvas_ink("ninestep-widget canvas").await;
        assert!(ink * 100 > total, "iframe chart is blank: {ink}/{total}");
        let eta = b
            .js("return document.querySelector('input.nw-number[data-key=eta]').value")
            .await;
        assert_eq!(
            eta, "0.8",
            "the iframe widget takes its settings from its hash"
        );
        b.client
            .enter_parent_frame()
            .await
            .expect("back to the demo");
        b.assert_no_console_errors("embed-demo").await;
        b.screenshot(&format!("embed-demo-{lang}")).await;
    }

    // embed.html on its own keeps its state in its own hash.
    b.goto("embed.html#name=backprop-chain&x=2&target=2.13&lang=zh")
        .await;
    b.wait_widgets_ready("embed.html").await;
    b.click("ninestep-widget button[data-action=step]").await;
    b.wait_for("location.hash.includes('steps=1')", "embed.html's own hash")
        .await;
    let hash = b.js("return location.hash").await;
    assert_eq!(hash, "#name=backprop-chain&x=2&target=2.13&steps=1&lang=zh");
    b.assert_no_console_errors("embed.html").await;
    b.screenshot("embed-zh").await;
    b.goto("embed.html#name=learning-rate&eta=0.8&lang=en")
        .await;
    b.wait_widgets_ready("embed.html (en)").await;
    b.assert_no_console_errors("embed.html (en)").await;
    b.screenshot("embed-en").await;

    // The console check is real: it sees console.error and uncaught exceptions, and the page
    // shows uncaught ones in its error banner. The exception is thrown by the site's own code
    // (the language switch, once the test has broken `history.replaceState`): the policy
    // forbids inline scripts, and one thrown by the test's script would reach the page muted.
    b.goto("index.html#lang=en").await;
    b.js("console.error('e2e probe'); history.replaceState = undefined; return 1")
        .await;
    b.click(".lang-switch").await;
    b.wait_for(
        "document.querySelector('.error-banner')?.textContent.includes('replaceState')",
        "the error banner",
    )
    .await;
    let errors = b.console_errors().await.join("\n");
    assert!(
        errors.contains("e2e probe"),
        "console.error not seen: {errors}"
    );
    assert!(
        errors.contains("replaceState"),
        "uncaught exception not seen: {errors}"
    );
    b.finish().await;
}

/// Course notes on another origin embed the playground with one script tag from ours, and a
/// widget as an iframe of our embed.html: the module, its wasm and the training worker all load
/// across origins (the worker through a same-origin blob that imports our worker module), the
/// widget trains, and our security headers do not stop the iframe.
#[tokio::test]
async fn the_playground_embeds_and_trains_from_another_origin() {
    let b = Browser::start().await;
    let ours = b.url("");
    // The host page is served by a stand-in for somebody else's site (another origin, none
    // of our headers or policies), written as course notes would be.
    let host = foreign_host(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Course notes, week 5</title>\n\
         <script type=\"module\" src=\"{ours}ninestep.js\"></script></head><body>\n\
         <h1>Week 5</h1>\n\
         <ninestep-widget name=\"trainer\" id=\"notes\" no-url layers=\"8,8\" dataset=\"xor\"></ninestep-widget>\n\
         <iframe src=\"{ours}embed.html#name=learning-rate&amp;eta=0.8&amp;lang=en\" width=\"900\" height=\"700\"></iframe>\n\
         </body></html>\n"
    ));
    assert!(!host.starts_with(&ours), "{host} vs {ours}");
    b.client
        .goto(&format!("{host}course-notes-week-5.html"))
        .await
        .expect("the host page opens");
    b.wait_widgets_ready("the cross-origin playground").await;
    let origin = b.js("return location.origin").await;
    assert!(
        origin.as_str().unwrap_or_default().contains("localhost"),
        "{origin}"
    );
    assert_eq!(
        b.js("return document.querySelector('#notes').dataset.trainer")
            .await,
        "worker"
    );
    b.click("#notes button[data-action=step]").await;
    b.wait_for(
        "document.querySelector('#notes').dataset.steps === '1' && document.querySelectorAll('#notes td').length > 0",
        "a step trained by the cross-origin worker",
    )
    .await;
    // Still the worker: a failing worker would have handed training back to the page.
    assert_eq!(
        b.js("return document.querySelector('#notes').dataset.trainer")
            .await,
        "worker"
    );
    let (ink, total) = b.canvas_ink("#notes canvas").await;
    assert!(
        ink * 10 > total,
        "cross-origin chart is blank: {ink}/{total}"
    );
    // Styled without the site's style.css: ninestep.js brought widget.css along (the chart
    // fills the widget, the file input is visually hidden behind its label button).
    let styled = b
        .js("const w = document.querySelector('#notes');
             return [w.querySelector('canvas').clientWidth > 600,
                     w.querySelector('input[type=file]').getBoundingClientRect().width <= 1,
                     getComputedStyle(w).borderTopColor]")
        .await;
    assert_eq!(styled, serde_json::json!([true, true, "rgb(245, 147, 34)"]));
    // Its Copy link (no-url: not the host's address) points at our embed.html with its state.
    b.click("#notes button[data-action=copy]").await;
    b.wait_for(
        &format!("document.querySelector('#notes .nw-message').textContent.includes('{ours}embed.html#name=trainer&') && document.querySelector('#notes .nw-message').textContent.includes('steps=1')"),
        "the embed link of the cross-origin widget",
    )
    .await;
    // The iframe of embed.html: its widget renders and takes its settings from its hash.
    b.client
        .enter_frame(0)
        .await
        .expect("the host page's iframe");
    b.wait_widgets_ready("the cross-origin iframe").await;
    let eta = b
        .js("return document.querySelector('input.nw-number[data-key=eta]').value")
        .await;
    assert_eq!(
        eta, "0.8",
        "the iframe widget takes its settings from its hash"
    );
    let (ink, total) = b.canvas_ink("ninestep-widget canvas").await;
    assert!(ink * 100 > total, "iframe chart is blank: {ink}/{total}");
    b.client
        .enter_parent_frame()
        .await
        .expect("back to the host");
    b.assert_no_console_errors("cross-origin playground").await;
    b.screenshot("cross-origin-playground").await;
    b.finish().await;
}
