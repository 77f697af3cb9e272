//! The decision region over the data: training points filled, test points outlined.

use super::{grid, Area, CELLS, MAP_KEYS};
use crate::lessons::nonlinear::{binary_tint, class_color, class_tint};
use crate::pen::{Brush, Pen};
use crate::plot::{map_mesh, tick};
use crate::raster::{fill_plot, image, Image};
use crate::style::{mix, tr, INK};
use crate::{DrawResult, Frame};
use ninestep_core::lesson::trainer::Playground;
use plotters::prelude::*;

/// The region map as a `CELLS × CELLS` RGBA image: the network evaluated once on all cell
/// centres, tinted by class.
pub fn region_image(w: &Playground, x: (f64, f64), y: (f64, f64)) -> Vec<u8> {
    let scores = w.scores(&grid(x, y, CELLS, CELLS));
    // One score per point for two classes, three for three.
    let k = (scores.len() / (CELLS * CELLS)).max(1);
    image(CELLS, CELLS, |i, j| {
        let at = (j * CELLS + i) * k;
        match scores.get(at..at + k) {
            Some(&[p]) => binary_tint(p),
            Some(&[a, b, c]) => class_tint(&[a, b, c]),
            _ => WHITE,
        }
    })
}

type Points<'a> = (&'a [(f64, f64, usize)], &'a [(f64, f64, usize)]);

/// The decision region with the points; returns its frame.
pub(super) fn region<DB: DrawingBackend>(
    area: &Area<DB>,
    w: &Playground,
    brush: &mut Brush,
    (x, y): ((f64, f64), (f64, f64)),
    (train, test): Points,
) -> DrawResult<Frame> {
    let Pen { lang, s } = brush.pen;
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
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
    let mut chart = ChartBuilder::on(area)
        .caption(title, s.font(15.0))
        .margin(s.px(8.0))
        .x_label_area_size(s.px(32.0))
        .y_label_area_size(s.px(40.0))
        .build_cartesian_2d(x.0..x.1, y.0..y.1)
        .map_err(e)?;
    fill_plot(
        brush.raster,
        &chart,
        Image::new(CELLS, CELLS, &region_image(w, x, y)),
    )?;
    map_mesh(&mut chart, ("x₁", "x₂"), 11.0, s)
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&|v| tick(*v, x.1 - x.0))
        .y_label_formatter(&|v| tick(*v, y.1 - y.0))
        .draw()
        .map_err(e)?;
    let rad = s.px(2.6).max(2);
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
    Ok(Frame::of(&chart, x, y, MAP_KEYS))
}
