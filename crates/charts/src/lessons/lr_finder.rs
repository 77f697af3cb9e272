//! The learning-rate finder (ch12.3): the mean loss of each rate's updates against log₁₀ η,
//! the lowest point and the turn-up marked.

use crate::lessons::Area;
use crate::pen::{Drawn, Pen};
use crate::plot::{padded, plot, Axes, Marker, Plot, Series};
use crate::style::{tr, BLUE, GREEN, RED};
use ninestep_core::fmt_num;
use ninestep_core::lesson::step7::lr_finder::LrFinder;
use ninestep_core::nn::lr_finder::FinderPoint;
use plotters::prelude::*;

/// The chart of the `lr-finder` widget.
pub fn lr_finder<DB: DrawingBackend>(area: &Area<DB>, w: &LrFinder, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
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
    // Marks without labels (a label at the right edge would be cut); the title names them.
    let mark = |p: FinderPoint, color| Marker::dot(((p.lr as f64).log10(), p.loss as f64), color);
    let mut markers = Vec::new();
    let mut title = if w.has_data() {
        tr(lang, "Loss while η grows", "η 增大时的损失")
    } else {
        tr(
            lang,
            "The digits are still loading…",
            "手写数字还在加载中……",
        )
    };
    let found = [
        (
            w.lowest(),
            GREEN,
            (" · lowest (green) at η = ", " · 最低点（绿）η = "),
        ),
        (
            w.turn_up(),
            RED,
            (" · turned up (red) at η = ", " · 上升（红）η = "),
        ),
    ];
    for (p, color, (en, zh)) in found {
        if let Some(p) = p {
            markers.push(mark(p, color));
            let e = fmt_num(p.lr as f64, 3);
            title += &tr(lang, &format!("{en}{e}"), &format!("{zh}{e}"));
        }
    }
    plot(
        area,
        &Plot {
            axes: Axes::new(
                title,
                (tr(lang, "log₁₀ η", "log₁₀ η"), tr(lang, "loss", "损失")),
                x,
                (lo.max(0.0), hi),
            ),
            series: vec![Series::plain(points, BLUE)],
            markers,
            ..Plot::default()
        },
        s,
    )
}

#[cfg(test)]
mod tests {
    use ninestep_core::Lang;

    #[test]
    fn the_sweep_is_drawn_with_its_lowest_point_named() {
        let Some(mut w) = crate::lessons::with_digits("lr-finder", 400) else {
            return;
        };
        for _ in 0..3 {
            w.step().expect("steps");
        }
        let en = crate::svg(&w, 640, 400, Lang::En).expect("draws");
        assert!(en.contains("lowest (green) at η"), "no lowest point named");
        let zh = crate::svg(&w, 390, 400, Lang::Zh).expect("draws");
        assert!(zh.contains("最低点"));
    }
}
