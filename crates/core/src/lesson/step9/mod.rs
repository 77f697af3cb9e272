//! Step 9 — recurrent networks (the book's ch19–20), on the engine's recurrent layers
//! ([`crate::nn::layers::Recurrent`]): the echo task and binary subtraction, with the net
//! unrolled through time so every forward value and every BPTT number can be read.

pub mod cell;
pub mod data;
pub mod echo;
pub mod forecast;
pub mod forecast_roll;
pub mod gates;
pub mod minus;
pub mod minus_train;
pub mod minus_view;
pub mod pair;
pub mod rows;
pub mod vanishing;

use crate::error::{Error, ErrorKind};
use crate::nn::{Matrix, Network};
use crate::rng::Rng;

/// The error of a Step whose weights overflowed (`rnn-echo`, `rnn-forecast`); the widget
/// keeps the weights of its last good Step.
pub fn overflowed() -> Error {
    Error::new(
        ErrorKind::Diverged,
        "The weights overflowed; try a smaller learning rate.",
        "权重溢出了；请用更小的学习率。",
    )
}

/// One epoch of plain SGD with batch 1 (the book's setting in ch19): the samples in an
/// order shuffled by `rng`, one update each; returns the mean loss before the updates.
pub fn sgd_epoch(net: &mut Network, x: &Matrix, y: &Matrix, eta: f32, rng: &mut Rng) -> f64 {
    let mut order: Vec<usize> = (0..x.rows).collect();
    rng.shuffle(&mut order);
    let (mut xi, mut yi) = (Matrix::zeros(1, x.cols), Matrix::zeros(1, y.cols));
    let mut sum = 0.0;
    for &i in &order {
        xi.data.copy_from_slice(x.row(i));
        yi.data.copy_from_slice(y.row(i));
        sum += net.train_batch(&xi, &yi, eta) as f64;
    }
    sum / x.rows.max(1) as f64
}
