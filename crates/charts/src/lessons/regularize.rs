//! Chart of step 7's regularisation lesson (ch16): the fit over the 25 training points, the
//! losses per epoch with and without the penalty (early stopping's best epoch marked), and
//! where the 544 weights lie on a log scale, against the thresholds of the book's table.

use super::fit::fit_chart;
use super::Area;
use crate::pen::{Drawn, Pen};
use crate::plot::{dashed, padded, plot, Axes, Marker, Plot, Series};
use crate::style::{mix, tr, BLUE, PURPLE, RED};
use crate::DrawResult;
use ninestep_core::dataset::overfit::CH16_PI;
use ninestep_core::fmt_num;
use ninestep_core::lesson::step7::overfit_net::{sparsity, Method, WEIGHTS};
use ninestep_core::lesson::step7::regularization::RegularizationLab;
use ninestep_core::nn::ParamRole;
use plotters::prelude::*;

/// Most points a loss curve is drawn with (20000 epochs are thinned to this).
const CURVE_POINTS: usize = 400;
/// The histogram's range of log₁₀|w| and its bin width; smaller |w| (and 0) go in the
/// first bin.
const LOG_RANGE: (f64, f64) = (-8.0, 1.0);
const BIN: f64 = 0.5;

/// Fit (left or top), losses and weights (right or below; stacked on a tall canvas).
fn panels<DB: DrawingBackend>(area: &Area<DB>) -> (Area<DB>, Area<DB>, Area<DB>) {
    super::three_panels(area, (0.40, 0.30), (0.5, 0.5))
}

/// The book's sparsity counts (|w| < 1e-2, "< 1e-5") for the methods its table has.
fn book_counts(m: Method) -> Option<(&'static str, usize, usize)> {
    match m {
        Method::None => Some(("none", 7, 0)),
        Method::L2 => Some(("L2", 204, 196)),
        Method::L1 => Some(("L1", 524, 492)),
        _ => None,
    }
}

/// The regularisation lesson's chart.
pub fn regularization<DB: DrawingBackend>(
    area: &Area<DB>,
    w: &RegularizationLab,
    pen: Pen,
) -> Drawn {
    let Pen { lang, s } = pen;
    let (fit_area, loss_area, weight_area) = panels(area);
    // Side by side the small panels get slightly smaller labels; stacked they are full width.
    let side = if loss_area.dim_in_pixel().0 < area.dim_in_pixel().0 {
        pen.scaled(0.85)
    } else {
        pen
    };
    let xr = (0.0, 2.0 * CH16_PI);
    let xs: Vec<f64> = (0..=200).map(|i| xr.1 * i as f64 / 200.0).collect();
    let model = xs.iter().copied().zip(w.predict(&xs)).collect();
    let r2 = w
        .records()
        .last()
        .map_or(String::new(), |r| fmt_num(r.test_r2, 3));
    let title = if r2.is_empty() {
        tr(lang, "epoch 0 · press Step", "第 0 轮 · 请按单步")
    } else {
        tr(
            lang,
            &format!("epoch {} · test R² = {r2}", w.epochs()),
            &format!("第 {} 轮 · 测试 R² = {r2}", w.epochs()),
        )
    };
    fit_chart(&fit_area, title, xr, (&w.train, &w.test), model, pen)?;
    losses(&loss_area.margin(0, 0, 0, s.px(10.0)), w, side)?;
    weights(&weight_area.margin(0, 0, 0, s.px(10.0)), w, side)?;
    Ok(None)
}

/// log₁₀ of a loss curve, thinned to about [`CURVE_POINTS`] points (the last kept).
fn log_curve(values: &[f32]) -> Vec<(f64, f64)> {
    let every = values.len().div_ceil(CURVE_POINTS).max(1);
    values
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0 || i + 1 == values.len())
        .filter(|(_, &v)| v > 0.0 && v.is_finite())
        .map(|(i, &v)| ((i + 1) as f64, (v as f64).log10()))
        .collect()
}

fn losses<DB: DrawingBackend>(area: &Area<DB>, w: &RegularizationLab, pen: Pen) -> DrawResult<()> {
    let Pen { lang, s } = pen;
    let h = w.history();
    let mut series = Series::train_test(log_curve(&h.train_loss), log_curve(&h.val_loss), lang);
    if !h.penalty.is_empty() {
        let with: Vec<f32> = h
            .train_loss
            .iter()
            .zip(&h.penalty)
            .map(|(l, p)| l + p)
            .collect();
        series.push(Series::new(
            log_curve(&with),
            PURPLE,
            tr(lang, "train + penalty", "训练 + 惩罚项"),
        ));
    }
    let markers = w
        .best_epoch()
        .and_then(|b| Some((b, *h.val_loss.get(b.checked_sub(1)?)?)))
        .filter(|(_, v)| *v > 0.0)
        .map(|(b, v)| {
            Marker::new(
                (b as f64, (v as f64).log10()),
                RED,
                tr(lang, &format!("best: {b}"), &format!("最佳：{b}")),
            )
        })
        .into_iter()
        .collect();
    let y = padded(
        series
            .iter()
            .flat_map(|c| c.points.iter().map(|p| p.1))
            .chain([-1.0, -3.0]),
    );
    let title = tr(lang, "loss (log₁₀) per epoch", "每轮的损失（log₁₀）");
    plot(
        area,
        &Plot {
            axes: Axes::new(
                title,
                (tr(lang, "epoch", "轮"), ""),
                (0.0, (h.epochs() as f64).max(200.0)), // Headroom for the legend above the curves, and for the marker's label below.
                (y.0 - (y.1 - y.0) * 0.1, y.1 + (y.1 - y.0) * 0.8),
            ),
            series,
            markers,
            ..Plot::default()
        },
        s,
    )?;
    Ok(())
}

/// Histogram of log₁₀|w| over the 544 weights, with the table's thresholds marked.
fn weights<DB: DrawingBackend>(area: &Area<DB>, w: &RegularizationLab, pen: Pen) -> DrawResult<()> {
    let Pen { lang, s } = pen;
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let bins = ((LOG_RANGE.1 - LOG_RANGE.0) / BIN).round() as usize;
    let mut counts = vec![0usize; bins];
    w.network().visit(|_, p| {
        if p.role == ParamRole::Weight {
            for &v in p.value {
                let l = (v.abs() as f64)
                    .log10()
                    .clamp(LOG_RANGE.0, LOG_RANGE.1 - 1e-9);
                counts[((l - LOG_RANGE.0) / BIN) as usize] += 1;
            }
        }
    });
    let top = counts.iter().copied().max().unwrap_or(1).max(10) as f64 * 1.3;
    let c = sparsity(w.network());
    let title = tr(
        lang,
        &format!("{WEIGHTS} weights: {} < 10⁻², {} < 10⁻⁵", c[0], c[2]),
        &format!("{WEIGHTS} 个权重：{} 个 < 10⁻²，{} 个 < 10⁻⁵", c[0], c[2]),
    );
    // The book's counts for this method under the axis, beside ours in the title.
    let x_desc = match book_counts(w.method()) {
        Some((name, small, tiny)) => tr(
            lang,
            &format!("log₁₀|w| · book ({name}): {small}, {tiny}"),
            &format!(
                "log₁₀|w| · 书中（{}）：{small}、{tiny}",
                name.replace("none", "无")
            ),
        ),
        None => "log₁₀|w|".into(),
    };
    let mut chart = crate::plot::axes(area, &title, LOG_RANGE, (0.0, top), s)?;
    crate::plot::mesh(&mut chart, s)
        .x_desc(x_desc)
        .x_labels(10)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_labels(5)
        .y_label_formatter(&|v| format!("{v:.0}"))
        .draw()
        .map_err(e)?;
    chart
        .draw_series(
            counts
                .iter()
                .enumerate()
                .filter(|(_, &n)| n > 0)
                .map(|(i, &n)| {
                    let x0 = LOG_RANGE.0 + i as f64 * BIN;
                    Rectangle::new(
                        [(x0 + 0.04, 0.0), (x0 + BIN - 0.04, n as f64)],
                        mix(BLUE, WHITE, 0.25).filled(),
                    )
                }),
        )
        .map_err(e)?;
    for (at, label) in [(-2.0, "10⁻²"), (-5.0, "10⁻⁵")] {
        chart
            .draw_series(dashed(
                vec![(at, 0.0), (at, top)],
                (5.0, 4.0),
                s,
                RED.stroke_width(1),
            ))
            .map_err(e)?;
        chart
            .draw_series(std::iter::once(Text::new(
                label,
                (at + 0.1, top * 0.97),
                s.font(11.0).color(&RED),
            )))
            .map_err(e)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use ninestep_core::{AnyWidget, Lang, Params};

    fn svg(params: &[(&str, &str)], steps: usize, lang: Lang) -> String {
        let mut p = Params::default();
        for (k, v) in params {
            p.set(k, *v);
        }
        let w = AnyWidget::replay("regularization", &p, steps).expect("replays");
        crate::svg(&w, 800, 500, lang).expect("draws")
    }

    #[test]
    fn the_chart_has_the_fit_the_losses_and_the_weights() {
        let out = svg(&[("method", "l2")], 2, Lang::En);
        // The fit's three legend entries, the three loss curves, the histogram title.
        for label in [
            "training points",
            "test curve",
            "model",
            "train + penalty",
            "test",
        ] {
            assert!(out.contains(label), "no {label}");
        }
        assert!(out.contains("544 weights:"), "no histogram title");
        assert!(out.contains("book (L2): 204, 196"), "no book counts");
        // Curves: the test curve, the model and three loss curves at least.
        assert!(
            out.matches("<polyline").count() >= 5,
            "{}",
            out.matches("<polyline").count()
        );
        // 25 training points.
        assert!(out.matches("<circle").count() >= 25);
        let zh = svg(&[("method", "l2")], 2, Lang::Zh);
        assert!(zh.contains("训练 + 惩罚项") && zh.contains("个权重"));
        assert!(!zh.contains("train + penalty"));
    }

    #[test]
    fn early_stopping_marks_the_best_epoch() {
        let out = svg(&[("method", "early")], 20, Lang::En);
        assert!(out.contains("best: 1381"), "no best-epoch marker");
        assert!(!out.contains("train + penalty"));
        let fresh = svg(&[], 0, Lang::En);
        assert!(fresh.contains("press Step"));
    }
}
