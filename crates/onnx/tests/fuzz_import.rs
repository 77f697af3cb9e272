//! The importer never panics: random bytes, cut and bit-flipped valid models, and valid
//! graphs with random attribute values and tensor shapes all give `Ok` or an error with a
//! message in both languages (and an `Ok` model predicts). Bounded: a few hundred small
//! cases, a few seconds in debug.

mod common;

use common::inputs;
use ninestep_core::nn::{Activation, Init, LayerConfig, NetworkConfig, Output};
use ninestep_onnx::proto::{
    self, attr_i, attr_ints, float_info, float_tensor, node, AttributeProto, GraphProto, ModelProto,
};
use proptest::prelude::*;
use prost::Message;

/// Ok (and then a prediction of one row of zeros works) or an error in en and zh.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    match ninestep_onnx::import(bytes) {
        Ok(mut m) => {
            let x = vec![0.0; m.network.inputs()];
            let y = m.predict(&x);
            prop_assert!(y.is_ok(), "an imported model predicts");
        }
        Err(e) => {
            prop_assert!(!e.text.en.is_empty() && !e.text.zh.is_empty());
            let han = e
                .text
                .zh
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            prop_assert!(han, "a Chinese message");
        }
    }
    Ok(())
}

/// A small dense export of ours (not trained: the weights are the drawn ones).
fn dense_export() -> Vec<u8> {
    let net = NetworkConfig {
        input_shape: None,
        inputs: 3,
        layers: vec![
            LayerConfig::dense(4, Activation::Relu),
            LayerConfig::batch_norm(),
            LayerConfig::dense(2, Activation::Identity),
        ],
        output: Output::Softmax,
        init: Init::Xavier,
        seed: 3,
    }
    .build()
    .expect("net");
    ninestep_onnx::export(&ninestep_onnx::Model::new(net)).expect("exports")
}

/// Conv → Relu → pool → Flatten → Gemm on an input of `dims`, with the given conv and pool
/// attributes and conv weight dims.
fn cnn(
    dims: &[Option<i64>],
    conv: Vec<AttributeProto>,
    pool: Vec<AttributeProto>,
    w_dims: &[usize],
    max_pool: bool,
) -> Vec<u8> {
    let n: usize = w_dims.iter().product();
    let init = vec![
        float_tensor("k", w_dims, &inputs(1, n.min(4096), 1)[..n.min(4096)]),
        float_tensor("fw", &[8, 2], &inputs(2, 16, 1)),
    ];
    let pool_op = if max_pool { "MaxPool" } else { "AveragePool" };
    let nodes = vec![
        node("Conv", "conv", &["x", "k"], "c", conv),
        node("Relu", "relu", &["c"], "r", vec![]),
        node(pool_op, "pool", &["r"], "p", pool),
        node("Flatten", "flat", &["p"], "f", vec![attr_i("axis", 1)]),
        node("Gemm", "fc", &["f", "fw"], "y", vec![]),
    ];
    ModelProto {
        ir_version: 7,
        opset_import: vec![proto::OperatorSetIdProto {
            domain: String::new(),
            version: 13,
        }],
        graph: Some(GraphProto {
            node: nodes,
            initializer: init,
            input: vec![float_info("x", dims)],
            output: vec![float_info("y", &[None, Some(2)])],
            ..Default::default()
        }),
        ..Default::default()
    }
    .encode_to_vec()
}

/// A valid CNN: 1×6×6 → conv 2@3×3 → 2×4×4 → max-pool 2 → 2×2×2 = 8 → 2.
fn good_cnn() -> Vec<u8> {
    cnn(
        &[None, Some(1), Some(6), Some(6)],
        vec![attr_ints("kernel_shape", &[3, 3])],
        vec![
            attr_ints("kernel_shape", &[2, 2]),
            attr_ints("strides", &[2, 2]),
        ],
        &[2, 1, 3, 3],
        true,
    )
}

fn small_ints() -> impl Strategy<Value = Vec<i64>> {
    prop::collection::vec(prop_oneof![-2i64..8, Just(i64::MAX), Just(i64::MIN)], 0..5)
}

fn attr() -> impl Strategy<Value = AttributeProto> {
    let names = prop::sample::select(vec![
        "kernel_shape",
        "strides",
        "pads",
        "dilations",
        "group",
        "auto_pad",
        "ceil_mode",
        "axis",
    ]);
    (names, small_ints(), any::<bool>(), -3i64..5).prop_map(|(name, v, as_list, i)| {
        if name == "auto_pad" {
            let s: &[u8] = match i.rem_euclid(3) {
                0 => b"VALID",
                1 => b"SAME_LOWER",
                _ => b"NOTSET",
            };
            AttributeProto {
                name: name.into(),
                r#type: proto::attr_type::STRING,
                s: s.to_vec(),
                ..Default::default()
            }
        } else if as_list {
            attr_ints(name, &v)
        } else {
            attr_i(name, i)
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_are_refused_or_read(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check(&bytes)?;
    }

    #[test]
    fn cut_and_flipped_models_are_refused_or_read(
        which in any::<bool>(),
        cut in 0.0f64..1.0,
        flips in prop::collection::vec((0.0f64..1.0, 0u8..8), 0..6),
    ) {
        let mut bytes = if which { dense_export() } else { good_cnn() };
        for (at, bit) in flips {
            let i = ((bytes.len() as f64 * at) as usize).min(bytes.len() - 1);
            bytes[i] ^= 1 << bit;
        }
        check(&bytes)?;
        let end = (bytes.len() as f64 * cut) as usize;
        check(&bytes[..end])?;
    }

    #[test]
    fn random_attributes_and_shapes_are_refused_or_read(
        conv in prop::collection::vec(attr(), 0..4),
        pool in prop::collection::vec(attr(), 0..4),
        dims in prop::collection::vec(prop_oneof![Just(None), (-1i64..9).prop_map(Some)], 0..6),
        w in prop::collection::vec(0usize..5, 0..6),
        max_pool in any::<bool>(),
    ) {
        check(&cnn(&dims, conv.clone(), pool.clone(), &w, max_pool))?;
        // The same attributes on the valid shapes reach the attribute checks.
        check(&cnn(&[None, Some(1), Some(6), Some(6)], conv, pool, &[2, 1, 3, 3], max_pool))?;
    }
}

#[test]
fn the_valid_models_of_the_fuzz_are_read() {
    assert!(ninestep_onnx::import(&dense_export()).is_ok());
    let m = ninestep_onnx::import(&good_cnn()).expect("the valid CNN");
    assert_eq!(m.network.outputs(), 2);
}
