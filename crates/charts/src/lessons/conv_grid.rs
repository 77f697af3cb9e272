//! Step 8's small grids with their numbers: the drawing helpers (a grid of numbered cells,
//! an arrow) and the convolution stepper (ch17.1: padded input with the current window,
//! the kernel, the output so far and the window's multiply-add written out). Pooling's
//! chart ([`super::pool_grid`]) uses the same helpers.

use crate::graph::{boxed, direction, draw, write};
use crate::lessons::Area;
use crate::pen::{Drawn, Pen};
use crate::style::{mix, tr, Scale, BLUE, INK, ORANGE};
use crate::DrawResult;
use ninestep_core::fmt_num;
use ninestep_core::lesson::step8::conv_steps::ConvSteps;
use plotters::prelude::*;

/// One cell of a drawn grid.
pub(crate) struct Cell {
    pub text: String,
    pub fill: RGBColor,
    pub edge: Option<RGBColor>,
}

/// Draws `n × n` cells of side `side` from (x0, y0), cell (row, column) as `cell` says,
/// with a title above.
pub(crate) fn grid<DB: DrawingBackend>(
    area: &Area<DB>,
    (x0, y0, side): (i32, i32, i32),
    n: usize,
    title: &str,
    s: Scale,
    cell: impl Fn(usize, usize) -> Cell,
) -> DrawResult<()> {
    let (rows, cols) = (n, n);
    write(area, title.to_string(), (x0, y0 - s.px(20.0)), s.font(13.0))?;
    let font = (side as f64 / s.0 * 0.36).clamp(7.0, 15.0);
    let mut edges = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            let (x, y) = (x0 + c as i32 * side, y0 + r as i32 * side);
            let k = cell(r, c);
            boxed(area, (x, y), (x + side, y + side), k.fill)?;
            if let Some(col) = k.edge {
                edges.push((x, y, col));
            }
            let w = k.text.chars().count() as f64 * font * 0.55 * s.0;
            let pos = (x + (side - w as i32) / 2, y + side / 2 - s.px(font * 0.55));
            write(area, k.text, pos, s.font(font))?;
        }
    }
    let (x1, y1) = (x0 + cols as i32 * side, y0 + rows as i32 * side);
    draw(area, frame((x0, y0), (x1, y1), INK.stroke_width(1)))?;
    for (x, y, col) in edges {
        draw(
            area,
            frame(
                (x + 1, y + 1),
                (x + side - 1, y + side - 1),
                col.stroke_width(3),
            ),
        )?;
    }
    Ok(())
}

/// The outline of a rectangle as one closed path.
pub(crate) fn frame(a: (i32, i32), b: (i32, i32), style: ShapeStyle) -> PathElement<(i32, i32)> {
    PathElement::new(vec![a, (b.0, a.1), b, (a.0, b.1), a], style)
}

/// A line with a small head from `a` to `b`.
pub(crate) fn arrow<DB: DrawingBackend>(
    area: &Area<DB>,
    a: (i32, i32),
    b: (i32, i32),
    color: RGBColor,
    s: Scale,
) -> DrawResult<()> {
    let (ux, uy) = direction(a, b);
    let h = s.px(8.0) as f64;
    let wing = |sign: f64| {
        (
            b.0 - (h * ux - sign * 0.5 * h * uy) as i32,
            b.1 - (h * uy + sign * 0.5 * h * ux) as i32,
        )
    };
    draw(area, PathElement::new(vec![a, b], color.stroke_width(2)))?;
    draw(
        area,
        PathElement::new(vec![wing(1.0), b, wing(-1.0)], color.stroke_width(2)),
    )?;
    Ok(())
}

/// Cell `q` of an output `y` filled in one cell a step: its value once `done` cells are
/// computed, the cell computed last tinted orange by `tint` and framed.
pub(crate) fn output_cell(y: &[f32], q: usize, done: usize, tint: f64) -> Cell {
    let last = done.checked_sub(1) == Some(q);
    Cell {
        text: if q < done {
            num(y[q] as f64)
        } else {
            String::new()
        },
        fill: if last {
            mix(PLAIN, ORANGE, tint)
        } else {
            PLAIN
        },
        edge: last.then_some(ORANGE),
    }
}

/// A value as a cell shows it: at most two decimals, no trailing zeros, no "-0".
pub(crate) fn num(v: f64) -> String {
    let t = fmt_num(v, 2);
    let t = t.trim_end_matches('0').trim_end_matches('.');
    if t == "-0" {
        "0".into()
    } else {
        t.to_string()
    }
}

pub(crate) const PAD: RGBColor = RGBColor(236, 236, 240);
pub(crate) const PLAIN: RGBColor = RGBColor(252, 252, 254);

/// Fits `cols` columns of cells (plus `gaps` cell-wide gaps) and `rows` rows in the area.
pub(crate) fn cell_side(width: i32, height: i32, cols: usize, rows: usize, s: Scale) -> i32 {
    let by_w = (width - s.px(16.0)) / cols.max(1) as i32;
    let by_h = (height - s.px(70.0)) / rows.max(1) as i32;
    by_w.min(by_h).clamp(8, s.px(46.0))
}

/// The chart of `conv-steps`.
pub fn conv_steps<DB: DrawingBackend>(area: &Area<DB>, w: &ConvSteps, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let (width, height) = area.dim_in_pixel();
    let (n, (k, st, p), on) = (w.size(), w.geometry(), w.out_size());
    let padded = n + 2 * p;
    let side = cell_side(
        width as i32,
        height as i32,
        padded + k + on + 2,
        padded.max(on),
        s,
    );
    let top = s.px(34.0);
    let current = w.done().checked_sub(1);
    let window: Vec<(usize, usize)> = current
        .map(|cell| {
            let (oy, ox) = (cell / on * st, cell % on * st);
            (0..k * k).map(|t| (oy + t / k, ox + t % k)).collect()
        })
        .unwrap_or_default();
    let x0 = s.px(8.0);
    // The window's arrow to its output cell, under the grids (they cover its middle).
    let kx0 = x0 + (padded as i32 + 1) * side;
    let ox0 = kx0 + (k as i32 + 1) * side;
    if let Some(cell) = current {
        let (oy, ox) = (cell / on, cell % on);
        let from = (
            x0 + ((ox * st + k) as i32) * side,
            top + ((oy * st) as i32 * 2 + k as i32) * side / 2,
        );
        let to = (ox0 + ox as i32 * side, top + oy as i32 * side + side / 2);
        arrow(area, from, to, ORANGE, s)?;
    }
    let title = tr(lang, "input (grey: padding)", "输入（灰色为填充）");
    grid(area, (x0, top, side), padded, &title, s, |r, c| {
        let inside = (p..p + n).contains(&r) && (p..p + n).contains(&c);
        let v = if inside {
            w.x()[(r - p) * n + c - p] as f64
        } else {
            0.0
        };
        let lit = window.contains(&(r, c));
        Cell {
            text: num(v),
            fill: if lit {
                mix(PLAIN, ORANGE, 0.35)
            } else if inside {
                PLAIN
            } else {
                PAD
            },
            edge: lit.then_some(ORANGE),
        }
    })?;
    let title = tr(lang, "kernel w", "卷积核 w");
    grid(area, (kx0, top, side), k, &title, s, |r, c| Cell {
        text: num(w.w()[r * k + c] as f64),
        fill: mix(PLAIN, BLUE, 0.15),
        edge: None,
    })?;
    let title = tr(lang, "output", "输出");
    grid(area, (ox0, top, side), on, &title, s, |r, c| {
        output_cell(w.y(), r * on + c, w.done(), 0.35)
    })?;
    // The multiply-and-add of the current window, written out.
    let line = match current {
        Some(cell) => {
            let terms: Vec<String> = w
                .window(cell)
                .iter()
                .map(|(_, x, wv)| {
                    format!(
                        "{}·{}",
                        num(*x),
                        if *wv < 0.0 {
                            format!("({})", num(*wv))
                        } else {
                            num(*wv)
                        }
                    )
                })
                .collect();
            format!("y = {} = {}", terms.join(" + "), num(w.window_sum(cell)))
        }
        None => tr(
            lang,
            "Press Step: the window moves to the first output cell.",
            "按“单步”：窗口移到第一个输出单元。",
        ),
    };
    let y_text = top + padded.max(on) as i32 * side + s.px(12.0);
    let font = if line.chars().count() > 90 {
        11.0
    } else {
        13.0
    };
    write(area, line, (x0, y_text), s.font(font).color(&INK))?;
    let formula = format!("H′ = ⌊(H + 2P − F) / S⌋ + 1 = ⌊({n} + 2·{p} − {k}) / {st}⌋ + 1 = {on}");
    write(
        area,
        formula,
        (x0, y_text + s.px(22.0)),
        s.font(13.0).color(&BLUE),
    )?;
    Ok(None)
}
