//! Step 9, ch19.7 — digits read row by row. A recurrent layer reads a 28×28 digit as 28
//! time steps of 28 pixels (one image row per step) and a dense softmax layer classifies
//! its last state; one-way, or bidirectional (one cell reading top-down, one bottom-up,
//! their last states side by side). The book: one-way RNN, 32 hidden, η 0.005, batch 128,
//! 100 epochs → 0.9517 best on the MNIST test set; Bi-RNN 20 + 20 hidden, η 0.01 → 0.958;
//! 2281 vs 2060 parameters (table 19-12). Ours trains on the 8,000 shipped digits and tests
//! on the other 2,000 ([`crate::lesson::digit_run`]), plain SGD.
//!
//! ```text
//! one-way   h_t = cell(row_t, h_{t−1})   t = 1 … 28        ŷ = softmax(h_28·V + c)
//! bi        h→_t as above,  h←_t = cell←(row_t, h←_{t+1})  ŷ = softmax([h→_28 h←_1]·V + c)
//! params    RNN: 28·H + H·H + H per direction, then (directions·H)·10 + 10
//! ```
//!
//! `digit` (a test digit) and `row` only choose what the chart shows: the image with row
//! `row` being read and the hidden state after each row read so far. Changing them keeps
//! the training ([`Widget::share_data_from`]).

use crate::error::Result;
use crate::lesson::digit_run::{DigitPlan, DigitRun, DATA_FILE, PIXELS, TEST};
use crate::lesson::digit_widget::digit_run_in;
use crate::lesson::step5::digits::SIDE;
use crate::lesson::step9::cell::{recurrent_layer, CellKind};
use crate::nn::layers::{
    Bidirectional, CellType, GruCell, LstmCell, Mode, Recurrent, RnnCell, SeqOutput,
};
use crate::nn::optim::Sgd;
use crate::nn::{Activation, Init, LayerConfig, Matrix, Network, NetworkConfig, Output};
use crate::params::{ParamSpec, Params};
use crate::text::Text;
use crate::widget::{Readout, WidgetSpec};

/// Mini-batches per Step.
pub const BATCHES_PER_STEP: usize = 4;
/// The book's parameter counts (table 19-12): one-way, bidirectional.
pub const BOOK_PARAMS: (f64, f64) = (2281.0, 2060.0);
/// The book's best test accuracies: one-way, bidirectional.
pub const BOOK_ACCURACY: (f64, f64) = (0.9517, 0.958);

/// The widget.
#[derive(Clone, Debug)]
pub struct Rows {
    params: Params,
    cell: CellType,
    bi: bool,
    digit: usize,
    row: usize,
    run: DigitRun,
}

/// The choices of the `direction` setting: (value, English, Chinese).
const DIRECTIONS: [(&str, &str, &str); 2] = [
    ("one-way", "one-way", "单向"),
    ("bi", "bidirectional", "双向"),
];

fn specs() -> [ParamSpec; 9] {
    let n = |key, en, zh, lo, hi, def| ParamSpec::number(key, Text::new(en, zh), lo, hi, 1.0, def);
    [
        CellKind::spec("rnn"),
        ParamSpec::choice(
            "direction",
            Text::new("direction", "方向"),
            &DIRECTIONS,
            "one-way",
        ),
        n(
            "hidden",
            "hidden units (each way)",
            "隐层单元（每个方向）",
            1.0,
            64.0,
            32.0,
        ),
        ParamSpec::eta(0.001, 1.0, 0.001, 0.005),
        ParamSpec::batch(8.0, 1024.0, 8.0, 128.0),
        ParamSpec::epochs([1.0, 100.0, 1.0, 100.0]),
        ParamSpec::seed(1000.0),
        n(
            "digit",
            "test digit",
            "测试数字",
            0.0,
            (TEST - 1) as f64,
            0.0,
        ),
        n(
            "row",
            "row being read",
            "正在读的行",
            1.0,
            SIDE as f64,
            14.0,
        ),
    ]
}

/// The row-by-row net: a recurrent layer over 28 steps (last state), a dense softmax.
pub fn rows_net(cell: CellType, bi: bool, hidden: usize, seed: u64) -> Result<Network> {
    let (units, steps, output) = (hidden, SIDE, SeqOutput::Last);
    let layer = if bi {
        LayerConfig::Bidirectional {
            cell,
            units,
            steps,
            output,
        }
    } else {
        recurrent_layer(cell, units, steps, output)
    };
    NetworkConfig {
        input_shape: None,
        inputs: PIXELS,
        layers: vec![layer, LayerConfig::dense(10, Activation::Identity)],
        output: Output::Softmax,
        init: Init::Xavier,
        seed,
    }
    .build()
}

/// The hidden state after each of the 28 rows for one digit (`[h→ h←]` when
/// bidirectional), from the first layer of `net`; `None` for another kind of net.
pub fn hidden_states(net: &Network, pixels: &[f32]) -> Option<Vec<Vec<f32>>> {
    let mut net = net.clone();
    let x = Matrix::from_vec(1, PIXELS, pixels.to_vec())?;
    net.forward_mode(&x, Mode::Infer);
    let layer = net.layers().first()?.as_any();
    fn one<C: crate::nn::layers::Cell>(l: &Recurrent<C>) -> Vec<Vec<f32>> {
        l.hs().iter().map(|h| h.data.clone()).collect()
    }
    fn two<C: crate::nn::layers::Cell>(l: &Bidirectional<C>) -> Vec<Vec<f32>> {
        (0..SIDE)
            .map(|t| {
                let (f, b) = l.states(t);
                f.data.iter().chain(&b.data).copied().collect()
            })
            .collect()
    }
    layer
        .downcast_ref::<Recurrent<RnnCell>>()
        .map(one)
        .or_else(|| layer.downcast_ref::<Recurrent<LstmCell>>().map(one))
        .or_else(|| layer.downcast_ref::<Recurrent<GruCell>>().map(one))
        .or_else(|| layer.downcast_ref::<Bidirectional<RnnCell>>().map(two))
        .or_else(|| layer.downcast_ref::<Bidirectional<LstmCell>>().map(two))
        .or_else(|| layer.downcast_ref::<Bidirectional<GruCell>>().map(two))
}

impl Rows {
    /// The training run.
    pub fn run(&self) -> &DigitRun {
        &self.run
    }

    /// Whether the net reads both ways.
    pub fn bidirectional(&self) -> bool {
        self.bi
    }

    /// The cell.
    pub fn cell(&self) -> CellType {
        self.cell
    }

    /// The test digit shown and the row (1 … 28) being read.
    pub fn shown(&self) -> (usize, usize) {
        (self.digit, self.row)
    }

    /// Trainable parameters of the net.
    pub fn param_count(&self) -> usize {
        self.run.network().param_count()
    }

    /// The book's parameter count and best accuracy for this direction.
    pub fn book(&self) -> (f64, f64) {
        if self.bi {
            (BOOK_PARAMS.1, BOOK_ACCURACY.1)
        } else {
            (BOOK_PARAMS.0, BOOK_ACCURACY.0)
        }
    }

    /// Best test accuracy over the epochs so far.
    pub fn best_accuracy(&self) -> f64 {
        let acc = self.run.history().iter().map(|r| r.test_accuracy);
        acc.filter(|a| a.is_finite()).fold(0.0, f64::max)
    }

    /// The hidden states of the shown digit, one per row (see [`hidden_states`]).
    pub fn states(&self) -> Option<Vec<Vec<f32>>> {
        hidden_states(self.run.network(), self.run.test_image(self.digit)?)
    }
}

impl crate::lesson::digit_widget::DigitWidget for Rows {
    const VIEW_KEYS: &'static [&'static str] = &["digit", "row"];

    fn spec() -> WidgetSpec {
        let title = ("Digits read row by row", "逐行读入的手写数字");
        WidgetSpec::new("rnn-rows", title, &specs()).with_data(DATA_FILE)
    }

    fn from_params(params: &Params) -> Result<Self> {
        let settings: (String, String, usize, f64, usize, usize, u64, usize, usize) =
            params.read(&specs())?;
        let params = Params::write(&specs(), settings.clone());
        let (cell, direction, hidden, eta, batch, epochs, seed, digit, row) = settings;
        let cell = CellKind::parse(&cell).unwrap_or(CellKind::Rnn);
        let cell = cell.cell_type();
        let bi = direction == "bi";
        let net = rows_net(cell, bi, hidden, seed)?;
        let plan = DigitPlan::constant(eta, batch, BATCHES_PER_STEP, epochs, seed);
        Ok(Rows {
            params,
            cell,
            bi,
            digit,
            row,
            run: DigitRun::new(net, Box::new(Sgd), plan),
        })
    }

    fn params(&self) -> Params {
        self.params.clone()
    }

    digit_run_in!(run);

    fn more_readouts(&self) -> Vec<Readout> {
        let (book_params, book_acc) = self.book();
        let label = self.run.test_label(self.digit).map(|d| {
            let shown = ("the digit shown is a", "所示数字是");
            ("digit_label", shown, d as f64, 0)
        });
        let rows = [
            (
                "best_accuracy",
                ("best test accuracy", "最佳测试准确率"),
                self.best_accuracy(),
                4,
            ),
            (
                "book_accuracy",
                ("book: best (60 000 digits)", "书中最佳（6 万幅）"),
                book_acc,
                4,
            ),
            (
                "params",
                ("parameters", "参数个数"),
                self.param_count() as f64,
                0,
            ),
            (
                "book_params",
                ("book: parameters", "书中参数个数"),
                book_params,
                0,
            ),
        ];
        let rows = rows.into_iter().chain(label);
        rows.map(|(key, text, v, digits)| Readout::of(key, text, v, digits))
            .collect()
    }
}

#[cfg(test)]
#[path = "rows_tests.rs"]
mod tests;
