//! One door for a model file whatever its format (the digit pad's "Load model", step 6):
//! a `ninestep-model` JSON document or an ONNX protobuf, told apart by the content, not by
//! the file name. JSON text starts with `{` (after white space or a UTF-8 byte-order
//! mark); everything else is read as ONNX. Bytes that are neither get a message naming
//! both formats.

use crate::import::import;
use crate::proto::ModelProto;
use ninestep_core::nn::model::{self, Json, Model};
use ninestep_core::{Error, ErrorKind, Result};
use prost::Message;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// serde_json as the core's model-file [`Json`] (the core needs nothing beyond serde;
/// the page, the CLI and the tests that read or write model files bring this one).
pub struct SerdeJson;
impl Json for SerdeJson {
    fn parse<T: DeserializeOwned>(&self, text: &str) -> std::result::Result<T, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
    fn write<T: Serialize>(&self, value: &T) -> std::result::Result<String, String> {
        serde_json::to_string(value).map_err(|e| e.to_string())
    }
}

/// The format of a model file, by its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A `ninestep-model` JSON document.
    Json,
    /// An ONNX protobuf.
    Onnx,
}

/// What `bytes` look like: JSON when the first character that is not white space is `{`.
pub fn sniff(bytes: &[u8]) -> Format {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Format::Json,
        _ => Format::Onnx,
    }
}

/// Reads a model file of either format through its strict gate.
pub fn read_model(bytes: &[u8], json: &impl Json) -> Result<Model> {
    match sniff(bytes) {
        Format::Json => model::read(bytes, json),
        Format::Onnx => {
            // Not protobuf at all (or empty): neither of the two formats.
            if bytes.is_empty() || ModelProto::decode(bytes).is_err() {
                return Err(neither());
            }
            import(bytes)
        }
    }
}

fn neither() -> Error {
    Error::new(
        ErrorKind::BadData,
        "Model file: this is neither a ninestep-model JSON file (which starts with “{”) nor an ONNX file (protobuf).",
        "模型文件：它既不是 ninestep-model JSON 文件（以“{”开头），也不是 ONNX 文件（protobuf）。",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export;
    use ninestep_core::lesson::step6::pad::DigitPad;
    use ninestep_core::widget::Widget;
    use ninestep_core::Params;

    fn pad(seed: u64) -> DigitPad {
        let mut p = Params::default();
        p.set("seed", seed.to_string());
        DigitPad::from_params(&p).expect("pad")
    }

    /// A 140×140 "7": a bar along the top and a slanted stroke down.
    fn seven() -> Vec<f32> {
        let mut p = vec![0.0; 140 * 140];
        for x in 30..110 {
            for y in 20..30 {
                p[y * 140 + x] = 1.0;
            }
        }
        for y in 25..125 {
            let x = 105 - (y - 25) * 45 / 100;
            p[y * 140 + x - 5..y * 140 + x + 5].fill(1.0);
        }
        p
    }

    fn probabilities(p: &mut DigitPad) -> Vec<f32> {
        p.infer(140, 140, seven()).expect("a drawing");
        p.last().expect("a result").probabilities.clone()
    }

    #[test]
    fn the_pads_net_goes_through_onnx_and_back_with_the_same_probabilities() {
        let mut a = pad(7);
        let onnx = export(&a.model()).expect("the digits net exports");
        assert_eq!(sniff(&onnx), Format::Onnx);
        let pa = probabilities(&mut a);
        let mut b = pad(1);
        assert_ne!(probabilities(&mut b), pa, "two seeds, two nets");
        let m = read_model(&onnx, &SerdeJson).expect("our own ONNX reads back");
        b.use_model(m, "digits-model.onnx").expect("784 → 10");
        let pb = probabilities(&mut b);
        let worst = pa
            .iter()
            .zip(&pb)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f32::max);
        assert!(worst <= 1e-5, "{pa:?} vs {pb:?}");
        let top = |p: &[f32]| ninestep_core::nn::metrics::class_of(p);
        assert_eq!(top(&pa), top(&pb));
        // The JSON file of the same net comes through the same door.
        let text = a.model_json(&SerdeJson).expect("json");
        let spaced = format!("\u{feff}\n  {text}");
        assert_eq!(sniff(spaced.as_bytes()), Format::Json);
        let m = read_model(spaced.as_bytes(), &SerdeJson).expect("json reads");
        b.use_model(m, "digits-model.json").expect("784 → 10");
        assert_eq!(probabilities(&mut b), pa);
    }

    #[test]
    fn bad_files_name_what_is_wrong_and_the_pad_keeps_its_net() {
        let mut p = pad(1);
        let before = probabilities(&mut p);
        // An ONNX file of a net that is not 784 → 10 (the ch13.1 Dense(10) has 10 → 10 here).
        let small = ninestep_core::nn::NetworkConfig {
            input_shape: None,
            inputs: 10,
            layers: vec![ninestep_core::nn::LayerConfig::dense(
                10,
                ninestep_core::nn::Activation::Identity,
            )],
            output: ninestep_core::nn::Output::Softmax,
            init: ninestep_core::nn::Init::Xavier,
            seed: 1,
        }
        .build()
        .expect("net");
        let wrong_size = export(&Model::new(small)).expect("export");
        // Our digits net's ONNX with its Sigmoid replaced by an op we do not run.
        let mut proto = crate::to_proto(&pad(3).model()).expect("proto");
        let graph = proto.graph.as_mut().expect("graph");
        let n = graph
            .node
            .iter_mut()
            .find(|n| n.op_type == "Sigmoid")
            .expect("sigmoid");
        n.op_type = "HardSwish".into();
        let unsupported = proto.encode_to_vec();
        let cases: [(&[u8], &str, &str); 5] = [
            (b"\x00\x01garbage\xff\xff\xff\xff", "neither", "既不是"),
            (b"", "neither", "既不是"),
            (b"{ \"not\": \"a model\" }", "Model file:", "模型文件："),
            (&unsupported, "HardSwish", "HardSwish"),
            (&wrong_size, "784 inputs", "784 个输入"),
        ];
        for (bytes, en, zh) in cases {
            let e = read_model(bytes, &SerdeJson)
                .and_then(|m| p.use_model(m, "bad.onnx"))
                .expect_err("refused");
            assert!(e.text.en.contains(en) && e.text.zh.contains(zh), "{e:?}");
            assert!(p.loaded_name().is_none());
            assert_eq!(p.last().expect("kept").probabilities, before);
            assert_eq!(probabilities(&mut p), before);
        }
    }
}
