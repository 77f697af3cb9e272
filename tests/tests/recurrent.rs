//! Step 9's recurrent lesson in the browser: both charts draw; Step walks the unrolled
//! subtraction net forward and then backward (the table gains rows, then deltas); a pair
//! with b > a is refused in words and the last good state stays; the echo net trained in the
//! page ends at the numbers the native tests pin (seed 2: test R² 0.9465, W −4.3565); the
//! vanishing-gradient chart shows the native numbers; the Chinese page and a phone are
//! screenshotted.

use ninestep_e2e::{switch_language, Browser};

const MINUS: &str = "ninestep-widget#rnn-minus";
const ECHO: &str = "ninestep-widget#rnn-echo";
const VANISHING: &str = "ninestep-widget#rnn-vanishing";

#[tokio::test]
async fn unrolled_subtraction_steps_forward_then_backward() {
    let b = Browser::start().await;
    b.goto("lessons/recurrent.html#lang=en").await;
    b.wait_widgets_ready("the recurrent lesson").await;
    for w in [MINUS, ECHO, VANISHING] {
        let (ink, total) = b.canvas_ink(&format!("{w} canvas")).await;
        assert!(ink * 50 > total, "{w}: chart nearly blank: {ink}/{total}");
    }
    let dd = |w: &str, key: &str| format!("{w} .nw-readouts div[data-key={key}] dd");
    assert_eq!(
        b.texts(&dd(MINUS, "epoch_all")).await,
        ["5"],
        "100 % after epoch 5"
    );
    assert_eq!(b.texts(&dd(MINUS, "answer")).await, ["7"], "13 − 6");
    assert!(b
        .texts(&format!("{MINUS} td[data-key=y_hat]"))
        .await
        .is_empty());

    // Four Steps forward: four rows of states and outputs, no deltas yet.
    for n in 1..=5 {
        b.click(&format!("{MINUS} button[data-action=step]")).await;
        b.wait_for(
            &format!("document.querySelector('{MINUS}').dataset.steps === '{n}'"),
            "a Step through time",
        )
        .await;
        let outputs = b.texts(&format!("{MINUS} td[data-key=y_hat]")).await;
        assert_eq!(outputs.len(), n.min(4), "forward rows after {n} Steps");
        let deltas: Vec<String> = b
            .texts(&format!("{MINUS} td[data-key=delta]"))
            .await
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect();
        // The fifth Step is the first backward one: the last time step's δ appears.
        assert_eq!(deltas.len(), n.saturating_sub(4), "deltas after {n} Steps");
    }
    b.assert_no_console_errors("recurrent (steps)").await;
    b.screenshot("recurrent-en").await;

    // b > a is refused with a message; the table keeps its rows.
    b.js(&format!(
        "const w = document.querySelector('{MINUS}');
         const e = w.querySelector('input.nw-number[data-key=b]'); e.value = '14';
         e.dispatchEvent(new Event('change', {{bubbles: true}})); return true;"
    ))
    .await;
    b.wait_for(
        &format!(
            "(document.querySelector('{MINUS} .nw-message')?.textContent || '').includes('b = 14')"
        ),
        "the b > a message",
    )
    .await;
    assert_eq!(
        b.texts(&format!("{MINUS} td[data-key=y_hat]")).await.len(),
        4
    );

    // The echo, trained in the page: the same numbers as natively.
    b.click(&format!("{ECHO} button[data-action=run]")).await;
    b.wait_for(
        &format!("document.querySelector('{ECHO}').dataset.steps === '10'"),
        "100 epochs of the echo",
    )
    .await;
    assert_eq!(b.texts(&dd(ECHO, "r2")).await, ["0.9465"]);
    assert_eq!(b.texts(&dd(ECHO, "w")).await, ["-4.3565"]);

    switch_language(&b, "zh").await;
    assert_eq!(
        b.texts(&format!("{MINUS} th[data-key=t]")).await,
        ["时间步 t"]
    );
    assert_eq!(
        b.texts(&format!("{ECHO} .nw-readouts div[data-key=w] dt"))
            .await,
        ["W（书中 -4.3910）"]
    );
    b.assert_no_console_errors("recurrent (zh)").await;
    b.screenshot("recurrent-zh").await;
    b.screenshot_at("recurrent-phone", 390).await;
    b.finish().await;
}
