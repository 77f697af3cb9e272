//! The training of the subtraction nets: ch19.2's 2-4-1 RNN and ch20.2/20.3's LSTM and GRU
//! with 4 hidden units, their accuracy over the 136 pairs, and SGD with batch 1 until every
//! pair is right (the book's stop rule).

use super::cell::recurrent_layer;
pub use super::cell::CellKind;
use super::data::{minus_set, read_bits, BITS};
use super::sgd_epoch;
use crate::error::{Error, ErrorKind, Result};
use crate::nn::layers::SeqOutput;
use crate::nn::{Activation, Init, LayerConfig, Matrix, Network, NetworkConfig, Output};
use crate::rng::Rng;

/// Hidden units (the book's 2-4-1).
pub const HIDDEN: usize = 4;

/// The 2-4-1 net over 4 steps: tanh RNN without bias, a per-step V without bias, logistic.
pub fn minus_net(seed: u64) -> Result<Network> {
    NetworkConfig {
        input_shape: None,
        inputs: 2 * BITS,
        layers: vec![
            LayerConfig::Rnn {
                units: HIDDEN,
                steps: BITS,
                output: SeqOutput::All,
                bias: false,
            },
            LayerConfig::TimeDense {
                units: 1,
                steps: BITS,
                activation: Activation::Identity,
                bias: false,
            },
        ],
        output: Output::Logistic,
        init: Init::Normal,
        seed,
    }
    .build()
}

/// The subtraction net with cell `kind`: [`minus_net`] for the RNN; for the LSTM and GRU
/// the book's ch20 setting, 4 hidden units with bias, a per-step V with bias, logistic
/// output, uniform (Xavier) weights.
pub fn cell_net(kind: CellKind, seed: u64) -> Result<Network> {
    if kind == CellKind::Rnn {
        return minus_net(seed);
    }
    let cell = recurrent_layer(kind.cell_type(), HIDDEN, BITS, SeqOutput::All);
    NetworkConfig {
        input_shape: None,
        inputs: 2 * BITS,
        layers: vec![
            cell,
            LayerConfig::TimeDense {
                units: 1,
                steps: BITS,
                activation: Activation::Identity,
                bias: true,
            },
        ],
        output: Output::Logistic,
        init: Init::Xavier,
        seed,
    }
    .build()
}

/// Share of the 136 pairs whose four output bits are all right.
pub fn accuracy(net: &mut Network, pairs: &[(usize, usize)], x: &Matrix) -> f64 {
    let out = net.forward(x);
    let right = pairs
        .iter()
        .enumerate()
        .filter(|&(i, &(a, b))| read_bits(out.row(i)) == a - b)
        .count();
    right as f64 / pairs.len().max(1) as f64
}

/// Trains up to `epochs` epochs, stopping once every pair is right; returns the net and the
/// accuracy after each epoch (entry 0: untrained).
pub fn train(seed: u64, eta: f32, epochs: usize) -> Result<(Network, Vec<f64>)> {
    train_cell(CellKind::Rnn, seed, eta, epochs)
}

/// [`train`] for the net with cell `kind` ([`cell_net`]).
pub fn train_cell(
    kind: CellKind,
    seed: u64,
    eta: f32,
    epochs: usize,
) -> Result<(Network, Vec<f64>)> {
    let mut net = cell_net(kind, seed)?;
    let (pairs, x, y) = minus_set();
    let mut rng = Rng::new(seed ^ 0x5eed);
    let mut acc = vec![accuracy(&mut net, &pairs, &x)];
    while acc.len() <= epochs && acc.last() != Some(&1.0) {
        sgd_epoch(&mut net, &x, &y, eta, &mut rng);
        if !net.is_finite() {
            return Err(Error::new(
                ErrorKind::Diverged,
                "The weights overflowed; try a smaller learning rate.",
                "权重溢出了；请用更小的学习率。",
            ));
        }
        acc.push(accuracy(&mut net, &pairs, &x));
    }
    Ok((net, acc))
}
