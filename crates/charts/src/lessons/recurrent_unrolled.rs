//! The chart of ch19.2: the subtraction net unrolled over its four time steps with every
//! number of the forward and backward pass, the accuracy per epoch and the learner's pair
//! bit by bit.

use crate::graph::{draw, label, label_left};
use crate::lessons::Area;
use crate::pen::{Drawn, Pen};
use crate::plot::{plot, Axes, Marker, Plot, Series};
use crate::style::{tr, Scale, BLUE, GREEN, GUIDE, INK, ORANGE, PURPLE, RED};
use crate::DrawResult;
use ninestep_core::fmt_num;
use ninestep_core::lesson::step9::data::BITS;
use ninestep_core::lesson::step9::minus::{Minus, HIDDEN};
use plotters::prelude::*;

/// One line of numbers in a panel: a name, then up to four values in fixed slots.
struct Panel<'a, DB: DrawingBackend> {
    area: &'a Area<DB>,
    x0: i32,
    y0: i32,
    cw: i32,
    line: i32,
    size: f64,
    s: Scale,
}

impl<DB: DrawingBackend> Panel<'_, DB> {
    fn text(&self, k: usize, text: &str, color: RGBColor) -> DrawResult<()> {
        let at = (
            self.x0 + self.cw / 40,
            self.y0 + self.line * k as i32 + self.line / 2,
        );
        label_left(self.area, text, at, self.size, color, self.s)
    }

    fn row(&self, k: usize, name: &str, values: Option<&[f64]>, color: RGBColor) -> DrawResult<()> {
        self.text(k, name, if values.is_some() { color } else { GUIDE })?;
        for (j, v) in values.unwrap_or(&[]).iter().enumerate() {
            // Four slots of 22 % of the panel's width, after 12 % for the name.
            let x = self.x0 + self.cw * (120 + 220 * j as i32 + 110) / 1000;
            let y = self.y0 + self.line * k as i32 + self.line / 2;
            label(self.area, &compact(*v), (x, y), self.size, color, self.s)?;
        }
        Ok(())
    }

    /// From line 7: the gradients of V (one row), U (two rows) and W (`HIDDEN` rows),
    /// each named on its first row; greyed names and no numbers while `values` is `None`.
    fn grads(&self, names: [&str; 3], values: Option<[&[f64]; 3]>) -> DrawResult<()> {
        self.row(7, names[0], values.map(|v| v[0]), PURPLE)?;
        for (m, first, rows) in [(1, 8, 2), (2, 10, HIDDEN)] {
            for r in 0..rows {
                let vals = values.map(|v| &v[m][r * HIDDEN..(r + 1) * HIDDEN]);
                self.row(first + r, if r == 0 { names[m] } else { "" }, vals, PURPLE)?;
            }
        }
        Ok(())
    }
}

/// Three decimals without the leading zero (`-.921`, `.003`, `1.000`): four numbers fit
/// side by side in a narrow panel.
fn compact(v: f64) -> String {
    let t = fmt_num(v, 3);
    match (t.strip_prefix("-0."), t.strip_prefix("0.")) {
        (Some(rest), _) => format!("-.{rest}"),
        (_, Some(rest)) => format!(".{rest}"),
        _ => t,
    }
}

fn f64s(v: &[f32]) -> Vec<f64> {
    v.iter().map(|&x| x as f64).collect()
}

/// Lines of one panel.
const LINES: usize = 15;

/// The four unrolled steps and the sums, side by side (or two per row on a tall canvas).
fn unrolled<DB: DrawingBackend>(area: &Area<DB>, w: &Minus, pen: Pen) -> DrawResult<()> {
    let Pen { lang, s } = pen;
    let (wd, ht) = area.dim_in_pixel();
    let ncols: i32 = if ht as f64 > wd as f64 * 0.8 { 2 } else { 5 };
    let nrows = (5 + ncols - 1) / ncols;
    let (cw, chh) = (wd as i32 / ncols, ht as i32 / nrows);
    let line = chh / LINES as i32;
    // A number ("-.123", five characters) fills at most its slot.
    let size = ((cw as f64 * 0.225 / (0.58 * 5.0)).min(line as f64 * 0.85) / s.0).min(16.0);
    let v = w.view();
    for c in 0..5 {
        let (x0, y0) = ((c % ncols) * cw, (c / ncols) * chh);
        let p = Panel {
            area,
            x0,
            y0,
            cw,
            line,
            size,
            s,
        };
        draw(
            area,
            Rectangle::new(
                [(x0 + 2, y0 + 2), (x0 + cw - 2, y0 + chh - 2)],
                GUIDE.stroke_width(1),
            ),
        )?;
        if c as usize == BITS {
            p.text(0, &tr(lang, "Σ over the 4 steps", "4 个时间步求和"), INK)?;
            let sums = w.sums_shown().then(|| v.sums());
            p.text(
                2,
                &tr(lang, "= the layers' dV, dU, dW", "= 层算出的 dV、dU、dW"),
                INK,
            )?;
            let grads = sums
                .as_ref()
                .map(|[du, dw, dv]| [&dv[..], &du[..], &dw[..]]);
            p.grads(["dV", "dU", "dW"], grads)?;
            continue;
        }
        let t = c as usize;
        let st = &v.steps[t];
        let fwd = w.forward_shown(t);
        let back = w.backward_shown(t);
        p.text(
            0,
            &tr(
                lang,
                &format!("t = {} (bit {t})", t + 1),
                &format!("t = {}（第 {t} 位）", t + 1),
            ),
            INK,
        )?;
        p.text(1, &format!("x = ({}, {})", st.x[0], st.x[1]), INK)?;
        p.row(2, "h", fwd.then(|| f64s(&st.h)).as_deref(), ORANGE)?;
        let out = if fwd {
            format!(
                "ŷ = {} → {}   y = {}",
                fmt_num(st.y_hat as f64, 3),
                (st.y_hat > 0.5) as u8,
                st.y
            )
        } else {
            "ŷ".into()
        };
        p.text(3, &out, if fwd { ORANGE } else { GUIDE })?;
        let delta = if back {
            format!("δ = ŷ − y = {}", fmt_num(st.delta as f64, 3))
        } else {
            "δ".into()
        };
        p.text(4, &delta, if back { RED } else { GUIDE })?;
        p.row(5, "dh", back.then(|| f64s(&st.dh)).as_deref(), RED)?;
        p.row(6, "dz", back.then(|| f64s(&st.dz)).as_deref(), RED)?;
        let grads = back.then(|| [&st.dv[..], &st.du[..], &st.dw[..]]);
        p.grads(["ΔV", "ΔU", "ΔW"], grads)?;
    }
    Ok(())
}

/// The unrolled net (top), the accuracy per epoch and the pair bit by bit (bottom).
pub fn minus<DB: DrawingBackend>(area: &Area<DB>, w: &Minus, pen: Pen) -> Drawn {
    let (a, b) = w.pair();
    let bits = (
        w.accuracy_history(),
        w.epoch_all_right(),
        (a, b, w.view().answer()),
    );
    above_bits(area, (0.78, 0.7), bits, pen, |top| unrolled(top, w, pen))
}

/// What the panels under a subtraction net show: the accuracy per epoch, the epoch from
/// which all pairs are right, and the learner's pair (a, b) with the net's answer.
pub(crate) type Bits<'a> = (&'a [f64], Option<usize>, (usize, usize, usize));

/// A subtraction net's own panel drawn by `net` on top, taking the share `shares.0` of
/// the height on a narrow canvas (a phone) and `shares.1` otherwise; below it
/// [`accuracy_and_bits`].
pub(crate) fn above_bits<DB: DrawingBackend>(
    area: &Area<DB>,
    shares: (f64, f64),
    (acc, all_right, pair): Bits,
    pen: Pen,
    net: impl FnOnce(&Area<DB>) -> DrawResult<()>,
) -> Drawn {
    let (wd, ht) = area.dim_in_pixel();
    let narrow = ht as f64 > wd as f64 * 1.2;
    let share = if narrow { shares.0 } else { shares.1 };
    let (top, bottom) = area.split_vertically((ht as f64 * share) as u32);
    net(&top)?;
    accuracy_and_bits(&bottom, acc, all_right, pair, pen)?;
    Ok(None)
}

/// The accuracy per epoch (left) and the pair bit by bit with the net's answer (right),
/// under the subtraction nets of ch19.2 and ch20.
fn accuracy_and_bits<DB: DrawingBackend>(
    bottom: &Area<DB>,
    acc: &[f64],
    all_right: Option<usize>,
    (a, b, answer): (usize, usize, usize),
    pen: Pen,
) -> DrawResult<()> {
    let Pen { lang, s } = pen;
    let wd = bottom.dim_in_pixel().0;
    let (left, right) = bottom.split_horizontally(wd / 2);
    let mut markers = Vec::new();
    let mut title = tr(lang, "Pairs right (of 136)", "答对的比例（共 136 对）");
    if let Some(e) = all_right {
        markers.push(Marker::dot((e as f64, 1.0), GREEN));
        title = tr(
            lang,
            &format!("All 136 right after epoch {e}"),
            &format!("第 {e} 轮后 136 对全对"),
        );
    }
    plot(
        &left,
        &Plot {
            axes: Axes::new(
                title,
                (tr(lang, "epoch", "轮"), ""),
                (0.0, (acc.len().max(2) - 1) as f64),
                (0.0, 1.05),
            ),
            series: vec![Series::plain(
                acc.iter()
                    .enumerate()
                    .map(|(i, &a)| (i as f64, a))
                    .collect(),
                BLUE,
            )],
            markers,
            integer_x: true,
            ..Plot::default()
        },
        s,
    )?;
    let bits = |n: usize| {
        (0..BITS)
            .rev()
            .map(|t| ((n >> t) & 1).to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (rw, rh) = right.dim_in_pixel();
    let (x, dy) = (rw as i32 / 10, rh as i32 / 7);
    let lines = [
        (
            tr(
                lang,
                "bits, last step first: t = 4 3 2 1",
                "各位，从最后一步起：t = 4 3 2 1",
            ),
            INK,
        ),
        (format!("a = {a:>2} = {}", bits(a)), INK),
        (format!("b = {b:>2} = {}", bits(b)), INK),
        (format!("a − b = {:>2} = {}", a - b, bits(a - b)), GREEN),
        (
            format!(
                "{} = {answer:>2} = {}",
                tr(lang, "net", "网络"),
                bits(answer)
            ),
            if answer == a - b { GREEN } else { RED },
        ),
    ];
    for (k, (text, color)) in lines.iter().enumerate() {
        label_left(&right, text, (x, dy * (k as i32 + 1)), 14.0, *color, s)?;
    }
    Ok(())
}
