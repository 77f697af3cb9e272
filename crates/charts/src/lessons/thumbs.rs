//! The grid of misclassified test images that `digits` (ch12) and `shapes-cnn` (ch18)
//! draw under their title: rows of [`COLS`] square thumbnails, each under its
//! "true→predicted" label.

use super::Area;
use crate::graph::write;
use crate::pen::Pen;
use crate::style::Scale;
use crate::DrawResult;
use plotters::prelude::DrawingBackend;

/// Thumbnails per row.
pub(crate) const COLS: usize = 6;

/// Where the thumbnails of a grid go, in pixels of its area.
pub(crate) struct Thumbs {
    /// Left edge of the first column.
    left: i32,
    /// Top of the first row.
    top: i32,
    /// Width and height of one thumbnail's cell (label and image).
    cell: (i32, i32),
    /// Height of a label, above its image.
    pub label_h: i32,
    /// Side of an image.
    pub side: i32,
}

impl Thumbs {
    /// Room for `count` thumbnails on an area `width × height` below `top`, labels 16
    /// reference pixels high, images at least `min_side` pixels a side.
    pub fn new(
        (width, height): (u32, u32),
        count: usize,
        top: i32,
        min_side: i32,
        s: Scale,
    ) -> Thumbs {
        let rows = count.div_ceil(COLS) as i32;
        let label_h = s.px(16.0);
        let cell = (
            (width as i32 - s.px(8.0)) / COLS as i32,
            (height as i32 - top) / rows,
        );
        let side = (cell.0 - s.px(6.0))
            .min(cell.1 - label_h - s.px(4.0))
            .max(min_side);
        Thumbs {
            left: s.px(8.0),
            top,
            cell,
            label_h,
            side,
        }
    }

    /// The top left corner of thumbnail `k`'s label; its image starts `label_h` lower.
    pub fn at(&self, k: usize) -> (i32, i32) {
        (
            self.left + (k % COLS) as i32 * self.cell.0,
            self.top + (k / COLS) as i32 * self.cell.1,
        )
    }
}

/// Writes the grid's `title` (text of `size` reference pixels) at the top of `area`, and
/// the note `none` (English, Chinese) half-way down when nothing was misclassified.
/// Returns whether there is a grid to draw.
pub(crate) fn heading<DB: DrawingBackend>(
    area: &Area<DB>,
    (title, size): (String, f64),
    none: Option<(&str, &str)>,
    pen: Pen,
) -> DrawResult<bool> {
    let s = pen.s;
    write(area, title, (s.px(8.0), s.px(6.0)), s.font(size))?;
    match none {
        Some((en, zh)) => {
            let middle = area.dim_in_pixel().1 as i32 / 2;
            write(area, pen.tr(en, zh), (s.px(8.0), middle), s.font(14.0))?;
            Ok(false)
        }
        None => Ok(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thumbnails_fill_rows_of_six_below_the_top() {
        // Cells of (608 − 8) / 6 = 100 by (330 − 30) / 4 = 75 pixels; images of
        // min(100 − 6, 75 − 16 − 4) = 55.
        let t = Thumbs::new((608, 330), 24, 30, 8, Scale(1.0));
        assert_eq!((t.side, t.label_h), (55, 16));
        assert_eq!((t.at(0), t.at(5), t.at(6)), ((8, 30), (508, 30), (8, 105)));
    }
}
