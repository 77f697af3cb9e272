//! Chart of ch19.4/19.6's forecast: the test series with the forecast rolled h hours ahead
//! (top), and the "accuracy" (R²) per horizon, ours beside the book's table (bottom).

use crate::lessons::Area;
use crate::pen::{Drawn, Pen};
use crate::plot::{padded, plot, Axes, Marker, Plot, Series};
use crate::style::{tr, BLUE, GREEN, INK, ORANGE};
use ninestep_core::fmt_num;
use ninestep_core::lesson::step9::forecast::{Forecast, HORIZONS};
use plotters::prelude::*;

/// Hours of the test part drawn (two weeks), so the daily cycle stays readable.
pub const SHOWN_HOURS: usize = 336;

/// The test series and the forecast (top); accuracy against the horizon (bottom).
pub fn forecast<DB: DrawingBackend>(area: &Area<DB>, w: &Forecast, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let (_, ht) = area.dim_in_pixel();
    let (a, b) = area.split_vertically(ht * 3 / 5);
    let pts = |v: &[f32]| -> Vec<(f64, f64)> {
        v.iter()
            .take(SHOWN_HOURS)
            .enumerate()
            .map(|(i, &v)| (i as f64, v as f64))
            .collect()
    };
    let target = pts(w.test_target());
    let (h, fc) = w
        .chosen()
        .map_or((w.horizon(), Vec::new()), |c| (c.horizon, pts(&c.forecast)));
    let acc = w.chosen().map_or(0.0, |c| c.accuracy);
    let span = target.len().max(2) as f64 - 1.0;
    let title = tr(
        lang,
        &format!(
            "Test weeks: the series and the forecast {h} h ahead (accuracy {})",
            fmt_num(acc, 4)
        ),
        &format!(
            "测试周：序列与提前 {h} 小时的预测（准确率 {}）",
            fmt_num(acc, 4)
        ),
    );
    plot(
        &a,
        &Plot {
            axes: Axes::new(
                title,
                (
                    tr(lang, "hour of the test part", "测试部分的小时"),
                    tr(lang, "scaled value", "缩放后的值"),
                ),
                (0.0, span),
                padded(target.iter().chain(&fc).map(|p| p.1)),
            ),
            series: vec![
                Series::new(target, GREEN, tr(lang, "measured", "实测")),
                Series::new(
                    fc,
                    ORANGE,
                    tr(lang, &format!("forecast {h} h"), &format!("预测 {h} 小时")),
                ),
            ],
            integer_x: true,
            ..Plot::default()
        },
        s,
    )?;
    let by_h = |f: &dyn Fn(usize) -> f64| -> Vec<(f64, f64)> {
        let mut v: Vec<(f64, f64)> = (0..HORIZONS.len())
            .map(|i| (HORIZONS[i] as f64, f(i)))
            .collect();
        v.reverse();
        v
    };
    let scores = w.scores();
    let book = w.book();
    let ours = by_h(&|i| scores.get(i).map_or(0.0, |s| s.accuracy));
    let theirs = by_h(&|i| book[i].1);
    let lo = ours
        .iter()
        .chain(&theirs)
        .map(|p| p.1)
        .fold(1.0f64, f64::min)
        .max(-1.0);
    let markers = ours
        .iter()
        .filter(|p| p.0 == h as f64)
        .map(|&at| Marker::new(at, INK, fmt_num(at.1, 3)))
        .collect();
    let title = tr(
        lang,
        "Accuracy (R²) by horizon: ours and the book's table",
        "各预测时长的准确率（R²）：我们的与书中表格",
    );
    plot(
        &b,
        &Plot {
            axes: Axes::new(
                title,
                (tr(lang, "hours ahead", "提前小时数"), "R²"),
                (0.5, 8.5),
                ((lo - 0.05).min(0.6), 1.0),
            ),
            series: vec![
                Series::new(ours, BLUE, tr(lang, "ours", "我们的")),
                Series::new(theirs, ORANGE, tr(lang, "book (PM2.5)", "书中（PM2.5）")),
            ],
            markers,
            integer_x: true,
            ..Plot::default()
        },
        s,
    )?;
    Ok(None)
}
