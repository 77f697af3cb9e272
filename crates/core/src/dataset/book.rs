//! The book's datasets (ch04–ch11 and the logic gates), regenerated from the formulas
//! of its `Data/chNN.py` scripts with the portable [`Rng`], since the original `.npz`
//! files cannot be downloaded. Sizes are the book's; the numbers differ from the book's
//! own draw but follow the same distributions.
//!
//! Coordinates are rounded to `f32` *before* a class is decided, so every stored point
//! satisfies its class rule exactly.

use super::{linspace, sizes, Dataset};
use crate::error::{Error, ErrorKind, Result};
use crate::rng::Rng;

/// The book's rounded π (ch10's arcs end at x = 3.14, not at π).
#[allow(clippy::approx_constant)]
pub const BOOK_PI: f64 = 3.14;
/// The book's rounded 2π in the sine data (sin(6.28·x)).
#[allow(clippy::approx_constant)]
pub const BOOK_TAU: f64 = 6.28;

/// Rounds to the `f32` the dataset will store.
fn q(v: f64) -> f64 {
    v as f32 as f64
}

fn to_f32(v: &[f64]) -> Vec<f32> {
    v.iter().map(|&v| v as f32).collect()
}

/// Ch4 (air conditioning vs servers): 100 samples, x ~ U[0,1), y = 2x + 3 + N(0, 0.2²).
pub fn ch04(seed: u64) -> Dataset {
    let mut rng = Rng::new(seed);
    let (mut x, mut y) = (Vec::with_capacity(100), Vec::with_capacity(100));
    for _ in 0..sizes::CH04.train {
        let xi = q(rng.uniform());
        x.push(xi);
        y.push(2.0 * xi + 3.0 + 0.2 * rng.normal());
    }
    Dataset::regression("ch04", to_f32(&x), to_f32(&y), 1, 1)
}

/// Ch5 (house prices): 1000 samples. x1 = distance = U[0,1)·20 + 2 km, x2 = area, a whole
/// number in [40, 120) m², y = 2·(20 − x1) + 5·x2 + 10 + (a whole number in [1, 100) − 50),
/// i.e. w = (−2, 5), b = 50, plus integer noise in [−49, 49].
pub fn ch05(seed: u64) -> Dataset {
    let mut rng = Rng::new(seed);
    let (mut x, mut y) = (Vec::with_capacity(2000), Vec::with_capacity(1000));
    for _ in 0..sizes::CH05.train {
        let x1 = q(rng.uniform() * 20.0 + 2.0);
        let x2 = (40 + rng.below(80)) as f64;
        let noise = (1 + rng.below(99)) as f64 - 50.0;
        x.extend([x1, x2]);
        y.push(2.0 * (20.0 - x1) + 5.0 * x2 + 10.0 + noise);
    }
    Dataset::regression("ch05", to_f32(&x), to_f32(&y), 2, 1)
}

/// Ch6 (the Chu–Han border): 200 points in U[0,1)², class 1 (Han) if x2 > 2·x1 − 0.5,
/// else class 0 (Chu). No noise.
pub fn ch06(seed: u64) -> Dataset {
    let mut rng = Rng::new(seed);
    let (mut x, mut labels) = (Vec::with_capacity(400), Vec::with_capacity(200));
    for _ in 0..sizes::CH06_CH07.train {
        let (x1, x2) = (q(rng.uniform()), q(rng.uniform()));
        x.extend([x1, x2]);
        labels.push((x2 > 2.0 * x1 - 0.5) as usize);
    }
    Dataset::classification("ch06", to_f32(&x), 2, &labels, 2)
}

/// The three lines of ch7 at `x`: y1 = 2.5x − 10, y2 = 0.3x + 5, y3 = −x + 10.
pub fn ch07_lines(x: f64) -> [f64; 3] {
    [2.5 * x - 10.0, 0.3 * x + 5.0, -x + 10.0]
}

/// Ch7 (the Three Kingdoms): 200 points in U[0,10)²; each point's height is jittered to
/// x2' = |x2 − U(−1, 1)| and compared with the three lines of [`ch07_lines`] at x1:
/// book class 1 (Wei, stored 0) if x2' is above all three; class 2 (Shu, stored 1) if
/// above y1 and below y2 and y3; class 3 (Wu, stored 2) if below y1 and y2 and above y3.
/// Points fitting none of these are dropped (about 60), and the stored point is the
/// original (x1, x2), so the jitter shows up as a fuzzy border. One-hot over 3 classes.
pub fn ch07(seed: u64) -> Dataset {
    let mut rng = Rng::new(seed);
    let (mut x, mut labels) = (Vec::new(), Vec::new());
    for _ in 0..sizes::CH06_CH07.train {
        let (x1, x2) = (q(rng.uniform() * 10.0), q(rng.uniform() * 10.0));
        let noise = (rng.uniform() - 0.5) * 2.0;
        let h = (x2 - noise).abs();
        let [y1, y2, y3] = ch07_lines(x1);
        let class = if h > y1 && h > y2 && h > y3 {
            0
        } else if h > y1 && h < y2 && h < y3 {
            1
        } else if h < y1 && h < y2 && h > y3 {
            2
        } else {
            continue;
        };
        x.extend([x1, x2]);
        labels.push(class);
    }
    Dataset::classification("ch07", to_f32(&x), 2, &labels, 3)
}

/// A 1-D fitting task: `n_train` points x ~ U[0,1) with y = f(x) + U(−a, a), and `n_test`
/// clean points on linspace(0, 1).
fn curve(
    name: &str,
    seed: u64,
    (n_train, n_test): (usize, usize),
    a: f64,
    f: fn(f64) -> f64,
) -> (Dataset, Dataset) {
    let mut rng = Rng::new(seed);
    let x: Vec<f64> = (0..n_train).map(|_| q(rng.uniform())).collect();
    let y: Vec<f64> = x.iter().map(|&x| f(x) + rng.range(-a, a)).collect();
    let xt = linspace(0.0, 1.0, n_test);
    let yt: Vec<f64> = xt.iter().map(|&x| f(q(x))).collect();
    (
        Dataset::regression(format!("{name}.train"), to_f32(&x), to_f32(&y), 1, 1),
        Dataset::regression(format!("{name}.test"), to_f32(&xt), to_f32(&yt), 1, 1),
    )
}

/// The sine curve of ch9 (file `ch08`): y = sin(6.28·x).
pub fn sine(x: f64) -> f64 {
    (BOOK_TAU * x).sin()
}

/// The "cobra" curve of ch9: y = 0.4x² + 0.3x·sin(15x) + 0.01·cos(50x) − 0.3.
pub fn cobra(x: f64) -> f64 {
    0.4 * x * x + 0.3 * x * (15.0 * x).sin() + 0.01 * (50.0 * x).cos() - 0.3
}

/// Ch9's sine data (`ch08.train/test`): 500 training points x ~ U[0,1) with
/// y = sin(6.28x) + U(−0.1, 0.1); 100 clean test points on linspace(0, 1).
pub fn ch08(seed: u64) -> (Dataset, Dataset) {
    curve(
        "ch08",
        seed,
        (sizes::CH08.train, sizes::CH08.test),
        0.1,
        sine,
    )
}

/// Ch9's cobra data (`ch09.train/test`): 1000 training points x ~ U[0,1) with
/// y = [`cobra`]\(x) + U(−0.05, 0.05); 200 clean test points on linspace(0, 1).
pub fn ch09(seed: u64) -> (Dataset, Dataset) {
    curve(
        "ch09",
        seed,
        (sizes::CH09.train, sizes::CH09.test),
        0.05,
        cobra,
    )
}

fn arcs(name: &str, rng: &mut Rng, count: usize) -> Dataset {
    let xs = linspace(0.0, BOOK_PI, count);
    let (mut x, mut labels) = (Vec::with_capacity(4 * count), Vec::with_capacity(2 * count));
    for (class, lift) in [(0, 0.0), (1, 0.65)] {
        for &xi in &xs {
            x.extend([xi, xi.sin() + rng.range(-0.125, 0.125) + lift]);
            labels.push(class);
        }
    }
    Dataset::classification(name, to_f32(&x), 2, &labels, 2)
}

/// Ch10's two arcs: class 0 at x = linspace(0, 3.14, n), y = sin x + U(−0.125, 0.125);
/// class 1 the same lifted by 0.65. Training n = 200 per class (400), test n = 50 per
/// class (100). Class 0 rows come first, as in the book.
pub fn ch10(seed: u64) -> (Dataset, Dataset) {
    let mut rng = Rng::new(seed);
    let n = sizes::CH10_PER_CLASS;
    let train = arcs("ch10.train", &mut rng, n.train);
    (train, arcs("ch10.test", &mut rng, n.test))
}

/// The class of a ch11 point: book class 1 (stored 0) inside the square |x1|, |x2| < 0.2;
/// class 2 (stored 1) inside the circle r < 0.45 but outside the square; class 3 (stored 2)
/// everywhere else.
pub fn ch11_class(x1: f64, x2: f64) -> usize {
    if x1.abs() < 0.2 && x2.abs() < 0.2 {
        0
    } else if (x1 * x1 + x2 * x2).sqrt() < 0.45 {
        1
    } else {
        2
    }
}

/// Ch11's "copper coin" (铜钱孔): points in U(−0.5, 0.5)² labelled by [`ch11_class`],
/// 1000 for training and 500 for test, one-hot over 3 classes.
pub fn ch11(seed: u64) -> (Dataset, Dataset) {
    let mut rng = Rng::new(seed);
    let mut make = |name: &str, n: usize| {
        let (mut x, mut labels) = (Vec::with_capacity(2 * n), Vec::with_capacity(n));
        for _ in 0..n {
            let (x1, x2) = (q(rng.uniform() - 0.5), q(rng.uniform() - 0.5));
            x.extend([x1, x2]);
            labels.push(ch11_class(x1, x2));
        }
        Dataset::classification(name, to_f32(&x), 2, &labels, 3)
    };
    let train = make("ch11.train", sizes::CH11.train);
    (train, make("ch11.test", sizes::CH11.test))
}

/// The logic gates of ch6.5 and the XOR of ch10.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    /// One input: NOT a.
    Not,
    /// a AND b.
    And,
    /// a OR b.
    Or,
    /// NOT (a AND b).
    Nand,
    /// NOT (a OR b).
    Nor,
    /// a XOR b: not linearly separable (ch10).
    Xor,
}

impl Gate {
    /// Every gate.
    pub const ALL: [Gate; 6] = [
        Gate::Not,
        Gate::And,
        Gate::Or,
        Gate::Nand,
        Gate::Nor,
        Gate::Xor,
    ];

    /// The lower-case name (`and`, `xor`, …).
    pub fn name(self) -> &'static str {
        match self {
            Gate::Not => "not",
            Gate::And => "and",
            Gate::Or => "or",
            Gate::Nand => "nand",
            Gate::Nor => "nor",
            Gate::Xor => "xor",
        }
    }

    /// The gate called `name` (any case).
    pub fn parse(name: &str) -> Option<Gate> {
        Gate::ALL
            .into_iter()
            .find(|g| g.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The gate's truth value (`b` is ignored by NOT).
    pub fn output(self, a: bool, b: bool) -> bool {
        match self {
            Gate::Not => !a,
            Gate::And => a && b,
            Gate::Or => a || b,
            Gate::Nand => !(a && b),
            Gate::Nor => !(a || b),
            Gate::Xor => a != b,
        }
    }
}

/// The truth table of `gate` as a binary set: inputs (0,0), (0,1), (1,0), (1,1) — or 0, 1
/// for NOT — with the 0/1 output as label.
pub fn logic_gate(gate: Gate) -> Dataset {
    let inputs: &[[bool; 2]] = if gate == Gate::Not {
        &[[false, false], [true, false]]
    } else {
        &[[false, false], [false, true], [true, false], [true, true]]
    };
    let features = if gate == Gate::Not { 1 } else { 2 };
    let mut x = Vec::new();
    for i in inputs {
        x.extend(i[..features].iter().map(|&b| b as u8 as f32));
    }
    let labels: Vec<usize> = inputs
        .iter()
        .map(|i| gate.output(i[0], i[1]) as usize)
        .collect();
    Dataset::classification(gate.name(), x, features, &labels, 2)
}

/// The XOR truth table (ch10): 4 samples, labels 0, 1, 1, 0.
pub fn xor() -> Dataset {
    logic_gate(Gate::Xor)
}

/// Every name [`by_name`] knows.
pub const NAMES: [&str; 14] = [
    "ch04", "ch05", "ch06", "ch07", "ch08", "ch09", "ch10", "ch11", "not", "and", "or", "nand",
    "nor", "xor",
];

/// A book dataset by its name in [`NAMES`]: the training set, and the test set for the
/// chapters that have one (ch08–ch11).
pub fn by_name(name: &str, seed: u64) -> Result<(Dataset, Option<Dataset>)> {
    let pair = |(a, b): (Dataset, Dataset)| (a, Some(b));
    Ok(match name.trim().to_ascii_lowercase().as_str() {
        "ch04" => (ch04(seed), None),
        "ch05" => (ch05(seed), None),
        "ch06" => (ch06(seed), None),
        "ch07" => (ch07(seed), None),
        "ch08" => pair(ch08(seed)),
        "ch09" => pair(ch09(seed)),
        "ch10" => pair(ch10(seed)),
        "ch11" => pair(ch11(seed)),
        other => match Gate::parse(other) {
            Some(g) => (logic_gate(g), None),
            None => {
                return Err(Error::new(
                    ErrorKind::Unknown,
                    format!("Unknown dataset “{name}”; known: {}.", NAMES.join(", ")),
                    format!("未知的数据集“{name}”；可用的有：{}。", NAMES.join(", ")),
                ))
            }
        },
    })
}
