//! Datasets: the [`Dataset`] table, the book's data regenerated from its formulas
//! ([`book`]), TensorFlow-Playground-style toy sets ([`playground`]), the learner's CSV
//! files ([`csv`]), MNIST digits ([`mnist`]), ch16's overfitting curve ([`overfit`]),
//! a seeded hourly series standing in for ch19's PM2.5 ([`series`]), splits
//! ([`mod@split`]) and min-max normalisation ([`normalize`]). All randomness comes from the
//! portable [`Rng`], so the same seed gives the same points natively and in every browser.

pub mod book;
pub mod csv;
mod data;
pub mod mnist;
pub mod normalize;
pub mod overfit;
pub mod playground;
pub mod series;
pub mod shapes;
pub mod sizes;
pub mod split;

#[cfg(test)]
mod book_tests;
#[cfg(test)]
mod csv_tests;

pub use csv::{parse_csv, parse_csv_with, CsvOptions, Task};
pub use data::{Dataset, MAX_ROWS};
pub use mnist::parse_mnist_bin;
pub use normalize::{MinMax, Normalizer};
pub use split::{generate_validation_set, split};

use crate::rng::Rng;

/// `n` evenly spaced numbers from `lo` to `hi` inclusive (numpy's `linspace`).
pub fn linspace(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    match n {
        0 => Vec::new(),
        1 => vec![lo],
        _ => (0..n)
            .map(|i| lo + (hi - lo) * i as f64 / (n - 1) as f64)
            .collect(),
    }
}

/// Ch3's data: 50 points, x = linspace(0, 1, 50), y = 2x + 3 + U(−0.5, 0.5).
pub fn ch03(seed: u64) -> (Vec<f64>, Vec<f64>) {
    let mut rng = Rng::new(seed);
    let x = linspace(0.0, 1.0, 50);
    let y = x
        .iter()
        .map(|&x| 2.0 * x + 3.0 + rng.range(-0.5, 0.5))
        .collect();
    (x, y)
}

/// Least-squares line y ≈ w·x + b (closed form): w = cov(x, y)/var(x), b = ȳ − w·x̄.
pub fn least_squares(x: &[f64], y: &[f64]) -> (f64, f64) {
    let m = x.len() as f64;
    let mx = x.iter().sum::<f64>() / m;
    let my = y.iter().sum::<f64>() / m;
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let sxx: f64 = x.iter().map(|a| (a - mx) * (a - mx)).sum();
    let w = sxy / sxx;
    (w, my - w * mx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ch03_has_the_books_shape_and_noise() {
        let (x, y) = ch03(1);
        assert_eq!((x.len(), y.len()), (50, 50));
        assert_eq!((x[0], x[49]), (0.0, 1.0));
        assert!(x
            .iter()
            .zip(&y)
            .all(|(x, y)| (y - 2.0 * x - 3.0).abs() <= 0.5));
        assert_eq!(ch03(1), ch03(1));
        assert_ne!(ch03(1).1, ch03(2).1);
    }

    #[test]
    fn least_squares_recovers_an_exact_line() {
        let x = linspace(0.0, 1.0, 11);
        let y: Vec<f64> = x.iter().map(|x| 3.0 * x - 1.0).collect();
        let (w, b) = least_squares(&x, &y);
        assert!((w - 3.0).abs() < 1e-12 && (b + 1.0).abs() < 1e-12);
    }
}
