//! Step 6, ch13.0 — from a drawn stroke to the 784 inputs of a digits net, the MNIST way.
//!
//! LeCun's MNIST digits were made like this: the digit's bounding box was scaled to fit a
//! 20×20 box *keeping its aspect ratio* (anti-aliased, so edges become grey), then placed in
//! a 28×28 field so that its centre of mass sits at the centre of the field. A drawing that
//! skips these steps (a small digit in a corner, say) looks nothing like what the net was
//! trained on. [`preprocess`] does every stage and returns each one, so the page can show
//! them:
//!
//! ```text
//! stroke (W×H, 0 = paper … 1 = ink)
//!   → crop to the bounding box of the ink          (pixels > INK)
//!   → scale into 20×20, aspect kept                (area averaging: each new pixel is the
//!                                                   mean of the old area it covers)
//!   → place in 28×28, centre of mass at (14, 14)   (whole-pixel shift, kept inside the field)
//!   → normalise: min-max to [0, 1]                 (the book's 13.0 step; our digits file
//!                                                   stores 0 = background … 1 = ink)
//! ```
//!
//! Positions are pixel indices (column, row), as in LeCun's description: the centre of mass
//! of the shipped digits lies at (14.0, 14.0) on average (checked in the tests), one of the
//! four middle pixels of the 28×28 field, not the geometric centre (13.5, 13.5).

use crate::error::{Error, ErrorKind, Result};

/// Side of the network's input image.
pub const FIELD: usize = 28;
/// Side of the box the digit is scaled into.
pub const BOX: usize = 20;
/// A pixel darker than this counts as ink for the bounding box.
pub const INK: f32 = 0.05;
/// Largest side of a stroke image the page may send (a 1024×1024 canvas is 4 MB of f32).
pub const MAX_SIDE: usize = 1024;

/// A grey image, row-major, 0 = paper … 1 = ink.
#[derive(Clone, Debug, PartialEq)]
pub struct Gray {
    /// Columns.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// `width · height` values in [0, 1].
    pub pixels: Vec<f32>,
}

fn bad(en: String, zh: String) -> Error {
    Error::new(ErrorKind::BadData, en, zh)
}

impl Gray {
    /// Checks an image from the page: 1..=[`MAX_SIDE`] pixels a side, `width · height`
    /// finite values; values are clamped to [0, 1].
    pub fn new(width: usize, height: usize, pixels: Vec<f32>) -> Result<Gray> {
        if !(1..=MAX_SIDE).contains(&width) || !(1..=MAX_SIDE).contains(&height) {
            return Err(bad(
                format!("The drawing must be 1 to {MAX_SIDE} pixels a side, not {width}×{height}."),
                format!("画板图像每边必须是 1 到 {MAX_SIDE} 像素，而不是 {width}×{height}。"),
            ));
        }
        if pixels.len() != width * height {
            return Err(bad(
                format!(
                    "A {width}×{height} drawing has {} pixels, but {} values came.",
                    width * height,
                    pixels.len()
                ),
                format!(
                    "{width}×{height} 的图像有 {} 个像素，但收到了 {} 个值。",
                    width * height,
                    pixels.len()
                ),
            ));
        }
        if let Some(i) = pixels.iter().position(|v| !v.is_finite()) {
            return Err(bad(
                format!("Pixel {} of the drawing is not a number.", i + 1),
                format!("画板图像的第 {} 个像素不是有限数。", i + 1),
            ));
        }
        let pixels = pixels.into_iter().map(|v| v.clamp(0.0, 1.0)).collect();
        Ok(Gray {
            width,
            height,
            pixels,
        })
    }

    /// An all-paper image.
    pub fn blank(width: usize, height: usize) -> Gray {
        Gray {
            width,
            height,
            pixels: vec![0.0; width * height],
        }
    }

    /// The value at column `x`, row `y`.
    pub fn at(&self, x: usize, y: usize) -> f32 {
        self.pixels[y * self.width + x]
    }

    /// The smallest box holding every pixel above [`INK`]: (left, top, right, bottom), right
    /// and bottom exclusive; `None` for a blank image.
    pub fn ink_box(&self) -> Option<(usize, usize, usize, usize)> {
        let mut b: Option<(usize, usize, usize, usize)> = None;
        for (i, &v) in self.pixels.iter().enumerate() {
            if v > INK {
                let (x, y) = (i % self.width, i / self.width);
                b = Some(match b {
                    None => (x, y, x + 1, y + 1),
                    Some((l, t, r, bo)) => (l.min(x), t.min(y), r.max(x + 1), bo.max(y + 1)),
                });
            }
        }
        b
    }

    /// The part of the image in `(left, top, right, bottom)` (right, bottom exclusive).
    pub fn crop(&self, (l, t, r, b): (usize, usize, usize, usize)) -> Gray {
        let mut pixels = Vec::with_capacity((r - l) * (b - t));
        for y in t..b {
            pixels.extend_from_slice(&self.pixels[y * self.width + l..y * self.width + r]);
        }
        Gray {
            width: r - l,
            height: b - t,
            pixels,
        }
    }

    /// The image resampled to `width`×`height` by area averaging: each new pixel is the
    /// mean of the old image over the area it covers (partly covered pixels weigh by the
    /// share covered). Done along rows, then along columns.
    pub fn resized(&self, width: usize, height: usize) -> Gray {
        let (wx, wy) = (weights(self.width, width), weights(self.height, height));
        let mut rows = vec![0.0f64; width * self.height];
        for y in 0..self.height {
            let src = &self.pixels[y * self.width..(y + 1) * self.width];
            for (x, ws) in wx.iter().enumerate() {
                rows[y * width + x] = ws.iter().map(|&(i, w)| w * src[i] as f64).sum();
            }
        }
        let mut pixels = vec![0.0f32; width * height];
        for (y, ws) in wy.iter().enumerate() {
            for x in 0..width {
                let v: f64 = ws.iter().map(|&(i, w)| w * rows[i * width + x]).sum();
                pixels[y * width + x] = v as f32;
            }
        }
        Gray {
            width,
            height,
            pixels,
        }
    }

    /// Total ink.
    pub fn mass(&self) -> f64 {
        self.pixels.iter().map(|&v| v as f64).sum()
    }

    /// The ink's centre of mass (x, y) in pixel indices; `None` for a blank image.
    pub fn centre_of_mass(&self) -> Option<(f64, f64)> {
        let m = self.mass();
        if m <= 0.0 {
            return None;
        }
        let (mut sx, mut sy) = (0.0, 0.0);
        for (i, &v) in self.pixels.iter().enumerate() {
            let (x, y) = ((i % self.width) as f64, (i / self.width) as f64);
            sx += x * v as f64;
            sy += y * v as f64;
        }
        Some((sx / m, sy / m))
    }
}

/// For each of `n_dst` new pixels along one axis, the old pixels it covers and their weights
/// (share of the new pixel's width each covers; the weights sum to 1).
fn weights(n_src: usize, n_dst: usize) -> Vec<Vec<(usize, f64)>> {
    let r = n_src as f64 / n_dst as f64;
    (0..n_dst)
        .map(|j| {
            let (a, b) = (j as f64 * r, (j + 1) as f64 * r);
            let first = a.floor() as usize;
            let last = (b.ceil() as usize).min(n_src);
            (first..last)
                .map(|i| {
                    let overlap = (b.min(i as f64 + 1.0) - a.max(i as f64)).max(0.0);
                    (i, overlap / r)
                })
                .filter(|&(_, w)| w > 0.0)
                .collect()
        })
        .collect()
}

/// Every stage of [`preprocess`].
#[derive(Clone, Debug, PartialEq)]
pub struct Stages {
    /// The drawing as it came.
    pub stroke: Gray,
    /// The bounding box of the ink in the drawing: (left, top, right, bottom).
    pub bbox: (usize, usize, usize, usize),
    /// The drawing cropped to that box.
    pub crop: Gray,
    /// The crop scaled so its longer side is [`BOX`] pixels.
    pub scaled: Gray,
    /// Where the scaled digit's top-left corner went in the 28×28 field.
    pub offset: (usize, usize),
    /// The digit in the 28×28 field, centred by mass.
    pub centred: Gray,
    /// The network's 784 inputs: the centred digit, min-max normalised to [0, 1].
    pub input: Vec<f32>,
}

/// The message for a drawing without ink.
pub fn empty_drawing() -> Error {
    bad(
        "The pad is empty: draw a digit first.".into(),
        "画板是空的：请先写一个数字。".into(),
    )
}

/// Runs the MNIST preprocessing on a drawing (see the module docs). A drawing without ink
/// is an error ([`empty_drawing`]), never a NaN.
pub fn preprocess(stroke: Gray) -> Result<Stages> {
    let bbox = stroke.ink_box().ok_or_else(empty_drawing)?;
    let crop = stroke.crop(bbox);
    let (w, h) = (crop.width as f64, crop.height as f64);
    let side = |a: f64, b: f64| ((a / b * BOX as f64).round() as usize).clamp(1, BOX);
    let (sw, sh) = if w >= h {
        (BOX, side(h, w))
    } else {
        (side(w, h), BOX)
    };
    let scaled = crop.resized(sw, sh);
    let (cx, cy) = scaled.centre_of_mass().ok_or_else(empty_drawing)?;
    let centre = FIELD as f64 / 2.0;
    let place = |c: f64, n: usize| (centre - c).round().clamp(0.0, (FIELD - n) as f64) as usize;
    let offset = (place(cx, sw), place(cy, sh));
    let mut centred = Gray::blank(FIELD, FIELD);
    for y in 0..sh {
        let row = (offset.1 + y) * FIELD + offset.0;
        centred.pixels[row..row + sw].copy_from_slice(&scaled.pixels[y * sw..(y + 1) * sw]);
    }
    let (lo, hi) = centred
        .pixels
        .iter()
        .fold((f32::INFINITY, 0.0f32), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    if hi - lo <= 0.0 {
        return Err(empty_drawing());
    }
    let input = centred
        .pixels
        .iter()
        .map(|&v| (v - lo) / (hi - lo))
        .collect();
    Ok(Stages {
        stroke,
        bbox,
        crop,
        scaled,
        offset,
        centred,
        input,
    })
}

#[cfg(test)]
#[path = "preprocess_tests.rs"]
mod tests;
