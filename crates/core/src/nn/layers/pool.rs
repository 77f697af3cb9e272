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

use super::{layer_boilerplate, Layer, LayerConfig, Mode};
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
        if self.kind == PoolKind::Max {
            self.argmax.resize(x.rows * n, 0);
        }
        let inv = 1.0 / (self.size * self.size) as f32;
        let (o, i, k, st) = (self.output, self.input, self.size, self.stride);
        for s in 0..x.rows {
            let row = x.row(s);
            for c in 0..o.channels {
                for oy in 0..o.height {
                    for ox in 0..o.width {
                        let q = o.index(c, oy, ox);
                        let first = i.index(c, oy * st, ox * st);
                        let (mut best, mut at, mut sum) = (row[first], first, 0.0);
                        // Reading order: row by row of the window, left to right.
                        for ky in 0..k {
                            let start = i.index(c, oy * st + ky, ox * st);
                            for (j, &v) in row[start..start + k].iter().enumerate() {
                                sum += v;
                                if v > best {
                                    (best, at) = (v, start + j);
                                }
                            }
                        }
                        self.y.data[s * n + q] = match self.kind {
                            PoolKind::Max => {
                                self.argmax[s * n + q] = at as u32;
                                best
                            }
                            PoolKind::Mean => sum * inv,
                        };
                    }
                }
            }
        }
        &self.y
    }

    fn output(&self) -> &Matrix {
        &self.y
    }

    /// # Panics
    /// If `grad_y` does not have the shape of the last output.
    fn backward(&mut self, grad_y: &Matrix, need_grad_x: bool) {
        assert_eq!(grad_y.shape(), self.y.shape(), "Pool::backward: dY shape");
        if !need_grad_x {
            self.grad_x.resize(0, 0);
            return;
        }
        let (n, o, i) = (self.output.len(), self.output, self.input);
        let (k, st) = (self.size, self.stride);
        self.grad_x.resize(grad_y.rows, self.input.len());
        self.grad_x.data.fill(0.0);
        let inv = 1.0 / (self.size * self.size) as f32;
        for s in 0..grad_y.rows {
            let dy = grad_y.row(s);
            for c in 0..o.channels {
                for oy in 0..o.height {
                    for ox in 0..o.width {
                        let q = o.index(c, oy, ox);
                        match self.kind {
                            PoolKind::Max => {
                                let at = self.argmax[s * n + q] as usize;
                                self.grad_x.row_mut(s)[at] += dy[q];
                            }
                            PoolKind::Mean => {
                                let g = dy[q] * inv;
                                let dx = self.grad_x.row_mut(s);
                                for ky in 0..k {
                                    for kx in 0..k {
                                        dx[i.index(c, oy * st + ky, ox * st + kx)] += g;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    fn grad_x(&self) -> &Matrix {
        &self.grad_x
    }

    layer_boilerplate!();
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
