//! Shared by the ONNX tests: trained nets and a run of an ONNX file in tract-onnx.
#![allow(dead_code)]

pub mod cnn;

use ninestep_core::nn::model::{InputNorm, Model};
use ninestep_core::nn::{
    Activation, Data, Init, LayerConfig, Network, NetworkConfig, Output, Trainer, TrainerConfig,
};
use ninestep_core::rng::Rng;
use tract_onnx::prelude::*;

/// `rows` seeded inputs of width `n` in [−2, 2).
pub fn inputs(seed: u64, rows: usize, n: usize) -> Vec<f32> {
    let mut rng = Rng::new(seed);
    (0..rows * n).map(|_| rng.range(-2.0, 2.0) as f32).collect()
}

/// `layers` on `inputs` features with `output`, trained 5 epochs on 120 seeded samples.
pub fn trained(inputs_n: usize, layers: Vec<LayerConfig>, output: Output, outs: usize) -> Model {
    let x = inputs(11, 120, inputs_n);
    let y: Vec<f32> = x
        .chunks(inputs_n)
        .flat_map(|r| {
            let s: f32 = r
                .iter()
                .enumerate()
                .map(|(i, v)| v * (i as f32 + 1.0))
                .sum();
            let class = ((s.sin() + 1.0) * 0.5 * outs as f32) as usize % outs.max(1);
            (0..outs).map(move |k| match output {
                Output::Identity => (s * (k as f32 + 1.0)).tanh(),
                Output::Logistic => f32::from(s > 0.0),
                Output::Softmax => f32::from(k == class),
            })
        })
        .collect();
    let data = Data::new(x, y, inputs_n, outs).expect("data");
    let net = NetworkConfig {
        input_shape: None,
        inputs: inputs_n,
        layers,
        output,
        init: Init::Xavier,
        seed: 5,
    }
    .build()
    .expect("net");
    fit(net, data, 8, 5)
}

/// `net` trained by SGD with η 0.05 on `data`, `epochs` epochs of batches of `batch`, as a
/// model for export.
pub fn fit(net: Network, data: Data, batch: i64, epochs: usize) -> Model {
    let config = TrainerConfig {
        learning_rate: 0.05,
        batch_size: batch,
        max_epochs: epochs,
        ..Default::default()
    };
    let mut t = Trainer::new(net, data, None, config).expect("trainer");
    t.run().expect("trains");
    Model::new(t.network().clone())
}

/// The nets every test exports.
pub fn nets() -> Vec<(&'static str, Model)> {
    let relu = trained(
        3,
        vec![
            LayerConfig::dense(8, Activation::Relu),
            LayerConfig::dense(4, Activation::LeakyRelu(0.1)),
            LayerConfig::dense(1, Activation::Identity),
        ],
        Output::Identity,
        1,
    );
    let softmax = trained(
        4,
        vec![
            LayerConfig::dense(6, Activation::Sigmoid),
            LayerConfig::dense(5, Activation::Tanh),
            LayerConfig::dense(3, Activation::Identity),
        ],
        Output::Softmax,
        3,
    );
    let mut bn = trained(
        2,
        vec![
            LayerConfig::dense(8, Activation::Identity),
            LayerConfig::batch_norm(),
            LayerConfig::Activation {
                activation: Activation::Relu,
            },
            LayerConfig::Dropout { ratio: 0.3 },
            LayerConfig::dense(6, Activation::Elu(0.8)),
            LayerConfig::batch_norm(),
            LayerConfig::dense(3, Activation::Identity),
        ],
        Output::Softmax,
        3,
    );
    bn.input = Some(InputNorm::MinMax {
        min: vec![-2.0, -1.5],
        max: vec![2.0, 3.0],
    });
    let logistic = trained(
        2,
        vec![
            LayerConfig::dense(5, Activation::Softplus),
            LayerConfig::Activation {
                activation: Activation::Tanh,
            },
            LayerConfig::dense(1, Activation::Identity),
        ],
        Output::Logistic,
        1,
    );
    vec![
        ("dense-relu", relu),
        ("sigmoid-tanh-softmax", softmax),
        ("bn-dropout-elu-minmax", bn),
        ("softplus-logistic", logistic),
    ]
}

/// Runs ONNX bytes in tract on `x` laid out as `dims` (rows first); the output rows, flat.
pub fn tract_in(bytes: &[u8], x: &[f32], dims: &[usize]) -> Vec<f32> {
    let model = tract_onnx::onnx()
        .model_for_read(&mut &bytes[..])
        .expect("tract reads the file")
        .with_input_fact(0, f32::fact(dims).into())
        .expect("input fact")
        .into_optimized()
        .expect("optimises")
        .into_runnable()
        .expect("runnable");
    let input: Tensor = tract_ndarray::ArrayD::from_shape_vec(dims, x.to_vec())
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

/// Runs ONNX bytes in tract on `x` (rows × n); the output rows, flat.
pub fn tract_run(bytes: &[u8], x: &[f32], rows: usize, n: usize) -> Vec<f32> {
    tract_in(bytes, x, &[rows, n])
}

/// Runs ONNX bytes in tract on `rows` images of `shape`; the output rows, flat.
pub fn tract_images(
    bytes: &[u8],
    x: &[f32],
    rows: usize,
    shape: ninestep_core::nn::Shape,
) -> Vec<f32> {
    tract_in(bytes, x, &[rows, shape.channels, shape.height, shape.width])
}

/// Largest |a − b|.
pub fn max_diff(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len(), "lengths differ");
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

/// Exports `model`, runs the file in tract on `x` laid out as `dims` (rows first) and
/// checks that tract gives our `predict` numbers within 1e-5, and that they vary with the
/// input (not a constant net).
pub fn agrees_with_tract(name: &str, model: &mut Model, x: &[f32], dims: &[usize]) {
    let ours = model.predict(x).expect("predicts").data;
    let bytes = ninestep_onnx::export(model).expect("exports");
    let theirs = tract_in(&bytes, x, dims);
    let d = max_diff(&ours, &theirs);
    println!(
        "{name}: {} layers, {} bytes, max |ours − tract| over {} inputs = {d:e}",
        model.network.layers().len(),
        bytes.len(),
        dims[0]
    );
    assert!(d <= 1e-5, "{name}: max diff {d}");
    assert!(
        ours.iter().any(|v| (v - ours[0]).abs() > 1e-3),
        "{name}: constant output"
    );
}
