//! The draw-a-digit pad (step 6, ch13.0): the preprocessing stages as small images along
//! the top (the drawing, the crop, the 20×20 digit, the 28×28 input centred by mass), the
//! ten probabilities as bars below, and the hidden layers' activations beside them.
//! Every image goes through the [`Raster`](crate::raster::Raster) (one blit each in the page).

use crate::graph::{draw, label, label_left, outline};
use crate::lessons::size;
use crate::lessons::Area;
use crate::pen::{Brush, Drawn, Pen};
use crate::raster::{image, Cells, Image, Rect};
use crate::style::{mix, tr, BLUE, GUIDE, INK, ORANGE, RED};
use crate::DrawResult;
use ninestep_core::fmt_num;
use ninestep_core::lesson::step6::pad::DigitPad;
use ninestep_core::lesson::step6::preprocess::{Gray, BOX, FIELD};
use plotters::prelude::*;

/// Largest side, in cells, of a stage image (a 280-pixel drawing is shown as 56×56).
pub const PREVIEW: usize = 56;

/// The chart of the `digit-pad` widget.
pub fn digit_pad<DB: DrawingBackend>(area: &Area<DB>, w: &DigitPad, brush: &mut Brush) -> Drawn {
    let Pen { lang, s } = brush.pen;
    let (width, height) = area.dim_in_pixel();
    let (top, bottom) = area.split_vertically((height as f64 * 0.4) as u32);
    let Some(inf) = w.last() else {
        let hint = tr(
            lang,
            "Draw a digit on the pad, then press Enter (or Recognise).",
            "在画板上写一个数字，然后按回车键（或“识别”按钮）。",
        );
        label(
            &top,
            &hint,
            (width as i32 / 2, top.dim_in_pixel().1 as i32 / 2),
            15.0,
            INK,
            s,
        )?;
        return bars(&bottom, None, brush.pen).map(|_| None);
    };
    let st = &inf.stages;
    let panels = top.split_evenly((1, 4));
    let (l, t, r, b) = st.bbox;
    let stages: [(&Gray, String); 4] = [
        (&st.stroke, tr(lang, "1 drawing", "1 原图")),
        (
            &st.crop,
            format!("2 {} {}×{}", tr(lang, "crop", "裁剪"), r - l, b - t),
        ),
        (&st.scaled, format!("3 {BOX}×{BOX}")),
        (
            &st.centred,
            format!("4 {FIELD}×{FIELD} {}", tr(lang, "centred", "居中")),
        ),
    ];
    for (k, (panel, (g, title))) in panels.iter().zip(stages).enumerate() {
        let box_ = if k == 2 { Some(BOX) } else { None };
        stage(panel, g, &title, box_, k == 3, brush)?;
    }
    let (bars_area, hidden_area) = bottom.split_horizontally((width as f64 * 0.62) as u32);
    bars(&bars_area, Some(&inf.probabilities), brush.pen)?;
    if inf.maps.is_empty() {
        hidden(&hidden_area, &inf.hidden, brush)?;
    } else {
        super::pad_maps::feature_maps(&hidden_area, &inf.maps, brush)?;
    }
    Ok(None)
}

/// One stage: the image in a square frame (an image smaller than `frame` cells sits in
/// the middle of a `frame`-cell square), its title below; a cross at the centre of the
/// field for the centred input.
fn stage<DB: DrawingBackend>(
    area: &Area<DB>,
    g: &Gray,
    title: &str,
    frame: Option<usize>,
    cross: bool,
    brush: &mut Brush,
) -> DrawResult<()> {
    let s = brush.pen.s;
    let (w, h) = size(area);
    let side = (w - s.px(10.0)).min(h - s.px(26.0)).max(8);
    let (x0, y0) = ((w - side) / 2, s.px(4.0));
    let shown = preview(g);
    // The frame spans `n` cells; the image keeps its aspect and sits in the middle.
    let n = frame.unwrap_or(shown.width.max(shown.height)) as f64;
    let cell = side as f64 / n;
    let (iw, ih) = (shown.width as f64 * cell, shown.height as f64 * cell);
    let (ix, iy) = (
        x0 as f64 + (side as f64 - iw) / 2.0,
        y0 as f64 + (side as f64 - ih) / 2.0,
    );
    draw(
        area,
        Rectangle::new([(x0, y0), (x0 + side, y0 + side)], WHITE.filled()),
    )?;
    let rgba = image(shown.width, shown.height, |i, j| {
        mix(WHITE, INK, shown.at(i, j) as f64)
    });
    // The drawing and its crop are previews (smoothed); the 20×20 and 28×28 images are the
    // real pixels (sharp).
    let cells = if frame.is_some() || cross {
        Cells::Sharp
    } else {
        Cells::Smooth
    };
    let at = Rect::within(
        area,
        (ix.round() as i32, iy.round() as i32),
        (iw.round().max(1.0) as i32, ih.round().max(1.0) as i32),
    );
    brush
        .raster
        .draw(Image::new(shown.width, shown.height, &rgba), at, cells)?;
    outline(area, (x0, y0), (x0 + side, y0 + side))?;
    if cross {
        // The centre of mass goes to pixel (14, 14): the middle of that pixel.
        let c = |v: f64| (v + 0.5) * cell;
        let (cx, cy) = (x0 + c(14.0) as i32, y0 + c(14.0) as i32);
        let r = s.px(5.0);
        for seg in [[(cx - r, cy), (cx + r, cy)], [(cx, cy - r), (cx, cy + r)]] {
            draw(
                area,
                PathElement::new(seg, RED.stroke_width(s.px(1.5).max(1) as u32)),
            )?;
        }
    }
    label(area, title, (w / 2, y0 + side + s.px(11.0)), 12.0, INK, s)
}

/// The image scaled down (area averaging, aspect kept) to at most [`PREVIEW`] cells a side.
fn preview(g: &Gray) -> Gray {
    let long = g.width.max(g.height);
    if long <= PREVIEW {
        return g.clone();
    }
    let k = PREVIEW as f64 / long as f64;
    let side = |n: usize| ((n as f64 * k).round() as usize).clamp(1, PREVIEW);
    g.resized(side(g.width), side(g.height))
}

/// The ten probabilities as bars, the most likely digit in orange with its value.
fn bars<DB: DrawingBackend>(area: &Area<DB>, p: Option<&[f32]>, pen: Pen) -> DrawResult<()> {
    let Pen { lang, s } = pen;
    let (w, h) = size(area);
    let (left, right, top, bottom) = (s.px(14.0), w - s.px(8.0), s.px(40.0), h - s.px(24.0));
    let title = tr(lang, "Probability of each digit", "每个数字的概率");
    label_left(area, &title, (left, s.px(12.0)), 14.0, INK, s)?;
    draw(
        area,
        PathElement::new([(left, bottom), (right, bottom)], GUIDE.stroke_width(1)),
    )?;
    let best = p.map(ninestep_core::nn::metrics::class_of);
    let slot = (right - left) as f64 / 10.0;
    for d in 0..10 {
        let x0 = left + (slot * d as f64 + slot * 0.15) as i32;
        let x1 = left + (slot * (d + 1) as f64 - slot * 0.15) as i32;
        let v = p.map_or(0.0, |p| p[d].clamp(0.0, 1.0) as f64);
        let y = bottom - ((bottom - top) as f64 * v).round() as i32;
        let color = if Some(d) == best { ORANGE } else { BLUE };
        if v > 0.0 {
            draw(
                area,
                Rectangle::new([(x0, y), (x1, bottom)], color.filled()),
            )?;
        }
        let cx = (x0 + x1) / 2;
        draw(
            area,
            PathElement::new(
                [(cx, bottom), (cx, bottom + s.px(3.0))],
                GUIDE.stroke_width(1),
            ),
        )?;
        label(
            area,
            &d.to_string(),
            (cx, bottom + s.px(11.0)),
            14.0,
            INK,
            s,
        )?;
        if Some(d) == best {
            label(area, &fmt_num(v, 3), (cx, y - s.px(9.0)), 12.0, INK, s)?;
        }
    }
    Ok(())
}

/// The hidden layers' outputs for the drawing, each as a grid of cells: orange for
/// positive, blue for negative, white for 0.
fn hidden<DB: DrawingBackend>(
    area: &Area<DB>,
    layers: &[(String, Vec<f32>)],
    brush: &mut Brush,
) -> DrawResult<()> {
    let Pen { lang, s } = brush.pen;
    if layers.is_empty() {
        return Ok(());
    }
    let (w, h) = size(area);
    let title = tr(lang, "Hidden activations", "隐藏层激活值");
    label_left(area, &title, (s.px(6.0), s.px(12.0)), 14.0, INK, s)?;
    let rows_h = (h - s.px(30.0)) / layers.len() as i32;
    for (k, (name, values)) in layers.iter().enumerate() {
        let n = values.len().max(1);
        let cols = (n as f64).sqrt().ceil() as usize;
        let rows = n.div_ceil(cols);
        let y0 = s.px(30.0) + k as i32 * rows_h;
        let side = (rows_h - s.px(22.0)).min(w - s.px(12.0)).max(4);
        let cell = side / cols.max(rows) as i32;
        let (gw, gh) = (cell * cols as i32, cell * rows as i32);
        let x0 = (w - gw) / 2;
        let rgba = image(cols, rows, |i, j| match values.get(j * cols + i) {
            Some(&v) if v >= 0.0 => mix(WHITE, ORANGE, v.min(1.0) as f64),
            Some(&v) => mix(WHITE, BLUE, (-v).min(1.0) as f64),
            None => RGBColor(240, 240, 244),
        });
        if gw > 0 && gh > 0 {
            let at = Rect::within(area, (x0, y0), (gw, gh));
            brush
                .raster
                .draw(Image::new(cols, rows, &rgba), at, Cells::Sharp)?;
            outline(area, (x0, y0), (x0 + gw, y0 + gh))?;
        }
        label(area, name, (w / 2, y0 + gh + s.px(10.0)), 12.0, INK, s)?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "pad_tests.rs"]
mod tests;
