//! Settings of a widget as data: what each setting is called, its range, its default.
//! The page builds its controls from a [`ParamSpec`] list, the URL stores [`Params`],
//! and every widget validates them in one place (`from_params`).

use crate::error::{Error, ErrorKind, Result};
use crate::text::{fmt_num, Text};
use serde::Serialize;

/// How a setting is entered.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ParamKind {
    /// A number with a slider between `min` and `max` (inclusive) in steps of `step`.
    Number {
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
        /// Slider step.
        step: f64,
    },
    /// One of a few named choices.
    Choice {
        /// `(value, label)` pairs.
        options: Vec<(String, Text)>,
    },
    /// A value the widget sets itself (the trainer's uploaded or clicked points): kept in
    /// the URL like every setting, but the page shows no control for it.
    Hidden,
}

/// One setting of a widget.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParamSpec {
    /// Key in the URL and in element attributes (`x`, `target`, `eta`).
    pub key: &'static str,
    /// Label next to the control.
    pub label: Text,
    /// Slider or choice.
    pub kind: ParamKind,
    /// Default value, as it is written in a URL.
    pub default: String,
}

impl ParamSpec {
    /// A numeric setting.
    pub fn number(
        key: &'static str,
        label: Text,
        min: f64,
        max: f64,
        step: f64,
        default: f64,
    ) -> ParamSpec {
        ParamSpec {
            key,
            label,
            kind: ParamKind::Number { min, max, step },
            default: format_value(default),
        }
    }

    /// A setting chosen from `options` (`(value, en, zh)`).
    pub fn choice(
        key: &'static str,
        label: Text,
        options: &[(&str, &str, &str)],
        default: &str,
    ) -> ParamSpec {
        let options = options
            .iter()
            .map(|(v, en, zh)| (v.to_string(), Text::new(*en, *zh)))
            .collect();
        ParamSpec {
            key,
            label,
            kind: ParamKind::Choice { options },
            default: default.to_string(),
        }
    }
}

impl ParamSpec {
    /// A setting without a control (see [`ParamKind::Hidden`]), empty by default.
    pub fn hidden(key: &'static str, label: Text) -> ParamSpec {
        ParamSpec {
            key,
            label,
            kind: ParamKind::Hidden,
            default: String::new(),
        }
    }
}

/// Writes a number the shortest way that reads back to the same `f64`.
pub fn format_value(v: f64) -> String {
    let s = format!("{v}");
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// Current values of a widget's settings, as ordered `(key, value)` strings.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    /// The defaults of `specs`.
    pub fn defaults(specs: &[ParamSpec]) -> Params {
        Params(
            specs
                .iter()
                .map(|s| (s.key.to_string(), s.default.clone()))
                .collect(),
        )
    }

    /// The raw value of `key`, if set.
    pub fn raw(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Sets `key` to `value`, replacing an earlier value.
    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key.to_string(), value)),
        }
    }

    /// Reads `spec.key` as a number inside the spec's range. A missing key gives the default.
    pub fn number(&self, spec: &ParamSpec) -> Result<f64> {
        let raw = self.raw(spec.key).unwrap_or(&spec.default);
        let v: f64 = raw.trim().parse().map_err(|_| {
            Error::new(
                ErrorKind::BadValue,
                format!("“{raw}” is not a number (setting “{}”).", spec.label.en),
                format!("“{raw}”不是数字（参数“{}”）。", spec.label.zh),
            )
        })?;
        if !v.is_finite() {
            return Err(Error::new(
                ErrorKind::BadValue,
                format!("“{}” must be a finite number.", spec.label.en),
                format!("“{}”必须是有限的数。", spec.label.zh),
            ));
        }
        if let ParamKind::Number { min, max, .. } = spec.kind {
            if v < min || v > max {
                return Err(Error::new(
                    ErrorKind::OutOfRange,
                    format!(
                        "“{}” = {} is outside the allowed range [{}, {}].",
                        spec.label.en,
                        format_value(v),
                        fmt_short(min),
                        fmt_short(max)
                    ),
                    format!(
                        "“{}” = {} 超出允许范围 [{}, {}]。",
                        spec.label.zh,
                        format_value(v),
                        fmt_short(min),
                        fmt_short(max)
                    ),
                ));
            }
        }
        Ok(v)
    }

    /// Reads `spec.key` as one of the spec's choices. A missing key gives the default.
    pub fn choice(&self, spec: &ParamSpec) -> Result<String> {
        let raw = self.raw(spec.key).unwrap_or(&spec.default).trim();
        if let ParamKind::Choice { options } = &spec.kind {
            if options.iter().any(|(v, _)| v == raw) {
                return Ok(raw.to_string());
            }
            let names: Vec<&str> = options.iter().map(|(v, _)| v.as_str()).collect();
            return Err(Error::new(
                ErrorKind::BadValue,
                format!(
                    "“{raw}” is not a choice of “{}” ({}).",
                    spec.label.en,
                    names.join(", ")
                ),
                format!(
                    "“{raw}”不是“{}”的可选项（{}）。",
                    spec.label.zh,
                    names.join("、")
                ),
            ));
        }
        Ok(raw.to_string())
    }
}

fn fmt_short(v: f64) -> String {
    let s = fmt_num(v, 6);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> ParamSpec {
        ParamSpec::number("x", Text::new("start x", "初始 x"), 1.0, 10.0, 0.1, 2.0)
    }

    #[test]
    fn missing_key_gives_default() {
        assert_eq!(Params::default().number(&spec()).ok(), Some(2.0));
    }

    #[test]
    fn out_of_range_and_garbage_are_errors_with_both_messages() {
        let mut p = Params::default();
        p.set("x", "11");
        let e = p.number(&spec()).err().map(|e| (e.kind, e.text));
        let (kind, text) = e.unwrap_or((ErrorKind::Unknown, Text::same("")));
        assert_eq!(kind, ErrorKind::OutOfRange);
        assert!(text.en.contains("[1, 10]"), "{}", text.en);
        assert!(text.zh.contains("超出"), "{}", text.zh);
        p.set("x", "abc");
        assert_eq!(
            p.number(&spec()).err().map(|e| e.kind),
            Some(ErrorKind::BadValue)
        );
        p.set("x", "NaN");
        assert_eq!(
            p.number(&spec()).err().map(|e| e.kind),
            Some(ErrorKind::BadValue)
        );
    }

    #[test]
    fn values_round_trip_through_text() {
        assert_eq!(format_value(2.13), "2.13");
        assert_eq!(format_value(-0.0), "0");
        assert_eq!(format_value(0.1 + 0.2).parse::<f64>().ok(), Some(0.1 + 0.2));
    }
}
