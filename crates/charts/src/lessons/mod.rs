//! One module per lesson, one function per widget chart.

pub mod backprop;
pub mod checks;
pub mod classify;
pub mod cnn;
pub mod conv_grid;
pub mod conv_images;
pub mod descent;
pub mod digits;
pub mod fit;
pub mod forecast;
pub mod gates;
pub mod init;
pub mod loss;
pub mod lr_finder;
pub mod model;
pub mod neuron;
pub mod nonlinear;
pub mod optimizers;
pub mod pad;
pub mod pad_maps;
pub mod pool_grid;
pub mod recurrent;
pub mod recurrent_gates;
pub mod recurrent_rows;
pub mod recurrent_unrolled;
pub mod regression;
pub mod regularize;
pub mod shapes;
mod thumbs;
pub mod trainer;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// A drawing area in backend pixels.
pub(crate) type Area<DB> = DrawingArea<DB, Shift>;

/// The width and height of `area` in pixels, as the `i32` coordinates elements are
/// drawn at.
pub(crate) fn size<DB: DrawingBackend>(area: &Area<DB>) -> (i32, i32) {
    let (width, height) = area.dim_in_pixel();
    (width as i32, height as i32)
}

/// Three panels of `area`: on a narrow canvas (narrower than 0.8 × its height) stacked, the
/// first two taking the shares `tall` of its height; otherwise the first on the left, taking
/// the share `wide.0` of the width, the other two stacked on the right, the second taking
/// the share `wide.1` of the height.
pub(crate) fn three_panels<DB: DrawingBackend>(
    area: &Area<DB>,
    tall: (f64, f64),
    wide: (f64, f64),
) -> (Area<DB>, Area<DB>, Area<DB>) {
    let (wd, ht) = area.dim_in_pixel();
    let share = |len: u32, f: f64| (len as f64 * f) as u32;
    if (wd as f64) < 0.8 * ht as f64 {
        let (first, rest) = area.split_vertically(share(ht, tall.0));
        let (second, third) = rest.split_vertically(share(ht, tall.1));
        (first, second, third)
    } else {
        let (first, right) = area.split_horizontally(share(wd, wide.0));
        let (second, third) = right.split_vertically(share(ht, wide.1));
        (first, second, third)
    }
}

/// Two halves of `area`: side by side on a wide canvas, one above the other on a tall one
/// (a phone).
pub(crate) fn halves<DB: DrawingBackend>(area: &Area<DB>) -> (Area<DB>, Area<DB>) {
    let (width, height) = area.dim_in_pixel();
    if height > width {
        area.split_vertically(height / 2)
    } else {
        area.split_horizontally(width / 2)
    }
}

/// The bytes of the handwritten digits (`www/data/mnist-10k.bin`), or `None` with a note
/// when the file is absent: the tests that need real digits are skipped then.
#[cfg(test)]
fn mnist() -> Option<Vec<u8>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/mnist-10k.bin");
    std::fs::read(path)
        .inspect_err(|_| eprintln!("skipped: {path} is absent"))
        .ok()
}

/// The widget `name` (default settings) with the handwritten digits attached, after
/// checking that it draws its "still loading" placeholder on a 640×`height` canvas before
/// they arrive; `None` when the digits file is absent (the test is skipped then).
#[cfg(test)]
pub(crate) fn with_digits(name: &str, height: u32) -> Option<ninestep_core::AnyWidget> {
    use ninestep_core::{AnyWidget, Lang, Params};
    let mut w = AnyWidget::new(name, &Params::default()).unwrap();
    let loading = crate::svg(&w, 640, height, Lang::En).unwrap();
    assert!(loading.contains("still loading"), "{name}");
    w.attach_data(&mnist()?).unwrap();
    Some(w)
}
