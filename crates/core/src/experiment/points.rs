//! The learner's own points (`dataset=custom&points=x1,x2,c;x1,x2,c;…`): reading and
//! writing the query value, the checks (how many, which classes) and the import of a
//! CSV file with the columns x₁, x₂, label.
//!
//! Coordinates are kept rounded to 3 decimals ([`round3`]), so the value written into a
//! URL reads back to exactly the same numbers and the query round-trips character for
//! character.

use super::query::err;
use crate::dataset::{csv::CsvOptions, parse_csv_with, Dataset, Task};
use crate::error::{Error, ErrorKind, Result};

/// One point: x₁, x₂ and its class (0, 1 or 2).
pub type Point = (f64, f64, usize);

/// Most points of a custom set (they travel in the page's URL).
pub const MAX_POINTS: usize = 2000;
/// Fewest points of a custom set.
pub const MIN_POINTS: usize = 4;
/// Largest |x₁|, |x₂| of a custom point.
pub const MAX_COORD: f64 = 1000.0;

/// `v` rounded to 3 decimals (the closest `f64` to a number with at most 3 decimals, which
/// `{}` prints with at most 3 decimals and which parses back to itself).
pub fn round3(v: f64) -> f64 {
    let r = (v * 1000.0).round() / 1000.0;
    if r == 0.0 {
        0.0 // no “-0”
    } else {
        r
    }
}

/// Number of classes of a point list: 3 if any point has class 2, else 2.
pub fn classes_of(points: &[Point]) -> usize {
    if points.iter().any(|p| p.2 == 2) {
        3
    } else {
        2
    }
}

/// The query value: `x1,x2,c;x1,x2,c;…`.
pub fn format_points(points: &[Point]) -> String {
    let one = |&(a, b, c): &Point| format!("{},{},{c}", round3(a), round3(b));
    points.iter().map(one).collect::<Vec<_>>().join(";")
}

fn what_to_do() -> (&'static str, &'static str) {
    (
        "upload a CSV or click on the map to add points",
        "请上传 CSV 文件，或在图上点击添加点",
    )
}

/// Reads the value of `points` (coordinates are rounded to 3 decimals). An empty value is
/// an empty list; [`check_points`] says whether the list is enough to train on.
pub fn parse_points(v: &str) -> Result<Vec<Point>> {
    let mut out = Vec::new();
    for (i, p) in v.split(';').filter(|p| !p.trim().is_empty()).enumerate() {
        let no = i + 1;
        if out.len() == MAX_POINTS {
            return Err(too_many(
                v.split(';').filter(|p| !p.trim().is_empty()).count(),
            ));
        }
        let fields: Vec<&str> = p.split(',').map(str::trim).collect();
        let bad = || {
            err(
                ErrorKind::BadValue,
                format!("“points”: point {no} is “{p}”; each point is x1,x2,class (class 0, 1 or 2), points are separated by “;”."),
                format!("“points”：第 {no} 个点是“{p}”；每个点写作 x1,x2,类别（类别为 0、1 或 2），点之间用“;”分隔。"),
            )
        };
        let [a, b, c] = fields[..] else {
            return Err(bad());
        };
        let coord = |s: &str| {
            s.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && v.abs() <= MAX_COORD)
        };
        let (Some(a), Some(b)) = (coord(a), coord(b)) else {
            return Err(bad());
        };
        let class = match c {
            "0" => 0,
            "1" => 1,
            "2" => 2,
            _ => return Err(bad()),
        };
        out.push((round3(a), round3(b), class));
    }
    Ok(out)
}

fn too_many(n: usize) -> Error {
    err(
        ErrorKind::OutOfRange,
        format!("“points”: {n} points are too many; a custom set holds at most {MAX_POINTS} (they are kept in the page's address)."),
        format!("“points”：{n} 个点太多了；自定义数据最多 {MAX_POINTS} 个点（它们保存在页面地址里）。"),
    )
}

/// Whether `points` can be trained on: at most [`MAX_POINTS`], at least [`MIN_POINTS`],
/// with class 0 and class 1 both present.
pub fn check_points(points: &[Point]) -> Result<()> {
    let (en, zh) = what_to_do();
    if points.len() > MAX_POINTS {
        return Err(too_many(points.len()));
    }
    if points.len() < MIN_POINTS {
        return Err(err(
            ErrorKind::BadValue,
            format!(
                "“points”: your data has {} points; at least {MIN_POINTS} are needed — {en}.",
                points.len()
            ),
            format!(
                "“points”：你的数据只有 {} 个点，至少需要 {MIN_POINTS} 个——{zh}。",
                points.len()
            ),
        ));
    }
    if let Some(p) = points
        .iter()
        .find(|p| p.2 > 2 || !p.0.is_finite() || !p.1.is_finite())
    {
        return Err(err(
            ErrorKind::BadValue,
            format!(
                "“points”: ({}, {}) with class {} is not a valid point.",
                p.0, p.1, p.2
            ),
            format!("“points”：({}, {})，类别 {} 不是有效的点。", p.0, p.1, p.2),
        ));
    }
    for class in [0, 1] {
        if !points.iter().any(|p| p.2 == class) {
            return Err(err(
                ErrorKind::BadValue,
                format!("“points”: your data has no point of class {class}; both classes 0 and 1 are needed — {en}."),
                format!("“points”：你的数据中没有类别 {class} 的点，类别 0 和 1 都需要——{zh}。"),
            ));
        }
    }
    Ok(())
}

/// The points as a two-feature classification set (labels 0/1, or one-hot for 3 classes).
pub fn points_dataset(points: &[Point]) -> Dataset {
    let x: Vec<f32> = points
        .iter()
        .flat_map(|p| [p.0 as f32, p.1 as f32])
        .collect();
    let labels: Vec<usize> = points.iter().map(|p| p.2).collect();
    Dataset::classification("custom", x, 2, &labels, classes_of(points))
}

fn bad_data(en: String, zh: String) -> Error {
    Error::new(ErrorKind::BadData, en, zh)
}

/// Reads a CSV file with the columns x1, x2, label (a header row is optional; separators
/// `,` `;` or tab). Labels are 0/1, −1/+1 (read as classes 0/1) or 0/1/2; any other label
/// is an error naming its line and value, as is every malformed row. Coordinates are
/// rounded to 3 decimals. The result still has to pass [`check_points`].
pub fn points_from_csv(text: &str) -> Result<Vec<Point>> {
    let d = parse_csv_with(
        text,
        &CsvOptions {
            task: Some(Task::Regression),
            ..CsvOptions::default()
        },
    )?;
    // The data rows are the last `d.n` non-blank lines (the parser skips blank lines and
    // at most one header row), so their line numbers can be recovered here.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<usize> = body
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, _)| i + 1)
        .collect();
    let line_of = |row: usize| lines.get(lines.len() - d.n + row).copied().unwrap_or(0);
    if d.features != 2 {
        let no = lines.first().copied().unwrap_or(1);
        return Err(bad_data(
            format!(
                "line {no}: expected 3 columns (x1, x2, label), found {}.",
                d.features + 1
            ),
            format!(
                "第 {no} 行：应有 3 列（x1、x2、标签），实际有 {} 列。",
                d.features + 1
            ),
        ));
    }
    if d.n > MAX_POINTS {
        return Err(bad_data(
            format!(
                "line {}: the file has more than {MAX_POINTS} points, the most the playground takes (they are kept in the page's address).",
                line_of(MAX_POINTS)
            ),
            format!(
                "第 {} 行：文件超过 {MAX_POINTS} 个点，这是游乐场能接受的上限（这些点保存在页面地址里）。",
                line_of(MAX_POINTS)
            ),
        ));
    }
    let signed = (0..d.n).any(|i| d.target(i)[0] == -1.0);
    let mut out = Vec::with_capacity(d.n);
    for i in 0..d.n {
        let no = line_of(i);
        let (x, label) = (d.row(i), d.target(i)[0]);
        for (name, v) in [("x1", x[0]), ("x2", x[1])] {
            if (v as f64).abs() > MAX_COORD {
                return Err(bad_data(
                    format!("line {no}: {name} = {v} is too large; coordinates must lie between −{MAX_COORD} and {MAX_COORD}."),
                    format!("第 {no} 行：{name} = {v} 太大；坐标必须在 −{MAX_COORD} 与 {MAX_COORD} 之间。"),
                ));
            }
        }
        let class = match (signed, label) {
            (true, -1.0) => Some(0),
            (true, 1.0) => Some(1),
            (false, 0.0) => Some(0),
            (false, 1.0) => Some(1),
            (false, 2.0) => Some(2),
            _ => None,
        };
        let Some(class) = class else {
            let (en, zh) = if signed {
                (
                    "with −1/+1 labels every label must be −1 or 1",
                    "使用 −1/+1 标签时，每个标签都必须是 −1 或 1",
                )
            } else {
                (
                    "labels are 0 or 1 (or 0, 1, 2 for three classes, or −1/+1)",
                    "标签应为 0 或 1（三类时为 0、1、2，也可以用 −1/+1）",
                )
            };
            return Err(bad_data(
                format!("line {no}: the label “{label}” is not a class; {en}."),
                format!("第 {no} 行：标签“{label}”不是类别；{zh}。"),
            ));
        };
        out.push((round3(x[0] as f64), round3(x[1] as f64), class));
    }
    Ok(out)
}

/// The points as CSV (`x1,x2,label`), which [`points_from_csv`] reads back.
pub fn points_to_csv(points: &[Point]) -> String {
    let mut s = String::from("x1,x2,label\n");
    for &(a, b, c) in points {
        s += &format!("{},{},{c}\n", round3(a), round3(b));
    }
    s
}

#[cfg(test)]
#[path = "points_tests.rs"]
mod tests;
