//! A feed-forward network: a row of [`Layer`]s and an output function with its loss (the
//! book's `NeuralNet_2_0`/`3_0` in steps 4–5 and MiniFramework's `NeuralNet` from step 7).
//!
//! [`NetworkConfig`] is plain data (it goes in the URL and the model file);
//! [`NetworkConfig::build`] is the one gate that checks it and draws the weights. With
//! [`Output::Identity`] the network's output is the last layer's Y and the loss is the MSE
//! on it (so a tanh output layer with squared error works, as in TF Playground); with
//! Logistic or Softmax the classifier function *is* the output, applied to the last
//! layer's Y, so that layer must be a dense layer without activation.
//!
//! Backward pass: the loss gives ∂J/∂Y of the last layer, and each layer hands its dX down
//! as the dY of the layer below. [`Network::step`] then walks every trainable tensor, in
//! layer order, through an [`Optimizer`].

use super::activation::Activation;
use super::init::Init;
use super::layers::{Dense, Layer, LayerConfig, Mode, Param, ParamMut};
use super::loss::Output;
use super::matrix::Matrix;
use super::optim::Optimizer;
use super::regularization::Regularization;
use super::shape::Shape;
use crate::error::{Error, ErrorKind, Result};
use crate::limits::{ENGINE_MAX_LAYERS, ENGINE_MAX_UNITS, ENGINE_MAX_VALUES};
use crate::rng::Rng;
use serde::{Deserialize, Serialize};

/// Most units a layer may have (keeps a bad URL from allocating gigabytes).
pub const MAX_UNITS: usize = ENGINE_MAX_UNITS;
/// Most layers a network may have.
pub const MAX_LAYERS: usize = ENGINE_MAX_LAYERS;

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
    /// The shape of one sample, C×H×W, for networks that start with a convolution (step
    /// 8); `None` (the default, and absent from the JSON) means a flat vector of `inputs`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_shape: Option<Shape>,
}

fn bad(kind: ErrorKind, en: String, zh: String) -> Error {
    Error::new(kind, en, zh)
}

impl NetworkConfig {
    /// Checks the settings: 1..=[`MAX_LAYERS`] layers, each valid for the width coming into
    /// it ([`LayerConfig::validate`]), a last layer without activation under
    /// Logistic/Softmax, and at least two classes for Softmax.
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
        let most = if self.input_shape.is_some() {
            ENGINE_MAX_VALUES
        } else {
            MAX_UNITS
        };
        if self.inputs == 0 || self.inputs > most {
            return Err(bad(
                ErrorKind::OutOfRange,
                format!(
                    "The size of the input must be between 1 and {most}, not {}.",
                    self.inputs
                ),
                format!(
                    "输入层的大小必须在 1 到 {most} 之间，而不是 {}。",
                    self.inputs
                ),
            ));
        }
        let shape = self.input_shape();
        if shape.len() != self.inputs {
            return Err(bad(
                ErrorKind::BadValue,
                format!(
                    "The input shape {shape} has {} values, not the {} inputs.",
                    shape.len(),
                    self.inputs
                ),
                format!(
                    "输入形状 {shape} 有 {} 个值，而不是 {} 个输入。",
                    shape.len(),
                    self.inputs
                ),
            ));
        }
        let width = self.shapes()?.last().map_or(0, |s| s.len());
        let last = self.layers[self.layers.len() - 1];
        // A per-step dense layer ends a recurrent net with an output at every step; its
        // columns are T·O independent outputs, so softmax (which needs one row) is left out.
        let plain_dense = matches!(
            last,
            LayerConfig::Dense {
                activation: Activation::Identity,
                ..
            }
        ) || (self.output == Output::Logistic
            && matches!(
                last,
                LayerConfig::TimeDense {
                    activation: Activation::Identity,
                    ..
                }
            ));
        if self.output != Output::Identity && !plain_dense {
            return Err(bad(
                ErrorKind::BadValue,
                format!(
                    "With a {} output the classifier is the output function; end with a dense layer set to identity.",
                    self.output.name()
                ),
                format!("使用 {} 输出时，分类函数就是输出函数；最后一层请用激活函数为 identity 的全连接层。", self.output.name()),
            ));
        }
        if self.output == Output::Softmax && width < 2 {
            return Err(bad(
                ErrorKind::BadValue,
                "Softmax needs at least two output units (one per class).".into(),
                "Softmax 至少需要两个输出单元（每类一个）。".into(),
            ));
        }
        Ok(())
    }

    /// The shape of one sample at the input: [`NetworkConfig::input_shape`], or a flat
    /// vector of `inputs`.
    pub fn input_shape(&self) -> Shape {
        self.input_shape.unwrap_or(Shape::flat(self.inputs))
    }

    /// The shape at the input, then after each layer ([`LayerConfig::output_shape`]);
    /// the first layer whose settings do not fit what comes in gives the error.
    pub fn shapes(&self) -> Result<Vec<Shape>> {
        let mut shapes = vec![self.input_shape()];
        for (i, layer) in self.layers.iter().enumerate() {
            let next = layer.output_shape(i + 1, shapes[i])?;
            shapes.push(next);
        }
        Ok(shapes)
    }

    /// Validates the settings and draws the weights from `seed`, layer after layer.
    pub fn build(&self) -> Result<Network> {
        self.validate()?;
        let mut rng = Rng::new(self.seed);
        let shapes = self.shapes()?;
        let mut layers = Vec::with_capacity(self.layers.len());
        for (i, l) in self.layers.iter().enumerate() {
            layers.push(l.build_shaped(i + 1, shapes[i], self.init, &mut rng, self.seed)?);
        }
        Ok(Network {
            config: self.clone(),
            shapes,
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
    shapes: Vec<Shape>,
    layers: Vec<Box<dyn Layer>>,
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

    /// The shape of one sample at the input and after each layer (`layers().len() + 1`
    /// shapes).
    pub fn shapes(&self) -> &[Shape] {
        &self.shapes
    }

    /// The layers, first to last.
    pub fn layers(&self) -> &[Box<dyn Layer>] {
        &self.layers
    }

    /// Layer `i` (0 = the first) if it is a dense layer.
    pub fn dense(&self, i: usize) -> Option<&Dense> {
        self.layers.get(i)?.as_any().downcast_ref()
    }

    /// Layer `i` if it is a dense layer, mutable (lessons set weights by hand).
    pub fn dense_mut(&mut self, i: usize) -> Option<&mut Dense> {
        self.layers.get_mut(i)?.as_any_mut().downcast_mut()
    }

    /// The dense layers, first to last (all of them in the nets of steps 2–5).
    pub fn dense_layers(&self) -> impl Iterator<Item = &Dense> {
        self.layers.iter().filter_map(|l| l.as_any().downcast_ref())
    }

    /// The layers grouped into *blocks* of units, as a diagram draws them: each block
    /// starts at a dense layer and takes the layers after it (batch norm, activation,
    /// dropout) up to the next dense layer. Layers before the first dense layer join the
    /// first block. The ranges index [`Network::layers`].
    pub fn blocks(&self) -> Vec<std::ops::Range<usize>> {
        let starts: Vec<usize> = (0..self.layers.len())
            .filter(|&i| self.dense(i).is_some())
            .collect();
        let mut blocks: Vec<std::ops::Range<usize>> = starts
            .iter()
            .enumerate()
            .map(|(k, &s)| s..starts.get(k + 1).copied().unwrap_or(self.layers.len()))
            .collect();
        if let Some(first) = blocks.first_mut() {
            first.start = 0;
        }
        blocks
    }

    /// The activation a block ends with: that of its last activation layer, else its
    /// dense layer's.
    pub fn block_activation(&self, block: &std::ops::Range<usize>) -> Activation {
        self.layers[block.clone()]
            .iter()
            .rev()
            .find_map(|l| l.config().activation())
            .unwrap_or(Activation::Identity)
    }

    /// The dense layers, mutable.
    pub fn dense_layers_mut(&mut self) -> impl Iterator<Item = &mut Dense> {
        self.layers
            .iter_mut()
            .filter_map(|l| l.as_any_mut().downcast_mut())
    }

    /// Number of input features.
    pub fn inputs(&self) -> usize {
        self.config.inputs
    }

    /// Number of outputs.
    pub fn outputs(&self) -> usize {
        self.layers.last().map_or(0, |l| l.outputs())
    }

    /// Forward pass in `mode`; returns the network's output A (m × outputs).
    ///
    /// # Panics
    /// If `x.cols != self.inputs()`.
    pub fn forward_mode(&mut self, x: &Matrix, mode: Mode) -> &Matrix {
        let mut input = x;
        for layer in self.layers.iter_mut() {
            input = layer.forward(input, mode);
        }
        if let Some(last) = self.layers.last() {
            match self.config.output {
                Output::Identity => self.a.assign(last.output()),
                out => out.forward_into(last.output(), &mut self.a),
            }
        }
        &self.a
    }

    /// Forward pass for inference (batch norm's running statistics, no dropout).
    ///
    /// # Panics
    /// If `x.cols != self.inputs()`.
    pub fn forward(&mut self, x: &Matrix) -> &Matrix {
        self.forward_mode(x, Mode::Infer)
    }

    /// The output A of the last forward pass.
    pub fn a(&self) -> &Matrix {
        &self.a
    }

    /// The loss of the last forward pass, with ∂J/∂Y of the last layer in `grad_out`
    /// if given. For logistic/softmax (whose last layer has no activation, so Y = Z)
    /// ∂J/∂Z = (A − Y)/m; for MSE on A, (A − Y)/m.
    fn last_loss(&mut self, y: &Matrix, grad: bool) -> f32 {
        let Some(last) = self.layers.last() else {
            return 0.0;
        };
        let g = if grad { Some(&mut self.grad_out) } else { None };
        self.config.output.loss(last.output(), y, &mut self.a, g)
    }

    /// Backward pass after a forward pass on the same batch: returns the loss J and fills
    /// every layer's gradients.
    ///
    /// # Panics
    /// If `y` does not have the shape of the output.
    pub fn backward(&mut self, y: &Matrix) -> f32 {
        let loss = self.last_loss(y, true);
        // Walk down: layer i receives dY = dX of layer i + 1.
        let n = self.layers.len();
        for i in (0..n).rev() {
            let (head, above) = self.layers.split_at_mut(i + 1);
            let grad = above.first().map_or(&self.grad_out, |l| l.grad_x());
            if let Some(layer) = head.last_mut() {
                layer.backward(grad, i > 0);
            }
        }
        loss
    }

    /// Calls `f(layer index, tensor)` on every tensor, layer by layer, in a fixed order.
    pub fn visit(&self, mut f: impl FnMut(usize, Param<'_>)) {
        for (i, l) in self.layers.iter().enumerate() {
            l.visit(&mut |p| f(i, p));
        }
    }

    /// Calls `f(layer index, tensor)` on every tensor, mutable, in the order of
    /// [`Network::visit`].
    pub fn visit_mut(&mut self, mut f: impl FnMut(usize, ParamMut<'_>)) {
        for (i, l) in self.layers.iter_mut().enumerate() {
            l.visit_mut(&mut |p| f(i, p));
        }
    }

    /// One optimizer step with learning rate η on every trainable tensor; slot k is the
    /// k-th trainable tensor in visit order.
    pub fn step(&mut self, optimizer: &mut dyn Optimizer, learning_rate: f32) {
        optimizer.begin_step();
        let mut slot = 0;
        self.visit_mut(|_, p| {
            if p.role.trainable() {
                optimizer.update(slot, learning_rate, p.value, p.grad);
                slot += 1;
            }
        });
    }

    /// One update on a mini-batch: forward (training mode), backward, the regulariser's
    /// gradient, one optimizer step with rate η; returns the loss before the step (without
    /// the penalty). The trainer, the rate finder and the lessons all update through this.
    pub fn train_batch_with(
        &mut self,
        x: &Matrix,
        y: &Matrix,
        optimizer: &mut dyn Optimizer,
        regularization: Regularization,
        learning_rate: f32,
    ) -> f32 {
        self.forward_mode(x, Mode::Train);
        let loss = self.backward(y);
        regularization.apply(self);
        self.step(optimizer, learning_rate);
        loss
    }

    /// [`Network::train_batch_with`] with plain gradient descent W ← W − η·dW and no
    /// penalty.
    pub fn train_batch(&mut self, x: &Matrix, y: &Matrix, learning_rate: f32) -> f32 {
        self.train_batch_with(
            x,
            y,
            &mut super::optim::Sgd,
            Regularization::None,
            learning_rate,
        )
    }

    /// The loss J on `(x, y)` in inference mode, without touching the gradients.
    pub fn loss(&mut self, x: &Matrix, y: &Matrix) -> f32 {
        self.forward(x);
        self.last_loss(y, false)
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

    /// Number of trained parameters (weights, biases, batch norm's γ and β).
    pub fn param_count(&self) -> usize {
        let mut n = 0;
        self.visit(|_, p| {
            if p.role.trainable() {
                n += p.value.len();
            }
        });
        n
    }

    /// Copies every tensor (running statistics included), in visit order, into `out`
    /// (cleared first).
    pub fn save_params(&self, out: &mut Vec<f32>) {
        out.clear();
        self.visit(|_, p| out.extend_from_slice(p.value));
    }

    /// Number of values [`Network::save_params`] writes.
    pub fn state_len(&self) -> usize {
        let mut n = 0;
        self.visit(|_, p| n += p.value.len());
        n
    }

    /// Restores values saved by [`Network::save_params`]; false (and nothing changed) if
    /// the length does not match.
    pub fn load_params(&mut self, params: &[f32]) -> bool {
        if params.len() != self.state_len() {
            return false;
        }
        let mut rest = params;
        self.visit_mut(|_, p| {
            let (head, tail) = rest.split_at(p.value.len());
            p.value.copy_from_slice(head);
            rest = tail;
        });
        true
    }

    /// True if every tensor is finite.
    pub fn is_finite(&self) -> bool {
        let mut ok = true;
        self.visit(|_, p| ok &= p.value.iter().all(|v| v.is_finite()));
        ok
    }
}
