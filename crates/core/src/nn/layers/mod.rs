//! The layer seam of the engine (steps 4–9): every layer — dense, activation, batch norm,
//! dropout now; convolution, pooling and recurrent cells later — implements [`Layer`], and a
//! [`super::Network`] is a row of them. One serde [`LayerConfig`] names them all; it is the
//! only table of layer settings (the URL state, the model file, the diagram and the CLI read it).
//!
//! A layer's job, in the book's `CLayer` terms:
//!
//! ```text
//! forward(X, mode)   Y = layer(X)             (mode: train or infer, for BN and dropout)
//! backward(dY)       fills its parameter gradients, and dX = ∂J/∂X if the layer below needs it
//! visit / visit_mut  (name, kind, value, gradient) of every parameter, in a fixed order
//! ```
//!
//! The one parameter walk ([`Layer::visit`]) is what the optimizers ([`super::optim`]), the
//! weight snapshots, the diagram and the gradient checks ([`super::gradcheck`]) all use, so a
//! new layer only has to list its tensors once.
//!
//! `grad_x` always means ∂J/∂X, where J is the batch loss (already averaged over the batch).
//!
//! # Shapes
//! Samples are rows: X is `m × n_in`, Y is `m × n_out` ([`Layer::outputs`]). An image is
//! one row too, C×H×W flattened row-major ([`crate::nn::Shape`]); the network tells each
//! layer its input shape when it builds it ([`LayerConfig::output_shape`]).

use super::matrix::Matrix;
use std::any::Any;
use std::fmt::Debug;

pub mod activation;
pub mod batch_norm;
pub mod bidirectional;
pub mod config;
pub mod conv2d;
pub mod dense;
pub mod dropout;
pub mod flatten;
pub mod gru;
pub mod lstm;
pub mod pool;
pub mod recurrent;
pub mod rnn;
mod shape_config;
pub mod time_dense;

#[cfg(test)]
mod recurrent_tests;

pub use activation::ActivationLayer;
pub use batch_norm::BatchNorm;
pub use bidirectional::{Bidirectional, CellType};
pub use config::LayerConfig;
pub use conv2d::Conv2d;
pub use dense::Dense;
pub use dropout::Dropout;
pub use flatten::Flatten;
pub use gru::{Gru, GruCell};
pub use lstm::{Lstm, LstmCell};
pub use pool::{Pool, PoolKind};
pub use recurrent::{Cell, Recurrent, SeqOutput, StepGrad};
pub use rnn::{Rnn, RnnCell};
pub use time_dense::TimeDense;

/// Whether a forward pass is part of training (batch statistics, dropout masks) or
/// inference (running statistics, no dropout) — PyTorch's `train()` / `eval()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Training: BN uses the batch's mean and variance and updates its running ones,
    /// dropout drops.
    Train,
    /// Inference: BN uses its running statistics, dropout passes everything through.
    Infer,
}

/// What a parameter tensor is, for the optimizer (which skips statistics), the
/// regularisers (which only touch weights) and the diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamRole {
    /// A weight matrix W (regularised by L1/L2).
    Weight,
    /// A bias row B.
    Bias,
    /// Batch norm's scale γ.
    Scale,
    /// Batch norm's shift β.
    Shift,
    /// A running statistic (batch norm's mean and variance): saved with the model, never
    /// trained, no gradient.
    Statistic,
}

impl ParamRole {
    /// True for tensors the optimizer updates.
    pub fn trainable(self) -> bool {
        self != ParamRole::Statistic
    }
}

/// One parameter tensor of a layer, read-only.
#[derive(Debug)]
pub struct Param<'a> {
    /// Its name inside the layer (`w`, `b`, `gamma`, `beta`, `running_mean`, `running_var`).
    pub name: &'static str,
    /// What it is.
    pub role: ParamRole,
    /// Rows × columns.
    pub shape: (usize, usize),
    /// The values, row-major.
    pub value: &'a [f32],
    /// ∂J/∂value from the last backward pass (empty for statistics).
    pub grad: &'a [f32],
}

impl<'a> Param<'a> {
    /// A matrix-shaped tensor and its gradient (the usual case).
    pub fn of(name: &'static str, role: ParamRole, value: &'a Matrix, grad: &'a Matrix) -> Self {
        Param {
            name,
            role,
            shape: value.shape(),
            value: &value.data,
            grad: &grad.data,
        }
    }
}

/// One parameter tensor of a layer, to update.
#[derive(Debug)]
pub struct ParamMut<'a> {
    /// Its name inside the layer.
    pub name: &'static str,
    /// What it is.
    pub role: ParamRole,
    /// The values, row-major.
    pub value: &'a mut [f32],
    /// ∂J/∂value from the last backward pass (regularisers add to it; empty for statistics).
    pub grad: &'a mut [f32],
}

impl<'a> ParamMut<'a> {
    /// A matrix-shaped tensor and its gradient, to update.
    pub fn of(
        name: &'static str,
        role: ParamRole,
        value: &'a mut Matrix,
        grad: &'a mut Matrix,
    ) -> Self {
        ParamMut {
            name,
            role,
            value: &mut value.data,
            grad: &mut grad.data,
        }
    }
}

/// The parameter walk of a layer whose tensors are `(name, value, gradient)` matrices:
/// the weights in their order, then the bias `b` if the layer trains one (dense,
/// convolution and the recurrent cells list theirs this way).
pub(crate) fn visit_weights<const N: usize>(
    weights: [(&'static str, &Matrix, &Matrix); N],
    bias: Option<(&Matrix, &Matrix)>,
    f: &mut dyn FnMut(Param<'_>),
) {
    for (name, value, grad) in weights {
        f(Param::of(name, ParamRole::Weight, value, grad));
    }
    if let Some((value, grad)) = bias {
        f(Param::of("b", ParamRole::Bias, value, grad));
    }
}

/// [`visit_weights`], mutable.
pub(crate) fn visit_weights_mut<const N: usize>(
    weights: [(&'static str, &mut Matrix, &mut Matrix); N],
    bias: Option<(&mut Matrix, &mut Matrix)>,
    f: &mut dyn FnMut(ParamMut<'_>),
) {
    for (name, value, grad) in weights {
        f(ParamMut::of(name, ParamRole::Weight, value, grad));
    }
    if let Some((value, grad)) = bias {
        f(ParamMut::of("b", ParamRole::Bias, value, grad));
    }
}

/// A layer of a [`super::Network`]. See the module docs for the contract.
pub trait Layer: Debug + Send + Sync + 'static {
    /// The settings it was built from.
    fn config(&self) -> LayerConfig;

    /// Width of its output (`n_out`).
    fn outputs(&self) -> usize;

    /// Forward pass on a batch (`m × n_in`); keeps what backward needs and returns Y.
    fn forward(&mut self, x: &Matrix, mode: Mode) -> &Matrix;

    /// Y of the last forward pass.
    fn output(&self) -> &Matrix;

    /// Backward pass from dY = ∂J/∂Y (the shape of Y) after a forward pass on the same
    /// batch: fills the parameter gradients and, if `need_grad_x`, dX.
    fn backward(&mut self, grad_y: &Matrix, need_grad_x: bool);

    /// dX of the last backward pass (empty if it was not asked for).
    fn grad_x(&self) -> &Matrix;

    /// Calls `f` on each parameter tensor, always in the same order.
    fn visit(&self, _f: &mut dyn FnMut(Param<'_>)) {}

    /// Calls `f` on each parameter tensor, mutable, in the order of [`Layer::visit`].
    fn visit_mut(&mut self, _f: &mut dyn FnMut(ParamMut<'_>)) {}

    /// A boxed copy (layers are cloned with their networks).
    fn clone_box(&self) -> Box<dyn Layer>;

    /// For lessons that read one kind of layer (e.g. a [`Dense`]'s Z).
    fn as_any(&self) -> &dyn Any;

    /// For lessons that set one kind of layer's weights by hand.
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl Clone for Box<dyn Layer> {
    fn clone(&self) -> Box<dyn Layer> {
        self.clone_box()
    }
}

/// Implements the boilerplate methods of [`Layer`] (`clone_box`, `as_any`, `as_any_mut`);
/// `layer_boilerplate!(y, grad_x)` also returns the fields `y` and `grad_x` as
/// [`Layer::output`] and [`Layer::grad_x`].
macro_rules! layer_boilerplate {
    () => {
        fn clone_box(&self) -> Box<dyn $crate::nn::layers::Layer> {
            Box::new(self.clone())
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
        fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
            self
        }
    };
    ($y:ident, $grad_x:ident) => {
        fn output(&self) -> &$crate::nn::matrix::Matrix {
            &self.$y
        }
        fn grad_x(&self) -> &$crate::nn::matrix::Matrix {
            &self.$grad_x
        }
        $crate::nn::layers::layer_boilerplate!();
    };
}
pub(crate) use layer_boilerplate;

/// Checks that dY has the shape of the last output Y: a backward pass follows the forward
/// pass of the same batch, so a mismatch is a bug in the caller.
///
/// # Panics
/// If the shapes differ (`{layer}::backward: dY shape`).
#[track_caller]
pub(crate) fn check_grad_y(layer: &str, grad_y: &Matrix, y: &Matrix) {
    assert_eq!(grad_y.shape(), y.shape(), "{layer}::backward: dY shape");
}
