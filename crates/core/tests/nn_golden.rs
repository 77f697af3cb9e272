//! Golden histories: the same seeds must give the same training curves on every target.
//!
//! The constants below are FNV-1a hashes of the bits of every per-epoch training loss.
//! They were produced natively (x86-64, debug and release) and by the same code compiled
//! to wasm32-unknown-unknown, with and without `+simd128`, under Node 20: all four agree,
//! which is what lets a shared link replay a run exactly in any browser. A deliberate
//! change to the numerics (kernel order, math functions, init, shuffling) changes them:
//! re-run this test natively, update the constants, and re-check in wasm.

#![allow(clippy::unwrap_used)] // fixtures

use ninestep_core::nn::workload::{
    digits_lstm, mnist_cnn, mnist_mlp, spiral_mlp, synthetic_digits, synthetic_spiral,
};
use ninestep_core::nn::Trainer;

fn hash(t: &Trainer) -> i32 {
    let fnv = |h: u32, v: &f32| (h ^ v.to_bits()).wrapping_mul(16_777_619);
    t.history().train_loss.iter().fold(2_166_136_261u32, fnv) as i32
}

#[test]
fn w1_spiral_history_is_pinned() {
    let (x, y) = synthetic_spiral(250, 1);
    let mut t = spiral_mlp(x, y, 1).unwrap();
    for _ in 0..300 {
        t.epoch().unwrap();
    }
    assert_eq!(hash(&t), -1_107_834_742);
}

#[test]
fn w2_mnist_history_is_pinned() {
    let (x, y) = synthetic_digits(256, 2);
    let mut t = mnist_mlp(x, y, 2).unwrap();
    for _ in 0..2 {
        t.epoch().unwrap();
    }
    assert_eq!(hash(&t), -25_663_287);
}

/// W3, the book's ch18 digits CNN (conv, pooling, dense), on 64 synthetic digits.
#[test]
fn w3_cnn_history_is_pinned() {
    let (x, y) = synthetic_digits(64, 3);
    let mut t = mnist_cnn(x, y, 3).unwrap();
    for _ in 0..2 {
        t.epoch().unwrap();
    }
    println!("W3 hash {}", hash(&t));
    assert_eq!(hash(&t), W3);
}

/// W4, the row-by-row LSTM (28 steps × 28 pixels, BPTT through every gate), on 64
/// synthetic digits.
#[test]
fn w4_lstm_history_is_pinned() {
    let (x, y) = synthetic_digits(64, 4);
    let mut t = digits_lstm(x, y, 4).unwrap();
    for _ in 0..2 {
        t.epoch().unwrap();
    }
    println!("W4 hash {}", hash(&t));
    assert_eq!(hash(&t), W4);
}

/// The W3 and W4 hashes (x86-64 and wasm32, see the module doc).
pub const W3: i32 = 1_603_138_482;
/// See [`W3`].
pub const W4: i32 = 1_300_747_895;
