//! `ninestep model info|predict|step|export FILE …`: a saved model (the JSON of
//! `ninestep_core::nn::model`, docs/model-format.md) from the command line.
//!
//! ```text
//! ninestep model info FILE [--json] [--lang zh]
//! ninestep model predict FILE --input 0.5,0.3[;x1,x2…] [--json]
//! ninestep model step FILE --input 0.5,0.3 --target 1 --lr 0.5 [--json] [--lang zh]
//! ninestep model export FILE --onnx out.onnx
//! ```
//!
//! FILE may also be an `.onnx` file (imported for inference); `--save OUT.json` writes the
//! loaded model in our format.

use ninestep_core::nn::model::{self, Model, ModelFile};
use ninestep_core::{fmt_num, Lang};
pub use ninestep_onnx::SerdeJson;
use serde_json::json;

/// Parsed arguments of `model`.
#[derive(Debug, Default, PartialEq)]
pub struct ModelArgs {
    /// info, predict, step or export.
    pub command: String,
    /// The model file.
    pub file: String,
    /// `--input`: rows separated by `;`, values by `,`.
    pub input: Option<String>,
    /// `--target`, written like the input.
    pub target: Option<String>,
    /// `--lr`.
    pub lr: Option<f32>,
    /// `--onnx OUT`.
    pub onnx: Option<String>,
    /// `--save OUT.json`: write the (loaded or imported) model as our JSON.
    pub save: Option<String>,
    /// `--json`.
    pub json: bool,
    /// `--lang`.
    pub lang: Lang,
}

/// Parses the arguments after `model`.
pub fn parse_args(args: &[String]) -> Result<ModelArgs, String> {
    let mut it = args.iter();
    let mut a = ModelArgs {
        command: it
            .next()
            .ok_or("model needs info, predict, step or export")?
            .clone(),
        ..ModelArgs::default()
    };
    a.file = it.next().ok_or("missing the model file")?.clone();
    while let Some(flag) = it.next() {
        if flag == "--json" {
            a.json = true;
            continue;
        }
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--input" => a.input = Some(value()?),
            "--target" => a.target = Some(value()?),
            "--onnx" => a.onnx = Some(value()?),
            "--save" => a.save = Some(value()?),
            "--lr" => {
                let v = value()?;
                a.lr = Some(
                    v.parse()
                        .map_err(|_| format!("--lr needs a number, not “{v}”"))?,
                );
            }
            "--lang" => {
                let v = value()?;
                a.lang =
                    Lang::parse(&v).ok_or_else(|| format!("unknown language “{v}” (en or zh)"))?;
            }
            other => return Err(format!("unexpected argument “{other}”")),
        }
    }
    Ok(a)
}

/// Numbers written `0.5,0.3;1,2` (rows by `;`, values by `,`).
pub fn numbers(flag: &str, text: &str) -> Result<Vec<f32>, String> {
    text.split([',', ';'])
        .map(|s| {
            s.trim()
                .parse::<f32>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| format!("{flag}: “{}” is not a finite number", s.trim()))
        })
        .collect()
}

/// Reads a model file (size checked before reading it into memory); a `.onnx` file is
/// imported (`ninestep-onnx`).
pub fn load(path: &str, lang: Lang) -> Result<Model, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{path}: {e}"))?;
    if meta.len() > model::MAX_BYTES as u64 {
        return Err(format!(
            "{path}: {} MB; at most {} MB are read",
            meta.len() >> 20,
            model::MAX_BYTES >> 20
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let m = if path.ends_with(".onnx") {
        ninestep_onnx::import(&bytes)
    } else {
        model::read(&bytes, &SerdeJson)
    };
    m.map_err(|e| format!("{path}: {}", e.message(lang)))
}

/// Writes `model` to `path`.
pub fn save(model: &Model, path: &str, lang: Lang) -> Result<(), String> {
    let text = model::write(model, &SerdeJson).map_err(|e| e.message(lang).to_string())?;
    std::fs::write(path, text).map_err(|e| format!("{path}: {e}"))
}

fn info(m: &Model, a: &ModelArgs) -> Result<String, String> {
    let file = ModelFile::from_model(m);
    let per_layer = m.values_per_layer();
    if a.json {
        let layers: Vec<_> = m
            .network
            .layers()
            .iter()
            .zip(&per_layer)
            .map(|(l, n)| json!({ "config": l.config(), "outputs": l.outputs(), "values": n }))
            .collect();
        let v = json!({
            "format": file.format, "version": file.version, "description": file.description,
            "inputs": m.network.inputs(), "outputs": m.network.outputs(),
            "output": m.network.output(), "input": file.input, "layers": layers,
            "trainable": m.network.param_count(), "values": m.network.state_len(),
        });
        return serde_json::to_string_pretty(&v).map_err(|e| e.to_string());
    }
    // The labels in the language of `--lang`; layer and activation names are the file's
    // own keys and stay as they are.
    let zh = a.lang == Lang::Zh;
    let mut out = format!("{} v{}", file.format, file.version);
    if !file.description.is_empty() {
        out.push_str(&format!(" · {}", file.description));
    }
    out.push_str(&if zh {
        format!("\n输入  {} 个特征", m.network.inputs())
    } else {
        format!("\ninput  {} features", m.network.inputs())
    });
    if let Some(s) = m.network.config().input_shape {
        out.push_str(&format!(" ({s})"));
    }
    if let Some(model::InputNorm::MinMax { min, max }) = &m.input {
        out.push_str(&if zh {
            format!("，按最小最大值缩放：{min:?} .. {max:?}")
        } else {
            format!(", scaled min-max from {min:?} .. {max:?}")
        });
    }
    out.push('\n');
    let values = if zh { "个值" } else { "values" };
    for (i, (l, n)) in m.network.layers().iter().zip(&per_layer).enumerate() {
        let c = l.config();
        let act = c
            .activation()
            .map(|a| format!(" {}", a.name()))
            .unwrap_or_default();
        out.push_str(&format!(
            "{:>5}  {:<11}{act:<12} → {:>4}   {n} {values}\n",
            i + 1,
            c.name(),
            l.outputs()
        ));
    }
    let (o, p, v) = (
        m.network.output().name(),
        m.network.param_count(),
        m.network.state_len(),
    );
    out.push_str(&if zh {
        format!("输出 {o} · {p} 个训练参数，共 {v} 个值")
    } else {
        format!("output {o} · {p} trained parameters, {v} values in all")
    });
    Ok(out)
}

fn predict(m: &mut Model, a: &ModelArgs) -> Result<String, String> {
    let input = a
        .input
        .as_deref()
        .ok_or("predict needs --input, e.g. --input 0.5,0.3")?;
    let x = numbers("--input", input)?;
    let y = m.predict(&x).map_err(|e| e.message(a.lang).to_string())?;
    let rows: Vec<&[f32]> = y.data.chunks(y.cols.max(1)).collect();
    let class = |r: &[f32]| -> usize {
        if r.len() == 1 {
            usize::from(r[0] >= 0.5)
        } else {
            (0..r.len()).fold(0, |b, k| if r[k] > r[b] { k } else { b })
        }
    };
    let classifier = m.network.output() != ninestep_core::nn::Output::Identity;
    if a.json {
        let classes: Vec<usize> = rows.iter().map(|r| class(r)).collect();
        let v = json!({ "output": rows, "class": if classifier { Some(classes) } else { None } });
        return serde_json::to_string_pretty(&v).map_err(|e| e.to_string());
    }
    let mut out = String::new();
    for r in rows {
        let vals: Vec<String> = r.iter().map(|v| fmt_num(*v as f64, 6)).collect();
        out.push_str(&vals.join(", "));
        if classifier {
            out.push_str(&format!("   → class {}", class(r)));
        }
        out.push('\n');
    }
    Ok(out.trim_end().to_string())
}

fn step(m: &Model, a: &ModelArgs) -> Result<String, String> {
    let (Some(x), Some(y), Some(lr)) = (&a.input, &a.target, a.lr) else {
        return Err(
            "step needs --input, --target and --lr, e.g. --input 0.5,0.3 --target 1 --lr 0.5"
                .into(),
        );
    };
    let s = model::worked_step(m, &numbers("--input", x)?, &numbers("--target", y)?, lr)
        .map_err(|e| e.message(a.lang).to_string())?;
    if a.json {
        return serde_json::to_string_pretty(&s).map_err(|e| e.to_string());
    }
    Ok(s.text(a.lang).trim_end().to_string())
}

/// Runs `ninestep model …`.
pub fn run(args: &[String]) -> Result<String, String> {
    let a = parse_args(args)?;
    let mut m = load(&a.file, a.lang)?;
    if let Some(path) = &a.save {
        save(&m, path, a.lang)?;
    }
    match a.command.as_str() {
        "info" => info(&m, &a),
        "predict" => predict(&mut m, &a),
        "step" => step(&m, &a),
        "export" => crate::export::run(&m, &a),
        other => Err(format!(
            "unknown model command “{other}” (info, predict, step, export)"
        )),
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
