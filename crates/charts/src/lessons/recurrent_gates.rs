//! The chart of ch20.2–20.3: for the learner's pair, every step's gate values as a small
//! heat map with the numbers in the cells (one panel per time step, one row per gate, one
//! cell per hidden unit), then the accuracy per epoch and the pair bit by bit.

use super::recurrent_unrolled::above_bits;
use crate::graph::{draw, label, label_left};
use crate::lessons::Area;
use crate::pen::{Drawn, Pen};
use crate::style::{mix, tr, BLUE, GUIDE, INK, ORANGE};
use crate::DrawResult;
use ninestep_core::fmt_num;
use ninestep_core::lesson::step9::data::BITS;
use ninestep_core::lesson::step9::gates::Gates;
use ninestep_core::lesson::step9::minus_train::{CellKind, HIDDEN};
use ninestep_core::Lang;
use plotters::prelude::*;

/// Cell colour: white at 0, orange towards +1, blue towards −1.
fn shade(v: f32) -> RGBColor {
    let v = v as f64;
    if v >= 0.0 {
        mix(WHITE, ORANGE, v.min(1.0) * 0.85)
    } else {
        mix(WHITE, BLUE, (-v).min(1.0) * 0.7)
    }
}

/// What each row of a cell's panel means.
fn legend(kind: CellKind, lang: Lang) -> String {
    match kind {
        CellKind::Lstm => tr(
            lang,
            "f forget · i input · g candidate · o output (gates 0…1) · c cell state · h = o·tanh(c)",
            "f 遗忘门 · i 输入门 · g 候选值 · o 输出门（门值 0…1）· c 细胞状态 · h = o·tanh(c)",
        ),
        CellKind::Gru => tr(
            lang,
            "z update · r reset (gates 0…1) · n candidate · h = (1−z)·h_prev + z·n",
            "z 更新门 · r 重置门（门值 0…1）· n 候选值 · h = (1−z)·h_prev + z·n",
        ),
        CellKind::Rnn => tr(
            lang,
            "A plain RNN has no gates: only h = tanh(x·U + h_prev·W)",
            "普通 RNN 没有门：只有 h = tanh(x·U + h_prev·W)",
        ),
    }
}

/// One panel per time step: the gate rows of the steps shown so far.
fn heat_maps<DB: DrawingBackend>(area: &Area<DB>, w: &Gates, pen: Pen) -> DrawResult<()> {
    let Pen { lang, s } = pen;
    let (wd, ht) = area.dim_in_pixel();
    let (legend_area, panels) = area.split_vertically((ht as f64 * 0.1) as u32);
    let (lw, lh) = legend_area.dim_in_pixel();
    let size = (lw as f64 / (0.5 * 95.0) / s.0).clamp(7.0, 14.0);
    label(
        &legend_area,
        &legend(w.kind(), lang),
        (lw as i32 / 2, lh as i32 / 2),
        size,
        INK,
        s,
    )?;
    let ncols: i32 = if ht as f64 > wd as f64 * 0.8 { 2 } else { 4 };
    let nrows = (BITS as i32 + ncols - 1) / ncols;
    let (pw, ph) = panels.dim_in_pixel();
    let (cw, chh) = (pw as i32 / ncols, ph as i32 / nrows);
    let steps = w.gate_steps();
    let lines = steps.first().map_or(1, |st| st.rows.len()) as i32 + 2;
    let line = chh / lines;
    // A number like "-0.92" (five characters) fills at most its cell.
    let cell_w = (cw - cw / 6 - cw / 30) / HIDDEN as i32;
    let size = ((cell_w as f64 * 0.8 / (0.58 * 5.0)).min(line as f64 * 0.6) / s.0).min(15.0);
    for (t, st) in steps.iter().enumerate() {
        let (x0, y0) = ((t as i32 % ncols) * cw, (t as i32 / ncols) * chh);
        draw(
            &panels,
            Rectangle::new(
                [(x0 + 2, y0 + 2), (x0 + cw - 2, y0 + chh - 2)],
                GUIDE.stroke_width(1),
            ),
        )?;
        let shown = t < w.shown();
        let head = format!("t = {}   x = ({}, {})", t + 1, st.x[0], st.x[1]);
        label_left(
            &panels,
            &head,
            (x0 + cw / 30, y0 + line / 2 + 2),
            size,
            INK,
            s,
        )?;
        for (r, (name, values)) in st.rows.iter().enumerate() {
            let y = y0 + line * (r as i32 + 1) + 2;
            let color = if shown { INK } else { GUIDE };
            label(&panels, name, (x0 + cw / 12, y + line / 2), size, color, s)?;
            for (k, &v) in values.iter().enumerate() {
                let cx = x0 + cw / 6 + cell_w * k as i32;
                let fill = if shown { shade(v) } else { WHITE };
                draw(
                    &panels,
                    Rectangle::new(
                        [(cx + 1, y + 1), (cx + cell_w - 1, y + line - 1)],
                        fill.filled(),
                    ),
                )?;
                if shown {
                    let text = fmt_num(v as f64, 2);
                    label(
                        &panels,
                        &text,
                        (cx + cell_w / 2, y + line / 2),
                        size,
                        INK,
                        s,
                    )?;
                }
            }
        }
        let out = if shown {
            format!(
                "ŷ = {} → {}",
                fmt_num(st.y_hat as f64, 3),
                (st.y_hat > 0.5) as u8
            )
        } else {
            tr(lang, "Step to see this step", "单步执行以查看")
        };
        let y = y0 + line * (lines - 1) + line / 2;
        let color = if shown { ORANGE } else { GUIDE };
        label_left(&panels, &out, (x0 + cw / 30, y), size, color, s)?;
    }
    Ok(())
}

/// The gate heat maps (top), the accuracy per epoch and the pair bit by bit (bottom).
pub fn gates<DB: DrawingBackend>(area: &Area<DB>, w: &Gates, pen: Pen) -> Drawn {
    let (a, b) = w.pair();
    let bits = (
        w.accuracy_history(),
        w.epoch_all_right(),
        (a, b, w.answer()),
    );
    above_bits(area, (0.72, 0.66), bits, pen, |top| heat_maps(top, w, pen))
}
