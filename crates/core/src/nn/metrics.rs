//! How good is a trained net? (ch10.0 and ch11.0 for classifiers, ch9.5 for fitting.)
//!
//! * accuracy = correct / all, with the class of a row being its argmax (several outputs)
//!   or `a ≥ 0.5` (one logistic output);
//! * R² = 1 − MSE/Var(y), what the book prints as "accuracy" for regression nets;
//! * a confusion matrix (rows: actual class, columns: predicted class) with precision
//!   TP/(TP + FP), recall TP/(TP + FN) and F1 = 2PR/(P + R), for class 1 of a binary
//!   problem and macro-averaged over classes otherwise.

use super::loss::Output;
use super::matrix::Matrix;
use serde::{Deserialize, Serialize};

/// The score a lesson reports next to the loss.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Metric {
    /// Fraction of samples classified correctly.
    Accuracy,
    /// Coefficient of determination 1 − MSE/Var(y).
    R2,
}

impl Metric {
    /// The book's choice: R² for fitting (identity output), accuracy for classifiers.
    pub fn for_output(output: Output) -> Metric {
        match output {
            Output::Identity => Metric::R2,
            Output::Logistic | Output::Softmax => Metric::Accuracy,
        }
    }
}

/// The class of one output (or label) row: argmax for several columns (the first one on
/// ties), `a ≥ 0.5` for a single column.
pub fn class_of(row: &[f32]) -> usize {
    match row {
        [a] => usize::from(*a >= 0.5),
        _ => {
            row.iter()
                .enumerate()
                .fold((0, f32::NEG_INFINITY), |(bi, bv), (i, &v)| {
                    if v > bv {
                        (i, v)
                    } else {
                        (bi, bv)
                    }
                })
                .0
        }
    }
}

/// Number of rows whose predicted class equals the label's class.
pub fn correct(a: &Matrix, y: &Matrix) -> usize {
    let n = a.cols.max(1);
    a.data
        .chunks_exact(n)
        .zip(y.data.chunks_exact(n))
        .filter(|(a, y)| class_of(a) == class_of(y))
        .count()
}

/// Fraction of rows classified correctly (0 for no rows).
pub fn accuracy(a: &Matrix, y: &Matrix) -> f32 {
    correct(a, y) as f32 / a.rows.max(1) as f32
}

/// Σ (a − y)² over all elements, in f64.
pub fn squared_error(a: &Matrix, y: &Matrix) -> f64 {
    a.data
        .iter()
        .zip(&y.data)
        .map(|(&a, &y)| ((a - y) as f64).powi(2))
        .sum()
}

/// The population variance of all elements of `y` (numpy's `np.var(y)`), in f64.
pub fn variance(y: &Matrix) -> f64 {
    let n = y.data.len().max(1) as f64;
    let mean = y.data.iter().map(|&v| v as f64).sum::<f64>() / n;
    y.data
        .iter()
        .map(|&v| (v as f64 - mean).powi(2))
        .sum::<f64>()
        / n
}

/// R² = 1 − MSE/Var(y) with MSE = Σ(a − y)²/N over all N elements.
pub fn r2(a: &Matrix, y: &Matrix) -> f32 {
    let mse = squared_error(a, y) / y.data.len().max(1) as f64;
    (1.0 - mse / variance(y)) as f32
}

/// Counts of (actual, predicted) class pairs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfusionMatrix {
    /// Number of classes.
    pub classes: usize,
    /// `counts[actual * classes + predicted]`.
    pub counts: Vec<usize>,
}

impl ConfusionMatrix {
    /// An all-zero matrix for `classes` classes.
    pub fn new(classes: usize) -> ConfusionMatrix {
        ConfusionMatrix {
            classes,
            counts: vec![0; classes * classes],
        }
    }

    /// Counts network outputs `a` against labels `y` (2 classes for one logistic column).
    pub fn from_outputs(a: &Matrix, y: &Matrix) -> ConfusionMatrix {
        let mut cm = ConfusionMatrix::new(if a.cols == 1 { 2 } else { a.cols });
        let n = a.cols.max(1);
        for (ar, yr) in a.data.chunks_exact(n).zip(y.data.chunks_exact(n)) {
            cm.add(class_of(yr), class_of(ar));
        }
        cm
    }

    /// Records one sample; classes out of range are ignored.
    pub fn add(&mut self, actual: usize, predicted: usize) {
        if actual < self.classes && predicted < self.classes {
            self.counts[actual * self.classes + predicted] += 1;
        }
    }

    /// The count for (actual, predicted).
    pub fn get(&self, actual: usize, predicted: usize) -> usize {
        self.counts[actual * self.classes + predicted]
    }

    /// Total number of samples.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// Correct / all.
    pub fn accuracy(&self) -> f64 {
        let right: usize = (0..self.classes).map(|c| self.get(c, c)).sum();
        right as f64 / self.total().max(1) as f64
    }

    /// TP/(TP + FP) for class `c` (0 if nothing was predicted as `c`).
    pub fn precision(&self, c: usize) -> f64 {
        let predicted: usize = (0..self.classes).map(|a| self.get(a, c)).sum();
        ratio(self.get(c, c), predicted)
    }

    /// TP/(TP + FN) for class `c` (0 if `c` never occurs).
    pub fn recall(&self, c: usize) -> f64 {
        let actual: usize = (0..self.classes).map(|p| self.get(c, p)).sum();
        ratio(self.get(c, c), actual)
    }

    /// F1 = 2PR/(P + R) for class `c`.
    pub fn f1(&self, c: usize) -> f64 {
        let (p, r) = (self.precision(c), self.recall(c));
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    /// Precision, recall and F1 of the problem: class 1 (positive) when there are two
    /// classes, the unweighted mean over classes ("macro") otherwise.
    pub fn summary(&self) -> (f64, f64, f64) {
        if self.classes == 2 {
            return (self.precision(1), self.recall(1), self.f1(1));
        }
        let k = self.classes.max(1) as f64;
        let mean = |f: &dyn Fn(usize) -> f64| (0..self.classes).map(f).sum::<f64>() / k;
        (
            mean(&|c| self.precision(c)),
            mean(&|c| self.recall(c)),
            mean(&|c| self.f1(c)),
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn book_ch10_binary_example() {
        // Ch10.0: 1000 samples, 550 positive and 450 negative; TP 521, TN 435, so FN 29
        // and FP 15 → accuracy 0.956, precision 521/536, recall 521/550.
        let mut cm = ConfusionMatrix::new(2);
        let mut add = |actual, predicted, times| (0..times).for_each(|_| cm.add(actual, predicted));
        add(1, 1, 521);
        add(1, 0, 29);
        add(0, 0, 435);
        add(0, 1, 15);
        assert!((cm.accuracy() - 0.956).abs() < 1e-12);
        let (p, r, f1) = cm.summary();
        assert!((p - 521.0 / 536.0).abs() < 1e-12 && (r - 521.0 / 550.0).abs() < 1e-12);
        assert!((f1 - 2.0 * 521.0 / (536.0 + 550.0)).abs() < 1e-12);
    }

    #[test]
    fn book_ch11_three_class_row_and_macro_average() {
        // Ch11.0: 100 samples of class 1 classified 90 / 4 / 6 → recall 0.9 for that class.
        let mut cm = ConfusionMatrix::new(3);
        for (p, n) in [(0, 90), (1, 4), (2, 6)] {
            (0..n).for_each(|_| cm.add(0, p));
        }
        (0..100).for_each(|_| cm.add(1, 1));
        (0..100).for_each(|_| cm.add(2, 2));
        assert!((cm.recall(0) - 0.9).abs() < 1e-12 && cm.precision(0) == 1.0);
        let (p, r, _) = cm.summary();
        assert!((r - (0.9 + 1.0 + 1.0) / 3.0).abs() < 1e-12);
        assert!((p - (1.0 + 100.0 / 104.0 + 100.0 / 106.0) / 3.0).abs() < 1e-12);
    }

    #[test]
    fn accuracy_r2_and_classes_from_outputs() {
        let a = Matrix::from_rows(&[[0.1, 0.7, 0.2], [0.5, 0.4, 0.1], [0.3, 0.3, 0.4]]);
        let y = Matrix::from_rows(&[[0.0, 1.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]);
        assert!((accuracy(&a, &y) - 2.0 / 3.0).abs() < 1e-7);
        assert_eq!(class_of(&[0.5]), 1);
        assert_eq!(class_of(&[0.49]), 0);
        let cm = ConfusionMatrix::from_outputs(&a, &y);
        assert_eq!((cm.get(1, 0), cm.get(1, 1), cm.total()), (1, 1, 3));
        let y = Matrix::from_rows(&[[1.0], [2.0], [3.0]]);
        assert_eq!(r2(&y, &y), 1.0);
        // Predicting the mean everywhere scores 0.
        assert!(r2(&Matrix::from_rows(&[[2.0], [2.0], [2.0]]), &y).abs() < 1e-7);
    }
}
