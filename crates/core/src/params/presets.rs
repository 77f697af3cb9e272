//! The settings several lessons share, each with one key, label, range or list of
//! choices, so that the same setting reads the same on every page: the learning rate,
//! the batch size, the seeds, the optimizer, the initialisation, … Re-exported as
//! constructors of [`ParamSpec`].

use super::{format_value, ParamSpec};
use crate::text::Text;

/// `(value, English, Chinese)` of the optimizers a learner can pick, in the
/// playground's order.
pub const OPTIMIZERS: [(&str, &str, &str); 7] = [
    ("sgd", "SGD", "SGD"),
    ("momentum", "Momentum", "动量法"),
    ("nag", "NAG", "NAG"),
    ("adagrad", "AdaGrad", "AdaGrad"),
    ("adadelta", "AdaDelta (no η)", "AdaDelta（不用学习率）"),
    ("rmsprop", "RMSProp", "RMSProp"),
    ("adam", "Adam", "Adam"),
];

/// `(value, English, Chinese)` of the weight initialisations a learner can pick.
pub const INITS: [(&str, &str, &str); 4] = [
    ("xavier", "Xavier", "Xavier"),
    ("msra", "MSRA (He)", "MSRA (He)"),
    ("normal", "normal N(0, 1)", "正态 N(0, 1)"),
    ("zero", "zero", "全零"),
];

/// The rows of `table` whose values are `keys`, in the order of `keys`.
fn pick<'a>(
    table: &[(&'a str, &'a str, &'a str)],
    keys: &[&str],
) -> Vec<(&'a str, &'a str, &'a str)> {
    keys.iter()
        .filter_map(|k| table.iter().find(|o| o.0 == *k).copied())
        .collect()
}

impl ParamSpec {
    /// The learning rate η (key `eta`) from `min` to `max` in steps of `step`.
    pub fn eta(min: f64, max: f64, step: f64, default: f64) -> ParamSpec {
        let label = Text::new("learning rate η", "学习率 η");
        ParamSpec::number("eta", label, min, max, step, default)
    }

    /// The mini-batch size (key `batch`) from `min` to `max` in steps of `step`.
    pub fn batch(min: f64, max: f64, step: f64, default: f64) -> ParamSpec {
        let label = Text::new("batch size", "批大小");
        ParamSpec::number("batch", label, min, max, step, default)
    }

    /// The random seed (key `seed`), a whole number from 1 to `max`, 1 by default.
    pub fn seed(max: f64) -> ParamSpec {
        ParamSpec::number("seed", Text::new("seed", "随机种子"), 1.0, max, 1.0, 1.0)
    }

    /// The number of epochs to train (key `epochs`), `[min, max, step, default]`.
    pub fn epochs(range: [f64; 4]) -> ParamSpec {
        ParamSpec::num("epochs", ("epochs", "轮数"), range)
    }

    /// The hidden units of a one-hidden-layer net (key `units`: as an attribute of
    /// `<ninestep-widget>`, `hidden` would hide the element), `[min, max, step, default]`.
    pub fn units(range: [f64; 4]) -> ParamSpec {
        ParamSpec::num("units", ("hidden units", "隐层神经元数"), range)
    }

    /// A choice among `values` that read the same in every language (`0.01`, `128`).
    pub fn values(key: &'static str, label: Text, values: &[&str], default: &str) -> ParamSpec {
        let options: Vec<_> = values.iter().map(|v| (*v, *v, *v)).collect();
        ParamSpec::choice(key, label, &options, default)
    }

    /// The same setting with another default (a number, as [`ParamSpec::number`] writes it).
    pub fn with_default(self, default: f64) -> ParamSpec {
        ParamSpec {
            default: format_value(default),
            ..self
        }
    }
}

// ---- Shared settings of the lessons of steps 1–4 (lesson/step1 … step4) ----

impl ParamSpec {
    /// The seed of a lesson's generated data (key `seed`, "data seed"), a whole number
    /// from 1 to 9999.
    pub fn data_seed(default: f64) -> ParamSpec {
        ParamSpec::num(
            "seed",
            ("data seed", "数据种子"),
            [1.0, 9999.0, 1.0, default],
        )
    }

    /// The label `y` of a binary classifier's sample (key `y`): `1` (the default) or `0`.
    pub fn label_y() -> ParamSpec {
        ParamSpec::values("y", Text::new("label y", "标签 y"), &["1", "0"], "1")
    }
}

// ---- Shared settings of the lessons of steps 5–9 (lesson/step5 … step9, lesson/*.rs) ----

impl ParamSpec {
    /// The `bn` switch: batch norm after each hidden dense layer, off (`0`, the default)
    /// or on (`1`).
    pub fn batch_norm() -> ParamSpec {
        let options = [("0", "off", "关"), ("1", "on", "开")];
        ParamSpec::choice("bn", Text::new("batch norm", "批归一化"), &options, "0")
    }

    /// The `optimizer` of the digit trainers: SGD, Momentum, RMSProp or Adam.
    pub fn optimizer(default: &str) -> ParamSpec {
        ParamSpec::optimizers(&["sgd", "momentum", "rmsprop", "adam"], default)
    }

    /// The `optimizer` chosen from those of [`OPTIMIZERS`] named by `keys`.
    pub fn optimizers(keys: &[&str], default: &str) -> ParamSpec {
        let label = Text::new("optimizer", "优化器");
        ParamSpec::choice("optimizer", label, &pick(&OPTIMIZERS, keys), default)
    }

    /// The weight initialisation (key `init`) chosen from those of [`INITS`] named by
    /// `keys`.
    pub fn init(keys: &[&str], default: &str) -> ParamSpec {
        let label = Text::new("initialisation", "初始化");
        ParamSpec::choice("init", label, &pick(&INITS, keys), default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::ParamKind;

    fn options(spec: &ParamSpec) -> Vec<String> {
        match &spec.kind {
            ParamKind::Choice { options } => options.iter().map(|o| o.0.clone()).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn subsets_keep_the_order_asked_for() {
        let init = ParamSpec::init(&["zero", "xavier"], "zero");
        assert_eq!(options(&init), ["zero", "xavier"]);
        assert_eq!(init.default, "zero");
        let opt = ParamSpec::optimizer("sgd");
        assert_eq!(options(&opt), ["sgd", "momentum", "rmsprop", "adam"]);
        let y = ParamSpec::label_y();
        assert_eq!(options(&y), ["1", "0"]);
        assert_eq!(ParamSpec::seed(1000.0).with_default(2.0).default, "2");
    }
}
