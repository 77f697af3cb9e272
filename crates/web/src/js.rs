//! Turning core values into plain JS data: results, outcomes and bilingual errors.

use ninestep_core::{Error, ErrorKind, Outcome, Text};
use serde::Serialize;
use wasm_bindgen::prelude::*;
/// Serialises to plain JS data: `None` becomes `null`, maps become objects.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    let ser = serde_wasm_bindgen::Serializer::new()
        .serialize_missing_as_null(true)
        .serialize_maps_as_objects(true);
    match value.serialize(&ser) {
        Ok(v) => v,
        Err(_) => JsValue::NULL,
    }
}

/// An error as the page sees it.
#[derive(Serialize)]
pub(crate) struct JsError<'a> {
    kind: ErrorKind,
    en: &'a str,
    zh: &'a str,
}

pub(crate) fn error_js(e: &Error) -> JsValue {
    to_js(&JsError {
        kind: e.kind,
        en: &e.text.en,
        zh: &e.text.zh,
    })
}

/// The result of Step / Run.
#[derive(Serialize)]
pub(crate) struct StepResult<'a> {
    /// `"stepped"` or `"done"`.
    outcome: &'static str,
    /// Why it is done (for `"done"`), else `null`.
    text: Option<&'a Text>,
}

pub(crate) fn outcome_js(outcome: &Outcome) -> JsValue {
    match outcome {
        Outcome::Stepped => to_js(&StepResult {
            outcome: "stepped",
            text: None,
        }),
        Outcome::Done(t) => to_js(&StepResult {
            outcome: "done",
            text: Some(t),
        }),
    }
}

/// Error object for a failed drawing.
#[derive(Serialize)]
pub(crate) struct DrawError {
    kind: &'static str,
    en: String,
    zh: String,
}

pub(crate) fn draw_error(msg: &str) -> DrawError {
    DrawError {
        kind: "draw",
        en: format!("The chart could not be drawn: {msg}"),
        zh: format!("无法绘制图表：{msg}"),
    }
}
