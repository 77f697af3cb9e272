//! What every interactive widget offers the page, the CLI and the tests.
//!
//! A widget is a lesson's state machine: built from [`Params`] (validated once, in
//! `from_params`), advanced with `step`, read back as a [`Table`] of labelled numbers and
//! a few [`Readout`]s. It never calls the page; the page calls `step()` and redraws.

use crate::error::Result;
use crate::params::{ParamSpec, Params};
use crate::text::Text;
use serde::Serialize;

/// A column of a widget's table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Column {
    /// Stable key (used by tests and `--json`).
    pub key: &'static str,
    /// Header shown to the learner (often a symbol such as `Δc`).
    pub label: Text,
    /// Decimals for this column when they differ from the table's (0 for counts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digits: Option<usize>,
}

impl Column {
    /// A column whose header is the same in both languages.
    pub fn symbol(key: &'static str, label: &str) -> Column {
        Column {
            key,
            label: Text::same(label),
            digits: None,
        }
    }

    /// A column with a translated header.
    pub fn text(key: &'static str, en: &str, zh: &str) -> Column {
        Column {
            key,
            label: Text::new(en, zh),
            digits: None,
        }
    }

    /// A column of whole numbers (iteration counts, indices).
    pub fn count(key: &'static str, en: &str, zh: &str) -> Column {
        Column {
            key,
            label: Text::new(en, zh),
            digits: Some(0),
        }
    }

    /// The epoch count column of a training table (`epoch`).
    pub fn epoch() -> Column {
        Column::count("epoch", "epoch", "轮")
    }

    /// The loss column of a training table (`loss`).
    pub fn loss() -> Column {
        Column::text("loss", "loss", "损失")
    }

    /// The training-set loss column (`train_loss`).
    pub fn train_loss() -> Column {
        Column::text("train_loss", "train loss", "训练损失")
    }

    /// The test-set loss column (`test_loss`).
    pub fn test_loss() -> Column {
        Column::text("test_loss", "test loss", "测试损失")
    }

    /// The accuracy column (`accuracy`).
    pub fn accuracy() -> Column {
        Column::text("accuracy", "accuracy", "准确率")
    }

    /// The test-set accuracy column (`test_accuracy`).
    pub fn test_accuracy() -> Column {
        Column::text("test_accuracy", "test accuracy", "测试准确率")
    }
}

/// Rows of numbers under labelled columns: the iteration table of a lesson.
/// `None` is an empty cell (for example the backward values of the final row).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    /// Column headers.
    pub columns: Vec<Column>,
    /// One entry per column in each row.
    pub rows: Vec<Vec<Option<f64>>>,
    /// Decimals to print.
    pub digits: usize,
    /// A name for each row (e.g. the optimizer a row is about), shown in place of the row
    /// number; empty for tables whose rows are iterations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub row_labels: Vec<Text>,
}

impl Table {
    /// An empty table with these columns.
    pub fn new(columns: Vec<Column>, digits: usize) -> Table {
        Table {
            columns,
            rows: Vec::new(),
            digits,
            row_labels: Vec::new(),
        }
    }

    /// A table with `columns` and one row per item of `rows`.
    pub fn of(
        columns: Vec<Column>,
        digits: usize,
        rows: impl IntoIterator<Item = Vec<Option<f64>>>,
    ) -> Table {
        Table {
            rows: rows.into_iter().collect(),
            ..Table::new(columns, digits)
        }
    }

    /// Appends a row with a name (see [`Table::row_labels`]).
    pub fn push_labelled(&mut self, label: Text, row: Vec<Option<f64>>) {
        self.row_labels.push(label);
        self.rows.push(row);
    }

    /// The value in row `row` under column `key`.
    pub fn get(&self, row: usize, key: &str) -> Option<f64> {
        let c = self.columns.iter().position(|c| c.key == key)?;
        self.rows.get(row)?.get(c).copied().flatten()
    }
}

/// One labelled number shown next to the chart ("loss = 0.048").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Readout {
    /// Stable key.
    pub key: &'static str,
    /// Label.
    pub label: Text,
    /// Value.
    pub value: f64,
    /// Decimals to print.
    pub digits: usize,
}

impl Readout {
    /// A readout with the `(en, zh)` label, printed with `digits` decimals (one line).
    pub fn of(key: &'static str, label: (&str, &str), value: f64, digits: usize) -> Readout {
        Readout::new(key, Text::new(label.0, label.1), value, digits)
    }

    /// A readout printed with `digits` decimals.
    pub fn new(key: &'static str, label: Text, value: f64, digits: usize) -> Readout {
        Readout {
            key,
            label,
            value,
            digits,
        }
    }
}

/// What one `step()` did.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", content = "text", rename_all = "lowercase")]
pub enum Outcome {
    /// One more iteration was done; more may follow.
    Stepped,
    /// The stop rule holds; the text says which rule and when.
    Done(Text),
}

/// Name, title and settings of a widget: everything the page needs to build its controls.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WidgetSpec {
    /// Name used in `<ninestep-widget name="…">` and the CLI.
    pub name: &'static str,
    /// Title above the widget.
    pub title: Text,
    /// Settings, in the order the controls appear.
    pub params: Vec<ParamSpec>,
    /// Whether Step / Run / Reset apply.
    pub steppable: bool,
    /// A data file the page must fetch and attach before the widget can step, as a path
    /// relative to the site root (`data/mnist-10k.bin`); `None` for most widgets.
    pub data: Option<&'static str>,
}

impl WidgetSpec {
    /// A steppable widget titled `(en, zh)` with these settings and no data file.
    pub fn new(name: &'static str, title: (&str, &str), params: &[ParamSpec]) -> WidgetSpec {
        WidgetSpec {
            name,
            title: Text::new(title.0, title.1),
            params: params.to_vec(),
            steppable: true,
            data: None,
        }
    }

    /// The same spec without Step / Run / Reset (a widget that only shows).
    pub fn still(self) -> WidgetSpec {
        WidgetSpec {
            steppable: false,
            ..self
        }
    }

    /// The same spec, waiting for the data file at `path` (see [`WidgetSpec::data`]).
    pub fn with_data(self, path: &'static str) -> WidgetSpec {
        WidgetSpec {
            data: Some(path),
            ..self
        }
    }
}

/// Ends a run: keeps `why` in the widget's `done` slot (so later steps and `status()`
/// repeat it) and returns it as [`Outcome::Done`].
pub fn finish(done: &mut Option<Text>, why: Text) -> Result<Outcome> {
    *done = Some(why.clone());
    Ok(Outcome::Done(why))
}

/// Ends a run that blew up: keeps `why` in the `done` slot and returns it as a
/// [`crate::error::ErrorKind::Diverged`] error (the widget keeps its last finite state).
pub fn diverged(done: &mut Option<Text>, why: Text) -> Result<Outcome> {
    *done = Some(why.clone());
    Err(crate::error::Error {
        kind: crate::error::ErrorKind::Diverged,
        text: why,
    })
}

/// The note a training widget shows when its stop rule holds after `epoch` epochs.
pub fn stopped_at_epoch(epoch: usize, loss: f64) -> Text {
    Text::new(
        format!(
            "Stopped after epoch {epoch}: loss = {}.",
            crate::text::fmt_num(loss, 6)
        ),
        format!(
            "第 {epoch} 轮后停止：损失 = {}。",
            crate::text::fmt_num(loss, 6)
        ),
    )
}

// ---- Shared helpers of the lessons of steps 1–4 (lesson/step1 … step4) ----

impl Readout {
    /// A readout whose label is the same in both languages (a symbol such as `x` or `W1`).
    pub fn symbol(key: &'static str, label: &str, value: f64, digits: usize) -> Readout {
        Readout::new(key, Text::same(label), value, digits)
    }
}

impl Column {
    /// The loss column of a lesson that names its loss J (`loss`, headed "loss J").
    pub fn loss_j() -> Column {
        Column::text("loss", "loss J", "损失 J")
    }
}

impl Table {
    /// Whether every cell is filled with a finite number.
    pub fn all_finite(&self) -> bool {
        self.rows
            .iter()
            .flatten()
            .all(|v| v.is_some_and(f64::is_finite))
    }

    /// Whether every filled cell is a finite number (empty cells allowed).
    pub fn filled_finite(&self) -> bool {
        self.rows.iter().flatten().flatten().all(|v| v.is_finite())
    }
}

/// The table cells of a group of values that a row may lack (the backward pass of the
/// last row): all filled, or all empty for `None`.
pub fn cells<const N: usize>(values: Option<[f64; N]>) -> [Option<f64>; N] {
    values.map_or([None; N], |v| v.map(Some))
}

// ---- End of the helpers of steps 1–4 ----

/// Upper bound on iterations a URL or a Run button may ask for, so a crafted link can't
/// freeze the page.
pub const MAX_STEPS: usize = 10_000;

/// The behaviour every lesson widget implements.
pub trait Widget: Sized {
    /// Settings and title.
    fn spec() -> WidgetSpec;
    /// Builds the widget from settings; the one validation gate.
    fn from_params(params: &Params) -> Result<Self>;
    /// The settings this widget was built from (for the URL).
    fn params(&self) -> Params;
    /// Does one iteration. An error leaves the widget as it was.
    fn step(&mut self) -> Result<Outcome> {
        Ok(Outcome::Done(Text::new(
            "Nothing to step here.",
            "这里没有迭代。",
        )))
    }
    /// Iterations done so far.
    fn steps(&self) -> usize {
        0
    }
    /// The iteration table (may be empty).
    fn table(&self) -> Table {
        Table::new(Vec::new(), 6)
    }
    /// Labelled numbers to show beside the chart.
    fn readouts(&self) -> Vec<Readout> {
        Vec::new()
    }
    /// A note about the current state (converged, diverged, …), if any.
    fn status(&self) -> Option<Text> {
        None
    }
    /// Takes the bytes of the spec's data file (see [`WidgetSpec::data`]). A broken file
    /// is a `BadData` error and the widget stays as it was. Widgets without data ignore it.
    fn attach_data(&mut self, _bytes: &[u8]) -> Result<()> {
        Ok(())
    }
    /// Whether the widget still waits for its data file (and so can't step yet).
    fn awaiting_data(&self) -> bool {
        false
    }
    /// Shares the data already attached to `other` (a copy of this widget before a
    /// setting changed), so a new setting doesn't mean a new download.
    fn share_data_from(&mut self, _other: &Self) {}
    /// A short note on the CSV files [`Widget::import_csv`] reads, shown next to the
    /// page's upload button; `None` (no upload button) for widgets that take no files.
    fn upload() -> Option<Text> {
        None
    }
    /// Replaces the widget's data with a CSV file the learner chose. On error nothing
    /// changes and the error (naming the line) says why.
    fn import_csv(&mut self, _text: &str) -> Result<()> {
        Err(not_supported())
    }
    /// Adds one point of class `class` at (x₁, x₂) to the widget's data. On error
    /// nothing changes.
    fn add_point(&mut self, _x1: f64, _x2: f64, _class: usize) -> Result<()> {
        Err(not_supported())
    }
    /// The widget's own data as CSV (what [`Widget::import_csv`] reads back), if any.
    fn export_csv(&self) -> Option<String> {
        None
    }
}

/// The error of the data hooks of a widget that has no data of the learner's own.
pub fn not_supported() -> crate::error::Error {
    crate::error::Error::new(
        crate::error::ErrorKind::Unknown,
        "This widget does not take your own data.",
        "这个组件不接受自己的数据。",
    )
}

// ---- Shared helpers of the lessons of steps 5–9 (lesson/step5 … step9, lesson/*.rs) ----

impl Column {
    /// The same column printed with `digits` decimals (see [`Column::digits`]).
    pub fn with_digits(self, digits: usize) -> Column {
        Column {
            digits: Some(digits),
            ..self
        }
    }
}

impl Table {
    /// A table with `columns` and one named row per `(label, row)` item of `rows` (see
    /// [`Table::row_labels`]).
    pub fn labelled(
        columns: Vec<Column>,
        digits: usize,
        rows: impl IntoIterator<Item = (Text, Vec<Option<f64>>)>,
    ) -> Table {
        let (row_labels, rows) = rows.into_iter().unzip();
        Table {
            rows,
            row_labels,
            ..Table::new(columns, digits)
        }
    }
}

/// Passes `result` on; an error (a divergence) is first kept in the widget's `done` slot,
/// so later Steps and `status()` repeat it.
pub fn keep_error<T>(done: &mut Option<Text>, result: Result<T>) -> Result<T> {
    result.inspect_err(|e| *done = Some(e.text.clone()))
}

/// One Step of a widget that shows `total` things one at a time (a convolution's windows,
/// a net's time steps): `shown` moves on by one, and once all are shown the Step is
/// [`Outcome::Done`] with the note `all_shown` makes.
pub fn show_next(shown: &mut usize, total: usize, all_shown: impl FnOnce() -> Text) -> Outcome {
    *shown = (*shown + 1).min(total);
    if *shown == total {
        Outcome::Done(all_shown())
    } else {
        Outcome::Stepped
    }
}

/// `v` as a table cell: empty (`None`) when it is NaN or infinite.
pub fn finite(v: f64) -> Option<f64> {
    Some(v).filter(|v| v.is_finite())
}

/// Test scaffolding: `W` built from its defaults with `key` set to `value` must be refused,
/// with a message in both languages (Chinese characters in the Chinese one); its kind.
#[cfg(test)]
pub(crate) fn refused<W: Widget>(key: &str, value: &str) -> crate::error::ErrorKind {
    let mut p = Params::default();
    p.set(key, value);
    let Err(e) = W::from_params(&p) else {
        panic!("{key}={value} was accepted");
    };
    let zh_ok = e.text.zh.chars().any(|c| c > '\u{2e80}');
    assert!(
        !e.text.en.is_empty() && zh_ok,
        "{key}={value}: {:?}",
        e.text
    );
    assert_ne!(e.text.en, e.text.zh, "{key}={value}");
    e.kind
}

#[cfg(test)]
mod lesson_helper_tests {
    use super::*;

    #[test]
    fn labelled_tables_keep_each_label_with_its_row() {
        let rows = [("a", 1.0), ("b", 2.0)].map(|(l, v)| (Text::same(l), vec![Some(v)]));
        let t = Table::labelled(vec![Column::symbol("v", "v")], 2, rows);
        assert_eq!(t.row_labels, vec![Text::same("a"), Text::same("b")]);
        assert_eq!((t.get(0, "v"), t.get(1, "v")), (Some(1.0), Some(2.0)));
    }

    #[test]
    fn a_kept_error_is_the_stop_note() {
        let mut done = None;
        assert_eq!(keep_error(&mut done, Ok(1)).ok(), Some(1));
        assert_eq!(done, None);
        let e = crate::error::Error::new(crate::error::ErrorKind::Diverged, "off", "发散");
        assert!(keep_error::<()>(&mut done, Err(e)).is_err());
        assert_eq!(done, Some(Text::new("off", "发散")));
    }

    #[test]
    fn show_next_stops_at_the_last_one() {
        let mut shown = 0;
        let note = || Text::same("all");
        assert_eq!(show_next(&mut shown, 2, note), Outcome::Stepped);
        assert_eq!(show_next(&mut shown, 2, note), Outcome::Done(note()));
        assert_eq!(show_next(&mut shown, 2, note), Outcome::Done(note()));
        assert_eq!(shown, 2);
    }

    #[test]
    fn only_finite_numbers_are_cells() {
        assert_eq!(finite(0.5), Some(0.5));
        assert_eq!([f64::NAN, f64::INFINITY].map(finite), [None, None]);
    }
}

// The tests of the helpers of steps 1–4 (above, before `MAX_STEPS`).
#[cfg(test)]
mod steps_1_to_4_helper_tests {
    use super::*;

    #[test]
    fn missing_groups_are_empty_cells() {
        assert_eq!(cells(Some([1.0, 2.0])), [Some(1.0), Some(2.0)]);
        assert_eq!(cells::<3>(None), [None; 3]);
        assert_eq!(Readout::symbol("x", "x", 0.5, 2).label, Text::same("x"));
    }

    #[test]
    fn finite_tables_with_and_without_empty_cells() {
        let mut t = Table::of(
            vec![Column::symbol("v", "v")],
            2,
            [vec![Some(1.0)], vec![None]],
        );
        assert!(t.filled_finite() && !t.all_finite());
        t.rows[1][0] = Some(2.0);
        assert!(t.filled_finite() && t.all_finite());
        t.rows[0][0] = Some(f64::NAN);
        assert!(!t.filled_finite() && !t.all_finite());
    }
}
