//! Per-column min-max normalisation, the book's `NormalizeX`, `NormalizeY`,
//! `NormalizePredicateData` and `DeNormalizeY`: x' = (x − min) / (max − min). The
//! parameters are kept so that query points are scaled the same way and predictions
//! (and a linear model's weights, ch5.4) can be taken back to real units.

use super::Dataset;
use serde::Serialize;

/// Min and max of each column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MinMax {
    /// Smallest value per column.
    pub min: Vec<f32>,
    /// Largest value per column.
    pub max: Vec<f32>,
}

impl MinMax {
    /// Fits the columns of row-major `values` with `cols` columns, over all of `parts`
    /// together (the book merges train and test before normalising). Empty columns get
    /// min = max = 0.
    pub fn fit(parts: &[&[f32]], cols: usize) -> MinMax {
        let mut min = vec![f32::INFINITY; cols];
        let mut max = vec![f32::NEG_INFINITY; cols];
        for part in parts {
            for (i, &v) in part.iter().enumerate() {
                let j = i % cols;
                min[j] = min[j].min(v);
                max[j] = max[j].max(v);
            }
        }
        for j in 0..cols {
            if min[j] > max[j] {
                (min[j], max[j]) = (0.0, 0.0);
            }
        }
        MinMax { min, max }
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.min.len()
    }

    /// max − min of column `j`, or 1 for a constant column (which then maps to 0 rather
    /// than to the book's NaN).
    pub fn range(&self, j: usize) -> f64 {
        let r = self.max[j] as f64 - self.min[j] as f64;
        if r > 0.0 {
            r
        } else {
            1.0
        }
    }

    /// Scales row-major `values` (any number of rows) into [0, 1] per column.
    pub fn normalize(&self, values: &[f32]) -> Vec<f32> {
        self.per_column(values, |v, j| (v - self.min[j] as f64) / self.range(j))
    }

    /// The inverse of [`MinMax::normalize`].
    pub fn denormalize(&self, values: &[f32]) -> Vec<f32> {
        self.per_column(values, |v, j| v * self.range(j) + self.min[j] as f64)
    }

    /// `f(value, column)` in f64 over row-major `values`, back to f32.
    fn per_column(&self, values: &[f32], f: impl Fn(f64, usize) -> f64) -> Vec<f32> {
        let c = self.cols().max(1);
        values
            .iter()
            .enumerate()
            .map(|(i, &v)| f(v as f64, i % c) as f32)
            .collect()
    }
}

/// The normalisation of a dataset: always the inputs, the targets only if asked and the
/// set is a regression set (class labels are never scaled).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Normalizer {
    /// Input columns.
    pub x: MinMax,
    /// Target columns, if they are normalised.
    pub y: Option<MinMax>,
}

impl Normalizer {
    /// Fits on one set (usually the training set).
    pub fn fit(data: &Dataset, normalize_y: bool) -> Normalizer {
        Normalizer::fit_all(&[data], normalize_y)
    }

    /// Fits on several sets at once, as the book's `DataReader` does with train + test.
    /// The sets must have the same shape as the first.
    pub fn fit_all(sets: &[&Dataset], normalize_y: bool) -> Normalizer {
        let Some(first) = sets.first() else {
            return Normalizer {
                x: MinMax::fit(&[], 0),
                y: None,
            };
        };
        let xs: Vec<&[f32]> = sets.iter().map(|d| d.x.as_slice()).collect();
        let ys: Vec<&[f32]> = sets.iter().map(|d| d.y.as_slice()).collect();
        Normalizer {
            x: MinMax::fit(&xs, first.features),
            y: (normalize_y && first.classes == 0).then(|| MinMax::fit(&ys, first.outputs)),
        }
    }

    /// The set with normalised inputs (and targets, if fitted so).
    pub fn apply(&self, data: &Dataset) -> Dataset {
        let mut d = data.clone();
        d.x = self.x.normalize(&data.x);
        if let Some(y) = &self.y {
            d.y = y.normalize(&data.y);
        }
        d
    }

    /// Query inputs (one or more rows) scaled like the training inputs: the book's
    /// `NormalizePredicateData`.
    pub fn normalize_query(&self, x: &[f32]) -> Vec<f32> {
        self.x.normalize(x)
    }

    /// Predictions taken back to real units (`DeNormalizeY`); unchanged if the targets
    /// were not normalised.
    pub fn denormalize_y(&self, y: &[f32]) -> Vec<f32> {
        match &self.y {
            Some(m) => m.denormalize(y),
            None => y.to_vec(),
        }
    }

    /// The real-unit weights and bias of a single-output linear model z = Σ wᵢ·xᵢ' + b
    /// trained on normalised data (ch5.4 and 5.6): with rᵢ = maxᵢ − minᵢ and the target's
    /// range r_y and min m_y (1 and 0 if the target was not normalised),
    /// Wᵢ = r_y·wᵢ/rᵢ and B = r_y·(b − Σ wᵢ·minᵢ/rᵢ) + m_y.
    pub fn real_linear(&self, w: &[f64], b: f64) -> (Vec<f64>, f64) {
        let (ry, my) = match &self.y {
            Some(m) if m.cols() > 0 => (m.range(0), m.min[0] as f64),
            _ => (1.0, 0.0),
        };
        let cols = w.len().min(self.x.cols());
        let w_real: Vec<f64> = (0..cols).map(|j| ry * w[j] / self.x.range(j)).collect();
        let shift: f64 = (0..cols)
            .map(|j| w[j] * self.x.min[j] as f64 / self.x.range(j))
            .sum();
        (w_real, ry * (b - shift) + my)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::book;

    #[test]
    fn columns_map_onto_0_1_and_back() {
        let d = book::ch05(1);
        let norm = Normalizer::fit(&d, true);
        let nd = norm.apply(&d);
        for j in 0..2 {
            let (lo, hi) = nd.column_range(j);
            assert!(lo.abs() < 1e-6 && (hi - 1.0).abs() < 1e-6);
        }
        assert!(nd.y.iter().all(|v| (-1e-6..=1.0 + 1e-6).contains(v)));
        let back = norm.x.denormalize(&nd.x);
        assert!(back.iter().zip(&d.x).all(|(a, b)| (a - b).abs() < 1e-3));
        let yb = norm.denormalize_y(&nd.y);
        assert!(yb.iter().zip(&d.y).all(|(a, b)| (a - b).abs() < 1e-3));
        // A query row is scaled with the training parameters.
        let q = norm.normalize_query(&[15.0, 93.0]);
        let r0 = norm.x.range(0) as f32;
        assert!((q[0] - (15.0 - norm.x.min[0]) / r0).abs() < 1e-6);
    }

    #[test]
    fn real_linear_recovers_the_generating_plane() {
        // An exact plane y = −2·x1 + 5·x2 + 50 fitted in normalised units is W, B in real ones.
        let d = book::ch05(2);
        let y: Vec<f32> = (0..d.n)
            .map(|i| (-2.0 * d.row(i)[0] as f64 + 5.0 * d.row(i)[1] as f64 + 50.0) as f32)
            .collect();
        let exact = Dataset::regression("plane", d.x.clone(), y, 2, 1);
        for normalize_y in [false, true] {
            let norm = Normalizer::fit(&exact, normalize_y);
            let (ry, my) = norm
                .y
                .as_ref()
                .map_or((1.0, 0.0), |m| (m.range(0), m.min[0] as f64));
            // Normalised-space weights of the same plane.
            let w: Vec<f64> = [-2.0, 5.0]
                .iter()
                .enumerate()
                .map(|(j, c)| c * norm.x.range(j) / ry)
                .collect();
            let b = (-2.0 * norm.x.min[0] as f64 + 5.0 * norm.x.min[1] as f64 + 50.0 - my) / ry;
            let (wr, br) = norm.real_linear(&w, b);
            assert!(
                (wr[0] + 2.0).abs() < 1e-9
                    && (wr[1] - 5.0).abs() < 1e-9
                    && (br - 50.0).abs() < 1e-6,
                "{wr:?} {br}"
            );
        }
    }

    #[test]
    fn labels_are_not_scaled_and_constant_columns_are_safe() {
        let d = book::ch11(1).0;
        let norm = Normalizer::fit(&d, true);
        assert!(norm.y.is_none());
        assert_eq!(norm.apply(&d).y, d.y);
        let c = Dataset::regression("c", vec![3.0, 3.0, 3.0], vec![1.0, 2.0, 3.0], 1, 1);
        let n = Normalizer::fit(&c, false);
        assert_eq!(n.apply(&c).x, vec![0.0; 3]);
        let (tr, te) = book::ch08(1);
        let both = Normalizer::fit_all(&[&tr, &te], false);
        assert_eq!(both.x.min[0], 0.0);
        assert!(Normalizer::fit_all(&[], true).y.is_none());
    }
}
