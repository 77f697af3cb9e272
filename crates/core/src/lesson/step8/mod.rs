//! Step 8 — convolutional networks (the book's ch17–ch18): convolution stepped cell by
//! cell, pooling forward and backward, a kernel learned by gradient descent and the classic
//! 3×3 kernels, all on the engine's own [`crate::nn::Conv2d`] and [`crate::nn::Pool`].

pub mod cnn_blocks;
pub mod cnn_nets;
pub mod cnn_trainer;
pub mod conv_steps;
pub mod kernels;
pub mod learn_kernel;
pub mod pooling;
pub mod shape_run;
pub mod shapes_cnn;
