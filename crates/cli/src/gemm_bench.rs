//! `ninestep bench --gemm`: the engine's own matrix kernel (`ninestep_core::nn::gemm`)
//! against `matrixmultiply::sgemm`, single-threaded, on every product one training batch
//! of W1 and W2 computes. The shapes are read off the networks that
//! `ninestep_core::nn::workload` builds, so they follow the workload definitions:
//!
//! * forward `Z = X·W`: `gemm_nn`, batch × inputs · inputs × units;
//! * weight gradient `dW = Xᵀ·dZ`: `gemm_tn`, inputs × batch · batch × units;
//! * input gradient `dX = dZ·Wᵀ`: `gemm_nt`, batch × units · units × inputs (every layer
//!   but the first, as `Network::backward` skips it there).
//!
//! For each shape: GFLOP/s (2·m·k·n per product) of both routes, median, min and max of
//! the timed runs after a warm-up, and how far the two results are apart. stdout gets
//!
//! ```text
//! gemm W2 L1 X·W 64×784·784×128 ours | GFLOP/s | median N | min N | max N
//! gemm W2 L1 X·W 64×784·784×128 matrixmultiply | GFLOP/s | median N | min N | max N
//! gemm W2 L1 X·W 64×784·784×128 check | max |Δ| 3.1e-6 | max |C| 21.4 | bit-identical no
//! ```
//!
//! and a last line per workload with the time of all its products for one batch.

use crate::bench::{fmt_rate, stats};
use ninestep_core::experiment::Workload;
use ninestep_core::nn::{gemm, Trainer};
use ninestep_core::rng::Rng;
use std::time::Instant;

/// Which product: `C = A·B`, `C = Aᵀ·B` or `C = A·Bᵀ` (row-major, as in `nn::gemm`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `gemm_nn`.
    Nn,
    /// `gemm_tn`: A stored `k×m`.
    Tn,
    /// `gemm_nt`: B stored `n×k`.
    Nt,
}

/// One product of a training batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// The workload it belongs to.
    pub workload: Workload,
    /// Its layer, from 1.
    pub layer: usize,
    /// Which product.
    pub op: Op,
    /// Rows of C.
    pub m: usize,
    /// The summed dimension.
    pub k: usize,
    /// Columns of C.
    pub n: usize,
}

impl Shape {
    /// `W2 L1 X·W 64×784·784×128`: the product and its operands as matrices (`m×k·k×n`).
    pub fn label(&self) -> String {
        let role = match self.op {
            Op::Nn => "X·W",
            Op::Tn => "Xᵀ·dZ",
            Op::Nt => "dZ·Wᵀ",
        };
        let (id, l, m, k, n) = (self.workload.id(), self.layer, self.m, self.k, self.n);
        format!("{id} L{l} {role} {m}×{k}·{k}×{n}")
    }

    /// Floating-point operations of one product (a multiply and an add per term).
    pub fn flops(&self) -> f64 {
        2.0 * (self.m * self.k * self.n) as f64
    }
}

/// The workloads whose products are compared: the two MLPs (W4's products are the LSTM's
/// small per-step ones, which this comparison does not list).
const GEMM_WORKLOADS: [Workload; 2] = [Workload::SpiralMlp, Workload::MnistMlp];

/// The trainer `nn::workload` builds for `w` (on a few synthetic samples: only its
/// network and batch size are read; W3's convolutions are timed by `bench --conv`).
fn trainer(w: Workload) -> Result<Trainer, String> {
    let samples = if w == Workload::SpiralMlp { 16 } else { 2 };
    w.synthetic(samples, 1).map_err(|e| e.to_string())
}

/// Every product of one training batch of `w`, layer by layer: forward, weight gradient
/// and (above the first layer) input gradient.
pub fn shapes_of(w: Workload) -> Result<Vec<Shape>, String> {
    let t = trainer(w)?;
    let batch = usize::try_from(t.config().batch_size)
        .map_err(|_| format!("{} has no fixed batch size", w.id()))?;
    let mut out = Vec::new();
    for (i, l) in t.network().dense_layers().enumerate() {
        let (inputs, units) = (l.inputs(), l.units());
        let shape = |op, m, k, n| Shape {
            workload: w,
            layer: i + 1,
            op,
            m,
            k,
            n,
        };
        out.push(shape(Op::Nn, batch, inputs, units));
        out.push(shape(Op::Tn, inputs, batch, units));
        if i > 0 {
            out.push(shape(Op::Nt, batch, units, inputs));
        }
    }
    Ok(out)
}

/// The operands of `s` as stored (A is `k×m` for `Aᵀ·B`, B is `n×k` for `A·Bᵀ`); the
/// lengths are `m·k` and `k·n` either way.
pub fn operands(s: &Shape, rng: &mut Rng) -> (Vec<f32>, Vec<f32>) {
    let mut random =
        |len: usize| -> Vec<f32> { (0..len).map(|_| rng.range(-1.0, 1.0) as f32).collect() };
    (random(s.m * s.k), random(s.k * s.n))
}

/// Our kernel.
pub fn ours(s: &Shape, a: &[f32], b: &[f32], c: &mut [f32]) {
    match s.op {
        Op::Nn => gemm::gemm_nn(s.m, s.k, s.n, a, b, c),
        Op::Tn => gemm::gemm_tn(s.m, s.k, s.n, a, b, c),
        Op::Nt => gemm::gemm_nt(s.m, s.k, s.n, a, b, c),
    }
}

/// `matrixmultiply::sgemm` on the same row-major operands, the transposes expressed as
/// strides (no copies), α = 1, β = 0.
///
/// # Panics
/// If a slice length does not match the shape.
#[allow(unsafe_code)] // the crate's only entry point is an `unsafe fn` on raw pointers
pub fn matrixmultiply(s: &Shape, a: &[f32], b: &[f32], c: &mut [f32]) {
    let (m, k, n) = (s.m, s.k, s.n);
    assert!(
        a.len() == m * k && b.len() == k * n && c.len() == m * n,
        "matrixmultiply: slice lengths do not match {m}×{k}×{n}"
    );
    let isz = |v: usize| isize::try_from(v).unwrap_or(isize::MAX);
    // (row stride, column stride) of A (m×k) and B (k×n) as the product reads them.
    let (rsa, csa) = match s.op {
        Op::Tn => (1, isz(m)),
        Op::Nn | Op::Nt => (isz(k), 1),
    };
    let (rsb, csb) = match s.op {
        Op::Nt => (1, isz(k)),
        Op::Nn | Op::Tn => (isz(n), 1),
    };
    // SAFETY: the lengths were checked above, so with these strides every element
    // sgemm reads (A: i·rsa + p·csa < m·k, B: p·rsb + j·csb < k·n) and writes
    // (C: i·n + j < m·n) is inside its slice; C is a unique borrow, distinct from A and B;
    // with β = 0 sgemm never reads C.
    unsafe {
        ::matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            a.as_ptr(),
            rsa,
            csa,
            b.as_ptr(),
            rsb,
            csb,
            0.0,
            c.as_mut_ptr(),
            isz(n),
            1,
        );
    }
}

/// The largest `|x − y|` and the largest `|y|` over two results.
pub fn max_diff(x: &[f32], y: &[f32]) -> (f32, f32) {
    x.iter().zip(y).fold((0.0f32, 0.0f32), |(d, big), (a, b)| {
        (d.max((a - b).abs()), big.max(b.abs()))
    })
}

/// GFLOP/s of `f` on `s` over one run of at least `seconds`.
fn timed(s: &Shape, seconds: f64, f: &mut impl FnMut()) -> f64 {
    // Enough calls between two clock reads that the clock costs nothing (~1 MFLOP).
    let reps = (1e6 / s.flops()).ceil().max(1.0) as u64;
    let mut calls = 0u64;
    let start = Instant::now();
    let elapsed = loop {
        for _ in 0..reps {
            f();
        }
        calls += reps;
        let t = start.elapsed().as_secs_f64();
        if t >= seconds {
            break t;
        }
    };
    calls as f64 * s.flops() / elapsed / 1e9
}

/// One `| median | min | max` line.
fn line(label: &str, route: &str, rates: &[f64]) -> String {
    let (median, min, max) = stats(rates);
    format!(
        "gemm {label} {route} | GFLOP/s | median {} | min {} | max {}",
        fmt_rate(median),
        fmt_rate(min),
        fmt_rate(max)
    )
}

/// Runs the comparison; returns the report lines.
pub fn run(only: Option<Workload>, seconds: f64, runs: usize) -> Result<String, String> {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    eprintln!(
        "ninestep bench --gemm: CPU has avx2 {}, fma {}, avx512f {} (matrixmultiply picks its kernel from these at run time; ours is built for the baseline target)",
        is_x86_feature_detected!("avx2"),
        is_x86_feature_detected!("fma"),
        is_x86_feature_detected!("avx512f")
    );
    eprintln!(
        "ninestep bench --gemm: per shape and route, warm-up {seconds} s, {runs} runs of ≥ {seconds} s, single-threaded"
    );
    let mut rng = Rng::new(7);
    let mut lines = Vec::new();
    for w in GEMM_WORKLOADS {
        if only.is_some_and(|o| o != w) {
            continue;
        }
        let (mut ours_us, mut mm_us) = (0.0, 0.0);
        for s in shapes_of(w)? {
            let (a, b) = operands(&s, &mut rng);
            let (mut c1, mut c2) = (vec![0.0f32; s.m * s.n], vec![0.0f32; s.m * s.n]);
            let mut medians = [0.0; 2];
            for (route, median) in ["ours", "matrixmultiply"].into_iter().zip(&mut medians) {
                let c = if route == "ours" { &mut c1 } else { &mut c2 };
                let mut call = || {
                    let (a, b) = (std::hint::black_box(&a), std::hint::black_box(&b));
                    if route == "ours" {
                        ours(&s, a, b, c);
                    } else {
                        matrixmultiply(&s, a, b, c);
                    }
                    std::hint::black_box(&mut *c);
                };
                timed(&s, seconds, &mut call);
                let rates: Vec<f64> = (0..runs).map(|_| timed(&s, seconds, &mut call)).collect();
                *median = stats(&rates).0;
                let l = line(&s.label(), route, &rates);
                eprintln!("ninestep bench: {l}");
                lines.push(l);
            }
            ours_us += s.flops() / medians[0] / 1e3;
            mm_us += s.flops() / medians[1] / 1e3;
            let (d, big) = max_diff(&c1, &c2);
            let l = format!(
                "gemm {} check | max |Δ| {d:.2e} | max |C| {big:.3} | bit-identical {}",
                s.label(),
                if c1 == c2 { "yes" } else { "no" }
            );
            eprintln!("ninestep bench: {l}");
            lines.push(l);
        }
        let l = format!(
            "gemm {} all products of one batch | µs at the medians | ours {ours_us:.2} | matrixmultiply {mm_us:.2} | ours/matrixmultiply {:.2}",
            w.id(),
            ours_us / mm_us
        );
        eprintln!("ninestep bench: {l}");
        lines.push(l);
    }
    Ok(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shapes_cover_every_layer_of_both_workloads() {
        for w in GEMM_WORKLOADS {
            let t = trainer(w).unwrap();
            let batch = usize::try_from(t.config().batch_size).unwrap();
            let layers: Vec<_> = t.network().dense_layers().collect();
            let shapes = shapes_of(w).unwrap();
            // Three products per layer, minus the first layer's unneeded dX.
            assert_eq!(shapes.len(), 3 * layers.len() - 1, "{w:?}");
            for (i, l) in layers.iter().enumerate() {
                let (inputs, units) = (l.inputs(), l.units());
                let has = |op, m, k, n| {
                    shapes.iter().any(|s| {
                        (s.workload, s.layer, s.op, s.m, s.k, s.n) == (w, i + 1, op, m, k, n)
                    })
                };
                assert!(has(Op::Nn, batch, inputs, units), "{w:?} layer {i} X·W");
                assert!(has(Op::Tn, inputs, batch, units), "{w:?} layer {i} Xᵀ·dZ");
                assert_eq!(
                    has(Op::Nt, batch, units, inputs),
                    i > 0,
                    "{w:?} layer {i} dZ·Wᵀ"
                );
            }
        }
        // The labels name the operands as stored in the engine.
        let w2 = shapes_of(Workload::MnistMlp).unwrap();
        assert_eq!(w2[0].label(), "W2 L1 X·W 64×784·784×128");
        assert_eq!(w2[1].label(), "W2 L1 Xᵀ·dZ 784×64·64×128");
    }

    #[test]
    fn both_routes_agree_on_a_small_random_case() {
        // Not bit for bit: our kernel adds the k terms of every element in ascending order
        // without fused multiply-add; matrixmultiply packs panels, may split or reorder the
        // sum inside its micro-kernel and uses FMA where the CPU has it. Both are correct
        // to rounding, so compare relative to the size of the result.
        let mut rng = Rng::new(11);
        for op in [Op::Nn, Op::Tn, Op::Nt] {
            for (m, k, n) in [(10, 2, 8), (10, 8, 8), (13, 37, 21), (64, 100, 10)] {
                let s = Shape {
                    workload: Workload::MnistMlp,
                    layer: 1,
                    op,
                    m,
                    k,
                    n,
                };
                let (a, b) = operands(&s, &mut rng);
                let (mut c1, mut c2) = (vec![f32::NAN; m * n], vec![f32::NAN; m * n]);
                ours(&s, &a, &b, &mut c1);
                matrixmultiply(&s, &a, &b, &mut c2);
                let (d, big) = max_diff(&c1, &c2);
                assert!(c1.iter().chain(&c2).all(|v| v.is_finite()));
                assert!(d <= 1e-4 * big, "{op:?} {m}×{k}×{n}: |Δ| {d} vs |C| {big}");
            }
        }
    }
}
