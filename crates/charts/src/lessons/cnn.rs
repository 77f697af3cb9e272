//! The chart of `cnn-trainer` (step 8, ch18.4): loss and accuracy by epoch, the 10×10
//! confusion matrix of the test digits, the first convolution's kernels with the layer
//! table (output shape and trained values per layer), and the chosen test digit with the
//! feature maps of every convolution. Four panels in a 2×2 grid, stacked on a tall canvas.

use super::conv_images::grey;
use super::digits::{curves, placeholder};
use crate::graph::{boxed, draw, write};
use crate::lessons::Area;
use crate::pen::{Brush, Drawn, Pen};
use crate::style::{mix, tr, BLUE, INK, RED};
use crate::DrawResult;
use ninestep_core::lesson::step8::cnn_trainer::CnnTrainer;
use plotters::prelude::*;

/// Most channels drawn per convolution (the rest are summed up in the caption).
const MAX_MAPS: usize = 16;

/// The chart; the digits' placeholder while they load.
pub fn cnn_trainer<DB: DrawingBackend>(
    area: &Area<DB>,
    w: &CnnTrainer,
    brush: &mut Brush,
) -> Drawn {
    let (width, height) = area.dim_in_pixel();
    let tall = height > width;
    if !w.run().has_data() {
        let (a, b) = super::halves(area);
        return placeholder(&a, &b, brush.pen);
    }
    let panels: Vec<Area<DB>> = if tall {
        area.split_evenly((4, 1))
    } else {
        area.split_evenly((2, 2))
    };
    curves(&panels[0], w.run(), brush.pen)?;
    confusion(&panels[1], w, brush.pen)?;
    kernels(&panels[2], w, brush)?;
    feature_maps(&panels[3], w, brush)?;
    Ok(None)
}

/// The confusion matrix: rows the true digit, columns the predicted one; each cell shaded
/// by its share of the row (blue on the diagonal, red off it) and labelled with its count.
fn confusion<DB: DrawingBackend>(area: &Area<DB>, w: &CnnTrainer, pen: Pen) -> DrawResult<()> {
    let Pen { lang, s } = pen;
    let c = w.run().confusion();
    let (width, height) = area.dim_in_pixel();
    let title = tr(
        lang,
        "Confusion matrix: true digit ↓, predicted →",
        "混淆矩阵：行为真实数字，列为预测",
    );
    write(area, title, (s.px(8.0), s.px(4.0)), s.font(13.0))?;
    let top = s.px(40.0);
    let left = s.px(28.0);
    let cell = ((width as i32 - left - s.px(8.0)) / 10)
        .min((height as i32 - top - s.px(6.0)) / 10)
        .max(4);
    for d in 0..10 {
        let label = |x, y| Text::new(d.to_string(), (x, y), s.font(12.0));
        draw(
            area,
            label(left + d * cell + cell / 2 - s.px(3.0), top - s.px(16.0)),
        )?;
        draw(
            area,
            label(left - s.px(14.0), top + d * cell + cell / 2 - s.px(7.0)),
        )?;
    }
    for t in 0..10 {
        let row: usize = (0..10).map(|p| c.get(t, p)).sum();
        for p in 0..10 {
            let n = c.get(t, p);
            let f = if row == 0 { 0.0 } else { n as f64 / row as f64 };
            let (x, y) = (left + p as i32 * cell, top + t as i32 * cell);
            let fill = if t == p {
                mix(WHITE, BLUE, f)
            } else {
                mix(WHITE, RED, (f * 8.0).min(1.0))
            };
            let rect = [(x, y), (x + cell, y + cell)];
            boxed(area, rect[0], rect[1], fill)?;
            if n > 0 && cell >= s.px(16.0) {
                let ink = if t == p && f > 0.5 { WHITE } else { INK };
                let size = if n >= 100 { 10.0 } else { 11.0 };
                write(
                    area,
                    n.to_string(),
                    (x + s.px(2.0), y + cell / 2 - s.px(6.0)),
                    s.font(size).color(&ink),
                )?;
            }
        }
    }
    Ok(())
}

/// The first convolution's kernels (each stretched between its own extremes: dark
/// negative, light positive) above the layer table.
fn kernels<DB: DrawingBackend>(
    area: &Area<DB>,
    w: &CnnTrainer,
    brush: &mut Brush,
) -> DrawResult<()> {
    let Pen { lang, s } = brush.pen;
    let (width, height) = area.dim_in_pixel();
    let mut y = s.px(4.0);
    match w.first_kernels() {
        Some((k, list)) => {
            let title = tr(
                lang,
                &format!(
                    "First convolution: its {} learned {k}×{k} kernels",
                    list.len()
                ),
                &format!("第一个卷积层学到的 {} 个 {k}×{k} 卷积核", list.len()),
            );
            write(area, title, (s.px(8.0), y), s.font(13.0))?;
            y += s.px(22.0);
            let n = list.len().min(MAX_MAPS) as i32;
            let per_row = n.min(8);
            let side = ((width as i32 - s.px(16.0)) / per_row - s.px(6.0))
                .min(height as i32 / 5)
                .max(8);
            for (i, kern) in list.iter().take(MAX_MAPS).enumerate() {
                let (col, row) = (i as i32 % per_row, i as i32 / per_row);
                let x = s.px(8.0) + col * (side + s.px(6.0));
                grey(
                    area,
                    brush.raster,
                    (x, y + row * (side + s.px(6.0)), side, side),
                    k,
                    k,
                    kern,
                )?;
            }
            y += ((n + per_row - 1) / per_row) * (side + s.px(6.0)) + s.px(6.0);
        }
        None => {
            let none = tr(
                lang,
                "This net has no convolution: no kernels to show.",
                "这个网络没有卷积层，没有卷积核可展示。",
            );
            write(area, none, (s.px(8.0), y), s.font(13.0))?;
            y += s.px(24.0);
        }
    }
    let head = tr(
        lang,
        "layer · output · trained values",
        "层 · 输出形状 · 可训练参数",
    );
    write(area, head, (s.px(8.0), y), s.font(12.0).color(&BLUE))?;
    y += s.px(16.0);
    let rows = w.layer_rows();
    let line = s.px(13.0);
    let fit = ((height as i32 - y) / line).max(1) as usize;
    // Two columns of shorter rows when one column does not fit.
    let cols = if rows.len() > fit { 2 } else { 1 };
    let per_col = rows.len().div_ceil(cols);
    let col_w = (width as i32 - s.px(16.0)) / cols as i32;
    for (i, r) in rows.iter().enumerate() {
        let (col, row) = ((i / per_col) as i32, (i % per_col) as i32);
        let text = if cols == 1 {
            format!("{}. {} · {} · {}", i + 1, r.name, r.output, r.params)
        } else {
            format!("{}. {} {} {}", i + 1, r.name, r.output, r.params)
        };
        write(
            area,
            text,
            (s.px(8.0) + col * col_w, y + row * line),
            s.font(if cols == 1 { 11.0 } else { 9.5 }),
        )?;
    }
    Ok(())
}

/// The chosen test digit, then for each convolution its first [`MAX_MAPS`] maps.
fn feature_maps<DB: DrawingBackend>(
    area: &Area<DB>,
    w: &CnnTrainer,
    brush: &mut Brush,
) -> DrawResult<()> {
    let Pen { lang, s } = brush.pen;
    let (width, height) = area.dim_in_pixel();
    let maps = w.feature_maps();
    let label = w.run().test_label(w.digit()).unwrap_or(0);
    let title = tr(
        lang,
        &format!(
            "Test digit {} (a {label}) through the convolutions",
            w.digit()
        ),
        &format!("第 {} 个测试数字（{label}）经过各卷积层", w.digit()),
    );
    write(area, title, (s.px(8.0), s.px(4.0)), s.font(13.0))?;
    let top = s.px(24.0);
    let img = ((height as i32 - top) / 3).min(width as i32 / 4).max(16);
    if let Some(pixels) = w.run().test_image(w.digit()) {
        grey(
            area,
            brush.raster,
            (s.px(8.0), top, img, img),
            28,
            28,
            pixels,
        )?;
    }
    if maps.is_empty() {
        let none = tr(
            lang,
            "No convolution, no feature maps.",
            "没有卷积层，没有特征图。",
        );
        write(area, none, (img + s.px(16.0), top), s.font(12.0))?;
        return Ok(());
    }
    let x0 = img + s.px(16.0);
    let band = (height as i32 - top) / maps.len() as i32;
    for (j, m) in maps.iter().enumerate() {
        let y = top + j as i32 * band;
        let shown = m.shape.channels.min(MAX_MAPS);
        let caption = tr(
            lang,
            &format!(
                "layer {}: {} maps of {}×{}",
                m.layer, m.shape.channels, m.shape.height, m.shape.width
            ),
            &format!(
                "第 {} 层：{} 张 {}×{} 的特征图",
                m.layer, m.shape.channels, m.shape.height, m.shape.width
            ),
        );
        write(area, caption, (x0, y), s.font(11.0))?;
        let per_row = shown.min(8) as i32;
        let rows = (shown as i32 + per_row - 1) / per_row;
        let side = ((width as i32 - x0 - s.px(8.0)) / per_row - s.px(3.0))
            .min((band - s.px(18.0)) / rows - s.px(3.0))
            .max(4);
        let area_px = m.shape.area();
        for c in 0..shown {
            let (col, row) = (c as i32 % per_row, c as i32 / per_row);
            let v = &m.values[c * area_px..(c + 1) * area_px];
            let at = (
                x0 + col * (side + s.px(3.0)),
                y + s.px(16.0) + row * (side + s.px(3.0)),
                side,
                side,
            );
            grey(area, brush.raster, at, m.shape.width, m.shape.height, v)?;
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "cnn_tests.rs"]
mod tests;
