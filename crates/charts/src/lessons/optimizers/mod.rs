//! Charts of ch15.4: the optimizer race on the bowl x²/10 + y² (one coloured path per
//! optimizer, with a legend) and one optimizer's (w, b) path over the ch4 loss contour
//! with the target ellipse J − J* = 0.005.
//!
//! Both draw the contour map with [`crate::contour::contour`] and then the paths on top in pixels, through
//! the map's [`Frame`]; each segment is clipped to the map, so a path that starts off the
//! map (the ch4 run starts at (0, 0)) enters it at the right place.

mod race;
mod wb;

pub use race::race;
pub use wb::wb;

use crate::graph::draw;
use crate::lessons::Area;
use crate::style::{tr, Scale};
use crate::{DrawResult, Frame};
use ninestep_core::lesson::step7::optimizers::NAMES;
use ninestep_core::nn::OptimizerConfig;
use ninestep_core::params::format_value;
use ninestep_core::Lang;
use plotters::prelude::*;

/// One colour per optimizer, in the book's order (SGD … Adam).
pub const COLORS: [RGBColor; 7] = [
    RGBColor(214, 39, 40),  // SGD: red
    RGBColor(255, 127, 14), // Momentum: orange
    RGBColor(140, 86, 75),  // NAG: brown
    RGBColor(44, 160, 44),  // AdaGrad: green
    RGBColor(227, 90, 170), // AdaDelta: pink
    RGBColor(23, 118, 190), // RMSProp: blue
    RGBColor(148, 78, 189), // Adam: purple
];

/// The part of segment a→b inside the rectangle x × y (Liang–Barsky), if any.
pub fn clip_segment(
    a: (f64, f64),
    b: (f64, f64),
    x: (f64, f64),
    y: (f64, f64),
) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - x.0),
        (dx, x.1 - a.0),
        (-dy, a.1 - y.0),
        (dy, y.1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    let at = |t: f64| (a.0 + t * dx, a.1 + t * dy);
    (t0 <= t1).then_some((at(t0), at(t1)))
}

/// The pixel of data point `p` on the map described by `fr`.
pub(crate) fn px(fr: &Frame, p: (f64, f64)) -> (i32, i32) {
    let fx = (p.0 - fr.x.0) / (fr.x.1 - fr.x.0);
    let fy = (p.1 - fr.y.0) / (fr.y.1 - fr.y.0);
    (
        fr.px.0 + (fx * (fr.px.1 - fr.px.0) as f64).round() as i32,
        fr.py.1 - (fy * (fr.py.1 - fr.py.0) as f64).round() as i32,
    )
}

/// Draws `points` as a line with a white halo and a dot at each iterate inside the map,
/// and a larger dot at the last point.
pub(crate) fn draw_path<DB: DrawingBackend>(
    area: &Area<DB>,
    fr: &Frame,
    points: &[(f64, f64)],
    color: RGBColor,
    s: Scale,
) -> DrawResult<()> {
    // Runs of consecutive visible segments become one polyline each.
    let mut runs: Vec<Vec<(i32, i32)>> = Vec::new();
    let mut open = false;
    for w in points.windows(2) {
        match clip_segment(w[0], w[1], fr.x, fr.y) {
            Some((a, b)) => {
                if !open || a != w[0] {
                    runs.push(vec![px(fr, a)]);
                }
                if let Some(run) = runs.last_mut() {
                    run.push(px(fr, b));
                }
                open = b == w[1];
            }
            None => open = false,
        }
    }
    let width = s.px(2.0).max(1) as u32;
    for run in &runs {
        draw(
            area,
            PathElement::new(run.clone(), WHITE.stroke_width(width + 2)),
        )?;
        draw(
            area,
            PathElement::new(run.clone(), color.stroke_width(width)),
        )?;
    }
    let inside =
        |p: &(f64, f64)| (fr.x.0..=fr.x.1).contains(&p.0) && (fr.y.0..=fr.y.1).contains(&p.1);
    for p in points.iter().filter(|p| inside(p)) {
        draw(area, Circle::new(px(fr, *p), s.px(2.5), color.filled()))?;
    }
    if let Some(last) = points.last().filter(|p| inside(p)) {
        draw(area, Circle::new(px(fr, *last), s.px(5.5), color.filled()))?;
        draw(
            area,
            Circle::new(px(fr, *last), s.px(5.5), WHITE.stroke_width(2)),
        )?;
    }
    Ok(())
}

/// The legend text of optimizer `k` at rate `eta`.
pub(crate) fn legend_label(k: usize, eta: f64, lang: Lang) -> String {
    if OptimizerConfig::ALL[k].ignores_learning_rate() {
        tr(lang, "AdaDelta (no η)", "AdaDelta（无 η）")
    } else {
        format!("{} η {}", NAMES[k], format_value(eta))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style::RED;
    use ninestep_core::{AnyWidget, Params};

    fn svg_of(name: &str, settings: &[(&str, &str)], steps: usize, lang: Lang) -> String {
        let mut p = Params::default();
        for (k, v) in settings {
            p.set(k, *v);
        }
        let w = AnyWidget::replay(name, &p, steps).expect("valid settings");
        crate::svg(&w, 640, 400, lang).expect("draws")
    }

    fn stroke(c: RGBColor) -> String {
        format!("stroke=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2)
    }

    #[test]
    fn the_race_draws_seven_paths_with_a_legend() {
        let svg = svg_of("optimizer-race", &[], 5, Lang::En);
        // Each racer's colour strokes its path and its legend line.
        for c in COLORS {
            assert!(svg.matches(&stroke(c)).count() >= 2, "{c:?}");
        }
        for legend in [
            "SGD η 0.95",
            "Momentum η 0.1",
            "NAG η 0.1",
            "AdaGrad η 1",
            "AdaDelta (no η)",
            "RMSProp η 0.5",
            "Adam η 0.5",
        ] {
            assert!(svg.contains(legend), "{legend}");
        }
        assert!(svg.contains("step 5"));
        let zh = svg_of("optimizer-race", &[], 5, Lang::Zh);
        assert!(zh.contains("第 5 步") && zh.contains("AdaDelta（无 η）"));
        // One racer shown: one colour, one legend entry.
        let one = svg_of("optimizer-race", &[("show", "only-adam")], 5, Lang::En);
        assert!(one.contains(&stroke(COLORS[6])) && !one.contains(&stroke(COLORS[0])));
        assert!(!one.contains("SGD η"));
    }

    #[test]
    fn the_wb_chart_shows_the_path_target_and_least_squares() {
        let svg = svg_of("optimizer-wb", &[("optimizer", "momentum")], 10, Lang::En);
        assert!(svg.contains(&stroke(COLORS[1])));
        assert!(svg.contains(&stroke(RED)), "the target ellipse");
        assert!(svg.contains("J − J* = 0.005") && svg.contains("least squares"));
        assert!(svg.contains("Momentum η 0.05, iteration 10"));
        let zh = svg_of("optimizer-wb", &[], 3, Lang::Zh);
        assert!(zh.contains("最小二乘") && zh.contains("第 3 次迭代"));
    }

    #[test]
    fn segments_are_clipped_to_the_map() {
        let (x, y) = ((1.0, 3.0), (2.0, 4.0));
        // From (0, 0) to (2, 3), i.e. (2t, 3t): at w = 1 the line is still below the map
        // (b = 1.5), so it enters through the bottom edge b = 2, at t = 2/3, w = 4/3.
        let (a, b) = clip_segment((0.0, 0.0), (2.0, 3.0), x, y).unwrap();
        assert!((a.0 - 4.0 / 3.0).abs() < 1e-12 && (a.1 - 2.0).abs() < 1e-12);
        assert_eq!(b, (2.0, 3.0));
        // Wholly outside, and wholly inside.
        assert_eq!(clip_segment((0.0, 0.0), (0.5, 5.0), x, y), None);
        let inner = ((1.5, 2.5), (2.5, 3.5));
        assert_eq!(clip_segment(inner.0, inner.1, x, y), Some(inner));
    }
}
