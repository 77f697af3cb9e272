//! The hover read-outs: what the pointer is over, with exact values.

use crate::hover::{Hover, Zone};
use crate::style::tr;
use ninestep_core::lesson::trainer::Playground;
use ninestep_core::{fmt_num, Lang};

/// A number with `d` decimals and a real minus sign.
pub(super) fn num(v: f64, d: usize) -> String {
    fmt_num(v, d).replace('-', "−")
}

/// "x₁ = 1.234, x₂ = −0.567".
fn at_text(p: (f64, f64)) -> String {
    format!("x₁ = {}, x₂ = {}", num(p.0, 3), num(p.1, 3))
}

/// The read-out for pixel (px, py) over the playground chart drawn with `hover`.
pub fn hover_text(w: &Playground, hover: &Hover, px: f64, py: f64, lang: Lang) -> Option<String> {
    match hover.zone_at(px, py)? {
        Zone::Region(f) => {
            let p = f.value_at(px, py)?;
            let out = w.neuron_maps(&[p]).pop()?;
            let vals: Vec<f64> = out.iter().filter_map(|u| u.first().copied()).collect();
            let signed = w.signed_output();
            let list = |d| {
                vals.iter()
                    .map(|&v| num(v, d))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let text = match (vals.len(), signed) {
                (1, false) => tr(
                    lang,
                    &format!("{} → P(class 1) = {}", at_text(p), num(vals[0], 3)),
                    &format!("{} → 类别 1 的概率 P = {}", at_text(p), num(vals[0], 3)),
                ),
                (1, true) => {
                    let c = usize::from(vals[0] >= 0.0);
                    tr(
                        lang,
                        &format!(
                            "{} → tanh output {}: class {c}",
                            at_text(p),
                            num(vals[0], 3)
                        ),
                        &format!("{} → tanh 输出 {}：类别 {c}", at_text(p), num(vals[0], 3)),
                    )
                }
                (_, false) => tr(
                    lang,
                    &format!("{} → P(class 1, 2, 3) = {}", at_text(p), list(3)),
                    &format!("{} → 类别 1、2、3 的概率 P = {}", at_text(p), list(3)),
                ),
                (_, true) => {
                    let c = 1 + (0..vals.len()).max_by(|&a, &b| vals[a].total_cmp(&vals[b]))?;
                    tr(
                        lang,
                        &format!("{} → tanh outputs {}: class {c}", at_text(p), list(3)),
                        &format!("{} → tanh 输出 {}：类别 {c}", at_text(p), list(3)),
                    )
                }
            };
            Some(text)
        }
        Zone::Neuron { frame, layer, unit } => {
            let p = frame.value_at(px, py)?;
            let units = w.layer_units();
            if *layer == 0 {
                let (name, v) = if *unit == 0 {
                    ("x₁", p.0)
                } else {
                    ("x₂", p.1)
                };
                return Some(tr(
                    lang,
                    &format!("input {name}: {name} = {} here", num(v, 3)),
                    &format!("输入 {name}：此处 {name} = {}", num(v, 3)),
                ));
            }
            let value = *w.neuron_maps(&[p]).get(layer - 1)?.get(*unit)?.first()?;
            let bias = w.bias(*layer, *unit)?;
            let (who_en, who_zh) = if *layer + 1 == units.len() {
                (
                    format!("output neuron {}", unit + 1),
                    format!("输出神经元 {}", unit + 1),
                )
            } else {
                (
                    format!("layer {layer}, neuron {}", unit + 1),
                    format!("第 {layer} 层第 {} 个神经元", unit + 1),
                )
            };
            Some(tr(
                lang,
                &format!(
                    "{who_en}: bias b = {}; output {} at {}",
                    num(bias, 4),
                    num(value, 4),
                    at_text(p)
                ),
                &format!(
                    "{who_zh}：偏置 b = {}；在 {} 处输出 {}",
                    num(bias, 4),
                    at_text(p),
                    num(value, 4)
                ),
            ))
        }
        Zone::Edge {
            layer, from, to, ..
        } => {
            let v = w.weight(*layer, *from, *to)?;
            let units = w.layer_units();
            let (src_en, src_zh) = if *layer == 1 {
                let n = ["x₁", "x₂"].get(*from)?.to_string();
                (n.clone(), n)
            } else {
                (
                    format!("neuron {}", from + 1),
                    format!("神经元 {}", from + 1),
                )
            };
            let (dst_en, dst_zh) = if *layer + 1 == units.len() {
                (format!("output {}", to + 1), format!("输出 {}", to + 1))
            } else {
                (format!("neuron {}", to + 1), format!("神经元 {}", to + 1))
            };
            Some(tr(
                lang,
                &format!(
                    "weight w = {} (layer {layer}, {src_en} → {dst_en})",
                    num(v, 4)
                ),
                &format!(
                    "权重 w = {}（第 {layer} 层，{src_zh} → {dst_zh}）",
                    num(v, 4)
                ),
            ))
        }
        Zone::Epochs(f) => {
            let (e, _) = f.value_at(px, py)?;
            let curve = w.curve();
            let r = curve.iter().min_by(|a, b| {
                (a.epoch as f64 - e)
                    .abs()
                    .total_cmp(&(b.epoch as f64 - e).abs())
            })?;
            Some(tr(
                lang,
                &format!(
                    "epoch {}: train {}, test {}",
                    r.epoch,
                    num(r.train_loss as f64, 4),
                    num(r.test_loss as f64, 4)
                ),
                &format!(
                    "第 {} 轮：训练 {}，测试 {}",
                    r.epoch,
                    num(r.train_loss as f64, 4),
                    num(r.test_loss as f64, 4)
                ),
            ))
        }
    }
}
