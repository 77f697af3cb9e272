//! Golden histories: the same seeds must give the same training curves on every target.
//!
//! The constants below are FNV-1a hashes of the bits of every per-epoch training loss
//! (`nn::workload::history_hash`). They were produced natively (x86-64, debug and release)
//! and by the same code compiled to wasm32-unknown-unknown, with and without `+simd128`,
//! under Node 20: all four agree, which is what lets a shared link replay a run exactly in
//! any browser. A deliberate change to the numerics (kernel order, math functions, init,
//! shuffling) changes them: re-run this test natively, update the constants, and re-check
//! in wasm.

#![allow(clippy::unwrap_used)] // fixtures

use ninestep_core::experiment::Workload;
use ninestep_core::nn::workload::history_hash;

/// The history hash of `workload` after `epochs` epochs on `samples` synthetic samples
/// drawn with `seed` (which also seeds the net).
fn hash_after(workload: Workload, samples: usize, seed: u64, epochs: usize) -> i32 {
    let mut t = workload.synthetic(samples, seed).unwrap();
    for _ in 0..epochs {
        t.epoch().unwrap();
    }
    history_hash(&t)
}

#[test]
fn w1_spiral_history_is_pinned() {
    assert_eq!(hash_after(Workload::SpiralMlp, 250, 1, 300), -1_107_834_742);
}

#[test]
fn w2_mnist_history_is_pinned() {
    assert_eq!(hash_after(Workload::MnistMlp, 256, 2, 2), -25_663_287);
}

/// W3, the book's ch18 digits CNN (conv, pooling, dense), on 64 synthetic digits.
#[test]
fn w3_cnn_history_is_pinned() {
    let hash = hash_after(Workload::MnistCnn, 64, 3, 2);
    println!("W3 hash {hash}");
    assert_eq!(hash, W3);
}

/// W4, the row-by-row LSTM (28 steps × 28 pixels, BPTT through every gate), on 64
/// synthetic digits.
#[test]
fn w4_lstm_history_is_pinned() {
    let hash = hash_after(Workload::DigitsLstm, 64, 4, 2);
    println!("W4 hash {hash}");
    assert_eq!(hash, W4);
}

/// The W3 and W4 hashes (x86-64 and wasm32, see the module doc).
pub const W3: i32 = 1_603_138_482;
/// See [`W3`].
pub const W4: i32 = 1_300_747_895;
