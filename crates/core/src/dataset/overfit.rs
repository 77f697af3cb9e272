//! Ch16's overfitting set (files `ch16.train.npz` / `ch16.test.npz`), regenerated from
//! the formulas of the book's `Data/ch16_data.py` (function `TargetFunction`):
//!
//! ```text
//! train: 25 points, x = linspace(0, 2·3.1416, 25),  y = 4·sin(x)/3.1416 + 4·sin(5x)/(5·3.1416)
//! test: 100 points, x = linspace(0, 2·3.1416, 100), y = 4·sin(x)/3.1416
//! ```
//!
//! These are the first and third terms of the Fourier series of a square wave of height
//! 1 (the book's script also has the second term, 4·sin(3x)/(3π), commented out). There
//! is no random noise: the small fast wave sin(5x)/5 in the training targets plays the
//! part of the noise a network should *not* learn, and the test curve is the slow wave
//! alone. So the data need no seed. The book writes π as 3.1416, and so do we.

use super::{linspace, Dataset};

/// The book's π in the ch16 script.
#[allow(clippy::approx_constant)]
pub const CH16_PI: f64 = 3.1416;
/// Training points (the book's 25).
pub const TRAIN_POINTS: usize = 25;
/// Test points (the book's 100).
pub const TEST_POINTS: usize = 100;

/// The clean test curve: 4·sin(x)/π.
pub fn signal(x: f64) -> f64 {
    4.0 * x.sin() / CH16_PI
}

/// The training target: the clean curve plus the fast wave 4·sin(5x)/(5π).
pub fn target(x: f64) -> f64 {
    signal(x) + 4.0 * (5.0 * x).sin() / (5.0 * CH16_PI)
}

fn set(name: &str, n: usize, f: fn(f64) -> f64) -> Dataset {
    let x = linspace(0.0, 2.0 * CH16_PI, n);
    // The target is computed from the x the dataset stores (f32), so a stored point lies
    // on its curve exactly up to f32 rounding of y.
    let x: Vec<f32> = x.iter().map(|&v| v as f32).collect();
    let y = x.iter().map(|&v| f(v as f64) as f32).collect();
    Dataset::regression(name, x, y, 1, 1)
}

/// The training set (25 points) and the test set (100 points).
pub fn ch16() -> (Dataset, Dataset) {
    (
        set("ch16.train", TRAIN_POINTS, target),
        set("ch16.test", TEST_POINTS, signal),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_points_by_hand() {
        let (train, test) = ch16();
        assert_eq!((train.n, test.n), (25, 100));
        // x₀ = 0: both terms are 0. x₂₄ = 2·3.1416 = 6.2832.
        assert_eq!((train.x[0], train.y[0]), (0.0, 0.0));
        assert_eq!(train.x[24], (2.0 * CH16_PI) as f32);
        // x₆ = 6.2832·6/24 = 1.5708 ≈ π/2: sin x ≈ 1 and sin 5x ≈ 1, so
        // y = 4/3.1416 + 4/15.708 = 1.273236 + 0.254647 = 1.527884.
        assert!((train.x[6] - (CH16_PI / 2.0) as f32).abs() < 1e-6);
        assert!((train.y[6] - 1.527884).abs() < 1e-5, "{}", train.y[6]);
        // x₄ = 1.0472 ≈ π/3: sin x = 0.866027, sin 5x = −0.866019 (5x ≈ 5π/3), so
        // y = 4·0.866027/3.1416 − 4·0.866019/15.708 = 1.102657 − 0.220529 = 0.882127.
        assert!((train.y[4] - 0.882127).abs() < 2e-5, "{}", train.y[4]);
        // Test: x = 6.2832·k/99; at k = 33 (x = 2.0944 ≈ 2π/3) y = 4·0.866022/3.1416.
        assert!((test.x[33] - 2.0944).abs() < 1e-5);
        assert!((test.y[33] - 1.102652).abs() < 1e-5, "{}", test.y[33]);
        // The test curve has no fast wave: its largest value is near 4/3.1416 = 1.2732
        // (1.27308 at the grid point closest to π/2).
        let max = test.y.iter().fold(f32::MIN, |a, &b| a.max(b));
        assert!((max - 1.27308).abs() < 1e-5, "{max}");
    }
}
