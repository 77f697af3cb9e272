//! The timing workloads (W1, W2, W3, W4), identical natively and in wasm.

use super::*;

/// Which timing workload (see [`crate::nn::workload`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workload {
    /// W1, the spiral MLP; unit: one epoch of 250 points.
    SpiralMlp,
    /// W2, the MNIST MLP; unit: one sample (run in batches of 64).
    MnistMlp,
    /// W3, the ConvNetJS MNIST CNN; unit: one sample (run in batches of 20).
    MnistCnn,
    /// W4, the digits read row by row by an LSTM; unit: one sample (batches of 64).
    DigitsLstm,
}

impl Workload {
    /// All, in report order.
    pub const ALL: [Workload; 4] = [
        Workload::SpiralMlp,
        Workload::MnistMlp,
        Workload::MnistCnn,
        Workload::DigitsLstm,
    ];

    /// `W1` or `W2`.
    pub fn id(self) -> &'static str {
        match self {
            Workload::SpiralMlp => "W1",
            Workload::MnistMlp => "W2",
            Workload::MnistCnn => "W3",
            Workload::DigitsLstm => "W4",
        }
    }

    /// `spiral-mlp` or `mnist-mlp`.
    pub fn name(self) -> &'static str {
        match self {
            Workload::SpiralMlp => "spiral-mlp",
            Workload::MnistMlp => "mnist-mlp",
            Workload::MnistCnn => "mnist-cnn",
            Workload::DigitsLstm => "digits-lstm",
        }
    }

    /// The unit of its throughput.
    pub fn unit(self) -> &'static str {
        match self {
            Workload::SpiralMlp => "epochs/s",
            Workload::MnistMlp | Workload::MnistCnn | Workload::DigitsLstm => "samples/s",
        }
    }

    /// Units per timing call that keep the clock overhead negligible (≈ 1–20 ms).
    pub fn chunk(self) -> u32 {
        match self {
            Workload::SpiralMlp => 10,
            Workload::MnistMlp => 640,
            Workload::MnistCnn => 100,
            Workload::DigitsLstm => 128,
        }
    }

    /// `nn::workload`'s trainer of this workload on `x` and `y` (the workload's input and
    /// output widths, row-major), its net and its shuffling seeded with `seed`.
    pub fn trainer(self, x: Vec<f32>, y: Vec<f32>, seed: u64) -> Result<Trainer> {
        match self {
            Workload::SpiralMlp => spiral_mlp(x, y, seed),
            Workload::MnistMlp => mnist_mlp(x, y, seed),
            Workload::MnistCnn => mnist_cnn(x, y, seed),
            Workload::DigitsLstm => digits_lstm(x, y, seed),
        }
    }

    /// [`Workload::trainer`] on `n` synthetic samples drawn with `seed`
    /// (`nn::workload::synthetic_spiral` for W1, `synthetic_digits` for the others): the
    /// golden-history tests and the shape listings use it.
    pub fn synthetic(self, n: usize, seed: u64) -> Result<Trainer> {
        let (x, y) = match self {
            Workload::SpiralMlp => synthetic_spiral(n, seed),
            _ => synthetic_digits(n, seed),
        };
        self.trainer(x, y, seed)
    }

    /// By id or name, any case: `w1`, `spiral-mlp`, `W2`, `mnist-mlp`, `w3`, `mnist-cnn`, `w4`, `digits-lstm`.
    pub fn parse(s: &str) -> Option<Workload> {
        Workload::ALL
            .into_iter()
            .find(|w| w.id().eq_ignore_ascii_case(s) || w.name().eq_ignore_ascii_case(s))
    }
}

/// Points of W1 (TF Playground's spiral at 50 % training data).
pub const W1_POINTS: usize = 250;
/// Samples of W2.
pub const W2_SAMPLES: usize = 10_000;

/// A timing workload ready to run, identical natively and in wasm. The caller owns the
/// clock: it calls [`WorkloadRun::run`] and divides [`WorkloadRun::done`] by the time.
#[derive(Clone, Debug)]
pub struct WorkloadRun {
    workload: Workload,
    trainer: Trainer,
    /// W2's samples (W1's live in the trainer).
    data: Data,
    order: Vec<usize>,
    cursor: usize,
    rng: Rng,
    bx: Matrix,
    by: Matrix,
    done: u64,
    source: &'static str,
}

impl WorkloadRun {
    /// W1: `nn::workload::spiral_mlp` on 250 TF-Playground spiral points (noise 0,
    /// labels ±1) generated with `seed`.
    pub fn spiral(seed: u64) -> Result<WorkloadRun> {
        let d = playground::generate(
            playground::Shape::Spiral,
            W1_POINTS,
            0.0,
            seed,
            playground::Labels::PlusMinusOne,
        )?;
        Ok(WorkloadRun {
            workload: Workload::SpiralMlp,
            trainer: spiral_mlp(d.x, d.y, seed)?,
            data: Data::default(),
            order: Vec::new(),
            cursor: 0,
            rng: Rng::new(seed),
            bx: Matrix::default(),
            by: Matrix::default(),
            done: 0,
            source: "playground spiral, 250 points",
        })
    }

    /// W2: the `nn::workload::mnist_mlp` network on the digits of a `mnist-10k.bin` file,
    /// or, with `None`, on 10,000 synthetic digits (`nn::workload::synthetic_digits`).
    pub fn mnist(bytes: Option<&[u8]>, seed: u64) -> Result<WorkloadRun> {
        WorkloadRun::digits(Workload::MnistMlp, bytes, seed)
    }

    /// W3: the `nn::workload::mnist_cnn` network on the same digits as W2.
    pub fn mnist_cnn(bytes: Option<&[u8]>, seed: u64) -> Result<WorkloadRun> {
        WorkloadRun::digits(Workload::MnistCnn, bytes, seed)
    }

    /// W4: the `nn::workload::digits_lstm` network on the same digits as W2.
    pub fn digits_lstm(bytes: Option<&[u8]>, seed: u64) -> Result<WorkloadRun> {
        WorkloadRun::digits(Workload::DigitsLstm, bytes, seed)
    }

    /// W2, W3 or W4 on the digits of `bytes` (synthetic digits without them).
    fn digits(workload: Workload, bytes: Option<&[u8]>, seed: u64) -> Result<WorkloadRun> {
        let id = workload.id();
        let (x, y, source) = match bytes {
            Some(b) => {
                let d = parse_mnist_bin(b)?;
                if d.features != 784 {
                    return Err(err(
                        ErrorKind::BadData,
                        format!(
                            "{id} needs 28×28 digits, the file has {} pixels.",
                            d.features
                        ),
                        format!(
                            "{id} 需要 28×28 的数字图像，而文件中每幅有 {} 个像素。",
                            d.features
                        ),
                    ));
                }
                (d.x, d.y, "mnist-10k.bin")
            }
            None => {
                let (x, y) = synthetic_digits(W2_SAMPLES, seed);
                (x, y, "synthetic digits")
            }
        };
        let data = Data::new(x, y, 784, 10)?;
        // The network exactly as `nn::workload` builds it (its trainer holds one sample;
        // the batches come from `data` below, as `Trainer::epoch` would cut them).
        let one = data.subset(&[0]);
        let trainer = workload.trainer(one.x.data, one.y.data, seed)?;
        Ok(WorkloadRun {
            workload,
            trainer,
            order: (0..data.len()).collect(),
            cursor: data.len(),
            data,
            rng: Rng::new(seed),
            bx: Matrix::default(),
            by: Matrix::default(),
            done: 0,
            source,
        })
    }

    /// Which workload.
    pub fn workload(&self) -> Workload {
        self.workload
    }

    /// Where the data came from.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Units done so far (epochs for W1, samples for W2).
    pub fn done(&self) -> u64 {
        self.done
    }

    /// Runs `units` epochs (W1) or at least `units` samples in whole batches of 64,
    /// reshuffling at the end of each pass (W2). Returns the last loss, so nothing can be
    /// optimised away; errors if training diverged.
    pub fn run(&mut self, units: u32) -> Result<f32> {
        let mut loss = 0.0;
        match self.workload {
            Workload::SpiralMlp => {
                for _ in 0..units {
                    loss = self.trainer.epoch()?.train_loss;
                    self.done += 1;
                }
            }
            Workload::MnistMlp | Workload::MnistCnn | Workload::DigitsLstm => {
                let (lr, bs) = (
                    self.trainer.config().learning_rate,
                    self.trainer.config().batch_size.max(1) as usize,
                );
                let target = self.done + units as u64;
                while self.done < target {
                    if self.cursor >= self.order.len() {
                        self.rng.shuffle(&mut self.order);
                        self.cursor = 0;
                    }
                    let end = (self.cursor + bs).min(self.order.len());
                    let rows = &self.order[self.cursor..end];
                    for (buf, src) in [(&mut self.bx, &self.data.x), (&mut self.by, &self.data.y)] {
                        buf.resize(rows.len(), src.cols);
                        for (dst, &i) in buf.data.chunks_exact_mut(src.cols).zip(rows) {
                            dst.copy_from_slice(src.row(i));
                        }
                    }
                    loss = self
                        .trainer
                        .network_mut()
                        .train_batch(&self.bx, &self.by, lr);
                    if !loss.is_finite() {
                        let id = self.workload.id();
                        return Err(err(
                            ErrorKind::Diverged,
                            format!("{id} diverged (the loss is not a finite number)."),
                            format!("{id} 发散了（损失不是有限数）。"),
                        ));
                    }
                    self.done += rows.len() as u64;
                    self.cursor = end;
                }
            }
        }
        Ok(loss)
    }
}
