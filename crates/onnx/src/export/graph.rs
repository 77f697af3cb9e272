//! The graph being written by the export: nodes, initializers, the current value, and the
//! tensors of a layer by name.

use crate::proto::{self, float_tensor, node};
use ninestep_core::nn::Layer;
use ninestep_core::{Error, ErrorKind, Result};
use std::collections::HashMap;

pub(crate) fn not_exportable(layer: usize, what: &str, zh: &str) -> Error {
    Error::new(
        ErrorKind::Unknown,
        format!("Layer {layer} ({what}) cannot be exported to ONNX."),
        format!("第 {layer} 层（{zh}）不能导出为 ONNX。"),
    )
}

/// The graph being written: nodes, initializers and the name of the current value.
pub(crate) struct Graph {
    pub(crate) nodes: Vec<proto::NodeProto>,
    pub(crate) init: Vec<proto::TensorProto>,
    pub(crate) current: String,
}

impl Graph {
    /// Appends `op` on the current value (plus `extra` inputs) and makes its output current.
    pub(crate) fn push(
        &mut self,
        op: &str,
        name: &str,
        extra: &[&str],
        attrs: Vec<proto::AttributeProto>,
    ) {
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

    /// Appends `op` with the given inputs and outputs (`""` = an optional one left out);
    /// output number `current` becomes the current value.
    pub(crate) fn push_outputs(
        &mut self,
        op: &str,
        name: &str,
        inputs: &[&str],
        outputs: &[&str],
        current: usize,
        attrs: Vec<proto::AttributeProto>,
    ) {
        let mut n = node(op, name, inputs, "", attrs);
        n.output = outputs.iter().map(|s| s.to_string()).collect();
        self.nodes.push(n);
        self.current = outputs[current].to_string();
    }

    /// The name of the current value.
    pub(crate) fn current(&self) -> &str {
        &self.current
    }

    /// A float initializer; its name.
    pub(crate) fn tensor(&mut self, name: &str, dims: &[usize], values: &[f32]) -> String {
        self.init.push(float_tensor(name, dims, values));
        name.to_string()
    }

    /// An int64 initializer (a shape or axes); its name.
    pub(crate) fn ints(&mut self, name: &str, values: &[i64]) -> String {
        self.init.push(proto::int64_tensor(name, values));
        name.to_string()
    }

    /// The doc string of the last node.
    pub(crate) fn doc(&mut self, text: String) {
        if let Some(n) = self.nodes.last_mut() {
            n.doc_string = text;
        }
    }
}

/// A tensor of one layer: (shape, values).
pub(crate) type Tensors = HashMap<&'static str, ((usize, usize), Vec<f32>)>;

/// The tensors of one layer by name.
pub(crate) fn tensors(layer: &dyn Layer) -> Tensors {
    let mut map = HashMap::new();
    layer.visit(&mut |p| {
        map.insert(p.name, (p.shape, p.value.to_vec()));
    });
    map
}

/// Removes tensor `name` of layer `layer` from `map`.
pub(crate) fn take(
    map: &mut Tensors,
    name: &str,
    layer: usize,
) -> Result<((usize, usize), Vec<f32>)> {
    map.remove(name).ok_or_else(|| {
        not_exportable(
            layer,
            &format!("no tensor {name}"),
            &format!("没有张量 {name}"),
        )
    })
}
