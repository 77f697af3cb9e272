//! The recurrent cell a step-9 lesson lets the learner choose — the plain tanh RNN
//! (ch19), the LSTM (ch20.1–20.2) or the GRU (ch20.3): its `cell` setting, its name in
//! the URL and the recurrent layer it makes.

use crate::nn::layers::{CellType, SeqOutput};
use crate::nn::LayerConfig;
use crate::params::ParamSpec;
use crate::text::Text;

/// The cell of a recurrent lesson (`rnn-gates`, `rnn-forecast`, `rnn-rows`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    /// The plain tanh cell (ch19.2's has no bias and N(0, 1) weights).
    Rnn,
    /// The LSTM (ch20.1–20.2).
    Lstm,
    /// The GRU (ch20.3).
    Gru,
}

/// The cells as the `cell` setting offers them: (value, en, zh).
pub const CELLS: [(&str, &str, &str); 3] = [
    ("rnn", "plain RNN", "普通 RNN"),
    ("lstm", "LSTM", "LSTM"),
    ("gru", "GRU", "GRU"),
];

impl CellKind {
    /// The URL value: `rnn`, `lstm` or `gru`.
    pub fn name(self) -> &'static str {
        match self {
            CellKind::Rnn => "rnn",
            CellKind::Lstm => "lstm",
            CellKind::Gru => "gru",
        }
    }

    /// The kind named `name` (see [`CellKind::name`]).
    pub fn parse(name: &str) -> Option<CellKind> {
        [CellKind::Rnn, CellKind::Lstm, CellKind::Gru]
            .into_iter()
            .find(|k| k.name() == name)
    }

    /// The `cell` setting, `default` chosen at first.
    pub fn spec(default: &str) -> ParamSpec {
        ParamSpec::choice("cell", Text::new("cell", "单元"), &CELLS, default)
    }

    /// The engine's name for this cell (what a bidirectional layer runs).
    pub fn cell_type(self) -> CellType {
        match self {
            CellKind::Rnn => CellType::Rnn,
            CellKind::Lstm => CellType::Lstm,
            CellKind::Gru => CellType::Gru,
        }
    }
}

/// One recurrent layer of `cell`s, `units` wide over `steps` steps, giving `output` (the
/// plain cell with a bias).
pub fn recurrent_layer(
    cell: CellType,
    units: usize,
    steps: usize,
    output: SeqOutput,
) -> LayerConfig {
    match cell {
        CellType::Rnn => LayerConfig::Rnn {
            units,
            steps,
            output,
            bias: true,
        },
        CellType::Lstm => LayerConfig::Lstm {
            units,
            steps,
            output,
        },
        CellType::Gru => LayerConfig::Gru {
            units,
            steps,
            output,
        },
    }
}
