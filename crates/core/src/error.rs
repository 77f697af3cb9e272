//! The one error type of the core. Every error carries a stable code (for tests and
//! scripts) and a message in both languages (for the learner). Nothing in the core
//! panics on user input: bad input becomes an [`Error`] and the caller keeps its last
//! good state.

use crate::text::{visible, Lang, Text};
use serde::Serialize;
use std::fmt;

/// What went wrong, as a stable machine-readable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// A setting is not a number, or not one of the allowed choices.
    BadValue,
    /// A number is outside the range the lesson allows.
    OutOfRange,
    /// The inputs leave the domain of the maths (e.g. the log of a negative number).
    Domain,
    /// Training blew up: a value became NaN or infinite.
    Diverged,
    /// The URL state could not be read.
    BadState,
    /// An unknown widget, setting or lesson name.
    Unknown,
    /// A data file (CSV, model) could not be read.
    BadData,
}

/// An error with a bilingual message.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Error {
    /// Stable code.
    pub kind: ErrorKind,
    /// The message shown to the learner.
    pub text: Text,
}

impl Error {
    /// Builds an error from its kind and its two messages. This is the one place where the
    /// learner's own text (a setting, a link, a CSV line) echoed in a message is made safe:
    /// control and bidi characters become visible escapes ([`visible`]), so `x1=%E2%80%AE…`
    /// cannot display the message reversed, and an overlong echo is cut in the middle.
    pub fn new(kind: ErrorKind, en: impl Into<String>, zh: impl Into<String>) -> Error {
        Error {
            kind,
            text: Text::new(visible(&en.into()), visible(&zh.into())),
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text.en)
    }
}

impl std::error::Error for Error {}

/// Shorthand for results in the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::AnyWidget;
    use crate::state::parse_hash;

    #[test]
    fn echoed_input_cannot_reorder_or_hide_the_message() {
        // The link that displayed the neuron widget's message reversed: a right-to-left
        // override (U+202E, `%E2%80%AE`) in front of the value.
        let state = parse_hash("#neuron.x1=%E2%80%AE5.0%20is%20fine").expect("a valid hash");
        let (params, _) = state.widget("neuron");
        let e = AnyWidget::new("neuron", &params).expect_err("not a number");
        assert_eq!(e.kind, ErrorKind::BadValue);
        let (en, zh) = (e.message(Lang::En), e.message(Lang::Zh));
        assert!(
            en.starts_with("“‹U+202E›5.0 is fine” is not a number"),
            "{en}"
        );
        assert!(zh.starts_with("“‹U+202E›5.0 is fine”不是数字"), "{zh}");
        // Other echoes too: an unknown key with a zero-width joiner and a NUL.
        let e = Error::new(
            ErrorKind::Unknown,
            "key “a\u{200D}\u{0}b”",
            "键“a\u{200D}\u{0}b”",
        );
        assert_eq!(e.to_string(), "key “a‹U+200D›‹U+0000›b”");
        assert_eq!(e.message(Lang::Zh), "键“a‹U+200D›‹U+0000›b”");
    }
}
