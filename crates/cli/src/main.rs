//! `ninestep` — the course from the command line.
//!
//! ```text
//! ninestep list
//! ninestep lesson backprop-chain --x 2 --target 2.13 [--steps N] [--json] [--lang zh]
//! ninestep figure gd-2d --eta 0.1 --out gd.svg|gd.png [--width 800 --height 500]
//! ninestep train 'dataset=spiral&layers=8,8&epochs=200' [--epochs N] [--json]
//! ninestep bench [--seconds S] [--runs N] [--only w1|w2|w3|w4] [--gemm] [--conv]
//! ninestep model info|predict|step|export FILE [--input …] [--target …] [--lr η] [--onnx OUT] [--json]
//! ```

mod args;
mod bench;
mod conv_bench;
mod export;
mod figure;
mod gemm_bench;
mod model;
mod report;
mod train;

use ninestep_core::{AnyWidget, Outcome};
use std::process::ExitCode;

const USAGE: &str = "usage:
  ninestep list                                   the widgets and their settings
  ninestep lesson <widget> [--key value …] [--steps N] [--json] [--lang en|zh] [--data-file FILE]
  ninestep figure <widget> [--key value …] [--steps N] --out FILE.svg|FILE.png [--width W] [--height H] [--lang en|zh]
  ninestep train '<query>' [--epochs N] [--csv FILE] [--save MODEL.json] [--json] [--lang en|zh]
                                                  e.g. 'dataset=spiral&noise=0&train=50&batch=10&lr=0.03&act=tanh&layers=8,8&seed=1&epochs=200'
  ninestep bench [--seconds S] [--runs N] [--only w1|w2|w3|w4] [--mnist FILE] [--gemm] [--conv]
  ninestep model info FILE [--json] [--lang en|zh]  a saved model: layers, shapes, parameter counts
  ninestep model predict FILE --input 0.5,0.3[;…] [--json]
  ninestep model step FILE --input 0.5,0.3 --target 1 --lr 0.5 [--json] [--lang en|zh]
                                                  one SGD step: every forward value, gradient and new weight
  ninestep model export FILE --onnx OUT.onnx      ONNX (opset 13)";

/// The bytes of a widget's data file: `--data-file FILE`, else the site's copy (`www/<file>`)
/// from the working directory or from the source tree the binary was built in.
fn data_file(spec_path: &str, given: Option<&str>) -> Result<Vec<u8>, String> {
    if let Some(p) = given {
        return std::fs::read(p).map_err(|e| format!("cannot read {p}: {e}"));
    }
    let candidates = [
        std::path::PathBuf::from("www").join(spec_path),
        std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../www")).join(spec_path),
    ];
    candidates
        .iter()
        .find_map(|p| std::fs::read(p).ok())
        .ok_or_else(|| {
            format!(
                "this widget needs its data file www/{spec_path}, found neither in ./www nor in the source tree; pass --data-file FILE"
            )
        })
}

/// Builds the widget (attaching its data file if it has one) and steps it `steps` times,
/// or until its stop rule holds.
fn build(a: &args::Args) -> Result<AnyWidget, String> {
    let mut w = AnyWidget::new(&a.widget, &a.params).map_err(|e| e.message(a.lang).to_string())?;
    if w.awaiting_data() {
        if let Some(path) = w.spec().data {
            let bytes = data_file(path, a.data.as_deref())?;
            w.attach_data(&bytes)
                .map_err(|e| e.message(a.lang).to_string())?;
        }
    }
    let limit = a.steps.unwrap_or(ninestep_core::widget::MAX_STEPS);
    for _ in 0..limit {
        match w.step() {
            Ok(Outcome::Done(_)) => break,
            Ok(Outcome::Stepped) => {}
            Err(e) => {
                eprintln!("{}", e.message(a.lang));
                break;
            }
        }
    }
    Ok(w)
}

fn list() -> String {
    let mut out = String::new();
    for name in AnyWidget::NAMES {
        if let Ok(spec) = AnyWidget::spec_of(name) {
            let keys: Vec<String> = spec
                .params
                .iter()
                .map(|p| format!("--{} {}", p.key, p.default))
                .collect();
            out.push_str(&format!(
                "{name:<16} {}\n{:<16} {}\n",
                spec.title.en,
                "",
                keys.join(" ")
            ));
        }
    }
    out
}

fn run(argv: &[String]) -> Result<String, String> {
    match argv.first().map(String::as_str) {
        Some("list") => Ok(list()),
        Some("lesson") => {
            let a = args::parse(&argv[1..])?;
            let w = build(&a)?;
            if a.json {
                serde_json::to_string_pretty(&report::json(&w)).map_err(|e| e.to_string())
            } else {
                Ok(report::text(&w, a.lang))
            }
        }
        Some("figure") => {
            let a = args::parse(&argv[1..])?;
            let out = a
                .out
                .clone()
                .ok_or("figure needs --out FILE.svg or FILE.png")?;
            let w = build(&a)?;
            figure::write(&w, &out, a.size, a.lang)?;
            Ok(format!("wrote {out}"))
        }
        Some("train") => train::run(&argv[1..]),
        Some("bench") => bench::run(&argv[1..]),
        Some("model") => model::run(&argv[1..]),
        Some("-h" | "--help" | "help") | None => Ok(USAGE.to_string()),
        Some(other) => Err(format!("unknown command “{other}”\n{USAGE}")),
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match run(&argv) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ninestep: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::words;

    #[test]
    fn lesson_prints_the_books_chain_table() {
        // Book ch2.2: x = 2 → … → 9.655706, c = 2.129577 after five iterations.
        let out = run(&words("lesson backprop-chain --x 2 --target 2.13")).unwrap();
        for x in [
            "2.000000", "4.243178", "7.343950", "9.295386", "9.655706", "2.129577",
        ] {
            assert!(out.contains(x), "{x} missing in\n{out}");
        }
        assert!(out.contains("Done after 5 iterations"), "{out}");
    }

    #[test]
    fn json_has_full_precision_rows() {
        let out = run(&words(
            "lesson linear-backprop --strategy wb-recompute --json",
        ))
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["widget"], "linear-backprop");
        let rows = v["rows"].as_array().unwrap();
        // Book ch2.1: three corrections, then the passing check → 4 rows; b = 3.903263.
        assert_eq!(rows.len(), 4);
        let b = rows[3][1].as_f64().unwrap();
        assert_eq!(ninestep_core::fmt_num(b, 6), "3.903263");
    }

    #[test]
    fn named_rows_print_their_names() {
        // The race's table has one row per optimizer: the name leads each line, and the
        // JSON carries the names beside the rows.
        let out = run(&words("lesson optimizer-race --show book --steps 20")).unwrap();
        let rms = out.lines().find(|l| l.trim_start().starts_with("RMSProp"));
        assert!(rms.is_some_and(|l| l.contains("0.000233")), "{out}");
        let json = run(&words("lesson optimizer-race --show book --json")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["row_labels"][3]["en"], "Adam");
    }

    #[test]
    fn digits_run_on_the_shipped_file() {
        // Book ch12.1: 784-64-16-10, η 0.2, batch 128 → 0.9749 on the full MNIST after 40
        // epochs. Here 8,000 digits train (8 Steps ≈ one epoch), 2,000 held out test; after
        // two epochs the untrained 0.12 has become 0.85 (> 0.8).
        let out = run(&words("lesson digits --steps 16 --json")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let rows = v["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 3, "epochs 0, 1, 2: {out}");
        let acc0 = rows[0][3].as_f64().unwrap();
        let acc2 = rows[2][3].as_f64().unwrap();
        assert!(acc0 < 0.2 && acc2 > 0.8, "{acc0} → {acc2}");
        let e = run(&words("lesson digits --data-file /nonexistent/d.bin")).unwrap_err();
        assert!(e.contains("cannot read /nonexistent/d.bin"), "{e}");
    }

    #[test]
    fn bad_settings_are_clear_errors() {
        let e = run(&words("lesson backprop-chain --x 0.5")).unwrap_err();
        assert!(e.contains("domain"), "{e}");
        assert!(run(&words("lesson nope"))
            .unwrap_err()
            .contains("no widget"));
        assert!(run(&words("figure gd-1d --out x.gif"))
            .unwrap_err()
            .contains(".svg or .png"));
    }

    #[test]
    fn figures_are_written_as_svg_and_png() {
        let dir = std::env::temp_dir().join(format!("ninestep-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let svg = dir.join("gd.svg");
        let png = dir.join("gd.png");
        run(&words(&format!("figure gd-2d --out {}", svg.display()))).unwrap();
        run(&words(&format!(
            "figure backprop-chain --steps 2 --out {}",
            png.display()
        )))
        .unwrap();
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(
            text.starts_with("<svg") && text.matches("<rect").count() > 1000,
            "heatmap cells missing"
        );
        let bytes = std::fs::read(&png).unwrap();
        assert_eq!(&bytes[1..4], b"PNG");
        assert!(bytes.len() > 10_000);
        std::fs::remove_dir_all(dir).ok();
    }
}
