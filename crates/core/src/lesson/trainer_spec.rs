//! The playground's settings: its controls (`specs`) and how their values become an
//! experiment query (`query`), with the limits the network editor allows.

use super::data;
use crate::error::Result;
use crate::params::{format_value, ParamKind, ParamSpec, Params, INITS, OPTIMIZERS};
use crate::text::Text;

/// Epochs after which training stops (the experiment's `epochs`; the limits table).
pub const MAX_EPOCHS: usize = crate::limits::PLAYGROUND_MAX_EPOCHS;
/// The value of `layers` for a network without hidden layers (the hash can't hold an
/// empty value; the experiment query writes it as `layers=`).
pub const NO_HIDDEN: &str = crate::params::NO_LAYERS;
/// Most hidden layers the network editor allows (as TF Playground; the limits table).
pub const MAX_LAYERS: usize = crate::limits::URL_MAX_HIDDEN_LAYERS;
/// Most neurons per hidden layer the network editor allows (TF Playground stops at 8;
/// ch11.2 trains 64).
pub const MAX_UNITS: usize = crate::limits::URL_MAX_UNITS;

const LEARNING_RATES: [&str; 11] = [
    "0.00001", "0.0001", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10",
];

const LAMBDAS: [&str; 6] = ["0.0001", "0.001", "0.003", "0.01", "0.03", "0.1"];

const DROPOUTS: [&str; 4] = ["0", "0.1", "0.2", "0.5"];

/// The choices of the `dataset` setting: (value, English, Chinese).
const DATASETS: [(&str, &str, &str); 7] = [
    ("circle", "circle", "圆环"),
    ("xor", "exclusive or", "异或"),
    ("gauss", "two Gaussians", "两团高斯"),
    ("spiral", "spiral", "螺旋"),
    ("ch10-arcs", "two arcs (ch10)", "双弧形（第 10 章）"),
    (
        "ch11-coin",
        "copper coin, 3 classes (ch11)",
        "铜钱孔，三类（第 11 章）",
    ),
    ("custom", "your data", "你的数据"),
];

/// The choices of the `act` setting: (value, English, Chinese).
const ACTIVATIONS: [(&str, &str, &str); 4] = [
    ("tanh", "tanh", "tanh"),
    ("relu", "ReLU", "ReLU"),
    ("sigmoid", "sigmoid", "sigmoid"),
    ("linear", "linear", "线性"),
];

/// The choices of the `loss` setting: (value, English, Chinese).
const LOSSES: [(&str, &str, &str); 2] = [
    ("tanh-mse", "tanh + squared error", "tanh + 均方差"),
    ("cross-entropy", "cross-entropy", "交叉熵"),
];

/// The choices of the `reg` setting: (value, English, Chinese).
const REGULARISERS: [(&str, &str, &str); 3] = [
    ("none", "none", "无"),
    ("l1", "L1", "L1"),
    ("l2", "L2", "L2"),
];

pub(super) fn specs() -> Vec<ParamSpec> {
    vec![
        ParamSpec::choice("dataset", Text::new("data", "数据"), &DATASETS, "circle"),
        ParamSpec::num("noise", ("noise %", "噪声 %"), [0.0, 50.0, 5.0, 0.0]),
        ParamSpec::num(
            "train",
            ("training data %", "训练数据 %"),
            [10.0, 90.0, 10.0, 50.0],
        ),
        ParamSpec::batch(1.0, 30.0, 1.0, 10.0),
        ParamSpec::values(
            "lr",
            Text::new("learning rate", "学习率"),
            &LEARNING_RATES,
            "0.03",
        ),
        ParamSpec::choice(
            "act",
            Text::new("activation", "激活函数"),
            &ACTIVATIONS,
            "tanh",
        ),
        ParamSpec::layers(
            "layers",
            Text::new("hidden layers", "隐藏层"),
            MAX_LAYERS,
            MAX_UNITS,
            "4,2",
        ),
        ParamSpec::choice(
            "loss",
            Text::new("output & loss", "输出与损失"),
            &LOSSES,
            "tanh-mse",
        ),
        ParamSpec::init(&INITS.map(|o| o.0), "xavier"),
        ParamSpec::optimizers(&OPTIMIZERS.map(|o| o.0), "sgd"),
        ParamSpec::choice(
            "reg",
            Text::new("regularisation", "正则化"),
            &REGULARISERS,
            "none",
        ),
        ParamSpec::values("lambda", Text::new("λ", "λ"), &LAMBDAS, "0.001"),
        ParamSpec::values("dropout", Text::new("dropout", "丢弃率"), &DROPOUTS, "0"),
        ParamSpec::batch_norm(),
        ParamSpec::seed(9999.0),
        ParamSpec::hidden("points", Text::new("your points", "你的点")),
    ]
}

/// The λ control's value in `params` (checked against its choices).
pub(super) fn lambda(params: &Params) -> Result<String> {
    match specs().into_iter().find(|s| s.key == "lambda") {
        Some(spec) => params.choice(&spec),
        None => Ok(String::new()),
    }
}

/// The experiment query of `params`: each setting checked against its control first
/// (range, choices), then the whole query by [`ExperimentConfig::parse`].
pub fn query(params: &Params) -> Result<String> {
    let mut parts = Vec::new();
    let mut step7 = Vec::new();
    for spec in specs() {
        if spec.kind == crate::params::ParamKind::Hidden {
            // `points`: only with the custom set (see `data::custom_points_query`).
            parts.extend(data::points_part(params));
            continue;
        }
        // The step-7 settings are written as the experiment writes them: only when not
        // the default, `reg` + `lambda` as `l1=λ` or `l2=λ`.
        match spec.key {
            "optimizer" | "dropout" | "bn" => {
                let v = params.choice(&spec)?;
                if v != spec.default {
                    step7.push(format!("{}={v}", spec.key));
                }
                continue;
            }
            "reg" => {
                let reg = params.choice(&spec)?;
                if reg != "none" {
                    let lambda = specs().into_iter().find(|s| s.key == "lambda");
                    if let Some(l) = lambda {
                        step7.push(format!("{reg}={}", params.choice(&l)?));
                    }
                }
                continue;
            }
            "lambda" => continue,
            _ => {}
        }
        let value = match spec.kind {
            ParamKind::Number { .. } => format_value(params.number(&spec)?),
            ParamKind::Layers { .. } => {
                let sizes: Vec<String> =
                    params.layers(&spec)?.iter().map(usize::to_string).collect();
                sizes.join(",")
            }
            ParamKind::Choice { .. } | ParamKind::Hidden | ParamKind::Text { .. } => {
                params.choice(&spec)?
            }
        };
        parts.push(format!("{}={value}", spec.key));
    }
    // The experiment's own key order: … seed, epochs, optimizer, l1/l2, dropout, bn.
    let tail: String = step7.iter().map(|p| format!("&{p}")).collect();
    Ok(format!("{}&epochs={MAX_EPOCHS}{tail}", parts.join("&")))
}
