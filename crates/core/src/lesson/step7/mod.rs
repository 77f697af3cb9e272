//! Step 7 — deep networks (ch14–ch16): the lessons built on the layer engine of
//! [`crate::nn`] (dense, activation, batch-norm and dropout layers, optimizers, L1/L2,
//! early stopping).

pub mod overfit_net;
pub mod regularization;
