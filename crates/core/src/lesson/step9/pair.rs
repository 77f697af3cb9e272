//! What the two widgets on one subtraction pair share (`rnn-minus`, ch19.2, and
//! `rnn-gates`, ch20.2–20.3): the settings a, b, epochs, η and seed, the check and the note
//! on the pair, the first columns of their time-step tables and the read-outs on the
//! training (accuracy over the 136 pairs by epoch).

use crate::error::{Error, ErrorKind, Result};
use crate::params::{ParamSpec, Params, Settings};
use crate::text::Text;
use crate::widget::{Column, Readout};

/// The settings a, b (`b_default` by default), most epochs (up to `max_epochs`, all of
/// them by default), η and seed, in this order.
pub fn pair_specs(b_default: f64, max_epochs: usize) -> [ParamSpec; 5] {
    let most = ("most epochs", "最多轮数");
    [
        ParamSpec::num("a", ("a", "a"), [0.0, 15.0, 1.0, 13.0]),
        ParamSpec::num("b", ("b (≤ a)", "b（≤ a）"), [0.0, 15.0, 1.0, b_default]),
        ParamSpec::num(
            "epochs",
            most,
            [0.0, max_epochs as f64, 1.0, max_epochs as f64],
        ),
        ParamSpec::eta(0.01, 1.0, 0.01, 0.1),
        ParamSpec::seed(1000.0),
    ]
}

/// The settings of a subtraction-pair widget (see [`pair_specs`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PairSettings {
    /// (a, b), b ≤ a.
    pub pair: (usize, usize),
    /// Most epochs to train.
    pub epochs: usize,
    /// Learning rate.
    pub eta: f64,
    /// Seed of the weights and the shuffles.
    pub seed: u64,
}

impl PairSettings {
    /// Reads the five settings of `specs` (as [`pair_specs`] makes them); b > a is an error.
    pub fn read(params: &Params, specs: &[ParamSpec; 5]) -> Result<PairSettings> {
        let (a, b, epochs, eta, seed) = params.read(specs)?;
        check_pair(a, b)?;
        Ok(PairSettings {
            pair: (a, b),
            epochs,
            eta,
            seed,
        })
    }

    /// The values, in the order of [`pair_specs`].
    pub fn values(&self) -> [String; 5] {
        let (a, b) = self.pair;
        (a, b, self.epochs, self.eta, self.seed).write()
    }
}

/// Refuses a pair with b > a (the nets do not handle negative numbers).
pub fn check_pair(a: usize, b: usize) -> Result<()> {
    if b > a {
        return Err(Error::new(
            ErrorKind::BadValue,
            format!("The net subtracts without negative numbers: b = {b} must not exceed a = {a}."),
            format!("这个网络不处理负数：b = {b} 不能大于 a = {a}。"),
        ));
    }
    Ok(())
}

/// Whether the net's answer `ans` to a − b is right, in words.
pub fn pair_status(a: usize, b: usize, ans: usize) -> Text {
    if ans == a - b {
        Text::new(
            format!("{a} − {b} = {ans}: the net is right."),
            format!("{a} − {b} = {ans}：网络算对了。"),
        )
    } else {
        Text::new(
            format!("The net says {a} − {b} = {ans}, but it is {}.", a - b),
            format!("网络给出 {a} − {b} = {ans}，正确答案是 {}。", a - b),
        )
    }
}

/// The error of a net whose layers are not the ones the widget reads.
pub fn unexpected_form() -> Error {
    Error::new(
        ErrorKind::Unknown,
        "The net has an unexpected form.",
        "网络结构不符合预期。",
    )
}

/// The first columns of a time-step table: the step t and the two input bits.
pub fn step_columns() -> Vec<Column> {
    vec![
        Column::count("t", "step t", "时间步 t"),
        Column::symbol("a_bit", "a_t").with_digits(0),
        Column::symbol("b_bit", "b_t").with_digits(0),
    ]
}

/// The first cells of time step `t` (from 0) with input bits `x`, under [`step_columns`].
pub fn step_cells(t: usize, x: [f32; 2]) -> Vec<Option<f64>> {
    vec![Some((t + 1) as f64), Some(x[0] as f64), Some(x[1] as f64)]
}

/// The first epoch after which every pair was right (`accuracy` by epoch, 0 first).
pub fn epoch_all_right(accuracy: &[f64]) -> Option<usize> {
    accuracy.iter().position(|&a| a == 1.0)
}

/// The read-outs on the pair: a − b and the net's `answer`.
pub fn answer_readouts((a, b): (usize, usize), answer: usize) -> Vec<Readout> {
    vec![
        Readout::new("a_minus_b", Text::same("a − b"), (a - b) as f64, 0),
        Readout::of("answer", ("the net says", "网络的答案"), answer as f64, 0),
    ]
}

/// The read-outs on the training: the last accuracy, the epochs trained and, once reached,
/// the first epoch with every pair right.
pub fn training_readouts(accuracy: &[f64]) -> Vec<Readout> {
    let last = accuracy.last().copied().unwrap_or(0.0);
    let epochs = (accuracy.len() - 1) as f64;
    let mut out = vec![
        Readout::of(
            "accuracy",
            ("right of 136 pairs", "136 对中答对的比例"),
            last,
            4,
        ),
        Readout::of("epochs", ("epochs trained", "训练轮数"), epochs, 0),
    ];
    if let Some(e) = epoch_all_right(accuracy) {
        let label = ("all right after epoch", "全部答对于第几轮");
        out.push(Readout::of("epoch_all", label, e as f64, 0));
    }
    out
}
