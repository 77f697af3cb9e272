//! Whole recurrent networks (a recurrent layer and its output layer under the network's
//! loss) checked against central differences of the loss, and the config gate.

use super::{LayerConfig, SeqOutput};
use crate::nn::activation::Activation;
use crate::nn::init::Init;
use crate::nn::loss::Output;
use crate::nn::matrix::Matrix;
use crate::nn::network::NetworkConfig;
use crate::rng::Rng;

/// Largest |numeric − analytic| / max(1, |numeric|) over every trainable parameter.
fn network_error(config: NetworkConfig, y_cols: usize, classes: bool) -> f64 {
    let mut rng = Rng::new(21);
    let net = config.build().expect("valid net");
    let m = 3;
    let x = Matrix::from_fn(m, config.inputs, |_, _| rng.range(-1.0, 1.0) as f32);
    let y = Matrix::from_fn(m, y_cols, |_, j| {
        if classes {
            (j == 1) as u8 as f32
        } else {
            rng.below(2) as f32
        }
    });
    crate::nn::gradcheck::check_network(&net, &x, &y).max_error
}

fn net(inputs: usize, layers: Vec<LayerConfig>, output: Output) -> NetworkConfig {
    NetworkConfig {
        input_shape: None,
        inputs,
        layers,
        output,
        init: Init::Xavier,
        seed: 4,
    }
}

#[test]
fn recurrent_nets_with_heads_match_central_differences() {
    let each_step = net(
        8,
        vec![
            LayerConfig::Rnn {
                units: 3,
                steps: 4,
                output: SeqOutput::All,
                bias: false,
            },
            LayerConfig::TimeDense {
                units: 1,
                steps: 4,
                activation: Activation::Identity,
                bias: false,
            },
        ],
        Output::Logistic,
    );
    let last_step = |cell: LayerConfig| {
        net(
            6,
            vec![cell, LayerConfig::dense(3, Activation::Identity)],
            Output::Softmax,
        )
    };
    let lstm = LayerConfig::Lstm {
        units: 3,
        steps: 3,
        output: SeqOutput::Last,
    };
    let gru = LayerConfig::Gru {
        units: 3,
        steps: 3,
        output: SeqOutput::Last,
    };
    for (name, config, cols, classes) in [
        ("rnn + time-dense", each_step, 4, false),
        ("lstm + dense", last_step(lstm), 3, true),
        ("gru + dense", last_step(gru), 3, true),
    ] {
        let err = network_error(config, cols, classes);
        println!("{name}: max error {err:.2e}");
        assert!(err < 2e-3, "{name}: {err}");
    }
}

#[test]
fn config_checks_the_unroll_and_round_trips() {
    let rnn = LayerConfig::Rnn {
        units: 4,
        steps: 4,
        output: SeqOutput::All,
        bias: false,
    };
    assert_eq!(rnn.outputs(8), 16);
    let e = rnn.validate(2, 10).unwrap_err();
    assert!(e.text.en.contains("layer 2") && e.text.en.contains("multiple of 4"));
    assert!(e.text.zh.contains("第 2 层"));
    let zero = LayerConfig::Gru {
        units: 2,
        steps: 0,
        output: SeqOutput::Last,
    };
    assert!(zero.validate(1, 4).is_err());
    let json = serde_json::to_string(&rnn).expect("serialises");
    assert_eq!(
        json,
        r#"{"type":"rnn","units":4,"steps":4,"output":"all","bias":false}"#
    );
    assert_eq!(serde_json::from_str::<LayerConfig>(&json).ok(), Some(rnn));
    // A softmax over a per-step output would mix the steps: refused.
    let mut bad = net(
        8,
        vec![
            rnn,
            LayerConfig::TimeDense {
                units: 2,
                steps: 4,
                activation: Activation::Identity,
                bias: true,
            },
        ],
        Output::Softmax,
    );
    assert!(bad.validate().is_err());
    bad.output = Output::Logistic;
    assert!(bad.validate().is_ok());
}
