//! The façade in a real browser (headless Chromium via wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use js_sys::Reflect;
use ninestep_web::{parse_hash_lang, widget_spec, WidgetHandle};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

type TestResult = Result<(), JsValue>;

fn fail(msg: impl Into<String>) -> JsValue {
    JsValue::from_str(&msg.into())
}

/// `{x: "2", target: "2.13"}` as a JS object.
fn attrs(pairs: &[(&str, &str)]) -> JsValue {
    let obj = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&obj, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    obj.into()
}

fn get(obj: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(obj, &JsValue::from_str(key))
}

/// `obj[key]`, which must be a string.
fn text(obj: &JsValue, key: &str) -> Result<String, JsValue> {
    get(obj, key)?
        .as_string()
        .ok_or_else(|| fail(format!("“{key}” is not a string")))
}

fn x_column(h: &WidgetHandle) -> Vec<String> {
    let t = h.widget().table();
    (0..t.rows.len())
        .map(|r| match t.get(r, "x") {
            Some(v) => ninestep_core::fmt_num(v, 6),
            None => String::new(),
        })
        .collect()
}

#[wasm_bindgen_test]
fn a_link_replays_the_chain_to_the_books_numbers() -> TestResult {
    // Book ch2.2: from x = 2 towards y = 2.13 the program prints x = 2 → 4.243178 →
    // 7.343950 → 9.295386 → 9.655706 and stops with c = 2.129577.
    let h = WidgetHandle::new(
        "backprop-chain",
        "chain",
        attrs(&[("x", "2"), ("target", "2.13")]),
        "#lang=zh&chain.steps=5",
    )?;
    if !h.last_error().is_null() {
        return Err(fail("a good link reported an error"));
    }
    let xs = x_column(&h);
    let want = ["2.000000", "4.243178", "7.343950", "9.295386", "9.655706"];
    if xs != want {
        return Err(fail(format!("x column {xs:?}")));
    }
    let c = h
        .widget()
        .table()
        .get(4, "c")
        .map(|v| ninestep_core::fmt_num(v, 6));
    if c.as_deref() != Some("2.129577") {
        return Err(fail(format!("c = {c:?}")));
    }
    // The same table reaches JS as plain data.
    let rows = get(&h.table(), "rows")?;
    if js_sys::Array::from(&rows).length() != 5 {
        return Err(fail("table().rows should have 5 entries"));
    }
    if h.hash_fragment() != "chain.x=2&chain.target=2.13&chain.steps=5" {
        return Err(fail(format!("fragment {}", h.hash_fragment())));
    }
    if parse_hash_lang("#lang=zh&chain.steps=5").as_deref() != Some("zh") {
        return Err(fail("lang not read from the hash"));
    }
    Ok(())
}

#[wasm_bindgen_test]
fn a_bad_hash_or_attribute_gives_a_working_default_and_an_error() -> TestResult {
    for (attr, hash, kind) in [
        (attrs(&[]), "#%%%garbage", "bad-state"),
        (attrs(&[("x", "abc")]), "", "bad-value"),
        (attrs(&[]), "#backprop-chain.x=0.5", "domain"),
        (attrs(&[]), "#backprop-chain.nope=1", "unknown"),
    ] {
        let mut h = WidgetHandle::new("backprop-chain", "backprop-chain", attr, hash)?;
        let err = h.last_error();
        let got = get(&err, "kind")?.as_string();
        if got.as_deref() != Some(kind) {
            return Err(fail(format!("{hash}: kind {got:?}, wanted {kind}")));
        }
        let en = text(&err, "en")?;
        let zh = text(&err, "zh")?;
        if en.is_empty() || zh.is_empty() {
            return Err(fail("the error needs both languages"));
        }
        // The defaults still work.
        if get(&h.params(), "x")?.as_string().as_deref() != Some("2") {
            return Err(fail("not the default x"));
        }
        let r = h.step();
        if get(&r, "outcome")?.as_string().as_deref() != Some("stepped") || h.steps() != 1 {
            return Err(fail("the default widget does not step"));
        }
    }
    // Unknown widget names are the one thing that throws.
    if WidgetHandle::new("nope", "nope", attrs(&[]), "").is_ok() {
        return Err(fail("an unknown widget was built"));
    }
    Ok(())
}

#[wasm_bindgen_test]
fn a_widget_spec_without_a_widget() -> TestResult {
    // The keys embed.html passes on: the same spec a handle gives, read by name alone.
    let spec = widget_spec("learning-rate")?;
    let handle = WidgetHandle::new("learning-rate", "lr", attrs(&[]), "")?;
    let keys = |spec: &JsValue| -> Result<Vec<String>, JsValue> {
        let params: js_sys::Array = get(spec, "params")?.into();
        params.iter().map(|p| text(&p, "key")).collect()
    };
    let (by_name, by_handle) = (keys(&spec)?, keys(&handle.spec())?);
    if by_name != by_handle || !by_name.iter().any(|k| k == "eta") {
        return Err(fail(format!("{by_name:?} vs {by_handle:?}")));
    }
    match widget_spec("onfocus") {
        Ok(_) => Err(fail("a spec for an unknown widget")),
        Err(e) if text(&e, "kind")? == "unknown" && !text(&e, "zh")?.is_empty() => Ok(()),
        Err(e) => Err(e),
    }
}

#[wasm_bindgen_test]
fn a_rejected_setting_keeps_the_table() -> TestResult {
    let mut h = WidgetHandle::new("backprop-chain", "c", attrs(&[]), "#c.steps=2")?;
    let before = h.widget().table();
    let err = h.set("x", "0.5");
    if get(&err, "kind")?.as_string().as_deref() != Some("domain") {
        return Err(fail("x = 0.5 should be a domain error"));
    }
    if h.widget().table() != before || h.steps() != 2 {
        return Err(fail("the table changed after a rejected setting"));
    }
    if !h.set("x", "3").is_null() || h.steps() != 0 {
        return Err(fail("a good setting should start over"));
    }
    Ok(())
}

#[wasm_bindgen_test]
fn every_widget_builds_and_steps_from_its_defaults() -> TestResult {
    for name in ninestep_web::widget_names() {
        let mut h = WidgetHandle::new(&name, &name, attrs(&[]), "")?;
        if !h.last_error().is_null() {
            return Err(fail(format!("{name}: defaults gave an error")));
        }
        let spec = h.spec();
        let title = text(&get(&spec, "title")?, "zh")?;
        if title.is_empty() {
            return Err(fail(format!("{name}: no Chinese title")));
        }
        if get(&spec, "steppable")?.as_bool() == Some(true) {
            let r = h.step();
            // A widget with a data file (`digits`) refuses to step, with a message, until
            // the page attaches the file; a broken file is an error object, not a panic.
            if get(&r, "kind")?.is_string() != h.awaiting_data() {
                return Err(fail(format!("{name}: first step failed")));
            }
            if h.awaiting_data() && !get(&h.attach_data(b"broken"), "kind")?.is_string() {
                return Err(fail(format!("{name}: a broken data file was accepted")));
            }
        }
    }
    Ok(())
}

fn canvas(width: u32, height: u32) -> Result<HtmlCanvasElement, JsValue> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| fail("no document"))?;
    let canvas: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
    canvas.set_width(width);
    canvas.set_height(height);
    if let Some(body) = doc.body() {
        body.append_child(&canvas)?;
    }
    Ok(canvas)
}

fn ink(canvas: &HtmlCanvasElement) -> Result<usize, JsValue> {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| fail("no 2d context"))?
        .dyn_into()?;
    let data = ctx
        .get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)?
        .data();
    Ok(data
        .chunks_exact(4)
        .filter(|p| p[3] > 0 && (p[0] < 245 || p[1] < 245 || p[2] < 245))
        .count())
}

#[wasm_bindgen_test]
fn every_widget_draws_a_chart() -> TestResult {
    for name in ninestep_web::widget_names() {
        let mut h = WidgetHandle::new(&name, &name, attrs(&[]), "")?;
        let c = canvas(640, 400)?;
        let r = h.draw(c.clone(), "zh");
        if !r.is_null() {
            return Err(fail(format!("{name}: draw failed")));
        }
        // Charts are real: well over 1 % of the pixels are not white.
        let n = ink(&c)?;
        if n < 640 * 400 / 100 {
            return Err(fail(format!("{name}: only {n} non-white pixels")));
        }
        // A click far outside the plotting area changes nothing.
        if h.click(-10.0, -10.0) {
            return Err(fail(format!(
                "{name}: a click outside the chart set something"
            )));
        }
    }
    Ok(())
}

/// The same seeds give bit-identical training histories in the browser and natively: the
/// constants are the ones `nn_golden.rs` pins for x86-64 (`nn::workload::history_hash`:
/// FNV-1a over the bits of every per-epoch training loss).
#[wasm_bindgen_test]
fn training_histories_match_the_native_golden_hashes() {
    use ninestep_core::experiment::Workload;
    use ninestep_core::nn::workload::history_hash;
    for (workload, samples, seed, epochs, pinned) in [
        (Workload::SpiralMlp, 250, 1, 300, -1_107_834_742),
        (Workload::MnistMlp, 256, 2, 2, -25_663_287),
        (Workload::MnistCnn, 64, 3, 2, 1_603_138_482),
        (Workload::DigitsLstm, 64, 4, 2, 1_300_747_895),
    ] {
        let id = workload.id();
        let Ok(mut t) = workload.synthetic(samples, seed) else {
            panic!("{id} workload builds")
        };
        for _ in 0..epochs {
            assert!(t.epoch().is_ok());
        }
        assert_eq!(history_hash(&t), pinned, "{id} history differs from native");
    }
}
