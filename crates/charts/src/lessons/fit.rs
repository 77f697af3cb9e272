//! Charts of step 4 (ch8–ch9): an activation function with its derivative, the 1-n-1
//! network's fit with the sigmoid pieces it is made of, and the polynomial fit.

use crate::lessons::Area;
use crate::pen::{Drawn, Pen};
use crate::plot::{legend, padded, plot, sample, swatch, Axes, Marker, Plot, Series};
use crate::style::{mix, tr, BLUE, GREEN, GUIDE, INK, ORANGE, PURPLE, RED};
use crate::DrawResult;
use ninestep_core::fmt_num;
use ninestep_core::lesson::activations::Activations;
use ninestep_core::lesson::curve_fit::{grid, CurveFit};
use ninestep_core::lesson::poly_fit::PolyFit;
use plotters::prelude::*;

/// f(z) and f′(z) on the book's range, with the point z marked on both.
pub fn activations<DB: DrawingBackend>(area: &Area<DB>, w: &Activations, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let range = w.range();
    let f = sample(|z| w.f(z), range, 400);
    let df = sample(|z| w.df(z), range, 400);
    let y = padded(f.iter().chain(&df).map(|p| p.1).chain([0.0, 1.0]));
    // Headroom for the legend in the upper right corner.
    let y = (y.0, y.1 + (y.1 - y.0) * 0.2);
    // Near the right edge a value label would run off the chart; the readouts show it.
    let label = |v: f64| {
        if w.z < range.1 - 0.15 * (range.1 - range.0) {
            fmt_num(v, 3)
        } else {
            String::new()
        }
    };
    let title = tr(
        lang,
        &format!("{} and its derivative", w.name()),
        &format!("{} 及其导数", w.name()),
    );
    plot(
        area,
        &Plot {
            axes: Axes::new(title, ("z", ""), range, y),
            series: vec![
                Series::new(f, BLUE, "f(z)"),
                Series::new(df, ORANGE, "f′(z)"),
            ],
            markers: vec![
                Marker::new((w.z, w.f(w.z)), BLUE, label(w.f(w.z))),
                Marker::new((w.z, w.df(w.z)), ORANGE, label(w.df(w.z))),
            ],
            hlines: vec![(0.0, GUIDE, String::new())],
            click: Some(("z", "")),
            ..Plot::default()
        },
        s,
    )
}

/// Splits a curve into the runs that stay inside the vertical range `y`, so curves that
/// leave the chart are cut at its edge instead of being drawn over the axes.
fn runs(points: &[(f64, f64)], y: (f64, f64)) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for &p in points {
        if p.1.is_finite() && p.1 >= y.0 && p.1 <= y.1 {
            if let Some(last) = out.last_mut() {
                last.push(p);
            }
        } else if out.last().is_some_and(|r| !r.is_empty()) {
            out.push(Vec::new());
        }
    }
    out.retain(|r| r.len() > 1);
    out
}

/// Points of a curve or a sample, in data coordinates.
type Points<'a> = &'a [(f64, f64)];

/// The data (training points and the clean test curve) and a model on x ∈ `xr`.
pub(crate) fn fit_chart<DB: DrawingBackend>(
    area: &Area<DB>,
    title: String,
    xr: (f64, f64),
    (train, test): (Points, Points),
    model: Vec<(f64, f64)>,
    pen: Pen,
) -> DrawResult<()> {
    let Pen { lang, s } = pen;
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let y = padded(train.iter().chain(test).map(|p| p.1));
    let y = (y.0, y.1 + (y.1 - y.0) * 0.25); // room for the legend
    let mut chart = crate::plot::axes(area, &title, xr, y, s)?;
    crate::plot::mesh(&mut chart, s)
        .x_desc("x")
        .y_desc("y")
        .draw()
        .map_err(e)?;
    // Hundreds of points are drawn small and pale; a handful (ch16's 25) large and dark.
    let (r, pale) = if train.len() < 100 {
        (s.px(3.5).max(2), 0.2)
    } else {
        (s.px(2.0).max(1), 0.6)
    };
    chart
        .draw_series(
            train
                .iter()
                .map(|&p| Circle::new(p, r, mix(BLUE, WHITE, pale).filled())),
        )
        .map_err(e)?
        .label(tr(lang, "training points", "训练样本"))
        .legend(move |(lx, ly)| Circle::new((lx + 9, ly), 3, mix(BLUE, WHITE, 0.4).filled()));
    let c = GREEN;
    chart
        .draw_series(LineSeries::new(
            test.iter().copied(),
            c.stroke_width(s.px(2.0).max(1) as u32),
        ))
        .map_err(e)?
        .label(tr(lang, "test curve", "测试曲线"))
        .legend(swatch(c, 2));
    for (i, run) in runs(&model, y).into_iter().enumerate() {
        let drawn = chart
            .draw_series(LineSeries::new(
                run,
                RED.stroke_width(s.px(3.0).max(1) as u32),
            ))
            .map_err(e)?;
        if i == 0 {
            drawn
                .label(tr(lang, "model", "模型"))
                .legend(swatch(RED, 3));
        }
    }
    legend(&mut chart, SeriesLabelPosition::UpperLeft, 11.0, s)
}

/// Left: the data, the test curve, the network's fit and each unit's piece w2ᵢ·σ(w1ᵢx + b1ᵢ).
/// Right: the hidden activations σ(w1ᵢx + b1ᵢ) and the loss history.
pub fn curve_fit<DB: DrawingBackend>(area: &Area<DB>, w: &CurveFit, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let (width, height) = area.dim_in_pixel();
    let (left, right) = area.split_horizontally((width as f64 * 0.6) as u32);
    // A right margin keeps the last tick label of the side panels inside the canvas.
    let right = right.margin(0, 0, 0, s.px(14.0));
    let (top, bottom) = right.split_vertically(height / 2);
    let xs = grid();
    let model: Vec<(f64, f64)> = xs.iter().copied().zip(w.predict(&xs)).collect();
    let (units, b2) = w.units();
    let colors = [ORANGE, PURPLE, BLUE, INK];
    let title = tr(
        lang,
        &format!(
            "{} units · epoch {} · test R² = {}",
            w.hidden(),
            w.epochs(),
            fmt_num(w.test_r2(), 3)
        ),
        &format!(
            "{} 个神经元 · 第 {} 轮 · 测试 R² = {}",
            w.hidden(),
            w.epochs(),
            fmt_num(w.test_r2(), 3)
        ),
    );
    fit_chart(&left, title, (0.0, 1.0), (&w.train, &w.test), model, pen)?;
    // ch9.6: the fit is b2 plus one weighted sigmoid step per hidden unit.
    let pieces: Vec<Series> = units
        .iter()
        .enumerate()
        .map(|(i, &u)| {
            Series::plain(
                sample(|x| CurveFit::piece(u, x), (0.0, 1.0), 100),
                colors[i % colors.len()],
            )
        })
        .collect();
    let y = padded(
        pieces
            .iter()
            .flat_map(|p| p.points.iter().map(|q| q.1))
            .chain([0.0, b2]),
    );
    let title = tr(
        lang,
        &format!("pieces w2ᵢ·aᵢ, b2 = {}", fmt_num(b2, 2)),
        &format!("分量 w2ᵢ·aᵢ，b2 = {}", fmt_num(b2, 2)),
    );
    plot(
        &top,
        &Plot {
            axes: Axes::new(title, ("x", ""), (0.0, 1.0), y),
            series: pieces,
            hlines: vec![(b2, RED, String::new())],
            ..Plot::default()
        },
        s,
    )?;
    let log = |v: f64| (v > 0.0 && v.is_finite()).then(|| v.log10());
    let curve = |f: fn(&ninestep_core::lesson::curve_fit::FitRecord) -> f64| -> Vec<(f64, f64)> {
        w.records()
            .iter()
            .filter_map(|r| log(f(r)).map(|v| (r.epoch as f64, v)))
            .collect()
    };
    let (train, val) = (curve(|r| r.train_loss), curve(|r| r.val_loss));
    let last = w.epochs().max(100) as f64;
    let title = tr(lang, "loss (log₁₀)", "损失（log₁₀）");
    plot(
        &bottom,
        &Plot {
            axes: Axes::new(
                title,
                (tr(lang, "epoch", "轮"), ""),
                (0.0, last),
                padded(train.iter().chain(&val).map(|p| p.1).chain([-1.0, -3.0])),
            ),
            series: vec![
                Series::new(train, BLUE, tr(lang, "train", "训练")),
                Series::new(val, ORANGE, tr(lang, "validation", "验证")),
            ],
            ..Plot::default()
        },
        s,
    )?;
    Ok(None)
}

/// The data, the test curve and the least-squares polynomial.
pub fn poly_fit<DB: DrawingBackend>(area: &Area<DB>, w: &PolyFit, pen: Pen) -> Drawn {
    let lang = pen.lang;
    let model = sample(|x| w.at(x), (0.0, 1.0), 300);
    let title = tr(
        lang,
        &format!(
            "degree {} · train J = {} · test R² = {}",
            w.degree,
            fmt_num(w.train_loss(), 4),
            fmt_num(w.test_r2(), 3)
        ),
        &format!(
            "{} 次 · 训练 J = {} · 测试 R² = {}",
            w.degree,
            fmt_num(w.train_loss(), 4),
            fmt_num(w.test_r2(), 3)
        ),
    );
    fit_chart(area, title, (0.0, 1.0), (&w.train, &w.test), model, pen)?;
    Ok(None)
}
