//! What a chart draws with. Every panel needs the language of its labels and the scale of
//! its sizes: a [`Pen`]. Charts that paint heatmaps or images also need the [`Raster`]
//! those go through: a [`Brush`]. Both are made once in [`crate::draw_with`] and handed
//! down to every panel, so a chart's signature is its area, its widget and one of these.

use crate::raster::Raster;
use crate::style::{tr, Scale};
use crate::{DrawResult, Frame};
use ninestep_core::Lang;

/// The language and the scale every panel draws its labels and strokes with.
#[derive(Clone, Copy, Debug)]
pub struct Pen {
    /// The language of the labels.
    pub lang: Lang,
    /// The size of the chart relative to the 640-pixel reference.
    pub s: Scale,
}

impl Pen {
    /// A pen writing in `lang` at scale `s`.
    pub fn new(lang: Lang, s: Scale) -> Pen {
        Pen { lang, s }
    }

    /// The English/Chinese pair chosen by the pen's language.
    pub fn tr(self, en: &str, zh: &str) -> String {
        tr(self.lang, en, zh)
    }

    /// The same pen at `f` times its scale (smaller labels for a side panel).
    pub fn scaled(self, f: f64) -> Pen {
        Pen {
            s: Scale(self.s.0 * f),
            ..self
        }
    }
}

/// A [`Pen`] and the [`Raster`] that heatmaps and images are painted through (one
/// canvas blit each in the page).
pub struct Brush<'r> {
    /// Labels and sizes.
    pub pen: Pen,
    /// Where images go.
    pub raster: &'r mut dyn Raster,
}

/// What a lesson chart returns: the click mapping of its main panel, if it has one.
pub type Drawn = DrawResult<Option<Frame>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scaled_pen_keeps_its_language() {
        let pen = Pen::new(Lang::Zh, Scale(2.0)).scaled(0.85);
        assert_eq!(pen.lang, Lang::Zh);
        assert!((pen.s.0 - 1.7).abs() < 1e-12);
        assert_eq!(pen.tr("epoch", "轮"), "轮");
    }
}
