//! Reading one `key=value` of a query: numbers, ranges, escapes, and the errors that
//! name the key.

use super::*;

pub(super) fn shortest_f32<S: serde::Serializer>(
    v: &f32,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(v.to_string().parse().unwrap_or(*v as f64))
}

pub(super) fn err(kind: ErrorKind, en: String, zh: String) -> Error {
    Error::new(kind, en, zh)
}

pub(super) fn names<T>(items: &[T], name: impl Fn(&T) -> &str) -> String {
    items.iter().map(name).collect::<Vec<_>>().join(", ")
}

pub(super) fn unknown_choice(key: &str, value: &str, known: String) -> Error {
    err(
        ErrorKind::Unknown,
        format!("Unknown value “{value}” for “{key}”; choose one of: {known}."),
        format!("“{key}”的取值“{value}”未知；可选：{known}。"),
    )
}

pub(super) fn out_of_range(key: &str, value: &str, range: &str) -> Error {
    err(
        ErrorKind::OutOfRange,
        format!("“{key}” must be {range}, not {value}."),
        format!("“{key}”必须是 {range}，而不是 {value}。"),
    )
}

/// `Ok` when `lo ≤ value ≤ hi`, else [`out_of_range`] naming `key`, the value and the range
/// as `between {lo} and {hi}` (a hand-made config's check).
pub(super) fn in_range<T: PartialOrd + Copy + std::fmt::Display>(
    key: &str,
    value: T,
    lo: T,
    hi: T,
) -> Result<()> {
    if (lo..=hi).contains(&value) {
        Ok(())
    } else {
        let range = format!("between {lo} and {hi}");
        Err(out_of_range(key, &value.to_string(), &range))
    }
}

pub(super) fn not_a_number(key: &str, value: &str, whole: bool) -> Error {
    let (en, zh) = if whole {
        ("a whole number", "整数")
    } else {
        ("a number", "数")
    };
    err(
        ErrorKind::BadValue,
        format!("“{key}” needs {en}, not “{value}”."),
        format!("“{key}”需要一个{zh}，而不是“{value}”。"),
    )
}

/// A whole number in `lo..=hi`; leading `+`, signs and blanks are rejected.
pub(super) fn whole(key: &str, value: &str, lo: u64, hi: u64) -> Result<u64> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(not_a_number(key, value, true));
    }
    let v: u64 = value
        .parse()
        .map_err(|_| out_of_range(key, value, &format!("between {lo} and {hi}")))?;
    if !(lo..=hi).contains(&v) {
        return Err(out_of_range(key, value, &format!("between {lo} and {hi}")));
    }
    Ok(v)
}

/// A finite number in `lo..=hi` (plain decimal: no sign, no exponent, no blanks).
pub(super) fn fraction(key: &str, value: &str, lo: f32, hi: f32) -> Result<f32> {
    let plain = !value.is_empty()
        && value.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && value.bytes().filter(|&b| b == b'.').count() <= 1;
    let v: f32 = value
        .parse()
        .ok()
        .filter(|_| plain)
        .ok_or_else(|| not_a_number(key, value, false))?;
    if !(lo..=hi).contains(&v) {
        return Err(out_of_range(key, value, &format!("between {lo} and {hi}")));
    }
    Ok(v)
}

/// Decodes `%XX` escapes (a browser writes the commas of `layers` as `%2C`).
pub(super) fn percent_decode(key: &str, s: &str) -> Result<String> {
    let bad = || {
        err(
            ErrorKind::BadState,
            format!("The value of “{key}” has a broken %-escape: “{s}”."),
            format!("“{key}”的值中有损坏的 % 转义：“{s}”。"),
        )
    };
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3).ok_or_else(bad)?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| bad())
}

pub(super) fn points_not_custom() -> Error {
    err(
        ErrorKind::BadState,
        "“points” is only allowed with “dataset=custom”.".into(),
        "“points”只能与“dataset=custom”一起使用。".into(),
    )
}
