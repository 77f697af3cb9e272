//! Min-max normalisation per column (the book's `NormalizeX` / `NormalizeY`, ch5.3–5.6):
//!
//! ```text
//! x′ = (x − min) / (max − min)        x = x′·(max − min) + min
//! ```
//!
//! Ch5 shows why: on raw house data (distance ~2–22 km, area 40–120 m²) SGD diverges,
//! normalised it converges. A net trained on normalised X (and Y) is a linear model in the
//! normalised units; [`denormalize_linear`] turns its W, B back into real units (ch5.4):
//!
//! ```text
//! z = Σᵢ wᵢ·(xᵢ − minᵢ)/rᵢ + b   ⇒   W_realᵢ = wᵢ/rᵢ,   B_real = b − Σᵢ wᵢ·minᵢ/rᵢ
//! ```
//!
//! and, if Y was normalised too (ch5.6), both are then scaled by r_y and B_real gains min_y.

use super::matrix::Matrix;
use serde::{Deserialize, Serialize};

/// Per-column minimum and range (max − min; a constant column gets range 1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MinMax {
    /// Column minima.
    pub min: Vec<f32>,
    /// Column ranges max − min (1 where a column is constant).
    pub range: Vec<f32>,
}

impl MinMax {
    /// Fits each column of `m` separately (`NormalizeX`).
    pub fn fit(m: &Matrix) -> MinMax {
        let mut lo = vec![f32::INFINITY; m.cols];
        let mut hi = vec![f32::NEG_INFINITY; m.cols];
        for row in m.data.chunks_exact(m.cols.max(1)) {
            for ((l, h), &v) in lo.iter_mut().zip(hi.iter_mut()).zip(row) {
                *l = l.min(v);
                *h = h.max(v);
            }
        }
        MinMax::from_bounds(lo, hi)
    }

    /// One minimum and range for all columns together (the book's MNIST reader), repeated
    /// for each of `m`'s columns.
    pub fn fit_global(m: &Matrix) -> MinMax {
        let lo = m.data.iter().fold(f32::INFINITY, |a, &v| a.min(v));
        let hi = m.data.iter().fold(f32::NEG_INFINITY, |a, &v| a.max(v));
        MinMax::from_bounds(vec![lo; m.cols], vec![hi; m.cols])
    }

    fn from_bounds(lo: Vec<f32>, hi: Vec<f32>) -> MinMax {
        let range = lo
            .iter()
            .zip(&hi)
            .map(|(l, h)| if h > l { h - l } else { 1.0 })
            .collect();
        let min = lo
            .into_iter()
            .map(|l| if l.is_finite() { l } else { 0.0 })
            .collect();
        MinMax { min, range }
    }

    /// x′ = (x − min)/range, column by column, in place.
    pub fn apply_inplace(&self, m: &mut Matrix) {
        for row in m.data.chunks_exact_mut(m.cols.max(1)) {
            for ((v, lo), r) in row.iter_mut().zip(&self.min).zip(&self.range) {
                *v = (*v - lo) / r;
            }
        }
    }

    /// x′ = (x − min)/range as a new matrix.
    pub fn apply(&self, m: &Matrix) -> Matrix {
        let mut out = m.clone();
        self.apply_inplace(&mut out);
        out
    }

    /// x = x′·range + min, in place (`DeNormalizeY`).
    pub fn invert_inplace(&self, m: &mut Matrix) {
        for row in m.data.chunks_exact_mut(m.cols.max(1)) {
            for ((v, lo), r) in row.iter_mut().zip(&self.min).zip(&self.range) {
                *v = *v * r + lo;
            }
        }
    }

    /// x = x′·range + min as a new matrix.
    pub fn invert(&self, m: &Matrix) -> Matrix {
        let mut out = m.clone();
        self.invert_inplace(&mut out);
        out
    }
}

/// Real-unit weights of a linear model trained on normalised data (ch5.4, ch5.6).
///
/// # Shapes
/// `w`: features × outputs, `b`: outputs; `x` has one entry per feature, `y` (if Y was
/// normalised) one per output. Returns `(W_real, B_real)` of the same shapes. Computed in
/// f64.
pub fn denormalize_linear(
    w: &Matrix,
    b: &[f32],
    x: &MinMax,
    y: Option<&MinMax>,
) -> (Matrix, Vec<f32>) {
    let mut w_real = Matrix::zeros(w.rows, w.cols);
    let mut b_real = Vec::with_capacity(w.cols);
    for (o, &b_o) in b.iter().enumerate().take(w.cols) {
        let (ry, my) = y.map_or((1.0, 0.0), |y| (y.range[o] as f64, y.min[o] as f64));
        let mut shift = 0.0f64;
        for i in 0..w.rows {
            let wi = w[(i, o)] as f64 / x.range[i] as f64;
            w_real[(i, o)] = (wi * ry) as f32;
            shift += wi * x.min[i] as f64;
        }
        b_real.push(((b_o as f64 - shift) * ry + my) as f32);
    }
    (w_real, b_real)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_and_invert_round_trip() {
        let m = Matrix::from_rows(&[[2.0, 40.0, 7.0], [22.0, 119.0, 7.0], [12.0, 80.0, 7.0]]);
        let mm = MinMax::fit(&m);
        assert_eq!(
            (mm.min.clone(), mm.range.clone()),
            (vec![2.0, 40.0, 7.0], vec![20.0, 79.0, 1.0])
        );
        let n = mm.apply(&m);
        assert_eq!(n.row(0), &[0.0, 0.0, 0.0]);
        assert_eq!(n.row(1), &[1.0, 1.0, 0.0]);
        assert_eq!(mm.invert(&n), m);
        let g = MinMax::fit_global(&m);
        assert_eq!((g.min[2], g.range[0]), (2.0, 117.0));
    }

    #[test]
    fn book_ch5_4_real_weights() {
        // Ch5.4: W = [−40.23261123, 399.36389489], B = 244.39118797 on normalised X give
        // W_real = [−2.01737219, 5.05523918], B_real = 46.26647363. The area column spans
        // 40..119 (r = 79). The distance column's min and range are not printed; they are
        // solved from the book's own W_real and B_real (r₁ = 19.943078, min₁ = 2.024838,
        // matching the printed min 2.02 and max 21.96).
        let x = MinMax {
            min: vec![2.024_838, 40.0],
            range: vec![19.943_078, 79.0],
        };
        let w = Matrix::from_rows(&[[-40.232_61], [399.363_9]]);
        let (wr, br) = denormalize_linear(&w, &[244.391_19], &x, None);
        assert!((wr[(1, 0)] - 5.055_239).abs() < 1e-6, "{}", wr[(1, 0)]);
        assert!((wr[(0, 0)] + 2.017_372).abs() < 1e-5);
        assert!((br[0] - 46.266_47).abs() < 1e-3, "{}", br[0]);
    }

    #[test]
    fn denormalised_model_predicts_like_the_normalised_one() {
        let x = Matrix::from_rows(&[[3.0, 50.0], [15.0, 93.0], [21.0, 110.0]]);
        let y = Matrix::from_rows(&[[200.0], [486.0], [600.0]]);
        let (mx, my) = (MinMax::fit(&x), MinMax::fit(&y));
        let (w, b) = (Matrix::from_rows(&[[-0.08], [0.81]]), vec![0.128]);
        let (wr, br) = denormalize_linear(&w, &b, &mx, Some(&my));
        for i in 0..3 {
            let xn = mx.apply(&Matrix::from_rows(&[x.row(i)]));
            let z_norm = xn.matmul(&w).data[0] + b[0];
            let via_norm = my.invert(&Matrix::from_rows(&[[z_norm]])).data[0];
            let direct = x.row(i)[0] * wr.data[0] + x.row(i)[1] * wr.data[1] + br[0];
            assert!((via_norm - direct).abs() < 1e-3, "{via_norm} vs {direct}");
        }
    }
}
