//! The engine side of ch19.4/19.6's forecast: the regression net (one or two recurrent
//! layers over 24 hours, the last step's h into one linear output), its mini-batch epoch,
//! and the forecast h hours ahead made by rolling the one-hour model forward.
//!
//! Rolling forward (the book's `predict`): the test windows are cut into blocks of h
//! consecutive samples. The first sample of a block sees only measured hours; the j-th
//! (j = 1 … h−1) is the window one hour later, whose last j hours are the ones the model has
//! just forecast, so their target column is replaced by those forecasts (the companion
//! columns keep their measured values, as in the book). The score is over every forecast of
//! every whole block: the loss ½·mean (a − y)² and the book's "accuracy", which for a
//! fitting net is R² = 1 − MSE/Var(y) (`__CalAccuracy`, see ../shared/curriculum.md).
//! The book's own figures (table 19-8 and ch19.6) sit here beside the scoring.

use super::cell::recurrent_layer;
pub use super::cell::{CellKind, CELLS};
use crate::dataset::series::{FEATURES, STEPS, TARGET};
use crate::error::Result;
use crate::nn::layers::SeqOutput;
use crate::nn::metrics::{squared_error, variance};
use crate::nn::{Activation, Init, LayerConfig, Matrix, Network, NetworkConfig, Output};
use crate::rng::Rng;

/// The horizons of table 19-8, in its order (hours).
pub const HORIZONS: [usize; 4] = [8, 4, 2, 1];
/// Table 19-8 (ch19.4, one layer of 4): (loss, accuracy) at 8, 4, 2, 1 h.
pub const BOOK_ONE: [(f64, f64); 4] = [
    (0.001171, 0.737769),
    (0.000686, 0.846447),
    (0.000414, 0.907291),
    (0.000268, 0.940090),
];
/// Ch19.6 (two layers of 2): (loss, accuracy) at 8, 4, 2, 1 h.
pub const BOOK_TWO: [(f64, f64); 4] = [
    (0.001157, 0.740684),
    (0.000644, 0.855700),
    (0.000377, 0.915486),
    (0.000239, 0.946411),
];
/// The book's parameter counts: one layer of 4 and two layers of 2.
pub const BOOK_PARAMS: [usize; 2] = [49, 26];

/// The score of one horizon.
#[derive(Clone, Debug, PartialEq)]
pub struct HorizonScore {
    /// Hours ahead.
    pub horizon: usize,
    /// ½·mean squared error of the scaled forecasts.
    pub loss: f64,
    /// The book's "accuracy": R² = 1 − MSE/Var(y).
    pub accuracy: f64,
    /// The forecasts, one per test window of the whole blocks.
    pub forecast: Vec<f32>,
}

/// `layers` recurrent layers of `units` each (every layer but the last outputs every step,
/// which the next reads as its sequence; the last outputs h_T), then one linear unit.
pub fn forecast_net(cell: CellKind, layers: usize, units: usize, seed: u64) -> Result<Network> {
    let mut list: Vec<LayerConfig> = (0..layers)
        .map(|l| {
            let out = if l + 1 == layers {
                SeqOutput::Last
            } else {
                SeqOutput::All
            };
            recurrent_layer(cell.cell_type(), units, STEPS, out)
        })
        .collect();
    list.push(LayerConfig::dense(1, Activation::Identity));
    NetworkConfig {
        input_shape: None,
        inputs: STEPS * FEATURES,
        layers: list,
        output: Output::Identity,
        init: Init::Xavier,
        seed,
    }
    .build()
}

/// One epoch of mini-batch SGD (batches of `batch` in an order shuffled by `rng`, the last
/// one smaller); returns the mean of the batches' losses before their updates.
pub fn minibatch_epoch(
    net: &mut Network,
    x: &Matrix,
    y: &Matrix,
    batch: usize,
    eta: f32,
    rng: &mut Rng,
) -> f64 {
    let mut order: Vec<usize> = (0..x.rows).collect();
    rng.shuffle(&mut order);
    let (mut sum, mut batches) = (0.0, 0);
    for chunk in order.chunks(batch.max(1)) {
        let xb = Matrix::from_fn(chunk.len(), x.cols, |i, c| x[(chunk[i], c)]);
        let yb = Matrix::from_fn(chunk.len(), y.cols, |i, c| y[(chunk[i], c)]);
        sum += net.train_batch(&xb, &yb, eta) as f64;
        batches += 1;
    }
    sum / batches.max(1) as f64
}

/// The forecasts `horizon` hours ahead for the first `n − n mod horizon` test windows
/// `x` (see the module doc): sample s·h + j is forecast from a window whose last j target
/// values are the forecasts of samples s·h … s·h + j − 1.
pub fn roll(net: &mut Network, x: &Matrix, horizon: usize) -> Vec<f32> {
    let h = horizon.max(1);
    let count = x.rows - x.rows % h;
    let blocks = count / h;
    let mut out = vec![0.0f32; count];
    for j in 0..h {
        let mut xb = Matrix::from_fn(blocks, x.cols, |b, c| x[(b * h + j, c)]);
        for b in 0..blocks {
            for k in 0..j {
                // Hour STEPS − j + k of this window is the hour sample b·h + k forecast.
                xb[(b, (STEPS - j + k) * FEATURES + TARGET)] = out[b * h + k];
            }
        }
        let a = net.predict(&xb);
        for b in 0..blocks {
            out[b * h + j] = a.data[b];
        }
    }
    out
}

/// The score of forecasts `a` against the first `a.len()` targets `y`: (loss ½·MSE,
/// accuracy R² = 1 − MSE/Var(y)).
pub fn score(a: &[f32], y: &[f32]) -> (f64, f64) {
    let n = a.len().min(y.len());
    let (a, y) = (row(&a[..n]), row(&y[..n]));
    let mse = squared_error(&a, &y) / n.max(1) as f64;
    (mse / 2.0, 1.0 - mse / variance(&y))
}

/// Every horizon of [`HORIZONS`] rolled over the test windows `(x, y)` and scored.
pub fn score_all(net: &mut Network, x: &Matrix, y: &Matrix) -> Vec<HorizonScore> {
    HORIZONS
        .iter()
        .map(|&h| {
            let forecast = roll(net, x, h);
            let (loss, accuracy) = score(&forecast, &y.data);
            HorizonScore {
                horizon: h,
                loss,
                accuracy,
                forecast,
            }
        })
        .collect()
}

fn row(v: &[f32]) -> Matrix {
    Matrix::from_fn(v.len(), 1, |i, _| v[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rolling_feeds_the_forecasts_back_into_the_window() {
        // A net whose output is the last hour's target value: x·U with U = 1 on that input
        // only, so the rolled forecast must repeat each block's first forecast.
        let mut net = forecast_net(CellKind::Rnn, 1, 1, 1).expect("net");
        net.visit_mut(|_, p| p.value.iter_mut().for_each(|v| *v = 0.0));
        let mut set = |layer: usize, name: &str, idx: usize, v: f32| {
            net.visit_mut(|l, p| {
                if l == layer && p.name == name {
                    p.value[idx] = v;
                }
            })
        };
        // One unit: h_t = tanh(x_t·U); U picks the target column; V = 1 reads h_T.
        set(0, "u", TARGET, 1.0);
        set(1, "w", 0, 1.0);
        let x = Matrix::from_fn(6, STEPS * FEATURES, |i, c| {
            (i * 100 + c) as f32 / 10_000.0 // distinct values per sample and hour
        });
        let one = roll(&mut net, &x, 1);
        let three = roll(&mut net, &x, 3);
        let last = |i: usize| ((x[(i, (STEPS - 1) * FEATURES + TARGET)]) as f64).tanh() as f32;
        assert_eq!(one.len(), 6);
        for (i, &a) in one.iter().enumerate() {
            assert!((a - last(i)).abs() < 1e-6, "1 h: {a} vs {}", last(i));
        }
        // Horizon 3: samples 1, 2 (and 4, 5) read the forecast of the sample before as
        // their last hour, so they give tanh of it.
        for b in [0, 3] {
            assert!((three[b] - last(b)).abs() < 1e-6);
            let f1 = (three[b] as f64).tanh() as f32;
            assert!((three[b + 1] - f1).abs() < 1e-6, "{} vs {f1}", three[b + 1]);
            let f2 = (three[b + 1] as f64).tanh() as f32;
            assert!((three[b + 2] - f2).abs() < 1e-6);
        }
    }

    #[test]
    fn score_is_half_the_mse_and_r2() {
        let (loss, acc) = score(&[1.0, 2.0, 4.0], &[1.0, 3.0, 5.0]);
        // MSE = (0 + 1 + 1)/3; Var(y) = 8/3.
        assert!((loss - 1.0 / 3.0).abs() < 1e-12);
        assert!((acc - (1.0 - (2.0 / 3.0) / (8.0 / 3.0))).abs() < 1e-12);
    }
}
