//! The one error type of the core. Every error carries a stable code (for tests and
//! scripts) and a message in both languages (for the learner). Nothing in the core
//! panics on user input: bad input becomes an [`Error`] and the caller keeps its last
//! good state.

use crate::text::{Lang, Text};
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
    /// Builds an error from its kind and its two messages.
    pub fn new(kind: ErrorKind, en: impl Into<String>, zh: impl Into<String>) -> Error {
        Error {
            kind,
            text: Text::new(en, zh),
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
