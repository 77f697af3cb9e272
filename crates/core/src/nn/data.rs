//! Samples for training: inputs X and labels Y as two matrices with one row per sample
//! (the book's `DataReader`), checked once at [`Data::new`], and the train / validation /
//! test split of ch9.3 (`GenerateValidationSet`).

use super::matrix::Matrix;
use crate::error::{Error, ErrorKind, Result};
use crate::rng::Rng;

/// Inputs and labels, one sample per row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Data {
    /// Inputs, `n × features`.
    pub x: Matrix,
    /// Labels, `n × outputs` (one-hot rows for multi-class).
    pub y: Matrix,
}

impl Data {
    /// Wraps row-major `x` (`n × features`) and `y` (`n × outputs`) after checking that
    /// the lengths agree and every number is finite.
    pub fn new(x: Vec<f32>, y: Vec<f32>, features: usize, outputs: usize) -> Result<Data> {
        let n = x.len().checked_div(features).unwrap_or(0);
        if features == 0 || outputs == 0 || x.len() != n * features || y.len() != n * outputs {
            return Err(Error::new(
                ErrorKind::BadData,
                format!(
                    "The data do not fit together: {} inputs for {features} features, {} labels for {outputs} outputs.",
                    x.len(),
                    y.len()
                ),
                format!("数据不匹配：{} 个输入值对应 {features} 个特征，{} 个标签值对应 {outputs} 个输出。", x.len(), y.len()),
            ));
        }
        if let Some(i) = x.iter().chain(&y).position(|v| !v.is_finite()) {
            let row = if i < x.len() {
                i / features
            } else {
                (i - x.len()) / outputs
            };
            return Err(Error::new(
                ErrorKind::BadData,
                format!("Sample {row} contains a value that is not a finite number."),
                format!("第 {row} 个样本包含非有限数值。"),
            ));
        }
        Ok(Data {
            x: Matrix {
                rows: n,
                cols: features,
                data: x,
            },
            y: Matrix {
                rows: n,
                cols: outputs,
                data: y,
            },
        })
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.x.rows
    }

    /// True if there are no samples.
    pub fn is_empty(&self) -> bool {
        self.x.rows == 0
    }

    /// The samples at `rows`, in that order.
    pub fn subset(&self, rows: &[usize]) -> Data {
        let pick = |m: &Matrix| {
            let mut out = Matrix::zeros(rows.len(), m.cols);
            for (k, &i) in rows.iter().enumerate() {
                out.row_mut(k).copy_from_slice(m.row(i));
            }
            out
        };
        Data {
            x: pick(&self.x),
            y: pick(&self.y),
        }
    }
}

/// The three parts of a split. `validation` and `test` may be empty.
#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    /// Samples to train on.
    pub train: Data,
    /// Samples to watch during training (loss curves, early stopping).
    pub validation: Data,
    /// Samples kept for the final score.
    pub test: Data,
}

/// Splits `data` into train / validation / test. With `seed` the rows are shuffled first
/// (the book shuffles, then takes the validation set from the front); without it the
/// order is kept. Counts are rounded: validation first, then test, the rest is train.
pub fn split(data: &Data, validation: f32, test: f32, seed: Option<u64>) -> Result<Split> {
    let ok = |f: f32| (0.0..1.0).contains(&f);
    if !ok(validation) || !ok(test) || validation + test >= 1.0 {
        return Err(Error::new(
            ErrorKind::OutOfRange,
            format!("Validation ({validation}) and test ({test}) fractions must be in [0, 1) and leave samples to train on."),
            format!("验证集（{validation}）和测试集（{test}）比例必须在 [0, 1) 内，并且要留下训练样本。"),
        ));
    }
    let n = data.len();
    let mut order: Vec<usize> = (0..n).collect();
    if let Some(seed) = seed {
        Rng::new(seed).shuffle(&mut order);
    }
    let n_val = (n as f64 * validation as f64).round() as usize;
    let n_test = ((n as f64 * test as f64).round() as usize).min(n - n_val);
    Ok(Split {
        validation: data.subset(&order[..n_val]),
        test: data.subset(&order[n_val..n_val + n_test]),
        train: data.subset(&order[n_val + n_test..]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(n: usize) -> Data {
        let x = (0..n).map(|i| i as f32).collect();
        let y = (0..n).map(|i| -(i as f32)).collect();
        Data::new(x, y, 1, 1).unwrap()
    }

    #[test]
    fn new_checks_lengths_and_finiteness() {
        assert_eq!(
            Data::new(vec![1.0; 6], vec![0.0; 3], 2, 1).unwrap().len(),
            3
        );
        assert_eq!(
            Data::new(vec![1.0; 5], vec![0.0; 3], 2, 1)
                .unwrap_err()
                .kind,
            ErrorKind::BadData
        );
        assert_eq!(
            Data::new(vec![1.0; 6], vec![0.0; 2], 2, 1)
                .unwrap_err()
                .kind,
            ErrorKind::BadData
        );
        let e = Data::new(vec![1.0, f32::NAN], vec![0.0], 2, 1).unwrap_err();
        assert!(e.text.en.contains("Sample 0") && !e.text.zh.is_empty());
    }

    #[test]
    fn split_partitions_the_rows() {
        let d = numbered(100);
        let s = split(&d, 0.1, 0.2, Some(4)).unwrap();
        assert_eq!(
            (s.validation.len(), s.test.len(), s.train.len()),
            (10, 20, 70)
        );
        let mut all: Vec<f32> = [&s.validation, &s.test, &s.train]
            .iter()
            .flat_map(|p| p.x.data.clone())
            .collect();
        assert_ne!(all, d.x.data, "shuffled");
        all.sort_by(f32::total_cmp);
        assert_eq!(all, d.x.data);
        // Labels travel with their inputs.
        assert!(s
            .train
            .x
            .data
            .iter()
            .zip(&s.train.y.data)
            .all(|(x, y)| *x == -*y));
        let kept = split(&d, 0.1, 0.0, None).unwrap();
        assert_eq!(
            kept.validation.x.data,
            (0..10).map(|i| i as f32).collect::<Vec<_>>()
        );
        assert!(split(&d, 0.6, 0.4, None).is_err() && split(&d, -0.1, 0.0, None).is_err());
    }
}
