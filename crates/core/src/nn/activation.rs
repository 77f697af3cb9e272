//! Hidden-layer activations a = f(z) and their derivatives f′, side by side (ch8, used
//! from step 4 on). The derivative takes both z and a = f(z) because the cheap form of
//! each differs: σ′ = a(1 − a) and tanh′ = 1 − a² use a, ReLU′ uses the sign of z.
//!
//! | name | f(z) | f′(z) |
//! |---|---|---|
//! | identity | z | 1 |
//! | step | 1 if z ≥ 0 else 0 | 0 (no useful gradient) |
//! | sigmoid | 1/(1+e^{−z}) | a(1 − a) |
//! | tanh | tanh z | 1 − a² |
//! | relu | max(0, z) | 1 if z > 0 else 0 |
//! | leaky-relu(α) | z if z > 0 else αz | 1 if z > 0 else α |
//! | elu(α) | z if z > 0 else α(e^z − 1) | 1 if z > 0 else a + α |
//! | softplus | ln(1 + e^z) | σ(z) |
//!
//! One type serves the whole course: the `f32` methods ([`Activation::forward`],
//! [`Activation::derivative`], the slice forms) are what the engine trains with; the `f64`
//! ones ([`Activation::forward_f64`], [`Activation::derivative_f64`]) give step 1's hand
//! tables their exact digits.

use super::math;
use serde::{Deserialize, Serialize};

/// An activation function of a hidden layer.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Activation {
    /// a = z.
    Identity,
    /// a = 1 if z ≥ 0 else 0.
    Step,
    /// a = 1/(1 + e^{−z}).
    Sigmoid,
    /// a = tanh z.
    Tanh,
    /// a = max(0, z).
    Relu,
    /// a = z for z > 0, αz otherwise (the book plots α = 0.01).
    LeakyRelu(f32),
    /// a = z for z > 0, α(e^z − 1) otherwise (the book plots α = 0.8).
    Elu(f32),
    /// a = ln(1 + e^z), a smooth ReLU.
    Softplus,
}

impl Activation {
    /// a = f(z).
    #[inline(always)]
    pub fn forward(self, z: f32) -> f32 {
        match self {
            Activation::Identity => z,
            Activation::Step => {
                if z >= 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Sigmoid => math::sigmoid(z),
            Activation::Tanh => math::tanh(z),
            Activation::Relu => {
                if z > 0.0 {
                    z
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu(alpha) => {
                if z > 0.0 {
                    z
                } else {
                    alpha * z
                }
            }
            Activation::Elu(alpha) => {
                if z > 0.0 {
                    z
                } else {
                    alpha * (math::exp(z) - 1.0)
                }
            }
            // ln(1 + e^z) = max(z, 0) + ln(1 + e^{−|z|}), which never overflows.
            Activation::Softplus => z.max(0.0) + math::ln_1p(math::exp(-z.abs())),
        }
    }

    /// da/dz at z, given a = f(z) as well.
    #[inline(always)]
    pub fn derivative(self, z: f32, a: f32) -> f32 {
        match self {
            Activation::Identity => 1.0,
            Activation::Step => 0.0,
            Activation::Sigmoid => a * (1.0 - a),
            Activation::Tanh => 1.0 - a * a,
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu(alpha) => {
                if z > 0.0 {
                    1.0
                } else {
                    alpha
                }
            }
            // a = α(e^z − 1) so da/dz = αe^z = a + α.
            Activation::Elu(alpha) => {
                if z > 0.0 {
                    1.0
                } else {
                    a + alpha
                }
            }
            Activation::Softplus => math::sigmoid(z),
        }
    }

    /// `a[i] = f(z[i])` for a whole slice (the match is outside the loop, so it vectorises).
    pub fn forward_slice(self, z: &[f32], a: &mut [f32]) {
        fn each(z: &[f32], a: &mut [f32], f: impl Fn(f32) -> f32) {
            for (a, z) in a.iter_mut().zip(z) {
                *a = f(*z);
            }
        }
        match self {
            Activation::Identity => a.copy_from_slice(z),
            Activation::Sigmoid => each(z, a, math::sigmoid),
            Activation::Tanh => each(z, a, math::tanh),
            Activation::Relu => each(z, a, |z| Activation::Relu.forward(z)),
            other => each(z, a, |z| other.forward(z)),
        }
    }

    /// `grad_z[i] = grad_a[i] · f′(z[i])`: the chain rule through the activation.
    pub fn backward_slice(self, z: &[f32], a: &[f32], grad_a: &[f32], grad_z: &mut [f32]) {
        fn each(z: &[f32], a: &[f32], ga: &[f32], gz: &mut [f32], d: impl Fn(f32, f32) -> f32) {
            for (((gz, ga), z), a) in gz.iter_mut().zip(ga).zip(z).zip(a) {
                *gz = ga * d(*z, *a);
            }
        }
        match self {
            Activation::Identity => grad_z.copy_from_slice(grad_a),
            Activation::Sigmoid => each(z, a, grad_a, grad_z, |_, a| a * (1.0 - a)),
            Activation::Tanh => each(z, a, grad_a, grad_z, |_, a| 1.0 - a * a),
            Activation::Relu => each(z, a, grad_a, grad_z, |z, a| {
                Activation::Relu.derivative(z, a)
            }),
            other => each(z, a, grad_a, grad_z, |z, a| other.derivative(z, a)),
        }
    }

    /// The five functions of step 1, in the order its lessons list them.
    pub const BASIC: [Activation; 5] = [
        Activation::Identity,
        Activation::Step,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
    ];

    /// Every function once: the five of [`Activation::BASIC`], then step 7's leaky ReLU
    /// and ELU with the book's α (0.01 and 0.8) and softplus.
    pub fn all() -> impl Iterator<Item = Activation> {
        Activation::BASIC.into_iter().chain([
            Activation::LeakyRelu(0.01),
            Activation::Elu(0.8),
            Activation::Softplus,
        ])
    }

    /// Looks a function up by [`Activation::name`] (`leaky-relu` and `elu` with the book's
    /// α, 0.01 and 0.8).
    pub fn from_name(name: &str) -> Option<Activation> {
        Activation::all().find(|a| a.name() == name)
    }

    /// a = f(z) in `f64` (step 1's exact tables).
    pub fn forward_f64(self, z: f64) -> f64 {
        match self {
            Activation::Identity => z,
            Activation::Step => {
                if z >= 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Sigmoid => sigmoid_f64(z),
            Activation::Tanh => z.tanh(),
            Activation::Relu => z.max(0.0),
            Activation::LeakyRelu(alpha) => {
                if z > 0.0 {
                    z
                } else {
                    alpha as f64 * z
                }
            }
            Activation::Elu(alpha) => {
                if z > 0.0 {
                    z
                } else {
                    alpha as f64 * z.exp_m1()
                }
            }
            Activation::Softplus => z.max(0.0) + (-z.abs()).exp().ln_1p(),
        }
    }

    /// da/dz at z in `f64`, written in terms of z (0 for the step function).
    pub fn derivative_f64(self, z: f64) -> f64 {
        match self {
            Activation::Identity => 1.0,
            Activation::Step => 0.0,
            Activation::Sigmoid => {
                let a = sigmoid_f64(z);
                a * (1.0 - a)
            }
            Activation::Tanh => 1.0 - z.tanh().powi(2),
            Activation::Relu => f64::from(u8::from(z > 0.0)),
            Activation::LeakyRelu(alpha) => {
                if z > 0.0 {
                    1.0
                } else {
                    alpha as f64
                }
            }
            Activation::Elu(alpha) => {
                if z > 0.0 {
                    1.0
                } else {
                    alpha as f64 * z.exp()
                }
            }
            Activation::Softplus => sigmoid_f64(z),
        }
    }

    /// The name used in URLs and the CLI (`leaky-relu` and `elu` keep their α elsewhere).
    pub fn name(self) -> &'static str {
        match self {
            Activation::Identity => "linear",
            Activation::Step => "step",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::LeakyRelu(_) => "leaky-relu",
            Activation::Elu(_) => "elu",
            Activation::Softplus => "softplus",
        }
    }

    /// True if the parameter α (if any) is a finite number.
    pub fn is_valid(self) -> bool {
        match self {
            Activation::LeakyRelu(alpha) | Activation::Elu(alpha) => alpha.is_finite(),
            _ => true,
        }
    }
}

/// The logistic function in `f64`, written so that large |z| never overflows.
pub fn sigmoid_f64(z: f64) -> f64 {
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
    fn f64_forms_match_finite_differences_and_the_f32_ones() {
        let h = 1e-6;
        for a in Activation::all() {
            for z in [-2.5, -0.3, 0.4, 1.7] {
                let numeric = (a.forward_f64(z + h) - a.forward_f64(z - h)) / (2.0 * h);
                if a != Activation::Step {
                    assert!((numeric - a.derivative_f64(z)).abs() < 1e-6, "{a:?} at {z}");
                }
                let f32_value = a.forward(z as f32) as f64;
                assert!((f32_value - a.forward_f64(z)).abs() < 1e-6, "{a:?} at {z}");
            }
            assert_eq!(Activation::from_name(a.name()), Some(a));
        }
        assert_eq!(sigmoid_f64(-1000.0), 0.0);
        assert_eq!(sigmoid_f64(1000.0), 1.0);
        assert!((sigmoid_f64(0.0) - 0.5).abs() < 1e-15);
        assert_eq!(Activation::from_name("swish"), None);
    }

    #[test]
    fn derivatives_match_central_differences() {
        // Central differences in f32 with h = 1e-3 (away from the kinks at 0).
        let h = 1e-3f32;
        for act in Activation::all() {
            for z in [-3.1f32, -0.7, -0.05, 0.2, 1.3, 4.0] {
                let numeric = (act.forward(z + h) - act.forward(z - h)) / (2.0 * h);
                let analytic = act.derivative(z, act.forward(z));
                assert!(
                    (numeric - analytic).abs() <= 2e-3 * (1.0 + analytic.abs()),
                    "{act:?} at {z}: numeric {numeric}, analytic {analytic}"
                );
            }
        }
    }

    #[test]
    fn values_match_the_f64_formulas() {
        for z in [-5.0f32, -1.0, 0.0, 0.5, 3.0] {
            let zd = z as f64;
            let close = |a: f32, b: f64| (a as f64 - b).abs() < 1e-6 * (1.0 + b.abs());
            assert!(close(
                Activation::Sigmoid.forward(z),
                1.0 / (1.0 + (-zd).exp())
            ));
            assert!(close(Activation::Tanh.forward(z), zd.tanh()));
            assert!(close(Activation::Softplus.forward(z), zd.exp().ln_1p()));
            assert!(close(
                Activation::Elu(0.8).forward(z),
                if z > 0.0 { zd } else { 0.8 * zd.exp_m1() }
            ));
        }
        assert_eq!(Activation::Step.forward(0.0), 1.0);
        assert_eq!(Activation::Relu.forward(-2.0), 0.0);
        assert!((Activation::LeakyRelu(0.01).forward(-2.0) + 0.02).abs() < 1e-9);
        assert!((Activation::Softplus.forward(200.0) - 200.0).abs() < 1e-9);
    }

    #[test]
    fn slice_forms_agree_with_the_scalar_ones() {
        let z: Vec<f32> = (0..37).map(|i| i as f32 * 0.3 - 5.0).collect();
        let ga: Vec<f32> = (0..37).map(|i| 1.0 - i as f32 * 0.05).collect();
        let (mut a, mut gz) = (vec![0.0; 37], vec![0.0; 37]);
        for act in Activation::all() {
            act.forward_slice(&z, &mut a);
            act.backward_slice(&z, &a, &ga, &mut gz);
            for i in 0..37 {
                assert_eq!(a[i].to_bits(), act.forward(z[i]).to_bits());
                assert_eq!(
                    gz[i].to_bits(),
                    (ga[i] * act.derivative(z[i], a[i])).to_bits()
                );
            }
        }
        assert!(!Activation::Elu(f32::NAN).is_valid() && Activation::Tanh.is_valid());
    }
}
