//! Charts of ch2.1 and ch2.2: the computation graphs with forward values and backward
//! numbers, and below each, how the output closes in on the target.

use crate::graph::{arrow, label, node};
use crate::lessons::size;
use crate::lessons::Area;
use crate::pen::{Drawn, Pen};
use crate::plot::{padded, plot, sample, Axes, Plot, Series};
use crate::style::{tr, BLUE, GREEN, INK, ORANGE, RED};
use ninestep_core::fmt_num;
use ninestep_core::lesson::backprop_chain::{self, BackpropChain};
use ninestep_core::lesson::linear_backprop::{factors, forward, LinearBackprop};
use plotters::prelude::*;

/// z = x·y with x = 2w + 3b and y = 2b + 1, edges labelled with local derivatives.
pub fn linear<DB: DrawingBackend>(area: &Area<DB>, lb: &LinearBackprop, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let (_, h) = area.dim_in_pixel();
    let (top, bottom) = area.split_vertically((h as f64 * 0.55) as u32);
    let (tw, th) = size(&top);
    let (w, b) = lb.current();
    let (x, y, z) = forward(w, b);
    let (fw, fb) = factors(w, b);
    let r = s.px(22.0);
    let pw = (tw * 12 / 100, th * 30 / 100);
    let pb = (tw * 12 / 100, th * 75 / 100);
    let px = (tw * 45 / 100, th * 30 / 100);
    let py = (tw * 45 / 100, th * 75 / 100);
    let pz = (tw * 76 / 100, th * 52 / 100);
    arrow(&top, pw, px, r, "∂x/∂w = 2", s.px(10.0), BLUE, s)?;
    arrow(&top, pb, px, r, "∂x/∂b = 3", s.px(-12.0), BLUE, s)?;
    arrow(&top, pb, py, r, "∂y/∂b = 2", s.px(10.0), BLUE, s)?;
    arrow(
        &top,
        px,
        pz,
        r,
        &format!("∂z/∂x = y = {}", fmt_num(y, 2)),
        s.px(12.0),
        BLUE,
        s,
    )?;
    arrow(
        &top,
        py,
        pz,
        r,
        &format!("∂z/∂y = x = {}", fmt_num(x, 2)),
        s.px(-14.0),
        BLUE,
        s,
    )?;
    for (p, name, v) in [
        (pw, "w", w),
        (pb, "b", b),
        (px, "x", x),
        (py, "y", y),
        (pz, "z", z),
    ] {
        node(&top, p, r, name, if name == "z" { ORANGE } else { INK }, s)?;
        label(
            &top,
            &fmt_num(v, 4),
            (p.0, p.1 + r + s.px(10.0)),
            12.0,
            INK,
            s,
        )?;
    }
    let dz = z - lb.target();
    let side = tw * 90 / 100;
    label(
        &top,
        &format!("{} {}", tr(lang, "target", "目标"), fmt_num(lb.target(), 2)),
        (side, pz.1 - s.px(30.0)),
        13.0,
        GREEN,
        s,
    )?;
    label(
        &top,
        &format!("Δz = {}", fmt_num(dz, 4)),
        (side, pz.1),
        13.0,
        RED,
        s,
    )?;
    label(
        &top,
        &format!(
            "∂z/∂w = 2y = {},  ∂z/∂b = 2x + 3y = {}",
            fmt_num(fw, 2),
            fmt_num(fb, 2)
        ),
        (tw / 2, s.px(12.0)),
        13.0,
        BLUE,
        s,
    )?;

    let mut zs: Vec<(f64, f64)> = lb
        .rows()
        .iter()
        .enumerate()
        .map(|(i, r)| (i as f64, r.z))
        .collect();
    if zs.is_empty() {
        zs.push((0.0, z));
    }
    let n = zs.len() as f64;
    let title = tr(lang, "z after each correction", "每次修正后的 z");
    plot(
        &bottom,
        &Plot {
            axes: Axes::new(
                title,
                (tr(lang, "pass", "第几次"), "z"),
                (-0.3, n.max(3.0) - 0.7),
                padded(zs.iter().map(|p| p.1).chain([lb.target()])),
            ),
            path: Some((zs, ORANGE)),
            hlines: vec![(lb.target(), GREEN, tr(lang, "target", "目标"))],
            integer_x: true,
            ..Plot::default()
        },
        s,
    )
    .map(|_| None)
}

/// x → a = x² → b = ln a → c = √b with forward values above and backward deltas below.
pub fn chain<DB: DrawingBackend>(area: &Area<DB>, bc: &BackpropChain, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let (_, h) = area.dim_in_pixel();
    let (top, bottom) = area.split_vertically((h as f64 * 0.42) as u32);
    let (tw, th) = size(&top);
    let r = s.px(22.0);
    let row = bc.rows().last().copied().unwrap_or_else(|| bc.current());
    let names = ["x", "a", "b", "c", "y"];
    let values = [row.x, row.a, row.b, row.c, bc.target()];
    let pos: Vec<(i32, i32)> = (0..5)
        .map(|i| (tw * (8 + i * 21) / 100, th * 45 / 100))
        .collect();
    let forward_labels = ["a = x²", "b = ln a", "c = √b", "Δc = c − y"];
    for i in 0..4 {
        arrow(
            &top,
            pos[i],
            pos[i + 1],
            r,
            forward_labels[i],
            s.px(14.0),
            if i == 3 { GREEN } else { INK },
            s,
        )?;
    }
    for i in 0..5 {
        node(
            &top,
            pos[i],
            r,
            names[i],
            if i == 4 { GREEN } else { INK },
            s,
        )?;
        label(
            &top,
            &fmt_num(values[i], 4),
            (pos[i].0, pos[i].1 - r - s.px(12.0)),
            12.0,
            ORANGE,
            s,
        )?;
    }
    // Backward: deltas flow right to left, written under the nodes they belong to.
    let by = pos[0].1 + r + s.px(16.0);
    // Each delta under its node: Δc always, the rest once the backward pass has run.
    let delta = |k: usize, name: &str, v: f64| {
        let text = format!("Δ{name} = {}", fmt_num(v, 4));
        label(&top, &text, (pos[k].0, by), 12.0, RED, s)
    };
    delta(3, "c", row.dc)?;
    if let Some((db, da, dx)) = row.back {
        for (k, name, v) in [(2, "b", db), (1, "a", da), (0, "x", dx)] {
            delta(k, name, v)?;
        }
        label(
            &top,
            &tr(lang, "← backward: x ← x − Δx", "← 反向：x ← x − Δx"),
            (tw / 2, th - s.px(10.0)),
            12.0,
            RED,
            s,
        )?;
    } else {
        let note = if bc.done() {
            tr(
                lang,
                "stop rule holds: |Δc| < 0.001",
                "满足停止条件：|Δc| < 0.001",
            )
        } else {
            tr(
                lang,
                "press Step: forward, then backward",
                "按“单步”：先正向，再反向",
            )
        };
        label(&top, &note, (tw / 2, th - s.px(10.0)), 12.0, INK, s)?;
    }

    let xs: Vec<f64> = bc
        .rows()
        .iter()
        .map(|r| r.x)
        .chain([bc.current_x(), backprop_chain::analytic_x(bc.target())])
        .collect();
    let (lo, hi) = padded(xs.iter().copied().chain([1.05, 2.0]));
    let (lo, hi) = (lo.max(1.0005), hi);
    let curve = sample(|x| (x * x).ln().sqrt(), (lo, hi), 240);
    let path: Vec<(f64, f64)> = bc.rows().iter().map(|r| (r.x, r.c)).collect();
    let ys = padded(curve.iter().map(|p| p.1).chain([bc.target(), 0.0]));
    let title = tr(
        lang,
        "c = √(ln x²) and the iterates",
        "c = √(ln x²) 与迭代点",
    );
    plot(
        &bottom,
        &Plot {
            axes: Axes::new(title, ("x", "c"), (lo, hi), ys),
            series: vec![Series::plain(curve, BLUE)],
            path: if path.is_empty() {
                None
            } else {
                Some((path, ORANGE))
            },
            hlines: vec![(
                bc.target(),
                GREEN,
                format!("y = {}", fmt_num(bc.target(), 3)),
            )],
            click: Some(("x", "target")),
            ..Plot::default()
        },
        s,
    )
}
