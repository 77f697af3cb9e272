//! A feed-forward network: dense layers in a row and an output function with its loss
//! (the book's `NeuralNet_2_0`/`3_0` and MiniFramework's `NeuralNet`, steps 4–7).
//!
//! [`NetworkConfig`] is plain data (it goes in the URL); [`NetworkConfig::build`] is the
//! one gate that checks it and draws the weights. The last entry of `layers` is the output
//! layer. With [`Output::Identity`] the network's output is that layer's A and the loss is
//! the MSE on it (so a tanh output layer with squared error works, as in TF Playground);
//! with Logistic or Softmax the classifier function *is* the output layer's activation,
//! so that layer's own activation must be identity.
//!
//! Backward pass: the loss gives ∂J/∂A of the output layer, and each layer hands its dX
//! down as the dA of the layer below (see [`Dense::backward`]).

use super::activation::Activation;
use super::dense::Dense;
use super::init::Init;
use super::loss::Output;
use super::matrix::Matrix;
use crate::error::{Error, ErrorKind, Result};
use crate::rng::Rng;
use serde::{Deserialize, Serialize};

/// Most units a layer may have (keeps a bad URL from allocating gigabytes).
pub const MAX_UNITS: usize = 4096;
/// Most layers a network may have.
pub const MAX_LAYERS: usize = 32;

/// One layer of a [`NetworkConfig`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayerConfig {
    /// Number of units (outputs of the layer).
    pub units: usize,
    /// The layer's activation.
    pub activation: Activation,
}

/// The settings of a network; [`NetworkConfig::build`] turns them into a [`Network`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetworkConfig {
    /// Number of input features.
    pub inputs: usize,
    /// The layers, first hidden layer first; the last one is the output layer.
    pub layers: Vec<LayerConfig>,
    /// The output function and its loss.
    pub output: Output,
    /// How the weights are drawn (biases start at 0).
    pub init: Init,
    /// Seed of the weight draws.
    pub seed: u64,
}

fn bad(kind: ErrorKind, en: String, zh: String) -> Error {
    Error::new(kind, en, zh)
}

impl NetworkConfig {
    /// Checks the settings: sizes in 1..=[`MAX_UNITS`], 1..=[`MAX_LAYERS`] layers, finite
    /// activation parameters, an identity output layer under Logistic/Softmax, and at least
    /// two classes for Softmax.
    pub fn validate(&self) -> Result<()> {
        if self.layers.is_empty() || self.layers.len() > MAX_LAYERS {
            return Err(bad(
                ErrorKind::OutOfRange,
                format!(
                    "A network needs 1 to {MAX_LAYERS} layers, not {}.",
                    self.layers.len()
                ),
                format!(
                    "网络需要 1 到 {MAX_LAYERS} 层，而不是 {} 层。",
                    self.layers.len()
                ),
            ));
        }
        let sizes = std::iter::once(self.inputs).chain(self.layers.iter().map(|l| l.units));
        for (i, units) in sizes.enumerate() {
            if units == 0 || units > MAX_UNITS {
                let (en, zh) = if i == 0 {
                    ("the input".to_string(), "输入层".to_string())
                } else {
                    (format!("layer {i}"), format!("第 {i} 层"))
                };
                return Err(bad(
                    ErrorKind::OutOfRange,
                    format!("The size of {en} must be between 1 and {MAX_UNITS}, not {units}."),
                    format!("{zh}的大小必须在 1 到 {MAX_UNITS} 之间，而不是 {units}。"),
                ));
            }
        }
        if let Some(i) = self.layers.iter().position(|l| !l.activation.is_valid()) {
            return Err(bad(
                ErrorKind::BadValue,
                format!(
                    "The activation parameter α of layer {} must be a number.",
                    i + 1
                ),
                format!("第 {} 层激活函数的参数 α 必须是一个数。", i + 1),
            ));
        }
        let last = self.layers[self.layers.len() - 1];
        if self.output != Output::Identity && last.activation != Activation::Identity {
            return Err(bad(
                ErrorKind::BadValue,
                format!(
                    "With a {} output the classifier is the last layer's activation; set that layer to identity.",
                    self.output.name()
                ),
                format!("使用 {} 输出时，分类函数就是最后一层的激活函数；请把最后一层设为 identity。", self.output.name()),
            ));
        }
        if self.output == Output::Softmax && last.units < 2 {
            return Err(bad(
                ErrorKind::BadValue,
                "Softmax needs at least two output units (one per class).".into(),
                "Softmax 至少需要两个输出单元（每类一个）。".into(),
            ));
        }
        Ok(())
    }

    /// Validates the settings and draws the weights from `seed`, layer after layer.
    pub fn build(&self) -> Result<Network> {
        self.validate()?;
        let mut rng = Rng::new(self.seed);
        let mut n_in = self.inputs;
        let layers = self
            .layers
            .iter()
            .map(|l| {
                let d = Dense::new(n_in, l.units, l.activation, self.init, &mut rng);
                n_in = l.units;
                d
            })
            .collect();
        Ok(Network {
            config: self.clone(),
            layers,
            a: Matrix::default(),
            grad_out: Matrix::default(),
        })
    }
}

/// A feed-forward network with its buffers. Build it with [`NetworkConfig::build`].
#[derive(Clone, Debug)]
pub struct Network {
    config: NetworkConfig,
    layers: Vec<Dense>,
    a: Matrix,
    grad_out: Matrix,
}

impl Network {
    /// The settings it was built from.
    pub fn config(&self) -> &NetworkConfig {
        &self.config
    }

    /// The output function.
    pub fn output(&self) -> Output {
        self.config.output
    }

    /// The layers, first to last.
    pub fn layers(&self) -> &[Dense] {
        &self.layers
    }

    /// The layers, mutable (lessons set weights by hand).
    pub fn layers_mut(&mut self) -> &mut [Dense] {
        &mut self.layers
    }

    /// Number of input features.
    pub fn inputs(&self) -> usize {
        self.config.inputs
    }

    /// Number of outputs.
    pub fn outputs(&self) -> usize {
        self.layers.last().map_or(0, Dense::units)
    }

    /// Forward pass; returns the network's output A (m × outputs).
    ///
    /// # Panics
    /// If `x.cols != self.inputs()`.
    pub fn forward(&mut self, x: &Matrix) -> &Matrix {
        let mut input = x;
        for layer in self.layers.iter_mut() {
            input = layer.forward(input);
        }
        self.finish_forward();
        &self.a
    }

    /// Applies the output function to the last layer (A = its A, σ(Z) or softmax(Z)).
    fn finish_forward(&mut self) {
        if let Some(last) = self.layers.last() {
            match self.config.output {
                Output::Identity => self.a.assign(last.a()),
                out => out.forward_into(last.z(), &mut self.a),
            }
        }
    }

    /// The output A of the last forward pass.
    pub fn a(&self) -> &Matrix {
        &self.a
    }

    /// Backward pass after [`Network::forward`] on the same batch: returns the loss J and
    /// fills every layer's dW and dB.
    ///
    /// # Panics
    /// If `y` does not have the shape of the output.
    pub fn backward(&mut self, y: &Matrix) -> f32 {
        let Some(last) = self.layers.last() else {
            return 0.0;
        };
        // ∂J/∂A of the output layer: (A − Y)/m for MSE on A, and, for logistic/softmax
        // (whose output layer is identity, so A_layer = Z), ∂J/∂Z = (A − Y)/m.
        let loss = match self.config.output {
            Output::Identity => {
                Output::Identity.loss(last.a(), y, &mut self.a, Some(&mut self.grad_out))
            }
            out => out.loss(last.z(), y, &mut self.a, Some(&mut self.grad_out)),
        };
        // Walk down: layer i receives dA = dX of layer i + 1.
        let n = self.layers.len();
        for i in (0..n).rev() {
            let (head, above) = self.layers.split_at_mut(i + 1);
            let grad = above.first().map_or(&self.grad_out, Dense::grad_x);
            if let Some(layer) = head.last_mut() {
                layer.backward(grad, i > 0);
            }
        }
        loss
    }

    /// Gradient-descent step on every layer with learning rate η.
    pub fn update(&mut self, learning_rate: f32) {
        self.layers.iter_mut().for_each(|l| l.update(learning_rate));
    }

    /// Forward, backward and update on one mini-batch; returns the loss before the step.
    pub fn train_batch(&mut self, x: &Matrix, y: &Matrix, learning_rate: f32) -> f32 {
        self.forward(x);
        let loss = self.backward(y);
        self.update(learning_rate);
        loss
    }

    /// The loss J on `(x, y)` without touching the gradients.
    pub fn loss(&mut self, x: &Matrix, y: &Matrix) -> f32 {
        self.forward(x);
        let Some(last) = self.layers.last() else {
            return 0.0;
        };
        match self.config.output {
            Output::Identity => Output::Identity.loss(last.a(), y, &mut self.a, None),
            out => out.loss(last.z(), y, &mut self.a, None),
        }
    }

    /// The output for `x`, as a new matrix.
    ///
    /// # Panics
    /// If `x.cols != self.inputs()`; see [`Network::predict_rows`] for unchecked input.
    pub fn predict(&mut self, x: &Matrix) -> Matrix {
        self.forward(x).clone()
    }

    /// The output for row-major samples `x` (any number of rows of [`Network::inputs`]
    /// values), checked first: the entry point for points that come from the page.
    pub fn predict_rows(&mut self, x: &[f32]) -> Result<Matrix> {
        let n_in = self.inputs();
        if !x.len().is_multiple_of(n_in) || x.iter().any(|v| !v.is_finite()) {
            return Err(bad(
                ErrorKind::BadData,
                format!(
                    "Expected finite numbers in rows of {n_in}, got {} values.",
                    x.len()
                ),
                format!("需要每行 {n_in} 个有限数值，实际得到 {} 个值。", x.len()),
            ));
        }
        let x = Matrix {
            rows: x.len() / n_in,
            cols: n_in,
            data: x.to_vec(),
        };
        Ok(self.predict(&x))
    }

    /// Number of weights and biases.
    pub fn param_count(&self) -> usize {
        self.layers
            .iter()
            .map(|l| l.w.data.len() + l.b.data.len())
            .sum()
    }

    /// Copies every W and B, layer by layer, into `out` (cleared first).
    pub fn save_params(&self, out: &mut Vec<f32>) {
        out.clear();
        for l in &self.layers {
            out.extend_from_slice(&l.w.data);
            out.extend_from_slice(&l.b.data);
        }
    }

    /// Restores weights saved by [`Network::save_params`]; false (and nothing changed) if
    /// the length does not match.
    pub fn load_params(&mut self, params: &[f32]) -> bool {
        if params.len() != self.param_count() {
            return false;
        }
        let mut rest = params;
        for l in &mut self.layers {
            for buf in [&mut l.w.data, &mut l.b.data] {
                let (head, tail) = rest.split_at(buf.len());
                buf.copy_from_slice(head);
                rest = tail;
            }
        }
        true
    }

    /// True if every weight and bias is finite.
    pub fn is_finite(&self) -> bool {
        self.layers
            .iter()
            .all(|l| l.w.is_finite() && l.b.is_finite())
    }
}
