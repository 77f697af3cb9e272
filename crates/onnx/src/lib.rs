//! ONNX for ninestep networks (step 6, ch13.2): [`export`] writes any network the engine
//! builds from its layers (dense, activations, batch norm, dropout; new layer types get a
//! clear "not exportable yet" error until they have a row in `export.rs`), and [`import`]
//! reads a chain-shaped graph made by us or elsewhere (the book's `mnist.onnx`: Constant +
//! MatMul + Add → Sigmoid → … → Tanh → … → Softmax) into a [`Model`] for inference.
//!
//! **Opset 13** (ONNX IR version 7), the default domain only. The protobuf messages are
//! hand-written prost structs (`proto.rs`) with the field numbers of onnx.proto: no protoc,
//! no build script. Every export is checked in the tests against `tract-onnx`, a runtime we
//! did not write (`tests/tract.rs`).

pub mod any;
pub mod export;
pub mod import;
pub mod proto;

pub use any::read_model;
pub use export::{export, to_proto};
pub use import::import;
pub use ninestep_core::nn::model::Model;

/// The ONNX operator set version our exports declare.
pub const OPSET: i64 = 13;
