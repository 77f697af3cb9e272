//! Convolutional nets (step 8) exported to ONNX run in tract-onnx (a runtime we did not
//! write) with our `Network::predict` numbers on 100 seeded images, within 1e-5.

mod common;

use common::cnn::cnn_nets;
use common::{agrees_with_tract, inputs};

#[test]
fn tract_runs_the_cnn_exports_like_our_engine() {
    for (name, mut model) in cnn_nets() {
        let shape = model.network.config().input_shape.expect("image net");
        let x = inputs(99, 100, shape.len());
        let dims = [100, shape.channels, shape.height, shape.width];
        agrees_with_tract(name, &mut model, &x, &dims);
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

#[test]
fn batch_norm_on_an_image_is_refused_with_a_reason() {
    use ninestep_core::nn::{Activation, Init, LayerConfig, NetworkConfig, Output, Shape};
    let net = NetworkConfig {
        input_shape: Some(Shape::new(1, 4, 4)),
        inputs: 16,
        layers: vec![
            LayerConfig::Conv2d {
                channels: 2,
                kernel: 3,
                stride: 1,
                padding: 0,
                bias: true,
            },
            LayerConfig::batch_norm(),
            LayerConfig::dense(2, Activation::Identity),
        ],
        output: Output::Softmax,
        init: Init::Xavier,
        seed: 1,
    }
    .build()
    .expect("net");
    let e = ninestep_onnx::export(&ninestep_onnx::Model::new(net)).expect_err("refused");
    assert!(
        e.text.en.contains("Layer 2 (batch norm on an image"),
        "{}",
        e.text.en
    );
    assert!(
        e.text.zh.contains("第 2 层（图像上的批归一化"),
        "{}",
        e.text.zh
    );
}
