use crate::raster::{Cells, Image, Raster, Rect};
use ninestep_core::{AnyWidget, Lang, Params};
use plotters::prelude::*;

/// Counts the images the chart blits and remembers their sizes in cells.
#[derive(Default)]
struct Count(Vec<(usize, usize)>);
impl Raster for Count {
    fn put(&mut self, image: Image<'_>, _: Rect, _: Cells) -> Result<(), String> {
        self.0.push((image.cols, image.rows));
        Ok(())
    }
}

/// A pad with the settings `p` after recognising one vertical stroke (a "1"), drawn in
/// `lang` at 640×400: the images it blitted and the SVG.
fn stroke_drawn(p: &Params, lang: Lang) -> (Count, String) {
    let mut w = AnyWidget::new("digit-pad", p).unwrap();
    let mut px = vec![0.0; 280 * 280];
    for y in 30..250 {
        px[y * 280 + 150..y * 280 + 170].fill(1.0);
    }
    w.digit_pad_mut().unwrap().infer(280, 280, px).unwrap();
    let mut out = String::new();
    let mut rec = Count::default();
    {
        let root = SVGBackend::with_string(&mut out, (640, 400)).into_drawing_area();
        crate::draw_with(&w, &root, lang, 1.0, &mut rec).unwrap();
        root.present().unwrap();
    }
    (rec, out)
}

#[test]
fn stages_bars_and_hidden_layers_are_drawn_after_a_drawing() {
    let w = AnyWidget::new("digit-pad", &Params::default()).unwrap();
    let empty = crate::svg(&w, 640, 400, Lang::En).unwrap();
    assert!(empty.contains("press Enter"));
    let (rec, out) = stroke_drawn(&Params::default(), Lang::Zh);
    // The 280×280 drawing shown as 56×56; the crop (20×220) as 5×56; then 2×20 (the
    // 20×20 digit of a 20:220 stroke), 28×28; the hidden layers 64 = 8×8 and 16 = 4×4.
    assert_eq!(
        rec.0,
        vec![(56, 56), (5, 56), (2, 20), (28, 28), (8, 8), (4, 4)]
    );
    for text in [
        "原图",
        "裁剪 20×220",
        "3 20×20",
        "28×28 居中",
        "64 sigmoid",
        "16 tanh",
        "每个数字的概率",
    ] {
        assert!(out.contains(text), "{text}");
    }
}

#[test]
fn a_cnn_pad_draws_conv1s_8_maps_and_conv2s_16_instead_of_hidden_cells() {
    let mut p = Params::default();
    p.set("net", "cnn");
    let (rec, out) = stroke_drawn(&p, Lang::En);
    let mut want = vec![(56, 56), (5, 56), (2, 20), (28, 28)];
    want.extend([(24, 24); 8]);
    want.extend([(8, 8); 16]);
    assert_eq!(rec.0, want);
    for text in ["Feature maps", "conv1 8@24×24", "conv2 16@8×8"] {
        assert!(out.contains(text), "{text}");
    }
    assert!(!out.contains("Hidden activations"));
}
