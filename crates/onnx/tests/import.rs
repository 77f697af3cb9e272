//! ONNX import: a graph built by hand like the book's ch13.2 `mnist.onnx`, Gemm with
//! transB, our own exports read back, and the messages for what we do not run.

mod common;

use common::{inputs, max_diff, nets, tract_run};
use ninestep_core::nn::LayerConfig;
use ninestep_onnx::proto::{
    self, attr_f, attr_i, float_info, float_tensor, node, AttributeProto, GraphProto, ModelProto,
    NodeProto,
};
use prost::Message;

fn constant(name: &str, dims: &[usize], values: &[f32]) -> NodeProto {
    let t = AttributeProto {
        name: "value".into(),
        r#type: proto::attr_type::TENSOR,
        t: Some(float_tensor(name, dims, values)),
        ..Default::default()
    };
    node("Constant", &format!("{name}_const"), &[], name, vec![t])
}

fn model(
    nodes: Vec<NodeProto>,
    init: Vec<proto::TensorProto>,
    input: (&str, &[Option<i64>]),
    output: &str,
) -> Vec<u8> {
    ModelProto {
        ir_version: 4,
        opset_import: vec![proto::OperatorSetIdProto {
            domain: String::new(),
            version: 9,
        }],
        producer_name: "test_onnx".into(),
        graph: Some(GraphProto {
            node: nodes,
            name: "mnist".into(),
            initializer: init,
            input: vec![float_info(input.0, input.1)],
            output: vec![float_info(output, &[Some(1), None])],
            ..Default::default()
        }),
        ..Default::default()
    }
    .encode_to_vec()
}

fn weights(seed: u64, n: usize, scale: f32) -> Vec<f32> {
    inputs(seed, n, 1).into_iter().map(|v| v * scale).collect()
}

/// y = x·W + b, row by row, in f64 (our independent check of the book graph).
fn affine(x: &[f64], w: &[f32], b: &[f32], n_out: usize) -> Vec<f64> {
    (0..n_out)
        .map(|j| {
            b[j] as f64
                + x.iter()
                    .enumerate()
                    .map(|(i, v)| v * w[i * n_out + j] as f64)
                    .sum::<f64>()
        })
        .collect()
}

#[test]
fn the_books_ch13_graph_is_imported_and_runs_like_tract_and_by_hand() {
    // fc1x [1, 784] → fc1 (Constant + MatMul + Add) → Sigmoid → fc2 → Tanh → fc3 → Softmax.
    let (w1, b1) = (weights(1, 784 * 8, 0.05), weights(2, 8, 0.5));
    let (w2, b2) = (weights(3, 8 * 6, 0.5), weights(4, 6, 0.5));
    let (w3, b3) = (weights(5, 6 * 10, 0.8), weights(6, 10, 0.5));
    let mut nodes = vec![
        constant("fc1w", &[784, 8], &w1),
        constant("fc1b", &[8], &b1),
    ];
    nodes.push(node(
        "MatMul",
        "fc1_matmul",
        &["fc1x", "fc1w"],
        "fc1_mm",
        vec![],
    ));
    nodes.push(node("Add", "fc1_add", &["fc1_mm", "fc1b"], "fc1y", vec![]));
    nodes.push(node(
        "Sigmoid",
        "activation1",
        &["fc1y"],
        "activation1y",
        vec![],
    ));
    nodes.extend([constant("fc2w", &[8, 6], &w2), constant("fc2b", &[6], &b2)]);
    nodes.push(node(
        "MatMul",
        "fc2_matmul",
        &["activation1y", "fc2w"],
        "fc2_mm",
        vec![],
    ));
    nodes.push(node("Add", "fc2_add", &["fc2_mm", "fc2b"], "fc2y", vec![]));
    nodes.push(node(
        "Tanh",
        "activation2",
        &["fc2y"],
        "activation2y",
        vec![],
    ));
    nodes.extend([
        constant("fc3w", &[6, 10], &w3),
        constant("fc3b", &[10], &b3),
    ]);
    nodes.push(node(
        "MatMul",
        "fc3_matmul",
        &["activation2y", "fc3w"],
        "fc3_mm",
        vec![],
    ));
    nodes.push(node("Add", "fc3_add", &["fc3_mm", "fc3b"], "fc3y", vec![]));
    nodes.push(node(
        "Softmax",
        "activation3",
        &["fc3y"],
        "activation3y",
        vec![attr_i("axis", 1)],
    ));
    let bytes = model(
        nodes,
        vec![],
        ("fc1x", &[Some(1), Some(784)]),
        "activation3y",
    );
    let mut m = ninestep_onnx::import(&bytes).expect("imports");
    let names: Vec<String> = m
        .network
        .layers()
        .iter()
        .map(|l| format!("{:?}", l.config()))
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(
        names[0].contains("Sigmoid") && names[1].contains("Tanh"),
        "{names:?}"
    );
    let pixels: Vec<f32> = inputs(7, 1, 784).iter().map(|v| (v + 2.0) / 4.0).collect();
    let ours = m.predict(&pixels).expect("predicts").data;
    // By hand in f64.
    let x: Vec<f64> = pixels.iter().map(|&v| v as f64).collect();
    let a1: Vec<f64> = affine(&x, &w1, &b1, 8)
        .iter()
        .map(|z| 1.0 / (1.0 + (-z).exp()))
        .collect();
    let a2: Vec<f64> = affine(&a1, &w2, &b2, 6).iter().map(|z| z.tanh()).collect();
    let z3 = affine(&a2, &w3, &b3, 10);
    let sum: f64 = z3.iter().map(|z| z.exp()).sum();
    let hand: Vec<f32> = z3.iter().map(|z| (z.exp() / sum) as f32).collect();
    let theirs = tract_run(&bytes, &pixels, 1, 784);
    println!(
        "book graph: max |ours − hand| = {:e}, max |ours − tract| = {:e}",
        max_diff(&ours, &hand),
        max_diff(&ours, &theirs)
    );
    assert!(max_diff(&ours, &hand) <= 1e-5 && max_diff(&ours, &theirs) <= 1e-5);
    assert!((ours.iter().sum::<f32>() - 1.0).abs() < 1e-5);
}

#[test]
fn gemm_with_trans_b_alpha_beta_and_initializers() {
    let (wt, b) = (weights(8, 3 * 4, 1.0), weights(9, 3, 1.0)); // W stored units × inputs
    let init = vec![float_tensor("W", &[3, 4], &wt), float_tensor("B", &[3], &b)];
    let nodes = vec![
        node(
            "Gemm",
            "gemm",
            &["x", "W", "B"],
            "z",
            vec![
                attr_i("transB", 1),
                attr_f("alpha", 0.5),
                attr_f("beta", 2.0),
            ],
        ),
        node(
            "LeakyRelu",
            "leaky",
            &["z"],
            "a",
            vec![attr_f("alpha", 0.2)],
        ),
        node("Identity", "id", &["a"], "y", vec![]),
    ];
    let bytes = model(nodes, init, ("x", &[None, Some(4)]), "y");
    let mut m = ninestep_onnx::import(&bytes).expect("imports");
    let x = inputs(10, 50, 4);
    let d = max_diff(
        &m.predict(&x).expect("predicts").data,
        &tract_run(&bytes, &x, 50, 4),
    );
    println!("gemm transB: max |ours − tract| = {d:e}");
    assert!(d <= 1e-5);
}

#[test]
fn our_exports_come_back_with_the_same_predictions() {
    for (name, mut model) in nets() {
        let bytes = ninestep_onnx::export(&model).expect("exports");
        let mut back = ninestep_onnx::import(&bytes).expect("imports");
        let keep = |m: &ninestep_onnx::Model| -> Vec<LayerConfig> {
            m.network
                .config()
                .layers
                .iter()
                .copied()
                .filter(|l| !matches!(l, LayerConfig::Dropout { .. }))
                .collect()
        };
        assert_eq!(keep(&back), keep(&model), "{name}");
        assert_eq!(back.network.output(), model.network.output());
        let x = inputs(12, 100, model.network.inputs());
        let d = max_diff(
            &model.predict(&x).expect("ours").data,
            &back.predict(&x).expect("back").data,
        );
        println!("{name}: export → import, max diff {d:e}");
        // Bit for bit, except the min-max scaling (max is rebuilt as min + range).
        assert!(
            if model.input.is_some() {
                d <= 1e-6
            } else {
                d == 0.0
            },
            "{name}: {d}"
        );
    }
}

#[test]
fn what_we_do_not_run_is_named() {
    let nodes = vec![node("Conv", "conv1", &["x", "k"], "y", vec![])];
    let bytes = model(
        nodes,
        vec![float_tensor("k", &[1, 1, 3, 3], &[0.0; 9])],
        ("x", &[None, Some(4)]),
        "y",
    );
    let e = ninestep_onnx::import(&bytes).expect_err("conv");
    assert!(
        e.text.en.contains("“conv1” (Conv)") && e.text.zh.contains("“conv1”（Conv）"),
        "{}",
        e.text.en
    );
    let e = ninestep_onnx::import(b"{\"format\":\"ninestep-model\"}").expect_err("json");
    assert!(e.text.en.contains("not a protobuf"), "{}", e.text.en);
    let e = ninestep_onnx::import(&[]).expect_err("empty");
    assert!(e.text.en.contains("no graph"), "{}", e.text.en);
    // A dangling node off the chain.
    let nodes = vec![
        node("Relu", "r", &["x"], "y", vec![]),
        node("Tanh", "lost", &["q"], "w", vec![]),
    ];
    let e = ninestep_onnx::import(&model(nodes, vec![], ("x", &[None, Some(2)]), "y"))
        .expect_err("dangling");
    assert!(
        e.text.en.contains("“lost” (Tanh) is not on the chain"),
        "{}",
        e.text.en
    );
    // Every cut of a real export is rejected or read, never a panic.
    let (_, m) = nets().swap_remove(2);
    let bytes = ninestep_onnx::export(&m).expect("exports");
    for cut in (0..bytes.len()).step_by(7) {
        let _ = ninestep_onnx::import(&bytes[..cut]);
    }
}
