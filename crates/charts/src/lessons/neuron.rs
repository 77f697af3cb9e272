//! Charts of ch1.3: one neuron (diagram + its activation curve) and a 3→2 layer.

use crate::graph::{arrow, label, node};
use crate::lessons::size;
use crate::lessons::Area;
use crate::pen::{Drawn, Pen};
use crate::plot::{plot, sample, Axes, Marker, Plot, Series};
use crate::style::{tr, BLUE, GREEN, INK, ORANGE, PURPLE};
use ninestep_core::fmt_num;
use ninestep_core::lesson::neuron::Neuron;
use ninestep_core::lesson::neuron_layer::{NeuronLayer, B, W};
use ninestep_core::nn::Activation;
use plotters::prelude::*;

fn weight_color(w: f64) -> RGBColor {
    if w >= 0.0 {
        ORANGE
    } else {
        BLUE
    }
}

/// Activation curve f(z) with the current (z, a) marked.
fn activation_plot<DB: DrawingBackend>(
    area: &Area<DB>,
    act: Activation,
    z: f64,
    pen: Pen,
) -> Drawn {
    let Pen { lang, s } = pen;
    let half = z.abs().max(3.0) * 1.15;
    let curve = sample(|v| act.forward_f64(v), (-half, half), 240);
    let ys = crate::plot::padded(
        curve
            .iter()
            .map(|p| p.1)
            .chain([act.forward_f64(z), 0.0, 1.0]),
    );
    let title = tr(
        lang,
        &format!("activation: {}", act.name()),
        &format!("激活函数：{}", act.name()),
    );
    plot(
        area,
        &Plot {
            axes: Axes::new(title, ("z", "a = f(z)"), (-half, half), ys),
            series: vec![Series::plain(curve, PURPLE)],
            markers: vec![Marker::new(
                (z, act.forward_f64(z)),
                ORANGE,
                format!("a = {}", fmt_num(act.forward_f64(z), 3)),
            )],
            ..Plot::default()
        },
        s,
    )
}

/// The neuron: inputs, weighted edges, Σ, f, output; beside it the activation curve.
pub fn neuron<DB: DrawingBackend>(area: &Area<DB>, n: &Neuron, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let (w, _) = area.dim_in_pixel();
    let (left, right) = area.split_horizontally((w as f64 * 0.56) as u32);
    let (lw, lh) = size(&left);
    let r = s.px(20.0);
    let sum = (lw * 55 / 100, lh / 2);
    let act = (lw * 80 / 100, lh / 2);
    for i in 0..3 {
        let p = (lw * 12 / 100, lh * (i as i32 + 1) / 4);
        node(&left, p, r, &format!("x{}", i + 1), INK, s)?;
        label(
            &left,
            &fmt_num(n.x[i], 2),
            (p.0, p.1 + r + s.px(10.0)),
            12.0,
            INK,
            s,
        )?;
        let wc = weight_color(n.w[i]);
        arrow(
            &left,
            p,
            sum,
            r,
            &format!("w{} = {}", i + 1, fmt_num(n.w[i], 1)),
            s.px(10.0),
            wc,
            s,
        )?;
    }
    let bias = (sum.0, lh * 14 / 100);
    label(
        &left,
        &format!("b = {}", fmt_num(n.b, 1)),
        bias,
        13.0,
        weight_color(n.b),
        s,
    )?;
    arrow(
        &left,
        (bias.0, bias.1 + s.px(6.0)),
        sum,
        r,
        "",
        0,
        weight_color(n.b),
        s,
    )?;
    node(&left, sum, r, "Σ", GREEN, s)?;
    label(
        &left,
        &format!("z = {}", fmt_num(n.z(), 2)),
        (sum.0, sum.1 + r + s.px(12.0)),
        13.0,
        INK,
        s,
    )?;
    arrow(&left, sum, act, r, "", 0, INK, s)?;
    node(&left, act, r, "f", PURPLE, s)?;
    label(
        &left,
        n.act.name(),
        (act.0, act.1 + r + s.px(12.0)),
        12.0,
        PURPLE,
        s,
    )?;
    let out = (lw * 96 / 100, lh / 2);
    arrow(&left, act, (out.0 + r, out.1), r, "", 0, INK, s)?;
    label(
        &left,
        &format!("a = {}", fmt_num(n.a(), 2)),
        (out.0 - s.px(8.0), out.1 - s.px(22.0)),
        14.0,
        ORANGE,
        s,
    )?;
    label(
        &left,
        &tr(
            lang,
            "one neuron: a = f(Σ wᵢxᵢ + b)",
            "一个神经元：a = f(Σ wᵢxᵢ + b)",
        ),
        (lw / 2, lh - s.px(14.0)),
        13.0,
        INK,
        s,
    )?;
    activation_plot(&right, n.act, n.z(), pen)
}

/// The layer: three inputs fully connected to two neurons, weights on the edges.
pub fn layer<DB: DrawingBackend>(area: &Area<DB>, l: &NeuronLayer, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let (w, h) = size(area);
    let r = s.px(22.0);
    let (z, a) = (l.z(), l.a());
    let outs = [(w * 62 / 100, h * 32 / 100), (w * 62 / 100, h * 68 / 100)];
    for (i, (xi, wi)) in l.x.iter().zip(W).enumerate() {
        let p = (w * 15 / 100, h * (i as i32 + 1) * 22 / 100 + h * 6 / 100);
        node(area, p, r, &format!("x{}", i + 1), INK, s)?;
        label(
            area,
            &fmt_num(*xi, 2),
            (p.0 - r - s.px(22.0), p.1),
            13.0,
            INK,
            s,
        )?;
        for (j, o) in outs.iter().enumerate() {
            let wij = wi[j];
            // Edges to n1 are labelled near their start and edges to n2 half-way, so
            // the six labels of the crossing edges never sit on top of each other.
            arrow(area, p, *o, r, "", 0, weight_color(wij), s)?;
            let t = if j == 0 { 0.2 } else { 0.55 };
            let at = (
                p.0 + ((o.0 - p.0) as f64 * t) as i32,
                p.1 + ((o.1 - p.1) as f64 * t) as i32 - s.px(9.0),
            );
            label(
                area,
                &format!("w{}{} = {}", i + 1, j + 1, fmt_num(wij, 1)),
                at,
                12.0,
                weight_color(wij),
                s,
            )?;
        }
    }
    for (j, o) in outs.iter().enumerate() {
        node(area, *o, r, &format!("n{}", j + 1), PURPLE, s)?;
        label(
            area,
            &format!("b{} = {}", j + 1, fmt_num(B[j], 1)),
            (o.0, o.1 - r - s.px(10.0)),
            12.0,
            weight_color(B[j]),
            s,
        )?;
        let end = (w * 80 / 100, o.1);
        arrow(area, *o, (end.0 + r, end.1), r, "", 0, INK, s)?;
        crate::graph::label_left(
            area,
            &format!(
                "z{} = {},  a{} = {}",
                j + 1,
                fmt_num(z[j], 3),
                j + 1,
                fmt_num(a[j], 3)
            ),
            (end.0 + s.px(4.0), end.1),
            13.0,
            ORANGE,
            s,
        )?;
    }
    let eq = format!(
        "Z = X·W + B = [{}, {}];  A = {}(Z)",
        fmt_num(z[0], 3),
        fmt_num(z[1], 3),
        l.act.name()
    );
    label(area, &eq, (w / 2, h - s.px(16.0)), 14.0, INK, s)?;
    label(
        area,
        &tr(
            lang,
            "shapes — X: 1×3 · W: 3×2 · B: 1×2",
            "形状——X：1×3 · W：3×2 · B：1×2",
        ),
        (w / 2, s.px(14.0)),
        13.0,
        INK,
        s,
    )?;
    Ok(None)
}
