//! One module per lesson, one function per widget chart.

pub mod backprop;
pub mod descent;
pub mod loss;
pub mod neuron;
