//! `ninestep model export FILE --onnx OUT.onnx`: a saved model as ONNX (opset 13, through
//! `ninestep-onnx`).

use crate::model::ModelArgs;
use ninestep_core::nn::model::Model;

/// Writes the ONNX file asked for by `--onnx`.
pub fn run(m: &Model, a: &ModelArgs) -> Result<String, String> {
    let out = a.onnx.as_deref().ok_or("export needs --onnx OUT.onnx")?;
    let bytes = ninestep_onnx::export(m).map_err(|e| e.message(a.lang).to_string())?;
    std::fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    Ok(format!(
        "wrote {out} ({} bytes, ONNX opset {}, {} layers)",
        bytes.len(),
        ninestep_onnx::OPSET,
        m.network.layers().len()
    ))
}
