//! A row-major `f32` matrix in the book's convention: one sample per row, so a layer
//! computes `Z = X·W + B` with X `m×n_in`, W `n_in×n_out` and the bias row B broadcast
//! over the m rows. Used from step 2 (linear regression) onwards.
//!
//! Every operation has an `*_into` form writing into a preallocated output, so a training
//! loop allocates nothing per batch ([`Matrix::resize`] only reallocates when it grows).
//!
//! # Speed of the products
//! The products run the kernel in [`super::gemm`]: a 4×8 register block of independent
//! accumulators that LLVM turns into SSE2 / wasm SIMD128 code, summing each output in a
//! fixed order so results are bit-identical on every target. Measured on the build machine
//! (one core, best of several runs; `tests/nn_speed.rs`, and the same code built for
//! wasm32 with `+simd128` under Node 20), in GFLOP/s:
//!
//! | shape | native (SSE2) | wasm SIMD128 | wasm without SIMD | `matrixmultiply`, wasm SIMD128 |
//! |---|---|---|---|---|
//! | X·W1 64×784·784×128 | 33 | 33 | 7.2 | 31 |
//! | Xᵀ·dZ 784×64·64×128 | 34 | 35 | – | 32 |
//! | A·W2 64×128·128×64 | 36 | 37 | 7.2 | 31 |
//! | W1's tiny 10×8·8×8 | 19 | 17 | – | 9 |
//!
//! `matrixmultiply` was not taken: in wasm it is no faster (slower on W1's tiny shapes);
//! natively it picks an AVX-512/FMA kernel at run time (80–95 GFLOP/s here), which rounds
//! differently, so native and browser histories of the same seed would no longer agree.

use super::gemm;
use serde::{Deserialize, Serialize};
use std::ops::{Index, IndexMut};

/// A dense row-major matrix of `f32`: element `(i, j)` is `data[i * cols + j]`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Matrix {
    /// Number of rows (samples).
    pub rows: usize,
    /// Number of columns (features or units).
    pub cols: usize,
    /// The `rows × cols` elements, row after row.
    pub data: Vec<f32>,
}

impl Matrix {
    /// A `rows × cols` matrix of zeros.
    pub fn zeros(rows: usize, cols: usize) -> Matrix {
        Matrix {
            rows,
            cols,
            data: vec![0.0; rows * cols],
        }
    }

    /// Wraps row-major `data`; `None` if its length is not `rows × cols`.
    pub fn from_vec(rows: usize, cols: usize, data: Vec<f32>) -> Option<Matrix> {
        (data.len() == rows * cols).then_some(Matrix { rows, cols, data })
    }

    /// Builds a matrix from rows of equal length (handy in tests and lessons).
    ///
    /// # Panics
    /// If the rows have different lengths.
    pub fn from_rows<R: AsRef<[f32]>>(rows: &[R]) -> Matrix {
        let cols = rows.first().map_or(0, |r| r.as_ref().len());
        let mut data = Vec::with_capacity(rows.len() * cols);
        for r in rows {
            assert_eq!(r.as_ref().len(), cols, "from_rows: ragged rows");
            data.extend_from_slice(r.as_ref());
        }
        Matrix {
            rows: rows.len(),
            cols,
            data,
        }
    }

    /// A matrix whose element `(i, j)` is `f(i, j)`.
    pub fn from_fn(rows: usize, cols: usize, mut f: impl FnMut(usize, usize) -> f32) -> Matrix {
        let data = (0..rows * cols).map(|q| f(q / cols, q % cols)).collect();
        Matrix { rows, cols, data }
    }

    /// `(rows, cols)`.
    pub fn shape(&self) -> (usize, usize) {
        (self.rows, self.cols)
    }

    /// Row `i` as a slice.
    pub fn row(&self, i: usize) -> &[f32] {
        &self.data[i * self.cols..(i + 1) * self.cols]
    }

    /// Row `i` as a mutable slice.
    pub fn row_mut(&mut self, i: usize) -> &mut [f32] {
        &mut self.data[i * self.cols..(i + 1) * self.cols]
    }

    /// Changes the shape to `rows × cols`, keeping the allocation when it is big enough.
    /// The contents are unspecified afterwards (callers overwrite them).
    pub fn resize(&mut self, rows: usize, cols: usize) {
        self.rows = rows;
        self.cols = cols;
        self.data.resize(rows * cols, 0.0);
    }

    /// Copies `other` into `self`, reusing the allocation.
    pub fn assign(&mut self, other: &Matrix) {
        self.resize(other.rows, other.cols);
        self.data.copy_from_slice(&other.data);
    }

    /// The transpose Aᵀ.
    pub fn t(&self) -> Matrix {
        Matrix::from_fn(self.cols, self.rows, |i, j| self[(j, i)])
    }

    /// `out = self · b`. `(m×k)·(k×n) → m×n`.
    ///
    /// # Panics
    /// If `self.cols != b.rows`.
    pub fn matmul_into(&self, b: &Matrix, out: &mut Matrix) {
        assert_eq!(
            self.cols,
            b.rows,
            "A·B: A is {:?}, B is {:?}",
            self.shape(),
            b.shape()
        );
        out.resize(self.rows, b.cols);
        gemm::gemm_nn(
            self.rows,
            self.cols,
            b.cols,
            &self.data,
            &b.data,
            &mut out.data,
        );
    }

    /// `self · b` (allocating). See [`Matrix::matmul_into`].
    pub fn matmul(&self, b: &Matrix) -> Matrix {
        let mut out = Matrix::default();
        self.matmul_into(b, &mut out);
        out
    }

    /// `out = selfᵀ · b`. `(k×m)ᵀ·(k×n) → m×n`: the weight gradient `Xᵀ·dZ`.
    ///
    /// # Panics
    /// If `self.rows != b.rows`.
    pub fn matmul_tn_into(&self, b: &Matrix, out: &mut Matrix) {
        assert_eq!(
            self.rows,
            b.rows,
            "Aᵀ·B: A is {:?}, B is {:?}",
            self.shape(),
            b.shape()
        );
        out.resize(self.cols, b.cols);
        gemm::gemm_tn(
            self.cols,
            self.rows,
            b.cols,
            &self.data,
            &b.data,
            &mut out.data,
        );
    }

    /// `selfᵀ · b` (allocating). See [`Matrix::matmul_tn_into`].
    pub fn matmul_tn(&self, b: &Matrix) -> Matrix {
        let mut out = Matrix::default();
        self.matmul_tn_into(b, &mut out);
        out
    }

    /// `out = self · bᵀ`. `(m×k)·(n×k)ᵀ → m×n`: the input gradient `dZ·Wᵀ`.
    ///
    /// # Panics
    /// If `self.cols != b.cols`.
    pub fn matmul_nt_into(&self, b: &Matrix, out: &mut Matrix) {
        assert_eq!(
            self.cols,
            b.cols,
            "A·Bᵀ: A is {:?}, B is {:?}",
            self.shape(),
            b.shape()
        );
        out.resize(self.rows, b.rows);
        gemm::gemm_nt(
            self.rows,
            self.cols,
            b.rows,
            &self.data,
            &b.data,
            &mut out.data,
        );
    }

    /// `self · bᵀ` (allocating). See [`Matrix::matmul_nt_into`].
    pub fn matmul_nt(&self, b: &Matrix) -> Matrix {
        let mut out = Matrix::default();
        self.matmul_nt_into(b, &mut out);
        out
    }

    /// Adds the row `bias` (length `cols`) to every row: `Z = X·W + B` broadcasts B.
    ///
    /// # Panics
    /// If `bias.len() != self.cols`.
    pub fn add_row(&mut self, bias: &[f32]) {
        assert_eq!(bias.len(), self.cols, "add_row: bias length");
        for row in self.data.chunks_exact_mut(self.cols.max(1)) {
            for (z, b) in row.iter_mut().zip(bias) {
                *z += b;
            }
        }
    }

    /// Writes the sum of each column into `out` (length `cols`), rows added in order:
    /// the bias gradient `dB = Σᵢ dZᵢ`.
    ///
    /// # Panics
    /// If `out.len() != self.cols`.
    pub fn col_sums_into(&self, out: &mut [f32]) {
        assert_eq!(out.len(), self.cols, "col_sums_into: output length");
        out.fill(0.0);
        for row in self.data.chunks_exact(self.cols.max(1)) {
            for (s, v) in out.iter_mut().zip(row) {
                *s += v;
            }
        }
    }

    /// The column sums as a new vector. See [`Matrix::col_sums_into`].
    pub fn col_sums(&self) -> Vec<f32> {
        let mut out = vec![0.0; self.cols];
        self.col_sums_into(&mut out);
        out
    }

    /// A new matrix with `f` applied to every element.
    pub fn map(&self, f: impl Fn(f32) -> f32) -> Matrix {
        Matrix {
            rows: self.rows,
            cols: self.cols,
            data: self.data.iter().map(|&v| f(v)).collect(),
        }
    }

    /// Applies `f` to every element in place.
    pub fn map_inplace(&mut self, f: impl Fn(f32) -> f32) {
        self.data.iter_mut().for_each(|v| *v = f(*v));
    }

    /// `out[i] = f(self[i], other[i])` elementwise.
    ///
    /// # Panics
    /// If the shapes differ.
    pub fn zip_map_into(&self, other: &Matrix, out: &mut Matrix, f: impl Fn(f32, f32) -> f32) {
        assert_eq!(self.shape(), other.shape(), "zip_map: shapes differ");
        out.resize(self.rows, self.cols);
        for ((o, a), b) in out.data.iter_mut().zip(&self.data).zip(&other.data) {
            *o = f(*a, *b);
        }
    }

    /// `f(self[i], other[i])` elementwise as a new matrix. See [`Matrix::zip_map_into`].
    pub fn zip_map(&self, other: &Matrix, f: impl Fn(f32, f32) -> f32) -> Matrix {
        let mut out = Matrix::default();
        self.zip_map_into(other, &mut out, f);
        out
    }

    /// `self −= lr · grad`, elementwise (the SGD step).
    ///
    /// # Panics
    /// If the lengths differ.
    pub fn sub_scaled(&mut self, lr: f32, grad: &[f32]) {
        assert_eq!(self.data.len(), grad.len(), "sub_scaled: lengths differ");
        for (w, g) in self.data.iter_mut().zip(grad) {
            *w -= lr * g;
        }
    }

    /// True if no element is NaN or infinite.
    pub fn is_finite(&self) -> bool {
        self.data.iter().all(|v| v.is_finite())
    }
}

impl Index<(usize, usize)> for Matrix {
    type Output = f32;
    fn index(&self, (i, j): (usize, usize)) -> &f32 {
        debug_assert!(j < self.cols);
        &self.data[i * self.cols + j]
    }
}

impl IndexMut<(usize, usize)> for Matrix {
    fn index_mut(&mut self, (i, j): (usize, usize)) -> &mut f32 {
        debug_assert!(j < self.cols);
        &mut self.data[i * self.cols + j]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_match_hand_computation() {
        // [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]] (by hand).
        let a = Matrix::from_rows(&[[1.0, 2.0], [3.0, 4.0]]);
        let b = Matrix::from_rows(&[[5.0, 6.0], [7.0, 8.0]]);
        let ab = Matrix::from_rows(&[[19.0, 22.0], [43.0, 50.0]]);
        assert_eq!(a.matmul(&b), ab);
        assert_eq!(a.t().matmul_tn(&b), ab);
        assert_eq!(a.matmul_nt(&b.t()), ab);
        assert_eq!(a.t().t(), a);
    }

    #[test]
    fn bias_columns_and_elementwise() {
        let mut z = Matrix::from_rows(&[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
        z.add_row(&[10.0, 20.0, 30.0]);
        assert_eq!(z.row(1), &[14.0, 25.0, 36.0]);
        assert_eq!(z.col_sums(), vec![25.0, 47.0, 69.0]);
        let d = z.zip_map(&z.map(|v| v * 2.0), |a, b| b - a);
        assert_eq!(d, z);
        z.sub_scaled(0.5, &[2.0; 6]);
        assert_eq!(z[(0, 0)], 10.0);
        assert!(z.is_finite());
        z[(1, 2)] = f32::NAN;
        assert!(!z.is_finite());
        assert!(Matrix::from_vec(2, 2, vec![0.0; 3]).is_none());
    }

    #[test]
    fn resize_keeps_the_allocation() {
        let mut m = Matrix::zeros(64, 10);
        let cap = m.data.capacity();
        m.resize(10, 10);
        m.resize(64, 10);
        assert_eq!((m.shape(), m.data.capacity()), ((64, 10), cap));
    }
}
