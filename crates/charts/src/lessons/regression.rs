//! Charts of step 2 (linear regression): the gradient-descent path on the loss contour
//! beside the data and the fitted line (ch4), and the loss history beside a
//! predicted-against-true scatter of house prices (ch5).

use crate::contour::{contour, log_levels, Contour};
use crate::graph::{draw, write};
use crate::lessons::Area;
use crate::pen::{Brush, Drawn, Pen};
use crate::plot::{dashed, grid, legend, padded, swatch, tick, Axes, Marker};
use crate::style::{tr, BLUE, GREEN, GUIDE, INK, ORANGE, RED};
use crate::{DrawResult, Frame};
use ninestep_core::fmt_num;
use ninestep_core::lesson::house_price::{self, HousePrice};
use ninestep_core::lesson::least_squares::{LsPaths, QUERY_X, STOP_LOSS};
use ninestep_core::params::format_value;
use plotters::prelude::*;

/// Left 60 %: the loss contour within ±1 of the least-squares point with the descent
/// path; right 40 %: the samples, the current line and the least-squares line.
pub fn ls_paths<DB: DrawingBackend>(area: &Area<DB>, l: &LsPaths, brush: &mut Brush) -> Drawn {
    let Pen { lang, s } = brush.pen;
    let (width, _) = area.dim_in_pixel();
    let (left, right) = area.split_horizontally(width * 3 / 5);
    let (bw, bb) = l.best();
    let (wr, br) = ((bw - 1.0, bw + 1.0), (bb - 1.0, bb + 1.0));
    let f = |w: f64, b: f64| l.loss_at(w, b);
    let corner = [(wr.0, br.0), (wr.0, br.1), (wr.1, br.0), (wr.1, br.1)]
        .iter()
        .fold(0.0f64, |m, &(w, b)| m.max(f(w, b)));
    // The path starts at (0, 0), outside the window: draw it from where it enters.
    let inside = |r: &&ninestep_core::lesson::least_squares::Row| {
        (wr.0..=wr.1).contains(&r.w) && (br.0..=br.1).contains(&r.b)
    };
    let first = l
        .rows()
        .iter()
        .position(|r| inside(&r))
        .unwrap_or(l.rows().len());
    let path: Vec<(f64, f64)> = l.rows()[first..].iter().map(|r| (r.w, r.b)).collect();
    let eta = format_value(l.eta());
    let title = tr(
        lang,
        &format!("J(w, b), batch {}, η {eta}", l.batch()),
        &format!("J(w, b)，批大小 {}，η {eta}", l.batch()),
    );
    let frame = contour(
        &left,
        &Contour {
            axes: Axes::new(title, ("w", "b"), wr, br),
            f: &f,
            levels: log_levels(f(bw, bb) * 1.02, corner, 12),
            log: true,
            path,
            markers: vec![Marker::new(
                (bw, bb),
                GREEN,
                tr(lang, "least squares", "最小二乘"),
            )],
            // Asked only to learn the pixel mapping; no click is offered to the page.
            click: Some(("w", "b")),
        },
        brush,
    )?;
    if let Some(fr) = frame {
        stop_curve(&left, l, &fr, brush.pen)?;
        let last = l.rows().last().map_or((0.0, 0.0), |r| (r.w, r.b));
        let at = (fr.px.0 + s.px(8.0), fr.py.0 + s.px(8.0));
        if l.diverged() {
            write(
                &left,
                tr(lang, "diverged: lower η", "发散了：请调小 η"),
                at,
                s.font(18.0).color(&RED),
            )?;
        } else if !(wr.0..=wr.1).contains(&last.0) || !(br.0..=br.1).contains(&last.1) {
            write(
                &left,
                tr(
                    lang,
                    &format!(
                        "(w, b) = ({}, {}) is off the map",
                        fmt_num(last.0, 2),
                        fmt_num(last.1, 2)
                    ),
                    &format!(
                        "(w, b) = ({}, {}) 在图外",
                        fmt_num(last.0, 2),
                        fmt_num(last.1, 2)
                    ),
                ),
                at,
                s.font(13.0).color(&INK),
            )?;
        }
    }
    data_and_line(&right, l, brush.pen)?;
    Ok(None)
}

/// The curve J(w, b) = 0.02 where the book's stop rule fires: an ellipse around the
/// least-squares point, traced exactly since J is quadratic in (w, b).
fn stop_curve<DB: DrawingBackend>(
    area: &Area<DB>,
    l: &LsPaths,
    fr: &Frame,
    pen: Pen,
) -> DrawResult<()> {
    let Pen { lang, s } = pen;
    let (bw, bb) = l.best();
    let floor = l.loss_at(bw, bb);
    if floor >= STOP_LOSS {
        return Ok(());
    }
    let px = |w: f64, b: f64| {
        let fx = (w - fr.x.0) / (fr.x.1 - fr.x.0);
        let fy = (b - fr.y.0) / (fr.y.1 - fr.y.0);
        (
            fr.px.0 + (fx * (fr.px.1 - fr.px.0) as f64).round() as i32,
            fr.py.1 - (fy * (fr.py.1 - fr.py.0) as f64).round() as i32,
        )
    };
    let pts: Vec<(i32, i32)> = (0..=120)
        .map(|k| k as f64 * std::f64::consts::TAU / 120.0)
        .map(|t| {
            // Along direction u the loss rises as q·r², so the level is at r = √((L − J*)/q).
            let q = l.loss_at(bw + t.cos(), bb + t.sin()) - floor;
            let r = ((STOP_LOSS - floor) / q.max(1e-12)).sqrt().min(1.0);
            px(bw + r * t.cos(), bb + r * t.sin())
        })
        .collect();
    let top = pts.iter().map(|p| p.1).min().unwrap_or(0);
    let right = pts.iter().map(|p| p.0).max().unwrap_or(0);
    draw(
        area,
        PathElement::new(pts, RED.stroke_width(s.px(2.0).max(1) as u32)),
    )?;
    write(
        area,
        tr(lang, "J = 0.02: stop", "J = 0.02：停止"),
        (right + s.px(4.0), top - s.px(14.0)),
        s.font(12.0).color(&RED),
    )?;
    Ok(())
}

fn data_and_line<DB: DrawingBackend>(area: &Area<DB>, l: &LsPaths, pen: Pen) -> DrawResult<()> {
    let Pen { lang, s } = pen;
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let r = l.rows().last().copied();
    let (w, b) = r.map_or((0.0, 0.0), |r| (r.w, r.b));
    let (bw, bb) = l.best();
    let (y0, y1) = padded(l.y.iter().copied());
    let (x0, x1) = (0.0, 1.0);
    let title = format!(
        "z = {}x {} {}",
        fmt_num(w, 3),
        if b < 0.0 { "−" } else { "+" },
        fmt_num(b.abs(), 3)
    );
    let mut chart = crate::plot::axes_sized(area, &title, ((x0, x1), (y0, y1)), 44.0, s)?;
    let desc = (
        tr(lang, "servers (thousands)", "服务器（千台）"),
        tr(lang, "power (kW)", "功率 (kW)"),
    );
    grid(&mut chart, desc, (6, 6), s)
        .x_label_formatter(&|v| tick(*v, 1.0))
        .y_label_formatter(&|v| tick(*v, y1 - y0))
        .draw()
        .map_err(e)?;
    chart
        .draw_series(
            l.x.iter()
                .zip(&l.y)
                .map(|(&x, &y)| Circle::new((x, y), s.px(2.5), BLUE.mix(0.7).filled())),
        )
        .map_err(e)?;
    let clip = |v: f64| v.clamp(y0, y1);
    let best = [x0, x1].map(|x| (x, clip(bw * x + bb)));
    // The current line, sampled so that a line far outside the window is clipped cleanly.
    let pts: Vec<(f64, f64)> = (0..=50)
        .map(|i| x0 + (x1 - x0) * i as f64 / 50.0)
        .map(|x| (x, w * x + b))
        .filter(|p| (y0..=y1).contains(&p.1))
        .collect();
    let exact = tr(lang, "least squares", "最小二乘");
    versus(&mut chart, (best.to_vec(), exact), pts, pen)?;
    let zq = w * QUERY_X + b;
    if (y0..=y1).contains(&zq) {
        chart
            .draw_series([
                Circle::new((QUERY_X, zq), s.px(5.0), RED.filled()),
                Circle::new((QUERY_X, zq), s.px(5.0), WHITE.stroke_width(1)),
            ])
            .map_err(e)?;
        chart
            .draw_series(std::iter::once(Text::new(
                format!("0.346 → {}", fmt_num(zq, 2)),
                (QUERY_X + 0.03, zq),
                s.font(12.0).color(&RED),
            )))
            .map_err(e)?;
    }
    legend(&mut chart, SeriesLabelPosition::LowerRight, 11.0, s)
}

/// The exact solution (`exact`: its points and its name) as a dashed green line, and
/// gradient descent's answer `descent` in orange, both with a legend entry.
fn versus<'a, DB, X, Y>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    (exact, name): (Vec<(f64, f64)>, String),
    descent: Vec<(f64, f64)>,
    pen: Pen,
) -> DrawResult<()>
where
    DB: DrawingBackend + 'a,
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    let Pen { lang, s } = pen;
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let width = s.px(2.0).max(1) as u32;
    chart
        .draw_series(dashed(exact, (6.0, 4.0), s, GREEN.stroke_width(width)))
        .map_err(e)?
        .label(name)
        .legend(swatch(GREEN, 3));
    chart
        .draw_series(LineSeries::new(
            descent,
            ORANGE.stroke_width(s.px(2.5) as u32),
        ))
        .map_err(e)?
        .label(tr(lang, "gradient descent", "梯度下降"))
        .legend(swatch(ORANGE, 3));
    Ok(())
}

/// Left: the loss per epoch on a log scale with the normal equation's loss as a floor;
/// right: every flat's predicted price against its true price.
pub fn house_price<DB: DrawingBackend>(area: &Area<DB>, h: &HousePrice, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let (width, _) = area.dim_in_pixel();
    let (left, right) = area.split_horizontally(width / 2);
    let (bw, bb) = h.best();
    let floor = house_price::loss(&h.x, &h.y, bw, bb);
    let rows = h.rows();
    let top = rows.iter().map(|r| r.loss).fold(floor, f64::max);
    let last_epoch = rows.last().map_or(0, |r| r.epoch).max(5) as f64;
    let mut chart = ChartBuilder::on(&left)
        .caption(tr(lang, "loss per epoch", "每轮的损失"), s.font(16.0))
        .margin(s.px(10.0))
        .x_label_area_size(s.px(38.0))
        .y_label_area_size(s.px(56.0))
        .build_cartesian_2d(0.0..last_epoch, (floor * 0.7..top * 1.5).log_scale())
        .map_err(e)?;
    crate::plot::mesh(&mut chart, s)
        .bold_line_style(GUIDE)
        .x_desc(tr(lang, "epoch", "轮"))
        .y_desc(tr(lang, "loss J (log scale)", "损失 J（对数刻度）"))
        .x_labels(6)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| tick(*v, *v))
        .draw()
        .map_err(e)?;
    let exact = tr(lang, "normal equation", "正规方程");
    let losses = rows.iter().map(|r| (r.epoch as f64, r.loss)).collect();
    versus(
        &mut chart,
        (vec![(0.0, floor), (last_epoch, floor)], exact),
        losses,
        pen,
    )?;
    if let Some(r) = rows.last() {
        chart
            .draw_series(std::iter::once(Circle::new(
                (r.epoch as f64, r.loss),
                s.px(4.0),
                ORANGE.filled(),
            )))
            .map_err(e)?;
    }
    if h.diverged() {
        chart
            .draw_series(std::iter::once(Text::new(
                tr(lang, "diverged — loss → ∞", "发散——损失 → ∞"),
                (last_epoch * 0.1, (floor * top).sqrt()),
                s.font(18.0).color(&RED),
            )))
            .map_err(e)?;
    }
    legend(&mut chart, SeriesLabelPosition::UpperRight, 11.0, s)?;
    predicted_vs_true(&right, h, pen)?;
    Ok(None)
}

fn predicted_vs_true<DB: DrawingBackend>(
    area: &Area<DB>,
    h: &HousePrice,
    pen: Pen,
) -> DrawResult<()> {
    let Pen { lang, s } = pen;
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let r = h.last();
    let (lo, hi) = padded(h.y.iter().copied());
    let title = tr(
        lang,
        &format!("epoch {}: predicted vs true", r.epoch),
        &format!("第 {} 轮：预测价与真实价", r.epoch),
    );
    let mut chart = crate::plot::axes_sized(area, &title, ((lo, hi), (lo, hi)), 48.0, s)?;
    let desc = (
        tr(lang, "true price (万元)", "真实房价（万元）"),
        tr(lang, "predicted (万元)", "预测房价（万元）"),
    );
    grid(&mut chart, desc, (5, 5), s)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .draw()
        .map_err(e)?;
    chart
        .draw_series(LineSeries::new(
            [(lo, lo), (hi, hi)],
            INK.mix(0.5).stroke_width(1),
        ))
        .map_err(e)?;
    chart
        .draw_series(h.x.iter().zip(&h.y).map(|(x, &y)| {
            let z = r.w[0] * x[0] + r.w[1] * x[1] + r.b;
            Circle::new((y, z.clamp(lo, hi)), s.px(2.0), BLUE.mix(0.45).filled())
        }))
        .map_err(e)?;
    let z = r.w[0] * house_price::QUERY[0] + r.w[1] * house_price::QUERY[1] + r.b;
    chart
        .draw_series(std::iter::once(Text::new(
            format!("(15 km, 93 m²) → {}", fmt_num(z, 1)),
            (lo + (hi - lo) * 0.04, hi - (hi - lo) * 0.06),
            s.font(12.0).color(&RED),
        )))
        .map_err(e)?;
    Ok(())
}
