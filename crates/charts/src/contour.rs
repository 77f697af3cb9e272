//! A contour map of a two-variable function: a coarse heatmap (one image through a
//! [`Raster`](crate::raster::Raster)), iso-lines found by marching squares, and an optional descent path and
//! markers on top.

use crate::lessons::Area;
use crate::pen::{Brush, Drawn};
use crate::plot::{clip, map_frame, marks, Axes, Marker, MarkerLook};
use crate::raster::{image, Image};
use crate::style::{heat, INK};
use crate::Frame;
use plotters::prelude::*;

/// Cells per side of the heatmap.
pub const CELLS: usize = 64;

/// The markers of a contour map: a white-ringed dot, the label in ink.
const MARKERS: MarkerLook = MarkerLook {
    radius: 7.0,
    ring: (WHITE, 2),
    dx: 0.025,
    size: 13.0,
    color: Some(INK),
};

/// Everything a contour map shows.
pub struct Contour<'a> {
    /// Caption, axis names and ranges.
    pub axes: Axes,
    /// The function.
    pub f: &'a dyn Fn(f64, f64) -> f64,
    /// Values of the iso-lines.
    pub levels: Vec<f64>,
    /// Map values through ln(1 + v) before colouring (for losses that span decades).
    pub log: bool,
    /// Descent path.
    pub path: Vec<(f64, f64)>,
    /// Marked points.
    pub markers: Vec<Marker>,
    /// Settings a click sets.
    pub click: Option<(&'static str, &'static str)>,
}

/// Line segments where `grid` crosses `level` (marching squares, linear interpolation).
/// `grid[i][j]` is the value at x index i, y index j; segments are in index space.
pub fn iso_segments(grid: &[Vec<f64>], level: f64) -> Vec<((f64, f64), (f64, f64))> {
    let mut out = Vec::new();
    for i in 0..grid.len().saturating_sub(1) {
        for j in 0..grid[i].len().saturating_sub(1) {
            // Corners counter-clockwise from (i, j); edges between consecutive corners.
            let c = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)];
            let v = c.map(|(a, b)| grid[a][b]);
            let mut hits = Vec::with_capacity(4);
            for k in 0..4 {
                let (a, b) = (v[k], v[(k + 1) % 4]);
                if (a < level) != (b < level) && a.is_finite() && b.is_finite() {
                    let f = (level - a) / (b - a);
                    let (p, q) = (c[k], c[(k + 1) % 4]);
                    hits.push((
                        p.0 as f64 + f * (q.0 as f64 - p.0 as f64),
                        p.1 as f64 + f * (q.1 as f64 - p.1 as f64),
                    ));
                }
            }
            if hits.len() >= 2 {
                out.push((hits[0], hits[1]));
            }
            if hits.len() == 4 {
                out.push((hits[2], hits[3]));
            }
        }
    }
    out
}

/// Draws the contour map; the heatmap goes to `raster` as one `CELLS × CELLS` image over
/// the plotting area.
pub fn contour<DB: DrawingBackend>(area: &Area<DB>, c: &Contour, brush: &mut Brush) -> Drawn {
    let s = brush.pen.s;
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let (x, y) = (c.axes.x, c.axes.y);
    let n = CELLS;
    let at = |i: usize, lo: f64, hi: f64| lo + (hi - lo) * i as f64 / n as f64;
    // Values on the (n+1)² grid corners; colours from the cell centres.
    let grid: Vec<Vec<f64>> = (0..=n)
        .map(|i| {
            (0..=n)
                .map(|j| (c.f)(at(i, x.0, x.1), at(j, y.0, y.1)))
                .collect()
        })
        .collect();
    let tone = |v: f64| if c.log { v.max(0.0).ln_1p() } else { v };
    let (lo, hi) = grid
        .iter()
        .flatten()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(tone(v)), b.max(tone(v)))
        });
    let span = (hi - lo).max(1e-12);
    // Row 0 of the image is the top, i.e. the highest y.
    let heatmap = image(n, n, |i, row| {
        let j = n - 1 - row;
        let v = (grid[i][j] + grid[i + 1][j] + grid[i][j + 1] + grid[i + 1][j + 1]) / 4.0;
        heat((tone(v) - lo) / span)
    });
    let heatmap = Image::new(n, n, &heatmap);
    let mut chart = map_frame(area, &c.axes, heatmap, None, brush)?;
    let to_data = |(i, j): (f64, f64)| {
        (
            x.0 + (x.1 - x.0) * i / n as f64,
            y.0 + (y.1 - y.0) * j / n as f64,
        )
    };
    for &level in &c.levels {
        let segs = iso_segments(&grid, level);
        chart
            .draw_series(segs.into_iter().map(|(a, b)| {
                PathElement::new(vec![to_data(a), to_data(b)], INK.mix(0.45).stroke_width(1))
            }))
            .map_err(e)?;
    }
    if !c.path.is_empty() {
        let color = RGBColor(220, 60, 30);
        let pts: Vec<(f64, f64)> = c.path.iter().map(|&p| clip(p, x, y)).collect();
        chart
            .draw_series(LineSeries::new(
                pts.clone(),
                color.stroke_width(s.px(2.0).max(1) as u32),
            ))
            .map_err(e)?;
        chart
            .draw_series(
                pts.iter()
                    .map(|p| Circle::new(*p, s.px(3.5), color.filled())),
            )
            .map_err(e)?;
    }
    marks(&mut chart, (x, y), &c.markers, &MARKERS, s)?;
    Ok(c.click.map(|keys| Frame::of(&chart, x, y, keys)))
}

/// `count` levels spaced evenly in log scale between `lo` and `hi` (both > 0).
pub fn log_levels(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    let (a, b) = (lo.max(1e-9).ln(), hi.max(lo * 1.0001).ln());
    (0..count)
        .map(|k| (a + (b - a) * (k as f64 + 0.5) / count as f64).exp())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_segments_trace_a_circle() {
        // f = x² + y² on a 21×21 grid over [−1, 1]²: the level 0.25 is a circle of
        // radius 0.5, so every segment end lies at distance ≈ 0.5 from the centre.
        let n = 20;
        let g: Vec<Vec<f64>> = (0..=n)
            .map(|i| {
                (0..=n)
                    .map(|j| {
                        let (x, y) = (
                            -1.0 + 2.0 * i as f64 / n as f64,
                            -1.0 + 2.0 * j as f64 / n as f64,
                        );
                        x * x + y * y
                    })
                    .collect()
            })
            .collect();
        let segs = iso_segments(&g, 0.25);
        assert!(segs.len() > 20);
        for (a, b) in segs {
            for (i, j) in [a, b] {
                let (x, y) = (-1.0 + 2.0 * i / n as f64, -1.0 + 2.0 * j / n as f64);
                assert!(((x * x + y * y).sqrt() - 0.5).abs() < 0.03);
            }
        }
    }
}
