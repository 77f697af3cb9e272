//! Hover read-outs: the sentence with the exact values under the pointer, from the hover
//! zones of the last chart drawn.

use crate::settings::parse_lang;
use crate::WidgetHandle;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl WidgetHandle {
    /// The read-out at backend pixel (px, py) of the last chart (same pixels as `click`),
    /// in `lang`, or `null` away from every zone or for a chart without read-outs.
    #[wasm_bindgen(js_name = hover)]
    pub fn hover(&self, px: f64, py: f64, lang: &str) -> Option<String> {
        let zones = self.hover.as_ref()?;
        ninestep_charts::hover(&self.widget, zones, px, py, parse_lang(lang))
    }
}
