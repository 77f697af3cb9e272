//! The wasm half of `cargo xtask bench`: the timing workloads of
//! `ninestep_core::experiment::WorkloadRun` (the same code the native bench runs), driven
//! from JavaScript. There is no clock here: `xtask/bench/bench.mjs` times calls to
//! [`Bench::run`] with `performance.now()` and divides [`Bench::done`] by the time.
//!
//! ```js
//! const b = new Bench("w2", mnistBytes, 1);   // or ("w1", undefined, 1), ("w3", mnistBytes, 1), ("w4", mnistBytes, 1)
//! b.run(b.chunk());                          // returns the last loss
//! b.done();                                  // epochs (W1) or samples (W2) so far
//! ```

use ninestep_core::experiment::{Workload, WorkloadRun};
use wasm_bindgen::prelude::*;

/// One timing workload, ready to run.
#[wasm_bindgen]
pub struct Bench {
    run: WorkloadRun,
}

#[wasm_bindgen]
impl Bench {
    /// `workload`: `w1`/`spiral-mlp`, `w2`/`mnist-mlp`, `w3`/`mnist-cnn` or `w4`/`digits-lstm`. `data`: the
    /// bytes of `mnist-10k.bin` for W2, W3 and W4 (without them they run on synthetic digits;
    /// W1 ignores them).
    #[wasm_bindgen(constructor)]
    pub fn new(workload: &str, data: Option<Vec<u8>>, seed: u32) -> Result<Bench, JsError> {
        let w = Workload::parse(workload).ok_or_else(|| {
            JsError::new(&format!(
                "unknown workload “{workload}” (w1, spiral-mlp, w2, mnist-mlp, w3, mnist-cnn, w4 or digits-lstm)"
            ))
        })?;
        let run = match w {
            Workload::SpiralMlp => WorkloadRun::spiral(seed as u64),
            Workload::MnistMlp => WorkloadRun::mnist(data.as_deref(), seed as u64),
            Workload::MnistCnn => WorkloadRun::mnist_cnn(data.as_deref(), seed as u64),
            Workload::DigitsLstm => WorkloadRun::digits_lstm(data.as_deref(), seed as u64),
        }?;
        Ok(Bench { run })
    }

    /// Runs `units` epochs (W1) or at least `units` samples in whole batches (W2);
    /// returns the last loss so nothing is optimised away.
    pub fn run(&mut self, units: u32) -> Result<f64, JsError> {
        Ok(self.run.run(units)? as f64)
    }

    /// Units done so far (epochs for W1, samples for W2).
    pub fn done(&self) -> f64 {
        self.run.done() as f64
    }

    /// Units per timing call that keep the clock overhead negligible.
    pub fn chunk(&self) -> u32 {
        self.run.workload().chunk()
    }

    /// `W1` or `W2`.
    pub fn id(&self) -> String {
        self.run.workload().id().to_string()
    }

    /// `spiral-mlp` or `mnist-mlp`.
    pub fn name(&self) -> String {
        self.run.workload().name().to_string()
    }

    /// `epochs/s` or `samples/s`.
    pub fn unit(&self) -> String {
        self.run.workload().unit().to_string()
    }

    /// Where the data came from (`mnist-10k.bin`, `synthetic digits`, …).
    pub fn source(&self) -> String {
        self.run.source().to_string()
    }
}
