//! The network diagram: one small heatmap per neuron, weighted lines between them.

use super::{grid, Area};
use crate::graph::{draw, label};
use crate::hover::{Hover, Zone};
use crate::lessons::nonlinear::class_color;
use crate::pen::{Brush, Pen};
use crate::raster::{image, Cells, Image, Rect};
use crate::style::{mix, tr, BLUE, GUIDE, INK, ORANGE};
use crate::{DrawResult, Frame};
use ninestep_core::lesson::trainer::Playground;
use ninestep_core::Lang;
use plotters::prelude::*;

/// Most units of a layer drawn; a larger layer shows its first `MAX_SHOWN − 1` units
/// and a "+N" note.
pub const MAX_SHOWN: usize = 10;

/// Colour of a value `f` in [−1, 1]: blue (negative) through white to orange (positive).
pub fn diverging(f: f64) -> RGBColor {
    let f = if f.is_finite() {
        f.clamp(-1.0, 1.0)
    } else {
        0.0
    };
    if f < 0.0 {
        mix(WHITE, BLUE, -f * 0.9)
    } else {
        mix(WHITE, ORANGE, f * 0.9)
    }
}

/// The colours of one neuron's map: `range` (the neuron's possible outputs) mapped onto
/// blue…orange with its middle white; unbounded neurons (ReLU, linear) are scaled by
/// their largest |value|. An output unit of a three-class network goes from white to its
/// class colour.
fn neuron_colors(values: &[f64], range: Option<(f64, f64)>, class: Option<usize>) -> Vec<RGBColor> {
    let scale = |v: f64| match range {
        Some((lo, hi)) if hi > lo => 2.0 * (v - lo) / (hi - lo) - 1.0,
        _ => {
            let m = values
                .iter()
                .filter(|v| v.is_finite())
                .fold(0.0f64, |m, v| m.max(v.abs()));
            if m > 0.0 {
                v / m
            } else {
                0.0
            }
        }
    };
    values
        .iter()
        .map(|&v| match class {
            Some(c) => mix(WHITE, class_color(c), (scale(v) + 1.0) / 2.0 * 0.9),
            None => diverging(scale(v)),
        })
        .collect()
}

/// The units of a layer of `n` that the diagram draws.
pub fn shown(n: usize) -> usize {
    if n > MAX_SHOWN {
        MAX_SHOWN - 1
    } else {
        n
    }
}

/// A layer's caption: "4 neurons", shortened to the count when the column is narrow.
fn caption(units: usize, layer: usize, last: usize, lang: Lang, room: f64, size: f64) -> String {
    let long = if layer == 0 {
        tr(lang, "inputs", "输入")
    } else if layer == last {
        tr(lang, "output", "输出")
    } else if units == 1 {
        tr(lang, "1 neuron", "1 个神经元")
    } else {
        tr(
            lang,
            &format!("{units} neurons"),
            &format!("{units} 个神经元"),
        )
    };
    // Width estimate: CJK glyphs are about one em, Latin ones about half.
    let em: f64 = long
        .chars()
        .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
        .sum();
    if em * size <= room || layer == 0 || layer == last {
        long
    } else {
        units.to_string()
    }
}

/// The network diagram: thumbnails, weighted lines, captions; records hover zones.
pub(super) fn diagram<DB: DrawingBackend>(
    area: &Area<DB>,
    w: &Playground,
    brush: &mut Brush,
    (x, y): ((f64, f64), (f64, f64)),
    hover: &mut Hover,
) -> DrawResult<()> {
    let Pen { lang, s } = brush.pen;
    let (wd, ht) = area.dim_in_pixel();
    let (ox, oy) = area.get_base_pixel();
    let (wd, ht) = (wd as f64, ht as f64);
    let units = w.layer_units();
    let ncol = units.len();
    let last = ncol - 1;
    let font = 11.0;
    let cap_h = s.0 * font * 1.9;
    let margin = s.0 * 6.0;
    // Column centres: evenly spread with half a column of margin on each side.
    let col_w = (wd - 2.0 * margin) / ncol as f64;
    let cx = |l: usize| margin + col_w * (l as f64 + 0.5);
    let rows = units.iter().map(|&n| shown(n) + usize::from(n > MAX_SHOWN));
    let max_rows = rows.max().unwrap_or(1).max(2) as f64;
    let body = (ht - cap_h - margin).max(10.0);
    // Thumbnail side: fits the tallest column (with a quarter of a side between nodes)
    // and leaves room between columns for the lines.
    let side = (body / (max_rows * 1.25))
        .min(col_w * 0.6)
        .min(s.0 * 64.0)
        .max(4.0);
    let gap = side * 0.25;
    let top_of = |l: usize| {
        let n = shown(units[l]) as f64;
        cap_h + (body - (n * side + (n - 1.0) * gap)) / 2.0
    };
    let node = |l: usize, k: usize| (cx(l) - side / 2.0, top_of(l) + k as f64 * (side + gap));

    // Lines first, so the thumbnails sit on top of them.
    let u = &units;
    let max_w = (1..ncol)
        .flat_map(|l| {
            (0..shown(u[l - 1])).flat_map(move |i| (0..shown(u[l])).map(move |j| (l, i, j)))
        })
        .filter_map(|(l, i, j)| w.weight(l, i, j))
        .filter(|v| v.is_finite())
        .fold(0.0f64, |m, v| m.max(v.abs()))
        .max(1e-9);
    for l in 1..ncol {
        for i in 0..shown(units[l - 1]) {
            for j in 0..shown(units[l]) {
                let Some(wv) = w.weight(l, i, j).filter(|v| v.is_finite()) else {
                    continue;
                };
                let f = wv.abs() / max_w;
                let (ax, ay) = node(l - 1, i);
                let (bx, by) = node(l, j);
                let a = (ax + side, ay + side / 2.0);
                let b = (bx, by + side / 2.0);
                let color = mix(WHITE, if wv < 0.0 { BLUE } else { ORANGE }, 0.25 + 0.75 * f);
                let width = (s.0 * (0.4 + 3.2 * f)).round().max(1.0) as u32;
                draw(
                    area,
                    PathElement::new(
                        vec![
                            (a.0.round() as i32, a.1.round() as i32),
                            (b.0.round() as i32, b.1.round() as i32),
                        ],
                        color.stroke_width(width),
                    ),
                )?;
                hover.zones.push(Zone::Edge {
                    a: (a.0 + ox as f64, a.1 + oy as f64),
                    b: (b.0 + ox as f64, b.1 + oy as f64),
                    layer: l,
                    from: i,
                    to: j,
                });
            }
        }
    }

    // Thumbnails: every neuron over a coarse grid of the input box, one forward pass.
    let cells = ((side / 2.0) as usize).clamp(6, 24);
    let pts = grid(x, y, cells, cells);
    let maps = w.neuron_maps(&pts);
    let three = w.classes() == 3;
    let side_i = side.round().max(1.0) as i32;
    for (l, &n) in units.iter().enumerate() {
        let room = col_w * 0.98;
        let text = caption(n, l, last, lang, room, font * s.0);
        label(
            area,
            &text,
            (cx(l).round() as i32, (cap_h * 0.5) as i32),
            font,
            INK,
            s,
        )?;
        for k in 0..shown(n) {
            let colors: Vec<RGBColor> = if l == 0 {
                // The inputs themselves: x₁ grows to the right, x₂ upwards.
                let r = if k == 0 { x } else { y };
                let m = r.0.abs().max(r.1.abs()).max(1e-9);
                pts.iter()
                    .map(|p| diverging(if k == 0 { p.0 } else { p.1 } / m))
                    .collect()
            } else {
                let Some(values) = maps.get(l - 1).and_then(|m| m.get(k)) else {
                    continue;
                };
                let class = (three && l == last).then_some(k);
                neuron_colors(values, w.value_range(l), class)
            };
            let (nx, ny) = node(l, k);
            let (left, top) = (nx.round() as i32, ny.round() as i32);
            let rgba = image(cells, cells, |i, j| {
                colors.get(j * cells + i).copied().unwrap_or(WHITE)
            });
            let at = Rect::within(area, (left, top), (side_i, side_i));
            brush
                .raster
                .draw(Image::new(cells, cells, &rgba), at, Cells::Smooth)?;
            draw(
                area,
                Rectangle::new(
                    [(left, top), (left + side_i, top + side_i)],
                    (if l == last { INK } else { GUIDE }).stroke_width(1),
                ),
            )?;
            hover.zones.push(Zone::Neuron {
                frame: Frame {
                    px: (left + ox, left + side_i + ox),
                    py: (top + oy, top + side_i + oy),
                    x,
                    y,
                    x_key: "",
                    y_key: "",
                },
                layer: l,
                unit: k,
            });
        }
        if n > MAX_SHOWN {
            let (nx, ny) = node(l, shown(n));
            label(
                area,
                &format!("+{}", n - shown(n)),
                (
                    (nx + side / 2.0).round() as i32,
                    (ny + side * 0.3).round() as i32,
                ),
                font,
                INK,
                s,
            )?;
        }
    }
    // Name the two inputs beside their thumbnails when there is room on the left.
    for (k, name) in ["x₁", "x₂"].iter().enumerate() {
        let (nx, ny) = node(0, k);
        let at = (
            (nx - s.0 * 8.0).round() as i32,
            (ny + side / 2.0).round() as i32,
        );
        if at.0 > (s.0 * 4.0) as i32 {
            label(area, name, at, font, INK, s)?;
        }
    }
    Ok(())
}
