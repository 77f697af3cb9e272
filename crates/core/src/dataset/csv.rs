//! The learner's own data as CSV: numeric columns, one of them the target (the last,
//! unless a header names another). Separators `,` `;` or tab (taken from the first row);
//! blank lines, `\r\n`, a byte-order mark and quotes round fields are tolerated. Every
//! error names its line, in English and Chinese.

use super::{Dataset, MAX_ROWS};
use crate::error::{Error, ErrorKind, Result};

/// The most columns a CSV file may have.
pub const MAX_COLUMNS: usize = 1024;
/// The most classes a CSV target may have.
pub const MAX_CLASSES: usize = 100;
/// Targets of at most this many distinct small whole numbers count as classes.
pub const MAX_AUTO_CLASSES: usize = 10;

/// Regression or classification.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// Real-valued target.
    Regression,
    /// Class labels: the distinct values, sorted, become classes 0, 1, 2, … (so the
    /// book's 1, 2, 3 become 0, 1, 2 and −1/+1 become 0/1).
    Classification,
}

/// How to read a CSV file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CsvOptions {
    /// `Some(true)`: the first non-blank row is a header; `Some(false)`: it is data;
    /// `None`: a header if any of its fields is not a number.
    pub header: Option<bool>,
    /// The header name of the target column (default: the last column).
    pub target: Option<String>,
    /// `None`: classification if the target holds 2 to [`MAX_AUTO_CLASSES`] distinct whole
    /// numbers, all between −1 and [`MAX_AUTO_CLASSES`] (labels such as 0/1, −1/+1, 1/2/3
    /// or the digits 0–9); regression otherwise.
    pub task: Option<Task>,
}

fn bad(en: String, zh: String) -> Error {
    Error::new(ErrorKind::BadData, en, zh)
}

/// Parses CSV text with the last column as target (see [`parse_csv_with`]).
pub fn parse_csv(text: &str, has_header: Option<bool>) -> Result<Dataset> {
    parse_csv_with(
        text,
        &CsvOptions {
            header: has_header,
            ..CsvOptions::default()
        },
    )
}

fn split_fields(line: &str, sep: char) -> Vec<&str> {
    line.split(sep)
        .map(|f| {
            let f = f.trim();
            f.strip_prefix('"')
                .and_then(|f| f.strip_suffix('"'))
                .unwrap_or(f)
                .trim()
        })
        .collect()
}

fn number(field: &str) -> Option<f64> {
    field.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Parses CSV text into a [`Dataset`] named `csv`.
pub fn parse_csv_with(text: &str, opts: &CsvOptions) -> Result<Dataset> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // (1-based line number, trimmed line) of the non-blank lines.
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty());
    let Some((first_no, first)) = lines.next() else {
        return Err(bad("The file is empty.".into(), "文件是空的。".into()));
    };
    let sep = [',', '\t', ';']
        .into_iter()
        .find(|&c| first.contains(c))
        .unwrap_or(',');
    let first_fields = split_fields(first, sep);
    let cols = first_fields.len();
    if cols < 2 {
        return Err(bad(
            format!(
                "line {first_no}: need at least two columns (inputs, then the target), found one."
            ),
            format!("第 {first_no} 行：至少需要两列（输入列和目标列），实际只有一列。"),
        ));
    }
    if cols > MAX_COLUMNS {
        return Err(bad(
            format!("line {first_no}: {cols} columns; at most {MAX_COLUMNS} are allowed."),
            format!("第 {first_no} 行：共 {cols} 列，最多允许 {MAX_COLUMNS} 列。"),
        ));
    }
    let header = opts
        .header
        .unwrap_or_else(|| first_fields.iter().any(|f| number(f).is_none()));
    let target = match &opts.target {
        None => cols - 1,
        Some(name) if header => first_fields
            .iter()
            .position(|f| f.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                bad(
                    format!(
                        "No column is called “{name}”; the columns are: {}.",
                        first_fields.join(", ")
                    ),
                    format!(
                        "没有名为“{name}”的列；现有的列是：{}。",
                        first_fields.join(", ")
                    ),
                )
            })?,
        Some(name) => {
            return Err(bad(
                format!("The target column “{name}” is named, but the file has no header row."),
                format!("指定了目标列“{name}”，但文件没有表头行。"),
            ))
        }
    };
    let rows = std::iter::once((first_no, first))
        .filter(|_| !header)
        .chain(lines);
    let (mut x, mut t) = (Vec::new(), Vec::new());
    for (no, line) in rows {
        if t.len() == MAX_ROWS {
            return Err(bad(
                format!("line {no}: the file has more than {MAX_ROWS} data rows."),
                format!("第 {no} 行：数据超过 {MAX_ROWS} 行。"),
            ));
        }
        let fields = split_fields(line, sep);
        if fields.len() != cols {
            return Err(bad(
                format!(
                    "line {no}: expected {cols} columns, found {}.",
                    fields.len()
                ),
                format!("第 {no} 行：应有 {cols} 列，实际有 {} 列。", fields.len()),
            ));
        }
        for (j, f) in fields.iter().enumerate() {
            let v = match number(f) {
                Some(v) => v,
                None if f.is_empty() => {
                    return Err(bad(
                        format!("line {no}: column {} is empty.", j + 1),
                        format!("第 {no} 行：第 {} 列是空的。", j + 1),
                    ))
                }
                None => {
                    return Err(bad(
                        format!("line {no}: “{f}” is not a number."),
                        format!("第 {no} 行：“{f}”不是数字。"),
                    ))
                }
            };
            if j == target {
                t.push(v);
            } else {
                x.push(v as f32);
            }
        }
    }
    if t.is_empty() {
        // Only a header row (an empty file was caught above).
        return Err(bad(
            format!("line {first_no}: a header row, and no data rows after it."),
            format!("第 {first_no} 行是表头，其后没有数据行。"),
        ));
    }
    let mut distinct: Vec<f64> = t.clone();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    let small_whole = t
        .iter()
        .all(|v| v.fract() == 0.0 && (-1.0..=MAX_AUTO_CLASSES as f64).contains(v));
    let task = opts.task.unwrap_or(
        if small_whole && (2..=MAX_AUTO_CLASSES).contains(&distinct.len()) {
            Task::Classification
        } else {
            Task::Regression
        },
    );
    Ok(match task {
        Task::Regression => {
            Dataset::regression("csv", x, t.iter().map(|&v| v as f32).collect(), cols - 1, 1)
        }
        Task::Classification if distinct.len() > MAX_CLASSES => {
            return Err(bad(
                format!(
                "The target has {} different values; at most {MAX_CLASSES} classes are allowed.",
                distinct.len()
            ),
                format!(
                    "目标列有 {} 个不同的值；最多允许 {MAX_CLASSES} 个类别。",
                    distinct.len()
                ),
            ))
        }
        Task::Classification => {
            let labels: Vec<usize> = t
                .iter()
                .map(|v| distinct.partition_point(|d| d < v))
                .collect();
            Dataset::classification("csv", x, cols - 1, &labels, distinct.len().max(2))
        }
    })
}

/// Writes a set as CSV with a header (`x1,…,xk,y` for regression, `…,class` for
/// classification with 0-based classes); single-target sets read back with [`parse_csv`].
pub fn to_csv(d: &Dataset) -> String {
    let mut out: Vec<String> = (1..=d.features).map(|j| format!("x{j}")).collect();
    match (d.is_classification(), d.outputs) {
        (true, _) => out.push("class".into()),
        (false, 1) => out.push("y".into()),
        (false, m) => out.extend((1..=m).map(|k| format!("y{k}"))),
    }
    let mut s = out.join(",") + "\n";
    for i in 0..d.n {
        let mut fields: Vec<String> = d.row(i).iter().map(|v| v.to_string()).collect();
        if d.is_classification() {
            fields.push(d.label_class(i).to_string());
        } else {
            fields.extend(d.target(i).iter().map(|v| v.to_string()));
        }
        s += &(fields.join(",") + "\n");
    }
    s
}
