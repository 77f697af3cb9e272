//! Settings of a widget as data: what each setting is called, its range, its default.
//! The page builds its controls from a [`ParamSpec`] list, the URL stores [`Params`],
//! and every widget validates them in one place (`from_params`).

use crate::error::{Error, ErrorKind, Result};
use crate::text::{fmt_num, Text};
use serde::Serialize;

mod presets;
mod settings;
pub use presets::{INITS, OPTIMIZERS};
pub use settings::{whole, Setting, Settings};

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
    /// The hidden layers of a network, edited with +/− buttons: units per layer from the
    /// input side, comma-separated (`4,2`), or [`NO_LAYERS`] for none.
    Layers {
        /// Most hidden layers.
        max_layers: usize,
        /// Most units in one layer.
        max_units: usize,
    },
    /// A line of text the learner types (a CNN's blocks, `c8k5,relu,mp2`); `presets` are
    /// `(value, label)` suggestions the page offers beside the box.
    Text {
        /// Suggested values with their labels.
        presets: Vec<(String, Text)>,
    },
    /// A value the widget sets itself (the trainer's uploaded or clicked points): kept in
    /// the URL like every setting, but the page shows no control for it.
    Hidden,
}

/// The value of a [`ParamKind::Layers`] setting without hidden layers (a URL hash can't
/// hold an empty value).
pub const NO_LAYERS: &str = "none";

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

    /// A numeric setting written in one line: the `(en, zh)` label and
    /// `[min, max, step, default]`.
    pub fn num(key: &'static str, label: (&str, &str), range: [f64; 4]) -> ParamSpec {
        let [min, max, step, default] = range;
        ParamSpec::number(key, Text::new(label.0, label.1), min, max, step, default)
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
    /// A network's hidden layers (see [`ParamKind::Layers`]); `default` like `"4,2"`.
    pub fn layers(
        key: &'static str,
        label: Text,
        max_layers: usize,
        max_units: usize,
        default: &str,
    ) -> ParamSpec {
        ParamSpec {
            key,
            label,
            kind: ParamKind::Layers {
                max_layers,
                max_units,
            },
            default: default.to_string(),
        }
    }

    /// A typed line of text (see [`ParamKind::Text`]) with `presets` (`(value, en, zh)`);
    /// the first preset is the default.
    pub fn text(key: &'static str, label: Text, presets: &[(&str, &str, &str)]) -> ParamSpec {
        ParamSpec {
            key,
            label,
            kind: ParamKind::Text {
                presets: presets
                    .iter()
                    .map(|(v, en, zh)| (v.to_string(), Text::new(*en, *zh)))
                    .collect(),
            },
            default: presets.first().map_or(String::new(), |p| p.0.to_string()),
        }
    }

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

    /// The settings named by `specs`, in their order, with these values (one per spec).
    pub fn zip<const N: usize>(specs: &[ParamSpec; N], values: [String; N]) -> Params {
        Params(
            specs
                .iter()
                .zip(values)
                .map(|(s, v)| (s.key.to_string(), v))
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

impl Params {
    /// Reads `spec.key` as hidden-layer sizes (`"4,2"`, `"none"` or empty for none),
    /// each within the spec's limits. A missing key gives the default.
    pub fn layers(&self, spec: &ParamSpec) -> Result<Vec<usize>> {
        let raw = self.raw(spec.key).unwrap_or(&spec.default).trim();
        let (max_layers, max_units) = match spec.kind {
            ParamKind::Layers {
                max_layers,
                max_units,
            } => (max_layers, max_units),
            _ => (usize::MAX, usize::MAX),
        };
        if raw.is_empty() || raw == NO_LAYERS {
            return Ok(Vec::new());
        }
        let bad = || {
            Error::new(
                ErrorKind::BadValue,
                format!(
                    "“{raw}” is not a list of layer sizes like 4,2 (setting “{}”: up to {max_layers} layers of 1 to {max_units} neurons).",
                    spec.label.en
                ),
                format!(
                    "“{raw}”不是形如 4,2 的各层神经元数（参数“{}”：最多 {max_layers} 层，每层 1 到 {max_units} 个神经元）。",
                    spec.label.zh
                ),
            )
        };
        let sizes = raw
            .split(',')
            .map(|s| {
                let s = s.trim();
                if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                s.parse::<usize>().ok()
            })
            .collect::<Option<Vec<usize>>>()
            .ok_or_else(bad)?;
        if sizes.len() > max_layers || sizes.iter().any(|&u| u == 0 || u > max_units) {
            return Err(Error::new(
                ErrorKind::OutOfRange,
                format!(
                    "“{}” allows up to {max_layers} hidden layers of 1 to {max_units} neurons, not {raw}.",
                    spec.label.en
                ),
                format!(
                    "“{}”最多 {max_layers} 个隐藏层，每层 1 到 {max_units} 个神经元，而不是 {raw}。",
                    spec.label.zh
                ),
            ));
        }
        Ok(sizes)
    }
}

impl Params {
    /// These `(key, value)` settings; every other key keeps its default (a link's or a
    /// test's settings, `Params::of(&[("eta", "1.2")])`).
    pub fn of(pairs: &[(&str, &str)]) -> Params {
        let mut p = Params::default();
        for (k, v) in pairs {
            p.set(k, *v);
        }
        p
    }
}

/// Writes layer sizes as a [`ParamKind::Layers`] value (`"4,2"`, or [`NO_LAYERS`]).
pub fn format_layers(sizes: &[usize]) -> String {
    if sizes.is_empty() {
        return NO_LAYERS.to_string();
    }
    sizes
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn fmt_short(v: f64) -> String {
    let s = fmt_num(v, 6);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
#[path = "params_tests.rs"]
mod tests;
