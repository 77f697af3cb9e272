//! Settings from element attributes and the URL: layering, replay, snapping clicks to
//! the slider grid. Every failure becomes an `Error`, never a panic.

use ninestep_core::params::format_value;
use ninestep_core::{AnyWidget, Error, ErrorKind, Lang, Outcome, ParamKind, Params, WidgetSpec};
use wasm_bindgen::prelude::*;

pub(crate) fn with_note(e: Error, en: &str, zh: &str) -> Error {
    Error::new(
        e.kind,
        format!("{} {en}", e.text.en),
        format!("{}{zh}", e.text.zh),
    )
}

pub(crate) fn parse_lang(tag: &str) -> Lang {
    match Lang::parse(tag) {
        Some(lang) => lang,
        None => Lang::En,
    }
}

/// Reads the string attributes of `attrs` that are settings of `spec`, plus the
/// optional `steps` attribute (iterations to replay).
pub(crate) fn attr_params(spec: &WidgetSpec, attrs: &JsValue) -> (Params, Option<String>) {
    let mut params = Params::default();
    let get = |key: &str| -> Option<String> {
        if !attrs.is_object() {
            return None;
        }
        js_sys::Reflect::get(attrs, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
    };
    for p in &spec.params {
        if let Some(v) = get(p.key) {
            params.set(p.key, v);
        }
    }
    (params, get("steps"))
}

pub(crate) fn parse_steps(raw: &str) -> Result<usize, Error> {
    match raw.trim().parse::<usize>() {
        Ok(n) if n <= ninestep_core::widget::MAX_STEPS => Ok(n),
        _ => Err(Error::new(
            ErrorKind::BadValue,
            format!(
                "“steps” = “{raw}” must be a whole number up to {}.",
                ninestep_core::widget::MAX_STEPS
            ),
            format!(
                "“steps” = “{raw}”必须是不超过 {} 的整数。",
                ninestep_core::widget::MAX_STEPS
            ),
        )),
    }
}

/// Builds the widget and replays up to `steps` iterations. A step that fails stops the
/// replay and is reported, but the iterations before it are kept.
pub(crate) fn replay(
    name: &str,
    params: &Params,
    steps: usize,
) -> Result<(AnyWidget, Option<Error>), Error> {
    let mut w = AnyWidget::new(name, params)?;
    if w.awaiting_data() {
        // Replayed by `WidgetHandle::attach_data` once the data file has arrived.
        return Ok((w, None));
    }
    for _ in 0..steps.min(ninestep_core::widget::MAX_STEPS) {
        match w.step() {
            Ok(Outcome::Stepped) => {}
            Ok(Outcome::Done(_)) => break,
            Err(e) => return Ok((w, Some(e))),
        }
    }
    Ok((w, None))
}

/// Rounds `v` to the spec's slider step and clamps it into range; returns the URL form.
pub(crate) fn snap(spec: &WidgetSpec, key: &str, v: f64) -> Option<String> {
    let p = spec.params.iter().find(|p| p.key == key)?;
    let ParamKind::Number { min, max, step } = p.kind else {
        return None;
    };
    let mut v = v.clamp(min, max);
    if step > 0.0 {
        v = min + ((v - min) / step).round() * step;
        v = v.clamp(min, max);
        // Print with as many decimals as the step has, so 0.1·3 reads "0.3".
        let decimals = format_value(step)
            .split_once('.')
            .map_or(0, |(_, d)| d.len());
        let printed = format!("{v:.decimals$}");
        if let Ok(parsed) = printed.parse::<f64>() {
            v = parsed;
        }
    }
    Some(format_value(v))
}
