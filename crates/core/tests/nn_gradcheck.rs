//! Gradient check of whole networks (ch12.2): the analytic dW, dB of every layer against
//! central differences of an independent f64 re-implementation of the forward pass and
//! loss (the f64 reference formulas), for every output/loss pair and a mix of activations.

#![allow(clippy::unwrap_used)] // helpers outside #[test] fns build fixtures

use ninestep_core::nn::{Activation, Init, LayerConfig, Matrix, Network, NetworkConfig, Output};
use ninestep_core::rng::Rng;

/// The weights of a network as f64 (W row-major, then B, per layer).
type Params = Vec<(Vec<f64>, Vec<f64>, usize, usize, Activation)>;

fn params(net: &Network) -> Params {
    let f = |v: &[f32]| v.iter().map(|&x| x as f64).collect::<Vec<_>>();
    net.dense_layers()
        .map(|l| {
            (
                f(&l.w.data),
                f(&l.b.data),
                l.inputs(),
                l.units(),
                l.activation,
            )
        })
        .collect()
}

/// Loss of the network described by `p` on (x, y), all in f64, straight from the book's
/// formulas (the f64 references `Activation::forward_f64` and `Output::loss_f64`, none of
/// the engine's f32 code).
fn loss64(p: &Params, output: Output, x: &Matrix, y: &Matrix) -> f64 {
    let mut total = 0.0;
    for i in 0..x.rows {
        let mut a: Vec<f64> = x.row(i).iter().map(|&v| v as f64).collect();
        for (w, b, n_in, n_out, act) in p {
            a = (0..*n_out)
                .map(|u| b[u] + (0..*n_in).map(|q| a[q] * w[q * n_out + u]).sum::<f64>())
                .map(|z| act.forward_f64(z))
                .collect();
        }
        let yr: Vec<f64> = y.row(i).iter().map(|&v| v as f64).collect();
        // Under logistic and softmax the last layer has no activation, so `a` is its z.
        total += output.loss_f64(&a, &yr);
    }
    total / x.rows as f64
}

fn check(
    hidden: &[(usize, Activation)],
    output: Output,
    outputs: usize,
    last: Activation,
    rows: usize,
    seed: u64,
) {
    let mut rng = Rng::new(seed);
    let inputs = 5;
    let mut layers: Vec<LayerConfig> = hidden
        .iter()
        .map(|&(units, activation)| LayerConfig::Dense { units, activation })
        .collect();
    layers.push(LayerConfig::Dense {
        units: outputs,
        activation: last,
    });
    let config = NetworkConfig {
        inputs,
        layers,
        output,
        init: Init::Xavier,
        seed,
        input_shape: None,
    };
    let mut net = config.build().unwrap();
    for l in net.dense_layers_mut() {
        l.b.data
            .iter_mut()
            .for_each(|b| *b = rng.range(-0.3, 0.3) as f32);
    }
    let x = Matrix::from_fn(rows, inputs, |_, _| rng.range(-1.0, 1.0) as f32);
    let y = Matrix::from_fn(rows, outputs, |i, j| match output {
        Output::Softmax => (j == i % outputs) as u8 as f32,
        Output::Logistic => ((i + j) % 2) as f32,
        Output::Identity => rng.range(-0.8, 0.8) as f32,
    });
    net.forward(&x);
    let loss = net.backward(&y);
    let p = params(&net);
    assert!((loss as f64 - loss64(&p, output, &x, &y)).abs() < 1e-5 * (1.0 + loss.abs() as f64));
    let h = 1e-5;
    for (li, layer) in net.dense_layers().enumerate() {
        let analytic = layer.grad_w().data.iter().chain(&layer.grad_b().data);
        for (q, &g) in analytic.enumerate() {
            let bump = |d: f64| {
                let mut p2 = p.clone();
                let nw = p2[li].0.len();
                if q < nw {
                    p2[li].0[q] += d;
                } else {
                    p2[li].1[q - nw] += d;
                }
                loss64(&p2, output, &x, &y)
            };
            let numeric = (bump(h) - bump(-h)) / (2.0 * h);
            assert!(
                (numeric - g as f64).abs() < 2e-4 * (numeric.abs() + 1e-2),
                "{output:?} layer {li} param {q}: numeric {numeric:e}, analytic {g:e}"
            );
        }
    }
}

#[test]
fn two_layer_nets_for_every_output_pair() {
    // 7 rows and 9 hidden units exercise the blocked matmul with its edge blocks.
    check(
        &[(9, Activation::Sigmoid)],
        Output::Identity,
        1,
        Activation::Identity,
        7,
        1,
    );
    check(
        &[(9, Activation::Tanh)],
        Output::Logistic,
        1,
        Activation::Identity,
        7,
        2,
    );
    check(
        &[(9, Activation::Sigmoid)],
        Output::Softmax,
        3,
        Activation::Identity,
        7,
        3,
    );
}

#[test]
fn deeper_nets_and_other_activations() {
    check(
        &[(8, Activation::Softplus), (6, Activation::Elu(0.8))],
        Output::Softmax,
        4,
        Activation::Identity,
        10,
        4,
    );
    check(
        &[(12, Activation::LeakyRelu(0.1)), (8, Activation::Tanh)],
        Output::Identity,
        2,
        Activation::Tanh,
        9,
        5,
    );
    // TF Playground's setup: tanh output layer under squared error.
    check(
        &[(8, Activation::Tanh), (8, Activation::Tanh)],
        Output::Identity,
        1,
        Activation::Tanh,
        10,
        6,
    );
}
