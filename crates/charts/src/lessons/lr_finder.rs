//! The learning-rate finder (ch12.3): the mean loss of each rate's updates against log₁₀ η,
//! the lowest point and the turn-up marked.

use crate::plot::{padded, plot, Marker, Plot, Series};
use crate::style::{tr, Scale, BLUE, GREEN, RED};
use crate::{DrawResult, Frame};
use ninestep_core::lesson::step7::lr_finder::LrFinder;
use ninestep_core::{fmt_num, Lang};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The chart of the `lr-finder` widget.
pub fn lr_finder<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    w: &LrFinder,
    lang: Lang,
    s: Scale,
) -> DrawResult<Option<Frame>> {
    let c = w.config();
    let x = ((c.start as f64).log10(), (c.end as f64).log10());
    let points: Vec<(f64, f64)> = w
        .points()
        .iter()
        .filter(|p| p.loss.is_finite())
        .map(|p| ((p.lr as f64).log10(), p.loss as f64))
        .collect();
    let (lo, hi) = if points.is_empty() {
        (0.0, 2.5)
    } else {
        padded(points.iter().map(|p| p.1))
    };
    let mut markers = Vec::new();
    let mark = |p: ninestep_core::nn::lr_finder::FinderPoint, color, en: &str, zh: &str| Marker {
        at: ((p.lr as f64).log10(), p.loss as f64),
        color,
        label: format!("{} η = {}", tr(lang, en, zh), fmt_num(p.lr as f64, 3)),
    };
    if let Some(p) = w.lowest() {
        markers.push(mark(p, GREEN, "lowest", "最低"));
    }
    if let Some(p) = w.turn_up() {
        markers.push(mark(p, RED, "turned up", "上升"));
    }
    let title = if w.has_data() {
        tr(lang, "Loss while η grows", "η 增大时的损失")
    } else {
        tr(
            lang,
            "The digits are still loading…",
            "手写数字还在加载中……",
        )
    };
    plot(
        area,
        &Plot {
            title,
            x_desc: tr(lang, "log₁₀ η", "log₁₀ η"),
            y_desc: tr(lang, "loss", "损失"),
            x,
            y: (lo.max(0.0), hi),
            series: vec![Series {
                points,
                color: BLUE,
                label: String::new(),
            }],
            markers,
            ..Plot::default()
        },
        s,
    )
}
