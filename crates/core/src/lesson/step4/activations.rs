//! Step 4, ch8 — the gallery of activation functions a = f(z) and their derivatives
//! f′(z), read at one point z. Squashing functions (sigmoid, tanh, step) press every z
//! into a bounded range; semi-linear ones (ReLU, leaky ReLU, ELU, softplus) pass positive
//! z through almost unchanged. The curves are the training engine's own
//! ([`crate::nn::Activation`]), so what the learner sees is what the networks use.

use crate::error::{Error, ErrorKind, Result};
use crate::nn::Activation;
use crate::params::{ParamSpec, Params};
use crate::text::Text;
use crate::widget::{Column, Readout, Table, Widget, WidgetSpec};

/// The book's plot range for each function (ch8 code: sigmoid and tanh [−7, 7], ELU
/// [−4, 4], the rest [−5, 5]).
pub fn book_range(act: Activation) -> (f64, f64) {
    match act {
        Activation::Sigmoid | Activation::Tanh | Activation::Identity => (-7.0, 7.0),
        Activation::Elu(_) => (-4.0, 4.0),
        _ => (-5.0, 5.0),
    }
}

/// The z values of the widget's table.
pub const TABLE_Z: [f64; 5] = [-2.0, -1.0, 0.0, 1.0, 2.0];

const CHOICES: [(&str, &str, &str); 7] = [
    ("sigmoid", "sigmoid", "Sigmoid"),
    ("tanh", "tanh", "Tanh"),
    ("step", "step", "阶跃函数"),
    ("relu", "ReLU", "ReLU"),
    ("leaky-relu", "leaky ReLU", "Leaky ReLU"),
    ("elu", "ELU", "ELU"),
    ("softplus", "softplus", "Softplus"),
];

fn specs() -> [ParamSpec; 4] {
    [
        ParamSpec::choice("act", Text::new("function", "函数"), &CHOICES, "sigmoid"),
        ParamSpec::number("z", Text::same("z"), -7.0, 7.0, 0.1, 1.0),
        ParamSpec::num(
            "alpha",
            ("leaky ReLU slope α", "Leaky ReLU 斜率 α"),
            [0.0, 1.0, 0.01, 0.01],
        ),
        ParamSpec::num("elu_alpha", ("ELU α", "ELU 的 α"), [0.0, 2.0, 0.1, 0.8]),
    ]
}

/// The `activations` widget: one function, its derivative and a point z.
#[derive(Clone, Debug)]
pub struct Activations {
    name: String,
    /// The chosen function (α included).
    pub act: Activation,
    /// The point read off.
    pub z: f64,
    alpha: f64,
    elu_alpha: f64,
}

impl Activations {
    /// f(z).
    pub fn f(&self, z: f64) -> f64 {
        self.act.forward(z as f32) as f64
    }

    /// f′(z).
    pub fn df(&self, z: f64) -> f64 {
        let a = self.act.forward(z as f32);
        self.act.derivative(z as f32, a) as f64
    }

    /// The z range of the chart: the book's range, widened to show the point.
    pub fn range(&self) -> (f64, f64) {
        let (lo, hi) = book_range(self.act);
        (lo.min(self.z - 0.5), hi.max(self.z + 0.5))
    }

    /// The setting name of the function (`leaky-relu`, …).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// True for the bounded (squashing) functions.
    pub fn squashing(&self) -> bool {
        matches!(
            self.act,
            Activation::Sigmoid | Activation::Tanh | Activation::Step
        )
    }
}

impl Widget for Activations {
    fn spec() -> WidgetSpec {
        let title = (
            "Activation functions and their derivatives",
            "激活函数及其导数",
        );
        WidgetSpec::new("activations", title, &specs()).still()
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (name, z, alpha, elu_alpha): (String, f64, f64, f64) = params.read(&specs())?;
        let act = match name.as_str() {
            "sigmoid" => Activation::Sigmoid,
            "tanh" => Activation::Tanh,
            "step" => Activation::Step,
            "relu" => Activation::Relu,
            "leaky-relu" => Activation::LeakyRelu(alpha as f32),
            "elu" => Activation::Elu(elu_alpha as f32),
            "softplus" => Activation::Softplus,
            other => {
                return Err(Error::new(
                    ErrorKind::BadValue,
                    format!("Unknown activation “{other}”."),
                    format!("未知的激活函数“{other}”。"),
                ))
            }
        };
        Ok(Activations {
            name,
            act,
            z,
            alpha,
            elu_alpha,
        })
    }

    fn params(&self) -> Params {
        let values = (self.name.clone(), self.z, self.alpha, self.elu_alpha);
        Params::write(&specs(), values)
    }

    fn table(&self) -> Table {
        Table::of_records(4, TABLE_Z)
            .column(Column::symbol("z", "z"), |&z| z)
            .column(Column::symbol("f", "f(z)"), |&z| self.f(z))
            .column(Column::symbol("df", "f′(z)"), |&z| self.df(z))
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        vec![
            Readout::symbol("z", "z", self.z, 2),
            Readout::symbol("f", "f(z)", self.f(self.z), 4),
            Readout::symbol("df", "f′(z)", self.df(self.z), 4),
        ]
    }

    fn status(&self) -> Option<Text> {
        Some(if self.squashing() {
            Text::new(
                "A squashing function: the output stays in a bounded band.",
                "挤压型函数：输出被压在一个有限的区间里。",
            )
        } else {
            Text::new(
                "A semi-linear function: positive z passes (almost) unchanged.",
                "半线性函数：正的 z 几乎原样通过。",
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::format_value;

    fn widget(act: &str, z: f64) -> Activations {
        let p = Params::of(&[("act", act), ("z", &format_value(z))]);
        Activations::from_params(&p).unwrap()
    }

    #[test]
    fn exact_values_at_zero() {
        // Hand computation: σ(0) = 1/2, σ′(0) = σ(1 − σ) = 1/4, tanh′(0) = 1 − 0² = 1,
        // softplus(0) = ln 2, softplus′(0) = σ(0) = 1/2, ELU′(0⁻) = α = 0.8.
        let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
        let s = widget("sigmoid", 0.0);
        assert!(close(s.f(0.0), 0.5) && close(s.df(0.0), 0.25));
        assert!(close(widget("tanh", 0.0).df(0.0), 1.0));
        let sp = widget("softplus", 0.0);
        assert!(close(sp.f(0.0), std::f64::consts::LN_2) && close(sp.df(0.0), 0.5));
        assert!(close(widget("elu", 0.0).df(-1e-6), 0.8));
        assert!(close(widget("leaky-relu", 0.0).f(-2.0), -0.02));
        assert!(close(widget("relu", 0.0).f(3.0), 3.0));
    }

    #[test]
    fn derivatives_match_finite_differences() {
        // Central differences (f(z + h) − f(z − h))/2h in the engine's f32, away from the
        // kinks at z = 0 where ReLU, leaky ReLU, ELU and step have no derivative.
        let h = 1e-2;
        for (act, _, _) in CHOICES {
            let w = widget(act, 0.0);
            let (lo, hi) = book_range(w.act);
            for i in 0..=40 {
                let z = lo + (hi - lo) * i as f64 / 40.0 + 0.013;
                if z.abs() < 2.0 * h {
                    continue;
                }
                let fd = (w.f(z + h) - w.f(z - h)) / (2.0 * h);
                assert!(
                    (fd - w.df(z)).abs() < 2e-3,
                    "{act} at z={z}: fd {fd} vs f′ {}",
                    w.df(z)
                );
            }
        }
    }

    #[test]
    fn alpha_and_the_range_follow_the_settings() {
        let mut p = Params::of(&[("act", "elu"), ("elu_alpha", "1.5"), ("z", "-6")]);
        let w = Activations::from_params(&p).unwrap();
        assert_eq!(w.act, Activation::Elu(1.5));
        // The book plots ELU on [−4, 4]; the range widens to show z = −6.
        assert_eq!(w.range(), (-6.5, 4.0));
        p.set("act", "swish");
        assert_eq!(
            Activations::from_params(&p).err().map(|e| e.kind),
            Some(ErrorKind::BadValue)
        );
        assert!(widget("tanh", 7.0).table().all_finite());
    }
}
