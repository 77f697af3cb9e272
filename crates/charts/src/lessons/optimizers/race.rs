//! The race chart (ch15.4.1): the bowl x²/10 + y² with every shown racer's path.

use super::{draw_path, legend_label, COLORS};
use crate::contour::{contour, log_levels, Contour};
use crate::graph::{draw, write};
use crate::lessons::Area;
use crate::pen::{Brush, Drawn, Pen};
use crate::plot::{Axes, Marker};
use crate::style::{tr, GREEN, INK};
use ninestep_core::lesson::step7::optimizers::race::{self, OptimizerRace};
use ninestep_core::Widget;
use plotters::prelude::*;

/// The race: the bowl with every shown racer's path, and a legend beside the map (below
/// it on a tall, phone-shaped canvas).
pub fn race<DB: DrawingBackend>(area: &Area<DB>, r: &OptimizerRace, brush: &mut Brush) -> Drawn {
    let Pen { lang, s } = brush.pen;
    let shown = r.shown();
    let (w, h) = area.dim_in_pixel();
    let tall = (h as f64) > 0.8 * w as f64;
    let (map, legend) = if tall {
        let rows = shown.len().div_ceil(2) as u32;
        area.split_vertically(h.saturating_sub(s.px(12.0 + 20.0 * rows as f64) as u32))
    } else {
        area.split_horizontally(w.saturating_sub(s.px(150.0) as u32))
    };
    let f = |x: f64, y: f64| race::f(x, y);
    let title = tr(
        lang,
        &format!("f(x, y) = x²/10 + y², step {}", r.steps()),
        &format!("f(x, y) = x²/10 + y²，第 {} 步", r.steps()),
    );
    let frame = contour(
        &map,
        &Contour {
            axes: Axes::new(title, ("x", "y"), (-8.0, 8.0), (-3.0, 3.0)),
            f: &f,
            levels: log_levels(0.02, 15.0, 10),
            log: true,
            path: Vec::new(),
            markers: vec![Marker::dot((0.0, 0.0), GREEN)],
            // Asked for the pixel mapping only; the page gets no click.
            click: Some(("x", "y")),
        },
        brush,
    )?;
    if let Some(fr) = &frame {
        for &k in &shown {
            draw_path(&map, fr, &r.path(k), COLORS[k], s)?;
        }
    }
    let (lw, _) = legend.dim_in_pixel();
    for (i, &k) in shown.iter().enumerate() {
        let (cx, cy) = if tall {
            let col_w = (lw / 2) as i32;
            (
                s.px(16.0) + (i % 2) as i32 * col_w,
                s.px(8.0) + (i / 2) as i32 * s.px(20.0),
            )
        } else {
            (s.px(6.0), s.px(40.0) + i as i32 * s.px(24.0))
        };
        let y = cy + s.px(8.0);
        draw(
            &legend,
            PathElement::new(
                vec![(cx, y), (cx + s.px(22.0), y)],
                COLORS[k].stroke_width(s.px(3.0).max(1) as u32),
            ),
        )?;
        draw(
            &legend,
            Circle::new((cx + s.px(11.0), y), s.px(4.0), COLORS[k].filled()),
        )?;
        let mut text = legend_label(k, r.rate(k), lang);
        if r.left_at(k).is_some() {
            text.push_str(&tr(lang, " (off)", "（飞出）"));
        }
        write(
            &legend,
            text,
            (cx + s.px(28.0), cy),
            s.font(13.0).color(&INK),
        )?;
    }
    Ok(None)
}
