//! Step 1, ch2.3 — how the learning rate shapes descent on J(x) = (x − 1)² + 0.1 from
//! x₀ = −0.8, ten steps. Each step maps the distance to the minimum d = x − 1 to
//! d·(1 − 2η), so the factor r = 1 − 2η tells the whole story.

use crate::error::Result;
use crate::params::{format_value, ParamSpec, Params};
use crate::text::{fmt_num, Text};
use crate::widget::{Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// Start of the book's demo.
pub const X0: f64 = -0.8;
/// Steps the book takes.
pub const STEPS: usize = 10;

/// J(x) = (x − 1)² + 0.1.
pub fn j(x: f64) -> f64 {
    (x - 1.0).powi(2) + 0.1
}

/// What a learning rate does here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Regime {
    /// |1 − 2η| > 1: every step lands farther away.
    Diverges,
    /// 1 − 2η = −1: it jumps between two points forever.
    Bounces,
    /// −1 < 1 − 2η < 0: it overshoots each time but closes in.
    ZigZag,
    /// 1 − 2η = 0: one step lands on the minimum.
    OneStep,
    /// 0 < 1 − 2η ≤ 0.5: it walks straight in, fast.
    Converges,
    /// 0.5 < 1 − 2η < 1: it walks straight in, slowly.
    Slow,
}

/// Classifies η by the factor r = 1 − 2η.
pub fn regime(eta: f64) -> Regime {
    let r = 1.0 - 2.0 * eta;
    let eps = 1e-9;
    if (r + 1.0).abs() < eps {
        Regime::Bounces
    } else if r.abs() > 1.0 {
        Regime::Diverges
    } else if r.abs() < eps {
        Regime::OneStep
    } else if r < 0.0 {
        Regime::ZigZag
    } else if r <= 0.5 + eps {
        Regime::Converges
    } else {
        Regime::Slow
    }
}

/// The widget state.
#[derive(Clone, Debug)]
pub struct LearningRate {
    eta: f64,
    xs: Vec<f64>,
}

fn spec_eta() -> ParamSpec {
    ParamSpec::eta(0.1, 1.1, 0.1, 0.4)
}

impl LearningRate {
    /// Iterates, x₀ first.
    pub fn xs(&self) -> &[f64] {
        &self.xs
    }

    /// The learning rate.
    pub fn eta(&self) -> f64 {
        self.eta
    }
}

impl Widget for LearningRate {
    fn spec() -> WidgetSpec {
        let title = (
            "Learning rate explorer: J(x) = (x − 1)² + 0.1",
            "学习率实验：J(x) = (x − 1)² + 0.1",
        );
        WidgetSpec::new("learning-rate", title, &[spec_eta()])
    }

    fn from_params(params: &Params) -> Result<Self> {
        Ok(LearningRate {
            eta: params.number(&spec_eta())?,
            xs: vec![X0],
        })
    }

    fn params(&self) -> Params {
        Params::zip(&[spec_eta()], [format_value(self.eta)])
    }

    fn step(&mut self) -> Result<Outcome> {
        let x = self.xs.last().copied().unwrap_or(X0);
        if self.xs.len() <= STEPS {
            self.xs.push(x - self.eta * 2.0 * (x - 1.0));
        }
        if self.xs.len() > STEPS {
            Ok(Outcome::Done(self.status().unwrap_or(Text::same(""))))
        } else {
            Ok(Outcome::Stepped)
        }
    }

    fn steps(&self) -> usize {
        self.xs.len() - 1
    }

    fn table(&self) -> Table {
        Table::of_records(6, self.xs.iter().copied().enumerate())
            .column(Column::count("n", "step", "步"), |&(i, _)| i as f64)
            .column(Column::symbol("x", "x"), |&(_, x)| x)
            .column(Column::symbol("j", "J(x)"), |&(_, x)| j(x))
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let x = self.xs.last().copied().unwrap_or(X0);
        vec![
            Readout::of(
                "factor",
                ("distance factor 1 − 2η", "距离缩放因子 1 − 2η"),
                1.0 - 2.0 * self.eta,
                2,
            ),
            Readout::symbol("x", "x", x, 6),
            Readout::symbol("j", "J", j(x), 6),
        ]
    }

    fn status(&self) -> Option<Text> {
        let r = fmt_num(1.0 - 2.0 * self.eta, 2);
        let eta = format_value(self.eta);
        Some(match regime(self.eta) {
            Regime::Diverges => Text::new(
                format!("η = {eta}: diverges — each step multiplies the distance to the minimum by {r}."),
                format!("η = {eta}：发散——每一步把到最低点的距离乘以 {r}。"),
            ),
            Regime::Bounces => Text::new(
                "η = 1: bounces between −0.8 and 2.8 forever (factor −1).",
                "η = 1：在 −0.8 和 2.8 之间来回跳，永不停止（因子 −1）。",
            ),
            Regime::ZigZag => Text::new(
                format!("η = {eta}: zig-zags across the minimum and closes in (factor {r})."),
                format!("η = {eta}：在最低点两侧来回摆动并逐渐靠近（因子 {r}）。"),
            ),
            Regime::OneStep => Text::new(
                "η = 0.5: lands on the minimum in one step.",
                "η = 0.5：一步就落到最低点。",
            ),
            Regime::Converges => Text::new(
                format!("η = {eta}: walks straight in, fast (factor {r})."),
                format!("η = {eta}：直接走向最低点，很快（因子 {r}）。"),
            ),
            Regime::Slow => Text::new(
                format!("η = {eta}: walks straight in, but slowly (factor {r})."),
                format!("η = {eta}：直接走向最低点，但很慢（因子 {r}）。"),
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(eta: f64) -> Vec<f64> {
        let p = Params::of(&[("eta", &format_value(eta))]);
        let mut w = LearningRate::from_params(&p).unwrap();
        while let Outcome::Stepped = w.step().unwrap() {}
        w.xs().to_vec()
    }

    #[test]
    fn regimes_match_the_books_table_2_5() {
        // Book Table 2-5 describes 1.0 bouncing, 0.8 zig-zag, 0.4 good, 0.1 slow; 1.1
        // diverges (|1 − 2η| = 1.2 > 1, hand analysis).
        assert_eq!(regime(1.1), Regime::Diverges);
        assert_eq!(regime(1.0), Regime::Bounces);
        assert_eq!(regime(0.8), Regime::ZigZag);
        assert_eq!(regime(0.6), Regime::ZigZag);
        assert_eq!(regime(0.5), Regime::OneStep);
        assert_eq!(regime(0.4), Regime::Converges);
        assert_eq!(regime(0.2), Regime::Slow);
        assert_eq!(regime(0.1), Regime::Slow);
    }

    #[test]
    fn trajectories_follow_the_distance_factor() {
        // x_n − 1 = (x0 − 1)(1 − 2η)^n with x0 − 1 = −1.8 (closed form).
        for eta in [1.1, 1.0, 0.8, 0.6, 0.4, 0.2, 0.1] {
            let xs = run(eta);
            assert_eq!(xs.len(), STEPS + 1);
            for (n, x) in xs.iter().enumerate() {
                let expect = 1.0 - 1.8 * (1.0 - 2.0 * eta).powi(n as i32);
                assert!((x - expect).abs() < 1e-9, "η={eta} n={n}: {x} vs {expect}");
            }
        }
        // η = 1: −0.8, 2.8, −0.8, … exactly.
        let xs = run(1.0);
        assert_eq!(fmt_num(xs[1], 6), "2.800000");
        assert_eq!(fmt_num(xs[10], 6), "-0.800000");
    }
}
