//! Step 1, ch2.2 — nonlinear backpropagation along a chain:
//! x → a = x² → b = ln a → c = √b, pulled towards a target y.
//!
//! Backward, each link passes the error back through its own derivative:
//! Δc = c − y, Δb = Δc·2√b (since dc/db = 1/(2√b)), Δa = Δb·a (db/da = 1/a),
//! Δx = Δa/(2x) (da/dx = 2x); then x ← x − Δx. Stop when |Δc| < 0.001.

use crate::error::{Error, ErrorKind, Result};
use crate::params::{format_value, ParamSpec, Params};
use crate::text::{fmt_num, Text};
use crate::widget::{cells, finish, Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// The stop rule of the book: |Δc| below this ends the iteration.
pub const TOLERANCE: f64 = 0.001;
/// Iterations allowed before we say the chain does not settle.
pub const MAX_ITERATIONS: usize = 100;

/// One row of the iteration table: a forward pass, and (unless it was the last) the
/// backward deltas it produced.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChainRow {
    /// Input.
    pub x: f64,
    /// a = x².
    pub a: f64,
    /// b = ln a.
    pub b: f64,
    /// c = √b.
    pub c: f64,
    /// Δc = c − y.
    pub dc: f64,
    /// Δb, Δa, Δx — `None` on the row where the stop rule held.
    pub back: Option<(f64, f64, f64)>,
}

/// Forward pass; `None` outside the domain (|x| ≤ 1 gives b ≤ 0).
pub fn forward(x: f64, y: f64) -> Option<ChainRow> {
    let a = x * x;
    let b = a.ln();
    if b.is_nan() || b <= 0.0 || !b.is_finite() {
        return None;
    }
    let c = b.sqrt();
    Some(ChainRow {
        x,
        a,
        b,
        c,
        dc: c - y,
        back: None,
    })
}

/// The x the chain is looking for: c = y ⇔ x = e^{y²/2}.
pub fn analytic_x(y: f64) -> f64 {
    (y * y / 2.0).exp()
}

/// The widget state.
#[derive(Clone, Debug)]
pub struct BackpropChain {
    x0: f64,
    target: f64,
    rows: Vec<ChainRow>,
    done: Option<Text>,
}

fn specs() -> [ParamSpec; 2] {
    [
        ParamSpec::num("x", ("start x", "初始 x"), [-10.0, 20.0, 0.01, 2.0]),
        ParamSpec::num("target", ("target y", "目标 y"), [-1.0, 3.0, 0.01, 2.13]),
    ]
}

fn domain_error(x: f64) -> Error {
    let x = format_value(x);
    Error::new(
        ErrorKind::Domain,
        format!("x = {x} is outside the chain's domain: for |x| ≤ 1, b = ln x² ≤ 0 and c = √b is not a real number. Choose |x| > 1."),
        format!("x = {x} 超出了这条链的定义域：当 |x| ≤ 1 时，b = ln x² ≤ 0，c = √b 不是实数。请选 |x| > 1。"),
    )
}

impl BackpropChain {
    /// The rows computed so far.
    pub fn rows(&self) -> &[ChainRow] {
        &self.rows
    }

    /// The target y.
    pub fn target(&self) -> f64 {
        self.target
    }

    /// The x the next step will start from.
    pub fn current_x(&self) -> f64 {
        match self.rows.last() {
            Some(ChainRow {
                x,
                back: Some((_, _, dx)),
                ..
            }) => x - dx,
            Some(row) => row.x,
            None => self.x0,
        }
    }

    /// The forward values at the current x (for drawing before any step).
    pub fn current(&self) -> ChainRow {
        match self.rows.last() {
            Some(row) if row.back.is_none() => *row,
            _ => forward(self.current_x(), self.target).unwrap_or(ChainRow {
                x: self.current_x(),
                a: f64::NAN,
                b: f64::NAN,
                c: f64::NAN,
                dc: f64::NAN,
                back: None,
            }),
        }
    }

    /// Whether the stop rule has held.
    pub fn done(&self) -> bool {
        self.done.is_some()
    }
}

impl Widget for BackpropChain {
    fn spec() -> WidgetSpec {
        let title = (
            "Backpropagation along x → a → b → c",
            "沿 x → a → b → c 的反向传播",
        );
        WidgetSpec::new("backprop-chain", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (x0, target): (f64, f64) = params.read(&specs())?;
        if target <= 0.0 {
            return Err(Error::new(
                ErrorKind::Domain,
                format!("The target y = {} can never be reached: c = √b is never negative, and c = 0 only at |x| = 1, where the chain has no gradient. Choose y > 0.", format_value(target)),
                format!("目标 y = {} 永远达不到：c = √b 不会是负数，而 c = 0 只在 |x| = 1 处出现，那里梯度消失。请选 y > 0。", format_value(target)),
            ));
        }
        if forward(x0, target).is_none() {
            return Err(domain_error(x0));
        }
        Ok(BackpropChain {
            x0,
            target,
            rows: Vec::new(),
            done: None,
        })
    }

    fn params(&self) -> Params {
        Params::write(&specs(), (self.x0, self.target))
    }

    fn step(&mut self) -> Result<Outcome> {
        if let Some(t) = &self.done {
            return Ok(Outcome::Done(t.clone()));
        }
        let x = self.current_x();
        let Some(mut row) = forward(x, self.target) else {
            // The previous update jumped over the domain edge: keep the table as it is.
            let e = domain_error(x);
            return Err(Error::new(
                ErrorKind::Diverged,
                format!("The update jumped out of the domain. {}", e.text.en),
                format!("这次更新跳出了定义域。{}", e.text.zh),
            ));
        };
        let n = self.rows.len() + 1;
        if row.dc.abs() < TOLERANCE {
            self.rows.push(row);
            let (dc, c) = (fmt_num(row.dc.abs(), 6), fmt_num(row.c, 6));
            let why = Text::new(
                format!("Done after {n} iterations: |Δc| = {dc} < {TOLERANCE}, c = {c}."),
                format!("经过 {n} 次迭代完成：|Δc| = {dc} < {TOLERANCE}，c = {c}。"),
            );
            return finish(&mut self.done, why);
        }
        if n >= MAX_ITERATIONS {
            self.rows.push(row);
            let why = Text::new(
                format!("Stopped after {n} iterations without reaching |Δc| < {TOLERANCE}."),
                format!("迭代 {n} 次仍未达到 |Δc| < {TOLERANCE}，已停止。"),
            );
            return finish(&mut self.done, why);
        }
        // Chain rule, one factor per link, walking back from the output.
        let db = row.dc * 2.0 * row.b.sqrt(); // dc/db = 1/(2√b)
        let da = db * row.a; // db/da = 1/a
        let dx = da / (2.0 * row.x); // da/dx = 2x
        row.back = Some((db, da, dx));
        self.rows.push(row);
        Ok(Outcome::Stepped)
    }

    fn steps(&self) -> usize {
        self.rows.len()
    }

    fn table(&self) -> Table {
        let columns = vec![
            Column::symbol("x", "x"),
            Column::symbol("a", "a = x²"),
            Column::symbol("b", "b = ln a"),
            Column::symbol("c", "c = √b"),
            Column::symbol("dc", "Δc = c − y"),
            Column::symbol("db", "Δb = Δc·2√b"),
            Column::symbol("da", "Δa = Δb·a"),
            Column::symbol("dx", "Δx = Δa/2x"),
        ];
        let rows = self.rows.iter().map(|r| {
            let forward = [r.x, r.a, r.b, r.c, r.dc].map(Some);
            let back = cells(r.back.map(|(db, da, dx)| [db, da, dx]));
            forward.into_iter().chain(back).collect()
        });
        Table::of(columns, 6, rows)
    }

    fn readouts(&self) -> Vec<Readout> {
        let cur = self.current();
        vec![
            Readout::symbol("x", "x", cur.x, 6),
            Readout::symbol("c", "c", cur.c, 6),
            Readout::of("target", ("target y", "目标 y"), self.target, 6),
            Readout::of(
                "analytic",
                ("exact x = exp(y²/2)", "解析解 x = exp(y²/2)"),
                analytic_x(self.target),
                6,
            ),
        ]
    }

    fn status(&self) -> Option<Text> {
        self.done.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(x: &str, y: &str) -> Result<BackpropChain> {
        BackpropChain::from_params(&Params::of(&[("x", x), ("target", y)]))
    }

    #[test]
    fn reproduces_the_books_run_from_x_2_to_2_13() {
        // Book ch2.2, program printout: x=2 → 4.243178 → 7.343950 → 9.295386 → 9.655706,
        // final c=2.129577; first step c=1.177410, delta_x=−2.243178. (Its Table 2-2 prints
        // 9.665 in the last column; the program and we give 9.655706.)
        let mut w = chain("2", "2.13").ok().unwrap_or_else(|| panic!("valid"));
        let mut outcomes = Vec::new();
        for _ in 0..5 {
            outcomes.push(w.step().ok());
        }
        assert!(matches!(outcomes[4], Some(Outcome::Done(_))));
        assert!(outcomes[..4].iter().all(|o| o == &Some(Outcome::Stepped)));
        let t = w.table();
        let xs: Vec<String> = (0..5)
            .map(|r| fmt_num(t.get(r, "x").unwrap_or(f64::NAN), 6))
            .collect();
        assert_eq!(
            xs,
            ["2.000000", "4.243178", "7.343950", "9.295386", "9.655706"]
        );
        assert_eq!(fmt_num(t.get(4, "c").unwrap_or(f64::NAN), 6), "2.129577");
        assert_eq!(fmt_num(t.get(0, "c").unwrap_or(f64::NAN), 6), "1.177410");
        assert_eq!(fmt_num(t.get(0, "dx").unwrap_or(f64::NAN), 6), "-2.243178");
        assert_eq!(fmt_num(t.get(0, "da").unwrap_or(f64::NAN), 6), "-8.972712");
        assert_eq!(fmt_num(t.get(4, "a").unwrap_or(f64::NAN), 6), "93.232666");
        assert_eq!(t.get(4, "dx"), None, "the last row has no backward pass");
        // A sixth step changes nothing.
        assert!(matches!(w.step(), Ok(Outcome::Done(_))));
        assert_eq!(w.steps(), 5);
    }

    #[test]
    fn analytic_answer_matches_the_book() {
        // Book ch2.2.2 prints x = 9.6653 for y = 2.13, but √(ln 9.6653²) = 2.130043, not
        // 2.13. Solving by hand: ln x² = 2.13² = 4.5369, x = e^{2.26845} = 9.664409.
        assert_eq!(fmt_num(analytic_x(2.13), 6), "9.664409");
        let c_book = (9.6653f64 * 9.6653).ln().sqrt();
        assert_eq!(fmt_num(c_book, 6), "2.130043");
    }

    #[test]
    fn domain_and_unreachable_targets_are_messages_not_nan() {
        for x in ["1", "0.5", "-1", "0"] {
            assert_eq!(
                chain(x, "2.13").err().map(|e| e.kind),
                Some(ErrorKind::Domain),
                "x={x}"
            );
        }
        assert_eq!(
            chain("2", "0").err().map(|e| e.kind),
            Some(ErrorKind::Domain)
        );
        assert_eq!(
            chain("2", "-0.5").err().map(|e| e.kind),
            Some(ErrorKind::Domain)
        );
        assert_eq!(
            chain("25", "2").err().map(|e| e.kind),
            Some(ErrorKind::OutOfRange)
        );
    }

    #[test]
    fn a_target_below_the_start_walks_x_down_without_leaving_the_domain() {
        // From x = 9 towards y = 0.5 (x* = e^{0.125} ≈ 1.133): an overshoot across |x| = 1
        // must become an error that keeps the table, never a NaN row.
        let mut w = chain("9", "0.5").ok().unwrap_or_else(|| panic!("valid"));
        for _ in 0..MAX_ITERATIONS + 5 {
            match w.step() {
                Ok(Outcome::Done(_)) | Err(_) => break,
                Ok(Outcome::Stepped) => {}
            }
        }
        let t = w.table();
        assert!(t.filled_finite());
    }
}
