//! An activation as a layer of its own (the book's `ActivationLayer`, ch14): `Y = f(X)`,
//! elementwise. Dense layers carry their activation fused; this one goes where something
//! sits between the product and the activation, as batch norm does in FC → BN → ReLU (ch15.5).
//!
//! ```text
//! forward:  Y = f(X)          backward:  dX = dY ⊙ f′(X)
//! ```
//!
//! # Shapes
//! X, Y, dY and dX: m × n.

use super::{check_grad_y, layer_boilerplate, Layer, LayerConfig, Mode};
use crate::nn::activation::Activation;
use crate::nn::matrix::Matrix;

/// `Y = f(X)` with the cached X and Y its derivative needs.
#[derive(Clone, Debug)]
pub struct ActivationLayer {
    /// The function f.
    pub activation: Activation,
    n: usize,
    x: Matrix,
    y: Matrix,
    grad_x: Matrix,
}

impl ActivationLayer {
    /// The layer `Y = f(X)` on `n` columns.
    pub fn new(activation: Activation, n: usize) -> ActivationLayer {
        ActivationLayer {
            activation,
            n,
            x: Matrix::default(),
            y: Matrix::default(),
            grad_x: Matrix::default(),
        }
    }
}

impl Layer for ActivationLayer {
    fn config(&self) -> LayerConfig {
        LayerConfig::Activation {
            activation: self.activation,
        }
    }

    fn outputs(&self) -> usize {
        self.n
    }

    fn forward(&mut self, x: &Matrix, _mode: Mode) -> &Matrix {
        self.x.assign(x);
        self.y.resize(x.rows, x.cols);
        self.activation.forward_slice(&x.data, &mut self.y.data);
        &self.y
    }

    fn backward(&mut self, grad_y: &Matrix, need_grad_x: bool) {
        check_grad_y("Activation", grad_y, &self.y);
        if need_grad_x {
            // ∂Y/∂X = f′(X), elementwise.
            self.grad_x.resize(grad_y.rows, grad_y.cols);
            self.activation.backward_slice(
                &self.x.data,
                &self.y.data,
                &grad_y.data,
                &mut self.grad_x.data,
            );
        }
    }

    layer_boilerplate!(y, grad_x);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::gradcheck;

    #[test]
    fn dx_matches_central_differences() {
        for act in [Activation::Sigmoid, Activation::Tanh, Activation::Elu(0.8)] {
            let layer = ActivationLayer::new(act, 5);
            let report = gradcheck::check(&layer, 4, 5, Mode::Train, 7);
            assert!(report.max_error < 2e-3, "{act:?}: {report:?}");
        }
    }

    #[test]
    fn relu_by_hand() {
        let mut layer = ActivationLayer::new(Activation::Relu, 2);
        let x = Matrix::from_rows(&[[-1.0, 2.0]]);
        assert_eq!(layer.forward(&x, Mode::Infer).data, vec![0.0, 2.0]);
        layer.backward(&Matrix::from_rows(&[[5.0, 7.0]]), true);
        assert_eq!(layer.grad_x().data, vec![0.0, 7.0]);
        assert_eq!(layer.outputs(), 2);
    }
}
