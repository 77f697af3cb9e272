//! Charts of ch2.3: descent on a parabola, on the surface x² + sin²y, and the
//! learning-rate explorer.

use crate::contour::{contour, log_levels, Contour};
use crate::lessons::Area;
use crate::pen::{Brush, Drawn, Pen};
use crate::plot::{padded, plot, sample, Axes, Plot, Series};
use crate::style::{tr, BLUE, ORANGE};
use ninestep_core::lesson::gd_1d::{self, Gd1d};
use ninestep_core::lesson::gd_2d::{self, Gd2d};
use ninestep_core::lesson::learning_rate::{self, LearningRate};
use ninestep_core::params::format_value;
use plotters::prelude::*;

/// J(x) = x² with the iterates.
pub fn gd_1d<DB: DrawingBackend>(area: &Area<DB>, g: &Gd1d, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let reach = g.xs().iter().fold(1.5f64, |m, x| m.max(x.abs() * 1.1));
    let path: Vec<(f64, f64)> = g.xs().iter().map(|&x| (x, gd_1d::j(x))).collect();
    let title = tr(
        lang,
        "J(x) = x² — click to pick the start",
        "J(x) = x²——点击图像选择起点",
    );
    plot(
        area,
        &Plot {
            axes: Axes::new(
                title,
                ("x", "J"),
                (-reach, reach),
                (-0.05 * reach * reach, reach * reach * 1.05),
            ),
            series: vec![Series::plain(sample(gd_1d::j, (-reach, reach), 200), BLUE)],
            path: Some((path, ORANGE)),
            click: Some(("x0", "")),
            ..Plot::default()
        },
        s,
    )
}

/// Contour of x² + sin²y with the descent path.
pub fn gd_2d<DB: DrawingBackend>(area: &Area<DB>, g: &Gd2d, brush: &mut Brush) -> Drawn {
    let lang = brush.pen.lang;
    let f = |x: f64, y: f64| gd_2d::j(x, y);
    let title = tr(
        lang,
        "J(x, y) = x² + sin²y — click to pick the start",
        "J(x, y) = x² + sin²y——点击选择起点",
    );
    contour(
        area,
        &Contour {
            axes: Axes::new(title, ("x", "y"), (-3.5, 3.5), (-3.2, 3.2)),
            f: &f,
            levels: log_levels(0.01, 12.0, 10),
            log: true,
            path: g.path().to_vec(),
            markers: Vec::new(),
            click: Some(("x0", "y0")),
        },
        brush,
    )
}

/// (x − 1)² + 0.1 with ten steps at the chosen η.
pub fn learning_rate<DB: DrawingBackend>(area: &Area<DB>, l: &LearningRate, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let (lo, hi) = padded(l.xs().iter().copied().chain([-1.0, 3.0]));
    let path: Vec<(f64, f64)> = l.xs().iter().map(|&x| (x, learning_rate::j(x))).collect();
    let top = learning_rate::j(lo).max(learning_rate::j(hi));
    let title = tr(
        lang,
        &format!("J(x) = (x − 1)² + 0.1, η = {}", format_value(l.eta())),
        &format!("J(x) = (x − 1)² + 0.1，η = {}", format_value(l.eta())),
    );
    plot(
        area,
        &Plot {
            axes: Axes::new(title, ("x", "J"), (lo, hi), (0.0, top * 1.05)),
            series: vec![Series::plain(sample(learning_rate::j, (lo, hi), 240), BLUE)],
            path: Some((path, ORANGE)),
            ..Plot::default()
        },
        s,
    )
}
