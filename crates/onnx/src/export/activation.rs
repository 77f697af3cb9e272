//! Our activations as ONNX nodes. Each one is exact in the sense of the ONNX operator's
//! definition; the numbers of a runtime may still differ from ours in the last bits of
//! exp/tanh.
//!
//! | ours | ONNX |
//! |---|---|
//! | identity | no node |
//! | sigmoid, tanh, relu, softplus | `Sigmoid`, `Tanh`, `Relu`, `Softplus` |
//! | leaky ReLU α, ELU α | `LeakyRelu` (alpha), `Elu` (alpha) |
//! | step: 1 if z ≥ 0 else 0 | `GreaterOrEqual`(z, 0) → `Cast` (to float): 1 at z = 0 (and at −0), 0 for NaN, as ours |
//!
//! Every variant of [`Activation`] has a row, so the match below has no wildcard: a new
//! variant does not compile until it is given one (or a refusal naming it).

use super::{not_exportable, Graph};
use crate::proto::{attr_f, attr_i, FLOAT};
use ninestep_core::nn::Activation;
use ninestep_core::Result;

/// Appends activation `f` of layer `layer` (no node for identity); `name` is its output.
pub(crate) fn push(g: &mut Graph, f: Activation, name: &str, layer: usize) -> Result<()> {
    if !f.is_valid() {
        return Err(not_exportable(
            layer,
            &format!(
                "{} activation with a parameter that is not a number",
                f.name()
            ),
            &format!("{} 激活函数的参数不是数", f.name()),
        ));
    }
    match f {
        Activation::Identity => {}
        Activation::Sigmoid => g.push("Sigmoid", name, &[], vec![]),
        Activation::Tanh => g.push("Tanh", name, &[], vec![]),
        Activation::Relu => g.push("Relu", name, &[], vec![]),
        Activation::Softplus => g.push("Softplus", name, &[], vec![]),
        Activation::LeakyRelu(a) => g.push("LeakyRelu", name, &[], vec![attr_f("alpha", a)]),
        Activation::Elu(a) => g.push("Elu", name, &[], vec![attr_f("alpha", a)]),
        Activation::Step => {
            let zero = g.tensor(&format!("{name}_zero"), &[], &[0.0]);
            g.push(
                "GreaterOrEqual",
                &format!("{name}_ge"),
                &[zero.as_str()],
                vec![],
            );
            g.push("Cast", name, &[], vec![attr_i("to", i64::from(FLOAT))]);
        }
    }
    Ok(())
}
