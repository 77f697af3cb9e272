use super::*;

fn v(s: &[&str]) -> Vec<String> {
    s.iter().map(|s| s.to_string()).collect()
}

fn dir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("ninestep-model-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// The 2-2-1 net of the worked example, written by hand in the documented format.
const TINY: &str = r#"{"format":"ninestep-model","version":1,
 "network":{"inputs":2,"layers":[{"type":"dense","units":2,"activation":"sigmoid"},
   {"type":"dense","units":1,"activation":"identity"}],"output":"identity","init":"xavier","seed":1},
 "tensors":[{"layer":1,"name":"w","shape":[2,2],"values":[0.1,0.2,0.3,0.4]},
   {"layer":1,"name":"b","shape":[1,2],"values":[0,0]},
   {"layer":2,"name":"w","shape":[2,1],"values":[0.5,-0.5]},
   {"layer":2,"name":"b","shape":[1,1],"values":[0.1]}]}"#;

#[test]
fn step_prints_the_hand_computed_chain() {
    let d = dir("step");
    let f = d.join("tiny.json");
    std::fs::write(&f, TINY).expect("write");
    let f = f.to_string_lossy().to_string();
    // By hand (see also the core test): Z1 = (0.14, 0.22), A1 = σ(Z1) = (0.534943, 0.554779),
    // Z2 = 0.5·0.534943 − 0.5·0.554779 + 0.1 = 0.090082, J = ½(0.090082 − 1)² = 0.413976,
    // dZ2 = −0.909918, dW1 = [−0.056592 0.056187; −0.033955 0.033712],
    // W1 ← W1 − 0.5·dW1 = [0.128296 0.171906; 0.316978 0.383144], B2 ← 0.554959.
    let out = run(&v(&[
        "step", &f, "--input", "0.5,0.3", "--target", "1", "--lr", "0.5",
    ]))
    .expect("step");
    for want in [
        "0.140000, 0.220000",
        "0.534943, 0.554779",
        "0.090082",
        "0.413976",
        "-0.909918",
        "-0.056592, 0.056187; -0.033955, 0.033712",
        "0.128296, 0.171906; 0.316978, 0.383144",
        "0.554959",
    ] {
        assert!(out.contains(want), "{want} missing in\n{out}");
    }
    let json = run(&v(&[
        "step", &f, "--input", "0.5,0.3", "--target", "1", "--lr", "0.5", "--json",
    ]))
    .expect("json");
    let j: serde_json::Value = serde_json::from_str(&json).expect("parses");
    let dw = &j["layers"][0]["backward"]
        .as_array()
        .expect("list")
        .iter()
        .find(|n| n["name"] == "dW")
        .expect("dW")["values"];
    assert!(
        (dw[0].as_f64().expect("num") + 0.056592).abs() < 1e-6,
        "{dw}"
    );
    let zh = run(&v(&[
        "step", &f, "--input", "0.5,0.3", "--target", "1", "--lr", "0.5", "--lang", "zh",
    ]))
    .expect("zh");
    assert!(zh.contains("反向传播"), "{zh}");
    // predict and info on the same file.
    let p = run(&v(&["predict", &f, "--input", "0.5,0.3;0,0"])).expect("predict");
    assert!(p.starts_with("0.090082"), "{p}");
    let info = run(&v(&["info", &f])).expect("info");
    assert!(
        info.contains("sigmoid") && info.contains("9 trained parameters"),
        "{info}"
    );
    // Bad inputs are messages, not panics.
    assert!(run(&v(&[
        "step", &f, "--input", "0.5", "--target", "1", "--lr", "0.5"
    ]))
    .unwrap_err()
    .contains("rows of 2"));
    assert!(run(&v(&[
        "step", &f, "--input", "0.5,x", "--target", "1", "--lr", "0.5"
    ]))
    .unwrap_err()
    .contains("“x”"));
    assert!(run(&v(&["step", &f, "--input", "0.5,0.3"]))
        .unwrap_err()
        .contains("--target"));
    std::fs::write(d.join("cut.json"), &TINY[..100]).expect("write");
    let e = run(&v(&["info", &d.join("cut.json").to_string_lossy()])).unwrap_err();
    assert!(e.contains("cut.json") && e.contains("cut off"), "{e}");
    let e = run(&v(&[
        "info",
        &d.join("cut.json").to_string_lossy(),
        "--lang",
        "zh",
    ]))
    .unwrap_err();
    assert!(e.contains("不完整"), "{e}");
    std::fs::remove_dir_all(d).ok();
}

#[test]
fn train_saves_a_model_that_predicts_and_exports() {
    let d = dir("train");
    let f = d.join("xor.json").to_string_lossy().to_string();
    let onnx = d.join("xor.onnx").to_string_lossy().to_string();
    crate::train::run(&v(&["dataset=xor&layers=4&epochs=5", "--save", &f])).expect("trains");
    let info = run(&v(&["info", &f, "--json"])).expect("info");
    let j: serde_json::Value = serde_json::from_str(&info).expect("json");
    assert_eq!(j["inputs"], 2);
    assert!(j["description"]
        .as_str()
        .expect("text")
        .contains("dataset=xor"));
    let from_json = run(&v(&["predict", &f, "--input", "1,1;-2,3"])).expect("predict");
    let out = run(&v(&["export", &f, "--onnx", &onnx])).expect("export");
    assert!(out.contains("opset 13"), "{out}");
    // The exported file, imported back, predicts the same numbers (printed to 6 decimals).
    let from_onnx = run(&v(&["predict", &onnx, "--input", "1,1;-2,3"])).expect("onnx predict");
    assert_eq!(from_onnx, from_json);
    let e = run(&v(&["info", &onnx.replace(".onnx", ".json.onnx")])).unwrap_err();
    assert!(e.contains("xor.json.onnx"), "{e}");
    std::fs::write(d.join("junk.onnx"), b"\x08\x07\xff\xff\xff").expect("write");
    let e = run(&v(&["info", &d.join("junk.onnx").to_string_lossy()])).unwrap_err();
    assert!(e.contains("ONNX"), "{e}");
    std::fs::remove_dir_all(d).ok();
}

#[test]
fn arguments() {
    let a = parse_args(&v(&[
        "step", "m.json", "--lr", "0.1", "--json", "--input", "1,2",
    ]))
    .expect("parses");
    assert_eq!(
        (a.command.as_str(), a.file.as_str(), a.lr, a.json),
        ("step", "m.json", Some(0.1), true)
    );
    assert!(parse_args(&v(&["step"])).is_err());
    assert!(parse_args(&v(&["step", "m", "--lr", "fast"])).is_err());
    assert!(parse_args(&v(&["step", "m", "--what", "1"])).is_err());
    assert_eq!(
        numbers("--input", "1, 2;3").expect("numbers"),
        vec![1.0, 2.0, 3.0]
    );
    assert!(numbers("--input", "1,inf").is_err());
}

/// The page's pad and the CLI read each other's files: the pad's download loads here and
/// predicts the pad's ten probabilities for the same 784 pixels; a file the CLI saves
/// loads into a pad.
#[test]
fn the_digit_pads_files_and_the_clis_are_the_same_format() {
    use ninestep_core::lesson::step6::pad::DigitPad;
    use ninestep_core::{Params, Widget};
    let mut p = Params::default();
    p.set("seed", "7");
    let mut pad = DigitPad::from_params(&p).expect("pad");
    let mut drawing = vec![0.0; 140 * 140];
    for y in 20..120 {
        drawing[y * 140 + 64..y * 140 + 76].fill(1.0);
    }
    pad.infer(140, 140, drawing).expect("infer");
    let last = pad.last().expect("a result");
    let d = dir("pad");
    let f = d.join("digits-model.json").to_string_lossy().to_string();
    std::fs::write(&f, pad.model_json(&SerdeJson).expect("json")).expect("write");
    let mut m = load(&f, Lang::En).expect("the CLI reads the pad's file");
    let out = m.predict(&last.stages.input).expect("predict");
    assert_eq!(out.data, last.probabilities);

    let mut fresh = DigitPad::from_params(&Params::default()).expect("pad");
    let g = d.join("from-cli.json").to_string_lossy().to_string();
    save(&m, &g, Lang::En).expect("save");
    let bytes = std::fs::read(&g).expect("read");
    fresh
        .load_model(&bytes, "from-cli.json", &SerdeJson)
        .expect("the pad reads the CLI's file");
    let tensors =
        |t: String| serde_json::from_str::<serde_json::Value>(&t).expect("json")["tensors"].clone();
    assert_eq!(
        tensors(fresh.model_json(&SerdeJson).expect("json")),
        tensors(pad.model_json(&SerdeJson).expect("json"))
    );
    let _ = std::fs::remove_dir_all(&d);
}

/// `model info` prints its labels in the language of `--lang` (English by default).
#[test]
fn info_speaks_zh_with_lang_zh() {
    let d = dir("info-lang");
    let f = d.join("tiny.json").to_string_lossy().to_string();
    std::fs::write(&f, TINY).expect("write");
    let en = run(&v(&["info", &f])).expect("info");
    assert!(en.contains("input  2 features"), "{en}");
    assert!(
        en.contains("output identity · 9 trained parameters"),
        "{en}"
    );
    let zh = run(&v(&["info", &f, "--lang", "zh"])).expect("info zh");
    assert!(zh.contains("输入  2 个特征"), "{zh}");
    assert!(zh.contains("6 个值"), "{zh}");
    assert!(zh.contains("输出 identity · 9 个训练参数"), "{zh}");
    assert!(!zh.contains("features") && !zh.contains("trained"), "{zh}");
    let _ = std::fs::remove_dir_all(&d);
}
