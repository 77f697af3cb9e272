//! The playground, TensorFlow-Playground style: the network as a diagram whose nodes are
//! small heatmaps of each neuron's output over the input box and whose lines show the
//! weights (orange positive, blue negative, wider when larger); the decision region over
//! the data (pale where the network is unsure) with the training points filled and the
//! test points outlined; and the train/test loss curves. Heatmaps are low-resolution
//! images handed to a [`Raster`] (one canvas blit in the page). On a wide canvas the
//! diagram is on the left and the map above the curves on the right; on a tall one the
//! three panels are stacked.

use super::nonlinear::{binary_tint, class_color, class_tint};
use crate::graph::label;
use crate::hover::{Hover, Zone};
use crate::plot::{padded, plot, tick, Plot, Series};
use crate::raster::{image, Raster};
use crate::style::{mix, tr, Scale, BLUE, GUIDE, INK, ORANGE};
use crate::{Chart, DrawResult, Frame};
use ninestep_core::lesson::trainer::Playground;
use ninestep_core::{fmt_num, Lang};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The frame keys of the region map (not settings: a click there adds a point).
pub const REGION_X: &str = "x1";
/// See [`REGION_X`].
pub const REGION_Y: &str = "x2";

/// Cells per side of the region map.
pub const CELLS: usize = 64;
/// Most units of a layer drawn; a larger layer shows its first `MAX_SHOWN − 1` units
/// and a "+N" note.
pub const MAX_SHOWN: usize = 10;
/// Keys of the region map's click frame: no setting of the widget, so a click sets nothing.
pub const MAP_KEYS: (&str, &str) = ("x1", "x2");

/// The bounding box of `points`, padded by 6 % on every side.
pub fn bounds(points: &[(f64, f64, usize)]) -> ((f64, f64), (f64, f64)) {
    let range = |f: &dyn Fn(&(f64, f64, usize)) -> f64| {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for v in points.iter().map(f).filter(|v| v.is_finite()) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if lo >= hi {
            return (-1.0, 1.0);
        }
        let pad = (hi - lo) * 0.06;
        (lo - pad, hi + pad)
    };
    (range(&|p| p.0), range(&|p| p.1))
}

/// The centres of a `cols × rows` grid over `x` × `y`, row by row from the top (the
/// largest x₂) and left to right in a row: the order of an image's cells.
pub fn grid(x: (f64, f64), y: (f64, f64), cols: usize, rows: usize) -> Vec<(f64, f64)> {
    let at = |k: usize, n: usize, r: (f64, f64)| r.0 + (r.1 - r.0) * (k as f64 + 0.5) / n as f64;
    (0..rows)
        .flat_map(|j| (0..cols).map(move |i| (at(i, cols, x), at(rows - 1 - j, rows, y))))
        .collect()
}

/// The region map as a `CELLS × CELLS` RGBA image: the network evaluated once on all cell
/// centres, tinted by class.
pub fn region_image(w: &Playground, x: (f64, f64), y: (f64, f64)) -> Vec<u8> {
    let scores = w.scores(&grid(x, y, CELLS, CELLS));
    // One score per point for two classes, three for three.
    let k = (scores.len() / (CELLS * CELLS)).max(1);
    image(CELLS, CELLS, |i, j| {
        let at = (j * CELLS + i) * k;
        match scores.get(at..at + k) {
            Some(&[p]) => binary_tint(p),
            Some(&[a, b, c]) => class_tint(&[a, b, c]),
            _ => WHITE,
        }
    })
}

/// Colour of a value `f` in [−1, 1]: blue (negative) through white to orange (positive).
pub fn diverging(f: f64) -> RGBColor {
    let f = if f.is_finite() {
        f.clamp(-1.0, 1.0)
    } else {
        0.0
    };
    if f < 0.0 {
        mix(WHITE, BLUE, -f * 0.9)
    } else {
        mix(WHITE, ORANGE, f * 0.9)
    }
}

/// The colours of one neuron's map: `range` (the neuron's possible outputs) mapped onto
/// blue…orange with its middle white; unbounded neurons (ReLU, linear) are scaled by
/// their largest |value|. An output unit of a three-class network goes from white to its
/// class colour.
fn neuron_colors(values: &[f64], range: Option<(f64, f64)>, class: Option<usize>) -> Vec<RGBColor> {
    let scale = |v: f64| match range {
        Some((lo, hi)) if hi > lo => 2.0 * (v - lo) / (hi - lo) - 1.0,
        _ => {
            let m = values
                .iter()
                .filter(|v| v.is_finite())
                .fold(0.0f64, |m, v| m.max(v.abs()));
            if m > 0.0 {
                v / m
            } else {
                0.0
            }
        }
    };
    values
        .iter()
        .map(|&v| match class {
            Some(c) => mix(WHITE, class_color(c), (scale(v) + 1.0) / 2.0 * 0.9),
            None => diverging(scale(v)),
        })
        .collect()
}

/// The units of a layer of `n` that the diagram draws.
pub fn shown(n: usize) -> usize {
    if n > MAX_SHOWN {
        MAX_SHOWN - 1
    } else {
        n
    }
}

type Area<DB> = DrawingArea<DB, Shift>;

/// The three panels: diagram, region map, loss curves.
fn panels<DB: DrawingBackend>(area: &Area<DB>) -> (Area<DB>, Area<DB>, Area<DB>) {
    let (wd, ht) = area.dim_in_pixel();
    if (wd as f64) < 0.8 * ht as f64 {
        let (diagram, rest) = area.split_vertically((ht as f64 * 0.30) as u32);
        let (map, loss) = rest.split_vertically((ht as f64 * 0.46) as u32);
        (diagram, map, loss)
    } else {
        let (diagram, right) = area.split_horizontally((wd as f64 * 0.5) as u32);
        let (map, loss) = right.split_vertically((ht as f64 * 0.62) as u32);
        (diagram, map, loss)
    }
}

/// The playground chart: returns the region map's click frame and the hover zones.
pub fn trainer<DB: DrawingBackend>(
    area: &Area<DB>,
    w: &Playground,
    lang: Lang,
    s: Scale,
    raster: &mut dyn Raster,
) -> DrawResult<Chart> {
    let (diagram_area, map_area, loss_area) = panels(area);
    // Side by side the panels are half the canvas wide: labels a little smaller. Stacked
    // (a phone) they are full width and keep the canvas's sizes.
    let s = if diagram_area.dim_in_pixel().0 < area.dim_in_pixel().0 {
        Scale(s.0 * 0.85)
    } else {
        s
    };
    let train = w.points(false);
    let test = w.points(true);
    let all: Vec<_> = train.iter().chain(&test).copied().collect();
    let (x, y) = bounds(&all);
    let mut hover = Hover {
        zones: Vec::new(),
        tolerance: s.px(4.0).max(2) as f64,
    };
    let frame = region(&map_area, w, lang, s, raster, (x, y), (&train, &test))?;
    hover.zones.push(Zone::Region(frame.clone()));
    diagram(&diagram_area, w, lang, s, raster, (x, y), &mut hover)?;
    if let Some(f) = losses(&loss_area, w, lang, s)? {
        hover.zones.push(Zone::Epochs(f));
    }
    Ok(Chart {
        frame: Some(frame),
        hover: Some(hover),
    })
}

type Points<'a> = (&'a [(f64, f64, usize)], &'a [(f64, f64, usize)]);

/// The decision region with the points; returns its frame.
fn region<DB: DrawingBackend>(
    area: &Area<DB>,
    w: &Playground,
    lang: Lang,
    s: Scale,
    raster: &mut dyn Raster,
    (x, y): ((f64, f64), (f64, f64)),
    (train, test): Points,
) -> DrawResult<Frame> {
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let epochs = w.epochs();
    let title = if w.classes() == 3 {
        tr(
            lang,
            &format!("Epoch {epochs}: blue 1, orange 2, green 3"),
            &format!("第 {epochs} 轮：蓝 1、橙 2、绿 3"),
        )
    } else {
        tr(
            lang,
            &format!("Epoch {epochs}: orange = class 1, blue = class 0"),
            &format!("第 {epochs} 轮：橙色为类别 1，蓝色为类别 0"),
        )
    };
    let mut chart = ChartBuilder::on(area)
        .caption(title, s.font(15.0))
        .margin(s.px(8.0))
        .x_label_area_size(s.px(32.0))
        .y_label_area_size(s.px(40.0))
        .build_cartesian_2d(x.0..x.1, y.0..y.1)
        .map_err(e)?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    raster.blit(
        px.start,
        py.start,
        px.end - px.start,
        py.end - py.start,
        CELLS,
        CELLS,
        &region_image(w, x, y),
    )?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(6)
        .y_labels(6)
        .x_desc("x₁")
        .y_desc("x₂")
        .x_label_formatter(&|v| tick(*v, x.1 - x.0))
        .y_label_formatter(&|v| tick(*v, y.1 - y.0))
        .label_style(s.font(11.0))
        .axis_desc_style(s.font(12.0))
        .draw()
        .map_err(e)?;
    let rad = s.px(2.6).max(2);
    let stroke = s.px(1.2).max(1) as u32;
    chart
        .draw_series(
            train
                .iter()
                .map(|&(px, py, c)| Circle::new((px, py), rad, class_color(c).filled())),
        )
        .map_err(e)?;
    chart
        .draw_series(
            train
                .iter()
                .map(|&(px, py, _)| Circle::new((px, py), rad, WHITE.stroke_width(1))),
        )
        .map_err(e)?;
    chart
        .draw_series(test.iter().map(|&(px, py, c)| {
            Circle::new(
                (px, py),
                rad,
                mix(class_color(c), INK, 0.25).stroke_width(stroke),
            )
        }))
        .map_err(e)?;
    Ok(Frame {
        px: (px.start, px.end),
        py: (py.start, py.end),
        x,
        y,
        x_key: MAP_KEYS.0,
        y_key: MAP_KEYS.1,
    })
}

/// A layer's caption: "4 neurons", shortened to the count when the column is narrow.
fn caption(units: usize, layer: usize, last: usize, lang: Lang, room: f64, size: f64) -> String {
    let long = if layer == 0 {
        tr(lang, "inputs", "输入")
    } else if layer == last {
        tr(lang, "output", "输出")
    } else if units == 1 {
        tr(lang, "1 neuron", "1 个神经元")
    } else {
        tr(
            lang,
            &format!("{units} neurons"),
            &format!("{units} 个神经元"),
        )
    };
    // Width estimate: CJK glyphs are about one em, Latin ones about half.
    let em: f64 = long
        .chars()
        .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
        .sum();
    if em * size <= room || layer == 0 || layer == last {
        long
    } else {
        units.to_string()
    }
}

/// The network diagram: thumbnails, weighted lines, captions; records hover zones.
fn diagram<DB: DrawingBackend>(
    area: &Area<DB>,
    w: &Playground,
    lang: Lang,
    s: Scale,
    raster: &mut dyn Raster,
    (x, y): ((f64, f64), (f64, f64)),
    hover: &mut Hover,
) -> DrawResult<()> {
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let (wd, ht) = area.dim_in_pixel();
    let (ox, oy) = area.get_base_pixel();
    let (wd, ht) = (wd as f64, ht as f64);
    let units = w.layer_units();
    let ncol = units.len();
    let last = ncol - 1;
    let font = 11.0;
    let cap_h = s.0 * font * 1.9;
    let margin = s.0 * 6.0;
    // Column centres: evenly spread with half a column of margin on each side.
    let col_w = (wd - 2.0 * margin) / ncol as f64;
    let cx = |l: usize| margin + col_w * (l as f64 + 0.5);
    let rows = units.iter().map(|&n| shown(n) + usize::from(n > MAX_SHOWN));
    let max_rows = rows.max().unwrap_or(1).max(2) as f64;
    let body = (ht - cap_h - margin).max(10.0);
    // Thumbnail side: fits the tallest column (with a quarter of a side between nodes)
    // and leaves room between columns for the lines.
    let side = (body / (max_rows * 1.25))
        .min(col_w * 0.6)
        .min(s.0 * 64.0)
        .max(4.0);
    let gap = side * 0.25;
    let top_of = |l: usize| {
        let n = shown(units[l]) as f64;
        cap_h + (body - (n * side + (n - 1.0) * gap)) / 2.0
    };
    let node = |l: usize, k: usize| (cx(l) - side / 2.0, top_of(l) + k as f64 * (side + gap));

    // Lines first, so the thumbnails sit on top of them.
    let u = &units;
    let max_w = (1..ncol)
        .flat_map(|l| {
            (0..shown(u[l - 1])).flat_map(move |i| (0..shown(u[l])).map(move |j| (l, i, j)))
        })
        .filter_map(|(l, i, j)| w.weight(l, i, j))
        .filter(|v| v.is_finite())
        .fold(0.0f64, |m, v| m.max(v.abs()))
        .max(1e-9);
    for l in 1..ncol {
        for i in 0..shown(units[l - 1]) {
            for j in 0..shown(units[l]) {
                let Some(wv) = w.weight(l, i, j).filter(|v| v.is_finite()) else {
                    continue;
                };
                let f = wv.abs() / max_w;
                let (ax, ay) = node(l - 1, i);
                let (bx, by) = node(l, j);
                let a = (ax + side, ay + side / 2.0);
                let b = (bx, by + side / 2.0);
                let color = mix(WHITE, if wv < 0.0 { BLUE } else { ORANGE }, 0.25 + 0.75 * f);
                let width = (s.0 * (0.4 + 3.2 * f)).round().max(1.0) as u32;
                area.draw(&PathElement::new(
                    vec![
                        (a.0.round() as i32, a.1.round() as i32),
                        (b.0.round() as i32, b.1.round() as i32),
                    ],
                    color.stroke_width(width),
                ))
                .map_err(e)?;
                hover.zones.push(Zone::Edge {
                    a: (a.0 + ox as f64, a.1 + oy as f64),
                    b: (b.0 + ox as f64, b.1 + oy as f64),
                    layer: l,
                    from: i,
                    to: j,
                });
            }
        }
    }

    // Thumbnails: every neuron over a coarse grid of the input box, one forward pass.
    let cells = ((side / 2.0) as usize).clamp(6, 24);
    let pts = grid(x, y, cells, cells);
    let maps = w.neuron_maps(&pts);
    let three = w.classes() == 3;
    let side_i = side.round().max(1.0) as i32;
    for (l, &n) in units.iter().enumerate() {
        let room = col_w * 0.98;
        let text = caption(n, l, last, lang, room, font * s.0);
        label(
            area,
            &text,
            (cx(l).round() as i32, (cap_h * 0.5) as i32),
            font,
            INK,
            s,
        )?;
        for k in 0..shown(n) {
            let colors: Vec<RGBColor> = if l == 0 {
                // The inputs themselves: x₁ grows to the right, x₂ upwards.
                let r = if k == 0 { x } else { y };
                let m = r.0.abs().max(r.1.abs()).max(1e-9);
                pts.iter()
                    .map(|p| diverging(if k == 0 { p.0 } else { p.1 } / m))
                    .collect()
            } else {
                let Some(values) = maps.get(l - 1).and_then(|m| m.get(k)) else {
                    continue;
                };
                let class = (three && l == last).then_some(k);
                neuron_colors(values, w.value_range(l), class)
            };
            let (nx, ny) = node(l, k);
            let (left, top) = (nx.round() as i32, ny.round() as i32);
            raster.blit(
                left + ox,
                top + oy,
                side_i,
                side_i,
                cells,
                cells,
                &image(cells, cells, |i, j| {
                    colors.get(j * cells + i).copied().unwrap_or(WHITE)
                }),
            )?;
            area.draw(&Rectangle::new(
                [(left, top), (left + side_i, top + side_i)],
                (if l == last { INK } else { GUIDE }).stroke_width(1),
            ))
            .map_err(e)?;
            hover.zones.push(Zone::Neuron {
                frame: Frame {
                    px: (left + ox, left + side_i + ox),
                    py: (top + oy, top + side_i + oy),
                    x,
                    y,
                    x_key: "",
                    y_key: "",
                },
                layer: l,
                unit: k,
            });
        }
        if n > MAX_SHOWN {
            let (nx, ny) = node(l, shown(n));
            label(
                area,
                &format!("+{}", n - shown(n)),
                (
                    (nx + side / 2.0).round() as i32,
                    (ny + side * 0.3).round() as i32,
                ),
                font,
                INK,
                s,
            )?;
        }
    }
    // Name the two inputs beside their thumbnails when there is room on the left.
    for (k, name) in ["x₁", "x₂"].iter().enumerate() {
        let (nx, ny) = node(0, k);
        let at = (
            (nx - s.0 * 8.0).round() as i32,
            (ny + side / 2.0).round() as i32,
        );
        if at.0 > (s.0 * 4.0) as i32 {
            label(area, name, at, font, INK, s)?;
        }
    }
    Ok(())
}

/// The train and test loss curves; returns their frame (for hover, not for clicks).
fn losses<DB: DrawingBackend>(
    area: &Area<DB>,
    w: &Playground,
    lang: Lang,
    s: Scale,
) -> DrawResult<Option<Frame>> {
    let curve = w.curve();
    let series = |f: fn(&ninestep_core::experiment::ExperimentRecord) -> f32| {
        curve
            .iter()
            .map(|r| (r.epoch as f64, f(r) as f64))
            .filter(|p| p.1.is_finite())
            .collect::<Vec<_>>()
    };
    let (train_loss, test_loss) = (series(|r| r.train_loss), series(|r| r.test_loss));
    let (_, hi) = padded(train_loss.iter().chain(&test_loss).map(|p| p.1));
    // A little room below the axis name, which CJK fonts draw lower.
    let area = area.margin(0, s.px(6.0), 0, 0);
    plot(
        &area,
        &Plot {
            title: tr(lang, "Loss per epoch", "每轮的损失"),
            x_desc: tr(lang, "epoch", "轮数"),
            y_desc: tr(lang, "loss", "损失"),
            x: (0.0, (w.epochs() as f64).max(10.0)),
            y: (0.0, hi.max(1e-3)),
            series: vec![
                Series {
                    points: train_loss,
                    color: RGBColor(150, 150, 162),
                    label: tr(lang, "train", "训练"),
                },
                Series {
                    points: test_loss,
                    color: INK,
                    label: tr(lang, "test", "测试"),
                },
            ],
            integer_x: true,
            // Only to get the frame back for the hover read-out: no setting has these keys.
            click: Some(("", "")),
            ..Plot::default()
        },
        Scale(s.0 * 0.9),
    )
}

/// A number with `d` decimals and a real minus sign.
fn num(v: f64, d: usize) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_pad_the_points_and_survive_degenerate_input() {
        let (x, y) = bounds(&[(0.0, 0.0, 0), (10.0, 1.0, 1)]);
        assert!((x.0 + 0.6).abs() < 1e-9 && (x.1 - 10.6).abs() < 1e-9);
        assert!((y.0 + 0.06).abs() < 1e-9);
        assert_eq!(bounds(&[]), ((-1.0, 1.0), (-1.0, 1.0)));
    }

    #[test]
    fn the_grid_runs_row_by_row_from_the_top() {
        // 2×2 cells over [0, 2]²: centres at 0.5 and 1.5; the first row is the top (x₂ = 1.5).
        assert_eq!(
            grid((0.0, 2.0), (0.0, 2.0), 2, 2),
            vec![(0.5, 1.5), (1.5, 1.5), (0.5, 0.5), (1.5, 0.5)]
        );
        assert_eq!(shown(8), 8);
        assert_eq!(shown(32), MAX_SHOWN - 1);
        assert_eq!(diverging(0.0), WHITE);
        assert_eq!(diverging(f64::NAN), WHITE);
    }

    fn drawn(pairs: &[(&str, &str)], steps: usize) -> (ninestep_core::AnyWidget, Chart) {
        let mut p = ninestep_core::Params::default();
        for (k, v) in pairs {
            p.set(k, *v);
        }
        let w = ninestep_core::AnyWidget::replay("trainer", &p, steps).unwrap();
        let mut out = String::new();
        let root = SVGBackend::with_string(&mut out, (900, 560)).into_drawing_area();
        let chart = crate::draw_with(
            &w,
            &root,
            Lang::En,
            1.0,
            &mut crate::raster::Rects::new(&root),
        )
        .unwrap();
        drop(root);
        (w, chart)
    }

    #[test]
    fn hover_reads_out_the_map_neurons_weights_and_losses() {
        let (w, chart) = drawn(&[("loss", "cross-entropy"), ("layers", "4,2")], 2);
        let ninestep_core::AnyWidget::Trainer(pg) = &w else {
            panic!("not the playground")
        };
        let h = chart.hover.unwrap();
        let f = chart.frame.unwrap();
        // The click frame is the region map under names no setting has.
        assert_eq!((f.x_key, f.y_key), MAP_KEYS);
        let text = |px: f64, py: f64, lang| crate::hover(&w, &h, px, py, lang);
        let mid = (
            (f.px.0 + f.px.1) as f64 / 2.0,
            (f.py.0 + f.py.1) as f64 / 2.0,
        );
        let map = text(mid.0, mid.1, Lang::En).unwrap();
        assert!(
            map.starts_with("x₁ = ") && map.contains("→ P(class 1) = "),
            "{map}"
        );
        // The probability printed is the network's output at the data point under the pixel.
        let at = f.value_at(mid.0, mid.1).unwrap();
        let p = pg.scores(&[at])[0];
        assert!(map.ends_with(&num(p, 3)), "{map} vs {p}");
        assert!(text(mid.0, mid.1, Lang::Zh)
            .unwrap()
            .contains("类别 1 的概率"));

        let mut kinds = [false; 3];
        for z in &h.zones {
            match z {
                Zone::Neuron {
                    frame,
                    layer: 1,
                    unit: 2,
                    ..
                } => {
                    let c = (
                        (frame.px.0 + frame.px.1) as f64 / 2.0,
                        (frame.py.0 + frame.py.1) as f64 / 2.0,
                    );
                    let t = text(c.0, c.1, Lang::En).unwrap();
                    // Bias of neuron 3 of layer 1, as the network holds it.
                    let b = num(pg.bias(1, 2).unwrap(), 4);
                    assert!(
                        t.starts_with(&format!("layer 1, neuron 3: bias b = {b}; output ")),
                        "{t}"
                    );
                    assert!(text(c.0, c.1, Lang::Zh)
                        .unwrap()
                        .starts_with("第 1 层第 3 个神经元"));
                    kinds[0] = true;
                }
                Zone::Edge {
                    a,
                    b,
                    layer: 1,
                    from: 1,
                    to: 2,
                } => {
                    // Near the source, where the lines leaving x₂ have fanned out but cross no
                    // other line yet; exactly on the segment.
                    let c = (a.0 + 0.15 * (b.0 - a.0), a.1 + 0.15 * (b.1 - a.1));
                    let t = text(c.0, c.1, Lang::En).unwrap();
                    let v = num(pg.weight(1, 1, 2).unwrap(), 4);
                    assert_eq!(t, format!("weight w = {v} (layer 1, x₂ → neuron 3)"));
                    kinds[1] = true;
                }
                Zone::Epochs(f) => {
                    // Epoch 20 (two steps of ten) is at the right edge of the loss plot.
                    let t = text(
                        f.px.1 as f64 - 1.0,
                        (f.py.0 + f.py.1) as f64 / 2.0,
                        Lang::En,
                    )
                    .unwrap();
                    let last = pg.curve()[20];
                    assert_eq!(
                        t,
                        format!(
                            "epoch 20: train {}, test {}",
                            num(last.train_loss as f64, 4),
                            num(last.test_loss as f64, 4)
                        )
                    );
                    assert!(text(f.px.0 as f64 + 1.0, f.py.1 as f64 - 1.0, Lang::Zh)
                        .unwrap()
                        .starts_with("第 0 轮：训练 "));
                    kinds[2] = true;
                }
                _ => {}
            }
        }
        assert_eq!(
            kinds, [true; 3],
            "a neuron, an edge and the loss plot were found"
        );
        assert_eq!(text(-5.0, -5.0, Lang::En), None);
    }

    #[test]
    fn a_wide_layer_shows_its_first_units_and_three_classes_read_three_values() {
        let (w, chart) = drawn(&[("dataset", "ch11-coin")], 0);
        let h = chart.hover.unwrap();
        let f = chart.frame.unwrap();
        let t = crate::hover(&w, &h, f.px.0 as f64 + 2.0, f.py.0 as f64 + 2.0, Lang::En).unwrap();
        // Three tanh outputs, comma-separated, then the winning class.
        assert_eq!(t.matches(", ").count(), 3, "{t}");
        assert!(t.contains("tanh outputs") && t.contains(": class "), "{t}");
        // The default network is 2-4-2-3 here: 2 + 4 + 2 + 3 thumbnails.
        let neurons = h
            .zones
            .iter()
            .filter(|z| matches!(z, Zone::Neuron { .. }))
            .count();
        assert_eq!(neurons, 11);
    }
}
