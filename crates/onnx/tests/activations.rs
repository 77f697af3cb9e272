//! Every activation exports (none is refused now), and tract runs each like our engine,
//! the step function exactly, at z = 0 and z = −0 too.

mod common;

use common::{inputs, max_diff, tract_run};
use ninestep_core::nn::{Activation, Init, LayerConfig, NetworkConfig, Output};
use ninestep_onnx::Model;

/// Every variant of [`Activation`]; the match fails to compile when one is added, so the
/// new one must be listed (and exported or refused) here.
fn all() -> Vec<Activation> {
    let all = vec![
        Activation::Identity,
        Activation::Step,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::LeakyRelu(0.1),
        Activation::Elu(0.8),
        Activation::Softplus,
    ];
    for a in &all {
        match a {
            Activation::Identity
            | Activation::Step
            | Activation::Sigmoid
            | Activation::Tanh
            | Activation::Relu
            | Activation::LeakyRelu(_)
            | Activation::Elu(_)
            | Activation::Softplus => {}
        }
    }
    all
}

/// f on its own (an activation layer) and after a dense layer, on 5 inputs.
fn nets(f: Activation) -> Vec<Model> {
    let net = |layers| {
        NetworkConfig {
            input_shape: None,
            inputs: 5,
            layers,
            output: Output::Identity,
            init: Init::Xavier,
            seed: 4,
        }
        .build()
        .expect("net")
    };
    vec![
        Model::new(net(vec![LayerConfig::Activation { activation: f }])),
        Model::new(net(vec![
            LayerConfig::dense(3, f),
            LayerConfig::dense(2, Activation::Identity),
        ])),
    ]
}

#[test]
fn every_activation_runs_in_tract_like_ours() {
    // 100 rows with exact zeros, negative zeros and values either side.
    let mut x = inputs(8, 100, 5);
    for (i, v) in x.iter_mut().enumerate() {
        match i % 7 {
            0 => *v = 0.0,
            1 => *v = -0.0,
            2 => *v = 1e-30,
            3 => *v = -1e-30,
            _ => {}
        }
    }
    for f in all() {
        for mut model in nets(f) {
            let bytes = ninestep_onnx::export(&model).expect("every activation exports");
            let ours = model.predict(&x).expect("ours").data;
            let theirs = tract_run(&bytes, &x, 100, 5);
            let d = max_diff(&ours, &theirs);
            let layers = model.network.layers().len();
            println!("{} ({layers} layers): max |ours − tract| = {d:e}", f.name());
            if f == Activation::Step && layers == 1 {
                // The step is exact: 1 at 0 and at −0, 0 below.
                assert_eq!(ours, theirs, "step");
                assert_eq!(&ours[..4], &[1.0, 1.0, 1.0, 0.0]);
            }
            assert!(d <= 1e-5, "{}: {d}", f.name());
        }
    }
}

#[test]
fn the_step_is_greater_or_equal_then_cast() {
    let model = nets(Activation::Step).swap_remove(0);
    let p = ninestep_onnx::to_proto(&model).expect("exports");
    let g = p.graph.expect("graph");
    let ops: Vec<&str> = g.node.iter().map(|n| n.op_type.as_str()).collect();
    assert_eq!(ops, ["GreaterOrEqual", "Cast"]);
    let zero = g.initializer.iter().find(|t| t.name == g.node[0].input[1]);
    assert_eq!(zero.map(|t| t.float_data.clone()), Some(vec![0.0]));
}
