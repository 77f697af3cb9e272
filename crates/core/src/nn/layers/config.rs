//! [`LayerConfig`]: the one table of layer settings. A network's layers are a list of these
//! (plain serde data: the URL state, model files, the diagram and the CLI all read it), and
//! [`LayerConfig::build`] is the gate that checks one against the width coming in and makes
//! the runtime [`Layer`].
//!
//! ```text
//! {"type":"dense","units":8,"activation":"relu"}   {"type":"batch-norm","momentum":0.9,"eps":1e-5}
//! {"type":"activation","activation":"tanh"}          {"type":"dropout","ratio":0.2}
//! ```

use super::{
    ActivationLayer, BatchNorm, Bidirectional, CellType, Dense, Dropout, GruCell, Layer, LstmCell,
    Recurrent, RnnCell, SeqOutput, TimeDense,
};
use crate::error::{Error, ErrorKind, Result};
use crate::limits::{ENGINE_MAX_UNITS, ENGINE_MAX_VALUES};
use crate::nn::activation::Activation;
use crate::nn::init::Init;
use crate::nn::shape::Shape;
use crate::rng::Rng;
use serde::{Deserialize, Serialize};

/// Batch norm's default momentum of the running statistics (the book's 0.9).
pub const BN_MOMENTUM: f32 = 0.9;
/// Batch norm's default ε under the square root (the book's 1e-5).
pub const BN_EPS: f32 = 1e-5;

/// The settings of one layer.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum LayerConfig {
    /// A fully connected layer `A = f(X·W + B)` with `units` outputs.
    Dense {
        /// Number of units (outputs).
        units: usize,
        /// Its activation f (identity for none).
        activation: Activation,
    },
    /// An activation on its own, `Y = f(X)` (after batch norm).
    Activation {
        /// The function f.
        activation: Activation,
    },
    /// Batch normalisation of every input column, with a learned scale γ and shift β.
    BatchNorm {
        /// Weight of the old running statistics in each update (0.9).
        momentum: f32,
        /// ε added to the variance under the square root (1e-5).
        eps: f32,
    },
    /// Dropout: in training, each value is kept with probability 1 − ratio and scaled by
    /// 1/(1 − ratio) (inverted dropout); in inference the layer passes X through.
    Dropout {
        /// The share of values dropped, 0 ≤ ratio < 1.
        ratio: f32,
    },
    /// A 2-D convolution (step 8, [`super::Conv2d`]): `channels` kernels of
    /// `in_channels × kernel × kernel`, where the input shape gives `in_channels`.
    Conv2d {
        /// Output channels (number of kernels).
        channels: usize,
        /// Side of the square kernel.
        kernel: usize,
        /// Step of the window, ≥ 1.
        stride: usize,
        /// Zeros added on every side of each channel, < kernel.
        padding: usize,
        /// Whether each output channel adds a learned bias.
        bias: bool,
    },
    /// Max pooling over `size × size` windows moved by `stride` ([`super::Pool`]).
    MaxPool {
        /// Side of the window.
        size: usize,
        /// Step of the window, ≥ 1.
        stride: usize,
    },
    /// Mean (average) pooling over `size × size` windows moved by `stride`.
    AvgPool {
        /// Side of the window.
        size: usize,
        /// Step of the window, ≥ 1.
        stride: usize,
    },
    /// C×H×W → a flat vector of C·H·W ([`super::Flatten`]): the row's values do not move,
    /// only the shape the next layer sees changes.
    Flatten,
    /// A plain recurrent layer (ch19): `h_t = tanh(x_t·U + h_{t−1}·W + b)` over `steps`
    /// steps of a row of `steps × F` inputs.
    Rnn {
        /// Hidden units H.
        units: usize,
        /// Time steps T (the input width must be a multiple of it).
        steps: usize,
        /// Every step's h, or the last one.
        output: SeqOutput,
        /// Whether the cell has a bias b (ch19.2 has none).
        bias: bool,
    },
    /// An LSTM layer (ch20.1): forget, input, candidate and output gates and a cell state.
    Lstm {
        /// Hidden units H.
        units: usize,
        /// Time steps T.
        steps: usize,
        /// Every step's h, or the last one.
        output: SeqOutput,
    },
    /// A GRU layer (ch20.3): update and reset gates and a candidate.
    Gru {
        /// Hidden units H.
        units: usize,
        /// Time steps T.
        steps: usize,
        /// Every step's h, or the last one.
        output: SeqOutput,
    },
    /// One dense layer applied at each of `steps` steps with the same weights (the output
    /// V of a recurrent net with an output at every step).
    TimeDense {
        /// Outputs per step.
        units: usize,
        /// Time steps T.
        steps: usize,
        /// Its activation (identity under a logistic/softmax output).
        activation: Activation,
        /// Whether it has a bias (ch19.2 has none).
        bias: bool,
    },
    /// A bidirectional recurrent layer (ch19.7, [`super::Bidirectional`]): one `cell`
    /// reading forwards and one reading backwards, each with `units` hidden units, their
    /// states side by side (2·units per step).
    Bidirectional {
        /// The cell of both directions (an RNN cell here has a bias).
        cell: CellType,
        /// Hidden units H of each direction.
        units: usize,
        /// Time steps T.
        steps: usize,
        /// Every step's [h→ h←], or [h→_T h←_1].
        output: SeqOutput,
    },
}

/// Most time steps a recurrent layer may unroll.
pub const MAX_STEPS: usize = 1024;

impl LayerConfig {
    /// A dense layer.
    pub fn dense(units: usize, activation: Activation) -> LayerConfig {
        LayerConfig::Dense { units, activation }
    }

    /// An activation layer on its own (after batch norm, a convolution or a pooling).
    pub fn act(activation: Activation) -> LayerConfig {
        LayerConfig::Activation { activation }
    }

    /// Dropout of the given ratio.
    pub fn dropout(ratio: f32) -> LayerConfig {
        LayerConfig::Dropout { ratio }
    }

    /// Batch norm with the book's momentum 0.9 and ε 1e-5.
    pub fn batch_norm() -> LayerConfig {
        LayerConfig::BatchNorm {
            momentum: BN_MOMENTUM,
            eps: BN_EPS,
        }
    }

    /// The name used in model files, the diagram and the CLI.
    pub fn name(&self) -> &'static str {
        match self {
            LayerConfig::Dense { .. } => "dense",
            LayerConfig::Activation { .. } => "activation",
            LayerConfig::BatchNorm { .. } => "batch-norm",
            LayerConfig::Dropout { .. } => "dropout",
            LayerConfig::Conv2d { .. } => "conv2d",
            LayerConfig::MaxPool { .. } => "max-pool",
            LayerConfig::AvgPool { .. } => "avg-pool",
            LayerConfig::Flatten => "flatten",
            LayerConfig::Rnn { .. } => "rnn",
            LayerConfig::Lstm { .. } => "lstm",
            LayerConfig::Gru { .. } => "gru",
            LayerConfig::TimeDense { .. } => "time-dense",
            LayerConfig::Bidirectional { .. } => "bidirectional",
        }
    }

    /// Width of the output for an input of width `n_in` (a flat input; for images see
    /// [`LayerConfig::output_shape`]).
    pub fn outputs(&self, n_in: usize) -> usize {
        match *self {
            LayerConfig::Dense { units, .. } => units,
            LayerConfig::Conv2d { .. }
            | LayerConfig::MaxPool { .. }
            | LayerConfig::AvgPool { .. } => self
                .output_shape(1, Shape::flat(n_in))
                .map_or(0, |s| s.len()),
            LayerConfig::Rnn {
                units,
                steps,
                output,
                ..
            }
            | LayerConfig::Lstm {
                units,
                steps,
                output,
            }
            | LayerConfig::Gru {
                units,
                steps,
                output,
            } => match output {
                SeqOutput::All => steps * units,
                SeqOutput::Last => units,
            },
            LayerConfig::TimeDense { units, steps, .. } => steps * units,
            LayerConfig::Bidirectional {
                units,
                steps,
                output,
                ..
            } => match output {
                SeqOutput::All => steps * 2 * units,
                SeqOutput::Last => 2 * units,
            },
            _ => n_in,
        }
    }

    /// The activation of a dense or activation layer, if any.
    pub fn activation(&self) -> Option<Activation> {
        match *self {
            LayerConfig::Dense { activation, .. }
            | LayerConfig::Activation { activation }
            | LayerConfig::TimeDense { activation, .. } => Some(activation),
            _ => None,
        }
    }

    /// Checks the settings of layer number `index` (1 = the first) for an input of width
    /// `n_in`; the message names the layer.
    pub fn validate(&self, index: usize, n_in: usize) -> Result<()> {
        let bad = |en: String, zh: String| Err(Error::new(ErrorKind::OutOfRange, en, zh));
        // A dense layer's weights grow with its inputs; the others only keep a copy.
        let most = match self {
            LayerConfig::Dense { .. } => ENGINE_MAX_UNITS,
            _ => ENGINE_MAX_VALUES,
        };
        if n_in == 0 || n_in > most {
            return bad(
                format!("Layer {index} gets {n_in} inputs; between 1 and {most} work."),
                format!("第 {index} 层有 {n_in} 个输入；允许 1 到 {most} 个。"),
            );
        }
        if let Some(act) = self.activation() {
            if !act.is_valid() {
                return bad(
                    format!("The activation parameter α of layer {index} must be a number."),
                    format!("第 {index} 层激活函数的参数 α 必须是一个数。"),
                );
            }
        }
        if let Some((units, steps)) = self.unroll() {
            return validate_unroll(self.name(), index, n_in, units, steps);
        }
        match *self {
            LayerConfig::Dense { units, .. } if units == 0 || units > ENGINE_MAX_UNITS => bad(
                format!(
                    "The size of layer {index} must be between 1 and {ENGINE_MAX_UNITS}, not {units}."
                ),
                format!("第 {index} 层的大小必须在 1 到 {ENGINE_MAX_UNITS} 之间，而不是 {units}。"),
            ),
            LayerConfig::BatchNorm { momentum, eps }
                if !((0.0..1.0).contains(&momentum) && eps.is_finite() && eps > 0.0) =>
            {
                bad(
                    format!("Batch norm (layer {index}) needs 0 ≤ momentum < 1 and ε > 0, not {momentum} and {eps}."),
                    format!("批归一化（第 {index} 层）需要 0 ≤ momentum < 1 且 ε > 0，而不是 {momentum} 和 {eps}。"),
                )
            }
            LayerConfig::Dropout { ratio } if !(0.0..1.0).contains(&ratio) => bad(
                format!("The dropout ratio (layer {index}) must be at least 0 and below 1, not {ratio}."),
                format!("丢弃率（第 {index} 层）必须 ≥ 0 且 < 1，而不是 {ratio}。"),
            ),
            _ => Ok(()),
        }
    }

    /// Builds layer number `index` for an input of width `n_in`: weights drawn by `init`
    /// from `rng` (dense), a dropout stream of its own seeded by `seed` and `index`.
    pub fn build(
        &self,
        index: usize,
        n_in: usize,
        init: Init,
        rng: &mut Rng,
        seed: u64,
    ) -> Result<Box<dyn Layer>> {
        self.validate(index, n_in)?;
        Ok(match *self {
            LayerConfig::Dense { units, activation } => {
                Box::new(Dense::new(n_in, units, activation, init, rng))
            }
            LayerConfig::Activation { activation } => {
                Box::new(ActivationLayer::new(activation, n_in))
            }
            LayerConfig::BatchNorm { momentum, eps } => {
                Box::new(BatchNorm::new(n_in, momentum, eps))
            }
            LayerConfig::Dropout { ratio } => {
                let stream = seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                Box::new(Dropout::new(ratio, n_in, stream))
            }
            LayerConfig::Conv2d { .. }
            | LayerConfig::MaxPool { .. }
            | LayerConfig::AvgPool { .. }
            | LayerConfig::Flatten => {
                return self.build_shaped(index, Shape::flat(n_in), init, rng, seed)
            }
            LayerConfig::Rnn {
                units,
                steps,
                output,
                bias,
            } => {
                let cell = RnnCell::new(n_in / steps, units, bias, init, rng);
                Box::new(Recurrent::new(cell, steps, output))
            }
            LayerConfig::Lstm {
                units,
                steps,
                output,
            } => {
                let cell = LstmCell::new(n_in / steps, units, init, rng);
                Box::new(Recurrent::new(cell, steps, output))
            }
            LayerConfig::Gru {
                units,
                steps,
                output,
            } => {
                let cell = GruCell::new(n_in / steps, units, init, rng);
                Box::new(Recurrent::new(cell, steps, output))
            }
            LayerConfig::TimeDense {
                units,
                steps,
                activation,
                bias,
            } => Box::new(TimeDense::new(
                n_in / steps,
                units,
                steps,
                activation,
                bias,
                init,
                rng,
            )),
            LayerConfig::Bidirectional {
                cell,
                units,
                steps,
                output,
            } => build_bidirectional(cell, n_in / steps, units, steps, output, init, rng),
        })
    }

    /// (units per step, steps) of a layer that reads its input as T steps.
    pub fn unroll(&self) -> Option<(usize, usize)> {
        match *self {
            LayerConfig::Rnn { units, steps, .. }
            | LayerConfig::Lstm { units, steps, .. }
            | LayerConfig::Gru { units, steps, .. }
            | LayerConfig::TimeDense { units, steps, .. } => Some((units, steps)),
            LayerConfig::Bidirectional { units, steps, .. } => Some((2 * units, steps)),
            _ => None,
        }
    }
}

/// A [`Bidirectional`] layer of `cell`s: the forward direction's weights are drawn first.
fn build_bidirectional(
    cell: CellType,
    inputs: usize,
    units: usize,
    steps: usize,
    output: SeqOutput,
    init: Init,
    rng: &mut Rng,
) -> Box<dyn Layer> {
    match cell {
        CellType::Rnn => {
            let mut make = || RnnCell::new(inputs, units, true, init, rng);
            let (f, b) = (make(), make());
            Box::new(Bidirectional::new(f, b, cell, steps, output))
        }
        CellType::Lstm => {
            let mut make = || LstmCell::new(inputs, units, init, rng);
            let (f, b) = (make(), make());
            Box::new(Bidirectional::new(f, b, cell, steps, output))
        }
        CellType::Gru => {
            let mut make = || GruCell::new(inputs, units, init, rng);
            let (f, b) = (make(), make());
            Box::new(Bidirectional::new(f, b, cell, steps, output))
        }
    }
}

/// The checks of a layer that reads a row as `steps` steps: 1 ≤ T ≤ [`MAX_STEPS`], the
/// width a multiple of T, and 1 ≤ units with T·units within the engine's limit.
fn validate_unroll(
    name: &str,
    index: usize,
    n_in: usize,
    units: usize,
    steps: usize,
) -> Result<()> {
    let bad = |en: String, zh: String| Err(Error::new(ErrorKind::OutOfRange, en, zh));
    if steps == 0 || steps > MAX_STEPS {
        return bad(
            format!(
                "The {name} layer (layer {index}) needs 1 to {MAX_STEPS} time steps, not {steps}."
            ),
            format!("{name} 层（第 {index} 层）需要 1 到 {MAX_STEPS} 个时间步，而不是 {steps}。"),
        );
    }
    if !n_in.is_multiple_of(steps) {
        return bad(
            format!("The {name} layer (layer {index}) reads {n_in} inputs as {steps} time steps, but {n_in} is not a multiple of {steps}."),
            format!("{name} 层（第 {index} 层）要把 {n_in} 个输入分成 {steps} 个时间步，但 {n_in} 不是 {steps} 的倍数。"),
        );
    }
    if units == 0 || units.saturating_mul(steps) > ENGINE_MAX_UNITS {
        return bad(
            format!("The {name} layer (layer {index}) needs at least 1 unit and at most {ENGINE_MAX_UNITS} outputs over all steps, not {units} × {steps}."),
            format!("{name} 层（第 {index} 层）至少需要 1 个单元，所有时间步的输出合计最多 {ENGINE_MAX_UNITS} 个，而不是 {units} × {steps}。"),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_names_each_layer_by_type() {
        let layers = vec![
            LayerConfig::dense(8, Activation::Relu),
            LayerConfig::batch_norm(),
            LayerConfig::act(Activation::LeakyRelu(0.01)),
            LayerConfig::dropout(0.2),
        ];
        let json = serde_json::to_string(&layers).expect("serialises");
        assert!(json.starts_with(r#"[{"type":"dense","units":8,"activation":"relu"}"#));
        assert!(json.contains(r#"{"type":"dropout","ratio":0.2}"#));
        let back: Vec<LayerConfig> = serde_json::from_str(&json).expect("parses");
        assert_eq!(back, layers);
    }

    #[test]
    fn validate_names_the_layer() {
        let e = LayerConfig::dropout(1.0).validate(3, 4).unwrap_err();
        assert!(e.text.en.contains("layer 3") && e.text.zh.contains("第 3 层"));
        assert!(LayerConfig::dense(0, Activation::Tanh)
            .validate(1, 2)
            .is_err());
        assert!(LayerConfig::dense(2, Activation::Elu(f32::NAN))
            .validate(1, 2)
            .is_err());
        let bn = LayerConfig::BatchNorm {
            momentum: 0.9,
            eps: 0.0,
        };
        assert!(bn.validate(2, 4).is_err());
        assert_eq!(LayerConfig::batch_norm().outputs(7), 7);
    }
}
