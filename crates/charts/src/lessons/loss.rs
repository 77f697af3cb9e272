//! Charts of ch3: the line through the points with its residuals, the loss along each
//! parameter, the loss contour, information content, cross-entropy and MSE-vs-CE.

use crate::contour::{contour, log_levels, Contour};
use crate::lessons::Area;
use crate::pen::{Brush, Drawn, Pen};
use crate::plot::{padded, plot, sample, Axes, Marker, Plot, Series};
use crate::style::{tr, BLUE, GREEN, ORANGE, PURPLE, RED};
use ninestep_core::fmt_num;
use ninestep_core::lesson::cross_entropy::{self, CrossEntropy};
use ninestep_core::lesson::entropy::{information, Entropy};
use ninestep_core::lesson::mse::{MseState, B_RANGE, W_RANGE};
use ninestep_core::lesson::mse_vs_ce::{self, MseVsCe};
use plotters::prelude::*;

/// The 50 points, the current line and the residuals it is judged by.
pub fn line<DB: DrawingBackend>(area: &Area<DB>, m: &MseState, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let title = format!(
        "z = {}x + {} · {} J = {}",
        fmt_num(m.w, 2),
        fmt_num(m.b, 2),
        tr(lang, "loss", "损失"),
        fmt_num(m.loss(), 4)
    );
    let mut chart = crate::plot::axes(area, &title, (-0.05, 1.05), (1.5, 6.5), s)?;
    crate::plot::mesh(&mut chart, s)
        .x_desc("x")
        .y_desc("y")
        .draw()
        .map_err(e)?;
    let clamp = |v: f64| v.clamp(1.5, 6.5);
    chart
        .draw_series(m.x.iter().zip(&m.y).map(|(&x, &y)| {
            PathElement::new(
                vec![(x, clamp(y)), (x, clamp(m.w * x + m.b))],
                RED.mix(0.5).stroke_width(1),
            )
        }))
        .map_err(e)?;
    chart
        .draw_series(
            m.x.iter()
                .zip(&m.y)
                .map(|(&x, &y)| Circle::new((x, y), s.px(3.5), BLUE.filled())),
        )
        .map_err(e)?;
    let (x0, x1) = (-0.05, 1.05);
    chart
        .draw_series(LineSeries::new(
            vec![(x0, m.w * x0 + m.b), (x1, m.w * x1 + m.b)]
                .into_iter()
                .map(|(x, y)| (x, clamp(y))),
            ORANGE.stroke_width(s.px(3.0) as u32),
        ))
        .map_err(e)?;
    Ok(None)
}

/// J along b (w fixed) and along w (b fixed), through the current point.
pub fn curves<DB: DrawingBackend>(area: &Area<DB>, m: &MseState, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let (w, _) = area.dim_in_pixel();
    let (left, right) = area.split_horizontally(w / 2);
    let along_b = sample(|b| m.loss_at(m.w, b), B_RANGE, 200);
    let along_w = sample(|w| m.loss_at(w, m.b), W_RANGE, 200);
    // One panel per parameter, the other held at its current value; the right panel's
    // frame is returned (a click there sets w).
    let panels = [
        (&left, ("b", B_RANGE, m.b), ("w", m.w), along_b, BLUE),
        (&right, ("w", W_RANGE, m.w), ("b", m.b), along_w, PURPLE),
    ];
    let mut frame = None;
    for (panel, (name, range, at), (other, fixed), curve, color) in panels {
        let fixed = fmt_num(fixed, 2);
        let title = tr(
            lang,
            &format!("J({name}) at {other} = {fixed}"),
            &format!("{other} = {fixed} 时的 J({name})"),
        );
        frame = plot(
            panel,
            &Plot {
                axes: Axes::new(
                    title,
                    (name, "J"),
                    range,
                    padded(curve.iter().map(|p| p.1).chain([0.0])),
                ),
                series: vec![Series::plain(curve, color)],
                markers: vec![Marker::new((at, m.loss()), ORANGE, fmt_num(m.loss(), 3))],
                click: Some((name, "")),
                ..Plot::default()
            },
            s,
        )?;
    }
    Ok(frame)
}

/// Loss contour over w ± 2, b ± 2 with the current and the best (w, b).
pub fn contour_map<DB: DrawingBackend>(area: &Area<DB>, m: &MseState, brush: &mut Brush) -> Drawn {
    let lang = brush.pen.lang;
    let f = |w: f64, b: f64| m.loss_at(w, b);
    let best = m.best();
    let floor = m.loss_at(best.0, best.1);
    let title = tr(
        lang,
        "loss J(w, b) — click to move the line",
        "损失 J(w, b)——点击移动直线",
    );
    contour(
        area,
        &Contour {
            axes: Axes::new(title, ("w", "b"), W_RANGE, B_RANGE),
            f: &f,
            levels: log_levels(floor * 1.2, 5.0, 10),
            log: true,
            path: Vec::new(),
            markers: vec![
                Marker::new(best, GREEN, tr(lang, "min", "最小")),
                Marker::new((m.w, m.b), ORANGE, format!("J = {}", fmt_num(m.loss(), 3))),
            ],
            click: Some(("w", "b")),
        },
        brush,
    )
}

/// −ln p with the three events marked.
pub fn entropy<DB: DrawingBackend>(area: &Area<DB>, en: &Entropy, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let markers = en
        .probabilities()
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            Marker::new(
                (p, information(p)),
                [ORANGE, BLUE, PURPLE][i],
                format!("p{} → {}", i + 1, fmt_num(information(p), 2)),
            )
        })
        .collect();
    let title = tr(lang, "information content −ln p", "信息量 −ln p");
    plot(
        area,
        &Plot {
            axes: Axes::new(title, ("p", "−ln p"), (0.0, 1.0), (0.0, 5.0)),
            series: vec![Series::plain(sample(information, (0.005, 1.0), 240), BLUE)],
            markers,
            ..Plot::default()
        },
        s,
    )
}

/// Binary cross-entropy for y = 1 and y = 0, with the current prediction.
pub fn cross_entropy<DB: DrawingBackend>(area: &Area<DB>, c: &CrossEntropy, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let (a, y) = c.point();
    let loss = cross_entropy::binary(a, y);
    let title = tr(
        lang,
        "binary cross-entropy — click to set a",
        "二分类交叉熵——点击设置 a",
    );
    plot(
        area,
        &Plot {
            axes: Axes::new(
                title,
                (tr(lang, "prediction a", "预测值 a"), "J"),
                (0.0, 1.0),
                (0.0, 5.0),
            ),
            series: vec![
                Series::new(
                    sample(|a| cross_entropy::binary(a, 1.0), (0.005, 0.995), 240),
                    ORANGE,
                    "y = 1: −ln a",
                ),
                Series::new(
                    sample(|a| cross_entropy::binary(a, 0.0), (0.005, 0.995), 240),
                    BLUE,
                    "y = 0: −ln(1 − a)",
                ),
            ],
            markers: vec![Marker::new(
                (a, loss),
                RED,
                format!("J = {}", fmt_num(loss, 3)),
            )],
            click: Some(("a", "")),
            ..Plot::default()
        },
        s,
    )
}

/// A loss of a sigmoid output and its gradient: (J, dJ/dz) at (z, y).
type LossAndGrad = fn(f64, f64) -> (f64, f64);

/// Loss and gradient against z for MSE and CE on a sigmoid output.
pub fn mse_vs_ce<DB: DrawingBackend>(area: &Area<DB>, m: &MseVsCe, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let (w, _) = area.dim_in_pixel();
    let (left, right) = area.split_horizontally(w / 2);
    let (z, y) = m.point();
    let range = (-8.0, 8.0);
    let losses: [(LossAndGrad, RGBColor, String); 2] = [
        (mse_vs_ce::mse, BLUE, "MSE".into()),
        (mse_vs_ce::ce, ORANGE, tr(lang, "cross-entropy", "交叉熵")),
    ];
    // The loss (part 0) on the left, its gradient (part 1) on the right, the point z
    // marked on every curve; only the gradients' marks carry their value. The left
    // panel's frame is returned (a click there sets z).
    let panels = [
        (
            &left,
            0,
            tr(lang, "loss vs z", "损失随 z 变化"),
            "J",
            (0.0, 8.5),
        ),
        (
            &right,
            1,
            tr(lang, "gradient dJ/dz", "梯度 dJ/dz"),
            "dJ/dz",
            (-1.1, 1.1),
        ),
    ];
    let mut frame = None;
    for (panel, part, title, y_desc, y_range) in panels {
        let at = |f: LossAndGrad, z: f64| {
            let v = f(z, y);
            if part == 0 {
                v.0
            } else {
                v.1
            }
        };
        let series = losses
            .iter()
            .map(|(f, color, name)| Series::new(sample(|z| at(*f, z), range, 240), *color, name))
            .collect();
        let markers = losses
            .iter()
            .map(|&(f, color, _)| {
                let label = if part == 0 {
                    String::new()
                } else {
                    fmt_num(at(f, z), 3)
                };
                Marker::new((z, at(f, z)), color, label)
            })
            .collect();
        let drawn = plot(
            panel,
            &Plot {
                axes: Axes::new(title, ("z", y_desc), range, y_range),
                series,
                markers,
                click: (part == 0).then_some(("z", "")),
                ..Plot::default()
            },
            s,
        )?;
        frame = frame.or(drawn);
    }
    Ok(frame)
}
