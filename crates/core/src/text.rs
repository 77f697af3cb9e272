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

#[cfg(test)]
mod tests {
    use super::*;

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
