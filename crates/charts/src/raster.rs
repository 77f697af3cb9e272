//! Low-resolution images stretched over a rectangle of the chart: every heatmap (the
//! contour maps, the classification and region maps, the playground's decision region and
//! neuron thumbnails). In the page a [`Raster`] puts the whole image on
//! the canvas in one call (crates/web/src/blit.rs); [`Rects`] is the portable fallback that
//! draws one filled rectangle per cell, so SVG output, the CLI and native tests still work.

use plotters::coord::Shift;
use plotters::prelude::*;

/// A rectangle in backend pixels (the canvas's own pixels, not a drawing area's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    /// Left edge.
    pub left: i32,
    /// Top edge.
    pub top: i32,
    /// Width (positive for something to be drawn).
    pub width: i32,
    /// Height (positive for something to be drawn).
    pub height: i32,
}

impl Rect {
    /// The rectangle `width × height` with its top left corner at (`left`, `top`).
    pub fn new(left: i32, top: i32, width: i32, height: i32) -> Self {
        Rect {
            left,
            top,
            width,
            height,
        }
    }

    /// The rectangle `width × height` at (`x`, `y`) relative to `area`'s top left corner.
    pub fn within<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        (x, y): (i32, i32),
        (width, height): (i32, i32),
    ) -> Self {
        let (bx, by) = area.get_base_pixel();
        Rect::new(bx + x, by + y, width, height)
    }
}

/// A `cols × rows` RGBA image: row 0 at the top, 4 bytes per cell.
#[derive(Clone, Copy, Debug)]
pub struct Image<'a> {
    /// Cells per row.
    pub cols: usize,
    /// Rows.
    pub rows: usize,
    /// `cols × rows × 4` bytes.
    pub rgba: &'a [u8],
}

impl<'a> Image<'a> {
    /// The image of `cols × rows` cells in `rgba` (its size is checked when it is drawn).
    pub fn new(cols: usize, rows: usize, rgba: &'a [u8]) -> Self {
        Image { cols, rows, rgba }
    }
}

/// How an image's cells meet when it is stretched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cells {
    /// Blended into their neighbours: heatmaps, previews.
    Smooth,
    /// Each cell a sharp rectangle: pixel images such as a digit, where the pixels are the
    /// point.
    Sharp,
}

/// Something that can draw an [`Image`] stretched over a [`Rect`].
pub trait Raster {
    /// Draws `image` over `at`; both were checked by [`check`]. Implementors write this,
    /// callers call [`Raster::draw`].
    fn put(&mut self, image: Image<'_>, at: Rect, cells: Cells) -> Result<(), String>;

    /// Checks the image and its target ([`check`]), then draws it.
    fn draw(&mut self, image: Image<'_>, at: Rect, cells: Cells) -> Result<(), String> {
        check(image, at)?;
        self.put(image, at, cells)
    }
}

/// The fallback [`Raster`]: one filled rectangle per cell on a plotters drawing area
/// (coordinates are backend pixels, so the area's own offset is taken off).
pub struct Rects<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
}

impl<'a, DB: DrawingBackend> Rects<'a, DB> {
    /// Draws on `area`.
    pub fn new(area: &'a DrawingArea<DB, Shift>) -> Self {
        Rects { area }
    }
}

/// Checks the size of an image: `cols × rows × 4` bytes and a non-empty target.
pub fn check(image: Image<'_>, at: Rect) -> Result<(), String> {
    let Image { cols, rows, rgba } = image;
    if cols.checked_mul(rows).and_then(|n| n.checked_mul(4)) != Some(rgba.len()) {
        return Err(format!(
            "image of {cols}×{rows} cells needs {} bytes, got {}",
            cols.saturating_mul(rows).saturating_mul(4),
            rgba.len()
        ));
    }
    if at.width <= 0 || at.height <= 0 {
        return Err("image target is empty".into());
    }
    Ok(())
}

impl<DB: DrawingBackend> Raster for Rects<'_, DB> {
    /// Cells are always sharp here: smoothing has no rectangle-per-cell equivalent.
    fn put(&mut self, image: Image<'_>, at: Rect, _: Cells) -> Result<(), String> {
        let Image { cols, rows, rgba } = image;
        let (ox, oy) = self.area.get_base_pixel();
        // Cell edges on whole pixels, so neighbouring cells share their edge exactly.
        let edge = |k: usize, n: usize, len: i32| (k as i64 * len as i64 / n as i64) as i32;
        for r in 0..rows {
            let y0 = at.top + edge(r, rows, at.height);
            let y1 = at.top + edge(r + 1, rows, at.height);
            // Neighbouring cells of the same colour become one rectangle.
            let mut c = 0;
            while c < cols {
                let px = &rgba[(r * cols + c) * 4..(r * cols + c) * 4 + 4];
                let mut end = c + 1;
                while end < cols && rgba[(r * cols + end) * 4..(r * cols + end) * 4 + 4] == *px {
                    end += 1;
                }
                let x0 = at.left + edge(c, cols, at.width);
                let x1 = at.left + edge(end, cols, at.width);
                let color = RGBAColor(px[0], px[1], px[2], px[3] as f64 / 255.0);
                self.area
                    .draw(&Rectangle::new(
                        [(x0 - ox, y0 - oy), (x1 - ox, y1 - oy)],
                        color.filled(),
                    ))
                    .map_err(|e| e.to_string())?;
                c = end;
            }
        }
        Ok(())
    }
}

/// Draws `image` over the whole plotting area of `chart` (the usual place of a heatmap:
/// under the axes' data box, before points and lines).
pub fn fill_plot<DB: DrawingBackend, CT: plotters::coord::CoordTranslate>(
    raster: &mut dyn Raster,
    chart: &ChartContext<'_, DB, CT>,
    image: Image<'_>,
) -> Result<(), String> {
    let (px, py) = chart.plotting_area().get_pixel_range();
    let at = Rect::new(px.start, py.start, px.end - px.start, py.end - py.start);
    raster.draw(image, at, Cells::Smooth)
}

/// A `cols × rows` RGBA image whose cell (column `i`, row `j`, row 0 at the top) has the
/// colour `f(i, j)`.
pub fn image(cols: usize, rows: usize, f: impl Fn(usize, usize) -> RGBColor) -> Vec<u8> {
    let mut out = Vec::with_capacity(cols * rows * 4);
    for j in 0..rows {
        for i in 0..cols {
            let c = f(i, j);
            out.extend_from_slice(&[c.0, c.1, c.2, 255]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rects_tile_the_target_and_merge_equal_neighbours() {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (100, 100)).into_drawing_area();
            // 3×2 cells: the top row one colour (one rectangle), the bottom row three.
            let img = image(3, 2, |i, j| {
                if j == 0 {
                    RGBColor(10, 20, 30)
                } else {
                    RGBColor(i as u8 * 100, 0, 0)
                }
            });
            let at = Rect::new(10, 10, 60, 40);
            let mut rects = Rects::new(&root);
            rects
                .draw(Image::new(3, 2, &img), at, Cells::Sharp)
                .unwrap();
            // Too few bytes for 3×3 cells, and an empty target.
            assert!(rects
                .draw(Image::new(3, 3, &img), at, Cells::Sharp)
                .is_err());
            let empty = Rect { width: 0, ..at };
            assert!(rects
                .draw(Image::new(3, 2, &img), empty, Cells::Sharp)
                .is_err());
            root.present().unwrap();
        }
        assert_eq!(out.matches("<rect").count(), 4, "{out}");
        // The top row spans x 10..70 and y 10..30 (half of the 40-pixel height).
        assert!(
            out.contains(r#"x="10" y="10" width="60" height="20""#),
            "{out}"
        );
    }
}
