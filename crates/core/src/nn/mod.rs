//! The training engine of steps 2–9: matrices in the book's convention (samples are
//! rows, `Z = X·W + B`), layers with explicit backward passes behind one [`Layer`] seam
//! (dense, activation, batch norm, dropout), output functions with their losses,
//! initialisers, optimizers with per-parameter state behind one [`Optimizer`] seam,
//! learning-rate schedules, L1/L2 regularisation, early stopping, gradient checks and
//! metrics.
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
//! let net = NetworkConfig {
//!     inputs: 2,
//!     layers: vec![
//!         LayerConfig::dense(2, Activation::Sigmoid),
//!         LayerConfig::dense(1, Activation::Identity),
//!     ],
//!     output: Output::Logistic,
//!     init: Init::Xavier,
//!     seed: 1,
//!     input_shape: None,
//! }
//! .build()
//! .unwrap();
//! let config = TrainerConfig {
//!     learning_rate: 0.1,
//!     batch_size: 1,
//!     max_epochs: 100,
//!     optimizer: OptimizerConfig::Adam { beta1: 0.9, beta2: 0.999, eps: 1e-8 },
//!     ..Default::default()
//! };
//! let mut trainer = Trainer::new(net, data.clone(), Some(data), config).unwrap();
//! trainer.run().unwrap();
//! assert_eq!(trainer.history().epochs(), 100);
//! ```
//!
//! Files, one concept each: [`matrix`] (+ the [`gemm`] kernel), [`math`], [`activation`],
//! [`loss`], [`init`], [`layers`] (one file per layer), [`network`], [`optim`] (one file
//! per optimizer, plus schedules), [`regularization`], [`gradcheck`], [`lr_finder`],
//! [`data`], [`metrics`], [`history`], [`trainer`], and the timing [`workload`]s.

pub mod activation;
pub mod data;
pub mod gemm;
pub mod gradcheck;
pub mod history;
pub mod im2col;
pub mod init;
pub mod layers;
pub mod loss;
pub mod lr_finder;
pub mod math;
pub mod matrix;
pub mod metrics;
pub mod model;
pub mod network;
pub mod optim;
pub mod regularization;
pub mod shape;
pub mod sparse_grad;
#[doc(hidden)]
pub mod testnets;
pub mod trainer;
pub mod workload;

pub use activation::Activation;
pub use data::{split, Data, Split};
pub use history::{EpochRecord, Stop, StopReason, TrainingHistory};
pub use init::Init;
pub use layers::{
    ActivationLayer, BatchNorm, Conv2d, Dense, Dropout, Flatten, Layer, LayerConfig, Mode, Param,
    ParamMut, ParamRole, Pool, PoolKind,
};
pub use loss::Output;
pub use matrix::Matrix;
pub use metrics::{ConfusionMatrix, Metric};
pub use network::{Network, NetworkConfig};
pub use optim::{Optimizer, OptimizerConfig, Schedule};
pub use regularization::Regularization;
pub use shape::Shape;
pub use trainer::{Trainer, TrainerConfig};
