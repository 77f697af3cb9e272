//! Step 8, ch17.0 — the book's nine classic 3×3 kernels on one grey image, side by side.
//! All nine run at once as one convolution layer of the engine with nine output channels
//! (padding 1, so every map keeps the image's size). The values are the book's, as its
//! code lists them; the image is generated here (the book's `circle.png` is not ours).
//!
//! A kernel whose entries sum to 0 (the edges, Sobel, surround minus its centre) answers 0
//! on a flat patch and only lights up where the image changes; one that sums to 1
//! (identity, sharpen) keeps flat patches as they are; blur (nine times 0.11) averages.

use crate::error::{Error, ErrorKind, Result};
use crate::nn::{Conv2d, Layer, Matrix, Mode, Shape};
use crate::params::{ParamSpec, Params};
use crate::text::{visible, Text};
use crate::widget::{Readout, Widget, WidgetSpec};

/// Side of the image.
pub const SIDE: usize = 64;

/// The nine kernels in the book's order, with their names.
pub const KERNELS: [(&str, &str, [f32; 9]); 9] = [
    ("sharpen", "锐化", [0., -1., 0., -1., 5., -1., 0., -1., 0.]),
    (
        "vertical edge",
        "竖直边缘",
        [0., 0., 0., -1., 2., -1., 0., 0., 0.],
    ),
    ("surround", "周边", [1., 1., 1., 1., -9., 1., 1., 1., 1.]),
    (
        "Sobel y",
        "Sobel-Y",
        [-1., -2., -1., 0., 0., 0., 1., 2., 1.],
    ),
    ("identity", "原样", [0., 0., 0., 0., 1., 0., 0., 0., 0.]),
    (
        "horizontal edge",
        "水平边缘",
        [0., -1., 0., 0., 2., 0., 0., -1., 0.],
    ),
    ("blur", "模糊", [0.11; 9]),
    (
        "Sobel x",
        "Sobel-X",
        [-1., 0., 1., -2., 0., 2., -1., 0., 1.],
    ),
    ("emboss", "浮雕", [2., 0., 0., 0., -1., 0., 0., 0., -1.]),
];

/// A generated grey image in [0, 1]: `circle` (a bright ring and disc, like the book's
/// circle.png) or `shapes` (a square, a triangle and a bar on a soft gradient).
pub fn image(which: &str) -> Vec<f32> {
    let mut img = Vec::with_capacity(SIDE * SIDE);
    for r in 0..SIDE {
        for c in 0..SIDE {
            let (y, x) = (r as f64 + 0.5, c as f64 + 0.5);
            let v = if which == "shapes" {
                let mut v = 0.15 + 0.25 * x / SIDE as f64;
                if (8.0..28.0).contains(&x) && (8.0..28.0).contains(&y) {
                    v = 0.9;
                }
                // A triangle with its tip at (46, 8) and base on y = 30.
                if (8.0..30.0).contains(&y) && (x - 46.0).abs() < (y - 8.0) * 0.6 {
                    v = 0.7;
                }
                if (40.0..48.0).contains(&y) && (6.0..58.0).contains(&x) {
                    v = 0.05;
                }
                v
            } else {
                let d = ((x - 32.0).powi(2) + (y - 32.0).powi(2)).sqrt();
                if d < 10.0 {
                    0.95
                } else if (18.0..24.0).contains(&d) {
                    0.7
                } else {
                    0.1
                }
            };
            img.push(v as f32);
        }
    }
    img
}

/// Where the widget's image came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// The generated image of the `image` setting.
    Generated,
    /// The learner painted on the image.
    Drawing,
    /// A file the learner uploaded (its name, as shown).
    Upload(String),
}

/// Longest file name kept for the source label, in characters.
const MAX_NAME_CHARS: usize = 60;

/// The widget: an image and its nine feature maps.
#[derive(Clone, Debug)]
pub struct Kernels {
    which: String,
    x: Vec<f32>,
    maps: Vec<f32>,
    source: Source,
}

/// The nine maps of `x` (SIDE × SIDE), one after the other: one convolution layer of the
/// engine with the nine kernels as its output channels, padding 1.
fn convolve(x: &[f32]) -> Vec<f32> {
    let shape = Shape::new(1, SIDE, SIDE);
    let w: Vec<f32> = KERNELS.iter().flat_map(|k| k.2).collect();
    let w = Matrix::from_vec(9, 9, w).unwrap_or_else(|| Matrix::zeros(9, 9));
    let mut layer = Conv2d::from_weights(shape, Shape::new(9, SIDE, SIDE), 3, 1, 1, w, false);
    let xm = Matrix::from_vec(1, SIDE * SIDE, x.to_vec()).unwrap_or_default();
    layer.forward(&xm, Mode::Infer).data.clone()
}

/// Checks a learner's image: SIDE × SIDE values, each finite and in [0, 1].
fn check_image(pixels: &[f32]) -> Result<()> {
    let n = SIDE * SIDE;
    if pixels.len() != n {
        return Err(Error::new(
            ErrorKind::BadData,
            format!(
                "The image must have {n} grey values ({SIDE} × {SIDE}), not {}.",
                pixels.len()
            ),
            format!(
                "图像必须有 {n} 个灰度值（{SIDE} × {SIDE}），而不是 {} 个。",
                pixels.len()
            ),
        ));
    }
    if let Some((i, v)) = pixels
        .iter()
        .enumerate()
        .find(|(_, v)| !v.is_finite() || !(0.0..=1.0).contains(*v))
    {
        let (r, c) = (i / SIDE, i % SIDE);
        return Err(Error::new(
            ErrorKind::BadData,
            format!("Pixel (row {r}, column {c}) is {v}; grey values must lie in [0, 1]."),
            format!("像素（第 {r} 行，第 {c} 列）是 {v}；灰度值必须在 [0, 1] 之内。"),
        ));
    }
    Ok(())
}

/// The choices of the `image` setting: (value, English, Chinese).
const IMAGES: [(&str, &str, &str); 2] = [
    ("circle", "circles", "圆"),
    ("shapes", "shapes", "几何形状"),
];

fn spec() -> ParamSpec {
    ParamSpec::choice("image", Text::new("image", "图像"), &IMAGES, "circle")
}

impl Kernels {
    /// The image (SIDE × SIDE).
    pub fn x(&self) -> &[f32] {
        &self.x
    }
    /// Feature map `k` (SIDE × SIDE), in the order of [`KERNELS`].
    pub fn map(&self, k: usize) -> &[f32] {
        let n = SIDE * SIDE;
        self.maps.get(k * n..(k + 1) * n).unwrap_or(&[])
    }

    /// Where the image came from.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The learner's own image (SIDE × SIDE grey values, row-major, 0 = black … 1 = white)
    /// from `source`; the nine maps are computed again. A wrong length, a NaN, an infinity
    /// or a value outside [0, 1] is refused with a `BadData` error and nothing changes.
    pub fn set_image(&mut self, pixels: &[f32], source: Source) -> Result<()> {
        check_image(pixels)?;
        self.x = pixels.to_vec();
        self.maps = convolve(&self.x);
        self.source = match source {
            Source::Upload(name) => Source::Upload(visible(
                &name.chars().take(MAX_NAME_CHARS).collect::<String>(),
            )),
            s => s,
        };
        Ok(())
    }

    /// The active image as the page labels it: "generated: circles", "your drawing",
    /// "uploaded: name.png".
    pub fn source_label(&self) -> Text {
        match &self.source {
            Source::Generated => {
                let (en, zh) = if self.which == "shapes" {
                    ("shapes", "几何形状")
                } else {
                    ("circles", "圆")
                };
                Text::new(format!("generated: {en}"), format!("生成的：{zh}"))
            }
            Source::Drawing => Text::new("your drawing", "你的画"),
            Source::Upload(name) => {
                Text::new(format!("uploaded: {name}"), format!("已上传：{name}"))
            }
        }
    }
}

impl crate::lesson::AnyWidget {
    /// The kernel gallery, if this widget is one (the page hands it images).
    pub fn kernels_mut(&mut self) -> Option<&mut Kernels> {
        match self {
            crate::lesson::AnyWidget::Kernels(k) => Some(k),
            _ => None,
        }
    }
}

impl Widget for Kernels {
    fn spec() -> WidgetSpec {
        let title = ("Nine classic 3×3 kernels", "九个经典的 3×3 卷积核");
        WidgetSpec::new("kernels", title, &[spec()]).still()
    }

    fn from_params(params: &Params) -> Result<Self> {
        let which = params.choice(&spec())?;
        let x = image(&which);
        let maps = convolve(&x);
        Ok(Kernels {
            which,
            x,
            maps,
            source: Source::Generated,
        })
    }

    fn params(&self) -> Params {
        Params::zip(&[spec()], [self.which.clone()])
    }

    /// Each map's smallest and largest value (the chart stretches each map between them).
    fn readouts(&self) -> Vec<Readout> {
        const KEYS: [&str; 9] = [
            "sharpen", "vedge", "surround", "sobely", "identity", "hedge", "blur", "sobelx",
            "emboss",
        ];
        (0..9)
            .map(|k| {
                let m = self.map(k);
                let hi = m.iter().fold(f32::MIN, |a, &b| a.max(b));
                let (en, zh) = (KERNELS[k].0, KERNELS[k].1);
                Readout::new(
                    KEYS[k],
                    Text::new(format!("{en}: largest"), format!("{zh}：最大值")),
                    hi as f64,
                    2,
                )
            })
            .collect()
    }
}

#[cfg(test)]
#[path = "kernels_tests.rs"]
mod tests;
