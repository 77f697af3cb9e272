//! Step 1, ch3.2 — cross-entropy. Binary: J = −[y·ln a + (1 − y)·ln(1 − a)];
//! multi-class with a one-hot label: J = −Σ yⱼ·ln aⱼ = −ln a_true.

use crate::error::Result;
use crate::params::{ParamSpec, Params};
use crate::widget::{Column, Readout, Table, Widget, WidgetSpec};

/// Binary cross-entropy of a prediction a ∈ (0, 1) for a label y ∈ {0, 1}.
pub fn binary(a: f64, y: f64) -> f64 {
    -(y * a.ln() + (1.0 - y) * (1.0 - a).ln())
}

/// Multi-class cross-entropy −Σ yⱼ ln aⱼ (terms with yⱼ = 0 are skipped).
pub fn multiclass(a: &[f64], y: &[f64]) -> f64 {
    a.iter()
        .zip(y)
        .filter(|(_, &y)| y > 0.0)
        .map(|(a, y)| -y * a.ln())
        .sum()
}

/// The book's examples: (label, prediction) pairs.
pub const EXAMPLES: [([f64; 3], [f64; 3]); 4] = [
    ([1.0, 0.0, f64::NAN], [0.6, 0.4, f64::NAN]),
    ([1.0, 0.0, f64::NAN], [0.7, 0.3, f64::NAN]),
    ([0.0, 0.0, 1.0], [0.2, 0.5, 0.3]),
    ([0.0, 0.0, 1.0], [0.2, 0.2, 0.6]),
];

/// The widget state.
#[derive(Clone, Debug)]
pub struct CrossEntropy {
    a: f64,
    y: f64,
}

fn specs() -> [ParamSpec; 2] {
    [
        ParamSpec::num("a", ("prediction a", "预测值 a"), [0.01, 0.99, 0.01, 0.6]),
        ParamSpec::label_y(),
    ]
}

impl CrossEntropy {
    /// (a, y).
    pub fn point(&self) -> (f64, f64) {
        (self.a, self.y)
    }
}

impl Widget for CrossEntropy {
    fn spec() -> WidgetSpec {
        WidgetSpec::new(
            "cross-entropy",
            ("Cross-entropy loss", "交叉熵损失"),
            &specs(),
        )
        .still()
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (a, y): (f64, String) = params.read(&specs())?;
        let y = if y == "1" { 1.0 } else { 0.0 };
        Ok(CrossEntropy { a, y })
    }

    fn params(&self) -> Params {
        Params::write(&specs(), (self.a, self.y))
    }

    fn table(&self) -> Table {
        // The two-class examples have no third class: their NaN there is an empty cell.
        let cell = |v: f64| if v.is_nan() { None } else { Some(v) };
        Table::of_records(2, EXAMPLES)
            .maybe(Column::symbol("y1", "y₁"), |(y, _)| cell(y[0]))
            .maybe(Column::symbol("y2", "y₂"), |(y, _)| cell(y[1]))
            .maybe(Column::symbol("y3", "y₃"), |(y, _)| cell(y[2]))
            .maybe(Column::symbol("a1", "a₁"), |(_, a)| cell(a[0]))
            .maybe(Column::symbol("a2", "a₂"), |(_, a)| cell(a[1]))
            .maybe(Column::symbol("a3", "a₃"), |(_, a)| cell(a[2]))
            .column(Column::loss(), |(y, a)| {
                let n = if y[2].is_nan() { 2 } else { 3 };
                multiclass(&a[..n], &y[..n])
            })
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        vec![
            Readout::of("loss", ("loss J", "损失 J"), binary(self.a, self.y), 4),
            Readout::of(
                "loss_y1",
                ("J if y = 1", "y = 1 时的 J"),
                binary(self.a, 1.0),
                4,
            ),
            Readout::of(
                "loss_y0",
                ("J if y = 0", "y = 0 时的 J"),
                binary(self.a, 0.0),
                4,
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fmt_num;

    #[test]
    fn the_books_examples() {
        // Book ch3.2: a = 0.6 → 0.51, a = 0.7 → 0.36 (y = 1); three classes, true class
        // "fail": [0.2, 0.5, 0.3] → 1.2, [0.2, 0.2, 0.6] → 0.51.
        let t = CrossEntropy::from_params(&Params::default())
            .unwrap()
            .table();
        let losses: Vec<String> = (0..4)
            .map(|r| fmt_num(t.get(r, "loss").unwrap(), 2))
            .collect();
        assert_eq!(losses, ["0.51", "0.36", "1.20", "0.51"]);
        assert_eq!(t.get(0, "a3"), None);
    }

    #[test]
    fn binary_is_symmetric_in_label_and_prediction() {
        assert!((binary(0.3, 0.0) - binary(0.7, 1.0)).abs() < 1e-15);
    }
}
