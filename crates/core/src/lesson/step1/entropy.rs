//! Step 1, ch3.2 — information content I(p) = −ln p and entropy H = Σ pᵢ·(−ln pᵢ)
//! for three events with probabilities p1, p2 and p3 = 1 − p1 − p2.

use crate::error::{Error, ErrorKind, Result};
use crate::params::{ParamSpec, Params};
use crate::text::fmt_num;
use crate::widget::{Column, Readout, Table, Widget, WidgetSpec};

/// Information content of an event of probability p, in nats.
pub fn information(p: f64) -> f64 {
    -p.ln()
}

/// Entropy of a distribution (terms with p = 0 contribute 0).
pub fn entropy(ps: &[f64]) -> f64 {
    ps.iter()
        .filter(|&&p| p > 0.0)
        .map(|&p| p * information(p))
        .sum()
}

/// The widget state.
#[derive(Clone, Debug)]
pub struct Entropy {
    p: [f64; 3],
}

fn specs() -> [ParamSpec; 2] {
    [
        ParamSpec::num("p1", ("p(event 1)", "p(事件 1)"), [0.01, 0.98, 0.01, 0.7]),
        ParamSpec::num("p2", ("p(event 2)", "p(事件 2)"), [0.01, 0.98, 0.01, 0.2]),
    ]
}

impl Entropy {
    /// The three probabilities.
    pub fn probabilities(&self) -> [f64; 3] {
        self.p
    }
}

impl Widget for Entropy {
    fn spec() -> WidgetSpec {
        let title = ("Information content and entropy", "信息量与熵");
        WidgetSpec::new("entropy", title, &specs()).still()
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (p1, p2): (f64, f64) = params.read(&specs())?;
        let p3 = 1.0 - p1 - p2;
        if p3 < 0.005 {
            return Err(Error::new(
                ErrorKind::OutOfRange,
                format!("Probabilities must add up to 1, so p3 = 1 − p1 − p2 = {} must be positive. Lower p1 or p2.", fmt_num(p3, 2)),
                format!("概率之和必须为 1，所以 p3 = 1 − p1 − p2 = {} 必须为正。请调小 p1 或 p2。", fmt_num(p3, 2)),
            ));
        }
        Ok(Entropy { p: [p1, p2, p3] })
    }

    fn params(&self) -> Params {
        Params::write(&specs(), (self.p[0], self.p[1]))
    }

    fn table(&self) -> Table {
        Table::of_records(3, self.p.iter().copied().enumerate())
            .column(Column::count("event", "event", "事件"), |&(i, _)| {
                i as f64 + 1.0
            })
            .column(Column::symbol("p", "p"), |&(_, p)| p)
            .column(Column::symbol("info", "−ln p"), |&(_, p)| information(p))
            .column(Column::symbol("term", "p·(−ln p)"), |&(_, p)| {
                p * information(p)
            })
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let rounded: f64 = self
            .p
            .iter()
            .map(|&p| p * (information(p) * 100.0).round() / 100.0)
            .sum();
        vec![
            Readout::of("entropy", ("entropy H", "熵 H"), entropy(&self.p), 6),
            Readout::of(
                "entropy_rounded",
                ("H from rounded −ln p", "用四舍五入的 −ln p 算出的 H"),
                rounded,
                3,
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widget::refusal;

    #[test]
    fn the_books_weather_example() {
        // Book ch3.2: −ln 0.7 = 0.36, −ln 0.2 = 1.61, −ln 0.1 = 2.30; entropy 0.804. The
        // book adds the rounded values (0.7·0.36 + 0.2·1.61 + 0.1·2.30 = 0.804); the exact
        // sum is 0.801819 (hand computation with full-precision logs).
        let w = Entropy::from_params(&Params::default()).unwrap();
        let t = w.table();
        let info: Vec<String> = (0..3)
            .map(|r| fmt_num(t.get(r, "info").unwrap(), 2))
            .collect();
        assert_eq!(info, ["0.36", "1.61", "2.30"]);
        let r = w.readouts();
        assert_eq!(fmt_num(r[0].value, 6), "0.801819");
        assert_eq!(fmt_num(r[1].value, 3), "0.804");
    }

    #[test]
    fn probabilities_over_one_are_rejected() {
        let e = refusal::<Entropy>(&[("p1", "0.8"), ("p2", "0.5")]);
        assert_eq!(e.kind, ErrorKind::OutOfRange);
    }
}
