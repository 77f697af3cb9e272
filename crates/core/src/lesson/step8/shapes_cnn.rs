//! Step 8, ch18.1–18.3 — a DNN against a CNN on generated shapes and colours
//! ([`crate::dataset::shapes`]): which of six colours (ch18.1), which of five figures
//! (ch18.2), which of nine (figure, colour) pairs (ch18.3). The nets and the book's
//! settings are in [`super::cnn_nets`]; the DNN sees the grey image
//! (0.299 R + 0.587 G + 0.114 B), the CNN the colour planes.
//!
//! The book's results (test accuracy): colour DNN 0.816, CNN 0.963; shape DNN 0.898,
//! CNN ≈ 0.96; shape + colour DNN ≈ 0.90, CNN 0.97. The mini-batch is 16 images and the
//! optimizer the book's (Momentum for the shape + colour DNN, SGD otherwise); η, the
//! epochs and the seed (of the images and the weights) are settings.

use super::cnn_nets::{book_run, shapes_cnn, shapes_dnn, BookRun};
use super::shape_run::{Plan, Sets, ShapeRun};
use crate::dataset::shapes::{generate, ShapeSet, Task};
use crate::error::Result;
use crate::lesson::digits::{epoch_table, updates_readout};
use crate::lesson::run::steps_by_run;
use crate::params::{ParamSpec, Params};
use crate::text::Text;
use crate::widget::{Readout, Table, Widget, WidgetSpec};
use std::sync::Arc;

/// Mini-batches per Step (8 × 16 = 128 images; the shape CNN's Step is a few tenths of a
/// second in the page).
pub const BATCHES_PER_STEP: usize = 8;

/// The choices of the `task` setting: (value, English, Chinese).
const TASKS: [(&str, &str, &str); 3] = [
    ("colour", "colour (6)", "颜色（6 类）"),
    ("shape", "shape (5)", "形状（5 类）"),
    ("shape-colour", "shape + colour (9)", "形状 + 颜色（9 类）"),
];

/// The choices of the `net` setting: (value, English, Chinese).
const NETS: [(&str, &str, &str); 2] = [
    ("dnn", "DNN (grey pixels)", "全连接网络（灰度）"),
    ("cnn", "CNN", "卷积网络"),
];

fn specs() -> [ParamSpec; 5] {
    [
        ParamSpec::choice("task", Text::new("task", "任务"), &TASKS, "colour"),
        ParamSpec::choice("net", Text::new("network", "网络"), &NETS, "cnn"),
        ParamSpec::eta(0.001, 1.0, 0.001, 0.1),
        ParamSpec::epochs([1.0, 100.0, 1.0, 5.0]),
        ParamSpec::seed(1000.0),
    ]
}

/// The training and test images of `task` from `seed`, as the net sees them: grey rows
/// for the DNN, the colour planes for the CNN. Also returns the test images as drawn.
pub fn sets(task: Task, cnn: bool, seed: u64) -> (Sets, ShapeSet) {
    let (train, test) = generate(task, seed);
    let view = |s: &ShapeSet| if cnn { s.data.clone() } else { s.greyscale() };
    let sets = Sets {
        train: view(&train),
        test: view(&test),
        test_labels: test.labels.clone(),
    };
    (sets, test)
}

/// A run of the book's net for `task` with η `eta` for `epochs` epochs; the images and
/// the weights drawn from `seed`.
pub fn book_net_run(task: Task, cnn: bool, eta: f64, epochs: usize, seed: u64) -> Result<ShapeRun> {
    let (sets, _) = sets(task, cnn, seed);
    run_on(Arc::new(sets), task, cnn, eta, epochs, seed)
}

/// A run of the book's net for `task` on `sets` (see [`book_net_run`]).
pub fn run_on(
    sets: Arc<Sets>,
    task: Task,
    cnn: bool,
    eta: f64,
    epochs: usize,
    seed: u64,
) -> Result<ShapeRun> {
    let cfg = if cnn {
        shapes_cnn(task, seed)
    } else {
        shapes_dnn(task, seed)
    };
    let book = book_run(task, cnn);
    let plan = Plan {
        eta,
        batch: book.batch,
        batches_per_step: BATCHES_PER_STEP,
        epochs,
        seed,
    };
    Ok(ShapeRun::new(
        cfg.build()?,
        book.optimizer.build(),
        sets,
        plan,
    ))
}

/// The `shapes-cnn` widget.
#[derive(Clone, Debug)]
pub struct ShapesCnn {
    task: Task,
    cnn: bool,
    eta: f64,
    epochs: usize,
    seed: u64,
    gallery: Arc<ShapeSet>,
    run: ShapeRun,
}

impl ShapesCnn {
    /// The training run (history, mistakes, the network).
    pub fn run(&self) -> &ShapeRun {
        &self.run
    }
    /// The task.
    pub fn task(&self) -> Task {
        self.task
    }
    /// Whether the net is the CNN.
    pub fn is_cnn(&self) -> bool {
        self.cnn
    }
    /// The test images as drawn (colour planes), for the gallery and the mistakes.
    pub fn test_images(&self) -> &ShapeSet {
        &self.gallery
    }
    /// The book's settings and result for this task and net.
    pub fn book(&self) -> BookRun {
        book_run(self.task, self.cnn)
    }
}

impl Widget for ShapesCnn {
    fn spec() -> WidgetSpec {
        let title = (
            "DNN or CNN on generated shapes and colours",
            "生成的形状和颜色：全连接网络对卷积网络",
        );
        WidgetSpec::new("shapes-cnn", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (task, net, eta, epochs, seed): (String, String, f64, usize, u64) =
            params.read(&specs())?;
        let task = Task::from_name(&task).unwrap_or(Task::Colour);
        let cnn = net == "cnn";
        let (sets, test) = sets(task, cnn, seed);
        let run = run_on(Arc::new(sets), task, cnn, eta, epochs, seed)?;
        Ok(ShapesCnn {
            task,
            cnn,
            eta,
            epochs,
            seed,
            gallery: Arc::new(test),
            run,
        })
    }

    fn params(&self) -> Params {
        let net = if self.cnn { "cnn" } else { "dnn" };
        let (task, net) = (self.task.name().to_string(), net.to_string());
        Params::write(&specs(), (task, net, self.eta, self.epochs, self.seed))
    }

    steps_by_run!(run);

    fn table(&self) -> Table {
        epoch_table(self.run.history())
    }

    fn readouts(&self) -> Vec<Readout> {
        let last = self.run.history().last();
        let acc = last.map_or(0.0, |r| r.test_accuracy);
        vec![
            Readout::of("epoch", ("epoch", "轮次"), self.run.epoch(), 2),
            Readout::test_accuracy(acc, 4),
            Readout::of(
                "book_accuracy",
                ("the book's accuracy", "书中的准确率"),
                self.book().accuracy,
                3,
            ),
            updates_readout(&self.run),
        ]
    }
}

#[cfg(test)]
#[path = "shapes_cnn_tests.rs"]
mod tests;
