//! Step 7's regularisation lesson in the browser: choosing L1 and pressing Step shows the
//! core's sparsity counts (pinned in `lesson/step7/regularization_tests.rs`) and draws the
//! fit; the Chinese page labels everything in Chinese; early stopping reports and marks its
//! best epoch; on a phone the three panels stack.

use ninestep_e2e::{switch_language, Browser};

const W: &str = "ninestep-widget#regularization";

/// Pixels of the chart close to `rgb` (the model's red, the test curve's green).
fn count_colour(rgb: (u8, u8, u8)) -> String {
    format!(
        "const c = document.querySelector('{W} canvas');
         const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
         let n = 0;
         for (let i = 0; i < d.length; i += 4)
           if (Math.abs(d[i] - {}) + Math.abs(d[i + 1] - {}) + Math.abs(d[i + 2] - {}) < 40) n++;
         return n;",
        rgb.0, rgb.1, rgb.2
    )
}

#[tokio::test]
async fn l1_shows_its_sparsity_and_early_stopping_its_best_epoch() {
    let b = Browser::start().await;
    b.goto("lessons/regularization.html#lang=en").await;
    b.wait_widgets_ready("the regularisation lesson").await;

    // L1 at the course's strength (0.005 / batch 5 = 0.001), one Step of 200 epochs.
    b.js(&format!(
        "const w = document.querySelector('{W}');
         const set = (sel, v) => {{ const e = w.querySelector(sel); e.value = v; e.dispatchEvent(new Event('change', {{bubbles: true}})); }};
         set('select[data-key=method]', 'l1');
         set('input.nw-number[data-key=lambda]', '0.001');
         return true;"
    ))
    .await;
    b.click(&format!("{W} button[data-action=step]")).await;
    b.wait_for(
        &format!("document.querySelector('{W}').dataset.steps === '1'"),
        "one Step of L1",
    )
    .await;
    let cell = |key: &str| format!("{W} td[data-key={key}]");
    assert_eq!(b.texts(&cell("epoch")).await, ["200"]);
    assert_eq!(b.texts(&cell("small")).await, ["141"], "|w| < 1e-2");
    assert_eq!(b.texts(&cell("zero")).await, ["29"], "|w| ≤ 1e-4");
    assert_eq!(b.texts(&cell("tiny")).await, ["4"], "|w| < 1e-5");
    assert_eq!(
        b.texts(&format!("{W} .nw-readouts div[data-key=small] dd"))
            .await,
        ["141"]
    );
    let penalty = b.texts(&cell("penalty")).await;
    assert!(
        penalty.len() == 1 && penalty[0].starts_with("0.08"),
        "{penalty:?}"
    );
    // The fit is drawn: the red model and the green test curve both have ink.
    let (ink, total) = b.canvas_ink(&format!("{W} canvas")).await;
    assert!(ink * 20 > total, "chart nearly blank: {ink}/{total}");
    let red = b
        .js(&count_colour((200, 40, 40)))
        .await
        .as_u64()
        .unwrap_or(0);
    let green = b
        .js(&count_colour((30, 140, 70)))
        .await
        .as_u64()
        .unwrap_or(0);
    assert!(red > 500 && green > 300, "model {red}, test curve {green}");
    b.assert_no_console_errors("regularization (L1)").await;
    b.screenshot("regularization-l1-en").await;

    // Chinese: table headers, choices, buttons and read-outs.
    switch_language(&b, "zh").await;
    assert_eq!(
        b.texts(&format!("{W} th[data-key=train_loss]")).await,
        ["训练损失"]
    );
    assert_eq!(
        b.texts(&format!("{W} th[data-key=penalty]")).await,
        ["惩罚项"]
    );
    let options = b
        .texts(&format!("{W} select[data-key=method] option"))
        .await;
    assert_eq!(
        options,
        ["无（过拟合）", "L2", "L1", "丢弃法", "早停法"],
        "method names"
    );
    assert_eq!(
        b.texts(&format!("{W} .nw-readouts div[data-key=test_r2] dt"))
            .await,
        ["测试 R²"]
    );

    // Early stopping (patience 800) runs to its stop: best epoch 1381, stopped after 2181.
    b.js(&format!(
        "const s = document.querySelector('{W} select[data-key=method]'); s.value = 'early'; s.dispatchEvent(new Event('change', {{bubbles: true}})); return true;"
    ))
    .await;
    b.click(&format!("{W} button[data-action=run]")).await;
    b.wait_for(
        &format!("document.querySelector('{W} .nw-readouts div[data-key=best] dd')?.textContent === '1381'"),
        "early stopping to stop",
    )
    .await;
    let message = b.texts(&format!("{W} .nw-message")).await.join(" ");
    assert!(
        message.contains("第 2181 轮后早停") && message.contains("第 1381 轮"),
        "{message}"
    );
    b.assert_no_console_errors("regularization (early stopping)")
        .await;
    b.screenshot("regularization-early-zh").await;

    // A phone: the canvas is taller than wide and the panels stack.
    let _ = b.client.set_window_size(390, 1800).await;
    b.wait_for(
        &format!("(() => {{ const c = document.querySelector('{W} canvas'); return c.clientWidth < 400 && c.clientHeight > 1.5 * c.clientWidth; }})()"),
        "the stacked phone layout",
    )
    .await;
    let (ink, total) = b.canvas_ink(&format!("{W} canvas")).await;
    assert!(ink * 20 > total, "phone chart nearly blank: {ink}/{total}");
    if let Ok(canvas) = b
        .client
        .find(fantoccini::Locator::Css(&format!("{W} canvas")))
        .await
    {
        if let Ok(png) = canvas.screenshot().await {
            let dir = ninestep_e2e::screenshot_dir();
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join("regularization-phone-zh.png"), png);
        }
    }
    let _ = b.client.set_window_size(ninestep_e2e::WIDTH, 1800).await;
    b.assert_no_console_errors("regularization (phone)").await;
    b.finish().await;
}
