//! The [`Dataset`] table every later step trains on: inputs and targets as flat
//! row-major `f32` arrays, samples as rows (the book's `Z = X·W + B`).

use crate::error::{Error, ErrorKind, Result};
use serde::Serialize;

/// The most rows a dataset may hold (CSV uploads, click-to-add points, generators).
pub const MAX_ROWS: usize = 100_000;

/// A table of samples: `x` is n×features, `y` is n×outputs, both row-major.
///
/// Targets: regression sets keep their real values (`classes == 0`); binary sets keep
/// one column of 0/1 (or −1/+1, TensorFlow-Playground style, see
/// [`Dataset::signed_labels`]); sets with three or more classes keep one-hot rows.
/// Classes are always stored 0-based (the book's class 1, 2, 3 are our 0, 1, 2).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dataset {
    /// Inputs, row-major n×features.
    pub x: Vec<f32>,
    /// Targets, row-major n×outputs.
    pub y: Vec<f32>,
    /// Number of samples (rows).
    pub n: usize,
    /// Number of input columns.
    pub features: usize,
    /// Number of target columns.
    pub outputs: usize,
    /// Number of classes; 0 for regression.
    pub classes: usize,
    /// A short name such as `ch06` or `ch11.test`.
    pub name: String,
}

fn bad(en: String, zh: String) -> Error {
    Error::new(ErrorKind::BadData, en, zh)
}

impl Dataset {
    /// A regression set (`classes == 0`) from n×features inputs and n×outputs targets.
    pub fn regression(
        name: impl Into<String>,
        x: Vec<f32>,
        y: Vec<f32>,
        features: usize,
        outputs: usize,
    ) -> Dataset {
        let n = x.len().checked_div(features).unwrap_or(0);
        debug_assert_eq!(n * outputs, y.len(), "x and y disagree on the row count");
        Dataset {
            x,
            y,
            n,
            features,
            outputs,
            classes: 0,
            name: name.into(),
        }
    }

    /// A classification set from 0-based `labels` (each below `classes`): a single 0/1
    /// column when `classes <= 2`, one-hot rows otherwise.
    pub fn classification(
        name: impl Into<String>,
        x: Vec<f32>,
        features: usize,
        labels: &[usize],
        classes: usize,
    ) -> Dataset {
        let (y, outputs) = if classes <= 2 {
            (labels.iter().map(|&c| (c == 1) as u8 as f32).collect(), 1)
        } else {
            (Dataset::one_hot(labels, classes), classes)
        };
        debug_assert_eq!(x.len(), labels.len() * features);
        Dataset {
            x,
            y,
            n: labels.len(),
            features,
            outputs,
            classes,
            name: name.into(),
        }
    }

    /// An empty two-feature set with `classes` classes, ready for [`Dataset::push_point`].
    pub fn empty_2d(name: impl Into<String>, classes: usize) -> Dataset {
        Dataset::classification(name, Vec::new(), 2, &[], classes)
    }

    /// `k` one-hot columns for each label (a label ≥ `k` gives a row of zeros).
    pub fn one_hot(labels: &[usize], k: usize) -> Vec<f32> {
        let mut y = vec![0.0; labels.len() * k];
        for (i, &c) in labels.iter().enumerate() {
            if c < k {
                y[i * k + c] = 1.0;
            }
        }
        y
    }

    /// True for classification sets.
    pub fn is_classification(&self) -> bool {
        self.classes > 0
    }

    /// The inputs of sample `i`.
    pub fn row(&self, i: usize) -> &[f32] {
        &self.x[i * self.features..(i + 1) * self.features]
    }

    /// The targets of sample `i`.
    pub fn target(&self, i: usize) -> &[f32] {
        &self.y[i * self.outputs..(i + 1) * self.outputs]
    }

    /// Column `j` of the inputs.
    pub fn column(&self, j: usize) -> Vec<f32> {
        (0..self.n).map(|i| self.x[i * self.features + j]).collect()
    }

    /// The smallest and largest value of input column `j` (`(0, 0)` for an empty set).
    pub fn column_range(&self, j: usize) -> (f32, f32) {
        let col = self.column(j);
        match col.first() {
            None => (0.0, 0.0),
            Some(&first) => col
                .iter()
                .fold((first, first), |(lo, hi), &v| (lo.min(v), hi.max(v))),
        }
    }

    /// The 0-based class of sample `i`: the argmax of a one-hot row, or for a single
    /// column `1` if the value is above 0.5 (so 0/1 and −1/+1 labels both work).
    pub fn label_class(&self, i: usize) -> usize {
        let t = self.target(i);
        if t.len() == 1 {
            return (t[0] > 0.5) as usize;
        }
        let mut best = 0;
        for (k, v) in t.iter().enumerate() {
            if *v > t[best] {
                best = k;
            }
        }
        best
    }

    /// The class of every sample.
    pub fn labels(&self) -> Vec<usize> {
        (0..self.n).map(|i| self.label_class(i)).collect()
    }

    /// How many samples each class has (empty for regression).
    pub fn class_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.classes];
        for c in self.labels() {
            if let Some(slot) = counts.get_mut(c) {
                *slot += 1;
            }
        }
        counts
    }

    /// True if this binary set stores its labels as −1/+1 (TensorFlow Playground).
    pub fn signed_labels(&self) -> bool {
        self.outputs == 1 && self.classes == 2 && self.y.iter().any(|&v| v < 0.0)
    }

    /// The same binary set with labels −1/+1 (class 0 → −1, class 1 → +1); other sets are
    /// returned unchanged.
    pub fn with_signed_labels(&self) -> Dataset {
        let mut d = self.clone();
        if d.outputs == 1 && d.classes == 2 {
            d.y = self.labels().iter().map(|&c| [-1.0, 1.0][c]).collect();
        }
        d
    }

    /// The same binary set with labels 0/1; other sets are returned unchanged.
    pub fn with_zero_one_labels(&self) -> Dataset {
        let mut d = self.clone();
        if d.outputs == 1 && d.classes == 2 {
            d.y = self.labels().iter().map(|&c| c as f32).collect();
        }
        d
    }

    /// The samples at `indices`, in that order (indices past the end are skipped).
    pub fn subset(&self, indices: &[usize]) -> Dataset {
        let mut x = Vec::with_capacity(indices.len() * self.features);
        let mut y = Vec::with_capacity(indices.len() * self.outputs);
        let mut n = 0;
        for &i in indices.iter().filter(|&&i| i < self.n) {
            x.extend_from_slice(self.row(i));
            y.extend_from_slice(self.target(i));
            n += 1;
        }
        Dataset {
            x,
            y,
            n,
            features: self.features,
            outputs: self.outputs,
            classes: self.classes,
            name: self.name.clone(),
        }
    }

    /// Adds a clicked point `(x1, x2)` of 0-based `class` to a two-feature classification
    /// set, in the set's own label style (0/1, −1/+1 or one-hot).
    pub fn push_point(&mut self, x1: f32, x2: f32, class: usize) -> Result<()> {
        if self.features != 2 || self.classes == 0 {
            return Err(bad(
                "Points can only be added to a two-feature classification set.".into(),
                "只能向二维分类数据集添加点。".into(),
            ));
        }
        if class >= self.classes.max(2) {
            return Err(bad(
                format!(
                    "Class {class} does not exist: this set has classes 0 to {}.",
                    self.classes.max(2) - 1
                ),
                format!(
                    "类别 {class} 不存在：本数据集的类别是 0 到 {}。",
                    self.classes.max(2) - 1
                ),
            ));
        }
        if !(x1.is_finite() && x2.is_finite()) {
            return Err(bad(
                "The point's coordinates must be finite numbers.".into(),
                "点的坐标必须是有限的数。".into(),
            ));
        }
        if self.n >= MAX_ROWS {
            return Err(bad(
                format!("The set already has the maximum of {MAX_ROWS} points."),
                format!("数据集已达到 {MAX_ROWS} 个点的上限。"),
            ));
        }
        if self.outputs == 1 {
            let v = match (class, self.signed_labels()) {
                (1, _) => 1.0,
                (_, true) => -1.0,
                _ => 0.0,
            };
            self.y.push(v);
        } else {
            self.y.extend(Dataset::one_hot(&[class], self.outputs));
        }
        self.x.extend([x1, x2]);
        self.n += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_hot_rows_and_argmax_agree() {
        let labels = [2, 0, 1, 2];
        let d = Dataset::classification("t", vec![0.0; 8], 2, &labels, 3);
        assert_eq!((d.n, d.outputs), (4, 3));
        assert_eq!(&d.y[..6], &[0.0, 0.0, 1.0, 1.0, 0.0, 0.0]);
        assert_eq!(d.labels(), labels);
        assert_eq!(d.class_counts(), vec![1, 1, 2]);
        assert_eq!(Dataset::one_hot(&[5], 3), vec![0.0; 3]);
    }

    #[test]
    fn binary_sets_use_one_column_and_either_label_style() {
        let d = Dataset::classification("b", vec![1.0, 2.0, 3.0, 4.0], 2, &[1, 0], 2);
        assert_eq!((d.outputs, d.y.clone()), (1, vec![1.0, 0.0]));
        let s = d.with_signed_labels();
        assert_eq!(s.y, vec![1.0, -1.0]);
        assert!(s.signed_labels() && !d.signed_labels());
        assert_eq!(s.labels(), vec![1, 0]);
        assert_eq!(s.with_zero_one_labels(), d);
    }

    #[test]
    fn subset_and_rows() {
        let d = Dataset::regression(
            "r",
            vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            vec![7.0, 8.0, 9.0],
            2,
            1,
        );
        assert_eq!(d.row(1), &[3.0, 4.0]);
        let s = d.subset(&[2, 0, 9]);
        assert_eq!(
            (s.n, s.x.clone(), s.y.clone()),
            (2, vec![5.0, 6.0, 1.0, 2.0], vec![9.0, 7.0])
        );
        assert_eq!(d.column(1), vec![2.0, 4.0, 6.0]);
        assert_eq!(d.column_range(0), (1.0, 5.0));
    }

    #[test]
    fn push_point_checks_and_keeps_the_label_style() {
        let mut d = Dataset::empty_2d("canvas", 2);
        d.push_point(0.5, -0.5, 1).unwrap();
        d.push_point(1.0, 2.0, 0).unwrap();
        assert_eq!((d.n, d.y.clone()), (2, vec![1.0, 0.0]));
        let mut s = d.with_signed_labels();
        s.push_point(0.0, 0.0, 0).unwrap();
        assert_eq!(s.y, vec![1.0, -1.0, -1.0]);
        let mut m = Dataset::empty_2d("three", 3);
        m.push_point(0.0, 1.0, 2).unwrap();
        assert_eq!(m.y, vec![0.0, 0.0, 1.0]);
        let e = m.push_point(0.0, 1.0, 3).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadData);
        assert!(e.text.en.contains("0 to 2") && e.text.zh.contains("0 到 2"));
        assert!(m.push_point(f32::NAN, 0.0, 0).is_err());
        let mut r = Dataset::regression("r", vec![], vec![], 2, 1);
        assert!(r.push_point(0.0, 0.0, 0).is_err());
    }
}
