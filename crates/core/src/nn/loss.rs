//! The output layer's function and its paired loss (ch3, ch4–7, used in every later step).
//!
//! | output | A = g(Z) | loss J (mean over the m rows) | book |
//! |---|---|---|---|
//! | identity | A = Z | J = (1/2m)·Σ (a − y)² | fitting, MSE |
//! | logistic | A = σ(Z) | J = −(1/m)·Σ [y ln a + (1 − y) ln(1 − a)] | binary, CE2 |
//! | softmax | aⱼ = e^{zⱼ}/Σₖ e^{zₖ} | J = −(1/m)·Σ y ln a | multi-class, CE3 |
//!
//! Each pair is chosen so that the gradient at the output is the same simple formula,
//! **dZ = (A − Y) / m**. This crate puts the 1/m into dZ once, here, so that every later
//! gradient (dW = Xᵀ·dZ, dB = Σ dZ, dX = dZ·Wᵀ) is the true gradient of J; the book writes
//! dZ = A − Y and divides dW and dB by m instead, which gives the same numbers.
//!
//! The cross-entropies are computed from the logits Z, never from ln A, so they stay finite
//! and exact when A rounds to 0 or 1: binary CE = softplus(z) − y·z and multi-class
//! CE = logsumexp(z)·Σy − Σ y·z, with the row maximum subtracted before exponentiating.
//! Softmax assumes each label row sums to 1 (one-hot), as the book's labels do.

use super::math;
use super::matrix::Matrix;
use serde::{Deserialize, Serialize};

/// The function of the output layer, which also fixes the loss.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Output {
    /// A = Z with the mean squared error (regression, "fitting").
    Identity,
    /// A = σ(Z) with binary cross-entropy (one output per yes/no question).
    Logistic,
    /// Row-wise softmax with multi-class cross-entropy (one-hot labels).
    Softmax,
}

/// ln(1 + e^z) without overflow.
#[inline(always)]
fn softplus(z: f32) -> f32 {
    z.max(0.0) + math::ln_1p(math::exp(-z.abs()))
}

impl Output {
    /// The name used in URLs and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            Output::Identity => "identity",
            Output::Logistic => "logistic",
            Output::Softmax => "softmax",
        }
    }

    /// `a = g(z)`, row by row.
    ///
    /// # Shapes
    /// `z`: m×n; `a` is resized to m×n.
    pub fn forward_into(self, z: &Matrix, a: &mut Matrix) {
        a.resize(z.rows, z.cols);
        match self {
            Output::Identity => a.data.copy_from_slice(&z.data),
            Output::Logistic => {
                for (a, z) in a.data.iter_mut().zip(&z.data) {
                    *a = math::sigmoid(*z);
                }
            }
            Output::Softmax => {
                for (ar, zr) in a
                    .data
                    .chunks_exact_mut(z.cols)
                    .zip(z.data.chunks_exact(z.cols))
                {
                    softmax_row(zr, ar);
                }
            }
        }
    }

    /// The loss J(Z, Y) averaged over the m rows; also writes A = g(Z) and, when
    /// `grad_z` is given, dJ/dZ = (A − Y)/m.
    ///
    /// # Shapes
    /// `z`, `y`: m×n; `a` and `grad_z` are resized to m×n.
    ///
    /// # Panics
    /// If `z` and `y` have different shapes.
    pub fn loss(self, z: &Matrix, y: &Matrix, a: &mut Matrix, grad_z: Option<&mut Matrix>) -> f32 {
        assert_eq!(z.shape(), y.shape(), "loss: Z and Y shapes differ");
        self.forward_into(z, a);
        let m = z.rows.max(1);
        let n = z.cols.max(1);
        // Each row's loss is summed in f64 in row order: exact enough and fixed-order.
        let mut total = 0.0f64;
        for ((zr, yr), ar) in z
            .data
            .chunks_exact(n)
            .zip(y.data.chunks_exact(n))
            .zip(a.data.chunks_exact(n))
        {
            let row: f32 = match self {
                Output::Identity => {
                    ar.iter()
                        .zip(yr)
                        .map(|(a, y)| (a - y) * (a - y))
                        .sum::<f32>()
                        * 0.5
                }
                Output::Logistic => zr.iter().zip(yr).map(|(&z, &y)| softplus(z) - y * z).sum(),
                Output::Softmax => {
                    let max = zr.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
                    let sum: f32 = zr.iter().map(|&v| math::exp(v - max)).sum();
                    let lse = max + math::ln(sum);
                    zr.iter().zip(yr).map(|(&z, &y)| y * (lse - z)).sum()
                }
            };
            total += row as f64;
        }
        if let Some(g) = grad_z {
            // dJ/dZ = (A − Y)/m for all three pairs (see the module docs).
            let inv_m = 1.0 / m as f32;
            a.zip_map_into(y, g, |a, y| (a - y) * inv_m);
        }
        (total / m as f64) as f32
    }

    /// The loss alone (allocates A; for tests and lessons).
    pub fn loss_of(self, z: &Matrix, y: &Matrix) -> f32 {
        self.loss(z, y, &mut Matrix::default(), None)
    }

    /// The loss of one sample in `f64`, straight from the book's formulas: ½Σ(z − y)²,
    /// −Σ[y·ln σ(z) + (1 − y)·ln(1 − σ(z))] or −Σ y·ln softmax(z). A reference for tests and
    /// gradient checks, independent of the engine's `f32` [`Output::loss`].
    pub fn loss_f64(self, z: &[f64], y: &[f64]) -> f64 {
        let pairs = z.iter().zip(y);
        match self {
            Output::Identity => pairs.map(|(z, y)| (z - y).powi(2)).sum::<f64>() / 2.0,
            Output::Logistic => pairs
                .map(|(z, y)| {
                    let a = 1.0 / (1.0 + (-z).exp());
                    -(y * a.ln() + (1.0 - y) * (1.0 - a).ln())
                })
                .sum(),
            Output::Softmax => {
                let s: f64 = z.iter().map(|v| v.exp()).sum();
                -pairs.map(|(z, y)| y * (z.exp() / s).ln()).sum::<f64>()
            }
        }
    }
}

/// Softmax of one row, with the row maximum subtracted first so e^x never overflows.
fn softmax_row(z: &[f32], a: &mut [f32]) {
    let max = z.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
    let mut sum = 0.0;
    for (a, &z) in a.iter_mut().zip(z) {
        *a = math::exp(z - max);
        sum += *a;
    }
    let inv = 1.0 / sum;
    a.iter_mut().for_each(|a| *a *= inv);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f64_loss(out: Output, z: &Matrix, y: &Matrix) -> f64 {
        // The independent f64 textbook formulas, row by row.
        let f64s = |r: &[f32]| r.iter().map(|&v| v as f64).collect::<Vec<_>>();
        let total: f64 = (0..z.rows)
            .map(|i| out.loss_f64(&f64s(z.row(i)), &f64s(y.row(i))))
            .sum();
        total / z.rows as f64
    }

    fn case(out: Output) -> (Matrix, Matrix) {
        let z = Matrix::from_rows(&[[0.3, -1.2, 2.0], [-0.4, 0.9, 0.1]]);
        let y = match out {
            Output::Softmax => Matrix::from_rows(&[[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]),
            Output::Logistic => Matrix::from_rows(&[[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]]),
            Output::Identity => Matrix::from_rows(&[[0.5, -1.0, 1.0], [0.0, 2.0, -0.3]]),
        };
        (z, y)
    }

    #[test]
    fn losses_match_f64_textbook_formulas_and_their_gradients_match_central_differences() {
        for out in [Output::Identity, Output::Logistic, Output::Softmax] {
            let (z, y) = case(out);
            let (mut a, mut g) = (Matrix::default(), Matrix::default());
            let j = out.loss(&z, &y, &mut a, Some(&mut g));
            assert!((j as f64 - f64_loss(out, &z, &y)).abs() < 1e-6, "{out:?}");
            let h = 1e-3;
            for q in 0..z.data.len() {
                let (mut zp, mut zm) = (z.clone(), z.clone());
                zp.data[q] += h;
                zm.data[q] -= h;
                let numeric = (f64_loss(out, &zp, &y) - f64_loss(out, &zm, &y)) / (2.0 * h as f64);
                assert!((numeric - g.data[q] as f64).abs() < 1e-5, "{out:?} dZ[{q}]");
            }
        }
    }

    #[test]
    fn softmax_rows_sum_to_one_and_survive_huge_logits() {
        // Ch7.1: softmax([3, 1, −3]) = [0.879, 0.119, 0.002].
        let mut a = Matrix::default();
        Output::Softmax.forward_into(&Matrix::from_rows(&[[3.0, 1.0, -3.0]]), &mut a);
        for (got, want) in a.data.iter().zip([0.879, 0.119, 0.002]) {
            assert!((got - want).abs() < 5e-4);
        }
        let z = Matrix::from_rows(&[[1000.0, -1000.0, 0.0], [-1000.0, -1000.0, -1000.0]]);
        let y = Matrix::from_rows(&[[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]);
        let mut g = Matrix::default();
        let j = Output::Softmax.loss(&z, &y, &mut a, Some(&mut g));
        assert!(a.is_finite() && g.is_finite());
        assert_eq!(a.row(0), &[1.0, 0.0, 0.0]);
        for i in 0..2 {
            assert!((a.row(i).iter().sum::<f32>() - 1.0).abs() < 1e-6);
        }
        // Row 0 costs 2000 nats (wrong by 2000 in logit), row 1 costs ln 3.
        assert!((j - (2000.0 + 3f32.ln()) / 2.0).abs() < 1e-3, "{j}");
        let j = Output::Logistic.loss_of(
            &Matrix::from_rows(&[[-1000.0], [1000.0]]),
            &Matrix::from_rows(&[[1.0], [1.0]]),
        );
        assert!((j - 500.0).abs() < 1e-3, "{j}");
    }

    #[test]
    fn book_cross_entropy_examples() {
        // Ch3.2: binary a = 0.6 with y = 1 → 0.51; three classes [0.2, 0.5, 0.3] where the
        // true class ("fail") has probability 0.3 → −ln 0.3 = 1.2.
        let logit = |a: f32| (a / (1.0 - a)).ln();
        let j = Output::Logistic.loss_of(
            &Matrix::from_rows(&[[logit(0.6)]]),
            &Matrix::from_rows(&[[1.0]]),
        );
        assert!((j - 0.51).abs() < 5e-3, "{j}");
        let z = Matrix::from_rows(&[[0.2f32.ln(), 0.5f32.ln(), 0.3f32.ln()]]);
        let j = Output::Softmax.loss_of(&z, &Matrix::from_rows(&[[0.0, 0.0, 1.0]]));
        assert!((j - 1.204).abs() < 1e-3, "{j}");
    }
}
