//! The checks of the loader that look at one piece at a time: the bytes, the JSON
//! parser's message, the input scaling, one stored tensor.

use super::{file_error, InputNorm, TensorEntry, MAX_BYTES};
use crate::error::{Error, ErrorKind, Result};

pub(super) fn bad(en: String, zh: String) -> Error {
    file_error(ErrorKind::BadData, en, zh)
}

/// True if the parser's message (`… at line L column C`) points at the end of `text`:
/// a number or word cut off in the middle.
fn at_end(msg: &str, text: &str) -> bool {
    let mut words = msg.rsplit(' ');
    let column = words.next().and_then(|c| c.parse::<usize>().ok());
    let line = words.nth(1).and_then(|l| l.parse::<usize>().ok());
    let last = text.trim_end();
    match (line, column) {
        (Some(l), Some(c)) => {
            l == last.lines().count().max(1) && c >= last.lines().last().map_or(0, str::len)
        }
        _ => false,
    }
}

/// A JSON parser's message, in both languages, with a hint for the common causes.
pub(super) fn json_error(msg: String, text: &str) -> Error {
    if msg.contains("EOF") || at_end(&msg, text) {
        bad(
            format!("the text ends too early; the file is cut off ({msg})."),
            format!("文本提前结束，文件不完整（{msg}）。"),
        )
    } else if msg.contains("unknown variant") {
        file_error(
            ErrorKind::Unknown,
            format!("a layer type or setting this version does not know ({msg})."),
            format!("有本版本不认识的层类型或设置（{msg}）。"),
        )
    } else {
        bad(
            format!("not a valid model document ({msg})."),
            format!("不是有效的模型文档（{msg}）。"),
        )
    }
}

/// Checks the size and that `bytes` is text, and returns it without a BOM.
pub(super) fn as_text(bytes: &[u8]) -> Result<&str> {
    if bytes.len() > MAX_BYTES {
        return Err(file_error(
            ErrorKind::OutOfRange,
            format!(
                "it is {} MB; at most {} MB are read.",
                bytes.len().div_ceil(1 << 20),
                MAX_BYTES >> 20
            ),
            format!(
                "文件有 {} MB，最多读取 {} MB。",
                bytes.len().div_ceil(1 << 20),
                MAX_BYTES >> 20
            ),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        bad(
            format!(
                "byte {} is not UTF-8 text; is it a binary file (an ONNX model)?",
                e.valid_up_to() + 1
            ),
            format!(
                "第 {} 个字节不是 UTF-8 文本；这是二进制文件（例如 ONNX 模型）吗？",
                e.valid_up_to() + 1
            ),
        )
    })?;
    if let Some(i) = text.find('\0') {
        return Err(bad(
            format!("byte {} is a NUL; a model file is plain text.", i + 1),
            format!("第 {} 个字节是 NUL；模型文件应是纯文本。", i + 1),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(bad("it is empty.".into(), "文件是空的。".into()));
    }
    Ok(text)
}

pub(super) fn check_input(norm: &InputNorm, inputs: usize) -> Result<()> {
    match norm {
        InputNorm::MinMax { min, max } => {
            if min.len() != inputs || max.len() != inputs {
                return Err(bad(
                    format!(
                        "the input scaling has {} minima and {} maxima for {inputs} inputs.",
                        min.len(),
                        max.len()
                    ),
                    format!(
                        "输入归一化有 {} 个最小值和 {} 个最大值，而输入有 {inputs} 个。",
                        min.len(),
                        max.len()
                    ),
                ));
            }
            if min
                .iter()
                .zip(max)
                .any(|(a, b)| !(a.is_finite() && b.is_finite() && a <= b))
            {
                return Err(bad(
                    "the input scaling needs finite min ≤ max for every column.".into(),
                    "输入归一化的每一列都需要有限的 min ≤ max。".into(),
                ));
            }
            Ok(())
        }
    }
}

/// Shape, size and values of one stored tensor (`k` = its place in the list, from 1).
pub(super) fn check_entry(k: usize, t: &TensorEntry) -> Result<()> {
    let what = format!("tensor {k} (“{}” of layer {})", clip(&t.name), t.layer);
    let size = match t.shape[..] {
        [r, c] => r.checked_mul(c),
        _ => None,
    };
    if size != Some(t.values.len()) {
        return Err(bad(
            format!(
                "{} has shape {:?} but {} values.",
                what,
                t.shape,
                t.values.len()
            ),
            format!(
                "{} 的形状为 {:?}，却有 {} 个值。",
                what,
                t.shape,
                t.values.len()
            ),
        ));
    }
    if let Some(i) = t.values.iter().position(|v| !v.is_finite()) {
        return Err(bad(
            format!("{} has a value that is not finite at index {i}.", what),
            format!("{} 第 {i} 个值不是有限数。", what),
        ));
    }
    Ok(())
}

pub(super) fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}
