//! A seeded stand-in for the book's Beijing PM2.5 series (ch19.4, ch19.6): hourly rows of
//! three features, made from a formula because the real file cannot ship with ninestep.
//!
//! For hour t (all noise terms are N(0, 1) draws from one [`Rng`]):
//!
//! ```text
//! wind  w_t = 0.97·w_{t−1} + 0.25·ε            (an AR(1) "wind speed", slow to change)
//! noise e_t = 0.9·e_{t−1} + 0.3·ε              (autocorrelated: tomorrow resembles today)
//! drift d_t = 0.4·sin(2π·t/2000 + φ)            (a slow swell over about twelve weeks)
//! index p_t = 100 + 20·(d_t + sin(2π·t/24) + 0.7·sin(2π·t/168) − 0.4·w_t + e_t)
//! temp  c_t = 10 + 6·sin(2π·(t − 9)/24) + 3·d_t + 0.5·ε
//! ```
//!
//! `p` is the value to forecast (the book's PM2.5), with a daily and a weekly cycle; `c`
//! ("temperature") and `w` ("wind") are its companions, as dew point, temperature,
//! pressure and wind are in the book's six columns. The first [`TRAIN_HOURS`] rows train,
//! the last [`TEST_HOURS`] test (the book: the last 8 760 of 43 824, the same fifth), and
//! every column is min-max scaled with the minimum and maximum of the training rows only.
//! A window of [`STEPS`] consecutive hours is one sample; its label is the next hour's `p`.

use super::MinMax;
use crate::nn::Matrix;
use crate::rng::Rng;
use std::f64::consts::TAU;

/// Features per hour: index, temperature, wind.
pub const FEATURES: usize = 3;
/// Column of the value to forecast.
pub const TARGET: usize = 0;
/// Hours of the training part (16 weeks).
pub const TRAIN_HOURS: usize = 16 * 168;
/// Hours of the test part (4 weeks).
pub const TEST_HOURS: usize = 4 * 168;
/// Time steps of one sample (the book's 24 hours).
pub const STEPS: usize = 24;

/// `hours` raw rows of [index, temperature, wind], row-major.
pub fn hourly(seed: u64, hours: usize) -> Vec<f32> {
    let mut rng = Rng::new(seed);
    let phase = rng.range(0.0, TAU);
    let (mut w, mut e) = (0.0f64, 0.0f64);
    let mut out = Vec::with_capacity(hours * FEATURES);
    for t in 0..hours {
        let t_f = t as f64;
        w = 0.97 * w + 0.25 * rng.normal();
        e = 0.9 * e + 0.3 * rng.normal();
        let d = 0.4 * (TAU * t_f / 2000.0 + phase).sin();
        let cycles = (TAU * t_f / 24.0).sin() + 0.7 * (TAU * t_f / 168.0).sin();
        let p = 100.0 + 20.0 * (d + cycles - 0.4 * w + e);
        let c = 10.0 + 6.0 * (TAU * (t_f - 9.0) / 24.0).sin() + 3.0 * d + 0.5 * rng.normal();
        out.extend([p as f32, c as f32, w as f32]);
    }
    out
}

/// The scaled series split in two, with the scaling kept to read values back.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Training rows, scaled, row-major `TRAIN_HOURS × FEATURES`.
    pub train: Vec<f32>,
    /// Test rows, scaled with the training rows' min and max (may leave [0, 1] a little).
    pub test: Vec<f32>,
    /// The scaling, fitted on the training rows.
    pub scale: MinMax,
}

impl Series {
    /// The stand-in series of `seed`.
    pub fn new(seed: u64) -> Series {
        let raw = hourly(seed, TRAIN_HOURS + TEST_HOURS);
        let (train, test) = raw.split_at(TRAIN_HOURS * FEATURES);
        let scale = MinMax::fit(&[train], FEATURES);
        Series {
            train: scale.normalize(train),
            test: scale.normalize(test),
            scale,
        }
    }

    /// The scaled target column of the test part.
    pub fn test_target(&self) -> Vec<f32> {
        column(&self.test, TARGET)
    }
}

/// Column `j` of row-major rows of [`FEATURES`] values.
pub fn column(rows: &[f32], j: usize) -> Vec<f32> {
    rows.chunks_exact(FEATURES).map(|r| r[j]).collect()
}

/// Every window of `steps` hours of `rows` whose next hour exists: X is
/// `n × (steps·FEATURES)` (hour k of the window in columns `k·F .. (k+1)·F`, the layout of
/// the recurrent layers), Y is `n × 1`, the target column one hour after the window.
pub fn windows(rows: &[f32], steps: usize) -> (Matrix, Matrix) {
    let hours = rows.len() / FEATURES;
    let n = hours.saturating_sub(steps);
    let width = steps * FEATURES;
    let x = Matrix::from_fn(n, width, |i, c| rows[i * FEATURES + c]);
    let y = Matrix::from_fn(n, 1, |i, _| rows[(i + steps) * FEATURES + TARGET]);
    (x, y)
}

/// The sample autocorrelation of `v` at `lag`: Σ(v_t − v̄)(v_{t+lag} − v̄) / Σ(v_t − v̄)².
pub fn autocorrelation(v: &[f32], lag: usize) -> f64 {
    let n = v.len();
    if lag >= n {
        return 0.0;
    }
    let mean = v.iter().map(|&a| a as f64).sum::<f64>() / n as f64;
    let den: f64 = v.iter().map(|&a| (a as f64 - mean).powi(2)).sum();
    let num: f64 = (0..n - lag)
        .map(|t| (v[t] as f64 - mean) * (v[t + lag] as f64 - mean))
        .sum();
    if den > 0.0 {
        num / den
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_series() {
        assert_eq!(Series::new(3), Series::new(3));
        assert_ne!(Series::new(3).train, Series::new(4).train);
        let s = Series::new(1);
        assert_eq!(s.train.len(), TRAIN_HOURS * FEATURES);
        assert_eq!(s.test.len(), TEST_HOURS * FEATURES);
    }

    #[test]
    fn min_max_is_fitted_on_the_training_rows_only() {
        let s = Series::new(1);
        for j in 0..FEATURES {
            let c = column(&s.train, j);
            let lo = c.iter().copied().fold(f32::INFINITY, f32::min);
            let hi = c.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            assert!(
                lo.abs() < 1e-6 && (hi - 1.0).abs() < 1e-6,
                "col {j}: {lo}..{hi}"
            );
        }
        // The test rows were scaled with the same numbers, so scaling them back gives the
        // raw series.
        let raw = hourly(1, TRAIN_HOURS + TEST_HOURS);
        let back = s.scale.denormalize(&s.test);
        let tail = &raw[TRAIN_HOURS * FEATURES..];
        assert!(back.iter().zip(tail).all(|(a, b)| (a - b).abs() < 1e-3));
    }

    #[test]
    fn the_daily_and_weekly_cycles_show_in_the_autocorrelation() {
        let raw = hourly(1, TRAIN_HOURS);
        let p = column(&raw, TARGET);
        let r = |lag| autocorrelation(&p, lag);
        println!(
            "ACF lag 1 {:.3}, 6 {:.3}, 12 {:.3}, 24 {:.3}, 84 {:.3}, 168 {:.3}",
            r(1),
            r(6),
            r(12),
            r(24),
            r(84),
            r(168)
        );
        // A day apart the index is alike again (peak at 24 above the trough at 12); a week
        // apart too (168 above 84, where the weekly sine has turned over).
        assert!(r(24) > r(12) + 0.5, "daily cycle");
        assert!(r(24) > r(18) && r(24) > r(30), "a peak at 24");
        assert!(r(168) > r(84) + 0.3, "weekly cycle");
        assert!(r(168) > r(156) && r(168) > r(180), "a peak at 168");
        // The noise is autocorrelated: neighbouring hours are close.
        assert!(r(1) > 0.9);
    }

    #[test]
    fn a_window_is_labelled_with_the_next_hour() {
        let s = Series::new(2);
        let (x, y) = windows(&s.train, STEPS);
        assert_eq!(x.shape(), (TRAIN_HOURS - STEPS, STEPS * FEATURES));
        assert_eq!(y.shape(), (TRAIN_HOURS - STEPS, 1));
        let i = 100;
        // Hour 3 of window i is hour i + 3 of the series.
        assert_eq!(x[(i, 3 * FEATURES + 1)], s.train[(i + 3) * FEATURES + 1]);
        assert_eq!(y[(i, 0)], x[(i + 1, (STEPS - 1) * FEATURES + TARGET)]);
    }
}
