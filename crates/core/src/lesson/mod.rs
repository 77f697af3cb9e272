//! The lessons of the nine steps, each a [`Widget`]: settings in, labelled numbers out.
//!
//! [`AnyWidget`] is the one place that knows every widget by name; the page, the CLI and
//! the charts go through it.

pub mod digit_run;
pub mod digit_widget;
pub mod epoch_loop;
pub mod run;
pub mod solve;
pub mod step1;
pub mod step2;
pub mod step3;
pub mod step4;
pub mod step5;
pub mod step6;
pub mod step7;
pub mod step8;
pub mod step9;
pub mod trainer;
mod worker_state;

pub use worker_state::WorkerState;

// The lessons live in one folder per step; their old paths stay valid.
pub use step1::{
    backprop_chain, cross_entropy, entropy, gd_1d, gd_2d, learning_rate, linear_backprop, mse,
    mse_vs_ce, neuron, neuron_layer,
};
pub use step2::{house_price, least_squares};
pub use step3::{logic_gate, logistic, softmax};
pub use step4::{activations, curve_fit, poly_fit};
pub use step5::{arcs, coin, digits, xor_net};

use crate::error::{Error, ErrorKind, Result};
use crate::params::Params;
use crate::text::Text;
use crate::widget::{Outcome, Readout, Table, Widget, WidgetSpec, MAX_STEPS};

macro_rules! widgets {
    ($($variant:ident => $name:literal : $ty:ty),* $(,)?) => {
        /// Every widget of the course, by name.
        #[derive(Clone, Debug)]
        pub enum AnyWidget {
            $(
                #[doc = concat!("`", $name, "`")]
                $variant($ty),
            )*
        }

        impl AnyWidget {
            /// Names of all widgets, in course order.
            pub const NAMES: &'static [&'static str] = &[$($name),*];

            /// The spec of the widget called `name`.
            pub fn spec_of(name: &str) -> Result<WidgetSpec> {
                match name {
                    $($name => Ok(<$ty>::spec()),)*
                    _ => Err(unknown(name)),
                }
            }

            fn build(name: &str, params: &Params) -> Result<AnyWidget> {
                match name {
                    $($name => <$ty>::from_params(params).map(AnyWidget::$variant),)*
                    _ => Err(unknown(name)),
                }
            }

            /// This widget's name.
            pub fn name(&self) -> &'static str {
                match self { $(AnyWidget::$variant(_) => $name,)* }
            }

            /// Settings and title.
            pub fn spec(&self) -> WidgetSpec {
                match self { $(AnyWidget::$variant(_) => <$ty>::spec(),)* }
            }

            /// Current settings.
            pub fn params(&self) -> Params {
                match self { $(AnyWidget::$variant(w) => w.params(),)* }
            }

            /// One iteration; on error the widget is unchanged.
            pub fn step(&mut self) -> Result<Outcome> {
                match self { $(AnyWidget::$variant(w) => w.step(),)* }
            }

            /// Iterations done.
            pub fn steps(&self) -> usize {
                match self { $(AnyWidget::$variant(w) => w.steps(),)* }
            }

            /// The iteration table.
            pub fn table(&self) -> Table {
                match self { $(AnyWidget::$variant(w) => w.table(),)* }
            }

            /// Labelled numbers.
            pub fn readouts(&self) -> Vec<Readout> {
                match self { $(AnyWidget::$variant(w) => w.readouts(),)* }
            }

            /// A note on the current state.
            pub fn status(&self) -> Option<Text> {
                match self { $(AnyWidget::$variant(w) => w.status(),)* }
            }

            /// Attaches the bytes of the spec's data file; a no-op for widgets without one.
            pub fn attach_data(&mut self, bytes: &[u8]) -> Result<()> {
                match self { $(AnyWidget::$variant(w) => w.attach_data(bytes),)* }
            }

            /// Whether the widget still waits for its data file.
            pub fn awaiting_data(&self) -> bool {
                match self { $(AnyWidget::$variant(w) => w.awaiting_data(),)* }
            }

            /// The note on the CSV files the widget takes, or `None` (no upload).
            pub fn upload(&self) -> Option<Text> {
                match self { $(AnyWidget::$variant(_) => <$ty>::upload(),)* }
            }

            /// Replaces the widget's data with a CSV file; on error nothing changes.
            pub fn import_csv(&mut self, text: &str) -> Result<()> {
                match self { $(AnyWidget::$variant(w) => w.import_csv(text),)* }
            }

            /// Adds one point to the widget's data; on error nothing changes.
            pub fn add_point(&mut self, x1: f64, x2: f64, class: usize) -> Result<()> {
                match self { $(AnyWidget::$variant(w) => w.add_point(x1, x2, class),)* }
            }

            /// The widget's own data as CSV, if it has any.
            pub fn export_csv(&self) -> Option<String> {
                match self { $(AnyWidget::$variant(w) => w.export_csv(),)* }
            }

            /// Shares the data attached to `other` if it is the same kind of widget.
            pub fn share_data_from(&mut self, other: &AnyWidget) {
                #[allow(unreachable_patterns)]
                match (self, other) {
                    $((AnyWidget::$variant(w), AnyWidget::$variant(o)) => w.share_data_from(o),)*
                    _ => {}
                }
            }
        }
    };
}

widgets! {
    Neuron => "neuron": neuron::Neuron,
    NeuronLayer => "neuron-layer": neuron_layer::NeuronLayer,
    LinearBackprop => "linear-backprop": linear_backprop::LinearBackprop,
    BackpropChain => "backprop-chain": backprop_chain::BackpropChain,
    Gd1d => "gd-1d": gd_1d::Gd1d,
    Gd2d => "gd-2d": gd_2d::Gd2d,
    LearningRate => "learning-rate": learning_rate::LearningRate,
    MseLine => "mse-line": mse::MseLine,
    MseCurves => "mse-curves": mse::MseCurves,
    MseContour => "mse-contour": mse::MseContour,
    Entropy => "entropy": entropy::Entropy,
    CrossEntropy => "cross-entropy": cross_entropy::CrossEntropy,
    MseVsCe => "mse-vs-ce": mse_vs_ce::MseVsCe,
    LsPaths => "ls-paths": least_squares::LsPaths,
    HousePrice => "house-price": house_price::HousePrice,
    Activations => "activations": activations::Activations,
    CurveFit => "curve-fit": curve_fit::CurveFit,
    PolyFit => "poly-fit": poly_fit::PolyFit,
    Logistic => "logistic": logistic::Logistic,
    LogicGate => "logic-gate": logic_gate::LogicGate,
    Softmax => "softmax": softmax::Softmax,
    XorNet => "xor-net": xor_net::XorNet,
    Arcs => "arcs": arcs::Arcs,
    Coin => "coin": coin::Coin,
    Digits => "digits": digits::Digits,
    Trainer => "trainer": trainer::Playground,
    InitHistograms => "init-histograms": step7::init_hist::InitHistograms,
    OptimizerRace => "optimizer-race": step7::optimizers::race::OptimizerRace,
    OptimizerWb => "optimizer-wb": step7::optimizers::wb::OptimizerWb,
    Regularization => "regularization": step7::regularization::RegularizationLab,
    DeepDigits => "deep-digits": step7::deep_digits::DeepDigits,
    LrFinder => "lr-finder": step7::lr_finder::LrFinder,
    ZeroInit => "zero-init": step7::zero_init::ZeroInit,
    TanhClassifier => "tanh-classifier": step3::tanh_classifier::TanhClassifier,
    GradCheck => "grad-check": step5::grad_check::GradCheck,
    DigitPad => "digit-pad": step6::pad::DigitPad,
    ModelView => "model-view": step6::model_view::ModelViewer,
    ConvSteps => "conv-steps": step8::conv_steps::ConvSteps,
    Pooling => "pooling": step8::pooling::Pooling,
    LearnKernel => "learn-kernel": step8::learn_kernel::LearnKernel,
    Kernels => "kernels": step8::kernels::Kernels,
    RnnEcho => "rnn-echo": step9::echo::Echo,
    RnnMinus => "rnn-minus": step9::minus::Minus,
    RnnVanishing => "rnn-vanishing": step9::vanishing::Vanishing,
    RnnForecast => "rnn-forecast": step9::forecast::Forecast,
    CnnTrainer => "cnn-trainer": step8::cnn_trainer::CnnTrainer,
    RnnGates => "rnn-gates": step9::gates::Gates,
    RnnRows => "rnn-rows": step9::rows::Rows,
    ShapesCnn => "shapes-cnn": step8::shapes_cnn::ShapesCnn,
}

fn unknown(name: &str) -> Error {
    Error::new(
        ErrorKind::Unknown,
        format!("There is no widget called “{name}”."),
        format!("没有名为“{name}”的组件。"),
    )
}

impl AnyWidget {
    /// Builds the widget `name` from `params`, rejecting keys it does not know.
    pub fn new(name: &str, params: &Params) -> Result<AnyWidget> {
        let spec = AnyWidget::spec_of(name)?;
        if let Some((k, _)) = params
            .0
            .iter()
            .find(|(k, _)| !spec.params.iter().any(|p| p.key == k))
        {
            return Err(Error::new(
                ErrorKind::Unknown,
                format!("The widget “{name}” has no setting “{k}”."),
                format!("组件“{name}”没有参数“{k}”。"),
            ));
        }
        AnyWidget::build(name, params)
    }

    /// Builds the widget and replays `steps` iterations, as a shared link asks.
    pub fn replay(name: &str, params: &Params, steps: usize) -> Result<AnyWidget> {
        let mut w = AnyWidget::new(name, params)?;
        if w.awaiting_data() {
            // The steps of a link are replayed once the data file has arrived.
            return Ok(w);
        }
        for _ in 0..steps.min(MAX_STEPS) {
            if let Outcome::Done(_) = w.step()? {
                break;
            }
        }
        Ok(w)
    }

    /// Changes one setting and starts over. If the new value is rejected the widget keeps
    /// its last good state and the error says why.
    pub fn set(&mut self, key: &str, value: &str) -> Result<()> {
        let mut params = self.params();
        params.set(key, value);
        let old = std::mem::replace(self, AnyWidget::new(self.name(), &params)?);
        self.share_data_from(&old);
        Ok(())
    }

    /// Back to the start with the same settings (keeping any attached data).
    pub fn reset(&mut self) {
        if let Ok(w) = AnyWidget::build(self.name(), &self.params()) {
            let old = std::mem::replace(self, w);
            self.share_data_from(&old);
        }
    }

    /// Steps until the stop rule holds or `max` iterations were done.
    pub fn run(&mut self, max: usize) -> Result<Outcome> {
        let mut last = Outcome::Stepped;
        for _ in 0..max.min(MAX_STEPS) {
            last = self.step()?;
            if let Outcome::Done(_) = last {
                break;
            }
        }
        Ok(last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_widget_builds_from_its_defaults_and_replays() {
        for name in AnyWidget::NAMES {
            let spec = AnyWidget::spec_of(name).ok();
            assert_eq!(spec.as_ref().map(|s| s.name), Some(*name));
            let w = AnyWidget::new(name, &Params::default());
            assert!(w.is_ok(), "{name}: {w:?}");
            let w = AnyWidget::replay(name, &Params::default(), 3);
            assert!(w.is_ok(), "{name}: {w:?}");
        }
    }

    /// Settings become attributes of `<ninestep-widget>` (embed.html copies the ones a widget
    /// takes from its address), so no setting may be an attribute the browser or the element
    /// gives a meaning of its own: an event handler, a style, focus, identity or visibility.
    /// (One old exception stays for the links that use it: curve-fit's `hidden`, its number of
    /// hidden units; widget.css shows the element whatever its `hidden` attribute says.)
    #[test]
    fn no_setting_is_an_html_attribute() {
        const RESERVED: [&str; 20] = [
            "style",
            "id",
            "class",
            "slot",
            "part",
            "is",
            "title",
            "lang",
            "dir",
            "inert",
            "tabindex",
            "autofocus",
            "accesskey",
            "contenteditable",
            "draggable",
            "popover",
            "nonce",
            "name",
            "hide",
            "no-url",
        ];
        for name in AnyWidget::NAMES {
            let spec = AnyWidget::spec_of(name).ok();
            for p in spec.iter().flat_map(|s| &s.params) {
                let key = p.key;
                if (*name, key) == ("curve-fit", "hidden") {
                    continue;
                }
                assert!(
                    !key.starts_with("on") && !RESERVED.contains(&key) && key != "steps",
                    "{name}: the setting “{key}” is an attribute with a meaning of its own"
                );
                assert!(
                    key.len() <= 40
                        && key.starts_with(|c: char| c.is_ascii_lowercase())
                        && key.bytes().all(|b| b.is_ascii_lowercase()
                            || b.is_ascii_digit()
                            || b == b'-'
                            || b == b'_'),
                    "{name}: “{key}” is not a plain lower-case word"
                );
            }
        }
    }

    #[test]
    fn unknown_names_and_keys_are_errors() {
        assert_eq!(
            AnyWidget::new("nope", &Params::default())
                .err()
                .map(|e| e.kind),
            Some(ErrorKind::Unknown)
        );
        let mut p = Params::default();
        p.set("zzz", "1");
        assert_eq!(
            AnyWidget::new("backprop-chain", &p).err().map(|e| e.kind),
            Some(ErrorKind::Unknown)
        );
    }

    #[test]
    fn a_rejected_setting_keeps_the_last_good_state() {
        let mut w = AnyWidget::replay("backprop-chain", &Params::default(), 2).ok();
        let before = w.as_ref().map(|w| w.table());
        let err = w.as_mut().map(|w| w.set("x", "0.5"));
        assert!(
            matches!(
                err,
                Some(Err(Error {
                    kind: ErrorKind::Domain,
                    ..
                }))
            ),
            "{err:?}"
        );
        assert_eq!(w.as_ref().map(|w| w.table()), before);
    }
}
