//! One module per lesson, one function per widget chart.

pub mod backprop;
pub mod checks;
pub mod classify;
pub mod conv_grid;
pub mod conv_images;
pub mod descent;
pub mod digits;
pub mod fit;
pub mod gates;
pub mod init;
pub mod loss;
pub mod lr_finder;
pub mod model;
pub mod neuron;
pub mod nonlinear;
pub mod optimizers;
pub mod pad;
pub mod pad_maps;
pub mod pool_grid;
pub mod recurrent;
pub mod recurrent_unrolled;
pub mod regression;
pub mod regularize;
pub mod trainer;
