//! Step 6, ch13 — the pad's model files: the page's "Download model" writes the net the pad
//! runs as a `ninestep-model` v1 file ([`crate::nn::model`]), the same file the CLI writes
//! and reads (`ninestep model …`); "Load model" reads one through the core's strict loader
//! and hands the net to [`DigitPad::set_network`]. Any failure (not JSON, another format, a
//! net that is not 784 → 10, input scaling the pad cannot apply) is a bilingual error and the
//! pad keeps the net it had.

use super::pad::DigitPad;
use crate::error::{Error, ErrorKind, Result};
use crate::nn::model::{self, Json, Model};
use crate::text::Text;

/// The file name the page offers for a download.
pub const FILE_NAME: &str = "digits-model.json";

impl DigitPad {
    /// The net the pad runs now (trained here or loaded) as a [`Model`] with a description
    /// (what the JSON file and the ONNX export write).
    pub fn model(&self) -> Model {
        let mut m = Model::new(self.network().clone());
        m.description = match self.loaded_name() {
            Some(name) => format!("digit-pad model loaded from {}", name.en),
            None => format!(
                "digit-pad {} net, trained {:.2} epochs on the shipped digits",
                self.net_kind(),
                self.trainer().epoch()
            ),
        };
        m
    }

    /// The `ninestep-model` JSON text of the net the pad runs now (trained here or loaded).
    pub fn model_json(&self, json: &impl Json) -> Result<String> {
        model::write(&self.model(), json)
    }

    /// Reads a model file (`bytes`, named `name`) and runs the pad with its net. On any
    /// error the pad keeps its net and its last drawing's result.
    pub fn load_model(&mut self, bytes: &[u8], name: &str, json: &impl Json) -> Result<()> {
        self.use_model(model::read(bytes, json)?, name)
    }

    /// Runs the pad with the net of `m`, read by the caller (a JSON file through
    /// [`Self::load_model`], an ONNX file through `ninestep-onnx`); `name` says where it
    /// came from. Refused (the pad keeps its net) when `m` scales its inputs or is not
    /// 784 → 10.
    pub fn use_model(&mut self, m: Model, name: &str) -> Result<()> {
        if m.input.is_some() {
            // The pad feeds the net the book's 28×28 pixels in [0, 1]; a file that asks for
            // its own scaling of raw inputs was trained on something else.
            return Err(Error::new(
                ErrorKind::BadData,
                "Model file: it scales its inputs (\"input\" is set); the pad feeds plain 28×28 pixels in [0, 1].",
                "模型文件：它要求对输入另行缩放（设置了 \"input\"）；画板输入的是取值 0～1 的 28×28 像素。",
            ));
        }
        let name: String = name.chars().take(80).collect();
        self.set_network(m.network, Text::same(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Activation, Init, LayerConfig, NetworkConfig, Output};
    use crate::params::Params;
    use crate::widget::Widget;
    use serde::de::DeserializeOwned;
    use serde::Serialize;

    struct SerdeJson;
    impl Json for SerdeJson {
        fn parse<T: DeserializeOwned>(&self, text: &str) -> std::result::Result<T, String> {
            serde_json::from_str(text).map_err(|e| e.to_string())
        }
        fn write<T: Serialize>(&self, value: &T) -> std::result::Result<String, String> {
            serde_json::to_string(value).map_err(|e| e.to_string())
        }
    }

    fn pad(seed: u64) -> DigitPad {
        let mut p = Params::default();
        p.set("seed", seed.to_string());
        DigitPad::from_params(&p).unwrap()
    }

    /// A 140×140 drawing: a slanted bar, a "1".
    fn one() -> Vec<f32> {
        let mut p = vec![0.0; 140 * 140];
        for y in 20..120 {
            let x = 80 - (y - 20) / 10;
            p[y * 140 + x - 6..y * 140 + x + 6].fill(1.0);
        }
        p
    }

    fn probabilities(p: &mut DigitPad) -> Vec<f32> {
        p.infer(140, 140, one()).unwrap();
        p.last().unwrap().probabilities.clone()
    }

    #[test]
    fn a_saved_net_loads_into_another_pad_and_gives_the_same_probabilities() {
        let mut a = pad(7);
        let text = a.model_json(&SerdeJson).unwrap();
        assert!(
            text.contains("\"format\":\"ninestep-model\""),
            "{}",
            &text[..80]
        );
        let pa = probabilities(&mut a);

        let mut b = pad(1);
        let before = probabilities(&mut b);
        assert_ne!(before, pa, "two seeds, two nets");
        b.load_model(text.as_bytes(), FILE_NAME, &SerdeJson)
            .unwrap();
        // The last drawing is read again by the loaded net: bit for bit seed 7's answer.
        assert_eq!(b.last().unwrap().probabilities, pa);
        assert_eq!(probabilities(&mut b), pa);
        assert_eq!(b.loaded_name().unwrap().en, FILE_NAME);
        assert!(b.status().unwrap().en.contains(FILE_NAME));
        // Saved again from b: the same tensors (the description says where it came from).
        let again: serde_json::Value =
            serde_json::from_str(&b.model_json(&SerdeJson).unwrap()).unwrap();
        let first: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(again["tensors"], first["tensors"]);
        assert_eq!(again["network"], first["network"]);
    }

    #[test]
    fn a_bad_file_is_refused_with_a_message_and_the_pad_keeps_its_net() {
        let mut p = pad(1);
        let before = probabilities(&mut p);
        let good = pad(7).model_json(&SerdeJson).unwrap();
        // A valid model file whose net is 2 → 3: the loader accepts it, the pad does not.
        let small = NetworkConfig {
            input_shape: None,
            inputs: 2,
            layers: vec![LayerConfig::dense(3, Activation::Identity)],
            output: Output::Softmax,
            init: Init::Xavier,
            seed: 3,
        }
        .build()
        .unwrap();
        let other_shape = model::write(&Model::new(small), &SerdeJson).unwrap();
        let scaled = {
            let mut v: serde_json::Value = serde_json::from_str(&good).unwrap();
            v["input"] = serde_json::json!({"type": "min-max", "min": vec![0.0; 784], "max": vec![1.0; 784]});
            v.to_string()
        };
        let cases: [(&[u8], &str, &str); 5] = [
            (b"hello, not json", "Model file:", "模型文件："),
            (b"\xff\xfe\x00garbage", "Model file:", "模型文件："),
            (
                br#"{"format": "onnx"}"#,
                "\u{201c}onnx\u{201d}",
                "\u{201c}onnx\u{201d}",
            ),
            (other_shape.as_bytes(), "784 inputs", "784 个输入"),
            (scaled.as_bytes(), "scales its inputs", "缩放"),
        ];
        for (bytes, en, zh) in cases {
            let e = p.load_model(bytes, "bad.json", &SerdeJson).unwrap_err();
            assert!(e.text.en.contains(en) && e.text.zh.contains(zh), "{e:?}");
            assert!(!e.text.zh.is_empty() && e.text.en != e.text.zh);
            assert!(p.loaded_name().is_none());
            assert_eq!(p.last().unwrap().probabilities, before);
            assert_eq!(probabilities(&mut p), before);
        }
    }
}
