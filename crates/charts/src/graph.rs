//! Node-and-arrow diagrams in pixel coordinates: the neuron, the layer and the two
//! computation graphs of ch2 are drawn with these few pieces.

use crate::lessons::Area;
use crate::style::{Scale, GUIDE, INK};
use crate::DrawResult;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Writes `text` centred at `(x, y)`.
pub fn label<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    at: (i32, i32),
    size: f64,
    color: RGBColor,
    s: Scale,
) -> DrawResult<()> {
    anchored(area, text, at, HPos::Center, size, color, s)
}

/// Writes `text` left-aligned starting at `(x, y)`.
pub fn label_left<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    at: (i32, i32),
    size: f64,
    color: RGBColor,
    s: Scale,
) -> DrawResult<()> {
    anchored(area, text, at, HPos::Left, size, color, s)
}

/// Writes `text` vertically centred at `(x, y)`, anchored horizontally by `h`.
fn anchored<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    (x, y): (i32, i32),
    h: HPos,
    size: f64,
    color: RGBColor,
    s: Scale,
) -> DrawResult<()> {
    let style = s.font(size).color(&color).pos(Pos::new(h, VPos::Center));
    area.draw_text(text, &style, (x, y))
        .map_err(|e| e.to_string())
}

/// Draws one element given in pixels of `area`.
pub fn draw<DB: DrawingBackend, E: Drawable<DB>>(area: &Area<DB>, element: E) -> DrawResult<()>
where
    for<'b> &'b E: PointCollection<'b, (i32, i32)>,
{
    area.draw(&element).map_err(|e| e.to_string())
}

/// Writes `text` in `style` with its top left corner at `at`.
pub fn write<DB: DrawingBackend>(
    area: &Area<DB>,
    text: impl Into<String>,
    at: (i32, i32),
    style: TextStyle<'_>,
) -> DrawResult<()> {
    draw(area, Text::new(text.into(), at, style))
}

/// A rectangle from corner `a` to corner `b` filled with `fill` and outlined in thin
/// grey: a cell of a grid, a box of a diagram.
pub fn boxed<DB: DrawingBackend>(
    area: &Area<DB>,
    a: (i32, i32),
    b: (i32, i32),
    fill: RGBColor,
) -> DrawResult<()> {
    draw(area, Rectangle::new([a, b], fill.filled()))?;
    outline(area, a, b)
}

/// The thin grey outline of the rectangle from corner `a` to corner `b`: the frame of an
/// image or a panel.
pub fn outline<DB: DrawingBackend>(
    area: &Area<DB>,
    a: (i32, i32),
    b: (i32, i32),
) -> DrawResult<()> {
    draw(area, Rectangle::new([a, b], GUIDE.stroke_width(1)))
}

/// A round node with a name inside, filled lightly with `color`.
pub fn node<DB: DrawingBackend>(
    area: &Area<DB>,
    (x, y): (i32, i32),
    r: i32,
    name: &str,
    color: RGBColor,
    s: Scale,
) -> DrawResult<()> {
    let fill = crate::style::mix(color, WHITE, 0.8);
    area.draw(&Circle::new((x, y), r, fill.filled()))
        .map_err(|e| e.to_string())?;
    area.draw(&Circle::new(
        (x, y),
        r,
        color.stroke_width(s.px(2.0).max(1) as u32),
    ))
    .map_err(|e| e.to_string())?;
    label(area, name, (x, y), 15.0, INK, s)
}

/// The unit vector pointing from pixel `from` to pixel `to` (shorter than a unit when
/// the two are less than a pixel apart): the direction an arrow between them runs.
pub fn direction(from: (i32, i32), to: (i32, i32)) -> (f64, f64) {
    let (dx, dy) = ((to.0 - from.0) as f64, (to.1 - from.1) as f64);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    (dx / len, dy / len)
}

/// An arrow from the rim of a node at `from` to the rim of a node at `to` (both of
/// radius `r`), with an optional label at its middle, `offset` pixels above the line.
#[allow(clippy::too_many_arguments)]
pub fn arrow<DB: DrawingBackend>(
    area: &Area<DB>,
    from: (i32, i32),
    to: (i32, i32),
    r: i32,
    text: &str,
    offset: i32,
    color: RGBColor,
    s: Scale,
) -> DrawResult<()> {
    let (ux, uy) = direction(from, to);
    let start = (
        from.0 + (ux * r as f64) as i32,
        from.1 + (uy * r as f64) as i32,
    );
    let end = (to.0 - (ux * r as f64) as i32, to.1 - (uy * r as f64) as i32);
    let width = s.px(2.0).max(1) as u32;
    area.draw(&PathElement::new(
        vec![start, end],
        color.stroke_width(width),
    ))
    .map_err(|e| e.to_string())?;
    // Arrow head: a small triangle at the end.
    let h = s.px(9.0) as f64;
    let (px, py) = (-uy, ux);
    let base = (end.0 as f64 - ux * h, end.1 as f64 - uy * h);
    let head = vec![
        end,
        (
            (base.0 + px * h * 0.45) as i32,
            (base.1 + py * h * 0.45) as i32,
        ),
        (
            (base.0 - px * h * 0.45) as i32,
            (base.1 - py * h * 0.45) as i32,
        ),
    ];
    area.draw(&Polygon::new(head, color.filled()))
        .map_err(|e| e.to_string())?;
    if !text.is_empty() {
        let mid = ((start.0 + end.0) / 2, (start.1 + end.1) / 2 - offset);
        label(area, text, mid, 13.0, color, s)?;
    }
    Ok(())
}
