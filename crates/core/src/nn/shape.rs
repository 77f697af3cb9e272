//! The shape of one sample as it flows through a network (step 8): `channels × height ×
//! width`. Rows of a [`super::Matrix`] stay samples; an image is stored in its row flattened
//! C×H×W row-major, so value `(c, y, x)` sits at column `(c·H + y)·W + x` — the layout of
//! PyTorch's and ONNX's NCHW tensors with N = the rows.
//!
//! A flat vector of n features (what dense layers make) is the shape `n × 1 × 1`: n channels
//! of one pixel, so a 1×1 convolution on it is a dense layer. [`Shape::len`] is the row width.
//!
//! The output size of a window sliding over a side of `n` values (the book's ch17.1 formula):
//!
//! ```text
//! out = (n + 2·padding − kernel) / stride + 1      (rounded down; nothing if n + 2·padding < kernel)
//! ```

use serde::{Deserialize, Serialize};
use std::fmt;

/// `channels × height × width` of one sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Shape {
    /// Number of channels (feature maps); the number of features for a flat vector.
    pub channels: usize,
    /// Rows of each channel (1 for a flat vector).
    pub height: usize,
    /// Columns of each channel (1 for a flat vector).
    pub width: usize,
}

impl Shape {
    /// `channels × height × width`.
    pub const fn new(channels: usize, height: usize, width: usize) -> Shape {
        Shape {
            channels,
            height,
            width,
        }
    }

    /// A flat vector of `n` features: `n × 1 × 1`.
    pub const fn flat(n: usize) -> Shape {
        Shape::new(n, 1, 1)
    }

    /// Number of values of one sample, C·H·W (the width of its row), saturating.
    pub fn len(&self) -> usize {
        self.channels
            .saturating_mul(self.height)
            .saturating_mul(self.width)
    }

    /// True if a sample has no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True for a flat vector (`n × 1 × 1`).
    pub fn is_flat(&self) -> bool {
        self.height == 1 && self.width == 1
    }

    /// Pixels of one channel, H·W.
    pub fn area(&self) -> usize {
        self.height.saturating_mul(self.width)
    }

    /// The same number of values as a flat vector.
    pub fn flattened(&self) -> Shape {
        Shape::flat(self.len())
    }

    /// Column of value `(c, y, x)` in a sample's row.
    pub fn index(&self, c: usize, y: usize, x: usize) -> usize {
        (c * self.height + y) * self.width + x
    }
}

/// Output length of a window of `kernel` sliding with `stride` over `n` values padded by
/// `padding` on both ends; `None` if the window does not fit once (or `stride` is 0).
pub fn window_out(n: usize, kernel: usize, stride: usize, padding: usize) -> Option<usize> {
    let padded = n.checked_add(padding.checked_mul(2)?)?;
    if stride == 0 || kernel == 0 || padded < kernel {
        return None;
    }
    Some((padded - kernel) / stride + 1)
}

impl fmt::Display for Shape {
    /// `6×28×28` for an image, `10` for a flat vector.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_flat() {
            write!(f, "{}", self.channels)
        } else {
            write!(f, "{}×{}×{}", self.channels, self.height, self.width)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_book_output_size_formula() {
        // ch17.1: a 3×32×32 input with a 5×5 kernel, stride 1, no padding → 28×28.
        assert_eq!(window_out(32, 5, 1, 0), Some(28));
        // Padding 2 keeps 28 at 28; stride 2 halves it (rounding down).
        assert_eq!(window_out(28, 5, 1, 2), Some(28));
        assert_eq!(window_out(28, 3, 2, 1), Some(14));
        assert_eq!(window_out(14, 3, 3, 0), Some(4));
        assert_eq!(window_out(4, 5, 1, 0), None);
        assert_eq!(window_out(4, 5, 1, 1), Some(2));
        assert_eq!(window_out(4, 2, 0, 0), None);
    }

    #[test]
    fn layout_and_display() {
        let s = Shape::new(3, 32, 32);
        assert_eq!((s.len(), s.area(), s.is_flat()), (3072, 1024, false));
        assert_eq!(s.index(1, 2, 3), 1024 + 2 * 32 + 3);
        assert_eq!(s.to_string(), "3×32×32");
        assert_eq!(s.flattened(), Shape::flat(3072));
        assert_eq!(Shape::flat(10).to_string(), "10");
        assert_eq!(Shape::new(usize::MAX, 2, 2).len(), usize::MAX);
    }
}
