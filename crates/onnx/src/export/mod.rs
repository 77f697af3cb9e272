//! Our network → an ONNX graph (opset 13, IR version 7), one chain of nodes:
//!
//! | ours | ONNX |
//! |---|---|
//! | input scaling min-max | `Sub` (min) → `Div` (max − min) |
//! | dense | `Gemm` (X·W + B, W stored inputs × units, transB = 0) → its activation |
//! | activation | see [`activation`]: `Relu`, `Sigmoid`, `Tanh`, `LeakyRelu`, `Elu`, `Softplus`, step as `GreaterOrEqual` → `Cast`; identity: no node |
//! | batch norm | `BatchNormalization` (inference: the running mean and variance, epsilon) |
//! | dropout | `Identity` (inference passes X through; the ratio is in the node's doc string) |
//! | output logistic / softmax | `Sigmoid` / `Softmax` (axis 1) |
//! | conv2d, max-pool, avg-pool, flatten (step 8) | `Conv`, `MaxPool`, `AveragePool`, `Flatten`: see [`conv`] |
//! | rnn, lstm, gru, time-dense (step 9) | `RNN`, `LSTM`, `GRU`, `Gemm` per step: see [`recurrent`] |
//!
//! A net with an input shape C×H×W takes the input `[N, C, H, W]` (our rows are the same
//! values, C×H×W row-major); any layer that needs rows (dense, recurrent) right after an
//! image gets a `Flatten` first, as the engine flattens implicitly.
//!
//! The tensors come from the one parameter walk ([`ninestep_core::nn::Layer::visit`]) by their names; a layer
//! type this table does not know is an error naming the layer.

pub mod activation;
pub mod conv;
mod graph;
pub mod recurrent;

pub(crate) use graph::{not_exportable, take, tensors, Graph, Tensors};

use crate::proto::{self, attr_f, attr_i, float_info, ModelProto};
use crate::OPSET;
use ninestep_core::nn::model::{InputNorm, Model};
use ninestep_core::nn::{LayerConfig, Output, Shape};
use ninestep_core::Result;

/// Name of the graph's input.
pub const INPUT: &str = "x";
/// Name of the graph's output.
pub const OUTPUT: &str = "y";

/// `[N, C, H, W]` of an image, `[N, n]` of a row.
fn dims_of(s: Shape) -> Vec<Option<i64>> {
    if s.is_flat() {
        vec![None, Some(s.len() as i64)]
    } else {
        vec![
            None,
            Some(s.channels as i64),
            Some(s.height as i64),
            Some(s.width as i64),
        ]
    }
}

/// The ONNX model of `model`.
pub fn to_proto(model: &Model) -> Result<ModelProto> {
    let net = &model.network;
    let shapes = net.shapes();
    let mut g = Graph {
        nodes: Vec::new(),
        init: Vec::new(),
        current: INPUT.to_string(),
    };
    if let Some(InputNorm::MinMax { min, max }) = &model.input {
        let range: Vec<f32> = min
            .iter()
            .zip(max)
            .map(|(a, b)| {
                if b > a {
                    ((*b as f64) - (*a as f64)) as f32
                } else {
                    1.0
                }
            })
            .collect();
        // On an image the per-value min and range are C×H×W, broadcasting over N.
        let dims = match net.config().input_shape {
            Some(s) if s.len() == min.len() => vec![s.channels, s.height, s.width],
            _ => vec![min.len()],
        };
        let lo = g.tensor("input_min", &dims, min);
        let r = g.tensor("input_range", &dims, &range);
        g.push("Sub", "input_shifted", &[lo.as_str()], vec![]);
        g.push("Div", "input_scaled", &[r.as_str()], vec![]);
    }
    for (i, layer) in net.layers().iter().enumerate() {
        let k = i + 1;
        let mut t = tensors(layer.as_ref());
        let config = layer.config();
        let image = shapes.get(i).is_some_and(|s| !s.is_flat());
        // Gemm and the recurrent ops need rows: an image going into them is flattened first.
        if image && (matches!(config, LayerConfig::Dense { .. }) || config.unroll().is_some()) {
            g.push(
                "Flatten",
                &format!("l{k}_flat"),
                &[],
                vec![attr_i("axis", 1)],
            );
        }
        match config {
            LayerConfig::Dense { units, activation } => {
                let ((n_in, n_out), w) = take(&mut t, "w", k)?;
                let (_, b) = take(&mut t, "b", k)?;
                debug_assert_eq!(n_out, units);
                let w = g.tensor(&format!("l{k}_W"), &[n_in, n_out], &w);
                let b = g.tensor(&format!("l{k}_B"), &[n_out], &b);
                g.push(
                    "Gemm",
                    &format!("l{k}_Z"),
                    &[w.as_str(), b.as_str()],
                    vec![],
                );
                activation::push(&mut g, activation, &format!("l{k}_A"), k)?;
            }
            LayerConfig::Activation { activation } => {
                activation::push(&mut g, activation, &format!("l{k}_A"), k)?;
            }
            // ONNX normalises an image per channel; ours normalises each of its values.
            LayerConfig::BatchNorm { .. } if image => {
                return Err(not_exportable(
                    k,
                    "batch norm on an image: ONNX normalises per channel, ours per value",
                    "图像上的批归一化：ONNX 按通道归一化，我们按每个值",
                ));
            }
            LayerConfig::BatchNorm { momentum, eps } => {
                let mut names = Vec::new();
                for (ours, theirs) in [
                    ("gamma", "scale"),
                    ("beta", "B"),
                    ("running_mean", "mean"),
                    ("running_var", "var"),
                ] {
                    let ((_, n), v) = take(&mut t, ours, k)?;
                    names.push(g.tensor(&format!("l{k}_{theirs}"), &[n], &v));
                }
                let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                let attrs = vec![attr_f("epsilon", eps), attr_f("momentum", momentum)];
                g.push("BatchNormalization", &format!("l{k}_Y"), &refs, attrs);
            }
            LayerConfig::Dropout { ratio } => {
                g.push("Identity", &format!("l{k}_dropout"), &[], vec![]);
                g.doc(format!(
                    "dropout, ratio {ratio} in training; inference passes X through"
                ));
            }
            LayerConfig::Conv2d { .. }
            | LayerConfig::MaxPool { .. }
            | LayerConfig::AvgPool { .. }
            | LayerConfig::Flatten => conv::push(&mut g, config, &mut t, k)?,
            // ONNX's bidirectional RNN/LSTM/GRU would fit (Y_h holds h→_T and h←_1), but it is
            // not written or checked in tract yet: say so rather than export something untested.
            LayerConfig::Bidirectional { .. } => {
                return Err(not_exportable(
                    k,
                    "a bidirectional recurrent layer (not exported yet)",
                    "双向循环层（暂不支持导出）",
                ));
            }
            LayerConfig::Rnn { .. }
            | LayerConfig::Lstm { .. }
            | LayerConfig::Gru { .. }
            | LayerConfig::TimeDense { .. } => {
                let width = shapes.get(i).map_or(0, |s| s.len());
                recurrent::push(&mut g, config, &mut t, k, width)?
            }
        }
    }
    match net.output() {
        Output::Identity => {}
        Output::Logistic => g.push("Sigmoid", "output", &[], vec![]),
        Output::Softmax => g.push("Softmax", "output", &[], vec![attr_i("axis", 1)]),
    }
    // The graph output is always `y`: rename the last value (or copy the input through).
    if g.current == INPUT {
        g.push("Identity", OUTPUT, &[], vec![]);
    } else {
        let last = g.current.clone();
        if let Some(n) = g.nodes.last_mut() {
            for o in n.output.iter_mut().filter(|o| **o == last) {
                *o = OUTPUT.to_string();
            }
        }
    }
    let input_dims = match net.config().input_shape {
        Some(s) => dims_of(s),
        None => vec![None, Some(net.inputs() as i64)],
    };
    // A net that ends on an image (no dense layer) gives N×C×H×W.
    let output_dims = match shapes.last() {
        Some(s) => dims_of(*s),
        None => vec![None, Some(net.outputs() as i64)],
    };
    let graph = proto::GraphProto {
        node: g.nodes,
        name: "ninestep".into(),
        initializer: g.init,
        doc_string: model.description.clone(),
        input: vec![float_info(INPUT, &input_dims)],
        output: vec![float_info(OUTPUT, &output_dims)],
        value_info: Vec::new(),
    };
    Ok(ModelProto {
        ir_version: 7,
        opset_import: vec![proto::OperatorSetIdProto {
            domain: String::new(),
            version: OPSET,
        }],
        producer_name: "ninestep".into(),
        producer_version: env!("CARGO_PKG_VERSION").into(),
        domain: String::new(),
        model_version: 1,
        doc_string: model.description.clone(),
        graph: Some(graph),
    })
}

/// The ONNX file (protobuf bytes) of `model`.
pub fn export(model: &Model) -> Result<Vec<u8>> {
    Ok(prost::Message::encode_to_vec(&to_proto(model)?))
}
