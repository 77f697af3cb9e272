use super::*;
use crate::nn::{Activation, Data, Init, LayerConfig, Output, Trainer, TrainerConfig};

/// serde_json as the [`Json`] of the tests (the CLI and the page bring their own).
pub(crate) struct SerdeJson;
impl Json for SerdeJson {
    fn parse<T: DeserializeOwned>(&self, text: &str) -> std::result::Result<T, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
    fn write<T: Serialize>(&self, value: &T) -> std::result::Result<String, String> {
        serde_json::to_string(value).map_err(|e| e.to_string())
    }
}

/// A 2-8-BN-tanh-dropout-3 softmax net trained a few epochs on three blobs, so batch
/// norm's running statistics are not their initial 0 and 1.
pub(crate) fn trained_model() -> Model {
    let mut x = Vec::new();
    let mut y = Vec::new();
    for i in 0..60 {
        let c = i % 3;
        let t = i as f32 * 0.37;
        x.extend([
            c as f32 * 2.0 + t.sin() * 0.5,
            (c as f32 - 1.0) * 1.5 + t.cos() * 0.5,
        ]);
        y.extend((0..3).map(|k| if k == c { 1.0 } else { 0.0 }));
    }
    let data = Data::new(x, y, 2, 3).expect("data");
    let net = crate::nn::testnets::bn_dropout(2, 8, Activation::Tanh, 0.2, 3, 7)
        .build()
        .expect("net");
    let config = TrainerConfig {
        learning_rate: 0.1,
        batch_size: 10,
        max_epochs: 5,
        ..Default::default()
    };
    let mut trainer = Trainer::new(net, data, None, config).expect("trainer");
    trainer.run().expect("trains");
    let mut m = Model::new(trainer.network().clone());
    m.input = Some(InputNorm::MinMax {
        min: vec![-1.0, -2.0],
        max: vec![5.0, 2.0],
    });
    m.description = "three blobs, 5 epochs".into();
    m
}

fn err_of(text: &str) -> Error {
    read(text.as_bytes(), &SerdeJson).expect_err("must be rejected")
}

fn assert_names(e: &Error, en: &str, zh: &str) {
    assert!(e.text.en.contains(en), "{:?} lacks {en:?}", e.text.en);
    assert!(e.text.zh.contains(zh), "{:?} lacks {zh:?}", e.text.zh);
}

#[test]
fn a_saved_model_predicts_bit_for_bit_the_same() {
    let mut m = trained_model();
    let mut stats = Vec::new();
    m.network.visit(|_, p| {
        if p.name == "running_mean" {
            stats.extend_from_slice(p.value)
        }
    });
    assert!(
        stats.iter().any(|v| v.abs() > 1e-3),
        "BN statistics still at their start: {stats:?}"
    );
    let text = write(&m, &SerdeJson).expect("writes");
    let mut back = read(text.as_bytes(), &SerdeJson).expect("reads");
    let raw: Vec<f32> = (0..200)
        .map(|i| ((i * 37 % 101) as f32 - 50.0) / 12.0)
        .collect();
    let (a, b) = (
        m.predict(&raw).expect("ours"),
        back.predict(&raw).expect("loaded"),
    );
    let bits = |v: &Matrix| v.data.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&a), bits(&b));
    assert_eq!(
        (back.description.as_str(), &back.input),
        (m.description.as_str(), &m.input)
    );
    // Saving the loaded model gives the same text.
    assert_eq!(write(&back, &SerdeJson).expect("writes"), text);
    // The walk's 4 BN tensors are all there.
    let file: ModelFile = serde_json::from_str(&text).expect("json");
    let names: Vec<&str> = file.tensors.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "w",
            "b",
            "gamma",
            "beta",
            "running_mean",
            "running_var",
            "w",
            "b"
        ]
    );
}

#[test]
fn every_kind_of_bad_file_gets_its_own_message() {
    let good = write(&trained_model(), &SerdeJson).expect("writes");
    let e = err_of(&good[..good.len() / 2]);
    assert_names(&e, "cut off", "不完整");
    let e = read(&[0x08, 0x07, 0x12, 0xff, 0x00], &SerdeJson).expect_err("binary");
    assert_names(&e, "not UTF-8", "UTF-8");
    let e = read(&vec![b' '; MAX_BYTES + 1], &SerdeJson).expect_err("too big");
    assert_names(&e, "at most 50 MB", "50 MB");
    assert_names(&err_of(""), "empty", "空");
    assert_names(&err_of("[1,2,3]"), "not a valid model", "不是有效");
    let other = good.replacen("ninestep-model", "keras", 1);
    assert_names(&err_of(&other), "“keras”", "“keras”");
    assert_names(&err_of(r#"{"a":1}"#), "no “format”", "缺少");
    let v2 = good.replacen("\"version\":1", "\"version\":2", 1);
    assert_names(&err_of(&v2), "version 2", "版本为 2");
    let conv = good.replacen("\"type\":\"batch-norm\"", "\"type\":\"conv9d\"", 1);
    let e = err_of(&conv);
    assert_eq!(e.kind, ErrorKind::Unknown);
    assert_names(&e, "conv9d", "不认识");
    // NaN is written as null by JSON writers; an overflowing number becomes infinity.
    let nan = good.replacen("\"values\":[", "\"values\":[null,", 1);
    assert_names(&err_of(&nan), "null", "不是有效");
    let inf = good.replacen("\"values\":[", "\"values\":[1e39,", 1);
    let inf = inf.replacen("\"shape\":[2,8]", "\"shape\":[1,17]", 1);
    assert_names(&err_of(&inf), "not finite at index 0", "不是有限数");
    let shape = good.replacen("\"shape\":[2,8]", "\"shape\":[4,4]", 1);
    assert_names(
        &err_of(&shape),
        "has shape [4, 4]; the layer needs [2, 8]",
        "形状为 [4, 4]",
    );
    let count = good.replacen("\"shape\":[2,8]", "\"shape\":[2,9]", 1);
    assert_names(&err_of(&count), "16 values", "16 个值");
    let missing = good.replacen("\"name\":\"running_var\"", "\"name\":\"running_mean\"", 1);
    assert_names(&err_of(&missing), "appears twice", "两次");
    let mut file: ModelFile = serde_json::from_str(&good).expect("json");
    file.tensors.remove(5);
    let e = Model::from_file(file.clone()).expect_err("missing");
    assert_names(
        &e,
        "layer 2 (batch-norm) has no tensor “running_var”",
        "第 2 层（batch-norm）缺少张量",
    );
    let mut extra = file.clone();
    extra.tensors.insert(
        5,
        TensorEntry {
            layer: 2,
            name: "running_var".into(),
            shape: vec![1, 8],
            values: vec![1.0; 8],
        },
    );
    extra.tensors.push(TensorEntry {
        layer: 3,
        name: "bias".into(),
        shape: vec![1, 1],
        values: vec![0.0],
    });
    assert_names(
        &Model::from_file(extra).expect_err("extra"),
        "“bias” of layer 3 is not a parameter",
        "不是该网络的参数",
    );
    let mut neg = serde_json::from_str::<ModelFile>(&good).expect("json");
    neg.tensors[5].values = vec![-1.0; 8];
    assert_names(
        &Model::from_file(neg).expect_err("negative variance"),
        "negative variance",
        "方差为负",
    );
    let unknown_key = good.replacen("{\"format\"", "{\"weights\":[],\"format\"", 1);
    assert_names(&err_of(&unknown_key), "unknown field `weights`", "不是有效");
}

#[test]
fn a_tiny_file_cannot_ask_for_a_huge_network() {
    let huge = format!(
        r#"{{"format":"ninestep-model","version":1,"network":{{"inputs":4096,"layers":[{}{{"type":"dense","units":4096,"activation":"identity"}}],"output":"identity","init":"xavier","seed":1}},"tensors":[]}}"#,
        r#"{"type":"dense","units":4096,"activation":"relu"},"#.repeat(30)
    );
    let e = err_of(&huge);
    assert_names(
        &e,
        "layer 1 and those before it need 16781312 parameter values; the file has 0",
        "第 1 层",
    );
}

/// The 2-2-1 net of the worked example: sigmoid hidden layer, identity output with MSE.
fn tiny() -> Model {
    let mut net = NetworkConfig {
        input_shape: None,
        inputs: 2,
        layers: vec![
            LayerConfig::dense(2, Activation::Sigmoid),
            LayerConfig::dense(1, Activation::Identity),
        ],
        output: Output::Identity,
        init: Init::Xavier,
        seed: 1,
    }
    .build()
    .expect("net");
    let d1 = net.dense_mut(0).expect("dense");
    d1.w.data = vec![0.1, 0.2, 0.3, 0.4];
    d1.b.data = vec![0.0, 0.0];
    let d2 = net.dense_mut(1).expect("dense");
    d2.w.data = vec![0.5, -0.5];
    d2.b.data = vec![0.1];
    Model::new(net)
}

#[test]
fn the_worked_step_matches_a_hand_computation() {
    // By hand, x = (0.5, 0.3), W1 = [0.1 0.2; 0.3 0.4], B1 = 0, W2 = (0.5, −0.5)ᵀ, B2 = 0.1,
    // target 1, η = 0.5:
    //   Z1 = (0.5·0.1 + 0.3·0.3, 0.5·0.2 + 0.3·0.4) = (0.14, 0.22)
    //   A1 = σ(Z1) = (0.534943, 0.554779)
    //   Z2 = 0.5·0.534943 − 0.5·0.554779 + 0.1 = 0.090082;  J = ½(0.090082 − 1)² = 0.413976
    //   dZ2 = 0.090082 − 1 = −0.909918;  dW2 = A1ᵀ·dZ2 = (−0.486754, −0.504804)
    //   dA1 = dZ2·W2ᵀ = (−0.454959, 0.454959)
    //   dZ1 = dA1 ⊙ A1(1 − A1) = (−0.454959·0.248778, 0.454959·0.246999) = (−0.113184, 0.112375)
    //   dW1 = xᵀ·dZ1 = [−0.056592 0.056187; −0.033955 0.033712]
    //   W1 ← W1 − 0.5·dW1 = [0.128296 0.171906; 0.316978 0.383144]
    //   W2 ← (0.743377, −0.247598), B2 ← 0.1 + 0.5·0.909918 = 0.554959
    let s = worked_step(&tiny(), &[0.5, 0.3], &[1.0], 0.5).expect("step");
    let close = |got: &[f32], want: &[f32]| {
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() < 2e-6, "{got:?} vs {want:?}");
        }
    };
    let find = |v: &[step::Named], n: &str| v.iter().find(|x| x.name == n).expect(n).values.clone();
    let (l1, l2) = (&s.layers[0], &s.layers[1]);
    close(&find(&l1.forward, "Z"), &[0.14, 0.22]);
    close(&find(&l1.forward, "A"), &[0.534943, 0.554779]);
    close(&find(&l2.forward, "Z"), &[0.090082]);
    assert!((s.loss - 0.413976).abs() < 2e-6);
    close(&find(&l2.backward, "dZ"), &[-0.909918]);
    close(&find(&l2.backward, "dW"), &[-0.486754, -0.504804]);
    close(&find(&l2.backward, "dX"), &[-0.454959, 0.454959]);
    close(&find(&l1.backward, "dA"), &[-0.454959, 0.454959]);
    close(&find(&l1.backward, "dZ"), &[-0.113184, 0.112375]);
    close(
        &find(&l1.backward, "dW"),
        &[-0.056592, 0.056187, -0.033955, 0.033712],
    );
    close(
        &find(&l1.after, "W"),
        &[0.128296, 0.171906, 0.316978, 0.383144],
    );
    close(&find(&l2.after, "W"), &[0.743377, -0.247598]);
    close(&find(&l2.after, "B"), &[0.554959]);
    assert!(s.loss_after < s.loss);
    let text = s.text(crate::text::Lang::En);
    assert!(
        text.contains("dW1") && text.contains("0.128296") && text.contains("0.413976"),
        "{text}"
    );
    assert!(s.text(crate::text::Lang::Zh).contains("反向传播"));
    let e = worked_step(&tiny(), &[0.5, 0.3], &[1.0, 2.0], 0.5).expect_err("target");
    assert_names(&e, "target needs 1", "目标需要 1");
    assert!(worked_step(&tiny(), &[0.5], &[1.0], 0.5).is_err());
    assert!(worked_step(&tiny(), &[0.5, 0.3], &[1.0], f32::NAN).is_err());
}
