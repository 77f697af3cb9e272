//! The training loop the widgets of step 5 share (`xor-net`, `arcs`, `coin`): a
//! two-layer classifier (sigmoid hidden layer, logistic or softmax output, Xavier
//! weights) trained a few epochs per Step with the book's stop rules. A divergence is kept
//! as an error and the weights stay those of the last good epoch.

use crate::dataset::Dataset;
use crate::error::Result;
use crate::nn::{
    Activation, Data, EpochRecord, Init, LayerConfig, Matrix, Network, NetworkConfig, Output, Stop,
    StopReason, Trainer, TrainerConfig,
};
use crate::text::{fmt_num, Text};
use crate::widget::{finish, keep_error, Outcome, Readout};

/// Converts a book dataset into training data.
pub fn to_data(d: &Dataset) -> Result<Data> {
    Data::new(d.x.clone(), d.y.clone(), d.features, d.outputs)
}

/// The (x, y) points of a one-feature book dataset (a curve), as the charts draw them.
pub fn xy_pairs(d: &Dataset) -> Vec<(f64, f64)> {
    d.x.iter()
        .zip(&d.y)
        .map(|(&x, &y)| (x as f64, y as f64))
        .collect()
}

/// A `inputs`-`hidden`-`outputs` network: sigmoid hidden layer, then a logistic
/// (`outputs` = 1) or softmax output, Xavier weights drawn from `seed`.
pub fn two_layer(inputs: usize, hidden: usize, outputs: usize, seed: u64) -> Result<Network> {
    let layer = |units, activation| LayerConfig::Dense { units, activation };
    NetworkConfig {
        inputs,
        layers: vec![
            layer(hidden, Activation::Sigmoid),
            layer(outputs, Activation::Identity),
        ],
        output: if outputs == 1 {
            Output::Logistic
        } else {
            Output::Softmax
        },
        init: Init::Xavier,
        seed,
        input_shape: None,
    }
    .build()
}

/// The book's training settings for these classifiers: η, `batch` samples per update in
/// an order shuffled each epoch from `seed`, stopping once the watched loss is below `eps`
/// or after `max_epochs` epochs.
pub fn book_config(eta: f64, batch: i64, max_epochs: usize, eps: f32, seed: u64) -> TrainerConfig {
    TrainerConfig {
        learning_rate: eta as f32,
        batch_size: batch,
        max_epochs,
        stop: Stop::Loss(eps),
        shuffle: true,
        seed,
        eval_train: true,
        ..Default::default()
    }
}

/// The "N epochs per Step" loop every training widget shares: up to `n` epochs of
/// `trainer`, fewer when its stop rule (or epoch limit) holds first. Returns the last
/// epoch's record (`None` if the run had already stopped). A divergence is the error; the
/// trainer has put back the weights of the last good epoch.
pub fn train_epochs(trainer: &mut Trainer, n: usize) -> Result<Option<EpochRecord>> {
    let mut last = None;
    for _ in 0..n {
        if trainer.stop_reason().is_some() {
            break;
        }
        last = Some(trainer.epoch()?);
    }
    Ok(last)
}

/// A classifier trained a few epochs per Step, shared by `xor-net`, `arcs` and `coin`.
#[derive(Clone, Debug)]
pub struct Run {
    trainer: Trainer,
    per_step: usize,
    steps: usize,
    done: Option<Text>,
}

impl Run {
    /// Wraps a trainer; each Step trains `per_step` epochs or until a stop rule fires.
    pub fn new(trainer: Trainer, per_step: usize) -> Run {
        Run {
            trainer,
            per_step: per_step.max(1),
            steps: 0,
            done: None,
        }
    }

    /// Trains up to `per_step` epochs. A divergence is returned as an error; the weights
    /// stay those of the last good epoch and later Steps repeat the message.
    pub fn step(&mut self) -> Result<Outcome> {
        if let Some(t) = &self.done {
            return Ok(Outcome::Done(t.clone()));
        }
        keep_error(
            &mut self.done,
            train_epochs(&mut self.trainer, self.per_step),
        )?;
        self.steps += 1;
        if let Some(reason) = self.trainer.stop_reason() {
            let (n, loss) = (self.epochs(), fmt_num(self.loss(), 6));
            let why = match reason {
                StopReason::Loss => Text::new(
                    format!("Stopped after epoch {n}: the loss {loss} reached the target."),
                    format!("第 {n} 轮后停止：损失 {loss} 达到了目标。"),
                ),
                _ => Text::new(
                    format!("Reached the limit of {n} epochs (loss {loss})."),
                    format!("达到了 {n} 轮的上限（损失 {loss}）。"),
                ),
            };
            return finish(&mut self.done, why);
        }
        Ok(Outcome::Stepped)
    }

    /// Steps done.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// Epochs trained.
    pub fn epochs(&self) -> usize {
        self.trainer.history().epochs()
    }

    /// The loss the stop rule watches (validation if there is one), NaN-free.
    pub fn loss(&self) -> f64 {
        let h = self.trainer.history();
        h.epochs()
            .checked_sub(1)
            .and_then(|i| h.watched(i))
            .filter(|v| v.is_finite())
            .map_or(0.0, f64::from)
    }

    /// The stop note, once training has ended.
    pub fn status(&self) -> Option<Text> {
        self.done.clone()
    }

    /// The network.
    pub fn network(&self) -> &Network {
        self.trainer.network()
    }

    /// A copy of the network after a forward pass on `x` (rows of `inputs` values), so its
    /// layers hold Z and A of every row. Empty or misshapen input gives `None`.
    pub fn forward(&self, x: &[f32]) -> Option<Network> {
        let cols = self.network().inputs();
        let m = Matrix::from_vec(x.len() / cols.max(1), cols, x.to_vec())?;
        if m.rows == 0 || m.data.len() != x.len() {
            return None;
        }
        let mut net = self.network().clone();
        net.forward(&m);
        Some(net)
    }

    /// The network's output for the rows of `x` (empty if `x` is misshapen).
    pub fn predict(&self, x: &[f32]) -> Matrix {
        self.forward(x).map(|n| n.a().clone()).unwrap_or_default()
    }

    /// The read-outs every such widget starts with: the epochs trained (`epochs`) and the
    /// watched loss (`loss`, labelled `loss_label`, printed with `digits` decimals).
    pub fn readouts(&self, loss_label: (&str, &str), digits: usize) -> Vec<Readout> {
        vec![
            Readout::of("epochs", ("epochs", "轮数"), self.epochs() as f64, 0),
            Readout::of("loss", loss_label, self.loss(), digits),
        ]
    }
}

/// Writes the [`Widget`](crate::widget::Widget) methods `step`, `steps` and `status` of a
/// widget that leaves them to the training run in its field `$run` (a [`Run`], or any
/// type with the same three methods), so each such widget writes only what differs.
macro_rules! steps_by_run {
    ($run:ident) => {
        fn step(&mut self) -> $crate::error::Result<$crate::widget::Outcome> {
            self.$run.step()
        }

        fn steps(&self) -> usize {
            self.$run.steps()
        }

        fn status(&self) -> Option<$crate::text::Text> {
            self.$run.status()
        }
    };
}
pub(crate) use steps_by_run;
