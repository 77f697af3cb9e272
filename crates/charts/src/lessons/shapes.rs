//! Step 8's generated shapes and colours (`shapes-cnn`, ch18.1–18.3): a gallery of test
//! images, two of each class, numbered with their class names; the test accuracy by
//! epoch beside the book's; the first misclassified test images labelled
//! "true→predicted" (class numbers of the gallery). Images are drawn as the book's: ink
//! on black, through the [`Raster`] (one sharp blit each).

use super::thumbs::{heading, Thumbs};
use crate::graph::write;
use crate::lessons::size;
use crate::lessons::Area;
use crate::pen::{Brush, Drawn, Pen};
use crate::plot::{plot, Axes, Plot, Series};
use crate::raster::{Cells, Image, Raster, Rect};
use crate::style::{tr, GUIDE, INK, RED};
use crate::DrawResult;
use ninestep_core::dataset::shapes::{ShapeSet, PIXELS, SIDE};
use ninestep_core::lesson::step8::shape_run::MISTAKES;
use ninestep_core::lesson::step8::shapes_cnn::ShapesCnn;
use ninestep_core::{fmt_num, Lang};
use plotters::prelude::*;

/// Examples of each class in the gallery.
const PER_CLASS: usize = 2;

/// The RGBA bytes of image `i` (grey images drawn white on black).
fn rgba(set: &ShapeSet, i: usize) -> Vec<u8> {
    let img = set.image(i);
    let planes = img.len() / PIXELS;
    (0..PIXELS)
        .flat_map(|p| {
            let ch = |c: usize| (img[(c % planes) * PIXELS + p].clamp(0.0, 1.0) * 255.0) as u8;
            [ch(0), ch(1), ch(2), 255]
        })
        .collect()
}

/// Draws image `i` of `set` at the area-relative square (x, y) of side `side`.
fn image<DB: DrawingBackend>(
    area: &Area<DB>,
    raster: &mut dyn Raster,
    set: &ShapeSet,
    i: usize,
    (x, y, side): (i32, i32, i32),
) -> DrawResult<()> {
    let at = Rect::within(area, (x, y), (side, side));
    raster.draw(Image::new(SIDE, SIDE, &rgba(set, i)), at, Cells::Sharp)?;
    area.draw(&Rectangle::new(
        [(x, y), (x + side, y + side)],
        GUIDE.stroke_width(1),
    ))
    .map_err(|e| e.to_string())
}

/// The chart of `shapes-cnn`.
pub fn shapes_cnn<DB: DrawingBackend>(area: &Area<DB>, w: &ShapesCnn, brush: &mut Brush) -> Drawn {
    let (width, height) = area.dim_in_pixel();
    let tall = height > width;
    let (gallery, rest) = area.split_vertically(height * if tall { 30 } else { 42 } / 100);
    draw_gallery(&gallery, w, brush)?;
    let (curve, wrong) = if tall {
        rest.split_vertically(rest.dim_in_pixel().1 * 45 / 100)
    } else {
        rest.split_horizontally(width / 2)
    };
    accuracy(&curve, w, brush.pen)?;
    mistakes(&wrong, w, brush)?;
    Ok(None)
}

/// Two test images of each class with the class number and name.
fn draw_gallery<DB: DrawingBackend>(
    area: &Area<DB>,
    w: &ShapesCnn,
    brush: &mut Brush,
) -> DrawResult<()> {
    let Pen { lang, s } = brush.pen;
    let (width, height) = size(area);
    let set = w.test_images();
    let task = w.task();
    let k = task.classes();
    let title = tr(
        lang,
        "Generated test images, two of each class",
        "生成的测试图像（每类两幅）",
    );
    write(area, title, (s.px(8.0), s.px(4.0)), s.font(14.0))?;
    let top = s.px(24.0);
    let label_h = s.px(30.0);
    let cell_w = (width - s.px(8.0)) / k as i32;
    let side = (cell_w - s.px(6.0))
        .min((height - top - label_h) / PER_CLASS as i32 - s.px(4.0))
        .max(8);
    for class in 0..k {
        let x = s.px(8.0) + class as i32 * cell_w;
        let (en, zh) = task.class_name(class);
        let name = if lang == Lang::Zh { zh } else { en };
        // "6 green" over "triangle"; only the number where the name would not fit.
        let (first, second) = match name.split_once(' ') {
            Some((a, b)) => (format!("{class} {a}"), b.to_string()),
            None => (format!("{class} {name}"), String::new()),
        };
        let wide = |t: &str| {
            t.chars()
                .map(|c| if c.is_ascii() { 7.0 } else { 12.5 })
                .sum::<f64>()
        };
        let fits = s.px(wide(&first).max(wide(&second))) < cell_w;
        let font = s.font(12.0).color(&INK);
        let lines = if fits {
            vec![first, second]
        } else {
            vec![class.to_string()]
        };
        for (n, line) in lines.into_iter().enumerate() {
            let y = top + n as i32 * s.px(13.0);
            write(area, line, (x, y), font.clone())?;
        }
        let picks = set.labels.iter().enumerate().filter(|(_, &l)| l == class);
        for (row, (i, _)) in picks.take(PER_CLASS).enumerate() {
            let y = top + label_h + row as i32 * (side + s.px(4.0));
            image(area, brush.raster, set, i, (x, y, side))?;
        }
    }
    Ok(())
}

/// Test accuracy by epoch, the book's as a dashed line.
fn accuracy<DB: DrawingBackend>(area: &Area<DB>, w: &ShapesCnn, pen: Pen) -> DrawResult<()> {
    let Pen { lang, s } = pen;
    let h = w.run().history();
    let pts: Vec<(f64, f64)> = h
        .iter()
        .map(|r| (r.epoch as f64, r.test_accuracy))
        .collect();
    let last = pts.last().map_or(0.0, |p| p.1);
    let book = w.book().accuracy;
    let x_max = (h.last().map_or(1, |r| r.epoch) as f64).max(1.0);
    let net = if w.is_cnn() { "CNN" } else { "DNN" };
    let title = tr(
        lang,
        &format!("{net} test accuracy {}", fmt_num(last, 3)),
        &format!("{net} 测试准确率 {}", fmt_num(last, 3)),
    );
    plot(
        area,
        &Plot {
            axes: Axes::new(
                title,
                (tr(lang, "epoch", "轮次"), ""),
                (0.0, x_max),
                (0.0, 1.0),
            ),
            series: vec![Series::plain(pts, RED)],
            hlines: vec![(
                book,
                RGBColor(110, 110, 124),
                tr(
                    lang,
                    &format!("book: {}", fmt_num(book, 3)),
                    &format!("书中：{}", fmt_num(book, 3)),
                ),
            )],
            integer_x: true,
            ..Plot::default()
        },
        s,
    )?;
    Ok(())
}

/// The first misclassified test images, "true→predicted".
fn mistakes<DB: DrawingBackend>(
    area: &Area<DB>,
    w: &ShapesCnn,
    brush: &mut Brush,
) -> DrawResult<()> {
    let Pen { lang, s } = brush.pen;
    let width = size(area).0;
    let list = w.run().mistakes();
    let title = if width < s.px(420.0) {
        tr(
            lang,
            "Misclassified: true→predicted",
            "分错的图像：真实→预测",
        )
    } else {
        tr(
            lang,
            &format!("Misclassified test images (first {MISTAKES}): true→predicted"),
            &format!("分错的测试图像（前 {MISTAKES} 幅）：真实→预测"),
        )
    };
    let none = ("No test image is misclassified.", "没有分错的测试图像。");
    if !heading(
        area,
        (title, 13.0),
        list.is_empty().then_some(none),
        brush.pen,
    )? {
        return Ok(());
    }
    let grid = Thumbs::new(area.dim_in_pixel(), MISTAKES, s.px(28.0), 8, s);
    for (n, &(i, truth, pred)) in list.iter().enumerate() {
        let (x, y) = grid.at(n);
        write(
            area,
            format!("{truth}→{pred}"),
            (x, y),
            s.font(12.0).color(&RED),
        )?;
        image(
            area,
            brush.raster,
            w.test_images(),
            i,
            (x, y + grid.label_h, grid.side),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use ninestep_core::{AnyWidget, Lang, Params};

    #[test]
    fn the_gallery_draws_coloured_ink_and_names_every_class() {
        let p = Params::of(&[("task", "shape-colour")]);
        let mut w = AnyWidget::new("shapes-cnn", &p).unwrap();
        w.step().unwrap();
        for lang in [Lang::En, Lang::Zh] {
            let svg = crate::svg(&w, 960, 560, lang).unwrap();
            // Pure red, green and blue ink cells (the fallback brush.raster draws rectangles).
            for ink in ["#FF0000", "#00FF00", "#0000FF"] {
                assert!(svg.contains(ink), "{ink} missing ({lang:?})");
            }
            let name = if lang == Lang::En {
                "triangle"
            } else {
                "三角形"
            };
            assert!(svg.contains(name));
            let tall = crate::svg(&w, 390, 900, lang).unwrap();
            assert!(tall.contains("#FF0000") && tall.contains('→'));
        }
    }
}
