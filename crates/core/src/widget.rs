//! What every interactive widget offers the page, the CLI and the tests.
//!
//! A widget is a lesson's state machine: built from [`Params`] (validated once, in
//! `from_params`), advanced with `step`, read back as a [`Table`] of labelled numbers and
//! a few [`Readout`]s. It never calls the page; the page calls `step()` and redraws.

use crate::error::Result;
use crate::params::{ParamSpec, Params};
use crate::text::Text;
use serde::Serialize;

mod kit;
mod records;
pub use kit::*;
pub use records::*;

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
