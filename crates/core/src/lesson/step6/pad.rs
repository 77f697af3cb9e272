//! Step 6, ch13.0 / 13.3 — the draw-a-digit pad: a learner draws a digit, the page hands
//! the grey drawing to [`DigitPad::infer`], which runs the MNIST preprocessing
//! ([`super::preprocess`]) and a digits net, and keeps every stage, the hidden activations
//! and the ten probabilities for the chart.
//!
//! The net: any [`Network`] with 784 inputs and 10 outputs. By default it is the step-5
//! digits net (784-64-16-10, sigmoid, tanh, softmax — the same net the book exports to ONNX
//! in 13.2), trained here on the shipped digits exactly as the `digits` widget trains it:
//! a Step is 8 mini-batches (about 1,000 digits), Run stops after `epochs` epochs, and a
//! link's `steps` are replayed once the digits have arrived, so a lesson can open with a
//! trained net. The `net` setting picks step 7's deep net or step 8's CNN instead
//! ([`super::pad_nets`]). [`DigitPad::set_network`] swaps in a net from elsewhere (a model
//! file).

use super::infer::check_shape;
pub use super::infer::{classify, Inference, Maps, CLASSES};
use super::pad_nets::{net_spec, PadNet};
use super::preprocess::{preprocess, Gray, Stages};
use crate::error::Result;
use crate::lesson::digit_run::{DigitRun, DigitSet, DATA_FILE};
use crate::lesson::AnyWidget;
use crate::nn::Network;
use crate::params::{ParamSpec, Params};
use crate::text::Text;
use crate::widget::{Column, Outcome, Readout, Table, Widget, WidgetSpec};
use std::sync::Arc;

/// The widget.
#[derive(Clone, Debug)]
pub struct DigitPad {
    trainer: DigitRun,
    net: PadNet,
    epochs: usize,
    seed: u64,
    loaded: Option<(Network, Text)>,
    last: Option<Inference>,
}

fn specs() -> [ParamSpec; 3] {
    [
        net_spec(),
        ParamSpec::number(
            "epochs",
            Text::new("train for (epochs)", "训练轮数"),
            1.0,
            20.0,
            1.0,
            5.0,
        ),
        ParamSpec::seed(1000.0),
    ]
}

impl DigitPad {
    /// The net the pad runs: a loaded one, else the one trained here.
    pub fn network(&self) -> &Network {
        self.loaded
            .as_ref()
            .map_or_else(|| self.trainer.network(), |(n, _)| n)
    }

    /// The training of the built-in net (its history, its test digits).
    pub fn trainer(&self) -> &DigitRun {
        &self.trainer
    }

    /// Which net the pad trains (the `net` setting).
    pub fn net_kind(&self) -> &'static str {
        self.net.name()
    }

    /// Epochs after which Run stops.
    pub fn epochs(&self) -> usize {
        self.epochs
    }

    /// The result of the last drawing, if any.
    pub fn last(&self) -> Option<&Inference> {
        self.last.as_ref()
    }

    /// Runs the net on a drawing of `width`×`height` grey values (0 = paper … 1 = ink).
    /// An empty or malformed drawing is an error and the last result is kept.
    pub fn infer(&mut self, width: usize, height: usize, pixels: Vec<f32>) -> Result<()> {
        let stages = preprocess(Gray::new(width, height, pixels)?)?;
        self.last = Some(self.run(stages)?);
        Ok(())
    }

    fn run(&self, stages: Stages) -> Result<Inference> {
        let mut net = self.network().clone();
        let (probabilities, hidden, maps) = classify(&mut net, &stages.input)?;
        Ok(Inference {
            stages,
            probabilities,
            hidden,
            maps,
        })
    }

    /// Forgets the drawing and its result (the pad's Clear / Backspace).
    pub fn clear(&mut self) {
        self.last = None;
    }

    /// Runs the pad with `net` (for example one read from a model file) until the widget is
    /// rebuilt; `name` says where it came from. A net without 784 inputs and 10 outputs is
    /// refused and the pad keeps its net.
    pub fn set_network(&mut self, net: Network, name: Text) -> Result<()> {
        check_shape(&net)?;
        self.loaded = Some((net, name));
        self.refresh();
        Ok(())
    }

    /// Where a loaded net came from, if one is loaded.
    pub fn loaded_name(&self) -> Option<&Text> {
        self.loaded.as_ref().map(|(_, t)| t)
    }

    /// Runs the current net again on the last drawing (after training or a new net).
    fn refresh(&mut self) {
        if let Some(last) = self.last.take() {
            self.last = self.run(last.stages).ok();
        }
    }

    fn epochs_done(&self) -> usize {
        self.trainer.history().last().map_or(0, |r| r.epoch)
    }
}

impl AnyWidget {
    /// The draw-a-digit pad, if this widget is one (the page hands it drawings).
    pub fn digit_pad_mut(&mut self) -> Option<&mut DigitPad> {
        match self {
            AnyWidget::DigitPad(p) => Some(p),
            _ => None,
        }
    }
}

impl Widget for DigitPad {
    fn spec() -> WidgetSpec {
        let title = ("Draw a digit", "手写数字画板");
        WidgetSpec::new("digit-pad", title, &specs()).with_data(DATA_FILE)
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (net, epochs, seed): (String, usize, u64) = params.read(&specs())?;
        let net = PadNet::from_key(&net);
        Ok(DigitPad {
            trainer: net.run(epochs, seed)?,
            net,
            epochs,
            seed,
            loaded: None,
            last: None,
        })
    }

    fn params(&self) -> Params {
        let net = self.net.key().to_string();
        Params::write(&specs(), (net, self.epochs, self.seed))
    }

    fn attach_data(&mut self, bytes: &[u8]) -> Result<()> {
        let set = DigitSet::parse(bytes)?;
        let mut fresh = self.net.run(self.epochs, self.seed)?;
        fresh.set_data(Arc::new(set));
        self.trainer = fresh;
        self.refresh();
        Ok(())
    }

    fn awaiting_data(&self) -> bool {
        !self.trainer.has_data()
    }

    fn share_data_from(&mut self, other: &Self) {
        self.trainer.share_data(&other.trainer);
        self.refresh();
    }

    fn step(&mut self) -> Result<Outcome> {
        if self.loaded.is_some() {
            return Ok(Outcome::Done(Text::new(
                "The pad runs a loaded model; Reset goes back to the net trained here.",
                "画板正在使用载入的模型；重置后回到在此训练的网络。",
            )));
        }
        if self.epochs_done() >= self.epochs {
            return Ok(Outcome::Done(done(self.epochs)));
        }
        let out = self.trainer.step()?;
        self.refresh();
        if self.epochs_done() >= self.epochs {
            return Ok(Outcome::Done(done(self.epochs)));
        }
        Ok(out)
    }

    fn steps(&self) -> usize {
        self.trainer.steps()
    }

    /// The ten probabilities of the last drawing, one row per digit.
    fn table(&self) -> Table {
        let columns = vec![Column::text("p", "probability", "概率")];
        let probabilities = self.last.iter().flat_map(|inf| &inf.probabilities);
        let rows = probabilities.enumerate();
        let rows = rows.map(|(d, &p)| (Text::same(d.to_string()), vec![Some(p as f64)]));
        Table::labelled(columns, 4, rows)
    }

    fn readouts(&self) -> Vec<Readout> {
        let mut r = Vec::new();
        if let Some(inf) = &self.last {
            let (d, p) = inf.prediction();
            r.push(Readout::of("digit", ("digit", "数字"), d as f64, 0));
            r.push(Readout::of(
                "probability",
                ("probability", "概率"),
                p as f64,
                4,
            ));
        }
        let epoch = self.trainer.epoch();
        r.push(Readout::of(
            "epoch",
            ("epochs trained", "已训练轮数"),
            epoch,
            2,
        ));
        if let Some(row) = self.trainer.history().last() {
            let acc = row.test_accuracy;
            r.push(Readout::test_accuracy(acc, 4));
        }
        r
    }

    fn status(&self) -> Option<Text> {
        if let Some(name) = self.loaded_name() {
            return Some(Text::new(
                format!("Running the loaded model “{}”.", name.en),
                format!("正在使用载入的模型“{}”。", name.zh),
            ));
        }
        if !self.trainer.has_data() {
            return self.trainer.status();
        }
        if self.trainer.steps() == 0 {
            return Some(Text::new(
                "The net is untrained: press Run to train it on the shipped digits first.",
                "网络还没有训练：请先按“运行”，用附带的手写数字训练它。",
            ));
        }
        if self.epochs_done() >= self.epochs {
            return Some(done(self.epochs));
        }
        self.trainer.status()
    }
}

fn done(epochs: usize) -> Text {
    Text::new(
        format!("Trained for {epochs} epochs: draw a digit and press Enter."),
        format!("已训练 {epochs} 轮：写一个数字，然后按回车键。"),
    )
}

#[cfg(test)]
#[path = "pad_tests.rs"]
mod tests;
