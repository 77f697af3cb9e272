//! The image ops of a CNN graph (step 8), read onto the [`Chain`]:
//!
//! | ONNX | ours | what is run |
//! |---|---|---|
//! | `Conv` | conv2d | group 1, square kernel (W `[O, C, k, k]`, optional B `[O]`), equal strides, the same padding on all four sides (or auto_pad VALID), dilations 1 |
//! | `MaxPool`, `AveragePool` | max-pool, avg-pool | square window, equal strides, no padding, ceil_mode 0, dilations 1 (count_include_pad does not matter without padding) |
//! | `Flatten` (axis 1), `Reshape` to `[N, C·H·W]` | flatten | |
//! | `BatchNormalization` on an image | batch norm | the per-channel statistics repeated over each channel's H×W values (the same numbers in inference) |
//!
//! Anything else is a message naming the op, the node and the attribute.

use super::chain::Chain;
use super::parts::{unsupported, Const};
use crate::proto::{attr_type, NodeProto};
use ninestep_core::nn::{LayerConfig, Shape};
use ninestep_core::Result;

/// Attribute `name` of `n` as a list of non-negative ints; `None` if absent.
fn ints(n: &NodeProto, name: &str) -> Result<Option<Vec<usize>>> {
    let Some(a) = n.attribute.iter().find(|a| a.name == name) else {
        return Ok(None);
    };
    let values: Option<Vec<usize>> = match a.r#type {
        attr_type::INTS => a.ints.iter().map(|&v| usize::try_from(v).ok()).collect(),
        attr_type::INT => usize::try_from(a.i).ok().map(|v| vec![v]),
        _ => None,
    };
    values.map(Some).ok_or_else(|| {
        unsupported(
            n,
            &format!("has attribute {name} that is not a list of non-negative integers"),
            &format!("的属性 {name} 不是非负整数列表"),
        )
    })
}

/// One value from attribute `name` that must repeat `count` times (`default` if absent).
fn same(n: &NodeProto, name: &str, count: usize, default: usize) -> Result<usize> {
    let Some(v) = ints(n, name)? else {
        return Ok(default);
    };
    match v[..] {
        [first, ..] if v.len() == count && v.iter().all(|&x| x == first) => Ok(first),
        _ => Err(unsupported(
            n,
            &format!("has attribute {name} = {v:?}; only {count} equal values are run"),
            &format!("的属性 {name} = {v:?}；只支持 {count} 个相等的值"),
        )),
    }
}

/// Refuses attribute `name` unless it is absent or one of `allowed` (ints).
pub(super) fn only(n: &NodeProto, name: &str, allowed: i64) -> Result<()> {
    match n.attribute.iter().find(|a| a.name == name) {
        Some(a) if a.r#type == attr_type::INT && a.i != allowed => Err(unsupported(
            n,
            &format!("has attribute {name} = {}; only {allowed} is run", a.i),
            &format!("的属性 {name} = {}；只支持 {allowed}", a.i),
        )),
        _ => Ok(()),
    }
}

/// auto_pad NOTSET (or absent) keeps `pads`; VALID means no padding; SAME_* is refused.
fn auto_pad(n: &NodeProto) -> Result<()> {
    let Some(a) = n.attribute.iter().find(|a| a.name == "auto_pad") else {
        return Ok(());
    };
    match &a.s[..] {
        b"NOTSET" | b"VALID" | b"" => Ok(()),
        other => Err(unsupported(
            n,
            &format!(
                "has attribute auto_pad = {}; only NOTSET and VALID are run",
                String::from_utf8_lossy(other)
                    .chars()
                    .take(20)
                    .collect::<String>()
            ),
            &format!(
                "的属性 auto_pad = {}；只支持 NOTSET 与 VALID",
                String::from_utf8_lossy(other)
                    .chars()
                    .take(20)
                    .collect::<String>()
            ),
        )),
    }
}

impl Chain {
    /// The image shape the current value has, or an error naming `n`.
    fn image(&self, n: &NodeProto) -> Result<Shape> {
        self.shape.filter(|s| !s.is_flat()).ok_or_else(|| {
            unsupported(
                n,
                "needs an image input [N, C, H, W]",
                "需要图像输入 [N, C, H, W]",
            )
        })
    }

    /// Pushes `layer` on an image of shape `input`, checked by the engine's own rules.
    fn push_image(&mut self, layer: LayerConfig, input: Shape) -> Result<()> {
        let out = layer.output_shape(self.layers.len() + 1, input)?;
        self.layers.push(layer);
        self.shape = Some(out);
        self.width = out.len();
        Ok(())
    }

    /// A `Conv` node; `value` gives the constants.
    pub(super) fn conv(
        &mut self,
        n: &NodeProto,
        value: &dyn Fn(&str) -> Option<Const>,
    ) -> Result<()> {
        let input = self.image(n)?;
        only(n, "group", 1)?;
        auto_pad(n)?;
        let w = n.input.get(1).and_then(|s| value(s)).ok_or_else(|| {
            unsupported(n, "has a weight that is not a constant", "的权重不是常量")
        })?;
        let (o, k) = match w.dims[..] {
            [o, c, kh, kw] if c == input.channels && kh == kw => (o, kh),
            _ => {
                return Err(unsupported(
                    n,
                    &format!(
                        "has weight dims {:?}; [O, {}, k, k] (square kernel) is run",
                        w.dims, input.channels
                    ),
                    &format!(
                        "的权重维度为 {:?}；只支持 [O, {}, k, k]（正方形卷积核）",
                        w.dims, input.channels
                    ),
                ))
            }
        };
        if ints(n, "kernel_shape")?.is_some_and(|ks| ks != [k, k]) {
            return Err(unsupported(
                n,
                "has attribute kernel_shape that differs from its weight",
                "的属性 kernel_shape 与权重不一致",
            ));
        }
        if same(n, "dilations", 2, 1)? != 1 {
            return Err(unsupported(
                n,
                "has attribute dilations other than 1",
                "的属性 dilations 不是 1",
            ));
        }
        let stride = same(n, "strides", 2, 1)?;
        let padding = same(n, "pads", 4, 0)?;
        let b = match n.input.get(2).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => match value(s) {
                Some(b) if b.values.len() == o => Some(b.values),
                _ => {
                    return Err(unsupported(
                        n,
                        &format!("has a bias that is not {o} constant values"),
                        &format!("的偏置不是 {o} 个常量值"),
                    ))
                }
            },
        };
        let layer = LayerConfig::Conv2d {
            channels: o,
            kernel: k,
            stride,
            padding,
            bias: b.is_some(),
        };
        self.push_image(layer, input)?;
        let depth = input.channels * k * k;
        self.tensor("w", [o, depth], w.values);
        if let Some(b) = b {
            self.tensor("b", [1, o], b);
        }
        Ok(())
    }

    /// A `MaxPool` or `AveragePool` node.
    pub(super) fn pool(&mut self, n: &NodeProto) -> Result<()> {
        let input = self.image(n)?;
        auto_pad(n)?;
        only(n, "ceil_mode", 0)?;
        let size = same(n, "kernel_shape", 2, 0)?;
        if size == 0 {
            return Err(unsupported(
                n,
                "has no square kernel_shape",
                "没有正方形的 kernel_shape",
            ));
        }
        if same(n, "pads", 4, 0)? != 0 || same(n, "dilations", 2, 1)? != 1 {
            return Err(unsupported(
                n,
                "has attribute pads or dilations; pooling without padding, dilations 1 is run",
                "有属性 pads 或 dilations；只支持无填充、dilations 为 1 的池化",
            ));
        }
        let stride = same(n, "strides", 2, 1)?;
        let layer = if n.op_type == "MaxPool" {
            LayerConfig::MaxPool { size, stride }
        } else {
            LayerConfig::AvgPool { size, stride }
        };
        self.push_image(layer, input)
    }

    /// `Flatten` (or a `Reshape` to rows) of an image: our flatten layer.
    pub(super) fn flatten_image(&mut self) {
        if self.shape.is_some_and(|s| !s.is_flat()) {
            self.layers.push(LayerConfig::Flatten);
            self.shape = None;
        }
    }

    /// Per-channel values of an image's batch norm repeated over each channel's H×W.
    pub(super) fn per_value(&self, c: &Const) -> Option<Vec<f32>> {
        let s = self.shape.filter(|s| !s.is_flat())?;
        (c.values.len() == s.channels).then(|| {
            c.values
                .iter()
                .flat_map(|&v| std::iter::repeat_n(v, s.area()))
                .collect()
        })
    }
}
