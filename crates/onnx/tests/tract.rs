//! Every exported net runs in tract-onnx (a runtime we did not write) and gives our
//! `Network::predict` numbers on 100 seeded inputs, within 1e-5.

mod common;

use common::{inputs, max_diff, nets, tract_run};

#[test]
fn tract_runs_every_export_like_our_engine() {
    for (name, mut model) in nets() {
        let n = model.network.inputs();
        let x = inputs(99, 100, n);
        let ours = model.predict(&x).expect("predicts").data;
        let bytes = ninestep_onnx::export(&model).expect("exports");
        let theirs = tract_run(&bytes, &x, 100, n);
        let d = max_diff(&ours, &theirs);
        println!(
            "{name}: {} layers, {} bytes, max |ours − tract| over 100 inputs = {d:e}",
            model.network.layers().len(),
            bytes.len()
        );
        assert!(d <= 1e-5, "{name}: max diff {d}");
        // Not a constant net: the outputs vary with the input.
        assert!(
            ours.iter().any(|v| (v - ours[0]).abs() > 1e-3),
            "{name}: constant output"
        );
    }
}

#[test]
fn the_graph_says_opset_13_and_names_each_layer() {
    let (_, model) = nets().swap_remove(2);
    let p = ninestep_onnx::to_proto(&model).expect("exports");
    assert_eq!((p.opset_import[0].version, p.ir_version), (13, 7));
    let ops: Vec<&str> = p
        .graph
        .as_ref()
        .expect("graph")
        .node
        .iter()
        .map(|n| n.op_type.as_str())
        .collect();
    assert_eq!(
        ops,
        [
            "Sub",
            "Div",
            "Gemm",
            "BatchNormalization",
            "Relu",
            "Identity",
            "Gemm",
            "Elu",
            "BatchNormalization",
            "Gemm",
            "Softmax"
        ]
    );
}
