//! Chart of ch6.5 (step 3): a logic gate's truth table with the learned line, or for NOT
//! the learned S-curve, beside the loss and accuracy curves.

use super::classify::*;
use crate::lessons::Area;
use crate::pen::{Brush, Drawn, Pen};
use crate::plot::{plot, sample, Axes, Marker, Plot, Series};
use crate::style::{tr, GUIDE, INK, RED};
use ninestep_core::fmt_num;
use ninestep_core::lesson::logic_gate::LogicGate;
use ninestep_core::nn::activation::sigmoid_f64 as sigmoid;
use plotters::prelude::*;

/// The truth table with the learned line (or, for NOT, the learned S-curve).
pub fn logic_gate<DB: DrawingBackend>(area: &Area<DB>, g: &LogicGate, brush: &mut Brush) -> Drawn {
    let Pen { lang, s } = brush.pen;
    let (left, right) = panels(area);
    let net = g.net();
    let name = g.gate().name().to_uppercase();
    let epoch = g.epoch();
    let mut title = tr(
        lang,
        &format!("{name} · epoch {epoch}"),
        &format!("{name} · 第 {epoch} 轮"),
    );
    if g.inputs() == 1 {
        let (w, b) = (net.w[0], net.b);
        let mut series = vec![Series::new(
            sample(|x| sigmoid(w * x + b), (-0.5, 1.5), 120),
            INK,
            "a = σ(w·x + b)",
        )];
        if w.abs() > 1e-9 && (-0.5..=1.5).contains(&(-b / w)) {
            series.push(Series::new(
                vec![(-b / w, 0.0), (-b / w, 1.0)],
                RED,
                tr(lang, "border a = 0.5", "分界 a = 0.5"),
            ));
        }
        let outputs = g.outputs();
        for (x, _, a) in &outputs {
            title += &format!(" · a({}) = {}", fmt_num(x[0], 0), fmt_num(*a, 3));
        }
        let markers = outputs
            .into_iter()
            .map(|(x, y, _)| Marker::dot((x[0], y), CLASS[y as usize]))
            .collect();
        plot(
            &left,
            &Plot {
                axes: Axes::new(title, ("x", "a"), (-0.5, 1.5), (-0.1, 1.15)),
                series,
                markers,
                hlines: vec![(0.5, GUIDE, String::new())],
                ..Plot::default()
            },
            s,
        )?;
    } else {
        let cell = |x1: f64, x2: f64| binary_tint(net.predict(&[x1, x2]));
        let outputs = g.outputs();
        map(
            &left,
            &Map {
                axes: Axes::new(title, ("x1", "x2"), (-0.3, 1.45), (-0.3, 1.3)),
                cell: &cell,
                points: outputs
                    .iter()
                    .map(|(x, y, _)| ((x[0], x[1]), *y as usize))
                    .collect(),
                lines: vec![((net.w[0], net.w[1], net.b), RED, false)],
                queries: Vec::new(),
                point_r: 9.0,
                notes: outputs
                    .iter()
                    .map(|(x, _, a)| ((x[0] - 0.1, x[1] + 0.12), format!("a = {}", fmt_num(*a, 3))))
                    .collect(),
            },
            brush,
        )?;
    }
    curves(&right, g.history(), brush.pen)
}
