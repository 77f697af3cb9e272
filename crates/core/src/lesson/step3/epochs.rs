//! The history the step-3 classifiers keep (the logic gates, logistic regression,
//! softmax): one record per Step with the model after it, and the closing note once the
//! loss is below the book's ε or the epoch limit is reached.

use crate::error::{Error, ErrorKind, Result};
use crate::params::{format_value, ParamSpec, Params};
use crate::rng::Rng;
use crate::text::Text;
use crate::widget::{stopped_at_epoch, Outcome};

/// Epochs after which a history's table keeps only every 100th row (the loss curve keeps
/// all); see [`Epochs::table_records`].
pub const DENSE_ROWS: usize = 100;

/// A data set's f32 values as the f64 the step-3 classifiers compute in.
pub fn to_f64(values: &[f32]) -> Vec<f64> {
    values.iter().map(|&v| v as f64).collect()
}

/// One row of a training history: the model after `epoch` epochs.
#[derive(Clone, Debug, PartialEq)]
pub struct Record<N> {
    /// Epochs done.
    pub epoch: usize,
    /// Mean cross-entropy over the samples.
    pub loss: f64,
    /// Share of the samples classified right.
    pub accuracy: f64,
    /// The model.
    pub net: N,
}

/// The settings of the classifiers trained one epoch per Step (`logistic`, `softmax`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// Learning rate η.
    pub eta: f64,
    /// Samples per update.
    pub batch: usize,
    /// Epoch limit.
    pub max_epochs: usize,
    /// Seed of the data and the shuffles.
    pub seed: u64,
}

impl Settings {
    /// The four settings: η, batch (1 … `samples`), max epochs (10 … `epochs`) and the
    /// data seed (default `seed`).
    pub fn specs(samples: f64, epochs: f64, seed: f64) -> [ParamSpec; 4] {
        [
            ParamSpec::eta(0.01, 10.0, 0.01, 0.1),
            ParamSpec::batch(1.0, samples, 1.0, 10.0),
            ParamSpec::num(
                "epochs",
                ("max epochs", "最大轮数"),
                [10.0, epochs, 10.0, 100.0],
            ),
            ParamSpec::data_seed(seed),
        ]
    }

    /// The settings from `params`, checked against `specs`.
    pub fn read(params: &Params, specs: &[ParamSpec; 4]) -> Result<Settings> {
        let (eta, batch, max_epochs, seed) = params.read(specs)?;
        Ok(Settings {
            eta,
            batch,
            max_epochs,
            seed,
        })
    }

    /// The settings as the URL holds them.
    pub fn params(&self) -> Params {
        Params(vec![
            ("eta".into(), format_value(self.eta)),
            ("batch".into(), self.batch.to_string()),
            ("epochs".into(), self.max_epochs.to_string()),
            ("seed".into(), self.seed.to_string()),
        ])
    }
}

/// The records, epoch 0 first, and the closing note.
#[derive(Clone, Debug)]
pub struct Epochs<N> {
    records: Vec<Record<N>>,
    done: Option<Text>,
}

/// The error a blown-up training run gives; the widget keeps its last good state.
pub fn diverged() -> Error {
    Error::new(
        ErrorKind::Diverged,
        "Diverged: the weights became too large. Lower the learning rate η.",
        "发散了：权重变得过大。请调小学习率 η。",
    )
}

/// [`diverged`] unless the model's values and its loss are finite.
pub fn check_finite(net_finite: bool, loss: f64) -> Result<()> {
    if net_finite && loss.is_finite() {
        Ok(())
    } else {
        Err(diverged())
    }
}

impl<N> Epochs<N> {
    /// A history that starts with the untrained model.
    pub fn new(net: N, loss: f64, accuracy: f64) -> Self {
        Epochs {
            records: vec![Record {
                epoch: 0,
                loss,
                accuracy,
                net,
            }],
            done: None,
        }
    }

    /// Every record, epoch 0 first.
    pub fn records(&self) -> &[Record<N>] {
        &self.records
    }

    /// The latest record.
    pub fn last(&self) -> &Record<N> {
        &self.records[self.records.len() - 1]
    }

    /// The model now.
    pub fn net(&self) -> &N {
        &self.last().net
    }

    /// The records a table shows: every epoch up to [`DENSE_ROWS`], then every 100th,
    /// and the latest.
    pub fn table_records(&self) -> impl Iterator<Item = &Record<N>> {
        let last = self.steps();
        self.records
            .iter()
            .filter(move |r| r.epoch <= DENSE_ROWS || r.epoch % 100 == 0 || r.epoch == last)
    }

    /// Steps taken (records after the first).
    pub fn steps(&self) -> usize {
        self.records.len() - 1
    }

    /// The closing note, once training has stopped.
    pub fn done(&self) -> Option<&Text> {
        self.done.as_ref()
    }

    /// Adds the model after `epoch` epochs and closes the history when the loss is below
    /// `eps` or `epoch` reaches `max_epochs`.
    pub fn push(&mut self, record: Record<N>, eps: f64, max_epochs: usize) -> Outcome {
        let (epoch, loss) = (record.epoch, record.loss);
        self.records.push(record);
        if loss < eps || epoch >= max_epochs {
            let t = stopped_at_epoch(epoch, loss);
            self.done = Some(t.clone());
            return Outcome::Done(t);
        }
        Outcome::Stepped
    }
}

impl<N: Clone> Epochs<N> {
    /// One Step of training: `train` gets a copy of the latest model and of `rng` and
    /// returns the copy's loss, accuracy and whether its values are finite. A copy that blew
    /// up is refused ([`diverged`]) and nothing changes; else it is pushed as the next
    /// epoch's record ([`Epochs::push`]) and `rng` moves on.
    pub fn train(
        &mut self,
        rng: &mut Rng,
        eps: f64,
        max_epochs: usize,
        train: impl FnOnce(&mut N, &mut Rng) -> (f64, f64, bool),
    ) -> Result<Outcome> {
        if let Some(t) = &self.done {
            return Ok(Outcome::Done(t.clone()));
        }
        let (mut net, mut next) = (self.last().net.clone(), rng.clone());
        let (loss, accuracy, finite) = train(&mut net, &mut next);
        check_finite(finite, loss)?;
        *rng = next;
        let epoch = self.steps() + 1;
        let record = Record {
            epoch,
            loss,
            accuracy,
            net,
        };
        Ok(self.push(record, eps, max_epochs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(epoch: usize, loss: f64) -> Record<()> {
        Record {
            epoch,
            loss,
            accuracy: 0.5,
            net: (),
        }
    }

    #[test]
    fn stops_below_eps_or_at_the_limit_and_keeps_every_record() {
        let mut h = Epochs::new((), 0.7, 0.5);
        assert_eq!(h.push(record(1, 0.5), 0.01, 3), Outcome::Stepped);
        assert!(h.done().is_none());
        assert!(matches!(
            h.push(record(2, 0.009), 0.01, 3),
            Outcome::Done(_)
        ));
        assert_eq!((h.steps(), h.last().epoch), (2, 2));
        let mut h = Epochs::new((), 0.7, 0.5);
        h.push(record(1, 0.5), 0.01, 3);
        h.push(record(2, 0.5), 0.01, 3);
        assert!(matches!(h.push(record(3, 0.5), 0.01, 3), Outcome::Done(_)));
        assert_eq!(h.records().len(), 4);
        assert!(check_finite(true, 0.1).is_ok());
        assert!(check_finite(false, 0.1).is_err());
        assert!(check_finite(true, f64::NAN).is_err());
    }
}
