//! The handwritten digits (step 5's `digits`, ch12, and step 7's `deep-digits`): loss and accuracy by epoch on the left, the
//! first misclassified test digits on the right, each drawn from its 28×28 grey pixels
//! (one rectangle per run of equal grey in a pixel row) and labelled "true→predicted".

use super::thumbs::{heading, Thumbs};
use crate::graph::{draw, write};
use crate::lessons::size;
use crate::lessons::Area;
use crate::pen::{Drawn, Pen};
use crate::plot::{padded, plot, Axes, Plot, Series};
use crate::style::{mix, tr, GUIDE, INK, RED};
use crate::DrawResult;
use ninestep_core::fmt_num;
use ninestep_core::lesson::digit_run::{DigitRun, MISTAKES};
use ninestep_core::lesson::digits::SIDE;
use plotters::prelude::*;

/// Grey levels the pixels are rounded to (fewer levels, longer runs, fewer rectangles).
const LEVELS: f32 = 8.0;

/// The chart of the `digits` widget; a placeholder while the digits load.
pub fn digits<DB: DrawingBackend>(area: &Area<DB>, w: &DigitRun, pen: Pen) -> Drawn {
    // Curves beside the mistakes on a wide canvas, above them on a tall one (a phone).
    let (left, right) = super::halves(area);
    if !w.has_data() {
        return placeholder(&left, &right, pen);
    }
    curves(&left, w, pen)?;
    mistakes(&right, w, pen)?;
    Ok(None)
}

/// Loss (training and test) above test accuracy, by epoch (shared with `cnn-trainer`).
pub fn curves<DB: DrawingBackend>(left: &Area<DB>, w: &DigitRun, pen: Pen) -> DrawResult<()> {
    let Pen { lang, s } = pen;
    let (top, bottom) = left.split_vertically(left.dim_in_pixel().1 / 2);
    let h = w.history();
    let x = (0.0, h.last().map_or(1.0, |r| r.epoch as f64).max(1.0));
    let train: Vec<(f64, f64)> = h
        .iter()
        .filter_map(|r| Some((r.epoch as f64, r.train_loss?)))
        .collect();
    let test: Vec<(f64, f64)> = h.iter().map(|r| (r.epoch as f64, r.test_loss)).collect();
    let acc: Vec<(f64, f64)> = h
        .iter()
        .map(|r| (r.epoch as f64, r.test_accuracy))
        .collect();
    let (lo, hi) = padded(train.iter().chain(&test).map(|p| p.1));
    let title = tr(lang, "Loss (cross-entropy)", "损失（交叉熵）");
    plot(
        &top,
        &Plot {
            axes: Axes::new(title, (tr(lang, "epoch", "轮次"), ""), x, (lo.max(0.0), hi)),
            series: Series::train_test(train, test, lang),
            integer_x: true,
            ..Plot::default()
        },
        s,
    )?;
    let (alo, ahi) = padded(acc.iter().map(|p| p.1));
    let last = acc.last().map_or(0.0, |p| p.1);
    let title = tr(
        lang,
        &format!("Test accuracy {}", fmt_num(last, 4)),
        &format!("测试准确率 {}", fmt_num(last, 4)),
    );
    plot(
        &bottom,
        &Plot {
            axes: Axes::new(
                title,
                (tr(lang, "epoch", "轮次"), ""),
                x,
                (alo.max(0.0), ahi.min(1.0).max(alo.max(0.0) + 0.01)),
            ),
            series: vec![Series::plain(acc, RED)],
            integer_x: true,
            ..Plot::default()
        },
        s,
    )?;
    Ok(())
}

/// Shown until the page has attached the digits: empty axes and the ten classes.
pub(crate) fn placeholder<DB: DrawingBackend>(
    left: &Area<DB>,
    right: &Area<DB>,
    pen: Pen,
) -> Drawn {
    let Pen { lang, s } = pen;
    let title = tr(lang, "Loss and accuracy", "损失与准确率");
    plot(
        left,
        &Plot {
            axes: Axes::new(
                title,
                (tr(lang, "epoch", "轮次"), ""),
                (0.0, 10.0),
                (0.0, 1.0),
            ),
            hlines: vec![(0.1, GUIDE, tr(lang, "chance: 0.1", "随机猜测：0.1"))],
            integer_x: true,
            ..Plot::default()
        },
        s,
    )?;
    let (w, h) = size(right);
    let text = tr(
        lang,
        "The digits are still loading…",
        "手写数字还在加载中……",
    );
    write(right, text, (s.px(12.0), h / 6), s.font(16.0))?;
    let r = (w / 24).max(6);
    for d in 0..10_i32 {
        let cx = w * (2 * (d % 5) + 1) / 10;
        let cy = h / 2 + (d / 5) * r * 3;
        draw(right, Circle::new((cx, cy), r, GUIDE.stroke_width(2)))?;
        write(right, d.to_string(), (cx - r / 3, cy - r / 2), s.font(14.0))?;
    }
    Ok(None)
}

/// The grid of misclassified test digits.
fn mistakes<DB: DrawingBackend>(area: &Area<DB>, w: &DigitRun, pen: Pen) -> DrawResult<()> {
    let Pen { lang, s } = pen;
    let list = w.mistakes();
    let title = tr(
        lang,
        &format!("Misclassified test digits (first {MISTAKES}): true→predicted"),
        &format!("分错的测试数字（前 {MISTAKES} 个）：真实→预测"),
    );
    let none = ("No test digit is misclassified.", "没有分错的测试数字。");
    if !heading(area, (title, 14.0), list.is_empty().then_some(none), pen)? {
        return Ok(());
    }
    let grid = Thumbs::new(area.dim_in_pixel(), MISTAKES, s.px(30.0), SIDE as i32, s);
    let px = (grid.side as f32 / SIDE as f32).max(1.0);
    for (k, &(i, truth, pred)) in list.iter().enumerate() {
        let Some(img) = w.test_image(i) else {
            continue;
        };
        let (x0, y0) = grid.at(k);
        let iy0 = y0 + grid.label_h;
        let at = |c: usize, r: usize| {
            (
                x0 + (c as f32 * px).round() as i32,
                iy0 + (r as f32 * px).round() as i32,
            )
        };
        draw(
            area,
            Rectangle::new([at(0, 0), at(SIDE, SIDE)], RGBColor(250, 250, 252).filled()),
        )?;
        for (r, row) in img.chunks_exact(SIDE).enumerate() {
            let level = |v: f32| (v.clamp(0.0, 1.0) * LEVELS).round();
            let mut c = 0;
            while c < SIDE {
                let l = level(row[c]);
                let start = c;
                while c < SIDE && level(row[c]) == l {
                    c += 1;
                }
                if l > 0.0 {
                    let grey = mix(RGBColor(250, 250, 252), INK, (l / LEVELS) as f64);
                    draw(
                        area,
                        Rectangle::new([at(start, r), at(c, r + 1)], grey.filled()),
                    )?;
                }
            }
        }
        draw(
            area,
            Rectangle::new([at(0, 0), at(SIDE, SIDE)], GUIDE.stroke_width(1)),
        )?;
        write(
            area,
            format!("{truth}→{pred}"),
            (x0, y0 + s.px(1.0)),
            s.font(13.0).color(&RED),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use ninestep_core::Lang;

    #[test]
    fn the_grid_of_mistakes_draws_digits_within_budget() {
        let Some(w) = crate::lessons::with_digits("digits", 400) else {
            return;
        };
        for lang in [Lang::En, Lang::Zh] {
            let svg = crate::svg(&w, 960, 480, lang).unwrap();
            let rects = svg.matches("<rect").count();
            // A phone's tall canvas stacks the curves above the grid; both are drawn.
            let tall = crate::svg(&w, 390, 520, lang).unwrap();
            assert!(tall.matches('→').count() >= 24 && tall.matches("<rect").count() > 24 * 20);
            assert!((24 * 20..20_000).contains(&rects), "{rects} rectangles");
            assert!(svg.matches('→').count() >= 24);
        }
    }
}
