//! Opening a widget on a page: the one place that layers its settings and replays a link.
//!
//! ```text
//! spec defaults  ←  the element's attributes (and `steps=`)  ←  the URL hash (`scope.key=value`, `scope.steps=N`)
//! ```
//!
//! Each layer is tried on top of the last good one: a bad attribute falls back to the
//! defaults, a bad hash keeps the attributes, and the widget that comes out is always a
//! working one, with the first problem kept as a bilingual [`Error`] for the page to show.
//! A replay that fails part-way keeps the Steps before the failure. The web façade only
//! hands the attributes and the hash over; the same code opens a widget in native tests.

use crate::error::{Error, ErrorKind, Result};
use crate::params::{format_value, ParamKind, Params};
use crate::state::parse_hash;
use crate::widget::{Outcome, WidgetSpec, MAX_STEPS};
use crate::AnyWidget;

/// A widget opened from attributes and a hash.
#[derive(Clone, Debug)]
pub struct Opened {
    /// The widget, after the Steps that could be replayed.
    pub widget: AnyWidget,
    /// What was wrong with the attributes or the link, if anything.
    pub error: Option<Error>,
    /// Steps to replay once the widget's data file has arrived (0 if it needs none).
    pub pending_steps: usize,
}

/// Appends a note to both languages of an error.
pub fn with_note(e: Error, en: &str, zh: &str) -> Error {
    Error::new(
        e.kind,
        format!("{} {en}", e.text.en),
        format!("{}{zh}", e.text.zh),
    )
}

/// Reads a `steps` value: a whole number up to [`MAX_STEPS`].
pub fn parse_steps(raw: &str) -> Result<usize> {
    match raw.trim().parse::<usize>() {
        Ok(n) if n <= MAX_STEPS => Ok(n),
        _ => Err(Error::new(
            ErrorKind::BadValue,
            format!("“steps” = “{raw}” must be a whole number up to {MAX_STEPS}."),
            format!("“steps” = “{raw}”必须是不超过 {MAX_STEPS} 的整数。"),
        )),
    }
}

/// Builds the widget and replays up to `steps` Steps. A Step that fails stops the replay
/// and is reported, but the Steps before it are kept.
pub fn replay(name: &str, params: &Params, steps: usize) -> Result<(AnyWidget, Option<Error>)> {
    let mut w = AnyWidget::new(name, params)?;
    if w.awaiting_data() {
        // Replayed by the page once the data file has arrived.
        return Ok((w, None));
    }
    for _ in 0..steps.min(MAX_STEPS) {
        match w.step() {
            Ok(Outcome::Stepped) => {}
            Ok(Outcome::Done(_)) => break,
            Err(e) => return Ok((w, Some(e))),
        }
    }
    Ok((w, None))
}

/// Opens widget `name` for the element `scope`: its settings from `attr` (the element's
/// attribute of a key, if set; only the spec's keys and `steps` are asked for), then from
/// the entries of `scope` in the URL `hash`. Errors only for an unknown widget name.
pub fn open(
    name: &str,
    scope: &str,
    attr: &dyn Fn(&str) -> Option<String>,
    hash: &str,
) -> Result<Opened> {
    let spec = AnyWidget::spec_of(name)?;
    let mut error = None;

    // Layer 2: the element's attributes.
    let mut attrs = Params::default();
    for p in &spec.params {
        if let Some(v) = attr(p.key) {
            attrs.set(p.key, v);
        }
    }
    let mut steps = 0;
    if let Some(raw) = attr("steps") {
        match parse_steps(&raw) {
            Ok(n) => steps = n,
            Err(e) => error = Some(e),
        }
    }
    let (mut widget, mut base, mut wanted) = match replay(name, &attrs, steps) {
        Ok((w, err)) => {
            error = err.or(error);
            (w, attrs, steps)
        }
        Err(e) => {
            error = Some(with_note(
                e,
                "Showing the defaults instead.",
                "改为显示默认设置。",
            ));
            (
                AnyWidget::new(name, &Params::default())?,
                Params::default(),
                0,
            )
        }
    };

    // Layer 3: the URL hash.
    match parse_hash(hash) {
        Err(e) => {
            error = Some(Error::new(
                ErrorKind::BadState,
                format!(
                    "The link's state could not be read ({}) — showing the defaults.",
                    e.text.en
                ),
                format!("无法读取链接中的状态（{}），显示默认设置。", e.text.zh),
            ));
        }
        Ok(state) => {
            let (hash_params, hash_steps) = state.widget(scope);
            if !hash_params.0.is_empty() || hash_steps > 0 {
                for (k, v) in &hash_params.0 {
                    base.set(k, v.clone());
                }
                match replay(name, &base, hash_steps) {
                    Ok((w, err)) => {
                        widget = w;
                        wanted = hash_steps;
                        error = err.or(error);
                    }
                    Err(e) => {
                        error = Some(with_note(
                            e,
                            "(from the link) — showing the defaults.",
                            "（来自链接），显示默认设置。",
                        ));
                    }
                }
            }
        }
    }
    let pending_steps = if widget.awaiting_data() { wanted } else { 0 };
    Ok(Opened {
        widget,
        error,
        pending_steps,
    })
}

/// Rounds `v` to the spec's slider step and clamps it into range; returns the URL form
/// (a click on a chart sets a setting through this).
pub fn snap(spec: &WidgetSpec, key: &str, v: f64) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k: &str| {
            pairs
                .iter()
                .find(|(a, _)| *a == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_hash_wins_over_attributes_which_win_over_defaults() {
        let o = open(
            "backprop-chain",
            "bc",
            &attrs(&[("x", "2"), ("target", "2.13"), ("steps", "2")]),
            "#bc.x=3&bc.steps=1",
        )
        .unwrap();
        let p = o.widget.params();
        assert_eq!(p.raw("x"), Some("3"));
        assert_eq!(p.raw("target"), Some("2.13"));
        assert_eq!(o.widget.steps(), 1);
        assert!(o.error.is_none());
        // Another element's scope in the hash is not ours.
        let o = open("backprop-chain", "other", &attrs(&[("x", "2")]), "#bc.x=3").unwrap();
        assert_eq!(o.widget.params().raw("x"), Some("2"));
    }

    #[test]
    fn each_bad_layer_falls_back_to_the_last_good_one_with_a_message() {
        // A bad attribute: the defaults, and a message naming the setting.
        let o = open("backprop-chain", "bc", &attrs(&[("x", "abc")]), "").unwrap();
        let e = o.error.expect("a message");
        assert!(e.text.en.contains("defaults") && e.text.zh.contains("默认"));
        // A bad hash value keeps the attributes.
        let o = open("backprop-chain", "bc", &attrs(&[("x", "2")]), "#bc.x=NaN").unwrap();
        assert_eq!(o.widget.params().raw("x"), Some("2"));
        assert!(o.error.is_some());
        // A bad `steps` attribute.
        let o = open("backprop-chain", "bc", &attrs(&[("steps", "-1")]), "").unwrap();
        assert!(o.error.unwrap().text.en.contains("steps"));
        // Only an unknown widget is an error.
        assert!(open("no-such", "x", &attrs(&[]), "").is_err());
    }

    #[test]
    fn snapping_follows_the_slider_grid() {
        let spec = AnyWidget::spec_of("backprop-chain").unwrap();
        let key = spec
            .params
            .iter()
            .find(|p| matches!(p.kind, ParamKind::Number { .. }))
            .map(|p| p.key)
            .unwrap();
        assert!(snap(&spec, key, 1e9).is_some());
        assert!(snap(&spec, "no-such-key", 1.0).is_none());
    }
}
