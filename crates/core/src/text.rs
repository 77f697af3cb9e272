//! Bilingual text. Every word the learner reads exists in English and in Chinese; the
//! page, the CLI and the error messages all pick one with [`Lang`].

use serde::Serialize;

/// The two languages of the course.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese, the language of the original course.
    Zh,
}

impl Lang {
    /// Parses `en` / `zh` (also `zh-CN`, `en-US`, any case). Unknown tags give `None`.
    pub fn parse(tag: &str) -> Option<Lang> {
        let t = tag.trim().to_ascii_lowercase();
        if t == "zh" || t.starts_with("zh-") || t.starts_with("zh_") {
            Some(Lang::Zh)
        } else if t == "en" || t.starts_with("en-") || t.starts_with("en_") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The BCP-47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// A piece of text in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Text {
    /// English.
    pub en: String,
    /// Chinese.
    pub zh: String,
}

impl Text {
    /// Builds a text from its two translations.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The same string in both languages (symbols, formulas, numbers).
    pub fn same(s: impl Into<String>) -> Text {
        let s = s.into();
        Text {
            en: s.clone(),
            zh: s,
        }
    }

    /// The translation for `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// Formats a number the way the course prints it: `digits` decimals, no `-0`,
/// and words instead of `NaN`/`inf` (which should never reach a table anyway).
pub fn fmt_num(v: f64, digits: usize) -> String {
    if v.is_nan() {
        return "—".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        };
    }
    let s = format!("{v:.digits$}");
    // "-0.000000" reads as a sign error to a learner.
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// Whether `c` is a character that, echoed inside a message, would reorder or hide the text
/// around it, or break its line: C0/C1 control characters, the bidi marks, embeddings,
/// overrides and isolates (U+061C, U+200E/F, U+202A–E, U+2066–9), zero-width and invisible
/// format characters (U+200B–D, U+2060–4, U+FEFF, U+180E) and the line and paragraph
/// separators (U+2028/9).
pub fn is_hidden_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// The longest message an error keeps, in characters; longer ones keep their start and end
/// (the line number and the hint) around a `…`.
pub const MAX_MESSAGE_CHARS: usize = 400;

/// `s` made safe to show: every [`is_hidden_control`] character becomes a visible escape such
/// as `‹U+202E›`, so a pasted value cannot turn the rest of a message around or hide part of
/// it, and a text longer than [`MAX_MESSAGE_CHARS`] is cut in the middle.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_hidden_control(c) {
            out.push_str(&format!("‹U+{:04X}›", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    let count = out.chars().count();
    if count <= MAX_MESSAGE_CHARS {
        return out;
    }
    let head_len = (MAX_MESSAGE_CHARS - 3) / 2;
    let tail_len = MAX_MESSAGE_CHARS - 3 - head_len;
    let head: String = out.chars().take(head_len).collect();
    let tail: String = out.chars().skip(count - tail_len).collect();
    format!("{head} … {tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_controls_become_visible_escapes() {
        // The neuron widget's `x1=%E2%80%AE…`: a right-to-left override would display the
        // rest of the message reversed.
        assert_eq!(
            visible("“\u{202E}1.5” is not a number"),
            "“‹U+202E›1.5” is not a number"
        );
        for c in [
            '\u{0}', '\n', '\r', '\t', '\u{7F}', '\u{85}', '\u{61C}', '\u{200B}', '\u{200D}',
            '\u{200E}', '\u{200F}', '\u{2028}', '\u{2029}', '\u{202A}', '\u{202B}', '\u{202C}',
            '\u{202D}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{FEFF}',
        ] {
            let shown = visible(&format!("a{c}b"));
            assert!(!shown.chars().any(is_hidden_control), "{c:?} → {shown}");
            assert_eq!(shown, format!("a‹U+{:04X}›b", u32::from(c)));
        }
        // Ordinary text, Chinese, Arabic letters and emoji stay as they are.
        for s in [
            "第 3 行：“abc”不是数字。",
            "x1 = 0.5 → ŷ",
            "مرحبا",
            "🙂 ½ ∞ −1",
        ] {
            assert_eq!(visible(s), s);
        }
    }

    #[test]
    fn long_texts_keep_their_start_and_end() {
        let long = format!(
            "line 7: “{}” is not a number.",
            "9".repeat(20_000_000 / 1000)
        );
        let shown = visible(&long);
        assert_eq!(shown.chars().count(), MAX_MESSAGE_CHARS);
        assert!(shown.starts_with("line 7: “999"), "{shown}");
        assert!(shown.ends_with("999” is not a number."), "{shown}");
        assert!(shown.contains(" … "));
    }

    #[test]
    fn parses_language_tags() {
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn formats_numbers_without_negative_zero() {
        assert_eq!(fmt_num(-0.0000001, 6), "0.000000");
        assert_eq!(fmt_num(9.6557061, 6), "9.655706");
        assert_eq!(fmt_num(f64::NAN, 3), "—");
    }
}
