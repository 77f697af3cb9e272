//! The page's language tag. Layering the settings of attributes and the URL, replaying
//! a link and snapping clicks to the slider grid live in core (`ninestep_core::open`).

use ninestep_core::Lang;

pub(crate) fn parse_lang(tag: &str) -> Lang {
    match Lang::parse(tag) {
        Some(lang) => lang,
        None => Lang::En,
    }
}
