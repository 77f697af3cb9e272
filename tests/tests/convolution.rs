//! The step-8 convolution lesson in the page: its four widgets draw, a Step of the
//! convolution stepper writes the window's products into the table, a Step of the pooling
//! widget and of the kernel learner changes their tables, the Chinese page is in Chinese,
//! and the page fits a phone. The kernel gallery takes the learner's own image: an uploaded
//! PNG (a vertical bar lights Sobel x at its sides, Sobel y not), a stroke drawn with pointer
//! events, and a file that is no image (a message in both languages, nothing changed).

use fantoccini::Locator;
use ninestep_e2e::{switch_language, Browser};
use std::path::PathBuf;

const CONV: &str = "ninestep-widget#conv-steps";
const POOL: &str = "ninestep-widget#pooling";
const LEARN: &str = "ninestep-widget#learn-kernel";
const KERNELS: &str = "ninestep-widget#kernels";
const UPLOAD: &str = "ninestep-widget#kernels input[data-action=upload-image]";
/// Side of the gallery's image (the core's `kernels::SIDE`).
const SIDE: usize = 64;

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

/// Writes a `w`×`h` grey PNG whose pixel (x, y) is `grey(x, y)` to a temp file named `name`.
fn png_file(name: &str, w: u32, h: u32, grey: impl Fn(u32, u32) -> u8) -> PathBuf {
    let path = std::env::temp_dir().join(format!("ninestep-{}-{name}", std::process::id()));
    let file = std::fs::File::create(&path).expect("a temp file");
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), w, h);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_depth(png::BitDepth::Eight);
    let data: Vec<u8> = (0..h)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .map(|(x, y)| grey(x, y))
        .collect();
    let mut writer = enc.write_header().expect("a PNG header");
    writer.write_image_data(&data).expect("the PNG's pixels");
    writer.finish().expect("the PNG written");
    path
}

/// Chooses `path` in the gallery's file input, as a learner would.
async fn upload(b: &Browser, path: &std::path::Path) {
    let input = b
        .client
        .find(Locator::Css(UPLOAD))
        .await
        .expect("the upload input");
    input
        .send_keys(&path.to_string_lossy())
        .await
        .expect("choose a file");
}

/// The gallery's image as the core holds it (64 × 64 values in [0, 1]).
async fn image(b: &Browser) -> Vec<f64> {
    let v = b
        .js(&format!(
            "return Array.from(document.querySelector('{KERNELS}').handle.kernelsImage())"
        ))
        .await;
    v.as_array()
        .expect("an array")
        .iter()
        .filter_map(|x| x.as_f64())
        .collect()
}

/// A checksum of the maps' chart (every pixel), to tell whether it was redrawn differently.
async fn chart_sum(b: &Browser) -> u64 {
    b.js(&format!(
        "const c = document.querySelector('{KERNELS} canvas.nw-canvas');
         const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
         let s = 0; for (let i = 0; i < d.length; i++) s = (s * 31 + d[i]) % 1000000007; return s;"
    ))
    .await
    .as_u64()
    .unwrap_or(0)
}

/// Along the horizontal line through the middle of map `k`'s cell of the 3×3 chart: how
/// many pixels are pure greys darker than 40 (the map's most negative values) and how many
/// are mid-grey (100–156, a zero-sum map's 0 between its extremes).
async fn midline(b: &Browser, k: usize) -> (u64, u64) {
    let v = b
        .js(&format!(
            "const c = document.querySelector('{KERNELS} canvas.nw-canvas');
             const [col, row] = [{k} % 3, Math.floor({k} / 3)];
             const y = Math.round(c.height * (row + 0.5) / 3);
             const x0 = Math.round(c.width * col / 3), x1 = Math.round(c.width * (col + 1) / 3);
             const d = c.getContext('2d').getImageData(x0, y, x1 - x0, 1).data;
             let dark = 0, mid = 0;
             for (let i = 0; i < d.length; i += 4) {{
               if (d[i] !== d[i + 1] || d[i] !== d[i + 2]) continue;
               if (d[i] < 40) dark++; else if (d[i] >= 100 && d[i] <= 156) mid++;
             }}
             return [dark, mid];"
        ))
        .await;
    (v[0].as_u64().unwrap_or(0), v[1].as_u64().unwrap_or(0))
}

/// Waits until the gallery's source label contains `needle`.
async fn wait_source(b: &Browser, needle: &str, what: &str) {
    let cond = format!(
        "document.querySelector('{KERNELS} .nw-gallery-source').textContent.includes({})",
        serde_json::json!(needle)
    );
    b.wait_for(&cond, what).await;
}

async fn source(b: &Browser) -> String {
    b.texts(&format!("{KERNELS} .nw-gallery-source"))
        .await
        .join(" ")
}

#[tokio::test]
async fn the_gallery_takes_an_upload_a_drawing_and_refuses_garbage() {
    let b = Browser::start().await;
    b.goto("lessons/convolution.html#lang=en").await;
    b.wait_widgets_ready("the convolution lesson").await;
    assert!(source(&b).await.contains("generated: circles"));
    let circles = image(&b).await;
    let before = chart_sum(&b).await;

    // A white vertical bar (columns 28–35) on black, 64×64: the core gets exactly it.
    let bar = png_file("bar.png", 64, 64, |x, _| {
        if (28..36).contains(&x) {
            255
        } else {
            0
        }
    });
    upload(&b, &bar).await;
    wait_source(&b, "uploaded: ninestep-", "the uploaded bar").await;
    let x = image(&b).await;
    assert_eq!(x.len(), SIDE * SIDE);
    for (q, v) in x.iter().enumerate() {
        let want = if (28..36).contains(&(q % SIDE)) {
            1.0
        } else {
            0.0
        };
        assert_eq!(*v, want, "pixel {q}");
    }
    assert!(source(&b).await.contains("not kept in links"));
    assert_ne!(chart_sum(&b).await, before, "the maps were redrawn");
    // Sobel x (map 7) is +4 left of the bar and −4 right of it, 0 elsewhere: its middle
    // line shows mid-grey with a black run (two map pixels wide, ≥ 2 screen pixels);
    // Sobel y (map 3) is 0 on every inner row: mid-grey with no black at all.
    let (x_dark, x_mid) = midline(&b, 7).await;
    let (y_dark, y_mid) = midline(&b, 3).await;
    assert!(
        x_dark >= 2 && x_mid > 20,
        "Sobel x midline: {x_dark} dark, {x_mid} mid"
    );
    assert!(
        y_dark == 0 && y_mid > 20,
        "Sobel y midline: {y_dark} dark, {y_mid} mid"
    );
    b.screenshot("lesson-convolution-upload-en").await;

    // A wide picture is scaled to fit with its aspect kept: 128×64 white becomes a 64×32
    // band in the middle, black above and below.
    let wide = png_file("wide.png", 128, 64, |_, _| 255);
    upload(&b, &wide).await;
    wait_source(&b, "wide.png", "the wide upload").await;
    let x = image(&b).await;
    let at = |r: usize, c: usize| x[r * SIDE + c];
    assert_eq!(
        (at(4, 30), at(32, 0), at(32, 63), at(59, 30)),
        (0.0, 1.0, 1.0, 0.0)
    );

    // A stroke with pointer events across the middle paints a white-ish line; the image,
    // the source and the maps follow.
    let drawn_from = chart_sum(&b).await;
    b.js(&format!(
        "const c = document.querySelector('{KERNELS} .nw-gallery-canvas');
         const r = c.getBoundingClientRect();
         const at = (fx, fy) => ({{bubbles: true, pointerId: 1, pointerType: 'pen', clientX: r.left + fx * r.width, clientY: r.top + fy * r.height}});
         c.dispatchEvent(new PointerEvent('pointerdown', at(0.5, 0.05)));
         for (let i = 1; i <= 10; i++) c.dispatchEvent(new PointerEvent('pointermove', at(0.5, 0.05 + i * 0.02)));
         c.dispatchEvent(new PointerEvent('pointerup', at(0.5, 0.25)));"
    ))
    .await;
    wait_source(&b, "your drawing", "the drawing").await;
    let x = image(&b).await;
    // The stroke ran down column 32 from row 3 to row 16, in the black band above the white.
    assert!(at_least(&x, 8, 32, 0.9), "stroke in the image");
    assert_eq!(x[8 * SIDE + 10], 0.0, "away from the stroke");
    assert_ne!(
        chart_sum(&b).await,
        drawn_from,
        "the maps follow the drawing"
    );
    b.screenshot("lesson-convolution-drawn-en").await;

    // Garbage named like an image: a message, the image and the maps unchanged.
    let kept = (image(&b).await, chart_sum(&b).await);
    let junk = std::env::temp_dir().join(format!("ninestep-{}-junk.png", std::process::id()));
    std::fs::write(&junk, "this is not a picture").expect("a temp file");
    upload(&b, &junk).await;
    let msg = format!("{KERNELS} .nw-message");
    b.wait_for(
        &format!(
            "document.querySelector('{msg}').textContent.includes('could not be read as an image')"
        ),
        "the garbage message",
    )
    .await;
    assert_eq!((image(&b).await, chart_sum(&b).await), kept);
    assert!(source(&b).await.contains("your drawing"));
    switch_language(&b, "zh").await;
    let zh = b.texts(&msg).await.join(" ");
    assert!(
        zh.contains("读作图像") && zh.contains("保留之前的图像"),
        "{zh}"
    );
    assert!(source(&b).await.contains("你的画"));
    b.screenshot("lesson-convolution-drawn-zh").await;
    b.screenshot_at("lesson-convolution-drawn-phone-zh", 390)
        .await;

    // Clear drawing: back to the generated circles.
    b.click(&format!("{KERNELS} button[data-action=clear-image]"))
        .await;
    wait_source(&b, "生成的：圆", "the generated image back").await;
    assert_eq!(image(&b).await, circles, "the circles again");
    b.assert_no_console_errors("the kernel gallery").await;
    for f in [bar, wide, junk] {
        let _ = std::fs::remove_file(f);
    }
    b.finish().await;
}

/// Whether pixel (r, c) of `x` or one of its left/right neighbours is at least `v`.
fn at_least(x: &[f64], r: usize, c: usize, v: f64) -> bool {
    (c - 1..=c + 1).any(|c| x[r * SIDE + c] >= v)
}
