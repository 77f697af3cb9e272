//! Flatten (ch17–18, between the last pooling layer and the dense layers): C×H×W becomes a
//! flat vector of C·H·W values. Samples are already stored as flat rows (C×H×W row-major,
//! see [`crate::nn::shape`]), so the values do not move at all: forward copies X to Y and
//! backward copies dY to dX. What changes is the shape the next layer is told about — a
//! convolution after a flatten sees C·H·W channels of 1×1 instead of an image.
//!
//! A dense layer reads any input as its flat values, so a flatten before one is optional;
//! it is there for the reader of the network (and for the ONNX `Flatten` node).
//!
//! # Shapes
//! X, Y, dY and dX: m × C·H·W.

use super::{layer_boilerplate, Layer, LayerConfig, Mode};
use crate::nn::matrix::Matrix;
use crate::nn::shape::Shape;

/// C×H×W → C·H·W, values unchanged.
#[derive(Clone, Debug)]
pub struct Flatten {
    input: Shape,
    y: Matrix,
    grad_x: Matrix,
}

impl Flatten {
    /// A flatten of samples of shape `input`.
    pub fn new(input: Shape) -> Flatten {
        Flatten {
            input,
            y: Matrix::default(),
            grad_x: Matrix::default(),
        }
    }

    /// The shape it flattens.
    pub fn input_shape(&self) -> Shape {
        self.input
    }
}

impl Layer for Flatten {
    fn config(&self) -> LayerConfig {
        LayerConfig::Flatten
    }

    fn outputs(&self) -> usize {
        self.input.len()
    }

    fn forward(&mut self, x: &Matrix, _mode: Mode) -> &Matrix {
        self.y.assign(x);
        &self.y
    }

    fn backward(&mut self, grad_y: &Matrix, need_grad_x: bool) {
        if need_grad_x {
            self.grad_x.assign(grad_y);
        } else {
            self.grad_x.resize(0, 0);
        }
    }

    layer_boilerplate!(y, grad_x);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::gradcheck;

    #[test]
    fn values_stay_and_the_shape_changes() {
        let shape = Shape::new(2, 2, 3);
        let cfg = LayerConfig::Flatten;
        assert_eq!(cfg.output_shape(1, shape), Ok(Shape::flat(12)));
        let mut f = Flatten::new(shape);
        let x = Matrix::from_fn(2, 12, |i, j| (i * 12 + j) as f32);
        assert_eq!(f.forward(&x, Mode::Train), &x);
        let r = gradcheck::check(&f, 2, 12, Mode::Train, 3);
        assert!(r.max_error < 1e-3 && r.checked == 24, "{r:?}");
    }
}
