//! Step 1, ch2.3 — gradient descent on J(x) = x²: x ← x − η·dJ/dx = x − η·2x.

use crate::error::Result;
use crate::params::{ParamSpec, Params};
use crate::text::{fmt_num, Text};
use crate::widget::{diverged, finish, Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// Stop once J(x) falls below this (the reading of the book's demo).
pub const STOP_J: f64 = 0.001;
/// Iterations allowed.
pub const MAX_ITERATIONS: usize = 200;

/// J(x) = x².
pub fn j(x: f64) -> f64 {
    x * x
}

/// dJ/dx = 2x.
pub fn grad(x: f64) -> f64 {
    2.0 * x
}

/// The note when an update overshoots without bound (shared with [`super::gd_2d`]).
pub fn diverged_note() -> Text {
    Text::new(
        "Diverged: x grows without bound. Lower η below 1.",
        "发散了：x 越来越大。请把 η 调到 1 以下。",
    )
}

/// The widget state: the iterates x₀, x₁, … .
#[derive(Clone, Debug)]
pub struct Gd1d {
    x0: f64,
    eta: f64,
    xs: Vec<f64>,
    done: Option<Text>,
}

fn specs() -> [ParamSpec; 2] {
    [
        ParamSpec::num("x0", ("start x", "初始 x"), [-2.0, 2.0, 0.1, 1.2]),
        ParamSpec::eta(0.01, 1.2, 0.01, 0.3),
    ]
}

impl Gd1d {
    /// Iterates so far, starting with x₀.
    pub fn xs(&self) -> &[f64] {
        &self.xs
    }
}

impl Widget for Gd1d {
    fn spec() -> WidgetSpec {
        let title = ("Gradient descent on J(x) = x²", "在 J(x) = x² 上做梯度下降");
        WidgetSpec::new("gd-1d", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (x0, eta) = params.read(&specs())?;
        Ok(Gd1d {
            x0,
            eta,
            xs: vec![x0],
            done: None,
        })
    }

    fn params(&self) -> Params {
        Params::write(&specs(), (self.x0, self.eta))
    }

    fn step(&mut self) -> Result<Outcome> {
        if let Some(t) = &self.done {
            return Ok(Outcome::Done(t.clone()));
        }
        let x = self.xs.last().copied().unwrap_or(self.x0);
        let next = x - self.eta * grad(x);
        if !next.is_finite() || next.abs() > 1e6 {
            return diverged(&mut self.done, diverged_note());
        }
        self.xs.push(next);
        let n = self.xs.len() - 1;
        if j(next) < STOP_J {
            let jn = fmt_num(j(next), 6);
            return finish(
                &mut self.done,
                Text::new(
                    format!("Done after {n} steps: J = {jn} < {STOP_J}."),
                    format!("{n} 步后完成：J = {jn} < {STOP_J}。"),
                ),
            );
        }
        if n >= MAX_ITERATIONS {
            let why = Text::new(
                format!("Stopped after {n} steps."),
                format!("{n} 步后停止。"),
            );
            return finish(&mut self.done, why);
        }
        Ok(Outcome::Stepped)
    }

    fn steps(&self) -> usize {
        self.xs.len() - 1
    }

    fn table(&self) -> Table {
        Table::of_records(6, self.xs.iter().copied().enumerate())
            .column(Column::count("n", "step", "步"), |&(i, _)| i as f64)
            .column(Column::symbol("x", "x"), |&(_, x)| x)
            .column(Column::symbol("j", "J = x²"), |&(_, x)| j(x))
            .column(Column::symbol("grad", "dJ/dx"), |&(_, x)| grad(x))
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let x = self.xs.last().copied().unwrap_or(self.x0);
        vec![
            Readout::symbol("x", "x", x, 6),
            Readout::symbol("j", "J", j(x), 6),
        ]
    }

    fn status(&self) -> Option<Text> {
        self.done.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn reproduces_the_books_iterates() {
        // Book ch2.3 (x0 = 1.2, η = 0.3): x = 0.48, 0.192, 0.0768, 0.03072 with
        // J = 0.2304, 0.036864, 0.005898, 0.000944; the issue stops once J < 0.001.
        let mut w = Gd1d::from_params(&Params::default()).unwrap();
        let mut n = 0;
        while let Outcome::Stepped = w.step().unwrap() {
            n += 1;
        }
        assert_eq!(n + 1, 4);
        let xs: Vec<String> = w.xs()[1..].iter().map(|&x| fmt_num(x, 6)).collect();
        assert_eq!(xs, ["0.480000", "0.192000", "0.076800", "0.030720"]);
        let js: Vec<String> = w.xs()[1..].iter().map(|&x| fmt_num(j(x), 6)).collect();
        assert_eq!(js, ["0.230400", "0.036864", "0.005898", "0.000944"]);
    }

    #[test]
    fn a_huge_rate_diverges_with_a_message() {
        let mut w = Gd1d::from_params(&Params::of(&[("eta", "1.2")])).unwrap();
        let mut last = Ok(Outcome::Stepped);
        for _ in 0..100 {
            last = w.step();
            if last.is_err() {
                break;
            }
        }
        assert_eq!(last.err().map(|e| e.kind), Some(ErrorKind::Diverged));
        assert!(w.xs().iter().all(|x| x.is_finite()));
    }
}
