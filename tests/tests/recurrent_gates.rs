//! Step 9's gated cells and row-by-row digits in the browser: the LSTM gate table fills
//! one time step per Step with the numbers the native test pins (100 % after epoch 44 with
//! seed 1), the GRU after 10; the digits widget trains a Step and shows its parameter count
//! beside the book's; a bad `cell` in the URL is refused in English and Chinese; the pages
//! are screenshotted in both languages and on a phone.

use ninestep_e2e::{switch_language, Browser};

const GATES: &str = "ninestep-widget#rnn-gates";
const ROWS: &str = "ninestep-widget#rnn-rows";

fn dd(w: &str, key: &str) -> String {
    format!("{w} .nw-readouts div[data-key={key}] dd")
}

#[tokio::test]
async fn gate_values_fill_one_step_at_a_time() {
    let b = Browser::start().await;
    b.goto("lessons/recurrent.html#lang=en").await;
    b.wait_widgets_ready("the recurrent lesson").await;
    let (ink, total) = b.canvas_ink(&format!("{GATES} canvas")).await;
    assert!(ink * 50 > total, "gates chart nearly blank: {ink}/{total}");
    assert_eq!(
        b.texts(&dd(GATES, "epoch_all")).await,
        ["44"],
        "LSTM, seed 1"
    );
    assert_eq!(b.texts(&dd(GATES, "answer")).await, ["4"], "13 − 9");
    assert!(b
        .texts(&format!("{GATES} td[data-key=u1]"))
        .await
        .is_empty());
    b.click(&format!("{GATES} button[data-action=step]")).await;
    b.wait_for(
        &format!("document.querySelector('{GATES}').dataset.steps === '1'"),
        "one time step",
    )
    .await;
    // f, i, g, o, c, h of step 1, each with four numbers.
    let cells = b.texts(&format!("{GATES} td[data-key=u4]")).await;
    assert_eq!(cells.len(), 6, "{cells:?}");
    for c in &cells {
        assert!(
            c.parse::<f64>().is_ok(),
            "a number in every cell: {cells:?}"
        );
    }
    let gate: f64 = cells[0].parse().unwrap_or(-1.0);
    assert!(
        (0.0..=1.0).contains(&gate),
        "the forget gate is a sigmoid: {gate}"
    );
    b.assert_no_console_errors("recurrent (gates)").await;
    b.screenshot("gates-en").await;

    // The digits read row by row: a Step trains, the parameters stand beside the book's.
    b.wait_for(
        &format!("document.querySelector('{ROWS}').dataset.steps !== undefined"),
        "the digits widget",
    )
    .await;
    assert_eq!(b.texts(&dd(ROWS, "params")).await, ["2282"]);
    assert_eq!(b.texts(&dd(ROWS, "book_params")).await, ["2281"]);
    b.click(&format!("{ROWS} button[data-action=step]")).await;
    b.wait_for(
        &format!("document.querySelector('{ROWS}').dataset.steps === '1'"),
        "a Step of the digits (after they load)",
    )
    .await;
    let (ink, total) = b.canvas_ink(&format!("{ROWS} canvas")).await;
    assert!(ink * 50 > total, "rows chart nearly blank: {ink}/{total}");

    switch_language(&b, "zh").await;
    assert_eq!(
        b.texts(&format!("{GATES} .nw-readouts div[data-key=accuracy] dt"))
            .await,
        ["136 对中答对的比例"]
    );
    b.assert_no_console_errors("recurrent (zh)").await;
    b.screenshot("gates-zh").await;
    b.screenshot_at("gates-phone", 390).await;

    // A cell the lesson does not have: a message in both languages.
    for (lang, word) in [("en", "not a choice"), ("zh", "不是")] {
        b.goto(&format!(
            "lessons/recurrent.html#lang={lang}&rnn-gates.cell=transformer"
        ))
        .await;
        b.wait_for(
            &format!(
                "(document.querySelector('{GATES} .nw-message')?.textContent || '').includes('{word}')"
            ),
            "the bad-cell message",
        )
        .await;
        let msg = b.texts(&format!("{GATES} .nw-message")).await.join(" ");
        assert!(msg.contains("transformer"), "{msg}");
    }
    b.finish().await;
}
