//! The training engine of steps 2–9: matrices in the book's convention (samples are
//! rows, `Z = X·W + B`), dense layers with explicit backward passes, activations, output
//! functions with their losses, initialisers, mini-batch SGD, normalisation and metrics.
//!
//! Everything is `f32`, single-threaded and deterministic: the same seeds give the same
//! training history bit for bit, natively and in wasm (own [`math`] functions, a matmul
//! kernel with a fixed summation order, one seeded [`crate::rng::Rng`]).
//!
//! A run in four lines:
//!
//! ```
//! use ninestep_core::nn::*;
//! let data = Data::new(vec![0., 0., 0., 1., 1., 0., 1., 1.], vec![0., 1., 1., 0.], 2, 1).unwrap();
//! let layer = |units, activation| LayerConfig { units, activation };
//! let net = NetworkConfig {
//!     inputs: 2,
//!     layers: vec![layer(2, Activation::Sigmoid), layer(1, Activation::Identity)],
//!     output: Output::Logistic,
//!     init: Init::Xavier,
//!     seed: 1,
//! }
//! .build()
//! .unwrap();
//! let config = TrainerConfig { learning_rate: 0.1, batch_size: 1, max_epochs: 100, ..Default::default() };
//! let mut trainer = Trainer::new(net, data.clone(), Some(data), config).unwrap();
//! trainer.run().unwrap();
//! assert_eq!(trainer.history().epochs(), 100);
//! ```
//!
//! Files, one concept each: [`matrix`] (+ the [`gemm`] kernel), [`math`], [`activation`],
//! [`loss`], [`init`], [`dense`], [`network`], [`data`], [`metrics`],
//! [`history`], [`trainer`], and the timing [`workload`]s.

pub mod activation;
pub mod data;
pub mod dense;
pub mod gemm;
pub mod history;
pub mod init;
pub mod loss;
pub mod math;
pub mod matrix;
pub mod metrics;
pub mod network;
pub mod trainer;
pub mod workload;

pub use activation::Activation;
pub use data::{split, Data, Split};
pub use dense::Dense;
pub use history::{EpochRecord, Stop, StopReason, TrainingHistory};
pub use init::Init;
pub use loss::Output;
pub use matrix::Matrix;
pub use metrics::{ConfusionMatrix, Metric};
pub use network::{LayerConfig, Network, NetworkConfig};
pub use trainer::{Trainer, TrainerConfig};
