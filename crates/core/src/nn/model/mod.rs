//! Model files (step 6, ch13 模型的推理与部署): a trained [`Network`] saved as one JSON
//! document and read back, strictly. The schema is documented in `docs/model-format.md`:
//!
//! ```text
//! { "format": "ninestep-model", "version": 1, "description": "…",
//!   "network": { "inputs": 2, "layers": [ {"type":"dense","units":4,"activation":"tanh"}, … ],
//!                "output": "softmax", "init": "xavier", "seed": 1 },
//!   "input": { "type": "min-max", "min": [..], "max": [..] }          (or null)
//!   "tensors": [ { "layer": 1, "name": "w", "shape": [2, 4], "values": [..] }, … ] }
//! ```
//!
//! The tensors are exactly what the one parameter walk ([`Network::visit`]) lists, in its
//! order (weights, biases, batch norm's γ, β and running statistics), so every layer the
//! engine has, now and later, is saved and loaded without a line here.
//!
//! The core stays serde-only: the caller brings the JSON text format through the small
//! [`Json`] trait (serde_json in the CLI, the page and the tests). Reading ([`read`]) is
//! the one gate: size, text, format, version, layers, every tensor's name, shape and
//! finiteness are checked, and each failure is a bilingual [`Error`] that names the part.

mod check;
mod load;
mod save;
pub mod step;
mod step_text;
#[cfg(test)]
pub(crate) mod tests;

use super::matrix::Matrix;
use super::network::{Network, NetworkConfig};
use crate::dataset::MinMax;
use crate::error::{Error, ErrorKind, Result};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub use load::read;
pub use save::write;
pub use step::{worked_step, WorkedStep};

/// The value of the `format` key.
pub const FORMAT: &str = "ninestep-model";
/// The one version this build reads and writes.
pub const VERSION: u32 = 1;
/// Largest model file read (50 MB is far beyond the biggest net of the course).
pub const MAX_BYTES: usize = 50 * 1024 * 1024;
/// Longest description kept.
pub const MAX_DESCRIPTION: usize = 2000;

/// A JSON text format (serde_json's `from_str`/`to_string`), brought by the caller so
/// the core needs nothing beyond serde.
pub trait Json {
    /// Parses `text` into a `T`; the message of a failure (with its line and column).
    fn parse<T: DeserializeOwned>(&self, text: &str) -> std::result::Result<T, String>;
    /// Writes `value` as JSON text.
    fn write<T: Serialize>(&self, value: &T) -> std::result::Result<String, String>;
}

/// How raw inputs are scaled before the first layer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum InputNorm {
    /// The book's min-max normalisation, x′ = (x − min) / (max − min) per column
    /// ([`MinMax`]; a constant column maps to 0).
    MinMax {
        /// Smallest training value per input column.
        min: Vec<f32>,
        /// Largest training value per input column.
        max: Vec<f32>,
    },
}

impl InputNorm {
    /// Scales row-major raw inputs.
    pub fn apply(&self, x: &[f32]) -> Vec<f32> {
        match self {
            InputNorm::MinMax { min, max } => MinMax {
                min: min.clone(),
                max: max.clone(),
            }
            .normalize(x),
        }
    }
}

/// One parameter tensor as the file stores it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TensorEntry {
    /// The layer it belongs to, 1 = the first of `network.layers`.
    pub layer: usize,
    /// Its name in that layer (`w`, `b`, `gamma`, `beta`, `running_mean`, `running_var`).
    pub name: String,
    /// Rows, columns.
    pub shape: Vec<usize>,
    /// The values, row-major.
    pub values: Vec<f32>,
}

/// The whole document (see the module docs and `docs/model-format.md`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// Free text: what the model is, how it was trained.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The layers, output/loss, init and seed.
    pub network: NetworkConfig,
    /// The scaling of raw inputs, if the net was trained on scaled data.
    #[serde(default)]
    pub input: Option<InputNorm>,
    /// Every parameter tensor, in the order of the parameter walk.
    pub tensors: Vec<TensorEntry>,
}

/// A network ready for inference, with what the file says about its inputs.
#[derive(Clone, Debug)]
pub struct Model {
    /// The network, parameters loaded.
    pub network: Network,
    /// The scaling of raw inputs, if any.
    pub input: Option<InputNorm>,
    /// The file's description.
    pub description: String,
}

impl Model {
    /// A model of `network` with no input scaling.
    pub fn new(network: Network) -> Model {
        Model {
            network,
            input: None,
            description: String::new(),
        }
    }

    /// Raw input rows (row-major, [`Network::inputs`] values each) scaled as the file
    /// says, checked (finite, whole rows).
    pub fn prepare(&self, raw: &[f32]) -> Result<Matrix> {
        let n = self.network.inputs();
        if raw.is_empty() || !raw.len().is_multiple_of(n) || raw.iter().any(|v| !v.is_finite()) {
            return Err(Error::new(
                ErrorKind::BadData,
                format!(
                    "The model takes rows of {n} finite numbers; got {} values.",
                    raw.len()
                ),
                format!(
                    "该模型的输入是每行 {n} 个有限数值；实际得到 {} 个值。",
                    raw.len()
                ),
            ));
        }
        let data = match &self.input {
            Some(norm) => norm.apply(raw),
            None => raw.to_vec(),
        };
        Ok(Matrix {
            rows: raw.len() / n,
            cols: n,
            data,
        })
    }

    /// The network's output for raw input rows (scaled first).
    pub fn predict(&mut self, raw: &[f32]) -> Result<Matrix> {
        let x = self.prepare(raw)?;
        Ok(self.network.predict(&x))
    }

    /// Number of parameter values of each layer (all tensors, statistics included).
    pub fn values_per_layer(&self) -> Vec<usize> {
        let mut n = vec![0; self.network.layers().len()];
        self.network.visit(|i, p| n[i] += p.value.len());
        n
    }
}

fn file_error(kind: ErrorKind, en: String, zh: String) -> Error {
    Error::new(kind, format!("Model file: {en}"), format!("模型文件：{zh}"))
}
