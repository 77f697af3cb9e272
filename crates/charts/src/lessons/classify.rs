//! Charts of ch6–ch7 (step 3): points of two or three classes over a coarse map of what
//! the model predicts, with its decision lines, beside the loss and accuracy curves.

use crate::lessons::Area;
use crate::pen::{Brush, Drawn, Pen};
use crate::plot::{dashed, map_frame, plot, Axes, Marker, Plot, Series};
use crate::raster::{image, Image};
use crate::style::{mix, tr, BLUE, GREEN, GUIDE, INK, ORANGE, RED};
use crate::DrawResult;
use ninestep_core::fmt_num;
use ninestep_core::lesson::logistic::{self, Logistic};
use ninestep_core::lesson::softmax::{self, argmax, Softmax};
use ninestep_core::lesson::step3::epochs::Record;
use plotters::prelude::*;

/// Cells per side of the background map.
pub const CELLS: usize = 48;

/// Class colours: binary sets use the first two (0 = orange, 1 = blue), ch7 all three.
pub(crate) const CLASS: [RGBColor; 3] = [ORANGE, BLUE, GREEN];

/// A line a·x + b·y + c = 0 cut to the box x × y: its two crossing points with the edges.
pub fn line_in_box(
    (a, b, c): (f64, f64, f64),
    x: (f64, f64),
    y: (f64, f64),
) -> Option<[(f64, f64); 2]> {
    if !(a.is_finite() && b.is_finite() && c.is_finite()) || a.abs() + b.abs() < 1e-12 {
        return None;
    }
    let mut hits: Vec<(f64, f64)> = Vec::new();
    let eps = 1e-9 * ((x.1 - x.0) + (y.1 - y.0));
    if b.abs() > 1e-12 {
        for xe in [x.0, x.1] {
            let ye = -(a * xe + c) / b;
            if ye >= y.0 - eps && ye <= y.1 + eps {
                hits.push((xe, ye));
            }
        }
    }
    if a.abs() > 1e-12 {
        for ye in [y.0, y.1] {
            let xe = -(b * ye + c) / a;
            if xe >= x.0 - eps && xe <= x.1 + eps {
                hits.push((xe, ye));
            }
        }
    }
    let first = *hits.first()?;
    let far = hits.iter().copied().max_by(|p, q| {
        let d = |r: &(f64, f64)| (r.0 - first.0).powi(2) + (r.1 - first.1).powi(2);
        d(p).total_cmp(&d(q))
    })?;
    (far != first).then_some([first, far])
}

/// What the map panel shows.
pub(crate) struct Map<'a> {
    /// Caption, axis names and ranges.
    pub(crate) axes: Axes,
    /// Background colour at a point.
    pub(crate) cell: &'a dyn Fn(f64, f64) -> RGBColor,
    /// (point, class).
    pub(crate) points: Vec<((f64, f64), usize)>,
    /// Lines a·x + b·y + c = 0, dashed when the flag is set.
    pub(crate) lines: Vec<((f64, f64, f64), RGBColor, bool)>,
    /// Query points with a label.
    pub(crate) queries: Vec<Marker>,
    /// Radius of the data points, in reference pixels.
    pub(crate) point_r: f64,
    /// Text-only notes (position, text).
    pub(crate) notes: Vec<((f64, f64), String)>,
}

/// Draws the map panel; the background goes to `raster` as one `CELLS × CELLS` image over
/// the plotting area.
pub(crate) fn map<DB: DrawingBackend>(
    area: &Area<DB>,
    m: &Map,
    brush: &mut Brush,
) -> DrawResult<()> {
    let s = brush.pen.s;
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let (x, y) = (m.axes.x, m.axes.y);
    // Cell (i, row) is coloured at its centre; row 0 of the image is the highest y.
    let centre = |k: f64, r: (f64, f64)| r.0 + (r.1 - r.0) * (k + 0.5) / CELLS as f64;
    let background = image(CELLS, CELLS, |i, row| {
        let j = CELLS - 1 - row;
        (m.cell)(centre(i as f64, x), centre(j as f64, y))
    });
    let background = Image::new(CELLS, CELLS, &background);
    let mut chart = map_frame(area, &m.axes, background, Some(6), brush)?;
    let width = s.px(2.5).max(1) as u32;
    for &(l, color, is_dashed) in &m.lines {
        if let Some([p, q]) = line_in_box(l, x, y) {
            if is_dashed {
                chart
                    .draw_series(dashed(
                        [p, q],
                        (7.0, 5.0),
                        s,
                        color.stroke_width(width.div_ceil(2)),
                    ))
                    .map_err(e)?;
            } else {
                chart
                    .draw_series(LineSeries::new([p, q], color.stroke_width(width)))
                    .map_err(e)?;
            }
        }
    }
    let r = s.px(m.point_r);
    for (&(p, class), color) in m.points.iter().map(|pc| (pc, CLASS[pc.1 % 3])) {
        match class {
            0 => chart.draw_series([Circle::new(p, r, color.filled())]),
            1 => chart.draw_series([Cross::new(p, r, color.stroke_width(s.px(2.2) as u32))]),
            _ => chart.draw_series([TriangleMarker::new(p, r + 1, color.filled())]),
        }
        .map_err(e)?;
    }
    for q in &m.queries {
        chart
            .draw_series([
                Circle::new(q.at, s.px(6.0), WHITE.filled()),
                Circle::new(q.at, s.px(6.0), INK.stroke_width(s.px(2.0) as u32)),
            ])
            .map_err(e)?;
        let dx = (x.1 - x.0) * 0.02;
        chart
            .draw_series([Text::new(
                q.label.clone(),
                (q.at.0 + dx, q.at.1),
                s.font(12.0),
            )])
            .map_err(e)?;
    }
    chart
        .draw_series(
            m.notes
                .iter()
                .map(|(at, text)| Text::new(text.clone(), *at, s.font(13.0))),
        )
        .map_err(e)?;
    chart
        .plotting_area()
        .draw(&Rectangle::new(
            [(x.0, y.0), (x.1, y.1)],
            GUIDE.stroke_width(1),
        ))
        .map_err(e)?;
    Ok(())
}

/// Splits the area into a map panel and a curve panel: side by side when wide, stacked
/// when narrow (a phone).
pub(crate) fn panels<DB: DrawingBackend>(area: &Area<DB>) -> (Area<DB>, Area<DB>) {
    let (w, h) = area.dim_in_pixel();
    if w as f64 >= 1.2 * h as f64 {
        area.split_horizontally(w * 58 / 100)
    } else {
        area.split_vertically(h * 62 / 100)
    }
}

/// Loss and accuracy over the epochs of a step-3 classifier's `history`.
pub(crate) fn curves<DB: DrawingBackend, N>(
    area: &Area<DB>,
    history: &[Record<N>],
    pen: Pen,
) -> Drawn {
    let Pen { lang, s } = pen;
    let last = history.last().map_or(1, |r| r.epoch).max(1) as f64;
    let top = history.iter().fold(1.0f64, |m, r| m.max(r.loss)) * 1.25;
    let (lx, la): (Vec<_>, Vec<_>) = history
        .iter()
        .map(|r| ((r.epoch as f64, r.loss), (r.epoch as f64, r.accuracy)))
        .unzip();
    let title = tr(lang, "loss and accuracy", "损失与准确率");
    plot(
        area,
        &Plot {
            axes: Axes::new(
                title,
                (tr(lang, "epoch", "轮"), ""), // A little room on the right so the last tick label is not cut off; at
                // least 10 epochs wide so the first steps get readable ticks.
                (0.0, (last * 1.04).max(10.0)),
                (0.0, top),
            ),
            series: vec![
                Series::new(lx, RED, tr(lang, "loss", "损失")),
                Series::new(la, GREEN, tr(lang, "accuracy", "准确率")),
            ],
            integer_x: true,
            ..Plot::default()
        },
        s,
    )
}

/// Background for a binary probability a: pale orange (class 0) to pale blue (class 1).
pub(crate) fn binary_tint(a: f64) -> RGBColor {
    mix(mix(WHITE, ORANGE, 0.30), mix(WHITE, BLUE, 0.30), a)
}

pub(crate) fn line_text(line: Option<(f64, f64)>) -> String {
    match line {
        Some((k, c)) if c < 0.0 => format!("x2 = {}·x1 − {}", fmt_num(k, 2), fmt_num(-c, 2)),
        Some((k, c)) => format!("x2 = {}·x1 + {}", fmt_num(k, 2), fmt_num(c, 2)),
        None => "—".into(),
    }
}

/// The Chu–Han points with the learned border, and the loss curve.
pub fn logistic<DB: DrawingBackend>(area: &Area<DB>, l: &Logistic, brush: &mut Brush) -> Drawn {
    let lang = brush.pen.lang;
    let (left, right) = panels(area);
    let net = l.net();
    let cell = |x1: f64, x2: f64| binary_tint(net.predict(&[x1, x2]));
    let points = (0..l.y.len())
        .map(|i| ((l.x[2 * i], l.x[2 * i + 1]), l.y[i] as usize))
        .collect();
    let (w, b) = (&net.w, net.b);
    let queries = logistic::QUERIES
        .iter()
        .map(|&(a, c)| Marker::new((a, c), INK, fmt_num(net.predict(&[a, c]), 2)))
        .collect();
    let epoch = l.history().len() - 1;
    let title = tr(
        lang,
        &format!("epoch {epoch} · {}", line_text(net.line())),
        &format!("第 {epoch} 轮 · {}", line_text(net.line())),
    );
    map(
        &left,
        &Map {
            axes: Axes::new(
                title,
                (
                    tr(
                        lang,
                        "x1 (longitude) · ● Chu  × Han · dashed: x2 = 2·x1 − 0.5",
                        "x1（经度）· ● 楚  × 汉 · 虚线：x2 = 2·x1 − 0.5",
                    ),
                    tr(lang, "x2 (latitude)", "x2（纬度）"),
                ),
                (0.0, 1.0),
                (0.0, 1.0),
            ),
            cell: &cell,
            points,
            point_r: 4.5,
            notes: Vec::new(),
            lines: vec![
                ((2.0, -1.0, -0.5), mix(WHITE, INK, 0.55), true),
                ((w[0], w[1], b), RED, false),
            ],
            queries,
        },
        brush,
    )?;
    curves(&right, l.history(), brush.pen)
}

/// The three kingdoms: class regions, pairwise boundaries, points and queries.
pub fn softmax<DB: DrawingBackend>(area: &Area<DB>, m: &Softmax, brush: &mut Brush) -> Drawn {
    let lang = brush.pen.lang;
    let (left, right) = panels(area);
    let tint = CLASS.map(|c| mix(WHITE, c, 0.22));
    let cell = |x1: f64, x2: f64| tint[argmax(&m.predict(x1, x2))];
    let points = (0..m.class.len())
        .map(|i| ((m.raw[2 * i], m.raw[2 * i + 1]), m.class[i]))
        .collect();
    let lines = [(0, 1), (1, 2), (0, 2)]
        .map(|(i, j)| (m.boundary(i, j), mix(CLASS[i], CLASS[j], 0.5), true))
        .to_vec();
    let queries = softmax::QUERIES
        .iter()
        .map(|&(a, b)| {
            let p = m.predict(a, b);
            let c = argmax(&p);
            let (en, zh) = softmax::KINGDOMS[c];
            Marker::new(
                (a, b),
                INK,
                format!("{} {}", tr(lang, en, zh), fmt_num(p[c], 2)),
            )
        })
        .collect();
    let epoch = m.history().len() - 1;
    let title = tr(
        lang,
        &format!("epoch {epoch} · ● Wei  × Shu  ▲ Wu"),
        &format!("第 {epoch} 轮 · ● 魏  × 蜀  ▲ 吴"),
    );
    map(
        &left,
        &Map {
            axes: Axes::new(title, ("x1", "x2"), (0.0, 10.0), (0.0, 10.0)),
            cell: &cell,
            points,
            lines,
            queries,
            point_r: 4.5,
            notes: Vec::new(),
        },
        brush,
    )?;
    curves(&right, m.history(), brush.pen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_cut_to_the_box() {
        // x2 = 2·x1 − 0.5 crosses the unit square at (0.25, 0) and (0.75, 1).
        let [p, q] = line_in_box((2.0, -1.0, -0.5), (0.0, 1.0), (0.0, 1.0)).unwrap();
        let mut ends = [p, q];
        ends.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!((ends[0].0 - 0.25).abs() < 1e-12 && ends[0].1.abs() < 1e-12);
        assert!((ends[1].0 - 0.75).abs() < 1e-12 && (ends[1].1 - 1.0).abs() < 1e-12);
        assert_eq!(line_in_box((1.0, 1.0, 5.0), (0.0, 1.0), (0.0, 1.0)), None);
        assert_eq!(line_in_box((0.0, 0.0, 1.0), (0.0, 1.0), (0.0, 1.0)), None);
    }
}
