//! The playground: the decision region over the data (left, a coarse heatmap in
//! TF-Playground colours, pale where the network is unsure) with the training points
//! filled and the test points outlined, and the train/test loss curves (right).

use super::nonlinear::{binary_tint, class_color, class_tint};
use crate::plot::{padded, plot, Plot, Series};
use crate::style::{mix, tr, Scale, INK};
use crate::{DrawResult, Frame};
use ninestep_core::lesson::trainer::Playground;
use ninestep_core::Lang;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The frame keys of the region map (not settings: a click there adds a point).
pub const REGION_X: &str = "x1";
/// See [`REGION_X`].
pub const REGION_Y: &str = "x2";

/// Cells per side of the region map.
pub const CELLS: usize = 40;

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

/// The centres of the `CELLS`² cells over `x` × `y`, x index outer.
pub fn centres(x: (f64, f64), y: (f64, f64)) -> Vec<(f64, f64)> {
    let at = |k: usize, r: (f64, f64)| r.0 + (r.1 - r.0) * (k as f64 + 0.5) / CELLS as f64;
    (0..CELLS)
        .flat_map(|i| (0..CELLS).map(move |j| (at(i, x), at(j, y))))
        .collect()
}

/// The cell colours: the network evaluated once on the matrix of all cell centres.
pub fn cells(w: &Playground, x: (f64, f64), y: (f64, f64)) -> Vec<RGBColor> {
    let scores = w.scores(&centres(x, y));
    if w.classes() == 3 {
        scores
            .chunks_exact(3)
            .map(|p| class_tint(&[p[0], p[1], p[2]]))
            .collect()
    } else {
        scores.iter().map(|&p| binary_tint(p)).collect()
    }
}

/// The playground chart.
pub fn trainer<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    w: &Playground,
    lang: Lang,
    s: Scale,
) -> DrawResult<Option<Frame>> {
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let (wd, _) = area.dim_in_pixel();
    let (left, right) = area.split_horizontally(wd / 2);
    let train = w.points(false);
    let test = w.points(true);
    let all: Vec<_> = train.iter().chain(&test).copied().collect();
    let (x, y) = bounds(&all);
    let epochs = w.epochs();
    let title = if w.classes() == 3 {
        tr(
            lang,
            &format!("Epoch {epochs}: blue 1, orange 2, green 3"),
            &format!("第 {epochs} 轮：蓝 1、橙 2、绿 3"),
        )
    } else {
        tr(
            lang,
            &format!("Epoch {epochs}: orange = class 1, blue = class 0"),
            &format!("第 {epochs} 轮：橙色为类别 1，蓝色为类别 0"),
        )
    };
    let mut chart = crate::plot::axes(&left, &title, x, y, s)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(6)
        .y_labels(6)
        .x_desc("x₁")
        .y_desc("x₂")
        .label_style(s.font(12.0))
        .axis_desc_style(s.font(13.0))
        .draw()
        .map_err(e)?;
    let (dx, dy) = ((x.1 - x.0) / CELLS as f64, (y.1 - y.0) / CELLS as f64);
    chart
        .draw_series(cells(w, x, y).into_iter().enumerate().map(|(k, c)| {
            let (i, j) = ((k / CELLS) as f64, (k % CELLS) as f64);
            let (x0, y0) = (x.0 + i * dx, y.0 + j * dy);
            // A hair of overlap hides the seams between cells in the SVG renderers.
            Rectangle::new([(x0, y0), (x0 + dx * 1.02, y0 + dy * 1.02)], c.filled())
        }))
        .map_err(e)?;
    let rad = s.px(2.5).max(2);
    let stroke = s.px(1.2).max(1) as u32;
    chart
        .draw_series(
            train
                .iter()
                .map(|&(px, py, c)| Circle::new((px, py), rad, class_color(c).filled())),
        )
        .map_err(e)?;
    chart
        .draw_series(
            train
                .iter()
                .map(|&(px, py, _)| Circle::new((px, py), rad, WHITE.stroke_width(1))),
        )
        .map_err(e)?;
    chart
        .draw_series(test.iter().map(|&(px, py, c)| {
            Circle::new(
                (px, py),
                rad,
                mix(class_color(c), INK, 0.25).stroke_width(stroke),
            )
        }))
        .map_err(e)?;
    // The region map's pixels → (x₁, x₂): a click adds a point there (the keys are no
    // settings, so the page routes the click to `addPoint`).
    let (fx, fy) = chart.plotting_area().get_pixel_range();
    let frame = Frame {
        px: (fx.start, fx.end),
        py: (fy.start, fy.end),
        x,
        y,
        x_key: REGION_X,
        y_key: REGION_Y,
    };

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
    plot(
        &right,
        &Plot {
            title: tr(lang, "Loss per epoch", "每轮的损失"),
            x_desc: tr(lang, "epoch", "轮数"),
            y_desc: tr(lang, "loss", "损失"),
            x: (0.0, (epochs as f64).max(10.0)),
            y: (0.0, hi.max(1e-3)),
            series: vec![
                Series {
                    points: train_loss,
                    color: RGBColor(150, 150, 162),
                    label: tr(lang, "train", "训练"),
                },
                Series {
                    points: test_loss,
                    color: INK,
                    label: tr(lang, "test", "测试"),
                },
            ],
            integer_x: true,
            ..Plot::default()
        },
        s,
    )?;
    Ok(Some(frame))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_pad_the_points_and_survive_degenerate_input() {
        let (x, y) = bounds(&[(0.0, 0.0, 0), (10.0, 1.0, 1)]);
        assert!((x.0 + 0.6).abs() < 1e-9 && (x.1 - 10.6).abs() < 1e-9);
        assert!((y.0 + 0.06).abs() < 1e-9);
        assert_eq!(bounds(&[]), ((-1.0, 1.0), (-1.0, 1.0)));
        assert_eq!(centres((0.0, 1.0), (0.0, 1.0)).len(), CELLS * CELLS);
    }
}
