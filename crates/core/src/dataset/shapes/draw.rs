//! The rasteriser of the ch18 images: five filled figures on the 28×28 canvas, a pixel
//! inked when its centre lies inside (see the table in [`super`]).

use super::{PIXELS, SIDE};
use crate::rng::Rng;

/// A figure the rasteriser draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// A filled ellipse in the box (the book's "circle").
    Circle,
    /// A filled axis-aligned rectangle.
    Rectangle,
    /// A filled triangle on a horizontal base.
    Triangle,
    /// A filled rhombus.
    Diamond,
    /// A line 2 px wide.
    Line,
}

/// The five figures in the order of the shape task's labels.
pub const FIGURES: [Figure; 5] = [
    Figure::Circle,
    Figure::Rectangle,
    Figure::Triangle,
    Figure::Diamond,
    Figure::Line,
];

/// Whole numbers in [lo, hi).
fn between(rng: &mut Rng, lo: u64, hi: u64) -> f64 {
    (lo + rng.below(hi - lo)) as f64
}

/// The ink mask (1 = ink) of `figure`, corner points drawn from `rng` as the book does
/// (and, for a triangle, the apex's x; for a line, whether it is mirrored).
pub fn draw(figure: Figure, rng: &mut Rng) -> Vec<f32> {
    let p0 = (between(rng, 0, 14), between(rng, 0, 14));
    let p1 = (between(rng, 14, 28), between(rng, 14, 28));
    let extra = match figure {
        Figure::Triangle => between(rng, 0, 28),
        Figure::Line => rng.below(2) as f64,
        _ => 0.0,
    };
    rasterise(figure, p0, p1, extra)
}

/// The ink mask of `figure` in the box from `p0` (top left) to `p1` (bottom right).
/// `extra` is the triangle's apex x, or 1 for a line mirrored left–right.
pub fn rasterise(figure: Figure, p0: (f64, f64), p1: (f64, f64), extra: f64) -> Vec<f32> {
    let ((x0, y0), (x1, y1)) = (p0, p1);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let (a, b) = ((x1 - x0) / 2.0, (y1 - y0) / 2.0);
    let tri = [(x0, y1), (x1, y1), (extra, y0)];
    let (p, q) = if extra == 1.0 {
        ((x1, y0), (x0, y1))
    } else {
        (p0, p1)
    };
    let inside = |x: f64, y: f64| match figure {
        Figure::Circle => {
            let (u, v) = ((x - cx) / a, (y - cy) / b);
            u * u + v * v <= 1.0
        }
        Figure::Rectangle => x0 <= x && x <= x1 && y0 <= y && y <= y1,
        Figure::Triangle => in_triangle(tri, (x, y)),
        Figure::Diamond => ((x - cx) / a).abs() + ((y - cy) / b).abs() <= 1.0,
        Figure::Line => segment_distance2(p, q, (x, y)) <= 1.0,
    };
    let mut mask = vec![0.0; PIXELS];
    for (i, m) in mask.iter_mut().enumerate() {
        let (r, c) = (i / SIDE, i % SIDE);
        if inside(c as f64 + 0.5, r as f64 + 0.5) {
            *m = 1.0;
        }
    }
    mask
}

/// Whether `p` lies in the triangle `t` (on an edge counts), whatever its orientation.
fn in_triangle(t: [(f64, f64); 3], p: (f64, f64)) -> bool {
    let side = |a: (f64, f64), b: (f64, f64)| (b.0 - a.0) * (p.1 - a.1) - (b.1 - a.1) * (p.0 - a.0);
    let (d1, d2, d3) = (side(t[0], t[1]), side(t[1], t[2]), side(t[2], t[0]));
    let neg = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
    let pos = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
    !(neg && pos)
}

/// Squared distance from `p` to the segment `a`–`b`.
fn segment_distance2(a: (f64, f64), b: (f64, f64), p: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (ex, ey) = (a.0 + t * dx - p.0, a.1 + t * dy - p.1);
    ex * ex + ey * ey
}
