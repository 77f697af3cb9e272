//! Every exported net runs in tract-onnx (a runtime we did not write) and gives our
//! `Network::predict` numbers on 100 seeded inputs, within 1e-5.

mod common;

use common::{agrees_with_tract, inputs, nets};

#[test]
fn tract_runs_every_export_like_our_engine() {
    for (name, mut model) in nets() {
        let n = model.network.inputs();
        agrees_with_tract(name, &mut model, &inputs(99, 100, n), &[100, n]);
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
