//! The pages in headless Chromium: every lesson renders, the book's numbers come out of
//! the buttons, bad input shows a message and leaves a working widget, the URL round-trips,
//! both languages work, and the embeds render. Screenshots of every page go to
//! `NINESTEP_SCREENSHOTS` (en and zh).

use ninestep_e2e::{lessons, switch_language, Browser};

const CHAIN: &str = "ninestep-widget#backprop-chain";

#[tokio::test]
async fn every_lesson_page_renders_in_both_languages() {
    let b = Browser::start().await;
    for (slug, _) in lessons() {
        let slug = slug.as_str();
        b.goto(&format!("lessons/{slug}.html#lang=en")).await;
        b.wait_widgets_ready(slug).await;
        let canvases = b
            .js("return document.querySelectorAll('ninestep-widget canvas').length")
            .await;
        let canvases = canvases.as_u64().unwrap_or(0);
        assert!(canvases > 0, "{slug}: no charts");
        let ink = b
            .js(
                // Charts only: the digit pad's canvas is blank paper until someone draws.
                "return [...document.querySelectorAll('ninestep-widget canvas:not(.nw-pad-canvas)')].map(c => {
                   const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                   let ink = 0;
                   for (let i = 0; i < d.length; i += 4)
                     if (d[i + 3] > 0 && (d[i] < 245 || d[i + 1] < 245 || d[i + 2] < 245)) ink++;
                   return [c.closest('ninestep-widget').id, ink, c.width * c.height];
                 })",
            )
            .await;
        for entry in ink.as_array().into_iter().flatten() {
            let (id, ink, total) = (&entry[0], entry[1].as_u64(), entry[2].as_u64());
            let (ink, total) = (ink.unwrap_or(0), total.unwrap_or(0));
            assert!(total > 0, "{slug}/{id}: canvas has no size");
            assert!(
                ink * 100 > total,
                "{slug}/{id}: chart is blank ({ink} of {total} pixels)"
            );
        }
        let errors = b.texts("ninestep-widget .nw-message.nw-error").await;
        assert!(
            errors.is_empty(),
            "{slug}: widget errors on a clean load: {errors:?}"
        );
        b.assert_no_console_errors(slug).await;
        b.screenshot(&format!("lesson-{slug}-en")).await;

        switch_language(&b, "zh").await;
        let step = b.texts("ninestep-widget button[data-action=step]").await;
        assert!(
            step.iter().all(|s| s == "单步"),
            "{slug}: buttons not translated: {step:?}"
        );
        b.assert_no_console_errors(slug).await;
        b.screenshot(&format!("lesson-{slug}-zh")).await;
    }
    b.finish().await;
}

/// The x column of the chain's table.
async fn chain_xs(b: &Browser) -> Vec<String> {
    b.texts(&format!("{CHAIN} td[data-key=x]")).await
}

#[tokio::test]
async fn the_chain_reproduces_the_book_and_round_trips_through_the_url() {
    let b = Browser::start().await;
    b.goto("lessons/backprop-chain.html#lang=en").await;
    b.wait_widgets_ready("the chain").await;
    for _ in 0..5 {
        b.click(&format!("{CHAIN} button[data-action=step]")).await;
    }
    b.wait_for(
        &format!("document.querySelector('{CHAIN}').dataset.steps === '5'"),
        "five steps",
    )
    .await;
    // Book ch2.2: from x = 2 towards y = 2.13 the book's program prints these x values
    // and stops with c = 2.129577 (|Δc| < 0.001).
    let want = ["2.000000", "4.243178", "7.343950", "9.295386", "9.655706"];
    assert_eq!(chain_xs(&b).await, want);
    let c = b.texts(&format!("{CHAIN} td[data-key=c]")).await;
    assert_eq!(c.last().map(String::as_str), Some("2.129577"));
    let message = b.texts(&format!("{CHAIN} .nw-message")).await;
    assert!(
        message.first().is_some_and(|m| m.starts_with("Done")),
        "the message should say done: {message:?}"
    );
    b.assert_no_console_errors("backprop-chain").await;

    // The state is in the URL: reloading it gives the same table.
    let hash = b.js("return location.hash").await;
    let hash = hash.as_str().unwrap_or("");
    assert!(hash.contains("backprop-chain.steps=5"), "hash: {hash}");
    assert!(hash.contains("lang=en"), "hash: {hash}");
    b.client.refresh().await.expect("reload");
    b.wait_widgets_ready("the chain after a reload").await;
    assert_eq!(
        chain_xs(&b).await,
        want,
        "the reloaded page replays the link"
    );

    // The language switch translates the page and the widget.
    switch_language(&b, "zh").await;
    let h1 = b
        .client
        .find(fantoccini::Locator::Css("h1"))
        .await
        .expect("h1")
        .text()
        .await
        .expect("h1 text");
    assert_eq!(h1, "非线性反向传播");
    let step = b.texts(&format!("{CHAIN} button[data-action=step]")).await;
    assert_eq!(step, ["单步"]);
    let message = b.texts(&format!("{CHAIN} .nw-message")).await;
    assert!(
        message.first().is_some_and(|m| m.contains("完成")),
        "the message follows the language: {message:?}"
    );
    let hash = b.js("return location.hash").await;
    assert!(
        hash.as_str()
            .is_some_and(|h| h.contains("lang=zh") && h.contains("backprop-chain.steps=5")),
        "the switch keeps the widget state in the hash: {hash}"
    );
    b.assert_no_console_errors("backprop-chain (zh)").await;
    b.finish().await;
}

#[tokio::test]
async fn bad_input_shows_a_message_and_leaves_a_working_widget() {
    let b = Browser::start().await;
    // A malformed link: every widget says so and shows its defaults.
    b.goto("lessons/backprop-chain.html#%%%garbage").await;
    b.wait_widgets_ready("the chain with a malformed hash")
        .await;
    let message = b.texts(&format!("{CHAIN} .nw-message.nw-error")).await;
    assert!(
        message
            .first()
            .is_some_and(|m| m.contains("could not be read") || m.contains("无法读取")),
        "malformed hash message: {message:?}"
    );
    b.click(&format!("{CHAIN} button[data-action=step]")).await;
    b.wait_for(
        &format!("document.querySelectorAll('{CHAIN} tbody tr').length === 1"),
        "a row after Step",
    )
    .await;
    assert_eq!(chain_xs(&b).await, ["2.000000"], "the defaults still work");

    // x = 0.5 is outside the chain's domain: message, and the table stays.
    b.goto("lessons/backprop-chain.html#lang=en").await;
    b.wait_widgets_ready("the chain").await;
    b.click(&format!("{CHAIN} button[data-action=step]")).await;
    b.click(&format!("{CHAIN} button[data-action=step]")).await;
    let before = chain_xs(&b).await;
    assert_eq!(before.len(), 2);
    let input = b
        .client
        .find(fantoccini::Locator::Css(&format!(
            "{CHAIN} input.nw-number[data-key=x]"
        )))
        .await
        .expect("the x number box");
    input.clear().await.expect("clear x");
    input
        .send_keys("0.5\u{E004}")
        .await
        .expect("type x = 0.5, then Tab");
    b.wait_for(
        &format!("document.querySelector('{CHAIN} .nw-message.nw-error')?.textContent.includes('domain')"),
        "the domain message",
    )
    .await;
    assert_eq!(
        chain_xs(&b).await,
        before,
        "a rejected value keeps the table"
    );
    let invalid = b
        .js(&format!("return document.querySelector('{CHAIN} input.nw-number[data-key=x]').getAttribute('aria-invalid')"))
        .await;
    assert_eq!(invalid, "true");
    b.screenshot("lesson-backprop-chain-domain-error-en").await;

    // A good value starts over from it.
    input.clear().await.expect("clear x");
    input.send_keys("3\u{E004}").await.expect("type x = 3");
    b.wait_for(
        &format!("document.querySelector('{CHAIN}').dataset.steps === '0' && !document.querySelector('{CHAIN} .nw-message.nw-error')"),
        "a fresh start from x = 3",
    )
    .await;
    b.assert_no_console_errors("backprop-chain (bad input)")
        .await;
    b.finish().await;
}

#[tokio::test]
async fn run_keyboard_and_chart_clicks_drive_the_widgets() {
    let b = Browser::start().await;
    b.goto("lessons/backprop-chain.html#lang=en").await;
    b.wait_widgets_ready("the chain").await;

    // Run plays the steps until the stop rule holds, then gives the buttons back.
    b.click(&format!("{CHAIN} button[data-action=run]")).await;
    b.wait_for(
        &format!("document.querySelector('{CHAIN}').dataset.steps === '5' && !document.querySelector('{CHAIN} button[data-action=run]').disabled"),
        "Run to finish",
    )
    .await;
    assert_eq!(
        chain_xs(&b).await.last().map(String::as_str),
        Some("9.655706")
    );
    let pause = b
        .js(&format!(
            "return document.querySelector('{CHAIN} button[data-action=pause]').disabled"
        ))
        .await;
    assert_eq!(pause, true, "Pause is off once the run is done");

    // Keyboard: an arrow key on the slider moves x by one step and starts over.
    let slider = b
        .client
        .find(fantoccini::Locator::Css(&format!(
            "{CHAIN} input.nw-range[data-key=x]"
        )))
        .await
        .expect("the x slider");
    slider
        .send_keys("\u{E014}")
        .await
        .expect("ArrowRight on the slider");
    b.wait_for(
        &format!("document.querySelector('{CHAIN} input.nw-number[data-key=x]').value === '2.01'"),
        "x = 2.01 after ArrowRight",
    )
    .await;
    assert_eq!(
        b.js(&format!(
            "return document.querySelector('{CHAIN}').dataset.steps"
        ))
        .await,
        "0"
    );
    assert!(b
        .js("return location.hash")
        .await
        .as_str()
        .is_some_and(|h| h.contains("backprop-chain.x=2.01")));

    // Copy link gives the page's address with the state (shown in the message too,
    // whether or not the clipboard is available).
    b.click(&format!("{CHAIN} button[data-action=copy]")).await;
    b.wait_for(
        &format!("document.querySelector('{CHAIN} .nw-message').textContent.includes('#lang=en&backprop-chain.x=2.01')"),
        "the copied link",
    )
    .await;

    // Reset clears the table and keeps the settings.
    b.click(&format!("{CHAIN} button[data-action=step]")).await;
    b.click(&format!("{CHAIN} button[data-action=reset]")).await;
    assert!(chain_xs(&b).await.is_empty());

    // A click on the chart of gd-1d picks the start x (rounded to the slider step).
    b.goto("lessons/gradient-descent.html#lang=en").await;
    b.wait_widgets_ready("gradient descent").await;
    b.click("ninestep-widget#gd-1d canvas").await;
    b.wait_for(
        "document.querySelector('#gd-1d input.nw-number[data-key=x0]').value !== '1.2'",
        "a click to set x0",
    )
    .await;
    let x0 = b
        .js("return document.querySelector('#gd-1d input.nw-number[data-key=x0]').value")
        .await;
    let x0: f64 = x0.as_str().and_then(|v| v.parse().ok()).unwrap_or(f64::NAN);
    assert!(
        (-1.0..=1.0).contains(&x0),
        "the middle of the chart is near x = 0, got {x0}"
    );
    assert!(
        ((x0 * 10.0).round() - x0 * 10.0).abs() < 1e-9,
        "x0 = {x0} is on the 0.1 grid"
    );
    b.assert_no_console_errors("run/keyboard/click").await;
    b.finish().await;
}
