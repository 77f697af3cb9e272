//! The book's ch18 geometry images, drawn by our own rasteriser on a black 28×28 canvas:
//!
//! | task | image | classes | train / test |
//! |---|---|---|---|
//! | [`Task::Colour`] (ch18.1) | 3×28×28 | red, green, blue, yellow, cyan, magenta, over any figure | 5000 / 1000 |
//! | [`Task::Shape`] (ch18.2) | 1×28×28 grey | circle 0, rectangle 1, triangle 2, diamond 3, line 4 (2 px) | 1000 / 200 per class |
//! | [`Task::ShapeColour`] (ch18.3) | 3×28×28 | 3 shapes (circle, rectangle, triangle) × 3 colours (red, green, blue) | 600 / 100 per class |
//!
//! As in the book, every figure starts from two random corner points, p₀ with both
//! coordinates in [0, 14) and p₁ with both in [14, 28) (whole numbers). In canvas
//! coordinates (x right, y down, pixel (r, c) covering [c, c+1) × [r, r+1)):
//!
//! ```text
//! circle     the ellipse inscribed in the box p₀–p₁   ((x−cx)/a)² + ((y−cy)/b)² ≤ 1
//! rectangle  the box p₀–p₁                            x₀ ≤ x ≤ x₁, y₀ ≤ y ≤ y₁
//! triangle   base (x₀, y₁)–(x₁, y₁), apex (x_a, y₀), x_a a third random number in [0, 28)
//! diamond    the rhombus through the box's edge midpoints   |x−cx|/a + |y−cy|/b ≤ 1
//! line       p₀ to p₁ (or mirrored left–right), 2 px wide: distance to the segment ≤ 1
//! ```
//!
//! A pixel is ink (1) when its centre (c + ½, r + ½) lies in the figure, else 0 (no
//! anti-aliasing, so the tests can count ink exactly). Only + − × ÷ and comparisons on
//! f64 are used: the same seed draws the same pixels natively and in wasm. Images are
//! stored channel after channel (R plane, G plane, B plane), as the engine's
//! [`crate::nn::Shape`] reads them; labels are one-hot.

mod draw;

pub use draw::{draw, rasterise, Figure, FIGURES};

use super::sizes::{Sizes, COLOUR, SHAPE_COLOUR_PER_CLASS, SHAPE_PER_CLASS};
use crate::nn::Data;
use crate::rng::Rng;

/// Side of the canvas.
pub const SIDE: usize = 28;
/// Pixels of one channel.
pub const PIXELS: usize = SIDE * SIDE;
/// The book's greyscale weights (ITU-R 601) for the DNN on colour images.
pub const GREY: [f32; 3] = [0.299, 0.587, 0.114];

/// The six colours of the colour task (RGB in [0, 1]), in label order, with names.
pub const COLOURS: [([f32; 3], &str, &str); 6] = [
    ([1.0, 0.0, 0.0], "red", "红"),
    ([0.0, 1.0, 0.0], "green", "绿"),
    ([0.0, 0.0, 1.0], "blue", "蓝"),
    ([1.0, 1.0, 0.0], "yellow", "黄"),
    ([0.0, 1.0, 1.0], "cyan", "青"),
    ([1.0, 0.0, 1.0], "magenta", "品红"),
];

/// One of the three ch18 tasks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// ch18.1: which of six colours (any figure).
    Colour,
    /// ch18.2: which of five figures (grey).
    Shape,
    /// ch18.3: which of nine (figure, colour) pairs.
    ShapeColour,
}

impl Task {
    /// The three tasks.
    pub const ALL: [Task; 3] = [Task::Colour, Task::Shape, Task::ShapeColour];

    /// The name used in URLs (`colour`, `shape`, `shape-colour`).
    pub fn name(self) -> &'static str {
        match self {
            Task::Colour => "colour",
            Task::Shape => "shape",
            Task::ShapeColour => "shape-colour",
        }
    }

    /// The task called `name`.
    pub fn from_name(name: &str) -> Option<Task> {
        Task::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Channels of an image: 3 (RGB) or 1 (grey).
    pub fn channels(self) -> usize {
        match self {
            Task::Shape => 1,
            _ => 3,
        }
    }

    /// Number of classes.
    pub fn classes(self) -> usize {
        match self {
            Task::Colour => 6,
            Task::Shape => 5,
            Task::ShapeColour => 9,
        }
    }

    /// Training and test samples (the book's counts, [`super::sizes`]).
    pub fn sizes(self) -> Sizes {
        let k = self.classes();
        match self {
            Task::Colour => COLOUR,
            Task::Shape => Sizes::new(k * SHAPE_PER_CLASS.train, k * SHAPE_PER_CLASS.test),
            Task::ShapeColour => Sizes::new(
                k * SHAPE_COLOUR_PER_CLASS.train,
                k * SHAPE_COLOUR_PER_CLASS.test,
            ),
        }
    }

    /// The figure and the colour (RGB) of a sample of class `class`, the figure drawn
    /// from `rng` where the class leaves it open.
    fn paint(self, class: usize, rng: &mut Rng) -> (Figure, [f32; 3]) {
        match self {
            Task::Colour => (FIGURES[rng.below(5) as usize], COLOURS[class % 6].0),
            Task::Shape => (FIGURES[class % 5], [1.0; 3]),
            Task::ShapeColour => (FIGURES[class / 3 % 3], COLOURS[class % 3].0),
        }
    }

    /// The class's name, e.g. "red", "circle" or "green triangle".
    pub fn class_name(self, class: usize) -> (String, String) {
        let fig = |f: usize| match FIGURES[f % 5] {
            Figure::Circle => ("circle", "圆"),
            Figure::Rectangle => ("rectangle", "矩形"),
            Figure::Triangle => ("triangle", "三角形"),
            Figure::Diamond => ("diamond", "菱形"),
            Figure::Line => ("line", "直线"),
        };
        let col = |c: usize| (COLOURS[c % 6].1, COLOURS[c % 6].2);
        match self {
            Task::Colour => (col(class).0.into(), col(class).1.into()),
            Task::Shape => (fig(class).0.into(), fig(class).1.into()),
            Task::ShapeColour => {
                let (f, c) = (fig(class / 3), col(class % 3));
                (format!("{} {}", c.0, f.0), format!("{}{}", c.1, f.1))
            }
        }
    }
}

/// One part (training or test) of a task's images.
#[derive(Clone, Debug)]
pub struct ShapeSet {
    /// The task.
    pub task: Task,
    /// Images (rows of `channels × 784` values in [0, 1]) and one-hot labels.
    pub data: Data,
    /// The class of each image.
    pub labels: Vec<usize>,
}

impl ShapeSet {
    /// `n` images of `task`: class i mod k for the i-th before a seeded shuffle, so every
    /// class has ⌊n/k⌋ or ⌈n/k⌉ images.
    pub fn generate(task: Task, n: usize, rng: &mut Rng) -> ShapeSet {
        let (ch, k) = (task.channels(), task.classes());
        let mut labels: Vec<usize> = (0..n).map(|i| i % k).collect();
        rng.shuffle(&mut labels);
        let mut x = Vec::with_capacity(n * ch * PIXELS);
        let mut y = vec![0.0; n * k];
        for (i, &class) in labels.iter().enumerate() {
            let (figure, rgb) = task.paint(class, rng);
            let mask = draw(figure, rng);
            for &level in &rgb[..ch] {
                x.extend(mask.iter().map(|m| m * level));
            }
            y[i * k + class] = 1.0;
        }
        let data = Data::new(x, y, ch * PIXELS, k).unwrap_or_default();
        ShapeSet { task, data, labels }
    }

    /// Number of images.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// True if there are no images.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Image `i` (channel planes one after the other).
    pub fn image(&self, i: usize) -> &[f32] {
        self.data.x.row(i)
    }

    /// The images as grey 784-pixel rows (0.299 R + 0.587 G + 0.114 B; grey images as
    /// they are): what the book's DNN sees.
    pub fn greyscale(&self) -> Data {
        if self.task.channels() == 1 {
            return self.data.clone();
        }
        let mut x = Vec::with_capacity(self.len() * PIXELS);
        for i in 0..self.len() {
            let img = self.image(i);
            x.extend((0..PIXELS).map(|p| {
                GREY[0] * img[p] + GREY[1] * img[PIXELS + p] + GREY[2] * img[2 * PIXELS + p]
            }));
        }
        Data::new(x, self.data.y.data.clone(), PIXELS, self.task.classes()).unwrap_or_default()
    }
}

/// The book's training and test sets of `task`, drawn from `seed`.
pub fn generate(task: Task, seed: u64) -> (ShapeSet, ShapeSet) {
    let mut rng = Rng::new(seed);
    let s = task.sizes();
    let train = ShapeSet::generate(task, s.train, &mut rng);
    let test = ShapeSet::generate(task, s.test, &mut rng);
    (train, test)
}

#[cfg(test)]
mod tests;
