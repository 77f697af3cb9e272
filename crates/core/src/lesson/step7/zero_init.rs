//! Step 7, ch15.1 — zero initialisation: the cobra net of ch9 (1-3-1, sigmoid units,
//! η 0.5, batch 10) started from all-zero weights next to the same net started from Xavier
//! weights. With zeros every hidden unit computes the same output, receives the same
//! gradient and takes the same step, so after any number of epochs the three units are
//! still copies of each other — bit for bit — and the net is no better than one unit. The
//! book shows the same: W2 = [−0.68583865, −0.68583865, −0.68583865] after training.
//!
//! The widget wraps `curve-fit` (its data, trainer and chart); only the start differs.

use crate::error::Result;
use crate::lesson::curve_fit::CurveFit;
use crate::lesson::run::steps_by_run;
use crate::lesson::step4::fit_setup::seed_spec;
use crate::params::{ParamSpec, Params};
use crate::text::Text;
use crate::widget::{Column, Readout, Table, Widget, WidgetSpec};

/// Hidden units (the book's ch15 cobra net).
pub const HIDDEN: usize = 3;

fn specs() -> [ParamSpec; 2] {
    [ParamSpec::init(&["zero", "xavier"], "zero"), seed_spec()]
}

/// The `zero-init` widget.
#[derive(Clone, Debug)]
pub struct ZeroInit {
    zero: bool,
    seed: u64,
    fit: CurveFit,
}

impl ZeroInit {
    /// The curve fit underneath (data, units, R²).
    pub fn fit(&self) -> &CurveFit {
        &self.fit
    }

    /// The largest difference between two hidden units in any of their weights
    /// (w1, b1 or w2); exactly 0 when the units are copies.
    pub fn spread(&self) -> f64 {
        let (units, _) = self.fit.units();
        let mut worst = 0.0f64;
        for a in &units {
            for b in &units {
                worst = worst
                    .max((a.0 - b.0).abs())
                    .max((a.1 - b.1).abs())
                    .max((a.2 - b.2).abs());
            }
        }
        worst
    }
}

impl Widget for ZeroInit {
    fn spec() -> WidgetSpec {
        let title = (
            "Zero initialisation: three units that stay one",
            "全零初始化：三个单元始终如一",
        );
        WidgetSpec::new("zero-init", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (init, seed): (String, u64) = params.read(&specs())?;
        let zero = init == "zero";
        let fit_params = Params(vec![
            ("data".into(), "cobra".into()),
            ("hidden".into(), HIDDEN.to_string()),
            ("eta".into(), "0.5".into()),
            ("batch".into(), "10".into()),
            ("seed".into(), seed.to_string()),
        ]);
        let mut fit = CurveFit::from_params(&fit_params)?;
        if zero {
            fit.zero_weights();
        }
        Ok(ZeroInit { zero, seed, fit })
    }

    fn params(&self) -> Params {
        let init = if self.zero { "zero" } else { "xavier" };
        Params::write(&specs(), (init.to_string(), self.seed))
    }

    steps_by_run!(fit);

    fn table(&self) -> Table {
        let columns = vec![
            Column::symbol("w1", "w1ᵢ"),
            Column::symbol("b1", "b1ᵢ"),
            Column::symbol("w2", "w2ᵢ"),
        ];
        let (units, _) = self.fit.units();
        let rows = units.iter().enumerate().map(|(i, u)| {
            let label = Text::new(format!("unit {}", i + 1), format!("单元 {}", i + 1));
            (label, vec![Some(u.0), Some(u.1), Some(u.2)])
        });
        Table::labelled(columns, 8, rows)
    }

    fn readouts(&self) -> Vec<Readout> {
        vec![
            Readout::of("epoch", ("epoch", "轮"), self.fit.epochs() as f64, 0),
            Readout::of(
                "spread",
                ("largest difference between units", "单元之间的最大差别"),
                self.spread(),
                6,
            ),
            Readout::of("test_r2", ("test R²", "测试 R²"), self.fit.test_r2(), 4),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trained(init: &str, steps: usize) -> ZeroInit {
        let mut p = Params::default();
        p.set("init", init);
        let mut w = ZeroInit::from_params(&p).unwrap();
        for _ in 0..steps {
            w.step().unwrap();
        }
        w
    }

    #[test]
    fn zero_weights_stay_copies_of_each_other_and_xavier_ones_do_not() {
        // 20 Steps = 1,000 epochs of 90 updates.
        let zero = trained("zero", 20);
        let (units, _) = zero.fit().units();
        assert_eq!(units.len(), HIDDEN);
        // Bit for bit the same, and not still zero: they did learn, all alike.
        assert!(units.iter().all(|u| *u == units[0]), "{units:?}");
        assert!(units[0].2 != 0.0 && units[0].0 != 0.0);
        assert_eq!(zero.spread(), 0.0);
        let xavier = trained("xavier", 20);
        assert!(xavier.spread() > 0.5, "{}", xavier.spread());
        // Three copies are one unit: the fit is worse than with three real units.
        assert!(
            zero.fit().test_r2() + 0.1 < xavier.fit().test_r2(),
            "{} vs {}",
            zero.fit().test_r2(),
            xavier.fit().test_r2()
        );
        let t = zero.table();
        assert_eq!((t.rows.len(), t.row_labels.len()), (3, 3));
        assert_eq!(t.rows[0], t.rows[2]);
    }
}
