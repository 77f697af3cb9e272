//! Colours, fonts and sizes shared by every chart. Sizes scale with the drawing area so
//! a chart reads the same on a phone, a retina canvas and a printed SVG.

use ninestep_core::{Lang, Text};
use plotters::style::{RGBColor, TextStyle};

/// TF-Playground-like orange for "positive / forward".
pub const ORANGE: RGBColor = RGBColor(245, 147, 34);
/// Blue for "negative / the data".
pub const BLUE: RGBColor = RGBColor(8, 119, 189);
/// Red for backward deltas and errors.
pub const RED: RGBColor = RGBColor(200, 40, 40);
/// Green for targets and the best point.
pub const GREEN: RGBColor = RGBColor(30, 140, 70);
/// Dark grey for text and axes.
pub const INK: RGBColor = RGBColor(40, 40, 48);
/// Light grey for guides.
pub const GUIDE: RGBColor = RGBColor(200, 200, 208);
/// Purple, a third series colour.
pub const PURPLE: RGBColor = RGBColor(120, 70, 170);

/// Size of the chart relative to a 640-pixel-wide reference.
#[derive(Clone, Copy, Debug)]
pub struct Scale(pub f64);

impl Scale {
    /// The scale of an area `width` pixels wide.
    pub fn of(width: u32) -> Scale {
        Scale((width as f64 / 640.0).clamp(0.5, 4.0))
    }

    /// The scale of a canvas `width` device pixels wide at `ratio` device pixels per CSS
    /// pixel: sized by its CSS width, never smaller than 0.7 of the reference.
    pub fn for_canvas(width: u32, ratio: f64) -> Scale {
        let ratio = if ratio.is_finite() && ratio > 0.0 {
            ratio.clamp(0.5, 4.0)
        } else {
            1.0
        };
        Scale(((width as f64 / ratio) / 640.0).clamp(0.7, 2.0) * ratio)
    }

    /// `px` reference pixels in this chart's pixels.
    pub fn px(self, px: f64) -> i32 {
        (px * self.0).round() as i32
    }

    /// Font of `size` reference pixels.
    pub fn font(self, size: f64) -> TextStyle<'static> {
        TextStyle::from(("sans-serif", size * self.0).into_font()).color(&INK)
    }
}

use plotters::style::IntoFont;

/// The text in the chosen language.
pub fn t(text: &Text, lang: Lang) -> String {
    text.get(lang).to_string()
}

/// An English/Chinese pair chosen by `lang`.
pub fn tr(lang: Lang, en: &str, zh: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Zh => zh.to_string(),
    }
}

/// Linear blend of two colours, `f` in [0, 1].
pub fn mix(a: RGBColor, b: RGBColor, f: f64) -> RGBColor {
    let f = f.clamp(0.0, 1.0);
    let c = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * f).round() as u8;
    RGBColor(c(a.0, b.0), c(a.1, b.1), c(a.2, b.2))
}

/// Colour of a loss value for heatmaps: pale yellow (low) to deep blue (high).
pub fn heat(f: f64) -> RGBColor {
    let low = RGBColor(255, 250, 225);
    let mid = RGBColor(120, 190, 200);
    let high = RGBColor(30, 60, 140);
    if f < 0.5 {
        mix(low, mid, f * 2.0)
    } else {
        mix(mid, high, (f - 0.5) * 2.0)
    }
}
