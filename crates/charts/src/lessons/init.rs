//! Step 7, ch15.1: the output histograms of six layers for one initialisation and
//! activation pairing, as the book draws them — one panel per layer, shared axes so the
//! layers can be compared at a glance.

use crate::lessons::Area;
use crate::pen::{Drawn, Pen};
use crate::style::{t, tr, BLUE, RED};
use ninestep_core::fmt_num;
use ninestep_core::lesson::step7::init_hist::{InitHistograms, BINS};
use plotters::prelude::*;

/// Six histograms, three per row on a wide canvas, two per row on a narrow one.
pub fn init_histograms<DB: DrawingBackend>(area: &Area<DB>, w: &InitHistograms, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let (width, height) = area.dim_in_pixel();
    let title = format!(
        "{} — {}",
        tr(lang, "Outputs of each layer", "各层输出的分布"),
        t(&w.label(), lang)
    );
    let body = area.titled(&title, s.font(16.0)).map_err(e)?;
    let cols = if width >= height { 3 } else { 2 };
    let rows = w.layers.len().div_ceil(cols);
    let panels = body.split_evenly((rows, cols));
    let (lo, hi) = w.range();
    let total = w
        .layers
        .first()
        .map_or(1, |l| l.counts.iter().sum::<usize>()) as f64;
    // The same vertical scale for every panel: the tallest bar of any layer.
    let top = w
        .layers
        .iter()
        .flat_map(|l| l.counts.iter())
        .copied()
        .max()
        .unwrap_or(1) as f64
        / total.max(1.0);
    let bin = (hi - lo) / BINS as f64;
    for (k, (panel, layer)) in panels.iter().zip(&w.layers).enumerate() {
        let std = fmt_num(layer.std, 3);
        let caption = tr(
            lang,
            &format!("layer {} · std {std}", k + 1),
            &format!("第 {} 层 · 标准差 {std}", k + 1),
        );
        let mut chart = ChartBuilder::on(panel)
            .caption(caption, s.font(13.0))
            .margin(s.px(6.0))
            .x_label_area_size(s.px(22.0))
            .y_label_area_size(s.px(36.0))
            .build_cartesian_2d(lo..hi, 0.0..top * 1.05)
            .map_err(e)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(3)
            .y_labels(3)
            .label_style(s.font(10.0))
            .draw()
            .map_err(e)?;
        chart
            .draw_series(layer.counts.iter().enumerate().map(|(i, &c)| {
                let x0 = lo + bin * i as f64;
                let share = c as f64 / total.max(1.0);
                // The end bars also hold what lies beyond the range: red when they are
                // the saturated (or far-out) values.
                let color = if (i == 0 || i == BINS - 1) && share > 0.2 {
                    RED
                } else {
                    BLUE
                };
                Rectangle::new([(x0, 0.0), (x0 + bin * 0.92, share)], color.filled())
            }))
            .map_err(e)?;
    }
    Ok(None)
}

#[cfg(test)]
mod tests {

    use ninestep_core::{AnyWidget, Lang, Params};

    #[test]
    fn six_panels_with_bars_in_both_languages() {
        let w = AnyWidget::new("init-histograms", &Params::default()).expect("builds");
        let en = crate::svg(&w, 900, 520, Lang::En).expect("draws");
        for k in 1..=6 {
            assert!(en.contains(&format!("layer {k} ·")), "layer {k}");
        }
        // Normal + sigmoid saturates: the end bars are red.
        assert!(en.contains("#C82828") || en.to_lowercase().contains("#c82828"));
        let zh = crate::svg(&w, 390, 700, Lang::Zh).expect("draws");
        assert!(zh.contains("第 6 层"));
    }
}
