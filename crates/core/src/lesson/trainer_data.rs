//! The learner's own data in the playground: the `points` setting (kept only with
//! `dataset=custom`), CSV upload and click-to-add points. Each change rebuilds the
//! widget from its settings, so training restarts at epoch 0 and the URL holds the points.

use super::Playground;
use crate::error::Result;
use crate::experiment::points::{
    format_points, points_from_csv, points_to_csv, Point, MAX_COORD, MAX_POINTS,
};
use crate::experiment::{DataChoice, ExperimentConfig};
use crate::params::Params;
use crate::text::Text;
use crate::widget::Widget;

/// The `points=…` part of the experiment query: only when the settings ask for the custom
/// set (then always, so that a missing value is the "add points" error).
pub(super) fn points_part(params: &Params) -> Option<String> {
    let custom = params.raw("dataset").map(str::trim) == Some(DataChoice::Custom.name());
    custom.then(|| format!("points={}", params.raw("points").unwrap_or("").trim()))
}

/// `params` plus `points` when the experiment uses the custom set.
pub(super) fn with_points(mut params: Params, c: &ExperimentConfig) -> Params {
    if c.dataset == DataChoice::Custom {
        params.set("points", format_points(&c.points));
    }
    params
}

/// The note next to the page's upload button.
pub(super) fn upload_note() -> Text {
    Text::new(
        format!("CSV with the columns x1, x2, label (label 0 or 1, or −1/+1; 0, 1, 2 for three classes); a header row is optional; at most {MAX_POINTS} points."),
        format!("CSV 文件，三列：x1、x2、标签（标签为 0 或 1，或 −1/+1；三类时为 0、1、2）；表头行可有可无；最多 {MAX_POINTS} 个点。"),
    )
}

impl Playground {
    /// The current data set's points in the order they were generated (train and test
    /// together, before the split).
    pub fn all_points(&self) -> Vec<Point> {
        let c = &self.exp.config;
        if c.dataset == DataChoice::Custom {
            return c.points.clone();
        }
        c.all_points().unwrap_or_default()
    }

    /// The current data as CSV (`x1,x2,label`).
    pub fn points_csv(&self) -> String {
        points_to_csv(&self.all_points())
    }

    /// Rebuilds the widget on `points` (as `dataset=custom`), keeping every other setting.
    /// On error nothing changes.
    pub fn set_points(&mut self, points: &[Point]) -> Result<()> {
        let mut p = self.params();
        p.set("dataset", DataChoice::Custom.name());
        p.set("points", format_points(points));
        *self = Playground::from_params(&p)?;
        Ok(())
    }

    /// Reads a CSV file of x1, x2, label and trains on it from epoch 0. On error (which
    /// names the line) nothing changes.
    pub fn import_points_csv(&mut self, text: &str) -> Result<()> {
        self.set_points(&points_from_csv(text)?)
    }

    /// Adds the point (x₁, x₂) of class `class`; the data becomes custom (starting from the
    /// current set's points) and training restarts. On error nothing changes.
    pub fn add_custom_point(&mut self, x1: f64, x2: f64, class: usize) -> Result<()> {
        if !(x1.is_finite() && x2.is_finite() && x1.abs() <= MAX_COORD && x2.abs() <= MAX_COORD)
            || class > 2
        {
            return Err(crate::error::Error::new(
                crate::error::ErrorKind::OutOfRange,
                format!("A point needs coordinates between −{MAX_COORD} and {MAX_COORD} and a class 0, 1 or 2, not ({x1}, {x2}) of class {class}."),
                format!("点的坐标必须在 −{MAX_COORD} 与 {MAX_COORD} 之间、类别为 0、1 或 2，而不是 ({x1}, {x2})、类别 {class}。"),
            ));
        }
        let mut points = self.all_points();
        points.push((x1, x2, class));
        self.set_points(&points)
    }
}

#[cfg(test)]
#[path = "trainer_data_tests.rs"]
mod tests;
