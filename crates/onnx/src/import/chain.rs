//! The chain of layers being read from the graph, one node at a time.

use super::parts::{attr_f, attr_i, bad, unsupported, Const};
use crate::proto::NodeProto;
use ninestep_core::nn::model::{InputNorm, TensorEntry};
use ninestep_core::nn::{Activation, LayerConfig, Output, Shape};
use ninestep_core::Result;

/// The chain being read: layers, their tensors, the current width.
pub(super) struct Chain {
    pub layers: Vec<LayerConfig>,
    pub tensors: Vec<TensorEntry>,
    pub width: usize,
    /// The image shape of the current value (C×H×W), `None` for rows.
    pub shape: Option<Shape>,
    pub output: Output,
    /// Our own exports scale raw inputs first: `Sub` (min) then `Div` (max − min).
    shift: Option<Vec<f32>>,
    scale: Option<Vec<f32>>,
    /// A MatMul waiting for the Add of its bias.
    pending: Option<(Const, NodeProto)>,
}

impl Chain {
    pub(super) fn tensor(&mut self, name: &str, shape: [usize; 2], values: Vec<f32>) {
        let layer = self.layers.len();
        self.tensors.push(TensorEntry {
            layer,
            name: name.into(),
            shape: shape.to_vec(),
            values,
        });
    }

    /// A dense layer from W (inputs × units) and an optional bias.
    fn dense(&mut self, n: &NodeProto, w: Const, b: Option<Const>) -> Result<()> {
        if self.shape.is_some_and(|s| !s.is_flat()) {
            return Err(unsupported(
                n,
                "multiplies an image; a Flatten before it is needed",
                "作用于图像；需要先接 Flatten",
            ));
        }
        let [n_in, n_out] = w.dims[..] else {
            return Err(unsupported(
                n,
                "has a weight that is not a matrix",
                "的权重不是矩阵",
            ));
        };
        if n_in != self.width {
            return Err(unsupported(
                n,
                &format!("takes {n_in} inputs after {} values", self.width),
                &format!("需要 {n_in} 个输入，而上一步给出 {} 个", self.width),
            ));
        }
        let bias = match b {
            Some(b) if b.values.len() == n_out => b.values,
            Some(_) => {
                return Err(unsupported(
                    n,
                    "has a bias of the wrong length",
                    "的偏置长度不对",
                ))
            }
            None => vec![0.0; n_out],
        };
        self.layers
            .push(LayerConfig::dense(n_out, Activation::Identity));
        self.tensor("w", [n_in, n_out], w.values);
        self.tensor("b", [1, n_out], bias);
        self.width = n_out;
        Ok(())
    }

    /// f after a plain dense layer joins it; otherwise an activation layer.
    fn activation(&mut self, f: Activation) {
        if let Some(LayerConfig::Dense {
            activation: a @ Activation::Identity,
            ..
        }) = self.layers.last_mut()
        {
            *a = f;
        } else {
            self.layers.push(LayerConfig::Activation { activation: f });
        }
    }

    /// A chain starting with `width` features, an image of `shape` if given.
    pub fn new(width: usize, shape: Option<Shape>) -> Chain {
        Chain {
            layers: Vec::new(),
            tensors: Vec::new(),
            width,
            shape,
            output: Output::Identity,
            shift: None,
            scale: None,
            pending: None,
        }
    }

    /// Takes node `n`, which reads `current`; `other` is its other input, `value` the
    /// constants of the graph.
    pub fn node(
        &mut self,
        n: &NodeProto,
        current: &str,
        other: &str,
        value: &dyn Fn(&str) -> Option<Const>,
    ) -> Result<()> {
        if self.output != Output::Identity {
            return Err(unsupported(
                n,
                "comes after the softmax output",
                "位于 softmax 输出之后",
            ));
        }
        if let Some((w, mm)) = self.pending.take() {
            if n.op_type == "Add" {
                return self.dense(&mm, w, value(other));
            }
            self.dense(&mm, w, None)?;
        }
        match n.op_type.as_str() {
            "MatMul" => {
                let w = value(other).ok_or_else(|| {
                    unsupported(
                        n,
                        "multiplies by a tensor that is not a constant",
                        "乘以的不是常量张量",
                    )
                })?;
                self.pending = Some((w, n.clone()));
            }
            "Gemm" => {
                if attr_i(n, "transA", 0) != 0 {
                    return Err(unsupported(n, "uses transA = 1", "使用了 transA = 1"));
                }
                let mut w = value(n.input.get(1).map_or("", String::as_str)).ok_or_else(|| {
                    unsupported(n, "has a weight that is not a constant", "的权重不是常量")
                })?;
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
                self.dense(n, w, b)?;
            }
            "Relu" => self.activation(Activation::Relu),
            "Sigmoid" => self.activation(Activation::Sigmoid),
            "Tanh" => self.activation(Activation::Tanh),
            "Softplus" => self.activation(Activation::Softplus),
            "LeakyRelu" => self.activation(Activation::LeakyRelu(attr_f(n, "alpha", 0.01))),
            "Elu" => self.activation(Activation::Elu(attr_f(n, "alpha", 1.0))),
            "Softmax" => self.output = Output::Softmax,
            "Conv" => self.conv(n, value)?,
            "MaxPool" | "AveragePool" => self.pool(n)?,
            "BatchNormalization" => {
                let w = self.width;
                let mut parts = Vec::new();
                for i in 1..5 {
                    match n.input.get(i).and_then(|s| value(s.as_str())) {
                        Some(c) if c.values.len() == w => parts.push(c.values),
                        Some(c) if self.per_value(&c).is_some() => parts.extend(self.per_value(&c)),
                        _ => {
                            return Err(unsupported(
                                n,
                                &format!("needs {w} constant values in input {i}"),
                                &format!("的第 {i} 个输入需要 {w} 个常量值"),
                            ))
                        }
                    }
                }
                let momentum = attr_f(n, "momentum", 0.9);
                self.layers.push(LayerConfig::BatchNorm {
                    momentum,
                    eps: attr_f(n, "epsilon", 1e-5),
                });
                for (name, v) in ["gamma", "beta", "running_mean", "running_var"]
                    .into_iter()
                    .zip(parts)
                {
                    self.tensor(name, [1, w], v);
                }
            }
            "Sub" | "Div" if self.layers.is_empty() && self.scale.is_none() => {
                let c = value(other).filter(|c| {
                    c.values.len() == self.width
                        && n.input.first().map(String::as_str) == Some(current)
                });
                let c = c.ok_or_else(|| {
                    unsupported(
                        n,
                        "is not a per-feature constant scaling",
                        "不是按特征的常量缩放",
                    )
                })?;
                match (n.op_type.as_str(), &self.shift) {
                    ("Sub", None) => self.shift = Some(c.values),
                    ("Div", Some(_)) => self.scale = Some(c.values),
                    _ => {
                        return Err(unsupported(
                            n,
                            "is not the min-max scaling Sub → Div",
                            "不是 Sub → Div 的最小最大归一化",
                        ))
                    }
                }
            }
            "Flatten" | "Reshape" | "Identity" | "Dropout" => {
                if n.op_type == "Flatten" {
                    super::conv::only(n, "axis", 1)?;
                }
                if n.op_type == "Reshape" {
                    let shape = value(other).map(|c| c.values).unwrap_or_default();
                    let last = shape.last().copied().unwrap_or(0.0);
                    if shape.len() != 2 || !(last == self.width as f32 || last == -1.0) {
                        return Err(unsupported(
                            n,
                            &format!(
                                "reshapes to {shape:?}; only rows of the {} features are run",
                                self.width
                            ),
                            &format!("变形为 {shape:?}；只支持每行 {} 个特征", self.width),
                        ));
                    }
                }
                if n.op_type != "Identity" && n.op_type != "Dropout" {
                    self.flatten_image();
                }
            }
            _ => {
                return Err(unsupported(
                    n,
                    "is an op this version does not run",
                    "是本版本不支持运行的算子",
                ))
            }
        }
        Ok(())
    }

    /// Closes the chain: a pending MatMul, the output function, the input scaling.
    pub fn finish(&mut self) -> Result<Option<InputNorm>> {
        if let Some((w, mm)) = self.pending.take() {
            self.dense(&mm, w, None)?;
        }
        // A sigmoid closing the chain right after a dense layer is the logistic output
        // (a yes/no classifier), as our own exports write it.
        if self.output == Output::Identity {
            if let Some(LayerConfig::Dense {
                activation: a @ Activation::Sigmoid,
                ..
            }) = self.layers.last_mut()
            {
                *a = Activation::Identity;
                self.output = Output::Logistic;
            }
        }
        // Softmax is our output function, so it needs a plain dense layer before it.
        if self.output == Output::Softmax {
            if let Some(LayerConfig::Dense { activation: a, .. }) = self.layers.last() {
                if *a != Activation::Identity {
                    return Err(bad(
                        format!("softmax after a {} activation is not run.", a.name()),
                        format!("不支持在 {} 激活之后接 softmax。", a.name()),
                    ));
                }
            }
        }
        Ok(match (self.shift.take(), self.scale.take()) {
            (None, None) => None,
            (Some(min), Some(range)) => {
                let max = min
                    .iter()
                    .zip(&range)
                    .map(|(a, r)| ((*a as f64) + (*r as f64)) as f32)
                    .collect();
                Some(InputNorm::MinMax { min, max })
            }
            _ => {
                return Err(bad(
                    "a Sub without its Div: the input scaling is incomplete.".into(),
                    "只有 Sub 没有 Div：输入缩放不完整。".into(),
                ))
            }
        })
    }
}
