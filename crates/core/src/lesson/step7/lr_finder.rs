//! Step 7 (the book's ch12.3) — the learning-rate finder on the digits: the ch12 net
//! (784-64-16-10, sigmoid, tanh, softmax, Xavier) trained with a rate that grows over a
//! log scale, 1e-4 … 1.1 in 41 values of 10 updates each ([`FinderConfig::book`]), two
//! values per Step. The loss falls while the rate helps and turns up where it is too large;
//! the book reads "about 0.8, or 0.75 to be safe" off its curve (batch 128).
//!
//! The engine's [`Finder`] does the work; this widget only feeds it the shipped digits.

use crate::error::{Error, ErrorKind, Result};
use crate::lesson::digit_run::{DigitSet, DATA_FILE, PIXELS};
use crate::nn::lr_finder::{Finder, FinderConfig, FinderPoint};
use crate::nn::{Activation, Init, LayerConfig, Network, NetworkConfig, Output};
use crate::params::{ParamSpec, Params};
use crate::text::{fmt_num, Text};
use crate::widget::{finite, Column, Outcome, Readout, Table, Widget, WidgetSpec};
use std::sync::Arc;

/// Rates tried per Step.
pub const VALUES_PER_STEP: usize = 2;

/// The batch sizes the learner can try.
const BATCHES: [&str; 3] = ["16", "32", "128"];

fn specs() -> [ParamSpec; 2] {
    [
        ParamSpec::values("batch", Text::new("batch size", "批大小"), &BATCHES, "128"),
        ParamSpec::seed(1000.0),
    ]
}

/// The ch12 network (the step-5 `digits` widget's).
pub fn ch12_net(seed: u64) -> Result<Network> {
    NetworkConfig {
        input_shape: None,
        inputs: PIXELS,
        layers: vec![
            LayerConfig::dense(64, Activation::Sigmoid),
            LayerConfig::dense(16, Activation::Tanh),
            LayerConfig::dense(10, Activation::Identity),
        ],
        output: Output::Softmax,
        init: Init::Xavier,
        seed,
    }
    .build()
}

/// The `lr-finder` widget.
#[derive(Clone, Debug)]
pub struct LrFinder {
    batch: usize,
    seed: u64,
    net: Network,
    data: Option<Arc<DigitSet>>,
    finder: Option<Finder>,
    steps: usize,
}

impl LrFinder {
    /// The points of the sweep so far.
    pub fn points(&self) -> &[FinderPoint] {
        self.finder.as_ref().map_or(&[], |f| f.points())
    }

    /// Whether the digits have been attached.
    pub fn has_data(&self) -> bool {
        self.data.is_some()
    }

    /// The sweep's settings.
    pub fn config(&self) -> FinderConfig {
        FinderConfig::book(self.batch, self.seed)
    }

    /// The point with the lowest loss so far.
    pub fn lowest(&self) -> Option<FinderPoint> {
        self.points()
            .iter()
            .copied()
            .filter(|p| p.loss.is_finite())
            .min_by(|a, b| a.loss.total_cmp(&b.loss))
    }

    /// The first rate after the lowest point whose loss is above the lowest by half or more
    /// (where the curve has clearly turned up), if the sweep has got there.
    pub fn turn_up(&self) -> Option<FinderPoint> {
        let low = self.lowest()?;
        self.points()
            .iter()
            .copied()
            .find(|p| p.lr > low.lr && (p.loss >= 1.5 * low.loss || p.loss.is_nan()))
    }

    fn attach(&mut self, set: Arc<DigitSet>) -> Result<()> {
        self.finder = Some(Finder::new(&self.net, set.train(), self.config())?);
        self.data = Some(set);
        self.steps = 0;
        Ok(())
    }
}

fn loading() -> Error {
    Error::new(
        ErrorKind::BadData,
        "The digits are still loading — Step works once they have arrived.",
        "手写数字还在加载中，加载完成后才能迭代。",
    )
}

impl Widget for LrFinder {
    fn spec() -> WidgetSpec {
        let title = (
            "Learning-rate finder on the digits",
            "手写数字上的学习率查找",
        );
        WidgetSpec::new("lr-finder", title, &specs()).with_data(DATA_FILE)
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (batch, seed): (String, u64) = params.read(&specs())?;
        let batch: usize = batch.parse().unwrap_or(128);
        Ok(LrFinder {
            batch,
            seed,
            net: ch12_net(seed)?,
            data: None,
            finder: None,
            steps: 0,
        })
    }

    fn params(&self) -> Params {
        Params::write(&specs(), (self.batch.to_string(), self.seed))
    }

    fn attach_data(&mut self, bytes: &[u8]) -> Result<()> {
        let set = Arc::new(DigitSet::parse(bytes)?);
        self.attach(set)
    }

    fn awaiting_data(&self) -> bool {
        self.data.is_none()
    }

    fn share_data_from(&mut self, other: &Self) {
        if let (None, Some(d)) = (&self.data, &other.data) {
            let _ = self.attach(Arc::clone(d));
        }
    }

    fn step(&mut self) -> Result<Outcome> {
        let (Some(data), Some(finder)) = (self.data.clone(), self.finder.as_mut()) else {
            return Err(loading());
        };
        if !finder.done() {
            for _ in 0..VALUES_PER_STEP {
                if finder.next(data.train()).is_none() || finder.done() {
                    break;
                }
            }
            self.steps += 1;
        }
        match self.status() {
            Some(t) => Ok(Outcome::Done(t)),
            None => Ok(Outcome::Stepped),
        }
    }

    fn steps(&self) -> usize {
        self.steps
    }

    fn table(&self) -> Table {
        let loss = Column::text("loss", "mean loss of 10 updates", "10 次更新的平均损失");
        Table::of_records(4, self.points().iter().enumerate())
            .column(Column::count("k", "k", "k"), |&(k, _)| k as f64)
            .maybe(Column::symbol("lr", "η"), |(_, p)| finite(p.lr as f64))
            .maybe(loss, |(_, p)| finite(p.loss as f64))
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let lr = |p: Option<FinderPoint>| p.map_or(0.0, |p| p.lr as f64);
        let tried = self.points().len() as f64;
        let mut r = vec![
            Readout::of("rates", ("rates tried", "已试学习率"), tried, 0),
            Readout::of(
                "lowest",
                ("lowest loss at η", "损失最低时的 η"),
                lr(self.lowest()),
                3,
            ),
        ];
        // Only once the curve has turned up (0 would read as a rate).
        if let Some(up) = self.turn_up() {
            let at = up.lr as f64;
            r.push(Readout::of(
                "turn_up",
                ("turns up at η", "开始上升时的 η"),
                at,
                3,
            ));
        }
        r
    }

    fn status(&self) -> Option<Text> {
        if self.data.is_none() {
            return Some(loading().text);
        }
        let f = self.finder.as_ref()?;
        if !f.done() {
            return None;
        }
        let low = self.lowest()?;
        let (l, e) = (fmt_num(low.loss as f64, 4), fmt_num(low.lr as f64, 3));
        Some(match self.turn_up() {
            Some(up) => {
                let u = fmt_num(up.lr as f64, 3);
                Text::new(
                    format!("Sweep done: the loss is lowest ({l}) at η = {e} and has turned up by η = {u}; a rate a little below that is the largest safe one."),
                    format!("扫描结束：η = {e} 时损失最低（{l}），到 η = {u} 时已明显上升；比它稍小的学习率是最大的安全值。"),
                )
            }
            None => Text::new(
                format!("Sweep done: the loss is lowest ({l}) at η = {e} and never turned up."),
                format!("扫描结束：η = {e} 时损失最低（{l}），之后没有上升。"),
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sweep_on_the_digits_is_lowest_near_the_books_best_rate() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/mnist-10k.bin");
        let Ok(bytes) = std::fs::read(path) else {
            eprintln!("skipped: {path} is absent");
            return;
        };
        let mut w = LrFinder::from_params(&Params::default()).unwrap();
        assert!(w.step().is_err() && w.awaiting_data());
        w.attach_data(&bytes).unwrap();
        while let Outcome::Stepped = w.step().unwrap() {}
        let (pts, low) = (w.points(), w.lowest().unwrap());
        eprintln!(
            "lr finder: {} rates, lowest {low:?}, turn up {:?}",
            pts.len(),
            w.turn_up()
        );
        // The same points as the engine's one-call sweep.
        let all = crate::nn::lr_finder::sweep(&w.net, w.data.as_ref().unwrap().train(), w.config())
            .unwrap();
        assert_eq!(pts, &all[..]);
        // It falls: the lowest loss is well below the first; the best rate is far above 1e-4.
        assert!(
            low.loss < 0.7 * pts[0].loss && low.lr > 0.05,
            "{low:?} {:?}",
            pts[0]
        );
        assert_eq!(w.table().rows.len(), pts.len());
        let t = w.status().unwrap();
        assert!(t.en.contains("lowest") && t.zh.contains("最低"));
        // Book ch12.3: on MNIST with batch 128, η 0.5 was best. The lesson says where ours is.
        let e = fmt_num(low.lr as f64, 2);
        for lang in ["en", "zh"] {
            let path = format!(
                "{}/../../content/lessons/optimizers.{lang}.md",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                text.contains(&format!("η ≈ {e}")),
                "{path} should say η ≈ {e}"
            );
        }
    }
}
