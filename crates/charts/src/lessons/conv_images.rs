//! Step 8's images: a kernel learned by gradient descent (ch17.3: the loss on a log
//! scale, the kernel as it learns beside the one it should find, the image and its target)
//! and the nine classic kernels side by side (ch17.0). Images go through the [`Raster`],
//! each stretched between its own smallest and largest value (as matplotlib's `imshow`
//! does for the book).

use crate::graph::{boxed, write};
use crate::lessons::Area;
use crate::pen::{Brush, Drawn, Pen};
use crate::plot::{plot, Axes, Plot, Series};
use crate::raster::{Cells, Image, Raster, Rect};
use crate::style::{mix, tr, Scale, BLUE, GUIDE, INK, ORANGE, RED};
use crate::DrawResult;
use ninestep_core::fmt_num;
use ninestep_core::lesson::step8::kernels::{Kernels, KERNELS, SIDE as KSIDE};
use ninestep_core::lesson::step8::learn_kernel::{LearnKernel, SIDE, STOP, TARGET};
use plotters::prelude::*;

/// A grey image of `cols × rows` values, stretched between its min and max, at the
/// area-relative rectangle (x, y, w, h).
#[allow(clippy::too_many_arguments)]
pub(crate) fn grey<DB: DrawingBackend>(
    area: &Area<DB>,
    raster: &mut dyn Raster,
    (x, y, w, h): (i32, i32, i32, i32),
    cols: usize,
    rows: usize,
    v: &[f32],
) -> DrawResult<()> {
    let lo = v.iter().fold(f32::MAX, |a, &b| a.min(b));
    let hi = v.iter().fold(f32::MIN, |a, &b| a.max(b));
    let span = if hi > lo { hi - lo } else { 1.0 };
    let rgba: Vec<u8> = v
        .iter()
        .flat_map(|&p| {
            let g = (((p - lo) / span).clamp(0.0, 1.0) * 255.0).round() as u8;
            [g, g, g, 255]
        })
        .collect();
    let at = Rect::within(area, (x, y), (w, h));
    raster.draw(Image::new(cols, rows, &rgba), at, Cells::Smooth)?;
    let corners = vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
    area.draw(&PathElement::new(corners, GUIDE.stroke_width(1)))
        .map_err(|e| e.to_string())
}

/// A 3×3 kernel as coloured cells with its numbers.
fn kernel_cells<DB: DrawingBackend>(
    area: &Area<DB>,
    (x0, y0): (i32, i32),
    side: i32,
    w: &[f32],
    title: &str,
    s: Scale,
) -> DrawResult<()> {
    write(area, title.to_string(), (x0, y0 - s.px(20.0)), s.font(13.0))?;
    for (q, &v) in w.iter().enumerate() {
        let (x, y) = (x0 + (q % 3) as i32 * side, y0 + (q / 3) as i32 * side);
        let f = (v.abs() as f64 / 2.0).min(1.0);
        let fill = if v < 0.0 {
            mix(WHITE, BLUE, f)
        } else {
            mix(WHITE, RED, f)
        };
        boxed(area, (x, y), (x + side, y + side), fill)?;
        write(
            area,
            fmt_num(v as f64, 3),
            (x + s.px(4.0), y + side / 2 - s.px(6.0)),
            s.font(11.0).color(&INK),
        )?;
    }
    Ok(())
}

/// The chart of `learn-kernel`.
pub fn learn_kernel<DB: DrawingBackend>(
    area: &Area<DB>,
    w: &LearnKernel,
    brush: &mut Brush,
) -> Drawn {
    let Pen { lang, s } = brush.pen;
    let (width, height) = area.dim_in_pixel();
    let (left, right) = area.split_horizontally(width * 11 / 20);
    let pts: Vec<(f64, f64)> = w
        .losses()
        .iter()
        .enumerate()
        .filter(|(_, j)| **j > 0.0)
        .map(|(i, j)| (i as f64, j.log10()))
        .collect();
    let x_max = (w.iterations() as f64).max(10.0);
    let y_hi = pts.iter().map(|p| p.1).fold(-7.0, f64::max).ceil() + 0.2;
    let title = tr(lang, "log₁₀ J by iteration", "log₁₀ J 随迭代的变化");
    plot(
        &left,
        &Plot {
            axes: Axes::new(
                title,
                (tr(lang, "iteration", "迭代"), ""),
                (0.0, x_max),
                (-7.5, y_hi),
            ),
            series: vec![Series::plain(pts, BLUE)],
            hlines: vec![(
                STOP.log10(),
                ORANGE,
                tr(lang, "stop: J = 1e-7", "停止：J = 1e-7"),
            )],
            integer_x: true,
            ..Plot::default()
        },
        s,
    )?;
    let (rw, rh) = right.dim_in_pixel();
    let side = ((rw as i32 - s.px(40.0)) / 7)
        .min((rh as i32 / 2 - s.px(40.0)) / 3)
        .max(12);
    let top = s.px(34.0);
    let x0 = s.px(10.0);
    kernel_cells(
        &right,
        (x0, top),
        side,
        &w.w(),
        &tr(lang, "learned W", "学到的 W"),
        s,
    )?;
    let k0 = x0 + 4 * side;
    kernel_cells(
        &right,
        (k0, top),
        side,
        &TARGET,
        &tr(lang, "target K", "目标 K"),
        s,
    )?;
    // The image and the target it makes, below.
    let img_top = top + 3 * side + s.px(34.0);
    let img = ((rw as i32 - s.px(30.0)) / 2)
        .min(rh as i32 - img_top - s.px(8.0))
        .max(20);
    for (i, (title, data, n)) in [
        (tr(lang, "image X", "图像 X"), w.x(), SIDE),
        (
            tr(lang, "target Y = X ⊛ K", "目标 Y = X ⊛ K"),
            w.y(),
            SIDE - 2,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let ix = x0 + i as i32 * (img + s.px(10.0));
        write(&right, title, (ix, img_top - s.px(18.0)), s.font(12.0))?;
        grey(&right, brush.raster, (ix, img_top, img, img), n, n, data)?;
    }
    let _ = height;
    Ok(None)
}

/// The chart of `kernels`: the nine feature maps in a 3×3 grid.
pub fn kernels<DB: DrawingBackend>(area: &Area<DB>, w: &Kernels, brush: &mut Brush) -> Drawn {
    let Pen { lang, s } = brush.pen;
    let (width, height) = area.dim_in_pixel();
    let label = s.px(20.0);
    let cell_w = (width as i32 - s.px(16.0)) / 3;
    let cell_h = (height as i32 - s.px(8.0)) / 3;
    let img = (cell_w - s.px(10.0))
        .min(cell_h - label - s.px(8.0))
        .max(16);
    for (k, (en, zh, _)) in KERNELS.iter().enumerate() {
        let x = s.px(8.0) + (k % 3) as i32 * cell_w;
        let y = s.px(4.0) + (k / 3) as i32 * cell_h;
        write(area, tr(lang, en, zh), (x, y), s.font(13.0))?;
        grey(
            area,
            brush.raster,
            (x, y + label, img, img),
            KSIDE,
            KSIDE,
            w.map(k),
        )?;
    }
    Ok(None)
}
