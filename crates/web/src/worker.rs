//! Training off the main thread: the page's `www/js/worker.js` holds its own handle of
//! the same widget, trains it, and sends [`snapshot`](WidgetHandle::snapshot)s back; the
//! page's handle [`restore`](WidgetHandle::restore)s them and only draws.

use crate::js::{error_js, to_js};
use crate::WidgetHandle;
use ninestep_core::lesson::WorkerState;
use ninestep_core::{Error, ErrorKind};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl WidgetHandle {
    /// The training state as plain data (`{steps, weights, history, done}`) for a widget
    /// that trains in a worker (the playground, `cnn-trainer`), else `null`.
    #[wasm_bindgen(js_name = snapshot)]
    pub fn snapshot(&self) -> JsValue {
        match self.widget.snapshot() {
            Some(s) => to_js(&s),
            None => JsValue::NULL,
        }
    }

    /// Takes a snapshot made by a handle with the same settings. Returns `null`, or an
    /// error object (unreadable or not fitting: nothing changes).
    #[wasm_bindgen(js_name = restore)]
    pub fn restore(&mut self, snapshot: JsValue) -> JsValue {
        let parsed: Result<WorkerState, _> = serde_wasm_bindgen::from_value(snapshot);
        let result = match parsed {
            Ok(s) => self.widget.restore(&s),
            Err(e) => Err(Error::new(
                ErrorKind::BadState,
                format!("The training worker sent an unreadable state ({e})."),
                format!("后台训练线程发来的状态无法读取（{e}）。"),
            )),
        };
        match result {
            Ok(()) => JsValue::NULL,
            Err(e) => error_js(&e),
        }
    }
}
