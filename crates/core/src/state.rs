//! The URL hash is the state: `#lang=zh&chain.x=2&chain.target=2.13&chain.steps=5`.
//!
//! Keys without a dot belong to the page (`lang`); `scope.key` belongs to the widget whose
//! id is `scope`. `steps` is how many iterations to replay, so opening a link reproduces
//! the table exactly. Parsing is strict: anything odd is an [`Error`] and the caller falls
//! back to its defaults.

use crate::error::{Error, ErrorKind, Result};
use crate::params::Params;
use crate::text::Lang;

/// A parsed hash.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HashState {
    /// Page language, if given.
    pub lang: Option<Lang>,
    /// `(scope, key, value)` triples in order.
    pub entries: Vec<(String, String, String)>,
}

impl HashState {
    /// The settings stored for the widget `scope`, and the iterations to replay.
    pub fn widget(&self, scope: &str) -> (Params, usize) {
        let mut params = Params::default();
        let mut steps = 0;
        for (s, k, v) in &self.entries {
            if s == scope {
                if k == "steps" {
                    steps = v.parse().unwrap_or(0);
                } else {
                    params.set(k, v.clone());
                }
            }
        }
        (params, steps)
    }
}

/// Longest hash we read: room for the trainer's 2000 custom points (about 32 characters
/// each once escaped) next to the other widgets of a page.
pub const MAX_HASH: usize = 100_000;
/// Longest value of one setting in the hash (the trainer's `points`).
pub const MAX_VALUE: usize = 80_000;

fn bad(en: String, zh: String) -> Error {
    Error::new(ErrorKind::BadState, en, zh)
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Decodes `%XX` escapes; rejects broken ones.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Parses a URL hash (with or without the leading `#`).
pub fn parse_hash(hash: &str) -> Result<HashState> {
    let body = hash.strip_prefix('#').unwrap_or(hash);
    let mut state = HashState::default();
    if body.trim().is_empty() {
        return Ok(state);
    }
    if body.len() > MAX_HASH {
        return Err(bad(
            "The link's state is too long to be ours.".into(),
            "链接里的状态太长，不是本站生成的。".into(),
        ));
    }
    for part in body.split('&').filter(|p| !p.is_empty()) {
        let Some((k, v)) = part.split_once('=') else {
            return Err(bad(
                format!("The link's state has “{part}”, which is not of the form key=value."),
                format!("链接状态中的“{part}”不是 key=value 的形式。"),
            ));
        };
        let v = percent_decode(v)
            .filter(|v| !v.is_empty() && v.len() <= MAX_VALUE && !v.chars().any(char::is_control));
        let Some(v) = v else {
            return Err(bad(
                format!("The value of “{k}” in the link cannot be read."),
                format!("无法读取链接中“{k}”的值。"),
            ));
        };
        match k.split_once('.') {
            None if k == "lang" => {
                state.lang = Some(Lang::parse(&v).ok_or_else(|| {
                    bad(
                        format!("Unknown language “{v}” (use en or zh)."),
                        format!("未知语言“{v}”（请用 en 或 zh）。"),
                    )
                })?);
            }
            Some((scope, key)) if is_ident(scope) && is_ident(key) => {
                if key == "steps"
                    && v.parse::<usize>()
                        .map_or(true, |n| n > crate::widget::MAX_STEPS)
                {
                    return Err(bad(
                        format!(
                            "“{scope}.steps” must be a whole number up to {}.",
                            crate::widget::MAX_STEPS
                        ),
                        format!(
                            "“{scope}.steps”必须是不超过 {} 的整数。",
                            crate::widget::MAX_STEPS
                        ),
                    ));
                }
                state.entries.push((scope.to_string(), key.to_string(), v));
            }
            _ => {
                return Err(bad(
                    format!("The link's state has an unknown key “{k}”."),
                    format!("链接状态中有未知的键“{k}”。"),
                ))
            }
        }
    }
    Ok(state)
}

fn encode(v: &str) -> String {
    let mut out = String::new();
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Writes the hash for one widget's settings and iteration count (without `#`).
pub fn format_widget(scope: &str, params: &Params, steps: usize) -> String {
    let mut parts: Vec<String> = params
        .0
        .iter()
        .map(|(k, v)| format!("{scope}.{k}={}", encode(v)))
        .collect();
    if steps > 0 {
        parts.push(format!("{scope}.steps={steps}"));
    }
    parts.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_a_widget_state() {
        let mut p = Params::default();
        p.set("x", "2");
        p.set("target", "2.13");
        let hash = format!("#lang=zh&{}", format_widget("chain", &p, 5));
        assert_eq!(hash, "#lang=zh&chain.x=2&chain.target=2.13&chain.steps=5");
        let s = parse_hash(&hash).ok().unwrap_or_default();
        assert_eq!(s.lang, Some(Lang::Zh));
        assert_eq!(s.widget("chain"), (p, 5));
        assert_eq!(s.widget("other"), (Params::default(), 0));
    }

    #[test]
    fn malformed_hashes_are_errors() {
        for h in [
            "#garbage",
            "#lang=fr",
            "#a.b=%zz",
            "#chain.steps=-1",
            "#chain.steps=99999999",
            "#x y.z=1",
            "#=1",
            "#chain.x=",
        ] {
            let e = parse_hash(h);
            assert!(
                matches!(
                    e,
                    Err(Error {
                        kind: ErrorKind::BadState,
                        ..
                    })
                ),
                "{h} gave {e:?}"
            );
        }
        assert_eq!(parse_hash("").ok(), Some(HashState::default()));
        assert_eq!(parse_hash("#").ok(), Some(HashState::default()));
    }

    #[test]
    fn the_largest_custom_point_set_fits_in_the_hash() {
        // 2000 points (the experiment's MAX_POINTS) with the widest coordinates allowed
        // (−1000 to 1000, 3 decimals): the longest `points` value a widget writes.
        let pts: Vec<String> = (0..2000)
            .map(|i| format!("-999.{:03},-999.{:03},{}", i % 1000, i % 997, i % 3))
            .collect();
        let mut p = Params::default();
        p.set("dataset", "custom");
        p.set("points", pts.join(";"));
        let hash = format!("lang=en&{}", format_widget("trainer", &p, 3));
        assert!(hash.len() <= MAX_HASH, "{}", hash.len());
        let state = parse_hash(&hash).unwrap();
        assert_eq!(state.widget("trainer"), (p, 3));
        // Longer than MAX_HASH is still refused.
        assert!(parse_hash(&"a".repeat(MAX_HASH + 1)).is_err());
    }
}
