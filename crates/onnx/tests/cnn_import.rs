//! Import of CNN graphs (step 8): our exports come back with the same predictions, a graph
//! built here by hand (not by our exporter) runs like tract, and what we do not run is named
//! with its op, node and attribute in both languages.

mod common;

use common::{inputs, max_diff, tract_images};
use ninestep_core::nn::{LayerConfig, Shape};
use ninestep_onnx::proto::{
    self, attr_i, attr_ints, float_info, float_tensor, node, AttributeProto, GraphProto,
    ModelProto, NodeProto,
};
use prost::Message;

#[test]
fn our_cnn_exports_come_back_with_the_same_predictions() {
    for (name, mut model) in common::cnn::cnn_nets() {
        let bytes = ninestep_onnx::export(&model).expect("exports");
        let mut back = ninestep_onnx::import(&bytes).expect("imports");
        let shape = model.network.config().input_shape;
        assert_eq!(back.network.config().input_shape, shape, "{name}");
        // The same layers, except the Flatten that stands for the implicit one before a
        // dense layer.
        let layers = |m: &ninestep_onnx::Model| -> Vec<LayerConfig> {
            let c = m.network.config();
            c.layers
                .iter()
                .copied()
                .filter(|l| *l != LayerConfig::Flatten)
                .collect()
        };
        assert_eq!(layers(&back), layers(&model), "{name}");
        let x = inputs(13, 100, model.network.inputs());
        let d = max_diff(
            &model.predict(&x).expect("ours").data,
            &back.predict(&x).expect("back").data,
        );
        println!("{name}: export → import, max |Δ| over 100 inputs = {d:e}");
        assert!(d <= 1e-6, "{name}: {d}");
    }
}

fn ints(name: &str, v: &[i64]) -> AttributeProto {
    attr_ints(name, v)
}

/// x [N, 2, 6, 6] → Conv 3@3×3 pad 1 (bias) → Relu → MaxPool 2 → Flatten → Gemm (transB)
/// → y [N, 4]; the conv node's attributes are `conv_attrs`.
fn hand_cnn(conv_attrs: Vec<AttributeProto>, w_dims: &[usize]) -> Vec<u8> {
    let w_len: usize = w_dims.iter().product();
    let scaled =
        |seed, n, s: f32| -> Vec<f32> { inputs(seed, n, 1).into_iter().map(|v| v * s).collect() };
    let init = vec![
        float_tensor("k", w_dims, &scaled(1, w_len, 0.3)),
        float_tensor("kb", &[3], &scaled(2, 3, 0.1)),
        // Gemm with transB = 1: the weight is [units, inputs] = [4, 3·3·3].
        float_tensor("fw", &[4, 27], &scaled(3, 108, 0.2)),
        float_tensor("fb", &[4], &scaled(4, 4, 0.1)),
    ];
    let nodes: Vec<NodeProto> = vec![
        node("Conv", "conv1", &["x", "k", "kb"], "c", conv_attrs),
        node("Relu", "relu1", &["c"], "r", vec![]),
        node(
            "MaxPool",
            "pool1",
            &["r"],
            "p",
            vec![ints("kernel_shape", &[2, 2]), ints("strides", &[2, 2])],
        ),
        node("Flatten", "flat", &["p"], "f", vec![attr_i("axis", 1)]),
        node(
            "Gemm",
            "fc",
            &["f", "fw", "fb"],
            "y",
            vec![attr_i("transB", 1)],
        ),
    ];
    ModelProto {
        ir_version: 7,
        opset_import: vec![proto::OperatorSetIdProto {
            domain: String::new(),
            version: 13,
        }],
        producer_name: "by hand".into(),
        graph: Some(GraphProto {
            node: nodes,
            name: "hand-cnn".into(),
            initializer: init,
            input: vec![float_info("x", &[None, Some(2), Some(6), Some(6)])],
            output: vec![float_info("y", &[None, Some(4)])],
            ..Default::default()
        }),
        ..Default::default()
    }
    .encode_to_vec()
}

fn good_conv() -> Vec<AttributeProto> {
    vec![
        ints("kernel_shape", &[3, 3]),
        ints("pads", &[1, 1, 1, 1]),
        ints("strides", &[1, 1]),
        ints("dilations", &[1, 1]),
        attr_i("group", 1),
    ]
}

#[test]
fn a_hand_built_cnn_graph_runs_like_tract() {
    let bytes = hand_cnn(good_conv(), &[3, 2, 3, 3]);
    let mut model = ninestep_onnx::import(&bytes).expect("imports");
    let c = model.network.config();
    assert_eq!(c.input_shape, Some(Shape::new(2, 6, 6)));
    let names: Vec<&str> = c.layers.iter().map(|l| l.name()).collect();
    assert_eq!(
        names,
        ["conv2d", "activation", "max-pool", "flatten", "dense"]
    );
    let x = inputs(77, 100, 72);
    let ours = model.predict(&x).expect("predicts").data;
    let theirs = tract_images(&bytes, &x, 100, Shape::new(2, 6, 6));
    let d = max_diff(&ours, &theirs);
    println!("hand-built Conv+Relu+MaxPool+Flatten+Gemm: max |ours − tract| = {d:e}");
    assert!(d <= 1e-5, "{d}");
    assert!(ours.iter().any(|v| (v - ours[0]).abs() > 1e-3));
}

/// The import error of `bytes`, checked to name `what` in English and Chinese.
fn refused(bytes: &[u8], en: &str, zh: &str) {
    let e = ninestep_onnx::import(bytes).expect_err(en);
    assert!(e.text.en.contains(en), "en: {}", e.text.en);
    assert!(e.text.zh.contains(zh), "zh: {}", e.text.zh);
}

#[test]
fn conv_and_pool_settings_we_do_not_run_are_named() {
    let with = |name: &str, attr: AttributeProto| {
        let mut a: Vec<AttributeProto> =
            good_conv().into_iter().filter(|a| a.name != name).collect();
        a.push(attr);
        hand_cnn(a, &[3, 2, 3, 3])
    };
    let node = ("“conv1” (Conv)", "“conv1”（Conv）");
    for (bytes, attr) in [
        (with("group", attr_i("group", 2)), "group = 2"),
        (with("dilations", ints("dilations", &[2, 2])), "dilations"),
        (
            with("strides", ints("strides", &[1, 2])),
            "strides = [1, 2]",
        ),
        (
            with("pads", ints("pads", &[1, 0, 1, 0])),
            "pads = [1, 0, 1, 0]",
        ),
        (with("pads", ints("pads", &[-1, 1, 1, 1])), "pads"),
        (
            with(
                "auto_pad",
                AttributeProto {
                    name: "auto_pad".into(),
                    r#type: proto::attr_type::STRING,
                    s: b"SAME_UPPER".to_vec(),
                    ..Default::default()
                },
            ),
            "auto_pad = SAME_UPPER",
        ),
        (
            with("kernel_shape", ints("kernel_shape", &[3, 2])),
            "kernel_shape",
        ),
        (hand_cnn(good_conv(), &[3, 2, 3, 2]), "[3, 2, 3, 2]"),
        (hand_cnn(good_conv(), &[3, 1, 3, 3]), "[O, 2, k, k]"),
    ] {
        refused(&bytes, node.0, node.1);
        refused(&bytes, attr, attr.split(' ').next().unwrap_or(attr));
    }
    // A pool with padding: named with its node and attribute.
    let mut bytes = hand_cnn(good_conv(), &[3, 2, 3, 3]);
    let mut m = ModelProto::decode(&bytes[..]).expect("decodes");
    if let Some(g) = m.graph.as_mut() {
        g.node[2].attribute.push(ints("pads", &[1, 1, 1, 1]));
    }
    bytes = m.encode_to_vec();
    refused(
        &bytes,
        "“pool1” (MaxPool) has attribute pads",
        "“pool1”（MaxPool）有属性 pads",
    );
    // Conv on rows (no image input) is refused, not guessed.
    let mut m = ModelProto::decode(&hand_cnn(good_conv(), &[3, 2, 3, 3])[..]).expect("decodes");
    if let Some(g) = m.graph.as_mut() {
        g.input = vec![float_info("x", &[None, Some(72)])];
    }
    refused(&m.encode_to_vec(), "needs an image input", "需要图像输入");
}
