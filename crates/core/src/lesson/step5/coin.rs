//! Step 5, ch11 — three classes on the "copper coin" (铜钱孔): a square hole (class 1),
//! the ring of the coin around it (class 2) and the outside (class 3).
//!
//! A 2-n-3 network: n sigmoid hidden units, softmax output with cross-entropy, Xavier
//! weights, η 0.1, batch 10; 1000 training points (a tenth held out for validation) and
//! 500 test points. The book's Table 11.2 gives the test accuracy by hidden units:
//! 2 → 0.618, 4 → 0.954, 8 → 0.97, 16 → 0.978. The table here is the confusion matrix on
//! the test set, with each class's precision and recall.

use crate::dataset::sizes::VALIDATION_SHARE;
use crate::dataset::{book, Dataset};
use crate::error::Result;
use crate::lesson::run::{book_config, steps_by_run, to_data, two_layer, Run};
use crate::nn::{split, ConfusionMatrix, Data, Trainer, TrainerConfig};
use crate::params::{ParamSpec, Params};
use crate::widget::{finite, Column, Readout, Table, Widget, WidgetSpec};

/// The book's stop rule in ch11.2: validation loss 0.01 (rarely reached).
pub const EPS: f32 = 0.01;
/// The book's epoch limit in ch11.2.
pub const MAX_EPOCHS: usize = 10_000;
/// Epochs per Step.
pub const EPOCHS_PER_STEP: usize = 20;
/// Seed of the points, the same for every learner.
pub const DATA_SEED: u64 = 5;
/// Number of classes.
pub const CLASSES: usize = 3;

/// The widget: the copper coin learned by a 2-n-3 network.
#[derive(Clone, Debug)]
pub struct Coin {
    hidden: usize,
    eta: f64,
    seed: u64,
    test_raw: Dataset,
    test: Data,
    run: Run,
}

fn specs() -> [ParamSpec; 3] {
    [
        ParamSpec::units([2.0, 64.0, 1.0, 8.0]),
        ParamSpec::eta(0.01, 2.0, 0.01, 0.1),
        ParamSpec::seed(1000.0),
    ]
}

impl Coin {
    /// The training run.
    pub fn run(&self) -> &Run {
        &self.run
    }

    /// Hidden units.
    pub fn hidden(&self) -> usize {
        self.hidden
    }

    /// The 500 test points with their classes (0 square, 1 ring, 2 outside).
    pub fn points(&self) -> Vec<(f64, f64, usize)> {
        (0..self.test_raw.n)
            .map(|i| {
                let r = self.test_raw.row(i);
                (r[0] as f64, r[1] as f64, self.test_raw.label_class(i))
            })
            .collect()
    }

    /// Class probabilities at the points `(x1, x2)`, three per point.
    pub fn probabilities(&self, xy: &[(f64, f64)]) -> Vec<[f64; CLASSES]> {
        let x: Vec<f32> = xy.iter().flat_map(|&(a, b)| [a as f32, b as f32]).collect();
        let a = self.run.predict(&x);
        a.data
            .chunks_exact(CLASSES)
            .map(|p| [p[0] as f64, p[1] as f64, p[2] as f64])
            .collect()
    }

    /// The widget on the points drawn from `data_seed`.
    fn with_data(params: &Params, data_seed: u64) -> Result<Coin> {
        let (hidden, eta, seed) = params.read(&specs())?;
        let (train, test_raw) = book::ch11(data_seed);
        let parts = split(&to_data(&train)?, VALIDATION_SHARE, 0.0, Some(seed))?;
        let config = TrainerConfig {
            // The stop rule watches the validation loss; skipping the extra pass over the
            // training set halves the time per epoch.
            eval_train: false,
            ..book_config(eta, 10, MAX_EPOCHS, EPS, seed)
        };
        let net = two_layer(2, hidden, CLASSES, seed)?;
        let trainer = Trainer::new(net, parts.train, Some(parts.validation), config)?;
        Ok(Coin {
            hidden,
            eta,
            seed,
            test: to_data(&test_raw)?,
            test_raw,
            run: Run::new(trainer, EPOCHS_PER_STEP),
        })
    }

    /// The confusion matrix on the test set (rows true class, columns predicted).
    pub fn confusion(&self) -> ConfusionMatrix {
        let a = self.run.predict(&self.test.x.data);
        if a.rows != self.test.len() {
            return ConfusionMatrix::new(CLASSES);
        }
        ConfusionMatrix::from_outputs(&a, &self.test.y)
    }
}

impl Widget for Coin {
    fn spec() -> WidgetSpec {
        let title = ("Three classes on a copper coin", "铜钱孔：三分类");
        WidgetSpec::new("coin", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        Coin::with_data(params, DATA_SEED)
    }

    fn params(&self) -> Params {
        Params::write(&specs(), (self.hidden, self.eta, self.seed))
    }

    steps_by_run!(run);

    /// The test set's confusion matrix: one row per true class (the book's 1, 2, 3),
    /// the counts predicted as each class, then that class's precision and recall.
    fn table(&self) -> Table {
        // One row per true class c, counted by predicted class, then its precision and recall.
        let cm = self.confusion();
        Table::of_records(3, 0..CLASSES)
            .column(Column::count("class", "true class", "真实类别"), |&c| {
                (c + 1) as f64
            })
            .column(
                Column::count("pred1", "→ 1 (square)", "→ 1（方孔）"),
                |&c| cm.get(c, 0) as f64,
            )
            .column(
                Column::count("pred2", "→ 2 (ring)", "→ 2（圆环）"),
                |&c| cm.get(c, 1) as f64,
            )
            .column(
                Column::count("pred3", "→ 3 (outside)", "→ 3（外部）"),
                |&c| cm.get(c, 2) as f64,
            )
            .maybe(Column::text("precision", "precision", "精确率"), |&c| {
                finite(cm.precision(c))
            })
            .maybe(Column::text("recall", "recall", "召回率"), |&c| {
                finite(cm.recall(c))
            })
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let acc = finite(self.confusion().accuracy()).unwrap_or(0.0);
        let mut r = self.run.readouts(("validation loss", "验证损失"), 4);
        r.push(Readout::test_accuracy(acc, 3));
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::widget::{refusal, refused, Outcome};

    fn trained(hidden: usize, steps: usize) -> Coin {
        let mut p = Params::default();
        p.set("units", hidden.to_string());
        let mut w = Coin::from_params(&p).unwrap();
        for _ in 0..steps {
            if let Ok(Outcome::Done(_)) | Err(_) = w.step() {
                break;
            }
        }
        w
    }

    fn accuracy(w: &Coin) -> f64 {
        Readout::value_of(&w.readouts(), "test_accuracy").unwrap_or(0.0)
    }

    #[test]
    fn eight_hidden_units_reach_95_percent() {
        // Book Table 11.2: 2-8-3 reaches test accuracy 0.97 (after up to 10000 epochs);
        // the requirement for this lesson is at least 0.95. With our data (seed 5) and the
        // default weights (seed 1) a release run measured 0.954 at epoch 1000 and 0.972 at
        // 1200. About 9 s in the unoptimised test profile.
        let w = trained(8, STEPS_FOR_8);
        let acc = accuracy(&w);
        assert!(
            acc >= 0.95,
            "test accuracy {acc} after {} epochs",
            w.run().epochs()
        );
        let t = w.table();
        let total: f64 = (0..3)
            .flat_map(|r| ["pred1", "pred2", "pred3"].map(|k| t.get(r, k).unwrap_or(0.0)))
            .sum();
        assert_eq!(total, 500.0);
    }

    #[test]
    fn two_hidden_units_are_not_enough() {
        // Book Table 11.2: 2 hidden units stay near 0.618 — two lines can't carve a ring.
        let w = trained(2, 20);
        assert!(accuracy(&w) < 0.9, "{}", accuracy(&w));
    }

    #[test]
    fn unit_counts_are_checked_in_both_languages() {
        let e = refusal::<Coin>(&[("units", "2.5")]);
        assert!(e.text.en.contains("hidden units") && e.text.zh.contains("整数"));
        assert_eq!(refused::<Coin>("units", "65"), ErrorKind::OutOfRange);
    }

    #[test]
    fn sixty_four_hidden_units_train_like_table_11_2() {
        // Book Table 11.2 (ch11.2): 64 hidden units → test accuracy 0.972, loss 0.075
        // after up to 10000 epochs. The page now takes 64 units; after 800 epochs (a few
        // seconds here) the test accuracy is 0.92 — 64 sigmoid units start slower than 8
        // (0.95 at about 1000 epochs) — and the longer runs are in the lesson text.
        let w = trained(64, 40);
        let acc = accuracy(&w);
        assert!(
            acc >= 0.9,
            "test accuracy {acc} after {} epochs",
            w.run().epochs()
        );
        // Validation loss 0.21 by then (the book's 0.075 is after up to 10000 epochs).
        assert!(w.run().loss() < 0.25, "{}", w.run().loss());
    }

    /// Steps (of 20 epochs) the tests train.
    const STEPS_FOR_8: usize = 60;
}
