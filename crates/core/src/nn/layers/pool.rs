//! Max and mean pooling (ch17.5, the book's `PoolingLayer`): each channel is cut into
//! `size × size` windows moved by `stride` (no padding), and each window gives one value.
//!
//! ```text
//! max:   Y[c][oy][ox] = max over the window of X[c][oy·s + ky][ox·s + kx]
//! mean:  Y[c][oy][ox] = (Σ over the window) / size²
//! ```
//!
//! Backward, the gradient of each output goes back to the window it came from:
//!
//! ```text
//! max:   all of dY goes to the input that was the maximum (the first one in reading
//!        order if several tie); the others get 0
//! mean:  each input of the window gets dY / size²
//! ```
//!
//! Where windows overlap (stride < size) an input collects the sum from every window it is
//! in. No parameters.
//!
//! # Shapes
//! X: m × C·H·W, Y: m × C·H′·W′ with H′ = (H − size)/stride + 1.

use super::{check_grad_y, layer_boilerplate, Layer, LayerConfig, Mode};
use crate::nn::matrix::Matrix;
use crate::nn::shape::Shape;

/// Which value a window gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PoolKind {
    /// Its largest value.
    Max,
    /// Its mean.
    Mean,
}

/// A pooling layer; for max pooling it keeps where each maximum was.
#[derive(Clone, Debug)]
pub struct Pool {
    /// Max or mean.
    pub kind: PoolKind,
    input: Shape,
    output: Shape,
    size: usize,
    stride: usize,
    /// For max pooling: the column (in the input row) of each output's maximum.
    argmax: Vec<u32>,
    y: Matrix,
    grad_x: Matrix,
}

impl Pool {
    /// A pooling layer from `input` to `output` (sizes as
    /// [`LayerConfig::output_shape`] gives them).
    pub fn new(kind: PoolKind, input: Shape, output: Shape, size: usize, stride: usize) -> Pool {
        Pool {
            kind,
            input,
            output,
            size,
            stride,
            argmax: Vec::new(),
            y: Matrix::default(),
            grad_x: Matrix::default(),
        }
    }

    /// For max pooling, the input column each output of sample `s` came from (after a
    /// forward pass): the lesson draws these arrows.
    pub fn argmax(&self, s: usize) -> &[u32] {
        let n = self.output.len();
        self.argmax.get(s * n..(s + 1) * n).unwrap_or(&[])
    }
}

impl Layer for Pool {
    fn config(&self) -> LayerConfig {
        let (size, stride) = (self.size, self.stride);
        match self.kind {
            PoolKind::Max => LayerConfig::MaxPool { size, stride },
            PoolKind::Mean => LayerConfig::AvgPool { size, stride },
        }
    }

    fn outputs(&self) -> usize {
        self.output.len()
    }

    /// # Panics
    /// If `x.cols` is not C·H·W of the input shape.
    fn forward(&mut self, x: &Matrix, _mode: Mode) -> &Matrix {
        assert_eq!(x.cols, self.input.len(), "Pool::forward: input width");
        let n = self.output.len();
        self.y.resize(x.rows, n);
        let g = Windows::of(self);
        if n == 0 {
            return &self.y;
        }
        match self.kind {
            PoolKind::Max => {
                self.argmax.resize(x.rows * n, 0);
                let outs = self.y.data.chunks_exact_mut(n);
                for ((row, y), at) in x
                    .data
                    .chunks_exact(x.cols.max(1))
                    .zip(outs)
                    .zip(self.argmax.chunks_exact_mut(n))
                {
                    match g.k {
                        2 => g.max(row, y, at, 2),
                        3 => g.max(row, y, at, 3),
                        k => g.max(row, y, at, k),
                    }
                }
            }
            PoolKind::Mean => {
                for (row, y) in x
                    .data
                    .chunks_exact(x.cols.max(1))
                    .zip(self.y.data.chunks_exact_mut(n))
                {
                    g.mean(row, y);
                }
            }
        }
        &self.y
    }

    /// # Panics
    /// If `grad_y` does not have the shape of the last output.
    fn backward(&mut self, grad_y: &Matrix, need_grad_x: bool) {
        check_grad_y("Pool", grad_y, &self.y);
        if !need_grad_x {
            self.grad_x.resize(0, 0);
            return;
        }
        let (n, o, i) = (self.output.len(), self.output, self.input);
        let (k, st) = (self.size, self.stride);
        self.grad_x.resize(grad_y.rows, self.input.len());
        self.grad_x.data.fill(0.0);
        if n == 0 || i.is_empty() {
            return;
        }
        let inv = 1.0 / (self.size * self.size) as f32;
        let dxs = self.grad_x.data.chunks_exact_mut(i.len());
        for (s, (dy, dx)) in grad_y.data.chunks_exact(n).zip(dxs).enumerate() {
            match self.kind {
                // Outputs in order q = 0, 1, …: each adds its dY to its maximum's input.
                PoolKind::Max => {
                    for (&at, &g) in self.argmax[s * n..(s + 1) * n].iter().zip(dy) {
                        dx[at as usize] += g;
                    }
                }
                PoolKind::Mean => {
                    for c in 0..o.channels {
                        for oy in 0..o.height {
                            for ox in 0..o.width {
                                let g = dy[o.index(c, oy, ox)] * inv;
                                for ky in 0..k {
                                    let start = i.index(c, oy * st + ky, ox * st);
                                    dx[start..start + k].iter_mut().for_each(|d| *d += g);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    layer_boilerplate!(y, grad_x);
}

/// The window geometry of one pooling layer, for the per-sample loops.
#[derive(Clone, Copy)]
struct Windows {
    input: Shape,
    output: Shape,
    k: usize,
    stride: usize,
}

impl Windows {
    fn of(p: &Pool) -> Windows {
        Windows {
            input: p.input,
            output: p.output,
            k: p.size,
            stride: p.stride,
        }
    }

    /// Max pooling of one sample: `y` and `at` (the input column of each maximum) in
    /// output order. Reading order inside a window (row by row, left to right) with a
    /// strict `>`, so the first of tied maxima wins. `k` is passed separately so the
    /// caller can make it a constant for the common sizes.
    #[inline(always)]
    fn max(&self, x: &[f32], y: &mut [f32], at: &mut [u32], k: usize) {
        let (i, o, st) = (self.input, self.output, self.stride);
        let (plane, w) = (i.height * i.width, i.width);
        let (outs, ats) = (
            y.chunks_exact_mut(o.height * o.width),
            at.chunks_exact_mut(o.height * o.width),
        );
        for (c, (yc, ac)) in outs.zip(ats).enumerate() {
            let xc = &x[c * plane..(c + 1) * plane];
            let (yrows, arows) = (yc.chunks_exact_mut(o.width), ac.chunks_exact_mut(o.width));
            for (oy, (yr, ar)) in yrows.zip(arows).enumerate() {
                let top = oy * st * w;
                for (ox, (yv, av)) in yr.iter_mut().zip(ar.iter_mut()).enumerate() {
                    let first = top + ox * st;
                    let (mut best, mut best_at) = (xc[first], first);
                    for ky in 0..k {
                        let start = first + ky * w;
                        for (j, &v) in xc[start..start + k].iter().enumerate() {
                            if v > best {
                                (best, best_at) = (v, start + j);
                            }
                        }
                    }
                    *yv = best;
                    *av = (c * plane + best_at) as u32;
                }
            }
        }
    }

    /// Mean pooling of one sample: each window summed from +0 in reading order, times
    /// 1/size².
    fn mean(&self, x: &[f32], y: &mut [f32]) {
        let (i, o, st, k) = (self.input, self.output, self.stride, self.k);
        let (plane, w) = (i.height * i.width, i.width);
        let inv = 1.0 / (k * k) as f32;
        for (c, yc) in y.chunks_exact_mut(o.height * o.width).enumerate() {
            let xc = &x[c * plane..(c + 1) * plane];
            for (oy, yr) in yc.chunks_exact_mut(o.width).enumerate() {
                for (ox, yv) in yr.iter_mut().enumerate() {
                    let first = oy * st * w + ox * st;
                    let mut sum = 0.0;
                    for ky in 0..k {
                        let start = first + ky * w;
                        xc[start..start + k].iter().for_each(|&v| sum += v);
                    }
                    *yv = sum * inv;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::gradcheck;
    use crate::rng::Rng;

    fn pool(kind: PoolKind, input: Shape, size: usize, stride: usize) -> Pool {
        let out = LayerConfig::MaxPool { size, stride }
            .output_shape(1, input)
            .unwrap();
        Pool::new(kind, input, out, size, stride)
    }

    #[test]
    fn a_4x4_grid_by_hand() {
        #[rustfmt::skip]
        let x = Matrix::from_rows(&[[
            1., 3., 2., 0.,
            5., 4., 1., 1.,
            0., 2., 9., 8.,
            6., 1., 7., 3.,
        ]]);
        let mut max = pool(PoolKind::Max, Shape::new(1, 4, 4), 2, 2);
        assert_eq!(max.forward(&x, Mode::Train).data, [5., 2., 6., 9.]);
        assert_eq!(max.argmax(0), [4, 2, 12, 10]);
        max.backward(&Matrix::from_rows(&[[10., 20., 30., 40.]]), true);
        #[rustfmt::skip]
        assert_eq!(max.grad_x().data, [
            0., 0., 20., 0.,
            10., 0., 0., 0.,
            0., 0., 40., 0.,
            30., 0., 0., 0.,
        ]);
        let mut mean = pool(PoolKind::Mean, Shape::new(1, 4, 4), 2, 2);
        assert_eq!(
            mean.forward(&x, Mode::Train).data,
            [13. / 4., 1., 9. / 4., 27. / 4.]
        );
        mean.backward(&Matrix::from_rows(&[[4., 8., 12., 16.]]), true);
        assert_eq!(&mean.grad_x().data[..4], &[1., 1., 2., 2.]);
        assert_eq!(&mean.grad_x().data[12..], &[3., 3., 4., 4.]);
    }

    #[test]
    fn backward_matches_central_differences() {
        // Two channels, overlapping windows (stride 1 < size 2) and stride 2 with a
        // leftover row and column (5×5, size 2).
        for (input, size, stride) in [
            (Shape::new(2, 4, 5), 2, 1),
            (Shape::new(2, 5, 5), 2, 2),
            (Shape::new(1, 6, 6), 3, 3),
        ] {
            // Distinct values 0.05 apart in a shuffled order, so no nudge of ±h changes
            // which input of a window is the largest.
            let n = input.len();
            let mut order: Vec<usize> = (0..3 * n).collect();
            Rng::new(5).shuffle(&mut order);
            let x = Matrix::from_vec(3, n, order.iter().map(|&v| v as f32 * 0.05 - 2.0).collect());
            let x = x.unwrap();
            let mut rng = Rng::new(6);
            for kind in [PoolKind::Max, PoolKind::Mean] {
                let layer = pool(kind, input, size, stride);
                let c = Matrix::from_fn(3, layer.outputs(), |_, _| rng.range(-1.0, 1.0) as f32);
                let r = gradcheck::check_with(&layer, &x, &c, Mode::Train);
                eprintln!("gradcheck pool {kind:?} {input} {size}/{stride}: {r:?}");
                assert!(
                    r.max_error < 2e-3,
                    "{kind:?} {input} {size}/{stride}: {r:?}"
                );
                assert_eq!(r.checked, 3 * input.len());
            }
        }
    }
}
