//! The frame of every chart on Cartesian axes: caption, axis names and ranges ([`Axes`]),
//! the chart they build, the grids of line charts and maps, tick labels, and the frame of a
//! map over a heatmap.

use crate::lessons::Area;
use crate::pen::Brush;
use crate::raster::{fill_plot, Image};
use crate::style::{Scale, GUIDE};
use crate::DrawResult;
use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// The frame every chart on Cartesian axes shares (a line chart, a contour map, a class
/// map): caption, axis names and ranges.
#[derive(Clone, Debug, Default)]
pub struct Axes {
    /// Caption.
    pub title: String,
    /// Horizontal and vertical axis names.
    pub desc: (String, String),
    /// Horizontal range.
    pub x: (f64, f64),
    /// Vertical range.
    pub y: (f64, f64),
}

impl Axes {
    /// Axes captioned `title`, the horizontal one named `desc.0` and spanning `x`, the
    /// vertical one named `desc.1` and spanning `y`.
    pub fn new(
        title: impl Into<String>,
        desc: (impl Into<String>, impl Into<String>),
        x: (f64, f64),
        y: (f64, f64),
    ) -> Axes {
        Axes {
            title: title.into(),
            desc: (desc.0.into(), desc.1.into()),
            x,
            y,
        }
    }

    /// The chart of these axes on `area` (see [`axes`]); the caller draws its mesh.
    pub fn chart<'a, DB: DrawingBackend>(
        &self,
        area: &'a Area<DB>,
        s: Scale,
    ) -> DrawResult<Cartesian<'a, DB>> {
        axes(area, &self.title, self.x, self.y, s)
    }
}

/// A tick label with as many decimals as the axis span needs.
pub fn tick(v: f64, span: f64) -> String {
    let digits = if span < 0.1 {
        3
    } else if span < 2.5 {
        2
    } else if span < 25.0 {
        1
    } else {
        0
    };
    ninestep_core::fmt_num(v, digits)
}

/// A Cartesian chart on `area`.
pub(crate) type Cartesian<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The Cartesian frame every line chart and contour map shares: caption, margins and
/// label areas sized by the chart's scale.
pub fn axes<'a, DB: DrawingBackend>(
    area: &'a Area<DB>,
    title: &str,
    x: (f64, f64),
    y: (f64, f64),
    s: Scale,
) -> DrawResult<Cartesian<'a, DB>> {
    axes_sized(area, title, (x, y), 52.0, s)
}

/// [`axes`] with a y-label area `y_labels` pixels wide (before scaling), for tick labels
/// narrower or wider than the usual.
pub fn axes_sized<'a, DB: DrawingBackend>(
    area: &'a Area<DB>,
    title: &str,
    (x, y): ((f64, f64), (f64, f64)),
    y_labels: f64,
    s: Scale,
) -> DrawResult<Cartesian<'a, DB>> {
    ChartBuilder::on(area)
        .caption(title, s.font(16.0))
        .margin(s.px(10.0))
        .x_label_area_size(s.px(38.0))
        .y_label_area_size(s.px(y_labels))
        .build_cartesian_2d(x.0..x.1, y.0..y.1)
        .map_err(|e| e.to_string())
}

/// The grid every line chart shares: faint grid lines, 12-pixel tick labels and 13-pixel
/// axis names (scaled). The caller adds the axis names, label counts and formatters, then
/// draws it.
pub fn mesh<'a, 'b, DB, X, Y>(
    chart: &'b mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    s: Scale,
) -> MeshStyle<'a, 'b, X, Y, DB>
where
    DB: DrawingBackend,
    X: Ranged + ValueFormatter<X::ValueType>,
    Y: Ranged + ValueFormatter<Y::ValueType>,
{
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(RGBColor(238, 238, 242))
        .label_style(s.font(12.0))
        .axis_desc_style(s.font(13.0));
    mesh
}

/// The grid of a line chart: [`mesh`] with guide lines at the labels, the axes named `desc`
/// and `labels` tick labels along each axis. The caller adds the formatters, then draws it.
pub fn grid<'a, 'b, DB: DrawingBackend>(
    chart: &'b mut Cartesian<'a, DB>,
    desc: (impl Into<String>, impl Into<String>),
    labels: (usize, usize),
    s: Scale,
) -> MeshStyle<'a, 'b, RangedCoordf64, RangedCoordf64, DB> {
    let mut mesh = mesh(chart, s);
    mesh.bold_line_style(GUIDE)
        .x_desc(desc.0)
        .y_desc(desc.1)
        .x_labels(labels.0)
        .y_labels(labels.1);
    mesh
}

/// The frame of a map drawn over a heatmap (a contour, a class region): no grid lines,
/// the axes named `desc`, tick labels of `size` reference pixels and axis names one pixel
/// larger (scaled). The caller adds label counts and formatters, then draws it.
pub fn map_mesh<'a, 'b, DB: DrawingBackend>(
    chart: &'b mut Cartesian<'a, DB>,
    desc: (&str, &str),
    size: f64,
    s: Scale,
) -> MeshStyle<'a, 'b, RangedCoordf64, RangedCoordf64, DB> {
    let mut mesh = chart.configure_mesh();
    mesh.disable_mesh()
        .x_desc(desc.0)
        .y_desc(desc.1)
        .label_style(s.font(size))
        .axis_desc_style(s.font(size + 1.0));
    mesh
}

/// The frame of a map on `area`: `axes`' chart with `heatmap` painted over its plotting
/// area through `brush`'s raster, under the [`map_mesh`] (12-pixel tick labels, `labels`
/// of them per axis when given). The caller draws the map's lines and points on it.
pub fn map_frame<'a, DB: DrawingBackend>(
    area: &'a Area<DB>,
    axes: &Axes,
    heatmap: Image<'_>,
    labels: Option<usize>,
    brush: &mut Brush,
) -> DrawResult<Cartesian<'a, DB>> {
    let s = brush.pen.s;
    let mut chart = axes.chart(area, s)?;
    fill_plot(brush.raster, &chart, heatmap)?;
    let mut mesh = map_mesh(&mut chart, (&axes.desc.0, &axes.desc.1), 12.0, s);
    if let Some(n) = labels {
        mesh.x_labels(n).y_labels(n);
    }
    mesh.draw().map_err(|e| e.to_string())?;
    Ok(chart)
}
