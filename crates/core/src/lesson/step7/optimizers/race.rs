//! Step 7, ch15.4.1 — the optimizer race on the bowl f(x, y) = x²/10 + y².
//!
//! ∇f = (x/5, 2y): the bowl is ten times steeper across (y) than along (x), the shape of a
//! badly scaled loss. Every racer starts at (−7, 2) and each Step gives it one update of
//! its own optimizer object ([`crate::nn::optim`], the book's constants) with its own η.
//! x and y are two slots of that optimizer, as the book gives x and y an optimizer each
//! (for Adam, whose step counter is shared here, that is the same thing since both move
//! at every step). NAG's point is the look-ahead θ + α·v, the parameter the engine's
//! [`crate::nn::optim::Nag`] keeps.
//!
//! The rates: the book's text names SGD 0.95, Momentum 0.1, RMSProp 0.5 and Adam 0.5 (20
//! steps); its code, which drew the figure, uses Momentum 0.05 and Adam 0.3 (25 steps).
//! We take the text's, the numbers a reader of the chapter has in mind. The book leaves
//! NAG, AdaGrad and AdaDelta out of the race: NAG gets Momentum's 0.1, AdaGrad 1 (its η
//! in the book's ch4 comparison), and AdaDelta has no η at all.

use super::{config, label, COUNT, NAMES};
use crate::error::Result;
use crate::nn::Optimizer;
use crate::params::{format_value, ParamSpec, Params};
use crate::text::{fmt_num, Text};
use crate::widget::{Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// Where every racer starts.
pub const START: [f32; 2] = [-7.0, 2.0];
/// The default η of each racer (AdaDelta's is shown but ignored), in the book's order.
pub const RATES: [f64; COUNT] = [0.95, 0.1, 0.1, 1.0, 1.0, 0.5, 0.5];
/// The URL keys of the seven rates (the optimizers' URL names).
pub const KEYS: [&str; COUNT] = [
    "sgd", "momentum", "nag", "adagrad", "adadelta", "rmsprop", "adam",
];
/// Steps after which the race ends (the book shows 20 to 25).
pub const MAX_RACE_STEPS: usize = 200;
/// A coordinate beyond this means the racer has flown off the bowl.
const BLOW_UP: f32 = 1e6;

/// f(x, y) = x²/10 + y².
pub fn f(x: f64, y: f64) -> f64 {
    x * x / 10.0 + y * y
}

/// ∇f = (x/5, 2y).
pub fn grad(x: f64, y: f64) -> (f64, f64) {
    (x / 5.0, 2.0 * y)
}

/// The racers a `show` setting selects: a group, or one optimizer by its URL name.
pub fn group(show: &str) -> Vec<usize> {
    match show {
        "book" => vec![0, 1, 5, 6],
        "momentum" => vec![0, 1, 2],
        "adaptive" => vec![3, 4, 5, 6],
        _ => match KEYS
            .iter()
            .position(|k| *k == show.strip_prefix("only-").unwrap_or(""))
        {
            Some(k) => vec![k],
            None => (0..COUNT).collect(),
        },
    }
}

/// One optimizer's run: its η, its optimizer object and the points it visited.
#[derive(Clone, Debug)]
struct Racer {
    lr: f64,
    opt: Box<dyn Optimizer>,
    path: Vec<[f32; 2]>,
    /// The step at which an update flew off the bowl (the racer then stays put).
    left_at: Option<usize>,
}

impl Racer {
    /// One update at step `step`: the gradient at the current point, both slots updated.
    fn advance(&mut self, step: usize) {
        if self.left_at.is_some() {
            return;
        }
        let mut p = self.path.last().copied().unwrap_or(START);
        let g = [p[0] / 5.0, 2.0 * p[1]];
        self.opt.begin_step();
        for (slot, (v, g)) in p.iter_mut().zip(g).enumerate() {
            self.opt
                .update(slot, self.lr as f32, std::slice::from_mut(v), &[g]);
        }
        if p.iter().all(|v| v.is_finite() && v.abs() < BLOW_UP) {
            self.path.push(p);
        } else {
            self.left_at = Some(step);
        }
    }
}

/// The `optimizer-race` widget.
#[derive(Clone, Debug)]
pub struct OptimizerRace {
    show: String,
    racers: Vec<Racer>,
    steps: usize,
}

fn specs() -> Vec<ParamSpec> {
    let mut out = vec![ParamSpec::choice(
        "show",
        Text::new("racers", "参赛者"),
        &[
            ("all", "all seven", "全部七种"),
            ("book", "the book's four", "书中的四种"),
            ("momentum", "SGD and the momentum family", "SGD 与动量类"),
            ("adaptive", "the adaptive four", "四种自适应方法"),
            ("only-sgd", "SGD only", "只看 SGD"),
            ("only-momentum", "Momentum only", "只看 Momentum"),
            ("only-nag", "NAG only", "只看 NAG"),
            ("only-adagrad", "AdaGrad only", "只看 AdaGrad"),
            ("only-adadelta", "AdaDelta only", "只看 AdaDelta"),
            ("only-rmsprop", "RMSProp only", "只看 RMSProp"),
            ("only-adam", "Adam only", "只看 Adam"),
        ],
        "all",
    )];
    for k in 0..COUNT {
        let label = if config(k).ignores_learning_rate() {
            Text::new(
                "η of AdaDelta (ignored: it has none)",
                "AdaDelta 的 η（不起作用：它没有学习率）",
            )
        } else {
            Text::new(format!("η of {}", NAMES[k]), format!("{} 的 η", NAMES[k]))
        };
        out.push(ParamSpec::number(KEYS[k], label, 0.01, 2.0, 0.01, RATES[k]));
    }
    out
}

impl OptimizerRace {
    /// The racers shown, as indices 0 (SGD) … 6 (Adam).
    pub fn shown(&self) -> Vec<usize> {
        group(&self.show)
    }

    /// The points racer `k` visited, the start first.
    pub fn path(&self, k: usize) -> Vec<(f64, f64)> {
        self.racers[k]
            .path
            .iter()
            .map(|p| (p[0] as f64, p[1] as f64))
            .collect()
    }

    /// Where racer `k` is now.
    pub fn at(&self, k: usize) -> (f64, f64) {
        let p = self.racers[k].path.last().copied().unwrap_or(START);
        (p[0] as f64, p[1] as f64)
    }

    /// The η of racer `k`.
    pub fn rate(&self, k: usize) -> f64 {
        self.racers[k].lr
    }

    /// The step at which racer `k` flew off the bowl, if it did.
    pub fn left_at(&self, k: usize) -> Option<usize> {
        self.racers[k].left_at
    }

    /// The shown racer with the lowest f now, among those still on the bowl.
    pub fn leader(&self) -> Option<usize> {
        let racing = self
            .shown()
            .into_iter()
            .filter(|&k| self.left_at(k).is_none());
        racing.min_by(|&a, &b| {
            let (fa, fb) = (f(self.at(a).0, self.at(a).1), f(self.at(b).0, self.at(b).1));
            fa.total_cmp(&fb)
        })
    }
}

impl Widget for OptimizerRace {
    fn spec() -> WidgetSpec {
        let title = (
            "The optimizer race on f(x, y) = x²/10 + y²",
            "优化器竞赛：f(x, y) = x²/10 + y²",
        );
        WidgetSpec::new("optimizer-race", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let specs = specs();
        let show = params.choice(&specs[0])?;
        let mut racers = Vec::with_capacity(COUNT);
        for (k, spec) in specs[1..].iter().enumerate() {
            racers.push(Racer {
                lr: params.number(spec)?,
                opt: config(k).build(),
                path: vec![START],
                left_at: None,
            });
        }
        Ok(OptimizerRace {
            show,
            racers,
            steps: 0,
        })
    }

    fn params(&self) -> Params {
        let mut p = vec![("show".to_string(), self.show.clone())];
        for (k, r) in self.racers.iter().enumerate() {
            p.push((KEYS[k].to_string(), format_value(r.lr)));
        }
        Params(p)
    }

    fn step(&mut self) -> Result<Outcome> {
        if self.steps >= MAX_RACE_STEPS {
            return Ok(Outcome::Done(limit()));
        }
        self.steps += 1;
        for r in &mut self.racers {
            r.advance(self.steps);
        }
        Ok(if self.steps >= MAX_RACE_STEPS {
            Outcome::Done(limit())
        } else {
            Outcome::Stepped
        })
    }

    fn steps(&self) -> usize {
        self.steps
    }

    fn table(&self) -> Table {
        let columns = vec![
            Column::symbol("eta", "η").with_digits(2),
            Column::symbol("x", "x"),
            Column::symbol("y", "y"),
            Column::symbol("f", "f(x, y)").with_digits(6),
            Column::symbol("grad", "|∇f|"),
        ];
        let rows = self.shown().into_iter().map(|k| {
            let (x, y) = self.at(k);
            let (gx, gy) = grad(x, y);
            // AdaDelta's η cell stays empty: there is no η in its update.
            let eta = Some(self.rate(k)).filter(|_| !config(k).ignores_learning_rate());
            let row = vec![eta, Some(x), Some(y), Some(f(x, y)), Some(gx.hypot(gy))];
            (label(k), row)
        });
        Table::labelled(columns, 4, rows)
    }

    fn readouts(&self) -> Vec<Readout> {
        let mut out = vec![Readout::of("step", ("step", "步数"), self.steps as f64, 0)];
        if let Some(k) = self.leader() {
            let (x, y) = self.at(k);
            out.push(Readout::of("best", ("lowest f", "最低的 f"), f(x, y), 6));
        }
        out
    }

    fn status(&self) -> Option<Text> {
        if self.steps == 0 {
            return None;
        }
        let mut en = Vec::new();
        let mut zh = Vec::new();
        if let Some(k) = self.leader() {
            let (x, y) = self.at(k);
            en.push(format!(
                "Step {}: lowest is {} (f = {}).",
                self.steps,
                NAMES[k],
                fmt_num(f(x, y), 6)
            ));
            zh.push(format!(
                "第 {} 步：{} 最低（f = {}）。",
                self.steps,
                NAMES[k],
                fmt_num(f(x, y), 6)
            ));
        }
        for k in self.shown() {
            if let Some(s) = self.left_at(k) {
                en.push(format!(
                    "{} flew off the bowl at step {s}: each update overshoots further; lower its η.",
                    NAMES[k]
                ));
                zh.push(format!(
                    "{} 在第 {s} 步飞出了碗：每次更新都冲得更远，请调小它的 η。",
                    NAMES[k]
                ));
            }
        }
        if self.steps >= MAX_RACE_STEPS {
            en.push(limit().en);
            zh.push(limit().zh);
        }
        Some(Text::new(en.join(" "), zh.join("")))
    }
}

fn limit() -> Text {
    Text::new(
        format!("The race ends after {MAX_RACE_STEPS} steps."),
        format!("比赛在 {MAX_RACE_STEPS} 步后结束。"),
    )
}
