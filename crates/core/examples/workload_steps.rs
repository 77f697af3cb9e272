//! A fixed amount of one bench workload, for instruction counts (the speed figures come
//! from `cargo xtask bench`, which runs for a time instead):
//!
//! ```text
//! cargo build --release -p ninestep-core --example workload_steps
//! valgrind --tool=callgrind --dump-instr=no target/release/examples/workload_steps w3 2000
//! ```
//!
//! Arguments: the workload (`w1`…`w4`), the units to run (epochs for W1, samples
//! otherwise) and the digits file (default `www/data/mnist-10k.bin`, synthetic digits if
//! it is missing). Prints the last loss and its bits, so two builds can be checked for
//! the same numbers.

use ninestep_core::experiment::{Workload, WorkloadRun};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: workload_steps w1|w2|w3|w4 UNITS [MNIST_FILE]";
    let w = args.first().and_then(|s| Workload::parse(s)).ok_or(usage)?;
    let units: u32 = args.get(1).and_then(|s| s.parse().ok()).ok_or(usage)?;
    let path = args.get(2).map_or("www/data/mnist-10k.bin", String::as_str);
    let bytes = std::fs::read(path).ok();
    let mut run = match w {
        Workload::SpiralMlp => WorkloadRun::spiral(1),
        Workload::MnistMlp => WorkloadRun::mnist(bytes.as_deref(), 1),
        Workload::MnistCnn => WorkloadRun::mnist_cnn(bytes.as_deref(), 1),
        Workload::DigitsLstm => WorkloadRun::digits_lstm(bytes.as_deref(), 1),
    }
    .map_err(|e| e.to_string())?;
    let loss = run.run(units).map_err(|e| e.to_string())?;
    println!(
        "{} {} units on {}: last loss {loss} (bits {:#010x})",
        w.id(),
        run.done(),
        run.source(),
        loss.to_bits()
    );
    Ok(())
}
