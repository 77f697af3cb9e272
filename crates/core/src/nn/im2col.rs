//! im2col and col2im (ch17.4): a convolution as one matrix product. Each window of the
//! input becomes a row of a `(H′·W′) × (C·k·k)` matrix (one row per output position, the
//! transpose of the book's column layout, so that a row — one window — is contiguous):
//!
//! ```text
//! rows[oy·W′ + ox][(c·k + ky)·k + kx] = x[c][oy·s + ky − p][ox·s + kx − p]     (0 in the padding)
//! Yᵀ = rows · Wᵀ          (H′·W′ × O; the layer transposes it to C×H×W order)
//! ```
//!
//! col2im is its transpose: it adds each row back onto the pixels its window read (a pixel
//! under several windows receives the sum), which is how dX comes back from d(rows). Both
//! walk their loops in one fixed order, so the sums are the same on every target; col2im
//! visits the windows last to first, which hands every pixel its terms in ascending kernel
//! tap order (ky, then kx), the order of the column-layout loop it replaced.
//!
//! Both work on the zero-padded planes (the sample copied once inside a border of p zeros,
//! (H + 2p) × (W + 2p) per channel), so every run of k taps is one plain copy or sum with
//! no test for the border.

use super::shape::Shape;

/// Geometry of one convolution: input and output shapes (channels of the output are not
/// used here), kernel side, stride and padding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// Shape of one input sample.
    pub input: Shape,
    /// Output height H′.
    pub out_h: usize,
    /// Output width W′.
    pub out_w: usize,
    /// Kernel side k.
    pub kernel: usize,
    /// Stride s.
    pub stride: usize,
    /// Padding p.
    pub padding: usize,
}

impl Window {
    /// Columns of `rows` (entries of one window): C·k·k.
    pub fn depth(&self) -> usize {
        self.input.channels * self.kernel * self.kernel
    }

    /// Rows of `rows` (windows): H′·W′.
    pub fn positions(&self) -> usize {
        self.out_h * self.out_w
    }
}

/// Fills `rows` (`positions × depth`) from one sample `x` (C×H×W). `padded` is scratch
/// space (reused between calls) for x with its border of zeros.
pub fn im2col(g: &Window, x: &[f32], padded: &mut Vec<f32>, rows: &mut [f32]) {
    let src = pad(g, x, padded);
    // The common kernel sides get their own copy of the loop, with k a constant: a run of
    // k taps is then copied by a few moves instead of a call to `memcpy`.
    match g.kernel {
        5 => im2col_k(g, src, rows, 5),
        3 => im2col_k(g, src, rows, 3),
        2 => im2col_k(g, src, rows, 2),
        k => im2col_k(g, src, rows, k),
    }
}

/// Side of a padded plane: (H + 2p, W + 2p).
fn padded_side(g: &Window) -> (usize, usize) {
    let p = g.padding;
    (g.input.height + 2 * p, g.input.width + 2 * p)
}

/// x itself without padding, else x copied into `buf` inside a border of zeros.
fn pad<'a>(g: &Window, x: &'a [f32], buf: &'a mut Vec<f32>) -> &'a [f32] {
    let p = g.padding;
    if p == 0 {
        return x;
    }
    let (hp, wp) = padded_side(g);
    let (h, w) = (g.input.height, g.input.width);
    buf.clear();
    buf.resize(g.input.channels * hp * wp, 0.0);
    for (c, plane) in buf.chunks_exact_mut(hp * wp).enumerate() {
        for y in 0..h {
            let line = (y + p) * wp + p;
            plane[line..line + w].copy_from_slice(&x[(c * h + y) * w..(c * h + y + 1) * w]);
        }
    }
    buf
}

/// The window loop over a padded input `src`: every run of k taps is inside `src`, so
/// each is one copy (a few moves when the caller passes k as a constant).
#[inline(always)]
fn im2col_k(g: &Window, src: &[f32], rows: &mut [f32], k: usize) {
    let (hp, wp) = padded_side(g);
    let s = g.stride;
    if k == 0 {
        return;
    }
    let mut runs = rows.chunks_exact_mut(k);
    for oy in 0..g.out_h {
        for ox in 0..g.out_w {
            for c in 0..g.input.channels {
                let top = (c * hp + oy * s) * wp + ox * s;
                for ky in 0..k {
                    let Some(taps) = runs.next() else { return };
                    taps.copy_from_slice(&src[top + ky * wp..top + ky * wp + k]);
                }
            }
        }
    }
}

/// The transpose of [`im2col`]: `dx` (C×H×W, overwritten) = the sum, for every pixel, of
/// the entries of `rows` that read it. Rows whose `live` flag is false are all zeros and
/// skipped (adding +0 changes no sum: a sum that starts at +0 is never −0). `padded` is
/// scratch space: the sums run over the padded planes and the border is dropped at the
/// end (each pixel still receives its terms in the same order).
pub fn col2im(g: &Window, rows: &[f32], live: &[bool], padded: &mut Vec<f32>, dx: &mut [f32]) {
    let (k, s, p) = (g.kernel, g.stride, g.padding);
    let (hp, wp) = padded_side(g);
    let (h, w) = (g.input.height, g.input.width);
    let depth = g.depth();
    if depth == 0 {
        dx.fill(0.0);
        return;
    }
    let sums: &mut [f32] = if p == 0 {
        dx.fill(0.0);
        dx
    } else {
        padded.clear();
        padded.resize(g.input.channels * hp * wp, 0.0);
        padded
    };
    for oy in (0..g.out_h).rev() {
        for ox in (0..g.out_w).rev() {
            let q = oy * g.out_w + ox;
            if !live[q] {
                continue;
            }
            let mut runs = rows[q * depth..(q + 1) * depth].chunks_exact(k);
            for c in 0..g.input.channels {
                let top = (c * hp + oy * s) * wp + ox * s;
                for ky in 0..k {
                    let Some(taps) = runs.next() else { return };
                    let line = &mut sums[top + ky * wp..top + ky * wp + k];
                    for (d, v) in line.iter_mut().zip(taps) {
                        *d += v;
                    }
                }
            }
        }
    }
    if p > 0 {
        for (c, plane) in padded.chunks_exact(hp * wp).enumerate() {
            for y in 0..h {
                let line = (y + p) * wp + p;
                dx[(c * h + y) * w..(c * h + y + 1) * w].copy_from_slice(&plane[line..line + w]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_3x3_input_with_a_2x2_window() {
        // x = 1 2 3 / 4 5 6 / 7 8 9; each column is one window, read row by row.
        let g = Window {
            input: Shape::new(1, 3, 3),
            out_h: 2,
            out_w: 2,
            kernel: 2,
            stride: 1,
            padding: 0,
        };
        let x: Vec<f32> = (1..=9).map(|v| v as f32).collect();
        let mut rows = vec![f32::NAN; 16];
        im2col(&g, &x, &mut Vec::new(), &mut rows);
        #[rustfmt::skip]
        let want = [
            1., 2., 4., 5.,   // window (0,0): taps (0,0) (0,1) (1,0) (1,1)
            2., 3., 5., 6.,   // window (0,1)
            4., 5., 7., 8.,   // window (1,0)
            5., 6., 8., 9.,   // window (1,1)
        ];
        assert_eq!(rows, want);
        // col2im of all ones counts how many windows cover each pixel.
        let mut dx = vec![f32::NAN; 9];
        col2im(&g, &[1.0; 16], &[true; 4], &mut Vec::new(), &mut dx);
        assert_eq!(dx, [1., 2., 1., 2., 4., 2., 1., 2., 1.]);
        // A window that is not live is skipped: only windows (0,0) and (1,1) count here.
        col2im(
            &g,
            &[1.0; 16],
            &[true, false, false, true],
            &mut Vec::new(),
            &mut dx,
        );
        assert_eq!(dx, [1., 1., 0., 1., 2., 1., 0., 1., 1.]);
    }

    #[test]
    fn padding_and_stride_read_zeros_outside() {
        // 1×3×3 input, 3×3 kernel, stride 2, padding 1 → 2×2 outputs; the centre tap of
        // output (0,0) reads x[0][0], of (1,1) reads x[2][2].
        let g = Window {
            input: Shape::new(1, 3, 3),
            out_h: 2,
            out_w: 2,
            kernel: 3,
            stride: 2,
            padding: 1,
        };
        let x: Vec<f32> = (1..=9).map(|v| v as f32).collect();
        let mut rows = vec![f32::NAN; 4 * 9];
        im2col(&g, &x, &mut Vec::new(), &mut rows);
        let tap = |t: usize| -> Vec<f32> { (0..4).map(|q| rows[q * 9 + t]).collect() };
        assert_eq!(tap(4), [1., 3., 7., 9.]);
        assert_eq!(tap(0), [0., 0., 0., 5.]);
        // col2im is the transpose of im2col: <im2col(x), c> = <x, col2im(c)>.
        let c: Vec<f32> = (0..36).map(|v| (v % 7) as f32 - 3.0).collect();
        let mut back = vec![0.0; 9];
        col2im(&g, &c, &[true; 4], &mut Vec::new(), &mut back);
        let lhs: f32 = rows.iter().zip(&c).map(|(a, b)| a * b).sum();
        let rhs: f32 = x.iter().zip(&back).map(|(a, b)| a * b).sum();
        assert_eq!(lhs, rhs);
    }
}
