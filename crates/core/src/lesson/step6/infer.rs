//! Step 6 — running a digits classifier on one prepared drawing: the ten probabilities and
//! every hidden layer's output, for any [`Network`] with 784 inputs and 10 outputs (the
//! step-5 net trained in the page, a net read from a model file, later the CNN).

use super::preprocess::Stages;
use crate::error::{Error, ErrorKind, Result};
use crate::lesson::digits::PIXELS;
use crate::nn::metrics::class_of;
use crate::nn::{LayerConfig, Matrix, Network, Output, Shape};

/// Classes a pad's net must output.
pub const CLASSES: usize = 10;

/// What the net made of the last drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Inference {
    /// Every preprocessing stage.
    pub stages: Stages,
    /// The ten probabilities.
    pub probabilities: Vec<f32>,
    /// The outputs of each flat layer before the last, with the layer's name.
    pub hidden: Hidden,
    /// The feature maps of each convolution (a CNN's; none for a dense net).
    pub maps: Vec<Maps>,
}

/// The output of one convolution layer for the drawing: `shape.channels` maps of
/// `shape.height × shape.width` values, C×H×W row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct Maps {
    /// Which convolution: `conv1`, `conv2`, …
    pub name: String,
    /// Channels × height × width.
    pub shape: Shape,
    /// The values.
    pub values: Vec<f32>,
}

impl Maps {
    /// Map `c` (height × width values, row-major).
    pub fn map(&self, c: usize) -> &[f32] {
        let n = self.shape.height * self.shape.width;
        self.values.get(c * n..(c + 1) * n).unwrap_or(&[])
    }
}

impl Inference {
    /// The predicted digit and its probability.
    pub fn prediction(&self) -> (usize, f32) {
        let d = class_of(&self.probabilities);
        (d, self.probabilities[d])
    }
}

/// The outputs of the layers before the last, each with a name such as `64 sigmoid`.
pub type Hidden = Vec<(String, Vec<f32>)>;

/// Runs `net` on one 784-pixel input: the ten probabilities (softmax applied if the net's
/// own output is not a softmax), the output of every flat layer before the last, and the
/// feature maps of every convolution.
pub fn classify(net: &mut Network, input: &[f32]) -> Result<(Vec<f32>, Hidden, Vec<Maps>)> {
    check_shape(net)?;
    let out = net.predict_rows(input)?;
    let probabilities = if net.output() == Output::Softmax {
        out.data
    } else {
        let mut p = Matrix::default();
        Output::Softmax.forward_into(&out, &mut p);
        p.data
    };
    let n = net.layers().len();
    let shapes = net.shapes();
    let hidden = net.layers()[..n.saturating_sub(1)]
        .iter()
        .zip(&shapes[1..])
        .filter(|(_, s)| s.is_flat())
        .map(|(l, _)| {
            let c = l.config();
            let name = match c.activation() {
                Some(a) => format!("{} {}", l.outputs(), a.name()),
                None => format!("{} {}", l.outputs(), c.name()),
            };
            (name, l.output().data.clone())
        })
        .collect();
    let maps = net
        .layers()
        .iter()
        .zip(&shapes[1..])
        .filter(|(l, _)| matches!(l.config(), LayerConfig::Conv2d { .. }))
        .enumerate()
        .map(|(k, (l, &shape))| Maps {
            name: format!("conv{}", k + 1),
            shape,
            values: l.output().data.clone(),
        })
        .collect();
    Ok((probabilities, hidden, maps))
}

/// The error for a net that is not a digits classifier.
pub(crate) fn check_shape(net: &Network) -> Result<()> {
    if net.inputs() != PIXELS || net.outputs() != CLASSES {
        return Err(Error::new(
            ErrorKind::BadData,
            format!(
                "The pad needs a net with {PIXELS} inputs and {CLASSES} outputs; this one has {} and {}.",
                net.inputs(),
                net.outputs()
            ),
            format!(
                "画板需要 {PIXELS} 个输入、{CLASSES} 个输出的网络；这个网络有 {} 个输入和 {} 个输出。",
                net.inputs(),
                net.outputs()
            ),
        ));
    }
    Ok(())
}
