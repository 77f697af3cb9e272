//! The widgets built around one [`DigitRun`] (step 5's `digits`, step 7's `deep-digits`,
//! step 8's `cnn-trainer`, step 9's `rnn-rows`) say only what is their own — the spec, the
//! network their settings build, extra read-outs, the settings that only choose what is
//! shown — and are [`Widget`]s through [`DigitWidget`]: the digits arrive through
//! `attach_data`, Step trains the run, the table is the epoch table, the read-outs start
//! with epoch, test accuracy and test loss.

use crate::error::Result;
use crate::lesson::digit_run::{DigitRun, DigitSet};
use crate::lesson::step5::digits::{epoch_readouts, epoch_table};
use crate::params::Params;
use crate::text::Text;
use crate::widget::{Outcome, Readout, Table, Widget, WidgetSpec};
use std::sync::Arc;

/// A widget whose training is one [`DigitRun`]; every such type is a [`Widget`].
pub trait DigitWidget: Sized {
    /// Settings that only choose what is shown (a test digit, a row): changing only them
    /// keeps the training.
    const VIEW_KEYS: &'static [&'static str] = &[];

    /// Name, title, settings and the data file ([`Widget::spec`]).
    fn spec() -> WidgetSpec;
    /// The widget from its settings, waiting for the digits ([`Widget::from_params`]).
    fn from_params(params: &Params) -> Result<Self>;
    /// The settings, as the URL holds them ([`Widget::params`]).
    fn params(&self) -> Params;
    /// The training run.
    fn digit_run(&self) -> &DigitRun;
    /// The training run, to attach the digits or take over another widget's.
    fn digit_run_mut(&mut self) -> &mut DigitRun;
    /// Read-outs shown after epoch, test accuracy and test loss.
    fn more_readouts(&self) -> Vec<Readout> {
        Vec::new()
    }
}

/// Writes [`DigitWidget::digit_run`] and [`DigitWidget::digit_run_mut`] for a widget whose
/// run is its field `$run`.
macro_rules! digit_run_in {
    ($run:ident) => {
        fn digit_run(&self) -> &$crate::lesson::digit_run::DigitRun {
            &self.$run
        }

        fn digit_run_mut(&mut self) -> &mut $crate::lesson::digit_run::DigitRun {
            &mut self.$run
        }
    };
}
pub(crate) use digit_run_in;

impl<W: DigitWidget> Widget for W {
    fn spec() -> WidgetSpec {
        <W as DigitWidget>::spec()
    }

    fn from_params(params: &Params) -> Result<Self> {
        <W as DigitWidget>::from_params(params)
    }

    fn params(&self) -> Params {
        <W as DigitWidget>::params(self)
    }

    /// Starts again from the settings with the digits of the file (a bad file keeps the
    /// last good state).
    fn attach_data(&mut self, bytes: &[u8]) -> Result<()> {
        let set = DigitSet::parse(bytes)?;
        let mut fresh = <W as DigitWidget>::from_params(&DigitWidget::params(self))?;
        fresh.digit_run_mut().set_data(Arc::new(set));
        *self = fresh;
        Ok(())
    }

    fn awaiting_data(&self) -> bool {
        !self.digit_run().has_data()
    }

    /// Takes over the digits and, when only [`DigitWidget::VIEW_KEYS`] changed, the
    /// training too.
    fn share_data_from(&mut self, other: &Self) {
        let training = |w: &Self| {
            let mut p = DigitWidget::params(w);
            p.0.retain(|(k, _)| !W::VIEW_KEYS.contains(&k.as_str()));
            p
        };
        let (mine, theirs) = (DigitWidget::params(self), DigitWidget::params(other));
        if mine != theirs && training(self) == training(other) {
            *self.digit_run_mut() = other.digit_run().clone();
        } else {
            self.digit_run_mut().share_data(other.digit_run());
        }
    }

    fn step(&mut self) -> Result<Outcome> {
        self.digit_run_mut().step()
    }

    fn steps(&self) -> usize {
        self.digit_run().steps()
    }

    fn table(&self) -> Table {
        epoch_table(self.digit_run().history())
    }

    fn readouts(&self) -> Vec<Readout> {
        let mut r = epoch_readouts(self.digit_run());
        r.extend(self.more_readouts());
        r
    }

    fn status(&self) -> Option<Text> {
        self.digit_run().status()
    }
}
