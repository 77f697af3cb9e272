//! The draw-a-digit pad (`digit-pad`): the page hands over the grey pixels of its drawing
//! and the core does the rest (preprocessing, the net, the chart's stages and bars).

use crate::js::error_js;
use crate::WidgetHandle;
use ninestep_core::{Error, ErrorKind};
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

fn not_a_pad() -> Error {
    Error::new(
        ErrorKind::Unknown,
        "This widget does not take drawings.",
        "这个组件不接受手写输入。",
    )
}
