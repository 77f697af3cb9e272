//! The learner's own data (the playground trainer): CSV upload, click-to-add points and
//! CSV download. A second `#[wasm_bindgen] impl` block of [`WidgetHandle`]; like the rest
//! of the façade it never panics, and a rejected file or point leaves the widget as it was.

use crate::js::{error_js, to_js};
use crate::WidgetHandle;
use ninestep_core::{Error, ErrorKind};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl WidgetHandle {
    /// The note on the CSV files the widget takes (`{en, zh}`), or `null` when it takes
    /// none (the page then shows no upload button).
    #[wasm_bindgen(js_name = upload)]
    pub fn upload(&self) -> JsValue {
        to_js(&self.widget.upload())
    }

    /// Replaces the widget's data with the CSV `text` (columns x1, x2, label) and restarts
    /// training. Returns `null`, or the error object `{kind, en, zh}` naming the bad line
    /// (the widget then keeps its last good state).
    #[wasm_bindgen(js_name = importCsv)]
    pub fn import_csv(&mut self, text: &str) -> JsValue {
        match self.widget.import_csv(text) {
            Ok(()) => JsValue::NULL,
            Err(e) => error_js(&e),
        }
    }

    /// Adds a point of class `class` where the backing-store pixel (px, py) lies on the
    /// last chart's region map, and restarts training. Returns `null`, or an error object
    /// (outside the map, too many points, …; nothing changes then).
    #[wasm_bindgen(js_name = addPoint)]
    pub fn add_point(&mut self, px: f64, py: f64, class: u32) -> JsValue {
        let Some((x1, x2)) = self.frame.as_ref().and_then(|f| f.value_at(px, py)) else {
            return error_js(&Error::new(
                ErrorKind::OutOfRange,
                "Click inside the map to add a point there.",
                "请在图中的区域内点击来添加点。",
            ));
        };
        match self.widget.add_point(x1, x2, class as usize) {
            Ok(()) => JsValue::NULL,
            Err(e) => error_js(&e),
        }
    }

    /// Whether the pixel (px, py) of the last chart lies on a map that takes points.
    #[wasm_bindgen(js_name = takesPointAt)]
    pub fn takes_point_at(&self, px: f64, py: f64) -> bool {
        self.widget.upload().is_some()
            && self
                .frame
                .as_ref()
                .is_some_and(|f| f.value_at(px, py).is_some())
    }

    /// The widget's data as CSV text (`x1,x2,label`), or `null`.
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self) -> Option<String> {
        self.widget.export_csv()
    }
}
