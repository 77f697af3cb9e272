//! Step 4, nonlinear regression (非线性回归, ch8–9): activation functions, curve fitting, polynomial fits.

pub mod activations;
pub mod curve_fit;
pub mod fit_setup;
pub mod poly_fit;
