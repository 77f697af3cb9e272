//! The kernel gallery (`kernels`, step 8): the page hands over the learner's own image,
//! uploaded or drawn, as 64 × 64 grey values; the core checks it and computes the maps.

use crate::js::{error_js, to_js};
use crate::WidgetHandle;
use ninestep_core::lesson::step8::kernels::Source;
use ninestep_core::{Error, ErrorKind, Text};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl WidgetHandle {
    /// Whether this widget takes images (`kernelsSetImage`).
    #[wasm_bindgen(js_name = isKernels)]
    pub fn is_kernels(&mut self) -> bool {
        self.widget.kernels_mut().is_some()
    }

    /// The active image (64 × 64 grey values in [0, 1], row-major) as a `Float32Array`.
    #[wasm_bindgen(js_name = kernelsImage)]
    pub fn kernels_image(&mut self) -> Vec<f32> {
        self.widget
            .kernels_mut()
            .map(|k| k.x().to_vec())
            .unwrap_or_default()
    }

    /// Shows the learner's image `pixels` (64 × 64 values in [0, 1]): a drawing when `name`
    /// is empty, else the upload `name`. Returns `null`, or the error object of an image
    /// refused (the last good image is then kept).
    #[wasm_bindgen(js_name = kernelsSetImage)]
    pub fn kernels_set_image(&mut self, pixels: &[f32], name: &str) -> JsValue {
        let Some(k) = self.widget.kernels_mut() else {
            return error_js(&not_a_gallery());
        };
        let source = if name.is_empty() {
            Source::Drawing
        } else {
            Source::Upload(name.to_string())
        };
        match k.set_image(pixels, source) {
            Ok(()) => JsValue::NULL,
            Err(e) => error_js(&e),
        }
    }

    /// Which image is shown: `{label: {en, zh}, own}` (`own`: the learner's drawing or
    /// upload, which no link keeps), or `null`.
    #[wasm_bindgen(js_name = kernelsSource)]
    pub fn kernels_source(&mut self) -> JsValue {
        match self.widget.kernels_mut() {
            Some(k) => to_js(&SourceJs {
                label: k.source_label(),
                own: k.source() != &Source::Generated,
            }),
            None => JsValue::NULL,
        }
    }
}

/// The source of the gallery's image as the page sees it.
#[derive(Serialize)]
struct SourceJs {
    label: Text,
    own: bool,
}

fn not_a_gallery() -> Error {
    Error::new(
        ErrorKind::Unknown,
        "This widget does not take images.",
        "这个组件不接受图像。",
    )
}
