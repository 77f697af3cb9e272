//! Charts of step 5 (nonlinear classification): decision regions as a coarse grid of
//! light class colours (one image through a [`Raster`](crate::raster::Raster)) with the samples on top — XOR,
//! the two arcs next to their hidden space, and the three classes of the copper coin.

use crate::lessons::Area;
use crate::pen::{Brush, Drawn};
use crate::plot::{map_frame, Axes};
use crate::raster::{image, Image};
use crate::style::{mix, tr, BLUE, GREEN, INK, ORANGE};
use crate::DrawResult;
use ninestep_core::fmt_num;
use ninestep_core::lesson::arcs::Arcs;
use ninestep_core::lesson::coin::Coin;
use ninestep_core::lesson::xor_net::XorNet;
use plotters::prelude::*;

/// Cells per side of a region map.
pub const CELLS: usize = 60;

/// Colour of class `c` (0 blue, 1 orange, 2 green), as in TensorFlow Playground.
pub fn class_color(c: usize) -> RGBColor {
    [BLUE, ORANGE, GREEN][c.min(2)]
}

/// Background of a binary region map: light blue (P = 0) through white to light orange.
pub fn binary_tint(p: f64) -> RGBColor {
    let p = if p.is_finite() {
        p.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let light = |c| mix(WHITE, c, 0.45);
    if p < 0.5 {
        mix(light(BLUE), WHITE, p * 2.0)
    } else {
        mix(WHITE, light(ORANGE), (p - 0.5) * 2.0)
    }
}

/// Background of a three-class region map: the class colours weighted by probability.
pub fn class_tint(p: &[f64; 3]) -> RGBColor {
    let (mut r, mut g, mut b) = (0.0, 0.0, 0.0);
    let total: f64 = p.iter().filter(|v| v.is_finite()).sum();
    for (c, &w) in p.iter().enumerate() {
        let w = if w.is_finite() && total > 0.0 {
            w / total
        } else {
            1.0 / 3.0
        };
        let col = mix(WHITE, class_color(c), 0.4);
        r += w * col.0 as f64;
        g += w * col.1 as f64;
        b += w * col.2 as f64;
    }
    RGBColor(r.round() as u8, g.round() as u8, b.round() as u8)
}

/// The centres of the `CELLS`² cells over `x` × `y`, x index outer.
pub fn cell_centres(x: (f64, f64), y: (f64, f64)) -> Vec<(f64, f64)> {
    let at = |k: usize, r: (f64, f64)| r.0 + (r.1 - r.0) * (k as f64 + 0.5) / CELLS as f64;
    (0..CELLS)
        .flat_map(|i| (0..CELLS).map(move |j| (at(i, x), at(j, y))))
        .collect()
}

/// The part of the line w1·x + w2·y + b = 0 inside the box `x` × `y`, if any.
pub fn clip_line(line: (f64, f64, f64), x: (f64, f64), y: (f64, f64)) -> Option<[(f64, f64); 2]> {
    let (w1, w2, b) = line;
    let mut pts: Vec<(f64, f64)> = Vec::new();
    if w2.abs() > 1e-12 {
        for xe in [x.0, x.1] {
            let ye = -(w1 * xe + b) / w2;
            if ye >= y.0 && ye <= y.1 {
                pts.push((xe, ye));
            }
        }
    }
    if w1.abs() > 1e-12 {
        for ye in [y.0, y.1] {
            let xe = -(w2 * ye + b) / w1;
            if xe >= x.0 && xe <= x.1 {
                pts.push((xe, ye));
            }
        }
    }
    let a = *pts.first()?;
    let far = pts
        .iter()
        .copied()
        .max_by(|p, q| dist(a, *p).total_cmp(&dist(a, *q)))?;
    (dist(a, far) > 1e-9 && far.0.is_finite() && far.1.is_finite()).then_some([a, far])
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

/// One region-map panel.
pub struct Region {
    /// Caption, axis names and ranges.
    pub axes: Axes,
    /// `CELLS`² colours in the order of [`cell_centres`].
    pub cells: Vec<RGBColor>,
    /// Samples: position and class.
    pub points: Vec<(f64, f64, usize)>,
    /// Dot radius in reference pixels.
    pub radius: f64,
    /// Short labels next to points.
    pub labels: Vec<((f64, f64), String)>,
    /// A boundary line w1·x + w2·y + b = 0.
    pub line: Option<(f64, f64, f64)>,
}

impl Region {
    /// The map on `axes` with the class colours `cells` and the samples `points` as small
    /// dots (2.5 reference pixels), without labels or a boundary line.
    pub fn new(axes: Axes, cells: Vec<RGBColor>, points: Vec<(f64, f64, usize)>) -> Region {
        Region {
            axes,
            cells,
            points,
            radius: 2.5,
            labels: Vec::new(),
            line: None,
        }
    }
}

/// Draws one region map; the cells go to `raster` as one `CELLS × CELLS` image over the
/// plotting area.
pub fn region<DB: DrawingBackend>(
    area: &Area<DB>,
    r: &Region,
    brush: &mut Brush,
) -> DrawResult<()> {
    let s = brush.pen.s;
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let (x, y) = (r.axes.x, r.axes.y);
    // `cells` is x index outer, y upwards; row 0 of the image is the highest y.
    let cells = image(CELLS, CELLS, |i, row| {
        r.cells
            .get(i * CELLS + CELLS - 1 - row)
            .copied()
            .unwrap_or(WHITE)
    });
    let cells = Image::new(CELLS, CELLS, &cells);
    let mut chart = map_frame(area, &r.axes, cells, Some(6), brush)?;
    if let Some(seg) = r.line.and_then(|l| clip_line(l, x, y)) {
        chart
            .draw_series(std::iter::once(PathElement::new(
                seg.to_vec(),
                INK.stroke_width(s.px(2.0).max(1) as u32),
            )))
            .map_err(e)?;
    }
    let inside = |p: &(f64, f64, usize)| p.0 >= x.0 && p.0 <= x.1 && p.1 >= y.0 && p.1 <= y.1;
    let rad = s.px(r.radius).max(2);
    chart
        .draw_series(
            r.points
                .iter()
                .filter(|p| inside(p))
                .map(|&(px, py, c)| Circle::new((px, py), rad, class_color(c).filled())),
        )
        .map_err(e)?;
    chart
        .draw_series(r.points.iter().filter(|p| inside(p)).map(|&(px, py, _)| {
            Circle::new((px, py), rad, WHITE.stroke_width(s.px(1.0).max(1) as u32))
        }))
        .map_err(e)?;
    for ((px, py), label) in &r.labels {
        chart
            .draw_series(std::iter::once(Text::new(
                label.clone(),
                (*px + (x.1 - x.0) * 0.04, *py + (y.1 - y.0) * 0.03),
                s.font(13.0).color(&INK),
            )))
            .map_err(e)?;
    }
    Ok(())
}

/// XOR: the decision region of the 2-2-1 network over [−0.2, 1.2]² with A2 at each input.
pub fn xor<DB: DrawingBackend>(area: &Area<DB>, w: &XorNet, brush: &mut Brush) -> Drawn {
    let lang = brush.pen.lang;
    let (x, y) = ((-0.2, 1.2), (-0.2, 1.2));
    let centres = cell_centres(x, y);
    let flat: Vec<f32> = centres
        .iter()
        .flat_map(|&(a, b)| [a as f32, b as f32])
        .collect();
    let p = w.run().predict(&flat);
    let cells = p.data.iter().map(|&v| binary_tint(v as f64)).collect();
    let d = w.data();
    let a2 = w.run().predict(&d.x.data);
    let points: Vec<(f64, f64, usize)> = (0..d.len())
        .map(|i| {
            let r = d.x.row(i);
            (r[0] as f64, r[1] as f64, (d.y.row(i)[0] > 0.5) as usize)
        })
        .collect();
    let labels = points
        .iter()
        .zip(&a2.data)
        .map(|(&(px, py, _), &v)| ((px, py), format!("A2 = {}", fmt_num(v as f64, 3))))
        .collect();
    let epochs = w.run().epochs();
    let title = tr(
        lang,
        &format!("XOR after {epochs} epochs: orange = class 1"),
        &format!("异或，训练 {epochs} 轮后：橙色为类别 1"),
    );
    region(
        area,
        &Region {
            radius: 9.0,
            labels,
            ..Region::new(Axes::new(title, ("x₁", "x₂"), x, y), cells, points)
        },
        brush,
    )?;
    Ok(None)
}

/// The arcs: input space with its decision region (left) and the hidden space A1 with
/// the output layer's line (right).
pub fn arcs<DB: DrawingBackend>(area: &Area<DB>, w: &Arcs, brush: &mut Brush) -> Drawn {
    let lang = brush.pen.lang;
    let width = area.dim_in_pixel().0;
    let (left, right) = area.split_horizontally(width / 2);
    let points = w.points();
    let lo = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let hi = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if lo < hi { (lo, hi) } else { (-0.2, 1.9) };
    let (x, y) = ((-0.1, 3.25), (lo - 0.15, hi + 0.15));
    let p = w.probability(&cell_centres(x, y));
    let epochs = w.run().epochs();
    let title = tr(
        lang,
        &format!("Input space, epoch {epochs}"),
        &format!("输入空间，第 {epochs} 轮"),
    );
    let cells = p.iter().map(|&v| binary_tint(v)).collect();
    let axes = Axes::new(title, ("x₁", "x₂"), x, y);
    region(&left, &Region::new(axes, cells, points), brush)?;
    let (w1, w2, b) = w.output_line();
    let sigma = |z: f64| 1.0 / (1.0 + (-z).exp());
    let (hx, hy) = ((-0.02, 1.02), (-0.02, 1.02));
    let cells = cell_centres(hx, hy)
        .into_iter()
        .map(|(a1, a2)| binary_tint(sigma(w1 * a1 + w2 * a2 + b)))
        .collect();
    let title = tr(
        lang,
        "Hidden space A1 and the output's line",
        "隐层空间 A1 与输出层的直线",
    );
    region(
        &right,
        &Region {
            line: Some((w1, w2, b)),
            ..Region::new(Axes::new(title, ("a₁", "a₂"), hx, hy), cells, w.hidden())
        },
        brush,
    )?;
    Ok(None)
}

/// The copper coin: three-class regions with the 500 test points.
pub fn coin<DB: DrawingBackend>(area: &Area<DB>, w: &Coin, brush: &mut Brush) -> Drawn {
    let lang = brush.pen.lang;
    let (x, y) = ((-0.5, 0.5), (-0.5, 0.5));
    let p = w.probabilities(&cell_centres(x, y));
    let epochs = w.run().epochs();
    let h = w.hidden();
    // Keep the map square: use the middle of a wide area.
    let (wd, ht) = area.dim_in_pixel();
    let side = wd.min(ht + ht / 8);
    let pad = (wd - side) / 2;
    let (_, rest) = area.split_horizontally(pad);
    let (mid, _) = rest.split_horizontally(side);
    let title = tr(
        lang,
        &format!("2-{h}-3 network, epoch {epochs}: blue 1, orange 2, green 3"),
        &format!("2-{h}-3 网络，第 {epochs} 轮：蓝 1、橙 2、绿 3"),
    );
    let cells = p.iter().map(class_tint).collect();
    let axes = Axes::new(title, ("x₁", "x₂"), x, y);
    region(&mid, &Region::new(axes, cells, w.points()), brush)?;
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_clipped_to_the_box() {
        // x + y − 1 = 0 crosses the unit square from (0, 1) to (1, 0).
        let seg = clip_line((1.0, 1.0, -1.0), (0.0, 1.0), (0.0, 1.0)).unwrap();
        let mut ends = seg.to_vec();
        ends.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert_eq!(ends, vec![(0.0, 1.0), (1.0, 0.0)]);
        assert_eq!(clip_line((1.0, 1.0, 5.0), (0.0, 1.0), (0.0, 1.0)), None);
    }

    #[test]
    fn tints_stay_light_and_finite() {
        assert_eq!(binary_tint(0.5), WHITE);
        assert_eq!(binary_tint(f64::NAN), WHITE);
        let t = class_tint(&[1.0, 0.0, 0.0]);
        assert!(t.0 > BLUE.0 && t.2 > 200);
    }
}
