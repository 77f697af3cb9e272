//! Step 7, ch15.2–15.4 — the optimizers of the book's MiniFramework side by side.
//!
//! Both widgets drive the engine's own optimizer objects ([`crate::nn::optim`]) instead of
//! writing the update rules again, so what the learner watches is what trains every
//! network in the course:
//!
//! * [`race`] (`optimizer-race`, ch15.4.1): the seven on the bowl f(x, y) = x²/10 + y²
//!   from (−7, 2), one update per Step, each with its own η;
//! * [`wb`] (`optimizer-wb`, ch15.4.2): the ch4 line z = w·x + b fitted by a one-unit
//!   [`crate::nn::Network`] with each optimizer ([`wb_run`]), the iterations each needs
//!   and the (w, b) path over the loss contour.

pub mod cobra;
pub mod race;
pub mod wb;
pub mod wb_run;

#[cfg(test)]
mod race_tests;
#[cfg(test)]
mod wb_tests;

use crate::nn::OptimizerConfig;
use crate::text::Text;

/// How many optimizers the book compares.
pub const COUNT: usize = 7;

/// The names the book and its code use, in the order of [`OptimizerConfig::ALL`].
pub const NAMES: [&str; COUNT] = [
    "SGD", "Momentum", "NAG", "AdaGrad", "AdaDelta", "RMSProp", "Adam",
];

/// The optimizer `k` (0 = SGD … 6 = Adam) with the book's constants.
pub fn config(k: usize) -> OptimizerConfig {
    OptimizerConfig::ALL[k % COUNT]
}

/// The row label of optimizer `k`: its name, the same in both languages (the Chinese
/// text of the book uses the English names too).
pub fn label(k: usize) -> Text {
    Text::same(NAMES[k % COUNT])
}

/// The index of the optimizer called `name` in URLs (`sgd`, `momentum`, …).
pub fn index_of(name: &str) -> Option<usize> {
    OptimizerConfig::ALL.iter().position(|o| o.name() == name)
}

/// `(URL name, English, Chinese)` of the seven, for a choice setting.
pub fn choices() -> [(&'static str, &'static str, &'static str); COUNT] {
    [
        ("sgd", "SGD", "SGD（随机梯度下降）"),
        ("momentum", "Momentum", "Momentum（动量法）"),
        ("nag", "NAG (Nesterov)", "NAG（Nesterov 加速梯度）"),
        ("adagrad", "AdaGrad", "AdaGrad"),
        ("adadelta", "AdaDelta", "AdaDelta"),
        ("rmsprop", "RMSProp", "RMSProp"),
        ("adam", "Adam", "Adam"),
    ]
}
