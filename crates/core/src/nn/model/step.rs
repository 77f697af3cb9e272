//! The worked example of a whole net: one SGD step on one (or a few) samples, with every
//! forward value, every gradient and every updated parameter — the chapter-2 chain table
//! (`x → a → b → c` forward, `∂c/∂x` back) grown to all layers of a model.
//!
//! ```text
//! forward (training mode)   layer i: X → Z = X·W + B → A = f(Z)   (other layers: X → Y)
//! output                    A_out = g(Y_last), J = loss(A_out, target)
//! backward                  dY_last = ∂J/∂Y_last, then per layer dZ, dW, dB, dX = dY of the layer below
//! update                    W ← W − η·dW for every trainable tensor (statistics untouched)
//! ```
//!
//! Everything is read through the generic parameter walk ([`Layer::visit`]) and the layer
//! outputs, so a layer added later shows up here with its own tensor names; dense layers
//! add their Z and dZ.

use super::Model;
use crate::error::{Error, ErrorKind, Result};
use crate::nn::layers::{Dense, LayerConfig, Mode};
use crate::nn::loss::Output;
use crate::nn::matrix::Matrix;
use crate::nn::optim::Sgd;
use serde::Serialize;

/// A named matrix of the trace.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Named {
    /// Its name in the book's letters (`Z`, `A`, `dW`, …).
    pub name: String,
    /// Rows, columns.
    pub shape: [usize; 2],
    /// Row-major values.
    pub values: Vec<f32>,
}

impl Named {
    fn new(name: impl Into<String>, m: &Matrix) -> Named {
        Named::of(name, m.rows, m.cols, &m.data)
    }
    fn of(name: impl Into<String>, rows: usize, cols: usize, v: &[f32]) -> Named {
        Named {
            name: name.into(),
            shape: [rows, cols],
            values: v.to_vec(),
        }
    }
}

/// One layer's part of the step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LayerTrace {
    /// 1 = the first layer.
    pub layer: usize,
    /// Its settings.
    pub config: LayerConfig,
    /// Forward values: `X` (its input), then `Z`, `A` for a dense layer, `Y` otherwise.
    pub forward: Vec<Named>,
    /// Backward values: `dA`/`dY` from above, `dZ` (dense), the parameter gradients
    /// (`dW`, `dB`, `dgamma`, …) and `dX` (not for the first layer, which needs none).
    pub backward: Vec<Named>,
    /// Trainable parameters before the step.
    pub before: Vec<Named>,
    /// The same parameters after `p ← p − η·dp`.
    pub after: Vec<Named>,
}

/// The whole step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkedStep {
    /// η.
    pub learning_rate: f32,
    /// The input rows after the model's input scaling.
    pub input: Named,
    /// The target rows.
    pub target: Named,
    /// The output function g and its loss.
    pub output_function: Output,
    /// A_out = g(Y of the last layer).
    pub output: Named,
    /// J before the step.
    pub loss: f32,
    /// J on the same rows after the step, in inference mode.
    pub loss_after: f32,
    /// Layer by layer, first to last.
    pub layers: Vec<LayerTrace>,
}

/// Book letters for a tensor name: `w` → `W`, `b` → `B`, others as they are.
fn letter(name: &str) -> String {
    if name.len() == 1 {
        name.to_uppercase()
    } else {
        name.to_string()
    }
}

fn bad(en: String, zh: String) -> Error {
    Error::new(ErrorKind::BadValue, en, zh)
}

/// One SGD step of `model` on raw input rows `x` (scaled as the model says) with targets
/// `y` (rows of the output width) and rate η; the model itself is not changed.
pub fn worked_step(model: &Model, x: &[f32], y: &[f32], learning_rate: f32) -> Result<WorkedStep> {
    let x = model.prepare(x)?;
    let n_out = model.network.outputs();
    if y.len() != x.rows * n_out || y.iter().any(|v| !v.is_finite()) {
        return Err(bad(
            format!(
                "The target needs {} finite numbers ({} row(s) of {n_out}), not {}.",
                x.rows * n_out,
                x.rows,
                y.len()
            ),
            format!(
                "目标需要 {} 个有限数值（{} 行，每行 {n_out} 个），而不是 {} 个。",
                x.rows * n_out,
                x.rows,
                y.len()
            ),
        ));
    }
    if !(learning_rate.is_finite() && learning_rate > 0.0 && learning_rate <= 100.0) {
        return Err(bad(
            format!("The learning rate η must be above 0 and at most 100, not {learning_rate}."),
            format!("学习率 η 必须大于 0 且不超过 100，而不是 {learning_rate}。"),
        ));
    }
    let y = Matrix {
        rows: x.rows,
        cols: n_out,
        data: y.to_vec(),
    };
    let mut net = model.network.clone();
    let mut before: Vec<Vec<Named>> = vec![Vec::new(); net.layers().len()];
    net.visit(|i, p| {
        if p.role.trainable() {
            before[i].push(Named::of(letter(p.name), p.shape.0, p.shape.1, p.value));
        }
    });
    net.forward_mode(&x, Mode::Train);
    // dJ/dY of the last layer, as the network's own backward pass computes it.
    let (mut a_out, mut grad_last) = (Matrix::default(), Matrix::default());
    let last_y = net
        .layers()
        .last()
        .map(|l| l.output().clone())
        .unwrap_or_default();
    let output_function = net.output();
    output_function.loss(&last_y, &y, &mut a_out, Some(&mut grad_last));
    let loss = net.backward(&y);
    let mut layers = Vec::new();
    let mut input = x.clone();
    for (i, l) in net.layers().iter().enumerate() {
        let mut forward = vec![Named::new("X", &input)];
        let mut backward = Vec::new();
        let grad_y = net
            .layers()
            .get(i + 1)
            .map_or(&grad_last, |above| above.grad_x());
        let dense = l.as_any().downcast_ref::<Dense>();
        if let Some(d) = dense {
            forward.push(Named::new("Z", d.z()));
            forward.push(Named::new("A", d.a()));
            backward.push(Named::new("dA", grad_y));
            backward.push(Named::new("dZ", d.grad_z()));
        } else {
            forward.push(Named::new("Y", l.output()));
            backward.push(Named::new("dY", grad_y));
        }
        l.visit(&mut |p| {
            if p.role.trainable() {
                backward.push(Named::of(
                    format!("d{}", letter(p.name)),
                    p.shape.0,
                    p.shape.1,
                    p.grad,
                ));
            }
        });
        if i > 0 {
            backward.push(Named::new("dX", l.grad_x()));
        }
        layers.push(LayerTrace {
            layer: i + 1,
            config: l.config(),
            forward,
            backward,
            before: std::mem::take(&mut before[i]),
            after: Vec::new(),
        });
        input = l.output().clone();
    }
    net.step(&mut Sgd, learning_rate);
    net.visit(|i, p| {
        if p.role.trainable() {
            layers[i]
                .after
                .push(Named::of(letter(p.name), p.shape.0, p.shape.1, p.value));
        }
    });
    let loss_after = net.loss(&x, &y);
    Ok(WorkedStep {
        learning_rate,
        input: Named::new("X", &x),
        target: Named::new("Y", &y),
        output_function,
        output: Named::new("A", &a_out),
        loss,
        loss_after,
        layers,
    })
}
