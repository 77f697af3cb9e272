//! Widget markers: lines of the form `{{widget NAME key=value key="two words" id=ID}}`.
//!
//! A lesson's Markdown is split at its markers into prose chunks; both languages of a lesson
//! must have the same markers in the same order.

use std::fmt;

/// One `{{widget …}}` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    /// The widget name (first word).
    pub name: String,
    /// `key=value` pairs in source order (including `id` if given).
    pub attrs: Vec<(String, String)>,
    /// 1-based line number in the source file.
    pub line: usize,
}

impl Marker {
    /// The element id: the `id` attribute, else the widget name.
    pub fn id(&self) -> &str {
        self.attrs
            .iter()
            .find(|(k, _)| k == "id")
            .map_or(&self.name, |(_, v)| v)
    }

    /// Name and attributes in a canonical order, for comparing two languages.
    fn key(&self) -> (&str, Vec<&(String, String)>) {
        let mut attrs: Vec<_> = self.attrs.iter().collect();
        attrs.sort();
        (&self.name, attrs)
    }
}

impl fmt::Display for Marker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{{{widget {}", self.name)?;
        for (k, v) in &self.attrs {
            if v.is_empty() || v.contains(char::is_whitespace) {
                write!(f, " {k}=\"{v}\"")?;
            } else {
                write!(f, " {k}={v}")?;
            }
        }
        write!(f, "}}}} (line {})", self.line)
    }
}

/// A chunk of Markdown between markers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prose {
    /// 1-based line number of the chunk's first line in the source file.
    pub first_line: usize,
    /// The Markdown text.
    pub text: String,
}

/// A source split at its markers: `prose.len() == markers.len() + 1`, and marker `i` sits
/// between `prose[i]` and `prose[i + 1]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Split {
    /// The prose chunks.
    pub prose: Vec<Prose>,
    /// The markers.
    pub markers: Vec<Marker>,
}

fn is_word(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
}

/// Parses the inside of `{{widget …}}`.
fn parse_marker(inner: &str, line: usize) -> Result<Marker, String> {
    let inner = inner.trim();
    let (name, mut rest) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    if !is_word(name) {
        return Err(format!("line {line}: bad widget name `{name}`"));
    }
    let mut attrs: Vec<(String, String)> = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let Some((key, after)) = rest.split_once('=') else {
            return Err(format!("line {line}: expected key=value, found `{rest}`"));
        };
        if !is_word(key) || key == "name" {
            return Err(format!("line {line}: bad attribute name `{key}`"));
        }
        let (value, after) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted
                .find('"')
                .ok_or_else(|| format!("line {line}: unterminated quote after `{key}=`"))?;
            (&quoted[..end], &quoted[end + 1..])
        } else {
            after.split_once(char::is_whitespace).unwrap_or((after, ""))
        };
        if attrs.iter().any(|(k, _)| k == key) {
            return Err(format!("line {line}: attribute `{key}` given twice"));
        }
        attrs.push((key.to_string(), value.to_string()));
        rest = after;
    }
    Ok(Marker {
        name: name.to_string(),
        attrs,
        line,
    })
}

/// Splits Markdown at its marker lines. Lines inside fenced code blocks are never markers.
pub fn split(src: &str) -> Result<Split, String> {
    let mut out = Split::default();
    let mut current = Prose {
        first_line: 1,
        text: String::new(),
    };
    let mut fence: Option<(char, usize)> = None;
    for (i, line) in src.split_inclusive('\n').enumerate() {
        let number = i + 1;
        let trimmed = line.trim();
        let fence_char = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        if let Some(c) = fence_char {
            let run = trimmed.chars().take_while(|x| *x == c).count();
            match fence {
                None if run >= 3 => fence = Some((c, run)),
                Some((open, len)) if open == c && run >= len && trimmed.len() == run => {
                    fence = None
                }
                _ => {}
            }
        }
        let marker = trimmed
            .strip_prefix("{{widget")
            .filter(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
            .filter(|_| fence.is_none());
        if let Some(rest) = marker {
            let inner = rest
                .strip_suffix("}}")
                .ok_or_else(|| format!("line {number}: widget marker must end with `}}}}`"))?;
            out.markers.push(parse_marker(inner, number)?);
            let next = Prose {
                first_line: number + 1,
                text: String::new(),
            };
            out.prose.push(std::mem::replace(&mut current, next));
        } else {
            current.text.push_str(line);
        }
    }
    out.prose.push(current);
    Ok(out)
}

/// Checks that two languages have the same markers (same names and attributes, in order).
pub fn compare(en: &[Marker], zh: &[Marker]) -> Result<(), String> {
    for (i, (a, b)) in en.iter().zip(zh).enumerate() {
        if a.key() != b.key() {
            return Err(format!(
                "widget marker #{} differs: en has {a}, zh has {b}",
                i + 1
            ));
        }
    }
    if en.len() != zh.len() {
        let (longer, lang, extra) = if en.len() > zh.len() {
            (en, "en", zh.len())
        } else {
            (zh, "zh", en.len())
        };
        return Err(format!(
            "en has {} widget markers, zh has {}; first extra marker (in {lang}): {}",
            en.len(),
            zh.len(),
            longer[extra]
        ));
    }
    Ok(())
}
