//! Weight initialisation (`WeightsBias_1_0.InitialParameters` in the book, ch9 on; ch15.1
//! compares them). W is `n_in × n_out`, the bias starts at 0.
//!
//! | method | W ~ | suits |
//! |---|---|---|
//! | zero | 0 | the ch15.1 counter-example: hidden units stay identical |
//! | normal | N(0, 1) | early chapters |
//! | xavier | U(−r, r), r = √(6/(n_in + n_out)) | sigmoid, tanh |
//! | msra | N(0, σ²), σ = √(2/n_out) (the book's choice of n_out) | ReLU |
//!
//! Draws come from the project's [`Rng`] in row-major order, so a seed fixes every weight.

use super::matrix::Matrix;
use crate::rng::Rng;
use serde::{Deserialize, Serialize};

/// How a layer's weights are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Init {
    /// All zeros.
    Zero,
    /// Standard normal N(0, 1).
    Normal,
    /// Uniform on ±√(6/(n_in + n_out)) (Glorot & Bengio 2010).
    Xavier,
    /// Normal with standard deviation √(2/n_out) (He et al. 2015, as the book writes it).
    Msra,
}

impl Init {
    /// A fresh `n_in × n_out` weight matrix.
    pub fn weights(self, n_in: usize, n_out: usize, rng: &mut Rng) -> Matrix {
        self.weights_fan(n_in, n_out, n_in, n_out, rng)
    }

    /// A fresh `rows × cols` matrix drawn for a layer with the given fan-in and fan-out (a
    /// convolution's kernels: `O × C·k·k` with fan-in C·k·k and fan-out O·k·k).
    pub fn weights_fan(
        self,
        rows: usize,
        cols: usize,
        fan_in: usize,
        fan_out: usize,
        rng: &mut Rng,
    ) -> Matrix {
        let fan = (fan_in + fan_out).max(1) as f64;
        Matrix::from_fn(rows, cols, |_, _| match self {
            Init::Zero => 0.0,
            Init::Normal => rng.normal() as f32,
            Init::Xavier => {
                let r = (6.0 / fan).sqrt();
                rng.range(-r, r) as f32
            }
            Init::Msra => (rng.normal() * (2.0 / fan_out.max(1) as f64).sqrt()) as f32,
        })
    }

    /// The name used in URLs and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            Init::Zero => "zero",
            Init::Normal => "normal",
            Init::Xavier => "xavier",
            Init::Msra => "msra",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moments(m: &Matrix) -> (f64, f64) {
        let n = m.data.len() as f64;
        let mean = m.data.iter().map(|&v| v as f64).sum::<f64>() / n;
        let var = m
            .data
            .iter()
            .map(|&v| (v as f64 - mean).powi(2))
            .sum::<f64>()
            / n;
        (mean, var)
    }

    #[test]
    fn each_method_has_its_distribution() {
        let mut rng = Rng::new(5);
        assert!(Init::Zero
            .weights(3, 4, &mut rng)
            .data
            .iter()
            .all(|&v| v == 0.0));
        let (m, v) = moments(&Init::Normal.weights(300, 200, &mut rng));
        assert!(m.abs() < 0.01 && (v - 1.0).abs() < 0.02);
        let w = Init::Xavier.weights(300, 200, &mut rng);
        let r = (6.0f64 / 500.0).sqrt();
        assert!(w.data.iter().all(|&v| (v as f64).abs() <= r));
        // Var of U(−r, r) is r²/3.
        assert!((moments(&w).1 - r * r / 3.0).abs() < 1e-4);
        let (m, v) = moments(&Init::Msra.weights(300, 200, &mut rng));
        assert!(m.abs() < 0.005 && (v - 2.0 / 200.0).abs() < 3e-4);
    }

    #[test]
    fn same_seed_same_weights() {
        let a = Init::Xavier.weights(7, 5, &mut Rng::new(9));
        let b = Init::Xavier.weights(7, 5, &mut Rng::new(9));
        assert_eq!(a, b);
        assert_eq!(a.shape(), (7, 5));
    }
}
