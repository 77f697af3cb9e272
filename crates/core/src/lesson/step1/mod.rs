//! Step 1, basic concepts (基本概念, ch1–3): the neuron, backpropagation, gradient descent and the loss functions.

pub mod backprop_chain;
pub mod cross_entropy;
pub mod entropy;
pub mod gd_1d;
pub mod gd_2d;
pub mod learning_rate;
pub mod linear_backprop;
pub mod mse;
pub mod mse_vs_ce;
pub mod neuron;
pub mod neuron_layer;
