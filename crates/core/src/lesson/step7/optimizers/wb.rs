//! Step 7, ch15.4.2 — the seven optimizers on the ch4 regression, over the (w, b) contour:
//! a table of the iterations each needs at the book's rates (our data seed against the
//! book's counts) and one optimizer's live run. The fit itself, and why our target is
//! J − J* ≤ 0.005 rather than the book's J ≤ 0.005, are in [`super::wb_run`].

use super::wb_run::{ch04, to_target, Run, BATCH, BOOK_ITERATIONS, BOOK_RATES, MAX_EPOCHS, TARGET};
use super::{choices, config, index_of, label, COUNT, NAMES};
use crate::error::Result;
use crate::lesson::mse::mse;
use crate::params::{ParamSpec, Params};
use crate::text::{fmt_num, Text};
use crate::widget::{finish, keep_error, Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// The `optimizer-wb` widget: the comparison table at the book's rates, and one live run.
#[derive(Clone, Debug)]
pub struct OptimizerWb {
    optimizer: usize,
    eta_setting: f64,
    seed: u64,
    x: Vec<f64>,
    y: Vec<f64>,
    best: (f64, f64),
    floor: f64,
    run: Run,
    finished: Vec<Run>,
    done: Option<Text>,
}

fn specs() -> [ParamSpec; 3] {
    [
        ParamSpec::choice(
            "optimizer",
            Text::new("optimizer", "优化器"),
            &choices(),
            "sgd",
        ),
        ParamSpec::number(
            "eta",
            Text::new(
                "learning rate η (0 = the book's)",
                "学习率 η（0 = 书中取值）",
            ),
            0.0,
            2.0,
            0.01,
            0.0,
        ),
        ParamSpec::data_seed(5.0),
    ]
}

impl OptimizerWb {
    /// The chosen optimizer, 0 (SGD) … 6 (Adam).
    pub fn optimizer(&self) -> usize {
        self.optimizer
    }

    /// The η in use (for AdaDelta, whatever it is, it is not used).
    pub fn eta(&self) -> f64 {
        self.run.lr()
    }

    /// (w, b) after every update of the live run, (0, 0) first.
    pub fn path(&self) -> &[(f64, f64)] {
        self.run.path()
    }

    /// The least-squares line (w*, b*).
    pub fn best(&self) -> (f64, f64) {
        self.best
    }

    /// J* = J(w*, b*), the lowest loss this data allows.
    pub fn floor(&self) -> f64 {
        self.floor
    }

    /// J(w, b) on the 100 samples.
    pub fn loss_at(&self, w: f64, b: f64) -> f64 {
        mse(&self.x, &self.y, w, b)
    }

    /// The iteration at which the live run first got within [`TARGET`] of J*, if it has.
    pub fn reached(&self) -> Option<usize> {
        self.run.reached()
    }

    /// Iterations each optimizer needs at the book's rates on this data (`None`: not
    /// within [`MAX_EPOCHS`]).
    pub fn counts(&self) -> Vec<Option<usize>> {
        self.finished.iter().map(|r| r.reached()).collect()
    }
}

impl Widget for OptimizerWb {
    fn spec() -> WidgetSpec {
        let title = (
            "Seven optimizers fit the ch4 line: the (w, b) path",
            "七种优化器拟合第 4 章的直线：(w, b) 的轨迹",
        );
        WidgetSpec::new("optimizer-wb", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (optimizer, eta_setting, seed): (String, f64, u64) = params.read(&specs())?;
        let optimizer = index_of(&optimizer).unwrap_or(0);
        let (x, y, best, floor) = ch04(seed);
        let lr = if eta_setting > 0.0 {
            eta_setting
        } else {
            BOOK_RATES[optimizer]
        };
        let finished = (0..COUNT)
            .map(|k| to_target(k, seed))
            .collect::<Result<Vec<_>>>()?;
        Ok(OptimizerWb {
            optimizer,
            eta_setting,
            seed,
            run: Run::new(optimizer, lr, seed, x.len())?,
            x,
            y,
            best,
            floor,
            finished,
            done: None,
        })
    }

    fn params(&self) -> Params {
        let optimizer = config(self.optimizer).name().to_string();
        Params::write(&specs(), (optimizer, self.eta_setting, self.seed))
    }

    fn step(&mut self) -> Result<Outcome> {
        if let Some(t) = &self.done {
            return Ok(Outcome::Done(t.clone()));
        }
        let limit = MAX_EPOCHS * self.x.len().div_ceil(BATCH);
        if self.run.iterations() >= limit {
            let why = Text::new(
                format!("Stopped at the limit of {MAX_EPOCHS} epochs without reaching the target."),
                format!("已到 {MAX_EPOCHS} 轮的上限，仍未达到目标。"),
            );
            return finish(&mut self.done, why);
        }
        keep_error(
            &mut self.done,
            self.run.update(&self.x, &self.y, self.floor),
        )?;
        if let Some(n) = self.run.reached() {
            let epoch = (n - 1) / self.x.len().div_ceil(BATCH) + 1;
            let why = Text::new(
                format!(
                    "{} is within {TARGET} of the best loss after iteration {n} (epoch {epoch}).",
                    NAMES[self.optimizer]
                ),
                format!(
                    "{} 在第 {n} 次迭代（第 {epoch} 轮）后离最低损失不到 {TARGET}。",
                    NAMES[self.optimizer]
                ),
            );
            return finish(&mut self.done, why);
        }
        Ok(Outcome::Stepped)
    }

    fn steps(&self) -> usize {
        self.run.iterations()
    }

    fn table(&self) -> Table {
        let columns = vec![
            Column::text("eta", "η (book's code)", "η（书中代码）").with_digits(2),
            Column::count("ours", "iterations (ours)", "迭代次数（本站）"),
            Column::count("book", "iterations (book)", "迭代次数（书中）"),
            Column::symbol("w", "w"),
            Column::symbol("b", "b"),
            Column::symbol("gap", "J − J*").with_digits(5),
        ];
        let rows = self.finished.iter().enumerate().map(|(k, run)| {
            let (w, b) = run.wb();
            let eta = Some(BOOK_RATES[k]).filter(|_| !config(k).ignores_learning_rate());
            let ours = run.reached().map(|n| n as f64);
            let book = BOOK_ITERATIONS[k].map(|n| n as f64);
            let gap = self.loss_at(w, b) - self.floor;
            (label(k), vec![eta, ours, book, Some(w), Some(b), Some(gap)])
        });
        Table::labelled(columns, 4, rows)
    }

    fn readouts(&self) -> Vec<Readout> {
        let (w, b) = self.run.wb();
        let j = self.loss_at(w, b);
        let iterations = self.run.iterations() as f64;
        vec![
            Readout::of("iteration", ("iteration", "迭代次数"), iterations, 0),
            Readout::new("w", Text::same("w"), w, 4),
            Readout::new("b", Text::same("b"), b, 4),
            Readout::of("loss", ("loss J", "损失 J"), j, 5),
            Readout::new("gap", Text::same("J − J*"), j - self.floor, 5),
        ]
    }

    fn status(&self) -> Option<Text> {
        if let Some(t) = &self.done {
            return Some(t.clone());
        }
        if config(self.optimizer).ignores_learning_rate() && self.eta_setting > 0.0 {
            return Some(Text::new(
                "AdaDelta has no learning rate: the η you set changes nothing.",
                "AdaDelta 没有学习率：设置的 η 不起任何作用。",
            ));
        }
        Some(Text::new(
            format!(
                "Target: J − J* ≤ {TARGET}, where J* = {} is the loss of the least-squares line.",
                fmt_num(self.floor, 5)
            ),
            format!(
                "目标：J − J* ≤ {TARGET}，其中 J* = {} 是最小二乘直线的损失。",
                fmt_num(self.floor, 5)
            ),
        ))
    }
}
