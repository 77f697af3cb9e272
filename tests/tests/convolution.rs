//! The step-8 convolution lesson in the page: its four widgets draw, a Step of the
//! convolution stepper writes the window's products into the table, a Step of the pooling
//! widget and of the kernel learner changes their tables, the Chinese page is in Chinese,
//! and the page fits a phone.

use ninestep_e2e::{switch_language, Browser};

const CONV: &str = "ninestep-widget#conv-steps";
const POOL: &str = "ninestep-widget#pooling";
const LEARN: &str = "ninestep-widget#learn-kernel";
const KERNELS: &str = "ninestep-widget#kernels";

async fn step(b: &Browser, widget: &str, n: usize) {
    b.click(&format!("{widget} button[data-action=step]")).await;
    b.wait_for(
        &format!("document.querySelector('{widget}').dataset.steps === '{n}'"),
        &format!("step {n} of {widget}"),
    )
    .await;
}

#[tokio::test]
async fn the_widgets_draw_and_step() {
    let b = Browser::start().await;
    b.goto("lessons/convolution.html#lang=en").await;
    b.wait_widgets_ready("the convolution lesson").await;
    for w in [CONV, POOL, LEARN, KERNELS] {
        let (ink, all) = b.canvas_ink(&format!("{w} canvas")).await;
        assert!(ink * 50 > all, "{w}: chart mostly blank ({ink} of {all})");
    }

    // Before a Step the stepper's table is empty; after one it lists the nine products of
    // the first window: (1 − 4) + 2·(4 − 0) + (0 − 3) = 2 under the Sobel kernel.
    assert!(b
        .texts(&format!("{CONV} tbody td[data-key=xw]"))
        .await
        .is_empty());
    step(&b, CONV, 1).await;
    let xw = b.texts(&format!("{CONV} tbody td[data-key=xw]")).await;
    assert_eq!(xw, ["1", "0", "-4", "8", "0", "0", "0", "0", "-3"]);
    let status = b.texts(&format!("{CONV} .nw-message")).await.join(" ");
    assert!(status.contains("= 3"), "{status}");
    step(&b, CONV, 2).await;
    let second = b.texts(&format!("{CONV} tbody td[data-key=xw]")).await;
    assert_ne!(second, xw, "the window moved");

    // Pooling: the first window's maximum, 28, with its gradient 1.
    step(&b, POOL, 1).await;
    assert_eq!(
        b.texts(&format!("{POOL} tbody td[data-key=y]")).await,
        ["28.00"]
    );

    // The kernel learner: one Step is 200 iterations and the loss falls.
    let before = b.texts(&format!("{LEARN} tbody td[data-key=j]")).await;
    step(&b, LEARN, 1).await;
    let after = b.texts(&format!("{LEARN} tbody td[data-key=j]")).await;
    assert_eq!(after.len(), before.len() + 1, "{before:?} → {after:?}");
    assert!(after[1] < after[0], "{after:?}");
    b.assert_no_console_errors("convolution").await;
    b.screenshot("lesson-convolution-en").await;

    switch_language(&b, "zh").await;
    let labels = b.texts(&format!("{CONV} label")).await.join(" ");
    assert!(
        labels.contains("步长 S") && labels.contains("填充 P"),
        "{labels}"
    );
    let heads = b.texts(&format!("{LEARN} thead th")).await.join(" ");
    assert!(heads.contains("迭代"), "{heads}");
    b.screenshot("lesson-convolution-zh").await;
    b.finish().await;
}

#[tokio::test]
async fn the_lesson_fits_a_phone() {
    let b = Browser::start().await;
    let _ = b.client.set_window_size(390, 2400).await;
    b.goto("lessons/convolution.html#lang=zh").await;
    b.wait_widgets_ready("the convolution lesson on a phone")
        .await;
    step(&b, CONV, 1).await;
    let wide = b
        .js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await;
    assert_eq!(wide, serde_json::json!(0), "the page scrolls sideways");
    let (ink, all) = b.canvas_ink(&format!("{CONV} canvas")).await;
    assert!(ink * 50 > all, "stepper chart mostly blank on a phone");
    b.screenshot_at("lesson-convolution-phone-zh", 390).await;
    b.assert_no_console_errors("convolution on a phone").await;
    b.finish().await;
}
