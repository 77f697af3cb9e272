//! The digit pad with a CNN (step 6 running step 8's ch18.4 net): the feature maps of each
//! convolution for the drawn digit — conv1's 8 maps of 24×24, conv2's 16 of 8×8 — as
//! small grey images, each stretched between its own smallest and largest value (the
//! image grid of `conv_images.rs`).

use super::conv_images::grey;
use crate::graph::{label, label_left};
use crate::lessons::size;
use crate::lessons::Area;
use crate::pen::{Brush, Pen};
use crate::style::{tr, INK};
use crate::DrawResult;
use ninestep_core::lesson::step6::pad::Maps;
use plotters::prelude::*;

/// Maps per row of the grid: half the maps, at most 8 (8 maps → 4×2, 16 → 8×2).
fn columns(n: usize) -> usize {
    n.div_ceil(2).clamp(1, 8)
}

/// Every convolution's maps, one block per convolution, stacked.
pub fn feature_maps<DB: DrawingBackend>(
    area: &Area<DB>,
    convs: &[Maps],
    brush: &mut Brush,
) -> DrawResult<()> {
    let Pen { lang, s } = brush.pen;
    if convs.is_empty() {
        return Ok(());
    }
    let (w, h) = size(area);
    let title = tr(lang, "Feature maps", "特征图");
    label_left(area, &title, (s.px(6.0), s.px(12.0)), 14.0, INK, s)?;
    let block = (h - s.px(26.0)) / convs.len() as i32;
    let gap = s.px(3.0).max(1);
    for (k, m) in convs.iter().enumerate() {
        let n = m.shape.channels;
        let cols = columns(n);
        let rows = n.div_ceil(cols);
        let y0 = s.px(26.0) + k as i32 * block;
        let side_w = (w - s.px(12.0) - gap * (cols as i32 - 1)) / cols as i32;
        let side_h = (block - s.px(22.0) - gap * (rows as i32 - 1)) / rows as i32;
        let side = side_w.min(side_h).max(2);
        let gw = side * cols as i32 + gap * (cols as i32 - 1);
        let x0 = (w - gw) / 2;
        for c in 0..n {
            let (i, j) = ((c % cols) as i32, (c / cols) as i32);
            let rect = (x0 + i * (side + gap), y0 + j * (side + gap), side, side);
            grey(
                area,
                brush.raster,
                rect,
                m.shape.width,
                m.shape.height,
                m.map(c),
            )?;
        }
        let gh = side * rows as i32 + gap * (rows as i32 - 1);
        let name = format!("{} {n}@{}×{}", m.name, m.shape.height, m.shape.width);
        label(area, &name, (w / 2, y0 + gh + s.px(10.0)), 12.0, INK, s)?;
    }
    Ok(())
}
