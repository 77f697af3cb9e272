//! Step 1, ch3.1 — the mean squared error J(w, b) = (1/2m)·Σ(w·xᵢ + b − yᵢ)² on the
//! 50 points of ch3, seen three ways: the line over the points, J along one axis at a
//! time, and the contour map of J over (w, b).

use crate::dataset::{ch03, least_squares};
use crate::error::Result;
use crate::params::{ParamSpec, Params};
use crate::widget::{Column, Readout, Table, Widget, WidgetSpec};

/// J(w, b) = (1/2m)·Σ(w·xᵢ + b − yᵢ)².
pub fn mse(x: &[f64], y: &[f64], w: f64, b: f64) -> f64 {
    let m = x.len() as f64;
    x.iter()
        .zip(y)
        .map(|(x, y)| (w * x + b - y).powi(2))
        .sum::<f64>()
        / (2.0 * m)
}

/// Table 3-1's two losses for labels and predictions: (Σ|a − y|, Σ(a − y)²).
pub fn abs_and_squared(labels: &[f64], predictions: &[f64]) -> (f64, f64) {
    let abs = labels
        .iter()
        .zip(predictions)
        .map(|(y, a)| (a - y).abs())
        .sum();
    let sq = labels
        .iter()
        .zip(predictions)
        .map(|(y, a)| (a - y).powi(2))
        .sum();
    (abs, sq)
}

/// The (w, b) window of the contour map: w ± 2, b ± 2 around the true line.
pub const W_RANGE: (f64, f64) = (0.0, 4.0);
/// See [`W_RANGE`].
pub const B_RANGE: (f64, f64) = (1.0, 5.0);

/// State shared by the three MSE widgets: the points and the current line.
#[derive(Clone, Debug)]
pub struct MseState {
    /// Seed of the data.
    pub seed: u64,
    /// Slope.
    pub w: f64,
    /// Intercept.
    pub b: f64,
    /// Inputs.
    pub x: Vec<f64>,
    /// Labels.
    pub y: Vec<f64>,
}

impl MseState {
    fn from_params(params: &Params) -> Result<MseState> {
        let (w, b, seed) = params.read(&specs())?;
        let (x, y) = ch03(seed);
        Ok(MseState { seed, w, b, x, y })
    }

    fn params(&self) -> Params {
        Params::write(&specs(), (self.w, self.b, self.seed))
    }

    /// Loss of the current line.
    pub fn loss(&self) -> f64 {
        mse(&self.x, &self.y, self.w, self.b)
    }

    /// Loss of any line on these points.
    pub fn loss_at(&self, w: f64, b: f64) -> f64 {
        mse(&self.x, &self.y, w, b)
    }

    /// The least-squares line (w*, b*).
    pub fn best(&self) -> (f64, f64) {
        least_squares(&self.x, &self.y)
    }

    fn readouts(&self) -> Vec<Readout> {
        let (bw, bb) = self.best();
        vec![
            Readout::symbol("w", "w", self.w, 3),
            Readout::symbol("b", "b", self.b, 3),
            Readout::of("loss", ("loss J", "损失 J"), self.loss(), 4),
            Readout::of("best_w", ("best w*", "最优 w*"), bw, 4),
            Readout::of("best_b", ("best b*", "最优 b*"), bb, 4),
            Readout::of("best_loss", ("lowest J", "最小 J"), self.loss_at(bw, bb), 4),
        ]
    }
}

fn specs() -> [ParamSpec; 3] {
    [
        ParamSpec::num(
            "w",
            ("slope w", "斜率 w"),
            [W_RANGE.0, W_RANGE.1, 0.01, 2.0],
        ),
        ParamSpec::num(
            "b",
            ("intercept b", "截距 b"),
            [B_RANGE.0, B_RANGE.1, 0.01, 2.0],
        ),
        ParamSpec::data_seed(1.0),
    ]
}

macro_rules! mse_widget {
    ($ty:ident, $name:literal, $en:literal, $zh:literal, $table:expr) => {
        #[doc = concat!("The `", $name, "` widget.")]
        #[derive(Clone, Debug)]
        pub struct $ty(pub MseState);

        impl Widget for $ty {
            fn spec() -> WidgetSpec {
                WidgetSpec::new($name, ($en, $zh), &specs()).still()
            }
            fn from_params(params: &Params) -> Result<Self> {
                MseState::from_params(params).map($ty)
            }
            fn params(&self) -> Params {
                self.0.params()
            }
            fn readouts(&self) -> Vec<Readout> {
                self.0.readouts()
            }
            fn table(&self) -> Table {
                let f: fn(&MseState) -> Table = $table;
                f(&self.0)
            }
        }
    };
}

/// The four lines of the book's Fig 3-4 (w = 2; b = 2, 2.5, 3, 3.5) with their losses.
pub fn four_lines(s: &MseState) -> Table {
    let columns = vec![
        Column::symbol("w", "w"),
        Column::symbol("b", "b"),
        Column::loss_j(),
    ];
    let rows = [2.0, 2.5, 3.0, 3.5].map(|b| vec![Some(2.0), Some(b), Some(s.loss_at(2.0, b))]);
    Table::of(columns, 3, rows)
}

fn no_table(_: &MseState) -> Table {
    Table::new(Vec::new(), 4)
}

mse_widget!(
    MseLine,
    "mse-line",
    "Fit a line, read the loss",
    "拟合直线，读出损失",
    four_lines
);
mse_widget!(
    MseCurves,
    "mse-curves",
    "Loss along b and along w",
    "损失随 b、随 w 的变化",
    no_table
);
mse_widget!(
    MseContour,
    "mse-contour",
    "The loss over (w, b)",
    "损失在 (w, b) 平面上的等高线",
    no_table
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_3_1() {
        // Book Table 3-1: labels [1,1,1]; predictions [1,2,3] → 3 and 5; [1,3,3] → 4 and 8.
        assert_eq!(
            abs_and_squared(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]),
            (3.0, 5.0)
        );
        assert_eq!(
            abs_and_squared(&[1.0, 1.0, 1.0], &[1.0, 3.0, 3.0]),
            (4.0, 8.0)
        );
    }

    #[test]
    fn the_four_lines_land_near_the_books_losses() {
        // Book Fig 3-4 on its own random draw: 0.53, 0.16, 0.048, 0.18. Independently,
        // with noise U(−.5,.5) the expected loss of z = 2x + b is ((b − 3)² + 1/12)/2:
        // 0.542, 0.167, 0.042, 0.167. Our draw must sit near both.
        let s = MseState::from_params(&Params::default()).unwrap();
        let t = four_lines(&s);
        let book = [0.53, 0.16, 0.048, 0.18];
        for (i, b) in [2.0f64, 2.5, 3.0, 3.5].iter().enumerate() {
            let loss = t.get(i, "loss").unwrap();
            let expected = ((b - 3.0).powi(2) + 1.0 / 12.0) / 2.0;
            assert!(
                (loss - expected).abs() < 0.03,
                "b={b}: {loss} vs {expected}"
            );
            assert!(
                (loss - book[i]).abs() < 0.04,
                "b={b}: {loss} vs book {}",
                book[i]
            );
        }
        // The best line is the lowest point of the loss and close to the generator's (2, 3).
        let (w, b) = s.best();
        assert!((w - 2.0).abs() < 0.4 && (b - 3.0).abs() < 0.2, "{w} {b}");
        for (dw, db) in [(0.01, 0.0), (-0.01, 0.0), (0.0, 0.01), (0.0, -0.01)] {
            assert!(s.loss_at(w + dw, b + db) > s.loss_at(w, b));
        }
    }
}
