//! The image layers of step 8 as ONNX nodes:
//!
//! | ours | ONNX |
//! |---|---|
//! | conv2d (O kernels k×k, stride s, padding p, bias) | `Conv` (kernel_shape [k, k], strides [s, s], pads [p, p, p, p]; W is O×C×k×k, the same values as our O × C·k·k rows; B if the layer has a bias) |
//! | max-pool / avg-pool (size, stride) | `MaxPool` / `AveragePool` (kernel_shape, strides, no padding, floor) |
//! | flatten | `Flatten` (axis 1) |

use super::{take, Graph, Tensors};
use crate::proto::{attr_i, attr_ints};
use ninestep_core::nn::LayerConfig;
use ninestep_core::Result;

/// Appends the node of image layer `config` (layer number `k`, tensors `t`).
pub(crate) fn push(g: &mut Graph, config: LayerConfig, t: &mut Tensors, k: usize) -> Result<()> {
    match config {
        LayerConfig::Conv2d {
            kernel,
            stride,
            padding,
            bias,
            ..
        } => {
            let ((o, depth), w) = take(t, "w", k)?;
            let c = depth / (kernel * kernel).max(1);
            let w = g.tensor(&format!("l{k}_W"), &[o, c, kernel, kernel], &w);
            let mut inputs = vec![w];
            if bias {
                let (_, b) = take(t, "b", k)?;
                inputs.push(g.tensor(&format!("l{k}_B"), &[o], &b));
            }
            let refs: Vec<&str> = inputs.iter().map(String::as_str).collect();
            let (kk, s, p) = (kernel as i64, stride as i64, padding as i64);
            let attrs = vec![
                attr_ints("kernel_shape", &[kk, kk]),
                attr_ints("strides", &[s, s]),
                attr_ints("pads", &[p, p, p, p]),
            ];
            g.push("Conv", &format!("l{k}_conv"), &refs, attrs);
        }
        LayerConfig::MaxPool { size, stride } | LayerConfig::AvgPool { size, stride } => {
            let op = if matches!(config, LayerConfig::MaxPool { .. }) {
                "MaxPool"
            } else {
                "AveragePool"
            };
            let (kk, s) = (size as i64, stride as i64);
            let attrs = vec![
                attr_ints("kernel_shape", &[kk, kk]),
                attr_ints("strides", &[s, s]),
            ];
            g.push(op, &format!("l{k}_pool"), &[], attrs);
        }
        _ => g.push(
            "Flatten",
            &format!("l{k}_flat"),
            &[],
            vec![attr_i("axis", 1)],
        ),
    }
    Ok(())
}
