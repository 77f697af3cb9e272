//! Step 8, ch17.0 — the book's nine classic 3×3 kernels on one grey image, side by side.
//! All nine run at once as one convolution layer of the engine with nine output channels
//! (padding 1, so every map keeps the image's size). The values are the book's, as its
//! code lists them; the image is generated here (the book's `circle.png` is not ours).
//!
//! A kernel whose entries sum to 0 (the edges, Sobel, surround minus its centre) answers 0
//! on a flat patch and only lights up where the image changes; one that sums to 1
//! (identity, sharpen) keeps flat patches as they are; blur (nine times 0.11) averages.

use crate::error::Result;
use crate::nn::{Conv2d, Layer, Matrix, Mode, Shape};
use crate::params::{ParamSpec, Params};
use crate::text::Text;
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

/// The widget: an image and its nine feature maps.
#[derive(Clone, Debug)]
pub struct Kernels {
    which: String,
    x: Vec<f32>,
    maps: Vec<f32>,
}

fn spec() -> ParamSpec {
    ParamSpec::choice(
        "image",
        Text::new("image", "图像"),
        &[
            ("circle", "circles", "圆"),
            ("shapes", "shapes", "几何形状"),
        ],
        "circle",
    )
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
}

impl Widget for Kernels {
    fn spec() -> WidgetSpec {
        WidgetSpec {
            name: "kernels",
            title: Text::new("Nine classic 3×3 kernels", "九个经典的 3×3 卷积核"),
            params: vec![spec()],
            steppable: false,
            data: None,
        }
    }

    fn from_params(params: &Params) -> Result<Self> {
        let which = params.choice(&spec())?;
        let x = image(&which);
        let shape = Shape::new(1, SIDE, SIDE);
        let w: Vec<f32> = KERNELS.iter().flat_map(|k| k.2).collect();
        let w = Matrix::from_vec(9, 9, w).unwrap_or_else(|| Matrix::zeros(9, 9));
        let mut layer = Conv2d::from_weights(shape, Shape::new(9, SIDE, SIDE), 3, 1, 1, w, false);
        let xm = Matrix::from_vec(1, SIDE * SIDE, x.clone()).unwrap_or_default();
        let maps = layer.forward(&xm, Mode::Infer).data.clone();
        Ok(Kernels { which, x, maps })
    }

    fn params(&self) -> Params {
        Params(vec![("image".into(), self.which.clone())])
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
mod tests {
    use super::*;

    /// Map k at (r, c), written out in f64 with zeros outside the image.
    fn direct(x: &[f32], k: usize, r: usize, c: usize) -> f64 {
        let mut s = 0.0;
        for t in 0..9 {
            let (yy, xx) = (
                r as isize + (t / 3) as isize - 1,
                c as isize + (t % 3) as isize - 1,
            );
            if (0..SIDE as isize).contains(&yy) && (0..SIDE as isize).contains(&xx) {
                s += KERNELS[k].2[t] as f64 * x[yy as usize * SIDE + xx as usize] as f64;
            }
        }
        s
    }

    #[test]
    fn every_map_is_the_written_out_convolution() {
        for which in ["circle", "shapes"] {
            let mut p = Params::default();
            p.set("image", which);
            let w = Kernels::from_params(&p).unwrap();
            for (k, (name, _, _)) in KERNELS.iter().enumerate() {
                for (q, &v) in w.map(k).iter().enumerate() {
                    let want = direct(w.x(), k, q / SIDE, q % SIDE);
                    assert!((v as f64 - want).abs() < 1e-5, "{which} {name} [{q}]");
                }
            }
            // Identity gives the image back; blur on the flat centre of the disc gives
            // 9 · 0.11 · 0.95; the zero-sum kernels answer 0 there.
            assert_eq!(w.map(4), w.x());
        }
        let w = Kernels::from_params(&Params::default()).unwrap();
        let centre = 32 * SIDE + 32;
        assert!((w.map(6)[centre] - 0.99 * 0.95).abs() < 1e-5);
        for k in [1, 3, 5, 7] {
            assert!(w.map(k)[centre].abs() < 1e-6, "{}", KERNELS[k].0);
        }
        // The disc's left edge (x = 22 → 23) answers Sobel x strongly and Sobel y not.
        let edge = 32 * SIDE + 22;
        assert!(w.map(7)[edge] > 2.0 && w.map(3)[edge].abs() < 0.5);
    }
}
