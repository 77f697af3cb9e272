//! The ch4 chart (ch15.4.2): one optimizer's (w, b) path over the loss contour.

use super::{draw_path, legend_label, px, COLORS};
use crate::contour::{contour, log_levels, Contour};
use crate::graph::{draw, write};
use crate::lessons::Area;
use crate::pen::{Brush, Drawn, Pen};
use crate::plot::{Axes, Marker};
use crate::style::{tr, GREEN, RED};
use ninestep_core::lesson::step7::optimizers::wb::OptimizerWb;
use ninestep_core::lesson::step7::optimizers::wb_run::TARGET;
use plotters::prelude::*;

/// One optimizer on the ch4 line: the loss contour over w 1–3, b 2–4 (the book's window),
/// the least-squares point, the target ellipse and the (w, b) path.
pub fn wb<DB: DrawingBackend>(area: &Area<DB>, o: &OptimizerWb, brush: &mut Brush) -> Drawn {
    let Pen { lang, s } = brush.pen;
    let k = o.optimizer();
    let (x, y) = ((1.0, 3.0), (2.0, 4.0));
    let f = |w: f64, b: f64| o.loss_at(w, b);
    let n = o.path().len() - 1;
    let name = legend_label(k, o.eta(), lang);
    let title = tr(
        lang,
        &format!("J(w, b): {name}, iteration {n}"),
        &format!("J(w, b)：{name}，第 {n} 次迭代"),
    );
    let corner = [(x.0, y.0), (x.0, y.1), (x.1, y.0), (x.1, y.1)]
        .iter()
        .fold(0.0f64, |m, &(w, b)| m.max(f(w, b)));
    let frame = contour(
        area,
        &Contour {
            axes: Axes::new(title, ("w", "b"), x, y),
            f: &f,
            levels: log_levels(o.floor() * 1.05, corner, 12),
            log: true,
            path: Vec::new(),
            markers: vec![Marker::new(
                o.best(),
                GREEN,
                tr(lang, "least squares", "最小二乘"),
            )],
            click: Some(("w", "b")),
        },
        brush,
    )?;
    let Some(fr) = frame else { return Ok(None) };
    // The target J = J* + 0.005: an ellipse around (w*, b*), exact since J is quadratic.
    let (bw, bb) = o.best();
    let ring: Vec<(i32, i32)> = (0..=720)
        .map(|i| i as f64 * std::f64::consts::TAU / 720.0)
        .map(|t| {
            let q = o.loss_at(bw + t.cos(), bb + t.sin()) - o.floor();
            let r = (TARGET / q.max(1e-12)).sqrt();
            px(&fr, (bw + r * t.cos(), bb + r * t.sin()))
        })
        .collect();
    // The label goes beside the ellipse's rightmost point.
    let tip = ring.iter().copied().max_by_key(|p| p.0).unwrap_or((0, 0));
    draw(
        area,
        PathElement::new(ring, RED.stroke_width(s.px(2.0).max(1) as u32)),
    )?;
    write(
        area,
        format!("J − J* = {TARGET}"),
        (tip.0 + s.px(6.0), tip.1 - s.px(6.0)),
        s.font(12.0).color(&RED),
    )?;
    draw_path(area, &fr, o.path(), COLORS[k], s)?;
    Ok(None)
}
