//! Step 6, ch13.1 — a model viewer in the spirit of Netron: a network drawn as a column of
//! boxes, one per layer, each with its kind, activation, output shape, tensors and number
//! of parameters.
//!
//! [`ModelView::of_network`] reads any built [`Network`] through its one parameter visit
//! (so a layer added later, or a model read from a file, shows without changes here);
//! [`ModelView::from_config`] builds the net of a [`NetworkConfig`] first. The `model-view`
//! widget shows one of the course's nets, or a net handed to [`ModelViewer::show`].

use crate::error::Result;
use crate::lesson::step5::digits::digits_net;
use crate::lesson::step7::deep_digits::deep_net;
use crate::nn::{Activation, Init, LayerConfig, Network, NetworkConfig, Output};
use crate::params::{ParamSpec, Params};
use crate::text::Text;
use crate::widget::{Column, Readout, Table, Widget, WidgetSpec};

/// One box of the drawing: a layer.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerBox {
    /// The layer's kind as model files name it (`dense`, `batch-norm`, …).
    pub kind: &'static str,
    /// Its activation, if it has one (`sigmoid`, `linear` for identity).
    pub activation: Option<&'static str>,
    /// Shape of its output for one sample: `[1, width]`.
    pub shape: Vec<usize>,
    /// Its tensors: name and rows × columns (`w` 784×64, `b` 1×64, …).
    pub tensors: Vec<(&'static str, (usize, usize))>,
    /// Trained parameters (weights, biases, γ, β).
    pub params: usize,
    /// Stored but untrained values (batch norm's running statistics).
    pub statistics: usize,
}

/// A network as the viewer draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelView {
    /// What the net is.
    pub title: Text,
    /// Input width.
    pub inputs: usize,
    /// The layers, first to last.
    pub layers: Vec<LayerBox>,
    /// The output function after the last layer.
    pub output: Output,
}

impl ModelView {
    /// The boxes of a built network.
    pub fn of_network(net: &Network, title: Text) -> ModelView {
        let mut layers: Vec<LayerBox> = net
            .layers()
            .iter()
            .map(|l| {
                let c = l.config();
                LayerBox {
                    kind: c.name(),
                    activation: c.activation().map(Activation::name),
                    shape: vec![1, l.outputs()],
                    tensors: Vec::new(),
                    params: 0,
                    statistics: 0,
                }
            })
            .collect();
        net.visit(|i, p| {
            let b = &mut layers[i];
            b.tensors.push((p.name, p.shape));
            if p.role.trainable() {
                b.params += p.value.len();
            } else {
                b.statistics += p.value.len();
            }
        });
        ModelView {
            title,
            inputs: net.inputs(),
            layers,
            output: net.output(),
        }
    }

    /// The boxes of the net `config` describes (checked and built first).
    pub fn from_config(config: &NetworkConfig, title: Text) -> Result<ModelView> {
        Ok(ModelView::of_network(&config.build()?, title))
    }

    /// All trained parameters.
    pub fn total_params(&self) -> usize {
        self.layers.iter().map(|l| l.params).sum()
    }
}

/// The course's nets the widget can show: (key, title, config).
pub fn preset(key: &str) -> Option<(Text, NetworkConfig)> {
    Some(match key {
        "digits" => (
            Text::new(
                "The digits net of step 5 (ch12), exported to ONNX in ch13.2",
                "第 5 步（第 12 章）的手写数字网络，第 13.2 节把它导出为 ONNX",
            ),
            digits_net(1),
        ),
        "deep" => (
            Text::new(
                "The deep MNIST net of ch14.6",
                "第 14.6 节的深层 MNIST 网络",
            ),
            deep_net(false, 1),
        ),
        "dense10" => (
            Text::new(
                "ch13.1's Netron example: Dense(10) + ReLU on 784 inputs",
                "第 13.1 节的 Netron 示例：784 个输入上的 Dense(10) + ReLU",
            ),
            NetworkConfig {
                input_shape: None,
                inputs: 784,
                layers: vec![LayerConfig::dense(10, Activation::Relu)],
                output: Output::Identity,
                init: Init::Xavier,
                seed: 1,
            },
        ),
        _ => return None,
    })
}

/// The `model-view` widget.
#[derive(Clone, Debug)]
pub struct ModelViewer {
    net: String,
    view: ModelView,
    shown: bool,
}

fn specs() -> [ParamSpec; 1] {
    [ParamSpec::choice(
        "net",
        Text::new("network", "网络"),
        &[
            ("digits", "digits 784-64-16-10", "手写数字 784-64-16-10"),
            (
                "deep",
                "deep 784-128-64-32-16-10",
                "深层 784-128-64-32-16-10",
            ),
            ("dense10", "Dense(10) (ch13.1)", "Dense(10)（13.1 节）"),
        ],
        "digits",
    )]
}

impl ModelViewer {
    /// What is drawn.
    pub fn view(&self) -> &ModelView {
        &self.view
    }

    /// Shows `net` (a loaded or imported model) until a setting changes.
    pub fn show(&mut self, net: &Network, title: Text) {
        self.view = ModelView::of_network(net, title);
        self.shown = true;
    }
}

impl crate::lesson::AnyWidget {
    /// The model viewer, if this widget is one (the page hands it loaded models).
    pub fn model_view_mut(&mut self) -> Option<&mut ModelViewer> {
        match self {
            crate::lesson::AnyWidget::ModelView(v) => Some(v),
            _ => None,
        }
    }
}

impl Widget for ModelViewer {
    fn spec() -> WidgetSpec {
        let title = ("Model viewer", "模型查看器");
        WidgetSpec::new("model-view", title, &specs()).still()
    }

    fn from_params(params: &Params) -> Result<Self> {
        let [sn] = specs();
        let net = params.choice(&sn)?;
        let (title, config) = preset(&net).ok_or_else(|| {
            crate::error::Error::new(
                crate::error::ErrorKind::BadValue,
                format!("There is no network called “{net}”."),
                format!("没有名为“{net}”的网络。"),
            )
        })?;
        let view = ModelView::from_config(&config, title)?;
        Ok(ModelViewer {
            net,
            view,
            shown: false,
        })
    }

    fn params(&self) -> Params {
        Params::zip(&specs(), [self.net.clone()])
    }

    /// One row per layer: units, trained parameters, statistics.
    fn table(&self) -> Table {
        let columns = vec![
            Column::count("units", "outputs", "输出"),
            Column::count("params", "parameters", "参数"),
            Column::count("statistics", "statistics", "统计量"),
        ];
        let rows = self.view.layers.iter().enumerate().map(|(i, l)| {
            let name = match l.activation {
                Some(a) => format!("{} {} ({a})", i + 1, l.kind),
                None => format!("{} {}", i + 1, l.kind),
            };
            let counts = [l.shape[1], l.params, l.statistics];
            (Text::same(name), counts.map(|n| Some(n as f64)).to_vec())
        });
        Table::labelled(columns, 0, rows)
    }

    fn readouts(&self) -> Vec<Readout> {
        let (layers, params) = (self.view.layers.len(), self.view.total_params());
        vec![
            Readout::of("layers", ("layers", "层数"), layers as f64, 0),
            Readout::of("params", ("parameters", "参数总数"), params as f64, 0),
        ]
    }

    fn status(&self) -> Option<Text> {
        self.shown.then(|| self.view.title.clone())
    }
}

#[cfg(test)]
#[path = "model_view_tests.rs"]
mod tests;
