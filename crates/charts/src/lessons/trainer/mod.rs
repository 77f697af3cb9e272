//! The playground, TensorFlow-Playground style: the network as a diagram whose nodes are
//! small heatmaps of each neuron's output over the input box and whose lines show the
//! weights (orange positive, blue negative, wider when larger); the decision region over
//! the data (pale where the network is unsure) with the training points filled and the
//! test points outlined; and the train/test loss curves. Heatmaps are low-resolution
//! images handed to a [`Raster`] (one canvas blit in the page). On a wide canvas the
//! diagram is on the left and the map above the curves on the right; on a tall one the
//! three panels are stacked.
//!
//! This file lays the panels out and holds what they share; `diagram.rs` draws the
//! network, `map.rs` the decision region, and `readout.rs` turns hover zones into text.

mod diagram;
mod map;
mod readout;
#[cfg(test)]
mod tests;

pub use diagram::{diverging, shown, MAX_SHOWN};
pub use map::region_image;
pub use readout::hover_text;

use super::Area;
use crate::hover::{Hover, Zone};
use crate::pen::{Brush, Drawn, Pen};
use crate::plot::{padded, plot, Axes, Plot, Series};
use crate::style::{tr, Scale, INK};
use crate::{Chart, DrawResult};
use ninestep_core::lesson::trainer::Playground;
use plotters::prelude::*;

/// Cells per side of the region map.
pub const CELLS: usize = 64;
/// Keys of the region map's click frame: no setting of the widget, so a click sets nothing.
pub const MAP_KEYS: (&str, &str) = ("x1", "x2");

/// The bounding box of `points`, padded by 6 % on every side.
pub fn bounds(points: &[(f64, f64, usize)]) -> ((f64, f64), (f64, f64)) {
    let range = |f: &dyn Fn(&(f64, f64, usize)) -> f64| {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for v in points.iter().map(f).filter(|v| v.is_finite()) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if lo >= hi {
            return (-1.0, 1.0);
        }
        let pad = (hi - lo) * 0.06;
        (lo - pad, hi + pad)
    };
    (range(&|p| p.0), range(&|p| p.1))
}

/// The centres of a `cols × rows` grid over `x` × `y`, row by row from the top (the
/// largest x₂) and left to right in a row: the order of an image's cells.
pub fn grid(x: (f64, f64), y: (f64, f64), cols: usize, rows: usize) -> Vec<(f64, f64)> {
    let at = |k: usize, n: usize, r: (f64, f64)| r.0 + (r.1 - r.0) * (k as f64 + 0.5) / n as f64;
    (0..rows)
        .flat_map(|j| (0..cols).map(move |i| (at(i, cols, x), at(rows - 1 - j, rows, y))))
        .collect()
}

/// The three panels: diagram, region map, loss curves.
fn panels<DB: DrawingBackend>(area: &Area<DB>) -> (Area<DB>, Area<DB>, Area<DB>) {
    super::three_panels(area, (0.30, 0.46), (0.5, 0.62))
}

/// The playground chart: returns the region map's click frame and the hover zones.
pub fn trainer<DB: DrawingBackend>(
    area: &Area<DB>,
    w: &Playground,
    brush: &mut Brush,
) -> DrawResult<Chart> {
    let (diagram_area, map_area, loss_area) = panels(area);
    // Side by side the panels are half the canvas wide: labels a little smaller. Stacked
    // (a phone) they are full width and keep the canvas's sizes.
    let side = diagram_area.dim_in_pixel().0 < area.dim_in_pixel().0;
    let pen = brush.pen.scaled(if side { 0.85 } else { 1.0 });
    let brush = &mut Brush {
        pen,
        raster: &mut *brush.raster,
    };
    let s = pen.s;
    let train = w.points(false);
    let test = w.points(true);
    let all: Vec<_> = train.iter().chain(&test).copied().collect();
    let (x, y) = bounds(&all);
    let mut hover = Hover {
        zones: Vec::new(),
        tolerance: s.px(4.0).max(2) as f64,
    };
    let frame = map::region(&map_area, w, brush, (x, y), (&train, &test))?;
    hover.zones.push(Zone::Region(frame.clone()));
    diagram::diagram(&diagram_area, w, brush, (x, y), &mut hover)?;
    if let Some(f) = losses(&loss_area, w, pen)? {
        hover.zones.push(Zone::Epochs(f));
    }
    Ok(Chart {
        frame: Some(frame),
        hover: Some(hover),
    })
}

/// The train and test loss curves; returns their frame (for hover, not for clicks).
fn losses<DB: DrawingBackend>(area: &Area<DB>, w: &Playground, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let curve = w.curve();
    let series = |f: fn(&ninestep_core::experiment::ExperimentRecord) -> f32| {
        curve
            .iter()
            .map(|r| (r.epoch as f64, f(r) as f64))
            .filter(|p| p.1.is_finite())
            .collect::<Vec<_>>()
    };
    let (train_loss, test_loss) = (series(|r| r.train_loss), series(|r| r.test_loss));
    let (_, hi) = padded(train_loss.iter().chain(&test_loss).map(|p| p.1));
    // A little room below the axis name, which CJK fonts draw lower.
    let area = area.margin(0, s.px(6.0), 0, 0);
    let title = tr(lang, "Loss per epoch", "每轮的损失");
    plot(
        &area,
        &Plot {
            axes: Axes::new(
                title,
                (tr(lang, "epoch", "轮数"), tr(lang, "loss", "损失")),
                (0.0, (w.epochs() as f64).max(10.0)),
                (0.0, hi.max(1e-3)),
            ),
            series: vec![
                Series::new(
                    train_loss,
                    RGBColor(150, 150, 162),
                    tr(lang, "train", "训练"),
                ),
                Series::new(test_loss, INK, tr(lang, "test", "测试")),
            ],
            integer_x: true,
            // Only to get the frame back for the hover read-out: no setting has these keys.
            click: Some(("", "")),
            ..Plot::default()
        },
        Scale(s.0 * 0.9),
    )
}
