//! Activation functions and their derivatives, side by side (step 1 introduces them,
//! step 4 compares them). `derivative` is da/dz written in terms of z.

use serde::Serialize;

/// An activation function a = f(z).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Activation {
    /// a = z.
    Identity,
    /// a = 1 if z ≥ threshold else 0 (the M-P neuron's all-or-nothing firing).
    Step,
    /// a = 1 / (1 + e^{-z}).
    Sigmoid,
    /// a = tanh z.
    Tanh,
    /// a = max(0, z).
    Relu,
}

impl Activation {
    /// Every activation, in the order the lessons list them.
    pub const ALL: [Activation; 5] = [
        Activation::Identity,
        Activation::Step,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
    ];

    /// The name used in URLs and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Identity => "linear",
            Activation::Step => "step",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
        }
    }

    /// Looks an activation up by [`Activation::name`].
    pub fn from_name(name: &str) -> Option<Activation> {
        Activation::ALL.into_iter().find(|a| a.name() == name)
    }

    /// a = f(z).
    pub fn forward(self, z: f64) -> f64 {
        match self {
            Activation::Identity => z,
            Activation::Step => {
                if z >= 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Sigmoid => sigmoid(z),
            Activation::Tanh => z.tanh(),
            Activation::Relu => z.max(0.0),
        }
    }

    /// da/dz at z (0 for the step function, which has no useful gradient).
    pub fn derivative(self, z: f64) -> f64 {
        match self {
            Activation::Identity => 1.0,
            Activation::Step => 0.0,
            Activation::Sigmoid => {
                let a = sigmoid(z);
                a * (1.0 - a)
            }
            Activation::Tanh => 1.0 - z.tanh().powi(2),
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }
}

/// The logistic function, written so that large |z| never overflows.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivatives_match_finite_differences() {
        let h = 1e-6;
        for a in [
            Activation::Identity,
            Activation::Sigmoid,
            Activation::Tanh,
            Activation::Relu,
        ] {
            for z in [-2.5, -0.3, 0.4, 1.7] {
                let numeric = (a.forward(z + h) - a.forward(z - h)) / (2.0 * h);
                assert!((numeric - a.derivative(z)).abs() < 1e-6, "{a:?} at {z}");
            }
        }
    }

    #[test]
    fn sigmoid_is_stable_far_out() {
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(sigmoid(1000.0), 1.0);
        assert!((sigmoid(0.0) - 0.5).abs() < 1e-15);
    }
}
