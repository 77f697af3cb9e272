//! ONNX for ninestep networks (step 6, ch13.2; CNNs of step 8 and recurrent nets of
//! step 9). **Opset 13** (ONNX IR version 7), the default domain only. The protobuf
//! messages are hand-written prost structs (`proto.rs`) with the field numbers of
//! onnx.proto: no protoc, no build script. Every export is checked in the tests against
//! `tract-onnx`, a runtime we did not write.
//!
//! # The API the page and the CLI call
//!
//! * [`export`]`(&Model) -> Result<Vec<u8>>`: a network plus its input scaling (a
//!   [`Model`]; `Model::new(network)` for a bare network, or [`export_network`]) → the bytes
//!   of an `.onnx` file. Exported: dense, every activation (step as GreaterOrEqual → Cast),
//!   batch norm on rows, dropout, conv2d / max-pool / avg-pool / flatten (input
//!   `[N, C, H, W]`), rnn / lstm / gru (last step or every step) and time-dense. Refused,
//!   with a zh/en message naming the layer: batch norm on an image (ONNX normalises per
//!   channel, ours per value). See [`export`] for the op table.
//! * [`import`]`(&[u8]) -> Result<Model>`: the bytes of an `.onnx` file made by us or
//!   elsewhere (the book's `mnist.onnx` among them) → a [`Model`] for inference, when the
//!   graph is a chain of ops we run: MatMul/Add, Gemm, the activations, BatchNormalization,
//!   Softmax, Flatten/Reshape/Identity/Dropout, and on an `[N, C, H, W]` input Conv
//!   (group 1, square kernel, equal strides, symmetric pads, dilations 1) and
//!   MaxPool/AveragePool (no padding). Anything else — another op, a node off the chain,
//!   an attribute value we do not run, a broken or truncated file — is an `Err` whose
//!   message (en and zh) names the op, the node and the attribute; the importer never
//!   panics (`tests/fuzz_import.rs`). The recurrent ops are exported, not imported.
//!
//! Both are plain functions on bytes, so they run the same natively and in wasm
//! (`cargo check -p ninestep-onnx --target wasm32-unknown-unknown`).

pub mod any;
pub mod export;
pub mod import;
pub mod proto;

pub use any::{read_model, SerdeJson};
pub use export::{export, to_proto};
pub use import::import;
pub use ninestep_core::nn::model::Model;

use ninestep_core::nn::model::InputNorm;
use ninestep_core::nn::Network;

/// The ONNX operator set version our exports declare.
pub const OPSET: i64 = 13;

/// [`export`] of a bare network and its input scaling, if any (the network is copied into
/// a [`Model`] with an empty description).
pub fn export_network(
    network: &Network,
    input: Option<&InputNorm>,
) -> ninestep_core::Result<Vec<u8>> {
    let mut model = Model::new(network.clone());
    model.input = input.cloned();
    export(&model)
}
