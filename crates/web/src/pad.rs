//! The draw-a-digit pad (`digit-pad`): the page hands over the grey pixels of its drawing
//! and the core does the rest (preprocessing, the net, the chart's stages and bars).

use crate::js::error_js;
use crate::WidgetHandle;
use ninestep_core::{Error, ErrorKind, Text};
use ninestep_onnx::SerdeJson;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl WidgetHandle {
    /// Whether this widget takes drawings (`padInfer`, `padClear`).
    #[wasm_bindgen(js_name = isPad)]
    pub fn is_pad(&mut self) -> bool {
        self.widget.digit_pad_mut().is_some()
    }

    /// Runs the net on a `width`×`height` drawing (row-major, 0 = paper … 1 = ink).
    /// Returns `null`, or the error object of an empty or malformed drawing (the last
    /// result is then kept).
    #[wasm_bindgen(js_name = padInfer)]
    pub fn pad_infer(&mut self, pixels: &[f32], width: u32, height: u32) -> JsValue {
        let Some(pad) = self.widget.digit_pad_mut() else {
            return error_js(&not_a_pad());
        };
        match pad.infer(width as usize, height as usize, pixels.to_vec()) {
            Ok(()) => JsValue::NULL,
            Err(e) => error_js(&e),
        }
    }

    /// Forgets the drawing and its result.
    #[wasm_bindgen(js_name = padClear)]
    pub fn pad_clear(&mut self) {
        if let Some(pad) = self.widget.digit_pad_mut() {
            pad.clear();
        }
    }
}

#[wasm_bindgen]
impl WidgetHandle {
    /// The `ninestep-model` JSON text of the net the pad runs (a string), or an error object.
    #[wasm_bindgen(js_name = padModelJson)]
    pub fn pad_model_json(&mut self) -> JsValue {
        let Some(pad) = self.widget.digit_pad_mut() else {
            return error_js(&not_a_pad());
        };
        match pad.model_json(&SerdeJson) {
            Ok(text) => JsValue::from_str(&text),
            Err(e) => error_js(&e),
        }
    }

    /// The ONNX file (bytes, a `Uint8Array`) of the net the pad runs, or an error object
    /// (a layer ONNX export does not know yet).
    #[wasm_bindgen(js_name = padModelOnnx)]
    pub fn pad_model_onnx(&mut self) -> JsValue {
        let Some(pad) = self.widget.digit_pad_mut() else {
            return error_js(&not_a_pad());
        };
        match ninestep_onnx::export(&pad.model()) {
            Ok(bytes) => js_sys::Uint8Array::from(bytes.as_slice()).into(),
            Err(e) => error_js(&e),
        }
    }

    /// Reads the model file `bytes` (named `name`; our JSON or ONNX, told apart by the
    /// content) into the pad. Returns `null`, or the error object of a file refused (the
    /// pad then keeps its net).
    #[wasm_bindgen(js_name = padLoadModel)]
    pub fn pad_load_model(&mut self, bytes: &[u8], name: &str) -> JsValue {
        let Some(pad) = self.widget.digit_pad_mut() else {
            return error_js(&not_a_pad());
        };
        match read_model(bytes).and_then(|m| pad.use_model(m, name)) {
            Ok(()) => JsValue::NULL,
            Err(e) => error_js(&e),
        }
    }

    /// Whether this widget is a model viewer (`viewShowModel`).
    #[wasm_bindgen(js_name = isModelView)]
    pub fn is_model_view(&mut self) -> bool {
        self.widget.model_view_mut().is_some()
    }

    /// Shows the net of the model file `bytes` (our JSON or ONNX) in a `model-view`, titled
    /// `name`. Returns `null` or the error object (the viewer then keeps what it showed).
    #[wasm_bindgen(js_name = viewShowModel)]
    pub fn view_show_model(&mut self, bytes: &[u8], name: &str) -> JsValue {
        let Some(view) = self.widget.model_view_mut() else {
            return error_js(&not_a_pad());
        };
        match read_model(bytes) {
            Ok(m) => {
                let name: String = name.chars().take(80).collect();
                view.show(
                    &m.network,
                    Text::new(format!("Loaded: {name}"), format!("已载入：{name}")),
                );
                JsValue::NULL
            }
            Err(e) => error_js(&e),
        }
    }
}

/// Every model file the page reads goes through here: a ninestep-model JSON document or
/// an ONNX file, told apart by the content (`ninestep_onnx::read_model`).
fn read_model(bytes: &[u8]) -> ninestep_core::Result<ninestep_core::nn::model::Model> {
    ninestep_onnx::read_model(bytes, &SerdeJson)
}

fn not_a_pad() -> Error {
    Error::new(
        ErrorKind::Unknown,
        "This widget does not take drawings or model files.",
        "这个组件不接受手写输入或模型文件。",
    )
}
