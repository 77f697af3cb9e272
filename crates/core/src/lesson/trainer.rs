//! Step 5 — the playground: a TensorFlow-Playground-style trainer on top of
//! [`ExperimentConfig`]. Every control is one key of the experiment's query, so the
//! widget's URL state is the experiment (`init=xavier` and `epochs=1000` are fixed).
//!
//! One Step trains [`EPOCHS_PER_STEP`] epochs and adds a table row (train/test loss and
//! accuracy); training ends after [`MAX_EPOCHS`]. A divergence is the engine's `Diverged`
//! error and the network keeps the weights of its last good epoch.

use crate::error::Result;
use crate::experiment::{activation_name, Experiment, ExperimentConfig, ExperimentRecord};
use crate::nn::metrics::class_of;
use crate::nn::Regularization;
use crate::params::{format_layers, Params};
use crate::text::Text;
use crate::widget::{
    finish, finite, keep_error, Column, Outcome, Readout, Table, Widget, WidgetSpec,
};

/// Epochs per Step.
pub const EPOCHS_PER_STEP: usize = 10;

/// The widget: an [`Experiment`] trained ten epochs per Step.
#[derive(Clone, Debug)]
pub struct Playground {
    exp: Experiment,
    start: ExperimentRecord,
    rows: Vec<ExperimentRecord>,
    steps: usize,
    done: Option<Text>,
    /// The λ control's value: kept apart from the experiment, which only holds λ when a
    /// penalty is chosen, so switching the penalty off and on keeps the learner's λ.
    lambda: String,
}

impl Playground {
    /// The experiment (settings, trainer, both sets, per-epoch history).
    pub fn experiment(&self) -> &Experiment {
        &self.exp
    }

    /// The untrained state (epoch 0) followed by every epoch trained.
    pub fn curve(&self) -> Vec<ExperimentRecord> {
        let mut c = vec![self.start];
        c.extend_from_slice(&self.exp.history);
        c
    }

    /// Number of classes (2, or 3 for the copper coin and custom points with a class 2).
    pub fn classes(&self) -> usize {
        self.exp.config.classes()
    }

    /// Training (`test` false) or test points: x₁, x₂ and the class (0, 1 or 2).
    pub fn points(&self, test: bool) -> Vec<(f64, f64, usize)> {
        let d = if test {
            &self.exp.test
        } else {
            &self.exp.train
        };
        let signed = self.signed();
        (0..d.len())
            .map(|i| {
                let (x, y) = (d.x.row(i), d.y.row(i));
                let c = match y {
                    [v] => usize::from(if signed { *v >= 0.0 } else { *v >= 0.5 }),
                    _ => class_of(y),
                };
                (x[0] as f64, x[1] as f64, c)
            })
            .collect()
    }

    fn signed(&self) -> bool {
        self.exp.config.head == crate::experiment::Head::TanhMse
    }

    /// The network's output at the points `xy`, in one forward pass over all of them,
    /// as values in [0, 1]: one per point (P(class 1)) for two classes, three per point
    /// for three. Empty if a point is not finite.
    pub fn scores(&self, xy: &[(f64, f64)]) -> Vec<f64> {
        let flat: Vec<f32> = xy.iter().flat_map(|&(a, b)| [a as f32, b as f32]).collect();
        let mut net = self.exp.trainer.network().clone();
        let Ok(a) = net.predict_rows(&flat) else {
            return Vec::new();
        };
        let signed = self.signed();
        a.data
            .iter()
            .map(|&v| {
                let v = v as f64;
                if signed {
                    ((v + 1.0) / 2.0).clamp(0.0, 1.0)
                } else {
                    v
                }
            })
            .collect()
    }

    /// Epochs trained.
    pub fn epochs(&self) -> usize {
        self.exp.history.len()
    }

    fn last(&self) -> ExperimentRecord {
        self.exp.history.last().copied().unwrap_or(self.start)
    }
}

impl Widget for Playground {
    fn spec() -> WidgetSpec {
        let title = (
            "Playground: train your own network",
            "游乐场：训练你自己的网络",
        );
        WidgetSpec::new("trainer", title, &spec::specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let mut exp = ExperimentConfig::parse(&query(params)?)?.build()?;
        let (train, test) = (exp.evaluate_train(), exp.evaluate_test());
        let start = ExperimentRecord {
            epoch: 0,
            train_loss: train.loss,
            test_loss: test.loss,
            train_accuracy: train.accuracy as f32,
            test_accuracy: test.accuracy as f32,
        };
        Ok(Playground {
            exp,
            start,
            rows: Vec::new(),
            steps: 0,
            done: None,
            lambda: spec::lambda(params)?,
        })
    }

    fn params(&self) -> Params {
        let c = &self.exp.config;
        let layers = format_layers(&c.layers);
        data::with_points(
            Params(vec![
                ("dataset".into(), c.dataset.name().into()),
                ("noise".into(), c.noise.to_string()),
                ("train".into(), c.train_percent.to_string()),
                ("batch".into(), c.batch.to_string()),
                ("lr".into(), c.learning_rate.to_string()),
                (
                    "act".into(),
                    activation_name(c.activation).unwrap_or("tanh").into(),
                ),
                ("layers".into(), layers),
                ("loss".into(), c.head.name().into()),
                ("init".into(), c.init.name().into()),
                ("optimizer".into(), c.optimizer.name().into()),
                (
                    "reg".into(),
                    match c.regularization {
                        Regularization::None => "none",
                        Regularization::L1(_) => "l1",
                        Regularization::L2(_) => "l2",
                    }
                    .into(),
                ),
                ("lambda".into(), self.lambda.clone()),
                ("dropout".into(), c.dropout.to_string()),
                ("bn".into(), u8::from(c.batch_norm).to_string()),
                ("seed".into(), c.seed.to_string()),
            ]),
            c,
        )
    }

    fn step(&mut self) -> Result<Outcome> {
        if let Some(t) = &self.done {
            return Ok(Outcome::Done(t.clone()));
        }
        let cap = self.exp.config.epochs;
        for _ in 0..EPOCHS_PER_STEP {
            if self.exp.history.len() >= cap {
                break;
            }
            // The trainer keeps the weights of the last good epoch; later Steps repeat the
            // note instead of training on.
            keep_error(&mut self.done, self.exp.epoch())?;
        }
        self.steps += 1;
        self.rows.push(self.last());
        if self.exp.history.len() >= cap {
            let r = self.last();
            let why = Text::new(
                format!(
                    "Stopped at the limit of {cap} epochs: test loss {:.4}, test accuracy {:.3}.",
                    r.test_loss, r.test_accuracy
                ),
                format!(
                    "达到 {cap} 轮的上限，停止训练：测试损失 {:.4}，测试准确率 {:.3}。",
                    r.test_loss, r.test_accuracy
                ),
            );
            return finish(&mut self.done, why);
        }
        Ok(Outcome::Stepped)
    }

    fn steps(&self) -> usize {
        self.steps
    }

    fn table(&self) -> Table {
        let train_accuracy = Column::text("train_accuracy", "train accuracy", "训练准确率");
        Table::of_records(4, &self.rows)
            .column(Column::count("epoch", "epoch", "轮数"), |r| {
                r.epoch as f64
            })
            .maybe(Column::train_loss(), |r| finite(r.train_loss as f64))
            .maybe(Column::test_loss(), |r| finite(r.test_loss as f64))
            .maybe(train_accuracy, |r| finite(r.train_accuracy as f64))
            .maybe(Column::test_accuracy(), |r| finite(r.test_accuracy as f64))
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let r = self.last();
        // Precision, recall and F1 of the test set (class 1 for two classes, the macro
        // average for three), from the confusion matrix of the current weights.
        let m = self.exp.test_metrics();
        let params = self.exp.trainer.network().param_count() as f64;
        let rows = [
            ("epoch", ("epoch", "轮数"), r.epoch as f64, 0),
            (
                "train_loss",
                ("train loss", "训练损失"),
                r.train_loss as f64,
                4,
            ),
            (
                "test_loss",
                ("test loss", "测试损失"),
                r.test_loss as f64,
                4,
            ),
            (
                "train_accuracy",
                ("train accuracy", "训练准确率"),
                r.train_accuracy as f64,
                3,
            ),
            (
                "test_accuracy",
                ("test accuracy", "测试准确率"),
                r.test_accuracy as f64,
                3,
            ),
            (
                "precision",
                ("test precision", "测试精确率"),
                m.precision,
                3,
            ),
            ("recall", ("test recall", "测试召回率"), m.recall, 3),
            ("f1", ("test F1", "测试 F1"), m.f1, 3),
            ("params", ("weights and biases", "权重与偏置数"), params, 0),
        ];
        let shown =
            |(key, label, v, digits)| Readout::of(key, label, finite(v).unwrap_or(0.0), digits);
        rows.into_iter().map(shown).collect()
    }

    fn status(&self) -> Option<Text> {
        self.done.clone()
    }

    fn upload() -> Option<Text> {
        Some(data::upload_note())
    }

    fn import_csv(&mut self, text: &str) -> Result<()> {
        self.import_points_csv(text)
    }

    fn add_point(&mut self, x1: f64, x2: f64, class: usize) -> Result<()> {
        self.add_custom_point(x1, x2, class)
    }

    fn export_csv(&self) -> Option<String> {
        Some(self.points_csv())
    }
}

#[path = "trainer_spec.rs"]
mod spec;
pub use spec::{query, MAX_EPOCHS, MAX_LAYERS, MAX_UNITS, NO_HIDDEN};
#[path = "trainer_snapshot.rs"]
mod snapshot;
pub use snapshot::Snapshot;
#[path = "trainer_data.rs"]
mod data;

#[cfg(test)]
#[path = "trainer_tests.rs"]
mod tests;

#[path = "trainer_view.rs"]
mod view;
