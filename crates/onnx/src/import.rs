//! An ONNX file → our network, for inference, when the graph is a chain of ops we run:
//!
//! | ONNX | ours |
//! |---|---|
//! | `MatMul` (+ `Add` of a bias), `Gemm` (transB, alpha, beta) | dense layer |
//! | `Relu`, `Sigmoid`, `Tanh`, `LeakyRelu`, `Elu`, `Softplus` | the dense layer's activation, or an activation layer |
//! | `BatchNormalization` | batch norm with its running statistics |
//! | `Softmax` (last) | the softmax output |
//! | `Sigmoid` (last, right after a dense layer) | the logistic output |
//! | `Flatten`, `Reshape` (to rows of the features), `Identity`, `Dropout` | nothing (our rows are already flat) |
//!
//! Weights come from initializers or `Constant` nodes. The result goes through the model
//! file's own strict gate ([`Model::from_file`]), so shapes and values are checked once.
//! Anything else is an error naming the op and the node.

use crate::proto::{attr_type, ModelProto, NodeProto, TensorProto, FLOAT, INT64};
use ninestep_core::nn::model::{InputNorm, Model, ModelFile, TensorEntry, FORMAT, MAX_BYTES, VERSION};
use ninestep_core::nn::{Activation, Init, LayerConfig, NetworkConfig, Output};
use ninestep_core::{Error, ErrorKind, Result};
use prost::Message;
use std::collections::HashMap;

fn bad(en: String, zh: String) -> Error {
    Error::new(ErrorKind::BadData, format!("ONNX file: {en}"), format!("ONNX 文件：{zh}"))
}

fn clip(s: &str) -> String {
    s.chars().take(60).collect()
}

fn unsupported(n: &NodeProto, why: &str, why_zh: &str) -> Error {
    Error::new(
        ErrorKind::Unknown,
        format!("ONNX file: node “{}” ({}) {why}.", clip(&n.name), clip(&n.op_type)),
        format!("ONNX 文件：节点“{}”（{}）{why_zh}。", clip(&n.name), clip(&n.op_type)),
    )
}

/// A constant tensor: dims and values as f32 (from float or int64 data).
struct Const {
    dims: Vec<usize>,
    values: Vec<f32>,
}

fn constant(t: &TensorProto) -> Result<Const> {
    let dims: Vec<usize> = t.dims.iter().map(|&d| usize::try_from(d).unwrap_or(usize::MAX)).collect();
    let values: Vec<f32> = match t.data_type {
        FLOAT if !t.raw_data.is_empty() => t
            .raw_data
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect(),
        FLOAT => t.float_data.clone(),
        INT64 if !t.raw_data.is_empty() => t
            .raw_data
            .chunks_exact(8)
            .map(|b| i64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]) as f32)
            .collect(),
        INT64 => t.int64_data.iter().map(|&v| v as f32).collect(),
        other => {
            return Err(bad(
                format!("tensor “{}” has data type {other}; only float and int64 are read.", clip(&t.name)),
                format!("张量“{}”的数据类型为 {other}；只读取 float 与 int64。", clip(&t.name)),
            ))
        }
    };
    let size = dims.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
    if t.data_location == Some(1) || size != Some(values.len()) {
        return Err(bad(
            format!("tensor “{}” has dims {:?} but {} values (external data is not read).", clip(&t.name), t.dims, values.len()),
            format!("张量“{}”的维度为 {:?}，却有 {} 个值（不读取外部数据）。", clip(&t.name), t.dims, values.len()),
        ));
    }
    Ok(Const { dims, values })
}

fn attr_f(n: &NodeProto, name: &str, default: f32) -> f32 {
    n.attribute.iter().find(|a| a.name == name && a.r#type == attr_type::FLOAT).map_or(default, |a| a.f)
}

fn attr_i(n: &NodeProto, name: &str, default: i64) -> i64 {
    n.attribute.iter().find(|a| a.name == name && a.r#type == attr_type::INT).map_or(default, |a| a.i)
}

/// The chain being read: layers, their tensors, the current width.
struct Chain {
    layers: Vec<LayerConfig>,
    tensors: Vec<TensorEntry>,
    width: usize,
    output: Output,
    /// Our own exports scale raw inputs first: `Sub` (min) then `Div` (max − min).
    shift: Option<Vec<f32>>,
    scale: Option<Vec<f32>>,
}

impl Chain {
    fn tensor(&mut self, name: &str, shape: [usize; 2], values: Vec<f32>) {
        let layer = self.layers.len();
        self.tensors.push(TensorEntry { layer, name: name.into(), shape: shape.to_vec(), values });
    }

    /// A dense layer from W (inputs × units) and an optional bias.
    fn dense(&mut self, n: &NodeProto, w: Const, b: Option<Const>) -> Result<()> {
        let [n_in, n_out] = w.dims[..] else {
            return Err(unsupported(n, "has a weight that is not a matrix", "的权重不是矩阵"));
        };
        if n_in != self.width {
            return Err(unsupported(n, &format!("takes {n_in} inputs after {} values", self.width), &format!("需要 {n_in} 个输入，而上一步给出 {} 个", self.width)));
        }
        let bias = match b {
            Some(b) if b.values.len() == n_out => b.values,
            Some(_) => return Err(unsupported(n, "has a bias of the wrong length", "的偏置长度不对")),
            None => vec![0.0; n_out],
        };
        self.layers.push(LayerConfig::dense(n_out, Activation::Identity));
        self.tensor("w", [n_in, n_out], w.values);
        self.tensor("b", [1, n_out], bias);
        self.width = n_out;
        Ok(())
    }

    /// f after a plain dense layer joins it; otherwise an activation layer.
    fn activation(&mut self, f: Activation) {
        if let Some(LayerConfig::Dense { activation: a @ Activation::Identity, .. }) = self.layers.last_mut() {
            *a = f;
        } else {
            self.layers.push(LayerConfig::Activation { activation: f });
        }
    }
}

/// Reads an ONNX file made by us or elsewhere (see the module docs).
pub fn import(bytes: &[u8]) -> Result<Model> {
    if bytes.len() > MAX_BYTES {
        return Err(bad(format!("more than {} MB.", MAX_BYTES >> 20), format!("超过 {} MB。", MAX_BYTES >> 20)));
    }
    let model = ModelProto::decode(bytes).map_err(|e| {
        bad(format!("not a protobuf ONNX model ({e})."), format!("不是 protobuf 格式的 ONNX 模型（{e}）。"))
    })?;
    let graph = model.graph.ok_or_else(|| bad("it has no graph.".into(), "其中没有计算图。".into()))?;
    let mut consts: HashMap<String, Const> = HashMap::new();
    for t in &graph.initializer {
        consts.insert(t.name.clone(), constant(t)?);
    }
    for n in graph.node.iter().filter(|n| n.op_type == "Constant") {
        let t = n.attribute.iter().find_map(|a| a.t.as_ref()).ok_or_else(|| unsupported(n, "has no tensor value", "没有张量值"))?;
        if let Some(out) = n.output.first() {
            consts.insert(out.clone(), constant(t)?);
        }
    }
    let input = graph.input.iter().find(|i| !consts.contains_key(&i.name)).ok_or_else(|| bad("it has no input.".into(), "没有输入。".into()))?;
    let dims: Vec<i64> = input
        .r#type
        .as_ref()
        .and_then(|t| t.tensor_type.as_ref())
        .and_then(|t| t.shape.as_ref())
        .map(|s| s.dim.iter().map(|d| d.dim_value.unwrap_or(-1)).collect())
        .unwrap_or_default();
    // The features are every dimension after the batch: [1, 784] or [N, 1, 28, 28].
    let width = dims.iter().skip(1).try_fold(1usize, |a, &d| usize::try_from(d).ok().and_then(|d| a.checked_mul(d)));
    let width = match width {
        Some(w) if dims.len() >= 2 && w > 0 => w,
        _ => {
            return Err(bad(
                format!("input “{}” has shape {dims:?}; a batch and fixed feature sizes are needed.", clip(&input.name)),
                format!("输入“{}”的形状为 {dims:?}；需要批维度和固定的特征维度。", clip(&input.name)),
            ))
        }
    };
    let mut chain = Chain { layers: Vec::new(), tensors: Vec::new(), width, output: Output::Identity, shift: None, scale: None };
    let mut current = input.name.clone();
    let mut pending: Option<(Const, &NodeProto)> = None; // a MatMul waiting for its Add
    let ops: Vec<&NodeProto> = graph.node.iter().filter(|n| n.op_type != "Constant").collect();
    let mut used = vec![false; ops.len()];
    let value = |name: &str| consts.get(name).map(|c| Const { dims: c.dims.clone(), values: c.values.clone() });
    while let Some(k) = ops.iter().position(|n| n.input.first() == Some(&current) || (n.op_type == "Add" && n.input.get(1) == Some(&current))) {
        if used[k] {
            break;
        }
        used[k] = true;
        let n = ops[k];
        let other = n.input.iter().find(|i| **i != current).map(|s| s.as_str()).unwrap_or("");
        if chain.output != Output::Identity {
            return Err(unsupported(n, "comes after the softmax output", "位于 softmax 输出之后"));
        }
        if let Some((w, mm)) = pending.take() {
            if n.op_type == "Add" {
                chain.dense(mm, w, value(other))?;
                current = n.output.first().cloned().unwrap_or_default();
                continue;
            }
            chain.dense(mm, w, None)?;
        }
        match n.op_type.as_str() {
            "MatMul" => {
                let w = value(other).ok_or_else(|| unsupported(n, "multiplies by a tensor that is not a constant", "乘以的不是常量张量"))?;
                pending = Some((w, n));
            }
            "Gemm" => {
                if attr_i(n, "transA", 0) != 0 {
                    return Err(unsupported(n, "uses transA = 1", "使用了 transA = 1"));
                }
                let mut w = value(n.input.get(1).map_or("", String::as_str)).ok_or_else(|| unsupported(n, "has a weight that is not a constant", "的权重不是常量"))?;
                if attr_i(n, "transB", 0) != 0 {
                    if let [r, c] = w.dims[..] {
                        w.values = (0..c * r).map(|i| w.values[(i % r) * c + i / r]).collect();
                        w.dims = vec![c, r];
                    }
                }
                let alpha = attr_f(n, "alpha", 1.0);
                w.values.iter_mut().for_each(|v| *v *= alpha);
                let mut b = n.input.get(2).and_then(|s| value(s.as_str()));
                if let Some(b) = &mut b {
                    let beta = attr_f(n, "beta", 1.0);
                    b.values.iter_mut().for_each(|v| *v *= beta);
                }
                chain.dense(n, w, b)?;
            }
            "Relu" => chain.activation(Activation::Relu),
            "Sigmoid" => chain.activation(Activation::Sigmoid),
            "Tanh" => chain.activation(Activation::Tanh),
            "Softplus" => chain.activation(Activation::Softplus),
            "LeakyRelu" => chain.activation(Activation::LeakyRelu(attr_f(n, "alpha", 0.01))),
            "Elu" => chain.activation(Activation::Elu(attr_f(n, "alpha", 1.0))),
            "Softmax" => chain.output = Output::Softmax,
            "BatchNormalization" => {
                let w = chain.width;
                let mut parts = Vec::new();
                for i in 1..5 {
                    match n.input.get(i).and_then(|s| value(s.as_str())) {
                        Some(c) if c.values.len() == w => parts.push(c.values),
                        _ => return Err(unsupported(n, &format!("needs {w} constant values in input {i}"), &format!("的第 {i} 个输入需要 {w} 个常量值"))),
                    }
                }
                let momentum = attr_f(n, "momentum", 0.9);
                chain.layers.push(LayerConfig::BatchNorm { momentum, eps: attr_f(n, "epsilon", 1e-5) });
                for (name, v) in ["gamma", "beta", "running_mean", "running_var"].into_iter().zip(parts) {
                    chain.tensor(name, [1, w], v);
                }
            }
            "Sub" | "Div" if chain.layers.is_empty() && chain.scale.is_none() => {
                let c = value(other).filter(|c| c.values.len() == chain.width && n.input.first() == Some(&current));
                let c = c.ok_or_else(|| unsupported(n, "is not a per-feature constant scaling", "不是按特征的常量缩放"))?;
                match (n.op_type.as_str(), &chain.shift) {
                    ("Sub", None) => chain.shift = Some(c.values),
                    ("Div", Some(_)) => chain.scale = Some(c.values),
                    _ => return Err(unsupported(n, "is not the min-max scaling Sub → Div", "不是 Sub → Div 的最小最大归一化")),
                }
            }
            "Flatten" | "Reshape" | "Identity" | "Dropout" => {
                if n.op_type == "Reshape" {
                    let shape = value(other).map(|c| c.values).unwrap_or_default();
                    let last = shape.last().copied().unwrap_or(0.0);
                    if shape.len() != 2 || !(last == chain.width as f32 || last == -1.0) {
                        return Err(unsupported(n, &format!("reshapes to {shape:?}; only rows of the {} features are run", chain.width), &format!("变形为 {shape:?}；只支持每行 {} 个特征", chain.width)));
                    }
                }
            }
            _ => return Err(unsupported(n, "is an op this version does not run", "是本版本不支持运行的算子")),
        }
        current = n.output.first().cloned().unwrap_or_default();
    }
    if let Some((w, mm)) = pending.take() {
        chain.dense(mm, w, None)?;
    }
    if let Some(n) = ops.iter().zip(&used).find(|(_, u)| !**u).map(|(n, _)| n) {
        return Err(unsupported(n, "is not on the chain from the input to the output", "不在从输入到输出的链上"));
    }
    if !graph.output.iter().any(|o| o.name == current) {
        return Err(bad(format!("the chain ends at “{}”, which is not the graph's output.", clip(&current)), format!("计算链止于“{}”，它不是图的输出。", clip(&current))));
    }
    // A sigmoid closing the chain right after a dense layer is the logistic output
    // (a yes/no classifier), as our own exports write it.
    if chain.output == Output::Identity {
        if let Some(LayerConfig::Dense { activation: a @ Activation::Sigmoid, .. }) = chain.layers.last_mut() {
            *a = Activation::Identity;
            chain.output = Output::Logistic;
        }
    }
    // Softmax is our output function, so it needs a plain dense layer before it.
    if chain.output == Output::Softmax {
        if let Some(LayerConfig::Dense { activation: a, .. }) = chain.layers.last() {
            if *a != Activation::Identity {
                return Err(bad(format!("softmax after a {} activation is not run.", a.name()), format!("不支持在 {} 激活之后接 softmax。", a.name())));
            }
        }
    }
    let input = match (chain.shift.take(), chain.scale.take()) {
        (None, None) => None,
        (Some(min), Some(range)) => {
            let max = min.iter().zip(&range).map(|(a, r)| ((*a as f64) + (*r as f64)) as f32).collect();
            Some(InputNorm::MinMax { min, max })
        }
        _ => return Err(bad("a Sub without its Div: the input scaling is incomplete.".into(), "只有 Sub 没有 Div：输入缩放不完整。".into())),
    };
    let file = ModelFile {
        format: FORMAT.into(),
        version: VERSION,
        description: format!("imported from ONNX ({} {})", clip(&model.producer_name), clip(&model.producer_version)),
        network: NetworkConfig { inputs: width, layers: chain.layers, output: chain.output, init: Init::Xavier, seed: 0 },
        input,
        tensors: chain.tensors,
    };
    Model::from_file(file)
}
