//! Timing harness for the training engine. Ignored by default; timings are printed, never
//! asserted. Run with
//! `cargo test --release -p ninestep-core --test nn_speed -- --ignored --nocapture`.

#![allow(clippy::unwrap_used)] // helpers outside #[test] fns build fixtures

use ninestep_core::nn::gemm::{gemm_nn, gemm_nt, gemm_tn};
use ninestep_core::nn::workload::{mnist_mlp, spiral_mlp, synthetic_digits, synthetic_spiral};
use std::time::Instant;

type Gemm = fn(usize, usize, usize, &[f32], &[f32], &mut [f32]);

fn gflops(m: usize, k: usize, n: usize, f: Gemm) -> f64 {
    let a: Vec<f32> = (0..m * k).map(|i| (i % 7) as f32 * 0.1).collect();
    let b: Vec<f32> = (0..k * n).map(|i| (i % 5) as f32 * 0.1).collect();
    let mut c = vec![0.0; m * n];
    let reps = (1e9 / (2.0 * (m * k * n) as f64)).max(10.0) as usize;
    f(m, k, n, &a, &b, &mut c);
    let t = Instant::now();
    for _ in 0..reps {
        f(m, k, n, std::hint::black_box(&a), &b, &mut c);
        std::hint::black_box(&mut c);
    }
    2.0 * (m * k * n * reps) as f64 / t.elapsed().as_secs_f64() / 1e9
}

#[test]
#[ignore]
fn gemm_speed() {
    for (name, m, k, n, f) in [
        ("X·W1     ", 64, 784, 128, gemm_nn as Gemm),
        ("Xᵀ·dZ1   ", 784, 64, 128, gemm_tn),
        ("A1·W2    ", 64, 128, 64, gemm_nn),
        ("dZ2·W2ᵀ  ", 64, 64, 128, gemm_nt),
        ("W1 tiny nn", 10, 8, 8, gemm_nn),
        ("W1 tiny tn", 8, 10, 8, gemm_tn),
        ("W1 tiny nt", 10, 8, 8, gemm_nt),
    ] {
        let best = (0..3).map(|_| gflops(m, k, n, f)).fold(0.0, f64::max);
        println!("{name} {m}×{k}×{n}: {best:.1} GFLOP/s");
    }
}

#[test]
#[ignore]
fn w1_spiral_epochs_per_second() {
    let (x, y) = synthetic_spiral(250, 1);
    let mut t = spiral_mlp(x, y, 1).unwrap();
    for _ in 0..200 {
        t.epoch().unwrap();
    }
    let mut best = 0.0f64;
    for _ in 0..5 {
        let epochs = 4000;
        let start = Instant::now();
        for _ in 0..epochs {
            t.epoch().unwrap();
        }
        best = best.max(epochs as f64 / start.elapsed().as_secs_f64());
    }
    let loss = t.history().train_loss.last().copied().unwrap_or(f32::NAN);
    println!(
        "W1 spiral 2-8-8-1 tanh, batch 10, 250 samples: {best:.0} epochs/s (loss now {loss:.4})"
    );
}

#[test]
#[ignore]
fn w2_mnist_samples_per_second() {
    let n = 10_000;
    let (x, y) = synthetic_digits(n, 2);
    let mut t = mnist_mlp(x, y, 2).unwrap();
    t.epoch().unwrap();
    let mut best = 0.0f64;
    for _ in 0..3 {
        let start = Instant::now();
        t.epoch().unwrap();
        best = best.max(n as f64 / start.elapsed().as_secs_f64());
    }
    let loss = t.history().train_loss.last().copied().unwrap_or(f32::NAN);
    println!(
        "W2 MNIST 784-128-64-10, batch 64, 10k samples: {best:.0} samples/s (loss now {loss:.4})"
    );
}
