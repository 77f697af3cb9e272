//! The `layers` setting of `cnn-trainer`: a small CNN written as comma-separated blocks,
//! one URL-safe line, parsed into [`LayerConfig`]s and checked shape by shape.
//!
//! | block | layer | example |
//! |---|---|---|
//! | `c{C}k{K}` then optional `s{S}` and `p{P}` | conv2d, C kernels of K×K, stride S (1), padding P (0) | `c8k5`, `c16k3p1`, `c8k5s2` |
//! | `mp{K}` / `ap{K}`, optional `s{S}` (default S = K) | max / average pooling over K×K windows | `mp2`, `ap3s2` |
//! | `p{K}` | max pooling (short for `mp{K}`) | `p2` |
//! | `d{N}` | dense, N units, no activation | `d32` |
//! | `bn` | batch normalisation | `bn` |
//! | `relu`, `tanh`, `sigmoid` | an activation | `relu` |
//!
//! The blocks are the hidden part of the net: the widget always ends it with a dense layer
//! of 10 units and softmax. A flatten goes in before the first dense block that follows
//! an image (it moves no value; the book's ch18.4 net writes it out too).

use crate::error::{Error, ErrorKind, Result};
use crate::nn::{Activation, Init, LayerConfig, NetworkConfig, Output, Shape};

/// Most blocks in the setting.
pub const MAX_BLOCKS: usize = 16;
/// Most kernels of one convolution.
pub const MAX_CHANNELS: usize = 32;
/// Largest kernel and pooling window side.
pub const MAX_KERNEL: usize = 9;
/// Largest stride.
pub const MAX_STRIDE: usize = 4;
/// Most units of a dense block.
pub const MAX_UNITS: usize = 512;

/// The presets: `(value, en, zh)`; the first is the default.
pub const PRESETS: [(&str, &str, &str); 3] = [
    (
        "c8k5,relu,mp2,c16k5,relu,mp2,d32,bn,relu",
        "the book's ch18.4 CNN",
        "书中 ch18.4 的卷积网络",
    ),
    (
        "c8k5p2,relu,mp2,c16k5p2,relu,mp3",
        "ConvNetJS's MNIST CNN (workload W3)",
        "ConvNetJS 的 MNIST 卷积网络（负载 W3）",
    ),
    (
        "d128,relu,d64,relu",
        "a dense net, no convolution",
        "全连接网络（没有卷积）",
    ),
];

const HELP_EN: &str =
    "write blocks such as c8k5 (8 kernels of 5×5; add s2 for stride, p2 for padding), mp2 / ap2 (pooling), d32 (dense), bn, relu";
const HELP_ZH: &str =
    "请写成 c8k5（8 个 5×5 卷积核；加 s2 表示步长、p2 表示填充）、mp2 / ap2（池化）、d32（全连接）、bn、relu 这样的块";

fn bad_block(index: usize, block: &str) -> Error {
    Error::new(
        ErrorKind::BadValue,
        format!("Block {index} “{block}” is not a block: {HELP_EN}."),
        format!("第 {index} 块“{block}”不是有效的块：{HELP_ZH}。"),
    )
}

fn out_of_range(index: usize, block: &str, what: (&str, &str), lo: usize, hi: usize) -> Error {
    Error::new(
        ErrorKind::OutOfRange,
        format!(
            "Block {index} “{block}”: the {} must be between {lo} and {hi}.",
            what.0
        ),
        format!(
            "第 {index} 块“{block}”：{}必须在 {lo} 到 {hi} 之间。",
            what.1
        ),
    )
}

/// Splits `c8k5s2p1` after its leading letters into (letter, number) pairs in order.
fn fields(body: &str) -> Option<Vec<(char, usize)>> {
    let mut out = Vec::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_ascii_lowercase() {
            return None;
        }
        let mut digits = String::new();
        while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
            digits.push(*d);
            chars.next();
        }
        if digits.is_empty() || digits.len() > 4 {
            return None;
        }
        out.push((c, digits.parse().ok()?));
    }
    Some(out)
}

/// One block (number `index`, from 1) as a layer.
fn block(index: usize, b: &str) -> Result<LayerConfig> {
    let act = |activation| Ok(LayerConfig::Activation { activation });
    match b {
        "relu" => return act(Activation::Relu),
        "tanh" => return act(Activation::Tanh),
        "sigmoid" => return act(Activation::Sigmoid),
        "bn" => return Ok(LayerConfig::batch_norm()),
        _ => {}
    }
    let range = |v: usize, what, lo, hi| {
        if (lo..=hi).contains(&v) {
            Ok(v)
        } else {
            Err(out_of_range(index, b, what, lo, hi))
        }
    };
    let pool = |rest: &str, max: bool| -> Result<LayerConfig> {
        let f = fields(rest).ok_or_else(|| bad_block(index, b))?;
        let (size, stride) = match f.as_slice() {
            [('p', k)] => (*k, *k),
            [('p', k), ('s', s)] => (*k, *s),
            _ => return Err(bad_block(index, b)),
        };
        let size = range(size, ("window side", "池化窗口边长"), 1, MAX_KERNEL)?;
        let stride = range(stride, ("stride", "步长"), 1, MAX_STRIDE)?;
        Ok(if max {
            LayerConfig::MaxPool { size, stride }
        } else {
            LayerConfig::AvgPool { size, stride }
        })
    };
    if let Some(rest) = b.strip_prefix('m') {
        return pool(rest, true);
    }
    if let Some(rest) = b.strip_prefix('a') {
        return pool(rest, false);
    }
    let f = fields(b).ok_or_else(|| bad_block(index, b))?;
    match f.as_slice() {
        [('p', _)] | [('p', _), ('s', _)] => pool(b, true),
        [('d', n)] => Ok(LayerConfig::dense(
            range(*n, ("number of units", "单元数"), 1, MAX_UNITS)?,
            Activation::Identity,
        )),
        [('c', c), ('k', k), rest @ ..] => {
            let (mut stride, mut padding) = (1, 0);
            match rest {
                [] => {}
                [('s', s)] => stride = *s,
                [('p', p)] => padding = *p,
                [('s', s), ('p', p)] => (stride, padding) = (*s, *p),
                _ => return Err(bad_block(index, b)),
            }
            let kernel = range(*k, ("kernel side", "卷积核边长"), 1, MAX_KERNEL)?;
            Ok(LayerConfig::Conv2d {
                channels: range(*c, ("number of kernels", "卷积核个数"), 1, MAX_CHANNELS)?,
                kernel,
                stride: range(stride, ("stride", "步长"), 1, MAX_STRIDE)?,
                padding: range(padding, ("padding", "填充"), 0, kernel - 1)?,
                bias: true,
            })
        }
        _ => Err(bad_block(index, b)),
    }
}

/// The blocks of `text` on a `input` image as the hidden layers of a net (flatten put in
/// before the first dense block after an image). Errors name the block: one that is not
/// a block, a number out of range, or a shape that does not fit (with the shapes).
pub fn parse_blocks(text: &str, input: Shape) -> Result<Vec<LayerConfig>> {
    let blocks: Vec<&str> = text.split(',').map(str::trim).collect();
    if text.trim().is_empty() || blocks.len() > MAX_BLOCKS {
        return Err(Error::new(
            ErrorKind::OutOfRange,
            format!("The net needs 1 to {MAX_BLOCKS} blocks, comma-separated; {HELP_EN}."),
            format!("网络需要 1 到 {MAX_BLOCKS} 个用逗号分隔的块；{HELP_ZH}。"),
        ));
    }
    let mut layers = Vec::new();
    let mut shape = input;
    let mut flat = input.is_flat();
    for (i, b) in blocks.iter().enumerate() {
        let layer = block(i + 1, b)?;
        let image_layer = matches!(
            layer,
            LayerConfig::Conv2d { .. } | LayerConfig::MaxPool { .. } | LayerConfig::AvgPool { .. }
        );
        if image_layer && flat {
            return Err(Error::new(
                ErrorKind::BadValue,
                format!("Block {} “{b}”: a convolution or pooling needs an image, but after a dense block it gets a flat vector of {} values.", i + 1, shape.len()),
                format!("第 {} 块“{b}”：卷积或池化需要图像输入，但在全连接块之后它得到的是 {} 个值的向量。", i + 1, shape.len()),
            ));
        }
        if matches!(layer, LayerConfig::Dense { .. }) && !flat {
            shape = shape.flattened();
            layers.push(LayerConfig::Flatten);
            flat = true;
        }
        let out = layer.output_shape(i + 1, shape).map_err(|e| {
            let en = e.text.en.replacen("Layer", "Block", 1);
            let zh = e.text.zh.replacen('层', "块", 1);
            Error::new(
                e.kind,
                format!("{en} (block “{b}” gets {shape})"),
                format!("{zh}（块“{b}”的输入形状为 {shape}）"),
            )
        })?;
        layers.push(layer);
        shape = out;
    }
    Ok(layers)
}

/// The whole digits net of `text`: its blocks on a 1×28×28 digit, then a dense layer of
/// 10 units (after a flatten when the blocks end on an image) and softmax.
pub fn blocks_net(text: &str, init: Init, seed: u64) -> Result<NetworkConfig> {
    let input = Shape::new(1, 28, 28);
    let mut layers = parse_blocks(text, input)?;
    let mut shape = input;
    for (i, l) in layers.iter().enumerate() {
        shape = l.output_shape(i + 1, shape)?;
    }
    if !shape.is_flat() {
        layers.push(LayerConfig::Flatten);
    }
    layers.push(LayerConfig::dense(10, Activation::Identity));
    let net = NetworkConfig {
        input_shape: Some(input),
        inputs: input.len(),
        layers,
        output: Output::Softmax,
        init,
        seed,
    };
    net.validate()?;
    Ok(net)
}

#[cfg(test)]
#[path = "cnn_blocks_tests.rs"]
mod tests;
