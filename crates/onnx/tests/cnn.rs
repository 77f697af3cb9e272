//! Convolutional nets (step 8) exported to ONNX run in tract-onnx (a runtime we did not
//! write) with our `Network::predict` numbers on 100 seeded images, within 1e-5.

mod common;

use common::{inputs, max_diff};
use ninestep_core::nn::shape::Shape;
use ninestep_core::nn::workload::mnist_cnn;
use ninestep_core::nn::{
    Activation, Data, Init, LayerConfig, NetworkConfig, Output, Trainer, TrainerConfig,
};
use ninestep_core::rng::Rng;
use ninestep_onnx::Model;
use tract_onnx::prelude::*;

/// `rows` one-hot labels of `classes`, seeded.
fn labels(seed: u64, rows: usize, classes: usize) -> Vec<f32> {
    let mut rng = Rng::new(seed);
    (0..rows)
        .flat_map(|_| {
            let c = (rng.range(0.0, classes as f64) as usize).min(classes - 1);
            (0..classes).map(move |k| f32::from(k == c))
        })
        .collect()
}

/// W3 (the ConvNetJS MNIST net) trained two batches of 20 on random images.
fn w3() -> Model {
    let x: Vec<f32> = inputs(21, 40, 784)
        .iter()
        .map(|v| (v + 2.0) / 4.0)
        .collect();
    let mut t = mnist_cnn(x, labels(22, 40, 10), 7).expect("W3");
    t.epoch().expect("trains");
    Model::new(t.network().clone())
}

/// 2×7×7 → conv 3×3×3 stride 2 padding 1 without bias → ReLU → avg-pool 2 → dense 4
/// (implicit flatten) → softmax, trained 3 epochs.
fn small() -> Model {
    let shape = Shape::new(2, 7, 7);
    let n = shape.len();
    let net = NetworkConfig {
        inputs: n,
        layers: vec![
            LayerConfig::Conv2d {
                channels: 3,
                kernel: 3,
                stride: 2,
                padding: 1,
                bias: false,
            },
            LayerConfig::Activation {
                activation: Activation::Relu,
            },
            LayerConfig::AvgPool { size: 2, stride: 1 },
            LayerConfig::dense(4, Activation::Identity),
        ],
        output: Output::Softmax,
        init: Init::Xavier,
        seed: 9,
        input_shape: Some(shape),
    }
    .build()
    .expect("net");
    let data = Data::new(inputs(31, 48, n), labels(32, 48, 4), n, 4).expect("data");
    let config = TrainerConfig {
        learning_rate: 0.05,
        batch_size: 8,
        max_epochs: 3,
        ..Default::default()
    };
    let mut t = Trainer::new(net, data, None, config).expect("trainer");
    t.run().expect("trains");
    Model::new(t.network().clone())
}

pub fn cnn_nets() -> Vec<(&'static str, Model)> {
    vec![
        ("w3-mnist-cnn", w3()),
        ("conv-s2-p1-nobias-avgpool", small()),
    ]
}

/// Runs ONNX bytes in tract on `rows` images of `shape`; the output rows, flat.
fn tract_run_images(bytes: &[u8], x: &[f32], rows: usize, shape: Shape) -> Vec<f32> {
    let dims = [rows, shape.channels, shape.height, shape.width];
    let model = tract_onnx::onnx()
        .model_for_read(&mut &bytes[..])
        .expect("tract reads the file")
        .with_input_fact(0, f32::fact(dims).into())
        .expect("input fact")
        .into_optimized()
        .expect("optimises")
        .into_runnable()
        .expect("runnable");
    let input: Tensor = tract_ndarray::Array4::from_shape_vec(dims, x.to_vec())
        .expect("shape")
        .into();
    let out = model.run(tvec!(input.into())).expect("runs");
    out[0]
        .to_plain_array_view::<f32>()
        .expect("f32")
        .iter()
        .copied()
        .collect()
}

#[test]
fn tract_runs_the_cnn_exports_like_our_engine() {
    for (name, mut model) in cnn_nets() {
        let shape = model.network.config().input_shape.expect("image net");
        let x = inputs(99, 100, shape.len());
        let ours = model.predict(&x).expect("predicts").data;
        let bytes = ninestep_onnx::export(&model).expect("exports");
        let theirs = tract_run_images(&bytes, &x, 100, shape);
        let d = max_diff(&ours, &theirs);
        println!(
            "{name}: {} layers, {} bytes, max |ours − tract| over 100 inputs = {d:e}",
            model.network.layers().len(),
            bytes.len()
        );
        assert!(d <= 1e-5, "{name}: max diff {d}");
        assert!(
            ours.iter().any(|v| (v - ours[0]).abs() > 1e-3),
            "{name}: constant output"
        );
    }
}

#[test]
fn the_cnn_graph_has_conv_pool_flatten_nodes() {
    let (_, model) = cnn_nets().swap_remove(1);
    let p = ninestep_onnx::to_proto(&model).expect("exports");
    let g = p.graph.as_ref().expect("graph");
    let ops: Vec<&str> = g.node.iter().map(|n| n.op_type.as_str()).collect();
    // The dense layer after the image gets the Flatten the engine does implicitly.
    assert_eq!(
        ops,
        ["Conv", "Relu", "AveragePool", "Flatten", "Gemm", "Softmax"]
    );
    let conv = &g.node[0];
    assert_eq!(conv.input.len(), 2, "no bias input");
    let ints = |name: &str| {
        conv.attribute
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.ints.clone())
    };
    assert_eq!(ints("pads"), Some(vec![1, 1, 1, 1]));
    assert_eq!(ints("strides"), Some(vec![2, 2]));
    let w = g.initializer.iter().find(|t| t.name == conv.input[1]);
    assert_eq!(w.map(|t| t.dims.clone()), Some(vec![3, 2, 3, 3]));
}
