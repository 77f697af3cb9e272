//! Recurrent nets (step 9) exported to ONNX run in tract-onnx like our engine: RNN, LSTM
//! and GRU layers with a last-step or every-step output, and the per-step dense layer,
//! trained a few epochs on seeded sequences (so the biases are not zero), on 100 inputs.

mod common;

use common::{agrees_with_tract, inputs, trained};
use ninestep_core::nn::layers::SeqOutput;
use ninestep_core::nn::{Activation, LayerConfig, Output};
use ninestep_onnx::Model;

const T: usize = 5;
const F: usize = 3;

fn cell(kind: &str, units: usize, output: SeqOutput) -> LayerConfig {
    match kind {
        "rnn" => LayerConfig::Rnn {
            units,
            steps: T,
            output,
            bias: true,
        },
        "rnn-nobias" => LayerConfig::Rnn {
            units,
            steps: T,
            output,
            bias: false,
        },
        "lstm" => LayerConfig::Lstm {
            units,
            steps: T,
            output,
        },
        _ => LayerConfig::Gru {
            units,
            steps: T,
            output,
        },
    }
}

fn time_dense(units: usize, activation: Activation, bias: bool) -> LayerConfig {
    LayerConfig::TimeDense {
        units,
        steps: T,
        activation,
        bias,
    }
}

/// (name, model): each cell with a last-step head (dense → softmax) and an every-step
/// head (per-step dense, logistic or identity).
fn nets() -> Vec<(String, Model)> {
    let mut out = Vec::new();
    for kind in ["rnn", "rnn-nobias", "lstm", "gru"] {
        let last = trained(
            T * F,
            vec![
                cell(kind, 4, SeqOutput::Last),
                LayerConfig::dense(3, Activation::Identity),
            ],
            Output::Softmax,
            3,
        );
        out.push((format!("{kind}-last-softmax"), last));
        let all = trained(
            T * F,
            vec![
                cell(kind, 4, SeqOutput::All),
                time_dense(2, Activation::Identity, kind != "rnn-nobias"),
            ],
            Output::Logistic,
            T * 2,
        );
        out.push((format!("{kind}-every-step-logistic"), all));
    }
    // Two recurrent layers stacked, the second reading every step of the first, and a
    // per-step dense with its own activation.
    let stacked = trained(
        T * F,
        vec![
            cell("gru", 3, SeqOutput::All),
            cell("lstm", 4, SeqOutput::All),
            time_dense(2, Activation::Tanh, true),
        ],
        Output::Identity,
        T * 2,
    );
    out.push(("gru-lstm-timedense-tanh".into(), stacked));
    out
}

#[test]
fn tract_runs_the_recurrent_exports_like_our_engine() {
    for (name, mut model) in nets() {
        // tract's output has our length (checked in max_diff): 100 × outputs.
        agrees_with_tract(&name, &mut model, &inputs(99, 100, T * F), &[100, T * F]);
    }
}

#[test]
fn the_gru_graph_wraps_the_op_and_says_linear_before_reset_0() {
    let (_, model) = nets().swap_remove(6);
    let p = ninestep_onnx::to_proto(&model).expect("exports");
    let g = p.graph.expect("graph");
    let ops: Vec<&str> = g.node.iter().map(|n| n.op_type.as_str()).collect();
    assert_eq!(
        ops,
        ["Reshape", "Transpose", "GRU", "Squeeze", "Gemm", "Softmax"]
    );
    let gru = &g.node[2];
    let lbr = gru
        .attribute
        .iter()
        .find(|a| a.name == "linear_before_reset");
    assert_eq!(lbr.map(|a| a.i), Some(0));
    let dims = |i: usize| {
        g.initializer
            .iter()
            .find(|t| t.name == gru.input[i])
            .map(|t| t.dims.clone())
    };
    // W [1, 3H, F], R [1, 3H, H], B [1, 6H].
    assert_eq!(dims(1), Some(vec![1, 12, 3]));
    assert_eq!(dims(2), Some(vec![1, 12, 4]));
    assert_eq!(dims(3), Some(vec![1, 24]));
}

/// A bidirectional layer is refused with a message that names it, in en and zh.
#[test]
fn a_bidirectional_layer_is_refused_with_a_reason() {
    use ninestep_core::nn::layers::CellType;
    let model = trained(
        T * F,
        vec![
            LayerConfig::Bidirectional {
                cell: CellType::Gru,
                units: 3,
                steps: T,
                output: SeqOutput::Last,
            },
            LayerConfig::dense(3, Activation::Identity),
        ],
        Output::Softmax,
        3,
    );
    let Err(e) = ninestep_onnx::export(&model) else {
        panic!("a bidirectional layer exported")
    };
    let t = &e.text;
    assert!(
        t.en.contains("Layer 1") && t.en.contains("bidirectional"),
        "{}",
        t.en
    );
    assert!(t.zh.contains("双向"), "{}", t.zh);
}
