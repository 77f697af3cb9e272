//! Step 1, ch2.1 — linear backpropagation on z = x·y with x = 2w + 3b, y = 2b + 1.
//!
//! The chain rule gives ∂z/∂w = (∂z/∂x)(∂x/∂w) = y·2 and ∂z/∂b = y·3 + x·2. To move z by
//! Δz we divide Δz by these "factors". Four strategies, as in the book's program:
//! correct b only or w and b together (each taking half the error), with the factors
//! frozen at their starting values (18 and 63) or recomputed every iteration.
//!
//! How the book counts: each pass computes z and Δz = z − target; if |Δz| < tol it
//! stops, otherwise it applies one correction. An *iteration* is one applied correction;
//! the final check that passes is shown but not counted.

use crate::error::{Error, ErrorKind, Result};
use crate::params::{ParamSpec, Params};
use crate::text::{fmt_num, Text};
use crate::widget::{cells, diverged, finish, Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// Corrections allowed before we give up (a fixed factor can fail to converge).
pub const MAX_ITERATIONS: usize = 200;

/// Forward pass: (x, y, z).
pub fn forward(w: f64, b: f64) -> (f64, f64, f64) {
    let x = 2.0 * w + 3.0 * b;
    let y = 2.0 * b + 1.0;
    (x, y, x * y)
}

/// ∂z/∂w = 2y and ∂z/∂b = 2x + 3y at (w, b).
pub fn factors(w: f64, b: f64) -> (f64, f64) {
    let (x, y, _) = forward(w, b);
    (2.0 * y, 2.0 * x + 3.0 * y)
}

/// Which variables move, and whether the factors are recomputed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// Only b, factor frozen at the start.
    BFixed,
    /// Only b, factor recomputed each iteration.
    BRecompute,
    /// w and b share the error, factors frozen.
    WbFixed,
    /// w and b share the error, factors recomputed.
    WbRecompute,
}

impl Strategy {
    /// Whether w moves too (the two strategies that share the error between w and b).
    pub fn moves_w(self) -> bool {
        matches!(self, Strategy::WbFixed | Strategy::WbRecompute)
    }
}

const STRATEGIES: [(&str, &str, &str, Strategy); 4] = [
    (
        "b-fixed",
        "b only, fixed factor",
        "只调 b，固定系数",
        Strategy::BFixed,
    ),
    (
        "b-recompute",
        "b only, recomputed factor",
        "只调 b，每次重算系数",
        Strategy::BRecompute,
    ),
    (
        "wb-fixed",
        "w and b, fixed factors",
        "同时调 w 和 b，固定系数",
        Strategy::WbFixed,
    ),
    (
        "wb-recompute",
        "w and b, recomputed factors",
        "同时调 w 和 b，每次重算系数",
        Strategy::WbRecompute,
    ),
];

/// One pass: the values at the start of it and the correction it applied (if any).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearRow {
    /// w at the start of the pass.
    pub w: f64,
    /// b at the start of the pass.
    pub b: f64,
    /// x = 2w + 3b.
    pub x: f64,
    /// y = 2b + 1.
    pub y: f64,
    /// z = x·y.
    pub z: f64,
    /// Δz = z − target.
    pub dz: f64,
    /// (factor_w, factor_b, Δw, Δb) when a correction was applied.
    pub update: Option<(f64, f64, f64, f64)>,
}

/// The widget state.
#[derive(Clone, Debug)]
pub struct LinearBackprop {
    w0: f64,
    b0: f64,
    target: f64,
    strategy: Strategy,
    tol: f64,
    rows: Vec<LinearRow>,
    done: Option<Text>,
}

/// The choices of the `tol` setting: (value, English, Chinese).
const TOLERANCES: [(&str, &str, &str); 2] = [
    ("1e-5", "1e-5 (book's code)", "1e-5（书中代码）"),
    ("1e-4", "1e-4", "1e-4"),
];

fn specs() -> [ParamSpec; 5] {
    let opts: Vec<(&str, &str, &str)> = STRATEGIES
        .iter()
        .map(|(k, en, zh, _)| (*k, *en, *zh))
        .collect();
    [
        ParamSpec::number("w", Text::same("w"), -10.0, 10.0, 0.1, 3.0),
        ParamSpec::number("b", Text::same("b"), -10.0, 10.0, 0.1, 4.0),
        ParamSpec::num("target", ("target z", "目标 z"), [0.0, 400.0, 1.0, 150.0]),
        ParamSpec::choice("strategy", Text::new("strategy", "策略"), &opts, "b-fixed"),
        ParamSpec::choice(
            "tol",
            Text::new("stop when |Δz| <", "停止条件 |Δz| <"),
            &TOLERANCES,
            "1e-5",
        ),
    ]
}

impl LinearBackprop {
    /// The passes so far.
    pub fn rows(&self) -> &[LinearRow] {
        &self.rows
    }

    /// (w, b) the next pass starts from.
    pub fn current(&self) -> (f64, f64) {
        match self.rows.last() {
            Some(r) => match r.update {
                Some((_, _, dw, db)) => (r.w - dw, r.b - db),
                None => (r.w, r.b),
            },
            None => (self.w0, self.b0),
        }
    }

    /// The target z.
    pub fn target(&self) -> f64 {
        self.target
    }

    /// Corrections applied so far (the book's iteration count).
    pub fn iterations(&self) -> usize {
        self.rows.iter().filter(|r| r.update.is_some()).count()
    }
}

impl Widget for LinearBackprop {
    fn spec() -> WidgetSpec {
        let title = ("Linear backpropagation: z = x·y", "线性反向传播：z = x·y");
        WidgetSpec::new("linear-backprop", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (w0, b0, target, strategy_name, tol): (f64, f64, f64, String, String) =
            params.read(&specs())?;
        let strategy = STRATEGIES
            .iter()
            .find(|s| s.0 == strategy_name)
            .map_or(Strategy::BFixed, |s| s.3);
        let tol = tol.parse::<f64>().unwrap_or(1e-5);
        let (fw, fb) = factors(w0, b0);
        if fb.abs() < 1e-9 || (strategy.moves_w() && fw.abs() < 1e-9) {
            return Err(Error::new(
                ErrorKind::Domain,
                "At this (w, b) a partial derivative is 0, so the error cannot be passed back. Move w or b a little.",
                "在这个 (w, b) 处偏导数为 0，误差无法反向传递。请把 w 或 b 稍微挪一下。",
            ));
        }
        Ok(LinearBackprop {
            w0,
            b0,
            target,
            strategy,
            tol,
            rows: Vec::new(),
            done: None,
        })
    }

    fn params(&self) -> Params {
        let name = STRATEGIES
            .iter()
            .find(|s| s.3 == self.strategy)
            .map_or("b-fixed", |s| s.0);
        let tol = if self.tol < 5e-5 { "1e-5" } else { "1e-4" };
        let (name, tol) = (name.to_string(), tol.to_string());
        Params::write(&specs(), (self.w0, self.b0, self.target, name, tol))
    }

    fn step(&mut self) -> Result<Outcome> {
        if let Some(t) = &self.done {
            return Ok(Outcome::Done(t.clone()));
        }
        let (w, b) = self.current();
        let (x, y, z) = forward(w, b);
        let dz = z - self.target;
        let mut row = LinearRow {
            w,
            b,
            x,
            y,
            z,
            dz,
            update: None,
        };
        let n = self.iterations();
        if dz.abs() < self.tol {
            self.rows.push(row);
            let tol = self.tol;
            let [dz, w, b] = [dz.abs(), w, b].map(|v| fmt_num(v, 6));
            let why = Text::new(
                format!("Done: |Δz| = {dz} < {tol} after {n} iterations; w = {w}, b = {b}."),
                format!("完成：{n} 次迭代后 |Δz| = {dz} < {tol}；w = {w}，b = {b}。"),
            );
            return finish(&mut self.done, why);
        }
        let (fw, fb) = match self.strategy {
            Strategy::BFixed | Strategy::WbFixed => factors(self.w0, self.b0),
            Strategy::BRecompute | Strategy::WbRecompute => factors(w, b),
        };
        let (dw, db) = match self.strategy {
            Strategy::BFixed | Strategy::BRecompute => (0.0, dz / fb),
            Strategy::WbFixed | Strategy::WbRecompute => (dz / fw / 2.0, dz / fb / 2.0),
        };
        if !(w - dw).is_finite() || !(b - db).is_finite() || n >= MAX_ITERATIONS {
            let why = Text::new(
                format!("Stopped after {n} iterations: the corrections do not settle."),
                format!("迭代 {n} 次后停止：修正量没有收敛。"),
            );
            return diverged(&mut self.done, why);
        }
        row.update = Some((fw, fb, dw, db));
        self.rows.push(row);
        Ok(Outcome::Stepped)
    }

    fn steps(&self) -> usize {
        self.rows.len()
    }

    fn table(&self) -> Table {
        let columns = vec![
            Column::symbol("w", "w"),
            Column::symbol("b", "b"),
            Column::symbol("x", "x"),
            Column::symbol("y", "y"),
            Column::symbol("z", "z"),
            Column::symbol("dz", "Δz"),
            Column::symbol("factor_w", "∂z/∂w"),
            Column::symbol("factor_b", "∂z/∂b"),
            Column::symbol("dw", "Δw"),
            Column::symbol("db", "Δb"),
        ];
        // The w cells stay empty for the strategies that leave w alone.
        let w_cell = |v: Option<f64>| v.filter(|_| self.strategy.moves_w());
        let rows = self.rows.iter().map(|r| {
            let [fw, fb, dw, db] = cells(r.update.map(|(fw, fb, dw, db)| [fw, fb, dw, db]));
            let forward = [r.w, r.b, r.x, r.y, r.z, r.dz].map(Some);
            let update = [w_cell(fw), fb, w_cell(dw), db];
            forward.into_iter().chain(update).collect()
        });
        Table::of(columns, 6, rows)
    }

    fn readouts(&self) -> Vec<Readout> {
        let (w, b) = self.current();
        let (x, y, z) = forward(w, b);
        let (fw, fb) = factors(w, b);
        vec![
            Readout::symbol("w", "w", w, 6),
            Readout::symbol("b", "b", b, 6),
            Readout::symbol("x", "x", x, 6),
            Readout::symbol("y", "y", y, 6),
            Readout::symbol("z", "z", z, 6),
            Readout::symbol("dz_dw", "∂z/∂w", fw, 6),
            Readout::symbol("dz_db", "∂z/∂b", fb, 6),
            Readout::of(
                "iterations",
                ("iterations", "迭代次数"),
                self.iterations() as f64,
                0,
            ),
        ]
    }

    fn status(&self) -> Option<Text> {
        self.done.clone()
    }
}

#[cfg(test)]
#[path = "linear_backprop_tests.rs"]
mod tests;
