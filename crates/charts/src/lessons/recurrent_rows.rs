//! The chart of ch19.7: test accuracy per epoch beside the book's best (left); the chosen
//! test digit with the row being read, and beside each row the hidden state after reading
//! it (right).

use crate::graph::{draw, label, label_left, outline};
use crate::lessons::Area;
use crate::pen::{Drawn, Pen};
use crate::plot::{plot, Axes, Marker, Plot, Series};
use crate::style::{mix, tr, BLUE, GREEN, GUIDE, INK, ORANGE, RED};
use crate::DrawResult;
use ninestep_core::fmt_num;
use ninestep_core::lesson::step5::digits::SIDE;
use ninestep_core::lesson::step9::rows::Rows;
use plotters::prelude::*;

/// The digit (left half) and the hidden states row by row (right half).
fn reading<DB: DrawingBackend>(area: &Area<DB>, w: &Rows, pen: Pen) -> DrawResult<()> {
    let Pen { lang, s } = pen;
    let (wd, ht) = area.dim_in_pixel();
    let (digit, row) = w.shown();
    let title = match w.run().test_label(digit) {
        Some(l) => tr(
            lang,
            &format!("Test digit {digit} (a {l}): reading row {row} of {SIDE}"),
            &format!("测试数字 {digit}（是 {l}）：正在读第 {row} 行，共 {SIDE} 行"),
        ),
        None => tr(lang, "The digits are loading…", "数字加载中……"),
    };
    let size = (wd as f64 / 40.0 / s.0).clamp(11.0, 14.0);
    label(area, &title, (wd as i32 / 2, s.px(12.0)), size, INK, s)?;
    let (Some(pixels), Some(states)) = (w.run().test_image(digit), w.states()) else {
        return Ok(());
    };
    let top = s.px(28.0);
    let cell = ((ht as i32 - top - s.px(4.0)) / SIDE as i32).min(wd as i32 / 2 / SIDE as i32);
    let x0 = s.px(4.0);
    for r in 0..SIDE {
        for c in 0..SIDE {
            let v = pixels[r * SIDE + c] as f64;
            let color = if r + 1 > row {
                mix(WHITE, GUIDE, v)
            } else {
                mix(WHITE, INK, v)
            };
            let (x, y) = (x0 + c as i32 * cell, top + r as i32 * cell);
            draw(
                area,
                Rectangle::new([(x, y), (x + cell, y + cell)], color.filled()),
            )?;
        }
    }
    let y = top + (row as i32 - 1) * cell;
    let right = x0 + SIDE as i32 * cell;
    let bottom = top + SIDE as i32 * cell;
    outline(area, (x0, top), (right, bottom))?;
    draw(
        area,
        Rectangle::new([(x0, y), (right, y + cell)], RED.stroke_width(2)),
    )?;
    // The hidden state after each row read so far (both halves when bidirectional: the
    // backward half has read the rows below too).
    let h = states.first().map_or(1, |v| v.len()) as i32;
    let hx = right + s.px(10.0);
    let hw = ((wd as i32 - hx - s.px(4.0)) / h.max(1)).max(1);
    for (t, st) in states.iter().enumerate().take(row) {
        for (k, &v) in st.iter().enumerate() {
            let v = (v as f64).clamp(-1.0, 1.0);
            let color = if v >= 0.0 {
                mix(WHITE, ORANGE, v)
            } else {
                mix(WHITE, BLUE, -v)
            };
            let (x, y) = (hx + k as i32 * hw, top + t as i32 * cell);
            draw(
                area,
                Rectangle::new([(x, y), (x + hw, y + cell)], color.filled()),
            )?;
        }
    }
    if w.bidirectional() {
        let mid = hx + hw * h / 2;
        draw(
            area,
            PathElement::new(vec![(mid, top), (mid, top + SIDE as i32 * cell)], INK),
        )?;
    }
    if let Some(last) = states.get(row - 1) {
        let max = last.iter().fold(0.0f32, |m, v| m.max(v.abs()));
        let text = tr(
            lang,
            &format!(
                "h after row {row}: {} values, |h| ≤ {}",
                last.len(),
                fmt_num(max as f64, 2)
            ),
            &format!(
                "读完第 {row} 行的 h：{} 个值，|h| ≤ {}",
                last.len(),
                fmt_num(max as f64, 2)
            ),
        );
        let y = (top + SIDE as i32 * cell + s.px(10.0)).min(ht as i32 - s.px(6.0));
        label_left(area, &text, (hx, y), size * 0.9, INK, s)?;
    }
    Ok(())
}

/// Accuracy per epoch with the book's best (left), the digit being read (right).
pub fn rows<DB: DrawingBackend>(area: &Area<DB>, w: &Rows, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let (a, b) = super::halves(area);
    let (book_params, book_acc) = w.book();
    let hist = w.run().history();
    let points: Vec<(f64, f64)> = hist
        .iter()
        .filter(|r| r.test_accuracy.is_finite())
        .map(|r| (r.epoch as f64, r.test_accuracy))
        .collect();
    let last_epoch = hist.last().map_or(1, |r| r.epoch).max(1) as f64;
    let title = tr(
        lang,
        &format!(
            "Test accuracy; {} params (book {book_params})",
            w.param_count()
        ),
        &format!(
            "测试准确率；参数 {} 个（书中 {book_params}）",
            w.param_count()
        ),
    );
    plot(
        &a,
        &Plot {
            axes: Axes::new(
                title,
                (tr(lang, "epoch", "轮"), ""),
                (0.0, last_epoch),
                (0.0, 1.0),
            ),
            series: vec![
                Series::new(
                    points,
                    BLUE,
                    tr(lang, "ours (8 000 to train)", "我们（8000 幅训练）"),
                ),
                Series::new(
                    vec![(0.0, book_acc), (last_epoch, book_acc)],
                    GREEN,
                    tr(
                        lang,
                        &format!("book best {book_acc} (60 000)"),
                        &format!("书中最佳 {book_acc}（6 万幅）"),
                    ),
                ),
            ],
            markers: vec![Marker::new(
                (last_epoch, w.best_accuracy()),
                BLUE,
                fmt_num(w.best_accuracy(), 4),
            )],
            integer_x: true,
            ..Plot::default()
        },
        s,
    )?;
    reading(&b, w, pen)?;
    Ok(None)
}
