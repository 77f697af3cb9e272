//! Step 1, ch2.3 — gradient descent in two variables on J(x, y) = x² + sin²y.
//! ∇J = (2x, 2·sin y·cos y); (x, y) ← (x, y) − η∇J; stop when J < 0.01.

use crate::error::Result;
use crate::params::{ParamSpec, Params};
use crate::text::{fmt_num, Text};
use crate::widget::{diverged, finish, Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// The book's stop rule.
pub const STOP_J: f64 = 0.01;
/// Iterations allowed.
pub const MAX_ITERATIONS: usize = 500;

/// J(x, y) = x² + sin²y.
pub fn j(x: f64, y: f64) -> f64 {
    x * x + y.sin().powi(2)
}

/// ∇J = (2x, 2 sin y cos y).
pub fn grad(x: f64, y: f64) -> (f64, f64) {
    (2.0 * x, 2.0 * y.sin() * y.cos())
}

/// The widget state: the path of points.
#[derive(Clone, Debug)]
pub struct Gd2d {
    start: (f64, f64),
    eta: f64,
    path: Vec<(f64, f64)>,
    done: Option<Text>,
}

fn specs() -> [ParamSpec; 3] {
    [
        ParamSpec::num("x0", ("start x", "初始 x"), [-3.0, 3.0, 0.1, 3.0]),
        ParamSpec::num("y0", ("start y", "初始 y"), [-3.0, 3.0, 0.1, 1.0]),
        ParamSpec::eta(0.01, 1.2, 0.01, 0.1),
    ]
}

impl Gd2d {
    /// The points visited, starting point first.
    pub fn path(&self) -> &[(f64, f64)] {
        &self.path
    }
}

impl Widget for Gd2d {
    fn spec() -> WidgetSpec {
        let title = (
            "Gradient descent on J(x, y) = x² + sin²y",
            "在 J(x, y) = x² + sin²y 上做梯度下降",
        );
        WidgetSpec::new("gd-2d", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (x0, y0, eta) = params.read(&specs())?;
        let start = (x0, y0);
        Ok(Gd2d {
            start,
            eta,
            path: vec![start],
            done: None,
        })
    }

    fn params(&self) -> Params {
        let (x0, y0) = self.start;
        Params::write(&specs(), (x0, y0, self.eta))
    }

    fn step(&mut self) -> Result<Outcome> {
        if let Some(t) = &self.done {
            return Ok(Outcome::Done(t.clone()));
        }
        let (x, y) = self.path.last().copied().unwrap_or(self.start);
        if j(x, y) < STOP_J {
            let why = Text::new("Already below J < 0.01.", "已经满足 J < 0.01。");
            return finish(&mut self.done, why);
        }
        let (gx, gy) = grad(x, y);
        let next = (x - self.eta * gx, y - self.eta * gy);
        if !next.0.is_finite() || next.0.abs() > 1e6 {
            return diverged(&mut self.done, super::gd_1d::diverged_note());
        }
        self.path.push(next);
        let n = self.path.len() - 1;
        let jn = j(next.0, next.1);
        if jn < STOP_J || n > MAX_ITERATIONS {
            let jn = fmt_num(jn, 6);
            let why = Text::new(
                format!(
                    "Stopped after iteration {n} (the start is iteration 0): J = {jn} < {STOP_J}."
                ),
                format!("第 {n} 次迭代后停止（起点为第 0 次）：J = {jn} < {STOP_J}。"),
            );
            return finish(&mut self.done, why);
        }
        Ok(Outcome::Stepped)
    }

    fn steps(&self) -> usize {
        self.path.len() - 1
    }

    fn table(&self) -> Table {
        Table::of_records(6, self.path.iter().copied().enumerate())
            .column(Column::count("n", "iteration", "迭代"), |&(i, _)| {
                i as f64
            })
            .column(Column::symbol("x", "x"), |&(_, (x, _))| x)
            .column(Column::symbol("y", "y"), |&(_, (_, y))| y)
            .column(Column::symbol("j", "J(x, y)"), |&(_, (x, y))| j(x, y))
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let (x, y) = self.path.last().copied().unwrap_or(self.start);
        vec![
            Readout::symbol("x", "x", x, 6),
            Readout::symbol("y", "y", y, 6),
            Readout::symbol("j", "J", j(x, y), 6),
        ]
    }

    fn status(&self) -> Option<Text> {
        self.done.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reproduces_table_2_3() {
        // Book Table 2-3: (3, 1) J=9.708073; (2.4, 0.909070) 6.382415; it15
        // (0.105553, 0.063481) 0.015166; it16 (0.084442, 0.050819) 0.009711. Running the
        // update (hand-checked in Python) puts the final point 16 updates after the start,
        // so we number the start 0; the book labels its first row 1, which is one short.
        let mut w = Gd2d::from_params(&Params::default()).unwrap();
        while let Outcome::Stepped = w.step().unwrap() {}
        let t = w.table();
        assert_eq!(t.rows.len(), 17);
        assert_eq!(t.get(16, "n"), Some(16.0));
        let row = |i: usize| {
            [t.get(i, "x"), t.get(i, "y"), t.get(i, "j")].map(|v| fmt_num(v.unwrap(), 6))
        };
        assert_eq!(row(0), ["3.000000", "1.000000", "9.708073"]);
        assert_eq!(row(1), ["2.400000", "0.909070", "6.382415"]);
        assert_eq!(row(15), ["0.105553", "0.063481", "0.015166"]);
        assert_eq!(row(16), ["0.084442", "0.050819", "0.009711"]);
    }
}
