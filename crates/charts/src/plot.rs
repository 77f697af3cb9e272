//! A line chart of functions and paths on Cartesian axes: the workhorse for parabolas,
//! loss curves and activation functions.

pub use crate::axes::{axes, axes_sized, grid, map_frame, map_mesh, mesh, tick, Axes};

use crate::axes::Cartesian;
use crate::lessons::Area;
use crate::style::{tr, Scale, BLUE, GUIDE, INK, ORANGE};
use crate::{DrawResult, Frame};
use ninestep_core::Lang;
use plotters::coord::CoordTranslate;
use plotters::prelude::*;

/// A curve to draw.
#[derive(Clone, Debug)]
pub struct Series {
    /// Points in data coordinates.
    pub points: Vec<(f64, f64)>,
    /// Colour.
    pub color: RGBColor,
    /// Legend text (empty: no legend entry).
    pub label: String,
}

impl Series {
    /// The curve through `points` in `color`, with the legend text `label`.
    pub fn new(points: Vec<(f64, f64)>, color: RGBColor, label: impl Into<String>) -> Series {
        Series {
            points,
            color,
            label: label.into(),
        }
    }

    /// The curve through `points` in `color`, without a legend entry.
    pub fn plain(points: Vec<(f64, f64)>, color: RGBColor) -> Series {
        Series::new(points, color, String::new())
    }

    /// The usual pair of a training run: the training curve in blue, the test curve in
    /// orange, labelled "train" and "test".
    pub fn train_test(train: Vec<(f64, f64)>, test: Vec<(f64, f64)>, lang: Lang) -> Vec<Series> {
        vec![
            Series::new(train, BLUE, tr(lang, "train", "训练")),
            Series::new(test, ORANGE, tr(lang, "test", "测试")),
        ]
    }
}

/// A point to mark, with a short label beside it.
#[derive(Clone, Debug)]
pub struct Marker {
    /// Position in data coordinates.
    pub at: (f64, f64),
    /// Colour.
    pub color: RGBColor,
    /// Label (may be empty).
    pub label: String,
}

impl Marker {
    /// The point `at` in `color`, labelled `label`.
    pub fn new(at: (f64, f64), color: RGBColor, label: impl Into<String>) -> Marker {
        Marker {
            at,
            color,
            label: label.into(),
        }
    }

    /// The point `at` in `color`, without a label.
    pub fn dot(at: (f64, f64), color: RGBColor) -> Marker {
        Marker::new(at, color, String::new())
    }
}

/// Everything a line chart shows.
#[derive(Clone, Debug, Default)]
pub struct Plot {
    /// Caption, axis names and ranges.
    pub axes: Axes,
    /// Curves.
    pub series: Vec<Series>,
    /// An iteration path drawn as joined dots.
    pub path: Option<(Vec<(f64, f64)>, RGBColor)>,
    /// Marked points.
    pub markers: Vec<Marker>,
    /// Horizontal guide lines (y, colour, label).
    pub hlines: Vec<(f64, RGBColor, String)>,
    /// Settings a click on the chart sets (x key, y key).
    pub click: Option<(&'static str, &'static str)>,
    /// Label the horizontal axis with whole numbers only (iteration counts).
    pub integer_x: bool,
}

/// Samples `f` at `n` points across `range`, dropping non-finite values.
pub fn sample(f: impl Fn(f64) -> f64, range: (f64, f64), n: usize) -> Vec<(f64, f64)> {
    (0..=n)
        .map(|i| range.0 + (range.1 - range.0) * i as f64 / n as f64)
        .map(|x| (x, f(x)))
        .filter(|(_, y)| y.is_finite())
        .collect()
}

/// Range of `values` padded by 8 % (and never empty).
pub fn padded(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.into_iter().filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    if hi - lo < 1e-9 {
        return (lo - 0.5, hi + 0.5);
    }
    let pad = (hi - lo) * 0.08;
    (lo - pad, hi + pad)
}

/// The point `p` moved into the box `x` × `y` (onto its nearest edge when outside).
pub fn clip(p: (f64, f64), x: (f64, f64), y: (f64, f64)) -> (f64, f64) {
    (p.0.clamp(x.0, x.1), p.1.clamp(y.0, y.1))
}

/// A dashed line through `points`: dashes of `dash` and gaps of `gap` reference pixels.
pub fn dashed<I: IntoIterator<Item = (f64, f64)>>(
    points: I,
    (dash, gap): (f64, f64),
    s: Scale,
    style: ShapeStyle,
) -> DashedLineSeries<I::IntoIter, u32>
where
    I::IntoIter: Clone,
{
    DashedLineSeries::new(points, s.px(dash) as u32, s.px(gap) as u32, style)
}

/// The legend sample of a series: a line 18 pixels long in `color`, `width` pixels wide.
pub fn swatch(color: RGBColor, width: u32) -> impl Fn((i32, i32)) -> PathElement<(i32, i32)> {
    move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(width))
}

/// Draws the legend of `chart`'s labelled series at `position`: text of `size` reference
/// pixels on a pale box with a grey border.
pub fn legend<'a, DB: DrawingBackend + 'a, CT: CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
    size: f64,
    s: Scale,
) -> DrawResult<()> {
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.85))
        .border_style(GUIDE)
        .label_font(s.font(size))
        .position(position)
        .draw()
        .map_err(|e| e.to_string())
}

/// How a chart draws its [`Marker`]s, sizes in reference pixels.
#[derive(Clone, Copy, Debug)]
pub struct MarkerLook {
    /// Radius of the dot (filled in the marker's colour).
    pub radius: f64,
    /// Colour and width of the ring around the dot.
    pub ring: (RGBColor, u32),
    /// How far right of the dot the label starts, as a share of the horizontal span.
    pub dx: f64,
    /// Size of the label's text.
    pub size: f64,
    /// Colour of the label's text; `None`: the marker's own.
    pub color: Option<RGBColor>,
}

/// The markers of a line chart: an ink-ringed dot, the label in the marker's colour.
const PLOT_MARKERS: MarkerLook = MarkerLook {
    radius: 6.0,
    ring: (INK, 1),
    dx: 0.02,
    size: 12.0,
    color: None,
};

/// Draws `markers` on `chart` as `look` says, each moved into the ranges `x` × `y`.
pub fn marks<DB: DrawingBackend>(
    chart: &mut Cartesian<'_, DB>,
    (x, y): ((f64, f64), (f64, f64)),
    markers: &[Marker],
    look: &MarkerLook,
    s: Scale,
) -> DrawResult<()> {
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let (r, ring) = (s.px(look.radius), look.ring.0.stroke_width(look.ring.1));
    for m in markers {
        let at = clip(m.at, x, y);
        chart
            .draw_series([
                Circle::new(at, r, m.color.filled()),
                Circle::new(at, r, ring),
            ])
            .map_err(e)?;
        if !m.label.is_empty() {
            let ink = look.color.unwrap_or(m.color);
            let font = s.font(look.size).color(&ink);
            let label = Text::new(m.label.clone(), (at.0 + (x.1 - x.0) * look.dx, at.1), font);
            chart.draw_series([label]).map_err(e)?;
        }
    }
    Ok(())
}

/// Draws `plot` on `area`.
pub fn plot<DB: DrawingBackend>(
    area: &Area<DB>,
    plot: &Plot,
    s: Scale,
) -> DrawResult<Option<Frame>> {
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let (x, y) = (plot.axes.x, plot.axes.y);
    let mut chart = plot.axes.chart(area, s)?;
    // As many y labels as fit the plotting area's height (a small panel gets fewer, so its
    // labels never stack on each other), at most 6.
    let y_labels = (chart.plotting_area().dim_in_pixel().1 as i32 / s.px(18.0).max(1)).clamp(2, 6);
    let x_labels = if plot.integer_x {
        ((x.1 - x.0).ceil() as usize + 1).clamp(2, 11)
    } else {
        7
    };
    let desc = (&plot.axes.desc.0, &plot.axes.desc.1);
    grid(&mut chart, desc, (x_labels, y_labels as usize), s)
        .x_label_formatter(&|v| {
            if plot.integer_x {
                format!("{v:.0}")
            } else {
                tick(*v, x.1 - x.0)
            }
        })
        .y_label_formatter(&|v| tick(*v, y.1 - y.0))
        .draw()
        .map_err(e)?;
    let width = s.px(2.5).max(1) as u32;
    for (yv, color, text) in &plot.hlines {
        chart
            .draw_series(dashed(
                vec![(x.0, *yv), (x.1, *yv)],
                (6.0, 4.0),
                s,
                color.stroke_width(width / 2 + 1),
            ))
            .map_err(e)?;
        if !text.is_empty() {
            chart
                .draw_series(std::iter::once(Text::new(
                    text.clone(),
                    (x.0 + (x.1 - x.0) * 0.02, *yv),
                    s.font(12.0).color(color),
                )))
                .map_err(e)?;
        }
    }
    let mut labelled = false;
    for series in &plot.series {
        let pts: Vec<(f64, f64)> = series
            .points
            .iter()
            .filter(|p| p.1 >= y.0 - (y.1 - y.0) && p.1 <= y.1 + (y.1 - y.0))
            .copied()
            .collect();
        let color = series.color;
        // A lone point (a curve at epoch 0) draws no line: mark it with a dot.
        if let [only] = pts.as_slice() {
            chart
                .draw_series(std::iter::once(Circle::new(
                    *only,
                    (width * 3 / 2).max(3),
                    color.filled(),
                )))
                .map_err(e)?;
        }
        let drawn = chart
            .draw_series(LineSeries::new(pts, color.stroke_width(width)))
            .map_err(e)?;
        if !series.label.is_empty() {
            labelled = true;
            drawn.label(series.label.clone()).legend(swatch(color, 3));
        }
    }
    if let Some((path, color)) = &plot.path {
        let pts: Vec<(f64, f64)> = path.iter().map(|p| clip(*p, x, y)).collect();
        chart
            .draw_series(LineSeries::new(
                pts.clone(),
                color.stroke_width(s.px(1.5).max(1) as u32),
            ))
            .map_err(e)?;
        let n = pts.len();
        chart
            .draw_series(pts.iter().enumerate().map(|(i, p)| {
                let r = if i + 1 == n { s.px(6.0) } else { s.px(4.0) };
                Circle::new(*p, r, color.filled())
            }))
            .map_err(e)?;
    }
    marks(&mut chart, (x, y), &plot.markers, &PLOT_MARKERS, s)?;
    if labelled {
        legend(&mut chart, SeriesLabelPosition::UpperRight, 12.0, s)?;
    }
    Ok(plot.click.map(|keys| Frame::of(&chart, x, y, keys)))
}
