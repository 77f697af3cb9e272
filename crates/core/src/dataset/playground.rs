//! Two-dimensional toy sets in the style of the TensorFlow Playground, seeded with the
//! portable [`Rng`]. Each takes a point count `n` and a noise setting from 0 to 50 (%).
//!
//! * **circle** — half the points fall in a disc of radius 2.5 round the origin
//!   (positive), half in a ring between radius 3.5 and 5 (negative). Noise does not
//!   move the points: each label is decided at the point shifted by a random offset of
//!   up to ±5·noise in each direction, so noisy labels appear near the border.
//! * **xor** — points uniform in [−5, 5]², pushed 0.3 away from both axes; positive
//!   when x·y ≥ 0 (first and third quadrants). Noise shifts the point used for the
//!   label, as for the circle.
//! * **gauss** — two round Gaussian clouds, positive centred at (2, 2) and negative at
//!   (−2, −2); the variance grows linearly from 0.5 (noise 0) to 4 (noise 50), so the
//!   clouds overlap more with noise.
//! * **spiral** — two interleaved spiral arms: point i of m on an arm sits at radius
//!   5·i/m and angle 1.75·2π·i/m (the second arm is turned by π), then moved by a random
//!   offset of up to ±noise in each direction.
//!
//! Positive points come first. Labels are 0/1 or −1/+1 as [`Labels`] asks.

use super::{Dataset, MAX_ROWS};
use crate::error::{Error, ErrorKind, Result};
use crate::rng::Rng;
use std::f64::consts::{PI, TAU};

/// Which toy set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A disc inside a ring.
    Circle,
    /// Four quadrants, diagonal ones alike.
    Xor,
    /// Two Gaussian clouds.
    Gauss,
    /// Two interleaved spirals.
    Spiral,
}

impl Shape {
    /// Every shape.
    pub const ALL: [Shape; 4] = [Shape::Circle, Shape::Xor, Shape::Gauss, Shape::Spiral];

    /// The lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Circle => "circle",
            Shape::Xor => "xor",
            Shape::Gauss => "gauss",
            Shape::Spiral => "spiral",
        }
    }

    /// The shape called `name` (any case).
    pub fn parse(name: &str) -> Option<Shape> {
        Shape::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// How binary labels are stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Labels {
    /// 0 and 1 (for a Logistic output and cross-entropy).
    #[default]
    ZeroOne,
    /// −1 and +1, as the TensorFlow Playground stores them (for a Tanh output).
    PlusMinusOne,
}

/// The largest noise setting, in percent.
pub const MAX_NOISE: f64 = 50.0;

/// `n` points of `shape` with `noise_percent` ∈ [0, 50]; the same seed gives the same set.
pub fn generate(
    shape: Shape,
    n: usize,
    noise_percent: f64,
    seed: u64,
    labels: Labels,
) -> Result<Dataset> {
    if !(0.0..=MAX_NOISE).contains(&noise_percent) {
        return Err(Error::new(
            ErrorKind::OutOfRange,
            format!("Noise must be between 0 and {MAX_NOISE} (%), not {noise_percent}."),
            format!("噪声必须在 0 到 {MAX_NOISE}（%）之间，而不是 {noise_percent}。"),
        ));
    }
    if n > MAX_ROWS {
        return Err(Error::new(
            ErrorKind::OutOfRange,
            format!("At most {MAX_ROWS} points, not {n}."),
            format!("最多 {MAX_ROWS} 个点，而不是 {n} 个。"),
        ));
    }
    let noise = noise_percent / 100.0;
    let mut rng = Rng::new(seed);
    let n_pos = n.div_ceil(2);
    let mut pts: Vec<(f64, f64, bool)> = Vec::with_capacity(n);
    match shape {
        Shape::Circle => {
            let radius = 5.0;
            for i in 0..n {
                let r = if i < n_pos {
                    rng.range(0.0, radius * 0.5)
                } else {
                    rng.range(radius * 0.7, radius)
                };
                let angle = rng.range(0.0, TAU);
                let (x, y) = (r * angle.sin(), r * angle.cos());
                let nx = rng.range(-radius, radius) * noise;
                let ny = rng.range(-radius, radius) * noise;
                pts.push((x, y, (x + nx).hypot(y + ny) < radius * 0.5));
            }
        }
        Shape::Xor => {
            let pad = |v: f64| if v > 0.0 { v + 0.3 } else { v - 0.3 };
            for _ in 0..n {
                let x = pad(rng.range(-5.0, 5.0));
                let y = pad(rng.range(-5.0, 5.0));
                let nx = rng.range(-5.0, 5.0) * noise;
                let ny = rng.range(-5.0, 5.0) * noise;
                pts.push((x, y, (x + nx) * (y + ny) >= 0.0));
            }
        }
        Shape::Gauss => {
            let sd = (0.5 + (4.0 - 0.5) * noise / 0.5).sqrt();
            for i in 0..n {
                let (c, positive) = if i < n_pos {
                    (2.0, true)
                } else {
                    (-2.0, false)
                };
                let x = c + sd * rng.normal();
                let y = c + sd * rng.normal();
                pts.push((x, y, positive));
            }
        }
        Shape::Spiral => {
            for (count, turn, positive) in [(n_pos, 0.0, true), (n - n_pos, PI, false)] {
                for i in 0..count {
                    let s = i as f64 / count as f64;
                    let (r, t) = (5.0 * s, 1.75 * s * TAU + turn);
                    let x = r * t.sin() + rng.range(-1.0, 1.0) * noise;
                    let y = r * t.cos() + rng.range(-1.0, 1.0) * noise;
                    pts.push((x, y, positive));
                }
            }
        }
    }
    let x: Vec<f32> = pts.iter().flat_map(|p| [p.0 as f32, p.1 as f32]).collect();
    let classes: Vec<usize> = pts.iter().map(|p| p.2 as usize).collect();
    let d = Dataset::classification(shape.name(), x, 2, &classes, 2);
    Ok(match labels {
        Labels::ZeroOne => d,
        Labels::PlusMinusOne => d.with_signed_labels(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gen(shape: Shape, n: usize, noise: f64, seed: u64) -> Dataset {
        generate(shape, n, noise, seed, Labels::ZeroOne).unwrap()
    }

    #[test]
    fn sizes_ranges_and_determinism() {
        for shape in Shape::ALL {
            for n in [0, 1, 7, 200] {
                let d = gen(shape, n, 25.0, 3);
                assert_eq!((d.n, d.x.len(), d.y.len(), d.classes), (n, 2 * n, n, 2));
            }
            let d = gen(shape, 400, 50.0, 9);
            assert_eq!(d, gen(shape, 400, 50.0, 9));
            assert_ne!(d.x, gen(shape, 400, 50.0, 10).x);
            assert!(d.y.iter().all(|&v| v == 0.0 || v == 1.0));
            if shape != Shape::Gauss {
                assert!(d.x.iter().all(|v| v.abs() <= 5.6), "{shape:?}");
            }
            assert_eq!(Shape::parse(shape.name()), Some(shape));
        }
        assert_eq!(Shape::parse(" Spiral "), Some(Shape::Spiral));
        assert!(Shape::parse("moons").is_none());
    }

    #[test]
    fn noise_free_labels_follow_the_shape_rule() {
        let c = gen(Shape::Circle, 300, 0.0, 1);
        for i in 0..c.n {
            let r = c.row(i)[0].hypot(c.row(i)[1]);
            assert_eq!(c.label_class(i), (r < 2.5) as usize);
            assert!(!(2.5..3.49).contains(&r));
        }
        assert_eq!(c.class_counts(), vec![150, 150]);
        let x = gen(Shape::Xor, 300, 0.0, 1);
        for i in 0..x.n {
            let (a, b) = (x.row(i)[0], x.row(i)[1]);
            assert!(a.abs() >= 0.3 && b.abs() >= 0.3);
            assert_eq!(x.label_class(i), (a * b >= 0.0) as usize);
        }
        let s = gen(Shape::Spiral, 11, 0.0, 1);
        assert_eq!(s.class_counts(), vec![5, 6]);
        assert_eq!((s.row(0), s.row(6)), (&[0.0, 0.0][..], &[0.0, 0.0][..]));
    }

    #[test]
    fn noise_blurs_circle_and_gauss() {
        let wrong = |d: &Dataset| {
            (0..d.n)
                .filter(|&i| (d.row(i)[0].hypot(d.row(i)[1]) < 2.5) as usize != d.label_class(i))
                .count()
        };
        assert!(wrong(&gen(Shape::Circle, 1000, 50.0, 2)) > 20);
        let spread = |noise| {
            let d = gen(Shape::Gauss, 2000, noise, 4);
            let col = d.column(0);
            let pos = &col[..1000];
            let m = pos.iter().sum::<f32>() / 1000.0;
            pos.iter().map(|v| (v - m) * (v - m)).sum::<f32>() / 1000.0
        };
        let (v0, v50) = (spread(0.0), spread(50.0));
        assert!(
            (v0 - 0.5).abs() < 0.1 && (v50 - 4.0).abs() < 0.6,
            "{v0} {v50}"
        );
    }

    #[test]
    fn signed_labels_and_bad_settings() {
        let d = generate(Shape::Gauss, 10, 0.0, 1, Labels::PlusMinusOne).unwrap();
        assert!(d.y.iter().all(|&v| v == 1.0 || v == -1.0) && d.signed_labels());
        assert_eq!(d.with_zero_one_labels(), gen(Shape::Gauss, 10, 0.0, 1));
        for noise in [-1.0, 50.5, f64::NAN] {
            let e = generate(Shape::Xor, 10, noise, 1, Labels::ZeroOne).unwrap_err();
            assert_eq!(e.kind, ErrorKind::OutOfRange);
        }
        assert!(generate(Shape::Xor, MAX_ROWS + 1, 0.0, 1, Labels::ZeroOne).is_err());
    }
}
