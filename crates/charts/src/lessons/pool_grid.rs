//! Step 8, ch17.5: pooling forward and backward on a 6×6 grid — the input with the current
//! window (its maximum in red), the pooled outputs and their dY, and dX collecting the
//! gradient, with an arrow from each dY to the cells it reaches.

use super::conv_grid::{arrow, cell_side, grid, num, output_cell, Cell, PLAIN};
use crate::lessons::Area;
use crate::pen::{Drawn, Pen};
use crate::style::{mix, tr, BLUE, ORANGE, RED};
use ninestep_core::lesson::step8::pooling::{Pooling, SIDE};
use ninestep_core::nn::PoolKind;
use plotters::prelude::*;

/// The chart of `pooling`.
pub fn pooling<DB: DrawingBackend>(area: &Area<DB>, w: &Pooling, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let (width, height) = area.dim_in_pixel();
    let on = w.out_size();
    let side = cell_side(width as i32, height as i32, 2 * SIDE + on + 2, SIDE, s);
    let top = s.px(34.0);
    let current = w.done().checked_sub(1);
    let window = current.map(|c| w.window(c)).unwrap_or_default();
    let route = current.map(|c| w.route(c)).unwrap_or_default();
    let x0 = s.px(8.0);
    let title = tr(lang, "input x", "输入 x");
    grid(area, (x0, top, side), SIDE, &title, s, |r, c| {
        let q = r * SIDE + c;
        let lit = window.contains(&q);
        let picked = w.kind() == PoolKind::Max && route.iter().any(|t| t.0 == q);
        Cell {
            text: num(w.x()[q] as f64),
            fill: if picked {
                mix(PLAIN, RED, 0.3)
            } else if lit {
                mix(PLAIN, ORANGE, 0.3)
            } else {
                PLAIN
            },
            edge: lit.then_some(ORANGE),
        }
    })?;
    let ox0 = x0 + (SIDE as i32 + 1) * side;
    let title = match w.kind() {
        PoolKind::Max => tr(lang, "max → y (dY)", "最大值 → y（dY）"),
        PoolKind::Mean => tr(lang, "mean → y (dY)", "平均值 → y（dY）"),
    };
    grid(area, (ox0, top, side), on, &title, s, |r, c| {
        output_cell(w.y(), r * on + c, w.done(), 0.3)
    })?;
    // dY under the output grid.
    let dy_top = top + (on as i32 + 1) * side + s.px(10.0);
    grid(area, (ox0, dy_top, side), on, "dY", s, |r, c| Cell {
        text: num(w.dy()[r * on + c] as f64),
        fill: mix(PLAIN, BLUE, 0.12),
        edge: (Some(r * on + c) == current).then_some(ORANGE),
    })?;
    let dx = w.dx_so_far();
    let dx0 = ox0 + (on as i32 + 1) * side;
    let title = tr(lang, "dX so far", "目前的 dX");
    grid(area, (dx0, top, side), SIDE, &title, s, |r, c| {
        let q = r * SIDE + c;
        let fresh = route.iter().any(|t| t.0 == q);
        Cell {
            text: if dx[q] == 0.0 { "0".into() } else { num(dx[q]) },
            fill: if fresh {
                mix(PLAIN, RED, 0.3)
            } else if dx[q] != 0.0 {
                mix(PLAIN, BLUE, 0.15)
            } else {
                PLAIN
            },
            edge: fresh.then_some(RED),
        }
    })?;
    // Where the current window's gradient goes: from its dY to the dX cells.
    if let Some(cell) = current {
        let (r, c) = ((cell / on) as i32, (cell % on) as i32);
        let from = (ox0 + c * side + side / 2, dy_top + r * side + side / 2);
        for (q, _) in &route {
            let (qr, qc) = ((q / SIDE) as i32, (q % SIDE) as i32);
            let to = (dx0 + qc * side + side / 2, top + qr * side + side / 2);
            arrow(area, from, to, RED, s)?;
        }
    }
    Ok(None)
}
