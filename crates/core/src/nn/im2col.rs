//! im2col and col2im (ch17.4): a convolution as one matrix product. Each window of the
//! input becomes a column of a `(C·k·k) × (H′·W′)` matrix, so with the kernels as the rows
//! of W (`O × C·k·k`):
//!
//! ```text
//! cols[(c·k + ky)·k + kx][oy·W′ + ox] = x[c][oy·s + ky − p][ox·s + kx − p]     (0 in the padding)
//! Y = W · cols            (O × H′·W′: one sample's output, already in C×H×W order)
//! ```
//!
//! col2im is its transpose: it adds each column back onto the pixels its window read (a
//! pixel under several windows receives the sum), which is how dX comes back from dcols.
//! Both walk their loops in one fixed order, so the sums are the same on every target.

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
    /// Rows of `cols`: C·k·k.
    pub fn depth(&self) -> usize {
        self.input.channels * self.kernel * self.kernel
    }

    /// Columns of `cols`: H′·W′.
    pub fn positions(&self) -> usize {
        self.out_h * self.out_w
    }

    /// The output positions `o` (along a side of `n` inputs with `outs` outputs) whose
    /// input `o·s + t − p` lies inside `0..n`, for kernel tap `t`.
    fn inside(&self, t: usize, n: usize, outs: usize) -> std::ops::Range<usize> {
        let (s, p) = (self.stride, self.padding);
        // o·s + t ≥ p  ⇔  o ≥ ⌈(p − t)/s⌉;   o·s + t − p ≤ n − 1  ⇔  o ≤ ⌊(n − 1 + p − t)/s⌋.
        let lo = if t >= p { 0 } else { (p - t).div_ceil(s) };
        let hi = if n + p > t {
            ((n - 1 + p - t) / s + 1).min(outs)
        } else {
            0
        };
        lo..hi.max(lo)
    }
}

/// Fills `cols` (`depth × positions`) from one sample `x` (C×H×W).
pub fn im2col(g: &Window, x: &[f32], cols: &mut [f32]) {
    let (k, s, p) = (g.kernel, g.stride, g.padding);
    let (h, w) = (g.input.height, g.input.width);
    let np = g.positions();
    for c in 0..g.input.channels {
        let plane = &x[c * h * w..(c + 1) * h * w];
        for ky in 0..k {
            let rows = g.inside(ky, h, g.out_h);
            for kx in 0..k {
                let r = (c * k + ky) * k + kx;
                let dst = &mut cols[r * np..(r + 1) * np];
                let xs = g.inside(kx, w, g.out_w);
                for oy in 0..g.out_h {
                    let line = &mut dst[oy * g.out_w..(oy + 1) * g.out_w];
                    if !rows.contains(&oy) {
                        line.fill(0.0);
                        continue;
                    }
                    let src = &plane[(oy * s + ky - p) * w..][..w];
                    line[..xs.start].fill(0.0);
                    line[xs.end..].fill(0.0);
                    if s == 1 {
                        let x0 = xs.start + kx - p;
                        line[xs.clone()].copy_from_slice(&src[x0..x0 + xs.len()]);
                    } else {
                        for ox in xs.clone() {
                            line[ox] = src[ox * s + kx - p];
                        }
                    }
                }
            }
        }
    }
}

/// The transpose of [`im2col`]: `dx` (C×H×W, overwritten) = the sum, for every pixel, of
/// the entries of `cols` that read it.
pub fn col2im(g: &Window, cols: &[f32], dx: &mut [f32]) {
    let (k, s, p) = (g.kernel, g.stride, g.padding);
    let (h, w) = (g.input.height, g.input.width);
    let np = g.positions();
    dx.fill(0.0);
    for c in 0..g.input.channels {
        let plane = &mut dx[c * h * w..(c + 1) * h * w];
        for ky in 0..k {
            let rows = g.inside(ky, h, g.out_h);
            for kx in 0..k {
                let r = (c * k + ky) * k + kx;
                let src = &cols[r * np..(r + 1) * np];
                let xs = g.inside(kx, w, g.out_w);
                for oy in rows.clone() {
                    let line = &src[oy * g.out_w..(oy + 1) * g.out_w];
                    let dst = &mut plane[(oy * s + ky - p) * w..][..w];
                    if s == 1 {
                        let x0 = xs.start + kx - p;
                        let dst = &mut dst[x0..x0 + xs.len()];
                        for (d, v) in dst.iter_mut().zip(&line[xs.clone()]) {
                            *d += v;
                        }
                    } else {
                        for ox in xs.clone() {
                            dst[ox * s + kx - p] += line[ox];
                        }
                    }
                }
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
        let mut cols = vec![f32::NAN; 16];
        im2col(&g, &x, &mut cols);
        #[rustfmt::skip]
        let want = [
            1., 2., 4., 5.,   // tap (0,0) of windows 1..4
            2., 3., 5., 6.,   // tap (0,1)
            4., 5., 7., 8.,   // tap (1,0)
            5., 6., 8., 9.,   // tap (1,1)
        ];
        assert_eq!(cols, want);
        // col2im of all ones counts how many windows cover each pixel.
        let mut dx = vec![f32::NAN; 9];
        col2im(&g, &[1.0; 16], &mut dx);
        assert_eq!(dx, [1., 2., 1., 2., 4., 2., 1., 2., 1.]);
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
        let mut cols = vec![f32::NAN; 9 * 4];
        im2col(&g, &x, &mut cols);
        assert_eq!(&cols[4 * 4..5 * 4], &[1., 3., 7., 9.]);
        assert_eq!(&cols[0..4], &[0., 0., 0., 5.]);
        // col2im is the transpose of im2col: <im2col(x), c> = <x, col2im(c)>.
        let c: Vec<f32> = (0..36).map(|v| (v % 7) as f32 - 3.0).collect();
        let mut back = vec![0.0; 9];
        col2im(&g, &c, &mut back);
        let lhs: f32 = cols.iter().zip(&c).map(|(a, b)| a * b).sum();
        let rhs: f32 = x.iter().zip(&back).map(|(a, b)| a * b).sum();
        assert_eq!(lhs, rhs);
    }
}
