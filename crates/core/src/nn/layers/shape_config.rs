//! Shape propagation through [`LayerConfig`] (step 8): each layer's output shape from its
//! input shape, checked where the net is built, with a message that names the layer and the
//! shapes. Convolution, pooling and flatten are built here; every other layer reads its
//! input as a flat width (`C·H·W`) through [`LayerConfig::build`].
//!
//! | layer | input | output |
//! |---|---|---|
//! | conv2d (O kernels of k×k, stride s, padding p) | C×H×W | O×H′×W′, H′ = (H + 2p − k)/s + 1 |
//! | max-pool / avg-pool (size k, stride s) | C×H×W | C×H′×W′, H′ = (H − k)/s + 1 |
//! | flatten | C×H×W | C·H·W |
//! | dense (units n) | any (read as its C·H·W values) | n |
//! | activation, batch norm, dropout | any | the same |
//!
//! A dense layer takes an image directly (an implicit flatten, as the book's `FcLayer` and
//! ConvNetJS do); batch norm on an image normalises each of its C·H·W values on its own.

use super::{Conv2d, Flatten, Layer, LayerConfig, Pool, PoolKind};
use crate::error::{Error, ErrorKind, Result};
use crate::limits::{ENGINE_MAX_CHANNELS, ENGINE_MAX_KERNEL, ENGINE_MAX_UNITS, ENGINE_MAX_VALUES};
use crate::nn::init::Init;
use crate::nn::shape::{window_out, Shape};
use crate::rng::Rng;

fn bad<T>(en: String, zh: String) -> Result<T> {
    Err(Error::new(ErrorKind::OutOfRange, en, zh))
}

/// Checks `value` is in `1..=most` (`lo` = 0 allows 0).
fn in_range(index: usize, what: (&str, &str), value: usize, lo: usize, most: usize) -> Result<()> {
    if value < lo || value > most {
        return bad(
            format!(
                "Layer {index}: the {} must be between {lo} and {most}, not {value}.",
                what.0
            ),
            format!(
                "第 {index} 层：{}必须在 {lo} 到 {most} 之间，而不是 {value}。",
                what.1
            ),
        );
    }
    Ok(())
}

impl LayerConfig {
    /// The shape of the output of layer number `index` (1 = the first) for an input of
    /// shape `input`, after checking the settings against it.
    pub fn output_shape(&self, index: usize, input: Shape) -> Result<Shape> {
        let n = input.len();
        let window = |k: usize, s: usize, p: usize, what: (&str, &str)| -> Result<Shape> {
            match (
                window_out(input.height, k, s, p),
                window_out(input.width, k, s, p),
            ) {
                (Some(h), Some(w)) => Ok(Shape::new(input.channels, h, w)),
                _ => bad(
                    format!(
                        "Layer {index} ({}): a {} on a {}×{} input with padding {p} leaves nothing.",
                        self.name(),
                        what.0,
                        input.height,
                        input.width
                    ),
                    format!(
                        "第 {index} 层（{}）：{}在 {}×{} 的输入上（填充 {p}）得不到任何输出。",
                        self.name(),
                        what.1,
                        input.height,
                        input.width
                    ),
                ),
            }
        };
        let out = match *self {
            LayerConfig::Conv2d {
                channels,
                kernel,
                stride,
                padding,
                ..
            } => {
                in_range(
                    index,
                    ("number of channels", "通道数"),
                    channels,
                    1,
                    ENGINE_MAX_CHANNELS,
                )?;
                in_range(
                    index,
                    ("kernel size", "卷积核大小"),
                    kernel,
                    1,
                    ENGINE_MAX_KERNEL,
                )?;
                in_range(index, ("stride", "步长"), stride, 1, ENGINE_MAX_KERNEL)?;
                in_range(index, ("padding", "填充"), padding, 0, kernel - 1)?;
                let weights = channels
                    .saturating_mul(input.channels)
                    .saturating_mul(kernel * kernel);
                if weights > ENGINE_MAX_UNITS * ENGINE_MAX_UNITS {
                    return bad(
                        format!(
                            "Layer {index} (conv2d) would have {weights} weights; at most {} work.",
                            ENGINE_MAX_UNITS * ENGINE_MAX_UNITS
                        ),
                        format!(
                            "第 {index} 层（卷积）会有 {weights} 个权重；最多允许 {} 个。",
                            ENGINE_MAX_UNITS * ENGINE_MAX_UNITS
                        ),
                    );
                }
                let what = (
                    format!("{channels}×{kernel}×{kernel} kernel"),
                    format!("{channels}×{kernel}×{kernel} 的卷积核"),
                );
                let s = window(kernel, stride, padding, (&what.0, &what.1))?;
                Shape::new(channels, s.height, s.width)
            }
            LayerConfig::MaxPool { size, stride } | LayerConfig::AvgPool { size, stride } => {
                in_range(
                    index,
                    ("pooling size", "池化窗口大小"),
                    size,
                    1,
                    ENGINE_MAX_KERNEL,
                )?;
                in_range(index, ("stride", "步长"), stride, 1, ENGINE_MAX_KERNEL)?;
                let what = (
                    format!("{size}×{size} window"),
                    format!("{size}×{size} 的池化窗口"),
                );
                window(size, stride, 0, (&what.0, &what.1))?
            }
            LayerConfig::Flatten => input.flattened(),
            LayerConfig::Activation { .. }
            | LayerConfig::BatchNorm { .. }
            | LayerConfig::Dropout { .. } => {
                self.validate(index, n)?;
                input
            }
            _ => {
                self.validate(index, n)?;
                Shape::flat(self.outputs(n))
            }
        };
        for (shape, side) in [(input, ("input", "输入")), (out, ("output", "输出"))] {
            if shape.is_empty() || shape.len() > ENGINE_MAX_VALUES {
                return bad(
                    format!(
                        "Layer {index} ({}) has an {} of {shape} = {} values; between 1 and {ENGINE_MAX_VALUES} work.",
                        self.name(),
                        side.0,
                        shape.len()
                    ),
                    format!(
                        "第 {index} 层（{}）的{}为 {shape} = {} 个值；允许 1 到 {ENGINE_MAX_VALUES} 个。",
                        self.name(),
                        side.1,
                        shape.len()
                    ),
                );
            }
        }
        Ok(out)
    }

    /// Builds layer number `index` for an input of shape `input` (see
    /// [`LayerConfig::build`] for the flat layers).
    pub fn build_shaped(
        &self,
        index: usize,
        input: Shape,
        init: Init,
        rng: &mut Rng,
        seed: u64,
    ) -> Result<Box<dyn Layer>> {
        let out = self.output_shape(index, input)?;
        Ok(match *self {
            LayerConfig::Conv2d {
                kernel,
                stride,
                padding,
                bias,
                ..
            } => Box::new(Conv2d::new(
                input, out, kernel, stride, padding, bias, init, rng,
            )),
            LayerConfig::MaxPool { size, stride } => {
                Box::new(Pool::new(PoolKind::Max, input, out, size, stride))
            }
            LayerConfig::AvgPool { size, stride } => {
                Box::new(Pool::new(PoolKind::Mean, input, out, size, stride))
            }
            LayerConfig::Flatten => Box::new(Flatten::new(input)),
            _ => self.build(index, input.len(), init, rng, seed)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::Activation;

    fn conv(channels: usize, kernel: usize, stride: usize, padding: usize) -> LayerConfig {
        LayerConfig::Conv2d {
            channels,
            kernel,
            stride,
            padding,
            bias: true,
        }
    }

    #[test]
    fn shapes_of_the_convnetjs_mnist_net() {
        let layers = [
            conv(8, 5, 1, 2),
            LayerConfig::act(Activation::Relu),
            LayerConfig::MaxPool { size: 2, stride: 2 },
            conv(16, 5, 1, 2),
            LayerConfig::MaxPool { size: 3, stride: 3 },
            LayerConfig::Flatten,
            LayerConfig::dense(10, Activation::Identity),
        ];
        let mut s = Shape::new(1, 28, 28);
        let mut seen = Vec::new();
        for (i, l) in layers.iter().enumerate() {
            s = l.output_shape(i + 1, s).unwrap();
            seen.push(s.to_string());
        }
        assert_eq!(
            seen,
            [
                "8×28×28",
                "8×28×28",
                "8×14×14",
                "16×14×14",
                "16×4×4",
                "256",
                "10"
            ]
        );
        // The book's ch17.1 example: 3×32×32 with two 3×5×5 kernels → 2×28×28.
        assert_eq!(
            conv(2, 5, 1, 0).output_shape(1, Shape::new(3, 32, 32)),
            Ok(Shape::new(2, 28, 28))
        );
    }

    #[test]
    fn messages_name_the_layer_and_the_shapes() {
        let e = conv(16, 5, 1, 0)
            .output_shape(4, Shape::new(6, 4, 4))
            .unwrap_err();
        assert_eq!(
            e.text.en,
            "Layer 4 (conv2d): a 16×5×5 kernel on a 4×4 input with padding 0 leaves nothing."
        );
        assert!(e.text.zh.contains("第 4 层") && e.text.zh.contains("4×4"));
        let says = |l: LayerConfig, index, input, part: &str| {
            let e = l.output_shape(index, input).unwrap_err();
            assert!(e.text.en.contains(part), "{}", e.text.en);
        };
        let pool = LayerConfig::MaxPool { size: 3, stride: 1 };
        says(pool, 2, Shape::new(1, 2, 2), "3×3 window on a 2×2 input");
        for bad in [conv(4, 3, 1, 3), conv(4, 3, 0, 0), conv(0, 3, 1, 0)] {
            assert!(bad.output_shape(1, Shape::new(1, 8, 8)).is_err(), "{bad:?}");
        }
        // Dense keeps its own limits on a flattened image.
        let dense = LayerConfig::dense(10, Activation::Relu);
        says(dense, 3, Shape::new(8, 28, 28), "Layer 3 gets 6272 inputs");
        // Element-wise layers keep the image shape.
        let relu = LayerConfig::act(Activation::Relu);
        assert_eq!(
            relu.output_shape(2, Shape::new(8, 28, 28)),
            Ok(Shape::new(8, 28, 28))
        );
    }
}
