//! Our network → an ONNX graph (opset 13, IR version 7), one chain of nodes:
//!
//! | ours | ONNX |
//! |---|---|
//! | input scaling min-max | `Sub` (min) → `Div` (max − min) |
//! | dense | `Gemm` (X·W + B, W stored inputs × units, transB = 0) → its activation |
//! | activation | `Relu`, `Sigmoid`, `Tanh`, `LeakyRelu` (alpha), `Elu` (alpha), `Softplus`; identity: no node |
//! | batch norm | `BatchNormalization` (inference: the running mean and variance, epsilon) |
//! | dropout | `Identity` (inference passes X through; the ratio is in the node's doc string) |
//! | output logistic / softmax | `Sigmoid` / `Softmax` (axis 1) |
//! | conv2d (step 8) | `Conv` (kernel_shape, strides, pads ×4; W is O×C×k×k, our O × C·k·k rows; B if any) |
//! | max-pool / avg-pool | `MaxPool` / `AveragePool` (kernel_shape, strides, no padding) |
//! | flatten | `Flatten` (axis 1); a dense layer right after an image gets one first |
//!
//! A net with an input shape C×H×W takes the input `[N, C, H, W]` (our rows are the same
//! values, C×H×W row-major).
//!
//! The tensors come from the one parameter walk ([`Layer::visit`]) by their names; a layer
//! type this table does not know yet is an error naming the layer, so a new layer is added
//! here by one match arm.

use crate::proto::{self, attr_f, attr_i, attr_ints, float_info, float_tensor, node, ModelProto};
use crate::OPSET;
use ninestep_core::nn::model::{InputNorm, Model};
use ninestep_core::nn::{Activation, Layer, LayerConfig, Output};
use ninestep_core::{Error, ErrorKind, Result};
use std::collections::HashMap;

/// Name of the graph's input.
pub const INPUT: &str = "x";
/// Name of the graph's output.
pub const OUTPUT: &str = "y";

fn not_exportable(layer: usize, what: &str) -> Error {
    Error::new(
        ErrorKind::Unknown,
        format!("Layer {layer} ({what}) is not exportable to ONNX yet."),
        format!("第 {layer} 层（{what}）暂时还不能导出为 ONNX。"),
    )
}

/// The graph being written: nodes, initializers and the name of the current value.
struct Graph {
    nodes: Vec<proto::NodeProto>,
    init: Vec<proto::TensorProto>,
    current: String,
}

impl Graph {
    /// Appends `op` on the current value (plus `extra` inputs) and makes its output current.
    fn push(&mut self, op: &str, name: &str, extra: &[&str], attrs: Vec<proto::AttributeProto>) {
        let out = if name.is_empty() {
            format!("v{}", self.nodes.len())
        } else {
            name.to_string()
        };
        let mut inputs = vec![self.current.as_str()];
        inputs.extend_from_slice(extra);
        self.nodes.push(node(op, &out, &inputs, &out, attrs));
        self.current = out;
    }

    fn tensor(&mut self, name: &str, dims: &[usize], values: &[f32]) -> String {
        self.init.push(float_tensor(name, dims, values));
        name.to_string()
    }

    /// The activation f as one node, or none for identity.
    fn activation(&mut self, f: Activation, name: &str, layer: usize) -> Result<()> {
        match f {
            Activation::Identity => {}
            Activation::Sigmoid => self.push("Sigmoid", name, &[], vec![]),
            Activation::Tanh => self.push("Tanh", name, &[], vec![]),
            Activation::Relu => self.push("Relu", name, &[], vec![]),
            Activation::Softplus => self.push("Softplus", name, &[], vec![]),
            Activation::LeakyRelu(a) => self.push("LeakyRelu", name, &[], vec![attr_f("alpha", a)]),
            Activation::Elu(a) => self.push("Elu", name, &[], vec![attr_f("alpha", a)]),
            Activation::Step => return Err(not_exportable(layer, "step activation")),
        }
        Ok(())
    }
}

/// The tensors of one layer by name: (shape, values).
fn tensors(layer: &dyn Layer) -> HashMap<&'static str, ((usize, usize), Vec<f32>)> {
    let mut map = HashMap::new();
    layer.visit(&mut |p| {
        map.insert(p.name, (p.shape, p.value.to_vec()));
    });
    map
}

fn take(
    map: &mut HashMap<&'static str, ((usize, usize), Vec<f32>)>,
    name: &str,
    layer: usize,
) -> Result<((usize, usize), Vec<f32>)> {
    map.remove(name)
        .ok_or_else(|| not_exportable(layer, &format!("no tensor {name}")))
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
        // Gemm needs a matrix: an image going into a dense layer is flattened first.
        if matches!(config, LayerConfig::Dense { .. })
            && shapes.get(i).is_some_and(|s| !s.is_flat())
        {
            g.push(
                "Flatten",
                &format!("l{k}_flat"),
                &[],
                vec![attr_i("axis", 1)],
            );
        }
        // New layer types (convolution, pooling, recurrent cells) arrive in LayerConfig
        // before this table knows them: the wildcard names them.
        #[allow(unreachable_patterns)]
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
                g.activation(activation, &format!("l{k}_A"), k)?;
            }
            LayerConfig::Activation { activation } => {
                g.activation(activation, &format!("l{k}_A"), k)?;
            }
            // ONNX normalises an image per channel; ours normalises each of its values.
            LayerConfig::BatchNorm { .. } if shapes.get(i).is_some_and(|s| !s.is_flat()) => {
                return Err(not_exportable(k, "batch norm on an image"));
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
                if let Some(n) = g.nodes.last_mut() {
                    n.doc_string =
                        format!("dropout, ratio {ratio} in training; inference passes X through");
                }
            }
            LayerConfig::Conv2d {
                channels,
                kernel,
                stride,
                padding,
                bias,
            } => {
                let ((o, depth), w) = take(&mut t, "w", k)?;
                let c = depth / (kernel * kernel).max(1);
                debug_assert_eq!((o, c * kernel * kernel), (channels, depth));
                let w = g.tensor(&format!("l{k}_W"), &[o, c, kernel, kernel], &w);
                let mut inputs = vec![w];
                if bias {
                    let (_, b) = take(&mut t, "b", k)?;
                    inputs.push(g.tensor(&format!("l{k}_B"), &[o], &b));
                }
                let refs: Vec<&str> = inputs.iter().map(String::as_str).collect();
                let (kk, s, p) = (kernel as i64, stride as i64, padding as i64);
                let attrs = vec![
                    attr_ints("kernel_shape", &[kk, kk]),
                    attr_ints("strides", &[s, s]),
                    attr_ints("pads", &[p, p, p, p]),
                ];
                g.push("Conv", &format!("l{k}_conv"), &refs, attrs);
            }
            LayerConfig::MaxPool { size, stride } | LayerConfig::AvgPool { size, stride } => {
                let op = if matches!(config, LayerConfig::MaxPool { .. }) {
                    "MaxPool"
                } else {
                    "AveragePool"
                };
                let (kk, s) = (size as i64, stride as i64);
                let attrs = vec![
                    attr_ints("kernel_shape", &[kk, kk]),
                    attr_ints("strides", &[s, s]),
                ];
                g.push(op, &format!("l{k}_pool"), &[], attrs);
            }
            LayerConfig::Flatten => {
                g.push(
                    "Flatten",
                    &format!("l{k}_flat"),
                    &[],
                    vec![attr_i("axis", 1)],
                );
            }
            _ => return Err(not_exportable(k, config.name())),
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
    } else if let Some(last) = g.nodes.last_mut() {
        last.output = vec![OUTPUT.to_string()];
    }
    let input_dims = match net.config().input_shape {
        Some(s) => vec![
            None,
            Some(s.channels as i64),
            Some(s.height as i64),
            Some(s.width as i64),
        ],
        None => vec![None, Some(net.inputs() as i64)],
    };
    // A net that ends on an image (no dense layer) gives N×C×H×W.
    let output_dims = match shapes.last() {
        Some(s) if !s.is_flat() => vec![
            None,
            Some(s.channels as i64),
            Some(s.height as i64),
            Some(s.width as i64),
        ],
        _ => vec![None, Some(net.outputs() as i64)],
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
