//! Pieces of the import: messages, constant tensors, attributes.

use crate::proto::{attr_type, NodeProto, TensorProto, FLOAT, INT64};
use ninestep_core::{Error, ErrorKind, Result};

pub(super) fn bad(en: String, zh: String) -> Error {
    Error::new(
        ErrorKind::BadData,
        format!("ONNX file: {en}"),
        format!("ONNX 文件：{zh}"),
    )
}

pub(super) fn clip(s: &str) -> String {
    s.chars().take(60).collect()
}

pub(super) fn unsupported(n: &NodeProto, why: &str, why_zh: &str) -> Error {
    Error::new(
        ErrorKind::Unknown,
        format!(
            "ONNX file: node “{}” ({}) {why}.",
            clip(&n.name),
            clip(&n.op_type)
        ),
        format!(
            "ONNX 文件：节点“{}”（{}）{why_zh}。",
            clip(&n.name),
            clip(&n.op_type)
        ),
    )
}

/// A constant tensor: dims and values as f32 (from float or int64 data).
#[derive(Clone)]
pub(super) struct Const {
    pub dims: Vec<usize>,
    pub values: Vec<f32>,
}

pub(super) fn constant(t: &TensorProto) -> Result<Const> {
    let dims: Vec<usize> = t
        .dims
        .iter()
        .map(|&d| usize::try_from(d).unwrap_or(usize::MAX))
        .collect();
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
                format!(
                    "tensor “{}” has data type {other}; only float and int64 are read.",
                    clip(&t.name)
                ),
                format!(
                    "张量“{}”的数据类型为 {other}；只读取 float 与 int64。",
                    clip(&t.name)
                ),
            ))
        }
    };
    let size = dims.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
    if t.data_location == Some(1) || size != Some(values.len()) {
        return Err(bad(
            format!(
                "tensor “{}” has dims {:?} but {} values (external data is not read).",
                clip(&t.name),
                t.dims,
                values.len()
            ),
            format!(
                "张量“{}”的维度为 {:?}，却有 {} 个值（不读取外部数据）。",
                clip(&t.name),
                t.dims,
                values.len()
            ),
        ));
    }
    Ok(Const { dims, values })
}

pub(super) fn attr_f(n: &NodeProto, name: &str, default: f32) -> f32 {
    n.attribute
        .iter()
        .find(|a| a.name == name && a.r#type == attr_type::FLOAT)
        .map_or(default, |a| a.f)
}

pub(super) fn attr_i(n: &NodeProto, name: &str, default: i64) -> i64 {
    n.attribute
        .iter()
        .find(|a| a.name == name && a.r#type == attr_type::INT)
        .map_or(default, |a| a.i)
}
