//! An ONNX file → our network, for inference, when the graph is a chain of ops we run:
//!
//! | ONNX | ours |
//! |---|---|
//! | `MatMul` (+ `Add` of a bias), `Gemm` (transB, alpha, beta) | dense layer |
//! | `Relu`, `Sigmoid`, `Tanh`, `LeakyRelu`, `Elu`, `Softplus` | the dense layer's activation, or an activation layer |
//! | `BatchNormalization` | batch norm with its running statistics |
//! | `Softmax` (last) | the softmax output |
//! | `Sigmoid` (last, right after a dense layer) | the logistic output |
//! | `Flatten`, `Reshape` (to rows of the features), `Identity`, `Dropout` | nothing (our rows are already flat), or a flatten layer after an image |
//! | `Conv`, `MaxPool`, `AveragePool` on an `[N, C, H, W]` input | conv2d, max-pool, avg-pool: see `conv.rs` |
//!
//! Weights come from initializers or `Constant` nodes. The result goes through the model
//! file's own strict gate ([`Model::from_file`]), so shapes and values are checked once.
//! Anything else is an error naming the op and the node.

mod chain;
mod conv;
mod parts;

use crate::proto::{ModelProto, NodeProto};
use chain::Chain;
use ninestep_core::limits::ENGINE_MAX_VALUES;
use ninestep_core::nn::model::{Model, ModelFile, FORMAT, MAX_BYTES, VERSION};
use ninestep_core::nn::{Init, NetworkConfig, Shape};
use ninestep_core::Result;
use parts::{bad, clip, constant, unsupported, Const};
use prost::Message;
use std::collections::HashMap;

/// Reads an ONNX file made by us or elsewhere (see the module docs).
pub fn import(bytes: &[u8]) -> Result<Model> {
    if bytes.len() > MAX_BYTES {
        return Err(bad(
            format!("more than {} MB.", MAX_BYTES >> 20),
            format!("超过 {} MB。", MAX_BYTES >> 20),
        ));
    }
    let model = ModelProto::decode(bytes).map_err(|e| {
        bad(
            format!("not a protobuf ONNX model ({e})."),
            format!("不是 protobuf 格式的 ONNX 模型（{e}）。"),
        )
    })?;
    let graph = model
        .graph
        .ok_or_else(|| bad("it has no graph.".into(), "其中没有计算图。".into()))?;
    let mut consts: HashMap<String, Const> = HashMap::new();
    for t in &graph.initializer {
        consts.insert(t.name.clone(), constant(t)?);
    }
    for n in graph.node.iter().filter(|n| n.op_type == "Constant") {
        let t = n
            .attribute
            .iter()
            .find_map(|a| a.t.as_ref())
            .ok_or_else(|| unsupported(n, "has no tensor value", "没有张量值"))?;
        if let Some(out) = n.output.first() {
            consts.insert(out.clone(), constant(t)?);
        }
    }
    let input = graph
        .input
        .iter()
        .find(|i| !consts.contains_key(&i.name))
        .ok_or_else(|| bad("it has no input.".into(), "没有输入。".into()))?;
    let dims: Vec<i64> = input
        .r#type
        .as_ref()
        .and_then(|t| t.tensor_type.as_ref())
        .and_then(|t| t.shape.as_ref())
        .map(|s| s.dim.iter().map(|d| d.dim_value.unwrap_or(-1)).collect())
        .unwrap_or_default();
    // The features are every dimension after the batch: [1, 784] or [N, 1, 28, 28].
    let width = dims.iter().skip(1).try_fold(1usize, |a, &d| {
        usize::try_from(d).ok().and_then(|d| a.checked_mul(d))
    });
    let width = match width {
        Some(w) if dims.len() >= 2 && w > 0 && w <= ENGINE_MAX_VALUES => w,
        _ => {
            return Err(bad(
                format!(
                    "input “{}” has shape {dims:?}; a batch and fixed feature sizes (1 to {ENGINE_MAX_VALUES} values) are needed.",
                    clip(&input.name)
                ),
                format!(
                    "输入“{}”的形状为 {dims:?}；需要批维度和固定的特征维度（1 到 {ENGINE_MAX_VALUES} 个值）。",
                    clip(&input.name)
                ),
            ))
        }
    };
    // [N, C, H, W] is an image: the net gets an input shape and the image layers can run.
    let shape = match dims[..] {
        [_, c, h, w] => Some(Shape::new(c as usize, h as usize, w as usize)),
        _ => None,
    };
    let mut chain = Chain::new(width, shape);
    let mut current = input.name.clone();
    let ops: Vec<&NodeProto> = graph
        .node
        .iter()
        .filter(|n| n.op_type != "Constant")
        .collect();
    let mut used = vec![false; ops.len()];
    let value = |name: &str| consts.get(name).cloned();
    while let Some(k) = ops.iter().position(|n| {
        n.input.first() == Some(&current)
            || (n.op_type == "Add" && n.input.get(1) == Some(&current))
    }) {
        if used[k] {
            break;
        }
        used[k] = true;
        let n = ops[k];
        let other = n
            .input
            .iter()
            .find(|i| **i != current)
            .map_or("", |s| s.as_str());
        chain.node(n, &current, other, &value)?;
        current = n.output.first().cloned().unwrap_or_default();
    }
    let input_norm = chain.finish()?;
    if let Some(n) = ops.iter().zip(&used).find(|(_, u)| !**u).map(|(n, _)| n) {
        return Err(unsupported(
            n,
            "is not on the chain from the input to the output",
            "不在从输入到输出的链上",
        ));
    }
    if !graph.output.iter().any(|o| o.name == current) {
        return Err(bad(
            format!(
                "the chain ends at “{}”, which is not the graph's output.",
                clip(&current)
            ),
            format!("计算链止于“{}”，它不是图的输出。", clip(&current)),
        ));
    }
    let file = ModelFile {
        format: FORMAT.into(),
        version: VERSION,
        description: format!(
            "imported from ONNX ({} {})",
            clip(&model.producer_name),
            clip(&model.producer_version)
        ),
        network: NetworkConfig {
            input_shape: shape,
            inputs: width,
            layers: chain.layers,
            output: chain.output,
            init: Init::Xavier,
            seed: 0,
        },
        input: input_norm,
        tensors: chain.tensors,
    };
    Model::from_file(file)
}
