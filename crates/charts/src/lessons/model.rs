//! The model viewer (step 6, ch13.1), in the spirit of Netron: the input, one box per layer
//! and the output function, top to bottom, joined by arrows. Each layer's box has a coloured
//! header (kind and activation, parameter count on the right) and a line with its tensors
//! and output shape.

use crate::graph::{boxed, draw, label, label_left};
use crate::lessons::size;
use crate::lessons::Area;
use crate::pen::{Drawn, Pen};
use crate::style::{mix, tr, Scale, BLUE, GREEN, GUIDE, INK, ORANGE, PURPLE};
use crate::DrawResult;
use ninestep_core::lesson::step6::model_view::{LayerBox, ModelView};
use ninestep_core::Lang;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// `n` with thin groups of three digits: 51,450.
pub fn grouped(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The header colour of a layer kind (as Netron colours layer, activation and norm nodes).
fn colour(kind: &str) -> RGBColor {
    match kind {
        "dense" => BLUE,
        "activation" => ORANGE,
        "batch-norm" => GREEN,
        "dropout" => PURPLE,
        _ => INK,
    }
}

/// The header of a layer box: "Dense · sigmoid".
pub fn header(l: &LayerBox) -> String {
    let kind = match l.kind {
        "dense" => "Dense",
        "activation" => "Activation",
        "batch-norm" => "BatchNorm",
        "dropout" => "Dropout",
        other => other,
    };
    match l.activation {
        Some(a) => format!("{kind} · {a}"),
        None => kind.to_string(),
    }
}

/// The detail line of a layer box: "w 784×64  b 1×64  → 1×64".
pub fn detail(l: &LayerBox) -> String {
    let mut parts: Vec<String> = l
        .tensors
        .iter()
        .map(|(n, (r, c))| format!("{n} {r}×{c}"))
        .collect();
    let shape: Vec<String> = l.shape.iter().map(|d| d.to_string()).collect();
    parts.push(format!("→ {}", shape.join("×")));
    parts.join("  ")
}

/// The parameter count of a layer box: "50,240 params" (+ statistics if any).
pub fn count(l: &LayerBox, lang: Lang) -> String {
    let mut s = tr(
        lang,
        &format!("{} params", grouped(l.params)),
        &format!("{} 个参数", grouped(l.params)),
    );
    if l.statistics > 0 {
        s += &tr(
            lang,
            &format!(" + {} stats", grouped(l.statistics)),
            &format!(" + {} 个统计量", grouped(l.statistics)),
        );
    }
    s
}

/// Draws `view` on `area`, boxes top to bottom.
pub fn model_graph<DB: DrawingBackend>(area: &Area<DB>, view: &ModelView, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let (w, h) = size(area);
    let total = tr(
        lang,
        &format!("{} trained parameters", grouped(view.total_params())),
        &format!("共 {} 个训练参数", grouped(view.total_params())),
    );
    label_left(area, &total, (s.px(8.0), s.px(12.0)), 14.0, INK, s)?;
    // Input, layers, output: n boxes with gaps of 40 % of a box for the arrows.
    let n = view.layers.len() as i32 + 2;
    let top = s.px(26.0);
    let slot = (h - top - s.px(4.0)) as f64 / n as f64;
    let bh = (slot / 1.4).max(8.0) as i32;
    let bw = (w as f64 * 0.86) as i32;
    let x0 = (w - bw) / 2;
    let y_of = |k: i32| top + (slot * k as f64) as i32;
    // Shrink the text when boxes are low (a deep net on a phone).
    let text = (bh as f64 / s.0 / 2.6).clamp(8.0, 14.0);
    for k in 0..n - 1 {
        let (a, b) = (y_of(k) + bh, y_of(k + 1));
        let x = w / 2;
        draw(
            area,
            PathElement::new(
                [(x, a), (x, b)],
                GUIDE.stroke_width(s.px(1.5).max(1) as u32),
            ),
        )?;
        let t = s.px(4.0).max(2);
        let head = [(x - t, b - t), (x, b), (x + t, b - t)];
        draw(
            area,
            PathElement::new(head, GUIDE.stroke_width(s.px(1.5).max(1) as u32)),
        )?;
    }
    let shape = format!("1×{}", view.inputs);
    pill(
        area,
        (x0, y_of(0), bw, bh),
        &tr(lang, "input", "输入"),
        &shape,
        text,
        s,
    )?;
    for (i, l) in view.layers.iter().enumerate() {
        let y = y_of(i as i32 + 1);
        layer_box(area, (x0, y, bw, bh), l, pen, text)?;
    }
    let out = view.output.name();
    let last = view.layers.last().map_or(view.inputs, |l| l.shape[1]);
    pill(
        area,
        (x0, y_of(n - 1), bw, bh),
        &tr(lang, "output", "输出"),
        &format!("{out} → 1×{last}"),
        text,
        s,
    )?;
    Ok(None)
}

/// A rounded-looking grey box for the graph's input and output.
fn pill<DB: DrawingBackend>(
    area: &Area<DB>,
    (x, y, w, h): (i32, i32, i32, i32),
    name: &str,
    what: &str,
    text: f64,
    s: Scale,
) -> DrawResult<()> {
    boxed(area, (x, y), (x + w, y + h), RGBColor(238, 240, 244))?;
    label(
        area,
        &format!("{name}  {what}"),
        (x + w / 2, y + h / 2),
        text,
        INK,
        s,
    )
}

fn layer_box<DB: DrawingBackend>(
    area: &Area<DB>,
    (x, y, w, h): (i32, i32, i32, i32),
    l: &LayerBox,
    pen: Pen,
    text: f64,
) -> DrawResult<()> {
    let Pen { lang, s } = pen;
    let c = colour(l.kind);
    let head = h / 2;
    draw(
        area,
        Rectangle::new([(x, y), (x + w, y + h)], mix(c, WHITE, 0.9).filled()),
    )?;
    draw(
        area,
        Rectangle::new([(x, y), (x + w, y + head)], c.filled()),
    )?;
    draw(
        area,
        Rectangle::new([(x, y), (x + w, y + h)], c.stroke_width(1)),
    )?;
    let pad = s.px(8.0);
    label_left(area, &header(l), (x + pad, y + head / 2), text, WHITE, s)?;
    let right = s
        .font(text)
        .color(&WHITE)
        .pos(Pos::new(HPos::Right, VPos::Center));
    area.draw_text(&count(l, lang), &right, (x + w - pad, y + head / 2))
        .map_err(|e| e.to_string())?;
    label_left(
        area,
        &detail(l),
        (x + pad, y + head + (h - head) / 2),
        text * 0.92,
        INK,
        s,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ninestep_core::lesson::step6::model_view::preset;
    use ninestep_core::{AnyWidget, Params};

    #[test]
    fn every_layer_shows_its_label_and_parameter_count() {
        for key in ["digits", "deep", "dense10"] {
            let mut p = Params::default();
            p.set("net", key);
            let w = AnyWidget::new("model-view", &p).unwrap();
            let (_, config) = preset(key).unwrap();
            let net = config.build().unwrap();
            let AnyWidget::ModelView(m) = &w else {
                panic!()
            };
            let view = m.view();
            for lang in [Lang::En, Lang::Zh] {
                let svg = crate::svg(&w, 640, 400, lang).unwrap();
                for l in &view.layers {
                    assert!(svg.contains(&header(l)), "{key}: {}", header(l));
                    assert!(svg.contains(&count(l, lang)), "{key}: {}", count(l, lang));
                }
                assert!(svg.contains(&grouped(net.param_count())), "{key}");
            }
            let sum: usize = view.layers.iter().map(|l| l.params).sum();
            assert_eq!(sum, net.param_count(), "{key}");
        }
        let svg = crate::svg(
            &AnyWidget::new("model-view", &Params::default()).unwrap(),
            640,
            400,
            Lang::En,
        )
        .unwrap();
        for text in [
            "Dense · sigmoid",
            "50,240 params",
            "w 784×64  b 1×64  → 1×64",
            "softmax → 1×10",
            "51,450 trained parameters",
        ] {
            assert!(svg.contains(text), "{text}");
        }
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(170), "170");
    }
}
