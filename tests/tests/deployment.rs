//! Step 6's lesson in the browser: the model viewer draws the digits net; the pad trains it
//! (Run, 5 epochs), then takes strokes made with real WebDriver pointer input (a mouse "1",
//! a pen "7"), Enter reads them, the predicted digit and the ten probabilities appear in the
//! DOM, Backspace clears; a finger draws without scrolling the page; arrow keys draw from
//! the keyboard; zh and a phone.

use std::time::{Duration, Instant};

use fantoccini::actions::{
    InputSource, MouseActions, PenActions, PointerAction, TouchActions, MOUSE_BUTTON_LEFT,
};
use fantoccini::Locator;
use ninestep_e2e::{switch_language, Browser};

const W: &str = "ninestep-widget[name=digit-pad]";
const PAD: &str = "ninestep-widget[name=digit-pad] canvas.nw-pad-canvas";
const ENTER: &str = "\u{E007}";
const BACKSPACE: &str = "\u{E003}";

/// The stroke through `points` (CSS pixels from the pad's centre) as pointer actions.
fn stroke(el: &fantoccini::elements::Element, points: &[(f64, f64)]) -> Vec<PointerAction> {
    let to = |(x, y): (f64, f64), ms| PointerAction::MoveToElement {
        element: el.clone(),
        duration: Some(Duration::from_millis(ms)),
        x,
        y,
    };
    let mut a = vec![
        to(points[0], 0),
        PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        },
    ];
    a.extend(points[1..].iter().map(|&p| to(p, 120)));
    a.push(PointerAction::Up {
        button: MOUSE_BUTTON_LEFT,
    });
    a
}

async fn pad_ink(b: &Browser) -> u64 {
    b.canvas_ink(PAD).await.0
}

async fn predicted(b: &Browser) -> Vec<String> {
    b.texts(&format!("{W} .nw-readouts div[data-key=digit] dd"))
        .await
}

/// The ten probabilities of the table under the chart, by digit.
async fn bars(b: &Browser) -> Vec<f64> {
    b.texts(&format!("{W} td[data-key=p]"))
        .await
        .iter()
        .map(|t| t.parse().unwrap_or(f64::NAN))
        .collect()
}

async fn send(b: &Browser, keys: &str) {
    let pad = b.client.find(Locator::Css(PAD)).await.expect("the pad");
    pad.send_keys(keys).await.expect("keys to the pad");
}

#[tokio::test]
async fn a_drawn_one_and_seven_are_read_and_backspace_clears() {
    let b = Browser::start().await;
    b.goto("lessons/deployment.html#lang=en").await;
    b.wait_widgets_ready("the deployment lesson").await;

    // The viewer: the digits net's layers and their parameter counts on its canvas.
    let viewer = "ninestep-widget[name=model-view]";
    assert_eq!(
        b.texts(&format!("{viewer} .nw-readouts div[data-key=params] dd"))
            .await,
        ["51450"]
    );
    assert_eq!(
        b.texts(&format!("{viewer} td[data-key=params]")).await,
        ["50240", "1040", "170"]
    );
    let (ink, _) = b.canvas_ink(&format!("{viewer} canvas")).await;
    assert!(ink > 2000, "viewer nearly blank: {ink}");

    // The pad: focusable, labelled, blank.
    let attrs = b
        .js(&format!(
            "const c = document.querySelector('{PAD}'); return [c.tabIndex, c.getAttribute('aria-label'), c.width, getComputedStyle(c).touchAction];"
        ))
        .await;
    assert_eq!(attrs[0], 0);
    assert!(attrs[1].as_str().unwrap_or("").contains("Enter"), "{attrs}");
    assert_eq!(
        (attrs[2].as_u64(), attrs[3].as_str()),
        (Some(280), Some("none"))
    );
    assert_eq!(pad_ink(&b).await, 0);

    // Enter on an empty pad: the core's message, no crash.
    send(&b, ENTER).await;
    let msg = b.texts(&format!("{W} .nw-message")).await;
    assert!(msg.iter().any(|m| m.contains("empty")), "{msg:?}");

    // Train 5 epochs (40 Steps) with Run.
    b.click(&format!("{W} button[data-action=run]")).await;
    let started = Instant::now();
    loop {
        let steps = b
            .js(&format!(
                "return document.querySelector('{W}').dataset.steps"
            ))
            .await;
        if steps.as_str() == Some("40") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(240),
            "training stuck at {steps}"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let acc = b
        .texts(&format!("{W} .nw-readouts div[data-key=test_accuracy] dd"))
        .await;
    assert_eq!(acc, ["0.8710"], "the same run as the native test");

    // A "1" with the mouse: a bar right of centre.
    let el = b.client.find(Locator::Css(PAD)).await.expect("the pad");
    let one = stroke(
        &el,
        &[(30.0, -100.0), (28.0, -30.0), (25.0, 40.0), (22.0, 100.0)],
    );
    let mut mouse = MouseActions::new("mouse".into());
    for a in one {
        mouse = mouse.then(a);
    }
    b.client.perform_actions(mouse).await.expect("mouse stroke");
    b.client.release_actions().await.ok();
    assert!(pad_ink(&b).await > 2000);
    send(&b, ENTER).await;
    b.wait_for(
        &format!("document.querySelector('{W} .nw-readouts div[data-key=digit]')"),
        "a prediction",
    )
    .await;
    let p = bars(&b).await;
    assert_eq!(p.len(), 10, "{p:?}");
    assert!((p.iter().sum::<f64>() - 1.0).abs() < 0.01, "{p:?}");
    assert_eq!(predicted(&b).await, ["1"], "{p:?}");
    let best = (0..10).max_by(|&i, &j| p[i].total_cmp(&p[j]));
    assert_eq!(best, Some(1));
    b.assert_no_console_errors("deployment (a drawn 1)").await;
    b.screenshot("deployment-one-en").await;

    // Backspace clears the pad, the bars and the prediction.
    send(&b, BACKSPACE).await;
    assert_eq!(pad_ink(&b).await, 0);
    assert!(predicted(&b).await.is_empty() && bars(&b).await.is_empty());

    // A "7" with a pen: the bar, then the stem.
    let seven = stroke(
        &el,
        &[
            (-70.0, -90.0),
            (0.0, -92.0),
            (70.0, -90.0),
            (35.0, 0.0),
            (5.0, 100.0),
        ],
    );
    let mut pen = PenActions::new("pen".into());
    for a in seven {
        pen = pen.then(a);
    }
    b.client.perform_actions(pen).await.expect("pen stroke");
    b.client.release_actions().await.ok();
    b.click(&format!("{W} button[data-action=infer]")).await;
    b.wait_for(&format!("document.querySelector('{W} .nw-readouts div[data-key=digit] dd')?.textContent === '7'"), "a 7")
        .await;

    // Chinese labels, and the phone layout.
    switch_language(&b, "zh").await;
    let labels = b
        .texts(&format!(
            "{W} .nw-pad-buttons button, {W} .nw-pad-load span"
        ))
        .await;
    assert_eq!(
        labels,
        [
            "识别（回车）",
            "清除（退格）",
            "下载模型",
            "下载 ONNX",
            "载入模型…"
        ]
    );
    b.screenshot("deployment-seven-zh").await;
    b.screenshot_at("deployment-phone", 390).await;

    // A finger: it draws and the page does not scroll under it (touch-action: none).
    b.click(&format!("{W} button[data-action=clear]")).await;
    // Pointer actions need the whole stroke in view (the Clear click scrolls only the
    // button in, and the column of pad buttons is taller than it was).
    b.js(&format!(
        "document.querySelector('{PAD}').scrollIntoView({{block: 'center'}})"
    ))
    .await;
    let y0 = b.js("return window.scrollY").await;
    let mut finger = TouchActions::new("finger".into());
    for a in stroke(&el, &[(0.0, -100.0), (0.0, 0.0), (0.0, 100.0)]) {
        finger = finger.then(a);
    }
    b.client
        .perform_actions(finger)
        .await
        .expect("touch stroke");
    b.client.release_actions().await.ok();
    assert!(pad_ink(&b).await > 2000, "a finger draws");
    // A 200-pixel drag that scrolled would move the page by about as much; WebDriver may
    // nudge it a pixel while bringing the pad into view.
    let moved =
        b.js("return window.scrollY").await.as_f64().unwrap_or(0.0) - y0.as_f64().unwrap_or(0.0);
    assert!(
        moved.abs() < 20.0,
        "the page scrolled {moved} px under the finger"
    );

    // The Clear button, then the keyboard alone: arrow keys draw.
    b.click(&format!("{W} button[data-action=clear]")).await;
    assert_eq!(pad_ink(&b).await, 0);
    send(&b, &"\u{E015}".repeat(5)).await; // ArrowDown ×5
    assert!(pad_ink(&b).await > 1000);
    b.assert_no_console_errors("deployment").await;
    b.finish().await;
}
