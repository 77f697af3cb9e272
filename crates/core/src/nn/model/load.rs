//! Reading a model: the one strict gate. Nothing here panics on any byte string; each
//! failure names what is wrong (size, text, JSON position, format, version, layer,
//! tensor, shape, value) in English and Chinese.

use super::check::{as_text, bad, check_entry, check_input, clip, json_error};
use super::{file_error, Json, Model, ModelFile, TensorEntry, FORMAT, MAX_DESCRIPTION, VERSION};
use crate::error::{Error, ErrorKind, Result};
use crate::nn::layers::Mode;
use crate::nn::matrix::Matrix;
use crate::rng::Rng;
use serde::Deserialize;
use std::collections::HashMap;

/// The two keys read before anything else, so a file of another format or version gets
/// that message rather than a complaint about some field.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<u64>,
}

/// Reads a model file: every check of the module docs, then the network with its
/// parameters. On error nothing is returned, so the caller keeps the model it has.
pub fn read(bytes: &[u8], json: &impl Json) -> Result<Model> {
    let text = as_text(bytes)?;
    let header: Header = json.parse(text).map_err(|e| json_error(e, text))?;
    match header.format.as_deref() {
        Some(FORMAT) => {}
        Some(other) => {
            let other: String = other.chars().take(40).collect();
            return Err(bad(
                format!("its format is “{other}”, not “{FORMAT}”."),
                format!("其格式是“{other}”，而不是“{FORMAT}”。"),
            ));
        }
        None => {
            return Err(bad(
                format!("no “format”: \"{FORMAT}\" key; not a ninestep model."),
                format!("缺少 “format”: \"{FORMAT}\"，不是 ninestep 模型。"),
            ))
        }
    }
    match header.version {
        Some(v) if v == VERSION as u64 => {}
        v => {
            let v = v.map_or("none".to_string(), |v| v.to_string());
            return Err(file_error(
                ErrorKind::Unknown,
                format!("version {v}; this build reads version {VERSION}."),
                format!("版本为 {v}；本程序读取版本 {VERSION}。"),
            ));
        }
    }
    let file: ModelFile = json.parse(text).map_err(|e| json_error(e, text))?;
    Model::from_file(file)
}

impl Model {
    /// Builds the network a parsed document describes and loads its tensors; the checks
    /// of [`read`] after the JSON level.
    pub fn from_file(file: ModelFile) -> Result<Model> {
        let net = &file.network;
        net.validate()
            .map_err(|e| file_error(e.kind, e.text.en.clone(), e.text.zh.clone()))?;
        if let Some(norm) = &file.input {
            check_input(norm, net.inputs)?;
        }
        let mut stored = 0usize;
        for (k, t) in file.tensors.iter().enumerate() {
            check_entry(k + 1, t)?;
            stored = stored.saturating_add(t.values.len());
        }
        // Build layer by layer, counting the values the network needs, and stop as soon
        // as it needs far more than the file holds (twice, plus 1 M values of slack so a
        // missing tensor still gets its own message below): a small file cannot make us
        // allocate a 32 × 4096² network.
        let mut rng = Rng::new(net.seed);
        // Each layer is built for the shape that reaches it (an image for a CNN's layers).
        let shapes = net.shapes()?;
        let mut needed = 0usize;
        for (i, (l, shape)) in net.layers.iter().zip(&shapes).enumerate() {
            let layer = l.build_shaped(i + 1, *shape, net.init, &mut rng, net.seed)?;
            layer.visit(&mut |p| needed = needed.saturating_add(p.value.len()));
            if needed > stored.saturating_mul(2).saturating_add(1 << 20) {
                return Err(bad(
                    format!("layer {} and those before it need {needed} parameter values; the file has {stored}.", i + 1),
                    format!("第 {} 层及之前各层需要 {needed} 个参数值，文件只有 {stored} 个。", i + 1),
                ));
            }
        }
        let mut network = net.build()?;
        // Every tensor the walk lists must be in the file once, with its shape.
        let mut by_key: HashMap<(usize, &str), &TensorEntry> = HashMap::new();
        for t in &file.tensors {
            if by_key.insert((t.layer, t.name.as_str()), t).is_some() {
                return Err(bad(
                    format!(
                        "tensor “{}” of layer {} appears twice.",
                        clip(&t.name),
                        t.layer
                    ),
                    format!("第 {} 层的张量“{}”出现了两次。", t.layer, clip(&t.name)),
                ));
            }
        }
        let mut problem: Option<Error> = None;
        network.visit(|i, p| {
            if problem.is_some() {
                return;
            }
            let kind = net.layers[i].name();
            match by_key.remove(&(i + 1, p.name)) {
                None => {
                    problem = Some(bad(
                        format!("layer {} ({kind}) has no tensor “{}”.", i + 1, p.name),
                        format!("第 {} 层（{kind}）缺少张量“{}”。", i + 1, p.name),
                    ))
                }
                Some(t) if t.shape != [p.shape.0, p.shape.1] => {
                    problem = Some(bad(
                        format!(
                            "tensor “{}” of layer {} ({kind}) has shape {:?}; the layer needs [{}, {}].",
                            p.name, i + 1, t.shape, p.shape.0, p.shape.1
                        ),
                        format!(
                            "第 {} 层（{kind}）的张量“{}”形状为 {:?}；该层需要 [{}, {}]。",
                            i + 1, p.name, t.shape, p.shape.0, p.shape.1
                        ),
                    ))
                }
                Some(_) => {}
            }
        });
        if let Some(e) = problem {
            return Err(e);
        }
        if let Some(t) = file
            .tensors
            .iter()
            .find(|t| by_key.contains_key(&(t.layer, t.name.as_str())))
        {
            return Err(bad(
                format!(
                    "tensor “{}” of layer {} is not a parameter of this network.",
                    clip(&t.name),
                    t.layer
                ),
                format!(
                    "第 {} 层的张量“{}”不是该网络的参数。",
                    t.layer,
                    clip(&t.name)
                ),
            ));
        }
        network.visit_mut(|i, p| {
            if let Some(t) = file
                .tensors
                .iter()
                .find(|t| t.layer == i + 1 && t.name == p.name)
            {
                p.value.copy_from_slice(&t.values);
            }
        });
        // Statistics that break the maths (a negative variance) show up here.
        let zero = Matrix::zeros(1, network.inputs());
        if network
            .forward_mode(&zero, Mode::Infer)
            .data
            .iter()
            .any(|v| !v.is_finite())
        {
            return Err(bad(
                "the network gives NaN or infinity for a zero input (a negative variance?).".into(),
                "该网络对全零输入给出 NaN 或无穷大（方差为负？）。".into(),
            ));
        }
        Ok(Model {
            network,
            input: file.input,
            description: file.description.chars().take(MAX_DESCRIPTION).collect(),
        })
    }
}
