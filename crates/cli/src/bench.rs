//! `ninestep bench [--seconds S] [--runs N] [--only w1|w2|w3|w4] [--mnist FILE] [--gemm] [--conv]`: the
//! native half of `cargo xtask bench`. The workloads are `ninestep_core::experiment::WorkloadRun`, the
//! very code the wasm bench runs:
//!
//! * W1 spiral-mlp: 2 → 8 tanh → 8 tanh → 1 tanh, squared error, SGD η 0.03, batch 10, on
//!   250 TF-Playground spiral points (±1 labels); epochs/s (one epoch = 250 samples
//!   forward, backward and update).
//! * W2 mnist-mlp: 784 → 128 ReLU → 64 ReLU → 10 softmax cross-entropy, SGD η 0.1, batch
//!   64, on the 10,000 digits of `www/data/mnist-10k.bin` (synthetic digits if the file
//!   is missing, with a note); samples/s.
//! * W3 mnist-cnn: the ConvNetJS MNIST demo's net (conv 5×5×8 pad 2 → ReLU → max-pool 2 →
//!   conv 5×5×16 pad 2 → ReLU → max-pool 3 → FC 10 softmax), SGD η 0.05, batch 20, on the
//!   same digits; samples/s.
//! * W4 digits-lstm: the same digits read row by row, 28 steps × 28 pixels → LSTM of 32
//!   (last step) → 10 softmax cross-entropy, SGD η 0.1, batch 64; samples/s.
//!
//! Protocol: warm up for `S` seconds, then `N` timed runs of at least `S` seconds each
//! (defaults 2 s and 5 runs). stdout gets exactly one line per workload,
//! `W1 spiral-mlp native | epochs/s | median N | min N | max N`; notes go to stderr.
//!
//! `--gemm` times the matrix products of the two workloads instead, our kernel against
//! `matrixmultiply` (see [`crate::gemm_bench`]; default runs of 0.25 s).
//!
//! `--conv` times W3's two convolutions (forward and backward, batch 20) as im2col + our
//! gemm (the engine's `Conv2d`) against a direct loop (see [`crate::conv_bench`]).

use ninestep_core::experiment::{Workload, WorkloadRun};
use std::path::PathBuf;
use std::time::Instant;

/// Parsed arguments of `bench`.
#[derive(Debug, PartialEq)]
pub struct BenchArgs {
    /// Warm-up length and minimum length of each timed run (default 2 s, 0.25 s with
    /// `--gemm`).
    pub seconds: Option<f64>,
    /// Number of timed runs.
    pub runs: usize,
    /// Only this workload.
    pub only: Option<Workload>,
    /// The MNIST file (default: `www/data/mnist-10k.bin`).
    pub mnist: Option<PathBuf>,
    /// Compare the matrix kernels instead of timing the workloads.
    pub gemm: bool,
    /// Compare the convolution kernels instead of timing the workloads.
    pub conv: bool,
}

impl Default for BenchArgs {
    fn default() -> BenchArgs {
        BenchArgs {
            seconds: None,
            runs: 5,
            only: None,
            mnist: None,
            gemm: false,
            conv: false,
        }
    }
}

/// Parses the arguments after `bench`.
pub fn parse_args(args: &[String]) -> Result<BenchArgs, String> {
    let mut a = BenchArgs::default();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--seconds" => {
                let v = value()?;
                a.seconds = Some(
                    v.parse::<f64>()
                        .ok()
                        .filter(|s| s.is_finite() && *s > 0.0 && *s <= 600.0)
                        .ok_or_else(|| {
                            format!("--seconds needs a number of seconds in (0, 600], not “{v}”")
                        })?,
                );
            }
            "--runs" => {
                let v = value()?;
                a.runs = v
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=100).contains(n))
                    .ok_or_else(|| format!("--runs needs a whole number from 1 to 100, not “{v}”"))?;
            }
            "--only" => {
                let v = value()?;
                a.only = Some(
                    Workload::parse(v)
                        .ok_or_else(|| format!("--only takes w1, w2, w3 or w4, not “{v}”"))?,
                );
            }
            "--mnist" => a.mnist = Some(PathBuf::from(value()?)),
            "--gemm" => a.gemm = true,
            "--conv" => a.conv = true,
            other => {
                return Err(format!(
                    "unknown bench option “{other}” (--seconds S, --runs N, --only w1|w2|w3|w4, --mnist FILE, --gemm, --conv)"
                ))
            }
        }
    }
    Ok(a)
}

/// Median, min and max of `rates` (0s for none).
pub fn stats(rates: &[f64]) -> (f64, f64, f64) {
    let mut s = rates.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    if n == 0 {
        return (0.0, 0.0, 0.0);
    }
    let median = if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    };
    (median, s[0], s[n - 1])
}

/// A rate as printed: whole numbers from 100 on, up to three decimals below.
pub fn fmt_rate(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.3}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    }
}

/// The report line of one workload on one target.
pub fn report_line(w: Workload, target: &str, rates: &[f64]) -> String {
    let (median, min, max) = stats(rates);
    format!(
        "{} {} {target} | {} | median {} | min {} | max {}",
        w.id(),
        w.name(),
        w.unit(),
        fmt_rate(median),
        fmt_rate(min),
        fmt_rate(max)
    )
}

/// Runs `run` in chunks for at least `seconds`; returns units per second.
fn timed(run: &mut WorkloadRun, seconds: f64) -> Result<f64, String> {
    let chunk = run.workload().chunk();
    let before = run.done();
    let mut sink = 0.0f32;
    let start = Instant::now();
    let elapsed = loop {
        sink += run.run(chunk).map_err(|e| e.to_string())?;
        let t = start.elapsed().as_secs_f64();
        if t >= seconds {
            break t;
        }
    };
    std::hint::black_box(sink);
    Ok((run.done() - before) as f64 / elapsed)
}

fn mnist_bytes(path: Option<&PathBuf>) -> Result<Option<Vec<u8>>, String> {
    if let Some(p) = path {
        return std::fs::read(p)
            .map(Some)
            .map_err(|e| format!("cannot read {}: {e}", p.display()));
    }
    let candidates = [
        PathBuf::from("www/data/mnist-10k.bin"),
        PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../www/data/mnist-10k.bin"
        )),
    ];
    Ok(candidates.iter().find_map(|p| std::fs::read(p).ok()))
}

/// Runs `ninestep bench`; returns the report lines.
pub fn run(args: &[String]) -> Result<String, String> {
    let a = parse_args(args)?;
    if a.gemm {
        return crate::gemm_bench::run(a.only, a.seconds.unwrap_or(0.25), a.runs);
    }
    if a.conv {
        return crate::conv_bench::run(a.seconds.unwrap_or(0.5), a.runs);
    }
    let seconds = a.seconds.unwrap_or(2.0);
    let mut lines = Vec::new();
    for w in Workload::ALL {
        if a.only.is_some_and(|o| o != w) {
            continue;
        }
        let mut run = match w {
            Workload::SpiralMlp => WorkloadRun::spiral(1),
            Workload::MnistMlp | Workload::MnistCnn | Workload::DigitsLstm => {
                let bytes = mnist_bytes(a.mnist.as_ref())?;
                if bytes.is_none() {
                    eprintln!(
                        "ninestep bench: note: www/data/mnist-10k.bin not found; {} runs on 10,000 synthetic digits (nn::workload::synthetic_digits)",
                        w.id()
                    );
                }
                if w == Workload::MnistCnn {
                    WorkloadRun::mnist_cnn(bytes.as_deref(), 1)
                } else if w == Workload::DigitsLstm {
                    WorkloadRun::digits_lstm(bytes.as_deref(), 1)
                } else {
                    WorkloadRun::mnist(bytes.as_deref(), 1)
                }
            }
        }
        .map_err(|e| e.to_string())?;
        eprintln!(
            "ninestep bench: {} {} on {}: warm-up {} s, {} runs of ≥ {} s",
            w.id(),
            w.name(),
            run.source(),
            seconds,
            a.runs,
            seconds
        );
        timed(&mut run, seconds)?;
        let rates = (0..a.runs)
            .map(|_| timed(&mut run, seconds))
            .collect::<Result<Vec<f64>, String>>()?;
        let line = report_line(w, "native", &rates);
        eprintln!("ninestep bench: {line}");
        lines.push(line);
    }
    Ok(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::words;

    #[test]
    fn arguments() {
        assert_eq!(parse_args(&[]).unwrap(), BenchArgs::default());
        let a = parse_args(&words(
            "--seconds 0.5 --runs 2 --only W2 --mnist d.bin --gemm",
        ))
        .unwrap();
        assert_eq!(
            a,
            BenchArgs {
                seconds: Some(0.5),
                runs: 2,
                only: Some(Workload::MnistMlp),
                mnist: Some(PathBuf::from("d.bin")),
                gemm: true,
                conv: false,
            }
        );
        assert_eq!(
            parse_args(&words("--only spiral-mlp")).unwrap().only,
            Some(Workload::SpiralMlp)
        );
        for bad in [
            "--seconds",
            "--seconds 0",
            "--seconds -1",
            "--seconds nan",
            "--runs 0",
            "--runs two",
            "--only w5",
            "--fast",
            "w1",
        ] {
            assert!(parse_args(&words(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn report_lines() {
        assert_eq!(
            report_line(
                Workload::SpiralMlp,
                "native",
                &[30000.4, 10000.0, 20000.0, 25000.0, 15000.0]
            ),
            "W1 spiral-mlp native | epochs/s | median 20000 | min 10000 | max 30000"
        );
        assert_eq!(
            report_line(Workload::MnistMlp, "wasm", &[40000.0, 50000.0]),
            "W2 mnist-mlp wasm | samples/s | median 45000 | min 40000 | max 50000"
        );
        assert_eq!(fmt_rate(12.5), "12.5");
        assert_eq!(fmt_rate(99.99), "99.99");
        assert_eq!(stats(&[]), (0.0, 0.0, 0.0));
    }

    #[test]
    fn a_tiny_run_prints_one_line_per_workload() {
        let out = run(&words("--seconds 0.01 --runs 1 --only w1")).unwrap();
        assert_eq!(out.lines().count(), 1);
        assert!(out.starts_with("W1 spiral-mlp native | epochs/s | median "));
    }

    #[test]
    fn a_tiny_gemm_run_prints_both_routes_and_a_check_per_shape() {
        let out = run(&words("--gemm --seconds 0.001 --runs 1 --only w1")).unwrap();
        let shapes = crate::gemm_bench::shapes_of(Workload::SpiralMlp).unwrap();
        assert_eq!(out.lines().count(), 3 * shapes.len() + 1, "{out}");
        assert!(
            out.starts_with("gemm W1 L1 X·W 10×2·2×8 ours | GFLOP/s | median "),
            "{out}"
        );
        assert!(out.contains("\ngemm W1 L1 X·W 10×2·2×8 matrixmultiply | GFLOP/s | median "));
        assert!(out.contains("\ngemm W1 L1 X·W 10×2·2×8 check | max |Δ| "));
    }
}
