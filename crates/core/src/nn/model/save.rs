//! Writing a model: the network's settings and every tensor of the parameter walk.

use super::{file_error, Json, Model, ModelFile, TensorEntry, FORMAT, MAX_DESCRIPTION, VERSION};
use crate::error::{ErrorKind, Result};

impl ModelFile {
    /// The document for `model`: its settings, input scaling, description and every
    /// tensor in the order of [`crate::nn::Network::visit`].
    pub fn from_model(model: &Model) -> ModelFile {
        let mut tensors = Vec::new();
        model.network.visit(|i, p| {
            tensors.push(TensorEntry {
                layer: i + 1,
                name: p.name.to_string(),
                shape: vec![p.shape.0, p.shape.1],
                values: p.value.to_vec(),
            })
        });
        ModelFile {
            format: FORMAT.to_string(),
            version: VERSION,
            description: model.description.chars().take(MAX_DESCRIPTION).collect(),
            network: model.network.config().clone(),
            input: model.input.clone(),
            tensors,
        }
    }
}

/// The JSON text of `model`; an error if a parameter is NaN or infinite (JSON has no
/// such numbers, and such a model cannot be loaded anyway).
pub fn write(model: &Model, json: &impl Json) -> Result<String> {
    if !model.network.is_finite() {
        return Err(file_error(
            ErrorKind::Diverged,
            "the network has NaN or infinite parameters; it is not saved.".into(),
            "网络参数中有 NaN 或无穷大，不予保存。".into(),
        ));
    }
    let text = json.write(&ModelFile::from_model(model)).map_err(|e| {
        file_error(
            ErrorKind::BadData,
            format!("could not be written ({e})."),
            format!("无法写出（{e}）。"),
        )
    })?;
    if text.len() > super::MAX_BYTES {
        return Err(file_error(
            ErrorKind::OutOfRange,
            format!(
                "the model would take {} MB, more than the {} MB a file may have.",
                text.len() >> 20,
                super::MAX_BYTES >> 20
            ),
            format!(
                "模型将占 {} MB，超过文件上限 {} MB。",
                text.len() >> 20,
                super::MAX_BYTES >> 20
            ),
        ));
    }
    Ok(text)
}
