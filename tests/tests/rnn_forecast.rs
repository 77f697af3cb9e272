//! Step 9's forecast lesson (ch19.4/19.6) in the browser: Step trains and changes the
//! per-horizon table; the horizon control redraws the forecast (the canvas changes) and
//! keeps the trained net; the default run ends at the native figures; a horizon the book
//! does not use, given in the link, is refused in English and in Chinese; screenshots in
//! both languages and on a phone.

use ninestep_e2e::{switch_language, Browser};

const W: &str = "ninestep-widget#rnn-forecast";

/// The canvas as one string of its pixels (to tell two drawings apart).
async fn pixels(b: &Browser) -> String {
    b.js(&format!(
        "const c = document.querySelector('{W} canvas');
         const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
         let h = 0; for (let i = 0; i < d.length; i++) h = (h * 31 + d[i]) >>> 0;
         return String(h);"
    ))
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

async fn cells(b: &Browser, key: &str) -> Vec<String> {
    b.texts(&format!("{W} td[data-key={key}]")).await
}

#[tokio::test]
async fn step_trains_and_the_horizon_redraws_the_forecast() {
    let b = Browser::start().await;
    b.goto("lessons/rnn-forecast.html#lang=en").await;
    b.wait_widgets_ready("the forecast lesson").await;
    let (ink, total) = b.canvas_ink(&format!("{W} canvas")).await;
    assert!(ink * 50 > total, "chart nearly blank: {ink}/{total}");
    assert_eq!(
        b.texts(&format!("{W} th[scope=row]")).await,
        ["8 h", "4 h", "2 h", "1 h"]
    );
    assert_eq!(
        cells(&b, "book_accuracy").await,
        ["0.737769", "0.846447", "0.907291", "0.940090"]
    );
    let untrained = cells(&b, "accuracy").await;

    b.click(&format!("{W} button[data-action=step]")).await;
    b.wait_for(
        &format!("document.querySelector('{W}').dataset.steps === '1'"),
        "one Step of 5 epochs",
    )
    .await;
    let trained = cells(&b, "accuracy").await;
    assert_eq!(trained.len(), 4);
    assert_ne!(trained, untrained, "Step changes the table");

    // Another horizon: the same net (same table), another forecast drawn.
    let before = pixels(&b).await;
    b.js(&format!(
        "const s = document.querySelector('{W} select[data-key=horizon]'); s.value = '8';
         s.dispatchEvent(new Event('change', {{bubbles: true}})); return true;"
    ))
    .await;
    b.wait_for(
        &format!("document.querySelector('{W} select[data-key=horizon]').value === '8'"),
        "the horizon control",
    )
    .await;
    assert_eq!(
        cells(&b, "accuracy").await,
        trained,
        "the trained net is kept"
    );
    assert_ne!(pixels(&b).await, before, "the forecast is redrawn");

    // The whole default run in the page ends at the native figures of the lesson text
    // (one layer of 4, 50 epochs, seed 1: accuracy 0.6508 eight hours ahead).
    b.click(&format!("{W} button[data-action=run]")).await;
    b.wait_for(
        &format!("document.querySelector('{W}').dataset.steps === '10'"),
        "50 epochs",
    )
    .await;
    assert_eq!(
        b.texts(&format!("{W} .nw-readouts div[data-key=accuracy] dd"))
            .await,
        ["0.6508"]
    );
    b.assert_no_console_errors("rnn-forecast").await;
    b.screenshot("rnn-forecast-en").await;

    switch_language(&b, "zh").await;
    assert_eq!(
        b.texts(&format!("{W} th[data-key=book_accuracy]")).await,
        ["书中准确率"]
    );
    b.screenshot("rnn-forecast-zh").await;
    b.screenshot_at("rnn-forecast-phone", 390).await;
    b.finish().await;
}

#[tokio::test]
async fn a_bad_horizon_in_the_link_is_refused_in_both_languages() {
    let b = Browser::start().await;
    for (lang, words) in [
        ("en", "is not a choice of “horizon”"),
        ("zh", "不是“预测时长”的可选项"),
    ] {
        b.goto(&format!(
            "lessons/rnn-forecast.html#lang={lang}&rnn-forecast.horizon=3"
        ))
        .await;
        b.wait_widgets_ready("the forecast lesson").await;
        b.wait_for(
            &format!(
                "(document.querySelector('{W} .nw-message')?.textContent || '').includes('{words}')"
            ),
            "the message naming the horizon",
        )
        .await;
    }
    b.finish().await;
}
