//! Charts of ch6.6 (tanh as the binary classifier) and ch12.2 (gradient checking).

use super::classify::{binary_tint, map, panels, Map, CLASS};
use crate::lessons::Area;
use crate::pen::{Brush, Drawn, Pen};
use crate::plot::{padded, plot, Axes, Marker, Plot, Series};
use crate::style::{tr, GREEN, GUIDE, INK, RED};
use ninestep_core::fmt_num;
use ninestep_core::lesson::step3::tanh_classifier::TanhClassifier;
use ninestep_core::lesson::step5::grad_check::GradCheck;
use plotters::prelude::*;

/// The Chu–Han points over the tanh output (mapped to (1 + a)/2 for the tint), the learned
/// border a = 0 and the true line x2 = 2·x1 − 0.5 (dashed); the loss at every check.
pub fn tanh_classifier<DB: DrawingBackend>(
    area: &Area<DB>,
    w: &TanhClassifier,
    brush: &mut Brush,
) -> Drawn {
    let Pen { lang, s } = brush.pen;
    let (left, right) = panels(area);
    let st = w.state().clone();
    let cell = |x1: f64, x2: f64| binary_tint((1.0 + st.predict([x1, x2])) / 2.0);
    let points =
        w.x.iter()
            .zip(&w.class)
            .map(|(p, &c)| ((p[0], p[1]), c))
            .collect();
    let epoch = st.epoch;
    let title = tr(
        lang,
        &format!("epoch {epoch} · border a = 0"),
        &format!("第 {epoch} 轮 · 分界 a = 0"),
    );
    map(
        &left,
        &Map {
            axes: Axes::new(title, ("x1", "x2"), (0.0, 1.0), (0.0, 1.0)),
            cell: &cell,
            points,
            lines: vec![
                ((st.w[0], st.w[1], st.b), RED, false),
                ((2.0, -1.0, -0.5), INK, true),
            ],
            queries: Vec::new(),
            point_r: 3.5,
            notes: Vec::new(),
        },
        brush,
    )?;
    // x in epochs: the checks fall every 2 of the epoch's 20 mini-batches.
    let per_epoch = w.x.len().div_ceil(10).max(1) as f64;
    let pts: Vec<(f64, f64)> = w
        .history()
        .iter()
        .filter(|h| h.loss.is_finite())
        .map(|h| (h.iteration as f64 / per_epoch, h.loss))
        .collect();
    let y = padded(pts.iter().map(|p| p.1).chain([0.0]));
    let last = pts.last().map_or(1.0, |p| p.0);
    let title = tr(lang, "loss at each check", "每次检查时的损失");
    plot(
        &right,
        &Plot {
            axes: Axes::new(
                title,
                (tr(lang, "epoch", "轮"), ""),
                (0.0, (last * 1.04).max(1.0)),
                y,
            ),
            series: vec![Series::new(pts, CLASS[1], tr(lang, "loss", "损失"))],
            hlines: vec![(0.0, GUIDE, String::new())],
            ..Plot::default()
        },
        s,
    )
}

/// Numeric against analytic gradient for every weight and bias of the chosen layer: the
/// points sit on the diagonal when backprop is right; the picked weight is ringed.
pub fn grad_check<DB: DrawingBackend>(area: &Area<DB>, w: &GradCheck, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let entries: Vec<_> = w.layer_entries().copied().collect();
    let r = padded(entries.iter().flat_map(|e| [e.numeric, e.analytic]));
    let mut markers: Vec<Marker> = entries
        .iter()
        .map(|e| {
            Marker::dot(
                (e.numeric, e.analytic),
                if e.bias { GREEN } else { CLASS[1] },
            )
        })
        .collect();
    if let Some(p) = w.picked() {
        markers.push(Marker::new(
            (p.numeric, p.analytic),
            RED,
            format!("rel {}", fmt_num(p.rel(), 8)),
        ));
    }
    let layer = entries.first().map_or(1, |e| e.layer);
    let title = tr(
        lang,
        &format!("layer {layer}: backprop vs central difference (blue W, green B)"),
        &format!("第 {layer} 层：反向传播与中心差分（蓝 W，绿 B）"),
    );
    plot(
        area,
        &Plot {
            axes: Axes::new(
                title,
                (
                    tr(lang, "numeric ∂J/∂θ", "数值 ∂J/∂θ"),
                    tr(lang, "backprop ∂J/∂θ", "反向传播 ∂J/∂θ"),
                ),
                r,
                r,
            ),
            series: vec![Series::new(
                vec![(r.0, r.0), (r.1, r.1)],
                GUIDE,
                tr(lang, "equal", "相等"),
            )],
            markers,
            ..Plot::default()
        },
        s,
    )
}
