//! `cargo xtask bench [--seconds S] [--runs N] [--only w1|w2|w3|w4] [--gemm]`: the timing workloads,
//! natively (`ninestep bench`, release build) and as wasm with simd128 in Node 20
//! (`xtask/bench/bench.mjs` on `www/pkg`), then a summary with the wasm/native ratio,
//! the peers the project compares against and its targets.
//!
//! Never part of `cargo xtask test`: speed is measured and printed, never asserted.

use std::process::Command;

use anyhow::{bail, Result};

use crate::util::{cargo, run_tee, workspace_root};
use crate::wasm;

/// Options of `cargo xtask bench`.
#[derive(Debug, Default)]
pub struct Options {
    /// Warm-up and minimum run length in seconds (default 2).
    pub seconds: Option<f64>,
    /// Timed runs per workload (default 5).
    pub runs: Option<u32>,
    /// Only `w1`, `w2`, `w3` or `w4`.
    pub only: Option<String>,
    /// Only the native matrix-kernel comparison (`ninestep bench --gemm`).
    pub gemm: bool,
}

impl Options {
    fn args(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(s) = self.seconds {
            out.extend(["--seconds".to_string(), s.to_string()]);
        }
        if let Some(r) = self.runs {
            out.extend(["--runs".to_string(), r.to_string()]);
        }
        if let Some(o) = &self.only {
            out.extend(["--only".to_string(), o.clone()]);
        }
        if self.gemm {
            out.push("--gemm".to_string());
        }
        out
    }
}

/// One report line: `W1 spiral-mlp native | epochs/s | median N | min N | max N`.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// `W1` or `W2`.
    pub id: String,
    /// `spiral-mlp` or `mnist-mlp`.
    pub name: String,
    /// `native` or `wasm`.
    pub target: String,
    /// `epochs/s` or `samples/s`.
    pub unit: String,
    /// Median rate.
    pub median: f64,
    /// Slowest run.
    pub min: f64,
    /// Fastest run.
    pub max: f64,
    /// The line as printed.
    pub raw: String,
}

/// Reads a report line; `None` for anything else (cargo's output, notes).
pub fn parse_line(line: &str) -> Option<Line> {
    let line = line.trim();
    let parts: Vec<&str> = line.split(" | ").collect();
    let [head, unit, median, min, max] = parts.as_slice() else {
        return None;
    };
    let mut head = head.split_whitespace();
    let (id, name, target) = (head.next()?, head.next()?, head.next()?);
    if !["W1", "W2", "W3", "W4"].contains(&id) || head.next().is_some() {
        return None;
    }
    let num = |s: &str, key: &str| s.strip_prefix(key)?.trim().parse::<f64>().ok();
    Some(Line {
        id: id.into(),
        name: name.into(),
        target: target.into(),
        unit: (*unit).into(),
        median: num(median, "median")?,
        min: num(min, "min")?,
        max: num(max, "max")?,
        raw: line.into(),
    })
}

/// Peers the project compares against, as reported by the project lead.
const PEERS: [(&str, &[(&str, f64)]); 3] = [
    (
        "W1",
        &[
            ("ConvNetJS", 2_200.0),
            ("TF Playground nn.ts", 1_900.0),
            ("numpy", 1_300.0),
            ("TF.js wasm", 100.0),
        ],
    ),
    (
        "W2",
        &[
            ("numpy+OpenBLAS", 110_000.0),
            ("TF.js wasm", 8_200.0),
            ("ConvNetJS", 1_500.0),
        ],
    ),
    (
        "W3",
        &[
            ("PyTorch, one thread", 6_400.0),
            ("numpy im2col", 2_400.0),
            ("ConvNetJS", 155.0),
        ],
    ),
];

/// Thousands with commas: 12345.6 → `12,346`.
fn thousands(v: f64) -> String {
    let s = format!("{:.0}", v.max(0.0));
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn met(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT met"
    }
}

/// The summary printed at the end.
pub fn summary(lines: &[Line], wasm_note: Option<&str>) -> String {
    let find = |id: &str, target: &str| lines.iter().find(|l| l.id == id && l.target == target);
    let mut out = String::from("\n== ninestep bench summary ==\n");
    out.push_str(&format!(
        "{:<14} {:<10} {:>14} {:>14} {:>12}\n",
        "workload", "unit", "native median", "wasm median", "wasm/native"
    ));
    for id in ["W1", "W2", "W3", "W4"] {
        let (n, w) = (find(id, "native"), find(id, "wasm"));
        let Some(any) = n.or(w) else { continue };
        let ratio = match (n, w) {
            (Some(n), Some(w)) if n.median > 0.0 => format!("{:.2}", w.median / n.median),
            _ => "–".into(),
        };
        out.push_str(&format!(
            "{:<14} {:<10} {:>14} {:>14} {:>12}\n",
            format!("{} {}", any.id, any.name),
            any.unit,
            n.map_or("–".into(), |l| thousands(l.median)),
            w.map_or("–".into(), |l| thousands(l.median)),
            ratio
        ));
    }
    out.push('\n');
    for l in lines {
        out.push_str(&l.raw);
        out.push('\n');
    }
    if let Some(note) = wasm_note {
        out.push_str(&format!("(wasm: {note})\n"));
    }
    out.push_str(
        "\nPeers (reported, measured by the project lead on this 2-core machine, not re-measured here):\n",
    );
    for (id, peers) in PEERS {
        let unit = if id == "W1" { "epochs/s" } else { "samples/s" };
        let list: Vec<String> = peers
            .iter()
            .map(|(name, v)| format!("{name} ≈ {}", thousands(*v)))
            .collect();
        out.push_str(&format!("  {id} {unit}: {}\n", list.join(" · ")));
    }
    out.push_str("\nTargets:\n");
    let w1 = (find("W1", "native"), find("W1", "wasm"));
    let w2 = find("W2", "wasm");
    match w1.1 {
        Some(w) => out.push_str(&format!(
            "  W1 wasm ≥ 20,000 epochs/s: {} ({})\n",
            met(w.median >= 20_000.0),
            thousands(w.median)
        )),
        None => out.push_str("  W1 wasm ≥ 20,000 epochs/s: not measured\n"),
    }
    match w2 {
        Some(w) => out.push_str(&format!(
            "  W2 wasm ≥ 30,000 samples/s: {} ({})\n",
            met(w.median >= 30_000.0),
            thousands(w.median)
        )),
        None => out.push_str("  W2 wasm ≥ 30,000 samples/s: not measured\n"),
    }
    match find("W3", "wasm") {
        Some(w) => out.push_str(&format!(
            "  W3 wasm ≥ 4,000 samples/s: {} ({})\n",
            met(w.median >= 4_000.0),
            thousands(w.median)
        )),
        None => out.push_str("  W3 wasm ≥ 4,000 samples/s: not measured\n"),
    }
    match w1 {
        (Some(n), Some(w)) if w.median > 0.0 => out.push_str(&format!(
            "  W1 wasm within 1.5× of native: {} (native is {:.2}× wasm)\n",
            met(n.median / w.median <= 1.5),
            n.median / w.median
        )),
        _ => out.push_str("  W1 wasm within 1.5× of native: not measured\n"),
    }
    match (find("W4", "native"), find("W4", "wasm")) {
        (Some(n), Some(w)) if w.median > 0.0 => out.push_str(&format!(
            "  W4 wasm within 1.5× of native: {} (native is {:.2}× wasm)\n",
            met(n.median / w.median <= 1.5),
            n.median / w.median
        )),
        _ => out.push_str("  W4 wasm within 1.5× of native: not measured\n"),
    }
    match (find("W4", "native"), find("W4", "wasm")) {
        (Some(n), Some(w)) if w.median > 0.0 => out.push_str(&format!(
            "  W4 wasm within 1.5× of native: {} (native is {:.2}× wasm)\n",
            met(n.median / w.median <= 1.5),
            n.median / w.median
        )),
        _ => out.push_str("  W4 wasm within 1.5× of native: not measured\n"),
    }
    out
}

fn node_available() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs `cargo xtask bench`.
pub fn run(opts: &Options) -> Result<()> {
    let args = opts.args();
    let native =
        run_tee(cargo(["run", "--release", "-p", "ninestep-cli", "--", "bench"]).args(&args));
    if !native.success {
        bail!("the native bench failed");
    }
    if opts.gemm {
        // Native only: the comparison's lines were printed as they came (run_tee).
        return Ok(());
    }
    let mut lines: Vec<Line> = native.output.lines().filter_map(parse_line).collect();

    let wasm_note = if node_available() {
        crate::setup::ensure_wasm_target()?;
        wasm::build(wasm::Flavour::Simd)?;
        let root = workspace_root();
        let mut node = Command::new("node");
        node.arg(root.join("xtask").join("bench").join("bench.mjs"))
            .arg("--pkg")
            .arg(wasm::Flavour::Simd.out_dir())
            .args(&args)
            .current_dir(&root);
        let out = run_tee(&mut node);
        if !out.success {
            bail!("the wasm bench (node xtask/bench/bench.mjs) failed");
        }
        lines.extend(out.output.lines().filter_map(parse_line));
        format!("simd128 build in www/pkg, Node {}", node_version())
    } else {
        eprintln!("xtask: node not found on PATH; skipping the wasm half of the bench");
        "skipped, node not found".to_string()
    };
    print!("{}", summary(&lines, Some(&wasm_note)));
    Ok(())
}

fn node_version() -> String {
    Command::new("node")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_parsed_and_summarised() {
        let n =
            parse_line("W1 spiral-mlp native | epochs/s | median 30000 | min 29000 | max 31000")
                .unwrap();
        assert_eq!((n.id.as_str(), n.target.as_str()), ("W1", "native"));
        assert_eq!((n.median, n.min, n.max), (30000.0, 29000.0, 31000.0));
        assert!(parse_line("xtask: $ cargo run").is_none());
        assert!(parse_line("ninestep bench: W1 spiral-mlp native | a | b | c | d").is_none());
        let w = parse_line("W1 spiral-mlp wasm | epochs/s | median 24000 | min 23000 | max 25000")
            .unwrap();
        let w2 =
            parse_line("W2 mnist-mlp wasm | samples/s | median 12.6 | min 12 | max 13").unwrap();
        let w3 = parse_line("W3 mnist-cnn wasm | samples/s | median 4100 | min 4000 | max 4200")
            .unwrap();
        let s = summary(&[n, w, w2, w3], None);
        assert!(s.contains("W3 wasm ≥ 4,000 samples/s: met (4,100)"), "{s}");
        assert!(s.contains("ConvNetJS ≈ 155"), "{s}");
        assert!(s.contains("0.80"), "{s}");
        assert!(s.contains("W1 wasm ≥ 20,000 epochs/s: met (24,000)"), "{s}");
        assert!(
            s.contains("W2 wasm ≥ 30,000 samples/s: NOT met (13)"),
            "{s}"
        );
        assert!(
            s.contains("within 1.5× of native: met (native is 1.25× wasm)"),
            "{s}"
        );
        assert!(s.contains("ConvNetJS ≈ 2,200") && s.contains("numpy+OpenBLAS ≈ 110,000"));
        assert_eq!(thousands(1234567.0), "1,234,567");
        assert_eq!(thousands(999.4), "999");
    }
}
