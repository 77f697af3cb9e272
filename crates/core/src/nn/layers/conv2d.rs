//! A 2-D convolution layer (ch17, the book's `ConvLayer`). As in every framework the
//! "convolution" is a cross-correlation: the kernel is not flipped. For output channel o
//! at position (oy, ox), with stride s and padding p (zeros outside the input):
//!
//! ```text
//! Y[o][oy][ox] = B[o] + Σ_c Σ_ky Σ_kx W[o][c][ky][kx] · X[c][oy·s + ky − p][ox·s + kx − p]
//! ```
//!
//! It runs as im2col + our [`crate::nn::gemm`] (see [`crate::nn::im2col`]), one sample at a
//! time: `Y_sᵀ = rows_s · Wᵀ` (one window per row of `rows_s`). Backward, with dY the
//! gradient of the output:
//!
//! ```text
//! dW = Σ_s dY_s · rows_s      dB[o] = Σ_s Σ_positions dY_s[o]      dX_s = col2im(dY_sᵀ · W)
//! ```
//!
//! The two backward products skip the zeros of dY (most of it, behind ReLU and max-pool:
//! see [`crate::nn::sparse_grad`]), which changes no bit of them. Every sum runs in a fixed
//! order (ascending depth, position or channel, then samples in order), so training is
//! bit-identical natively and in wasm. Why im2col and not a direct loop: see
//! `ninestep bench --conv` and the README (measured on the W3 net).
//!
//! # Shapes
//! X: m × C·H·W, W: O × C·k·k (PyTorch's and ONNX's O×C×k×k, row-major), B: 1 × O,
//! Y: m × O·H′·W′ with H′ = (H + 2p − k)/s + 1.

use super::{
    check_grad_y, layer_boilerplate, visit_weights, visit_weights_mut, Layer, LayerConfig, Mode,
    Param, ParamMut,
};
use crate::nn::gemm::{gemm_nn, gemm_nt};
use crate::nn::im2col::{col2im, im2col, Window};
use crate::nn::init::Init;
use crate::nn::matrix::Matrix;
use crate::nn::shape::Shape;
use crate::nn::sparse_grad::{grad_rows, grad_w};
use crate::rng::Rng;

/// A convolution layer with its cached windows and gradients.
#[derive(Clone, Debug)]
pub struct Conv2d {
    /// The kernels, one per row: `O × C·k·k`.
    pub w: Matrix,
    /// One bias per output channel, `1 × O` (zeros and not trained without a bias).
    pub b: Matrix,
    /// Whether the bias is used and trained.
    pub bias: bool,
    window: Window,
    output: Shape,
    cols: Vec<f32>,
    y: Matrix,
    grad_w: Matrix,
    grad_b: Matrix,
    grad_x: Matrix,
    /// Wᵀ (`C·k·k × O`) and one sample's Yᵀ (`H′·W′ × O`) for the forward product.
    wt: Vec<f32>,
    yt: Vec<f32>,
    scratch_w: Vec<f32>,
    scratch_cols: Vec<f32>,
    live: Vec<bool>,
    /// One sample (or its dX) inside its border of zeros, for im2col and col2im.
    padded: Vec<f32>,
}

impl Conv2d {
    /// A layer from `input` to `output` (its channels are the number of kernels; the
    /// sizes must follow the output-size formula, as [`LayerConfig::output_shape`] gives
    /// them). Kernels are drawn by `init` with fan-in C·k·k and fan-out O·k·k.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        input: Shape,
        output: Shape,
        kernel: usize,
        stride: usize,
        padding: usize,
        bias: bool,
        init: Init,
        rng: &mut Rng,
    ) -> Conv2d {
        let depth = input.channels * kernel * kernel;
        let w = init.weights_fan(
            output.channels,
            depth,
            depth,
            output.channels * kernel * kernel,
            rng,
        );
        Conv2d::from_weights(input, output, kernel, stride, padding, w, bias)
    }

    /// A layer with the given kernels (`O × C·k·k`) and a zero bias.
    ///
    /// # Panics
    /// If `w` does not have that shape.
    pub fn from_weights(
        input: Shape,
        output: Shape,
        kernel: usize,
        stride: usize,
        padding: usize,
        w: Matrix,
        bias: bool,
    ) -> Conv2d {
        let depth = input.channels * kernel * kernel;
        assert_eq!(w.shape(), (output.channels, depth), "Conv2d: kernel shape");
        Conv2d {
            b: Matrix::zeros(1, output.channels),
            grad_w: Matrix::zeros(output.channels, depth),
            grad_b: Matrix::zeros(1, output.channels),
            w,
            bias,
            window: Window {
                input,
                out_h: output.height,
                out_w: output.width,
                kernel,
                stride,
                padding,
            },
            output,
            cols: Vec::new(),
            y: Matrix::default(),
            grad_x: Matrix::default(),
            wt: Vec::new(),
            yt: Vec::new(),
            scratch_w: Vec::new(),
            scratch_cols: Vec::new(),
            live: Vec::new(),
            padded: Vec::new(),
        }
    }

    /// Shape of one input sample.
    pub fn input_shape(&self) -> Shape {
        self.window.input
    }

    /// Shape of one output sample.
    pub fn output_shape(&self) -> Shape {
        self.output
    }

    /// ∂J/∂W of the last backward pass.
    pub fn grad_w(&self) -> &Matrix {
        &self.grad_w
    }

    /// ∂J/∂B of the last backward pass.
    pub fn grad_b(&self) -> &Matrix {
        &self.grad_b
    }
}

impl Layer for Conv2d {
    fn config(&self) -> LayerConfig {
        LayerConfig::Conv2d {
            channels: self.output.channels,
            kernel: self.window.kernel,
            stride: self.window.stride,
            padding: self.window.padding,
            bias: self.bias,
        }
    }

    fn outputs(&self) -> usize {
        self.output.len()
    }

    /// # Panics
    /// If `x.cols` is not C·H·W of the input shape.
    fn forward(&mut self, x: &Matrix, _mode: Mode) -> &Matrix {
        let g = self.window;
        assert_eq!(x.cols, g.input.len(), "Conv2d::forward: input width");
        let (o, depth, np) = (self.output.channels, g.depth(), g.positions());
        self.cols.resize(x.rows * depth * np, 0.0);
        self.y.resize(x.rows, self.output.len());
        // With at least 8 kernels, Yᵀ = rows · Wᵀ runs as A·B with whole 8-wide blocks of
        // kernels; with fewer, Y = W · rowsᵀ as A·Bᵀ. The same sums in the same order.
        let transposed = o >= 8;
        if transposed {
            self.wt.resize(depth * o, 0.0);
            for (oc, wrow) in self.w.data.chunks_exact(depth.max(1)).enumerate() {
                for (d, &v) in wrow.iter().enumerate() {
                    self.wt[d * o + oc] = v;
                }
            }
            self.yt.resize(np * o, 0.0);
        }
        for s in 0..x.rows {
            let rows = &mut self.cols[s * depth * np..(s + 1) * depth * np];
            im2col(&g, x.row(s), &mut self.padded, rows);
            let y = self.y.row_mut(s);
            if transposed {
                gemm_nn(np, depth, o, rows, &self.wt, &mut self.yt);
                for (q, yrow) in self.yt.chunks_exact(o).enumerate() {
                    for (oc, &v) in yrow.iter().enumerate() {
                        y[oc * np + q] = v;
                    }
                }
            } else {
                gemm_nt(o, depth, np, &self.w.data, rows, y);
            }
            if self.bias {
                for (plane, &b) in y.chunks_exact_mut(np).zip(&self.b.data) {
                    plane.iter_mut().for_each(|v| *v += b);
                }
            }
        }
        &self.y
    }

    /// # Panics
    /// If `grad_y` does not have the shape of the last output.
    fn backward(&mut self, grad_y: &Matrix, need_grad_x: bool) {
        check_grad_y("Conv2d", grad_y, &self.y);
        let g = self.window;
        let (o, depth, np, m) = (self.output.channels, g.depth(), g.positions(), grad_y.rows);
        self.grad_w.data.fill(0.0);
        self.grad_b.data.fill(0.0);
        self.scratch_w.resize(o * depth, 0.0);
        if need_grad_x {
            self.grad_x.resize(m, g.input.len());
            self.scratch_cols.resize(depth * np, 0.0);
            self.live.resize(np, false);
        } else {
            self.grad_x.resize(0, 0);
        }
        for s in 0..m {
            let dy = grad_y.row(s);
            let rows = &self.cols[s * depth * np..(s + 1) * depth * np];
            // dW += dY_s · rows_s  (O × P times P × C·k·k).
            grad_w(o, np, depth, dy, rows, &mut self.scratch_w);
            for (acc, v) in self.grad_w.data.iter_mut().zip(&self.scratch_w) {
                *acc += v;
            }
            if self.bias {
                for (acc, plane) in self.grad_b.data.iter_mut().zip(dy.chunks_exact(np)) {
                    *acc += plane.iter().sum::<f32>();
                }
            }
            if need_grad_x {
                // d(rows) = dY_sᵀ · W, then every window's entries go back to their pixels.
                let (drows, live) = (&mut self.scratch_cols, &mut self.live);
                grad_rows(o, np, depth, dy, &self.w.data, drows, live);
                col2im(&g, drows, live, &mut self.padded, self.grad_x.row_mut(s));
            }
        }
    }

    fn visit(&self, f: &mut dyn FnMut(Param<'_>)) {
        let bias = self.bias.then_some((&self.b, &self.grad_b));
        visit_weights([("w", &self.w, &self.grad_w)], bias, f);
    }

    fn visit_mut(&mut self, f: &mut dyn FnMut(ParamMut<'_>)) {
        let bias = self.bias.then_some((&mut self.b, &mut self.grad_b));
        visit_weights_mut([("w", &mut self.w, &mut self.grad_w)], bias, f);
    }

    layer_boilerplate!(y, grad_x);
}

#[cfg(test)]
#[path = "conv2d_tests.rs"]
mod tests;
