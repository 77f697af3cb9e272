//! `cargo xtask build`: the web crate → wasm32 (SIMD128 and baseline) → JS glue in `www/pkg`
//! and `www/pkg-compat`.

use anyhow::{Context, Result};
use std::path::PathBuf;
use wasm_bindgen_cli_support::Bindgen;

use crate::util::{cargo, run, target_dir, workspace_root};

/// The wasm target triple.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The crate built to wasm.
const WEB_PACKAGE: &str = "ninestep-web";
/// The library file cargo writes for it.
const WEB_ARTIFACT: &str = "ninestep_web.wasm";

/// A wasm build variant. The page loads `www/pkg` (SIMD128) and falls back to
/// `www/pkg-compat` only where `WebAssembly.validate` says the browser lacks SIMD128.
/// Both give bit-identical numbers (tested), so the fallback changes speed, not results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavour {
    /// With `+simd128` (Chrome 91+, Firefox 89+, Safari 16.4+), built in `target/simd`
    /// so the baseline build is not invalidated → `www/pkg`.
    Simd,
    /// Baseline wasm32 (runs in every browser with wasm) → `www/pkg-compat`.
    Baseline,
}

impl Flavour {
    fn target_dir(self) -> PathBuf {
        match self {
            Flavour::Baseline => target_dir(),
            Flavour::Simd => target_dir().join("simd"),
        }
    }

    /// The output directory under `www/`.
    pub fn out_dir(self) -> PathBuf {
        let name = match self {
            Flavour::Simd => "pkg",
            Flavour::Baseline => "pkg-compat",
        };
        workspace_root().join("www").join(name)
    }
}

/// Builds `ninestep-web` for wasm32 in release mode and generates the JS glue
/// (`ninestep_web.js` + `ninestep_web_bg.wasm`) in the flavour's output directory.
pub fn build(flavour: Flavour) -> Result<()> {
    let target_dir = flavour.target_dir();
    let mut cmd = cargo([
        "build",
        "--release",
        "--target",
        WASM_TARGET,
        "-p",
        WEB_PACKAGE,
    ]);
    cmd.arg("--target-dir").arg(&target_dir);
    if flavour == Flavour::Simd {
        cmd.env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            "-C target-feature=+simd128",
        );
    }
    run(&mut cmd)?;
    let input = target_dir
        .join(WASM_TARGET)
        .join("release")
        .join(WEB_ARTIFACT);
    bindgen(&input, &flavour.out_dir())
}

/// Runs wasm-bindgen (as a library) for `--target web`.
fn bindgen(input: &std::path::Path, out_dir: &std::path::Path) -> Result<()> {
    let started = std::time::Instant::now();
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("cannot create {}", out_dir.display()))?;
    Bindgen::new()
        .input_path(input)
        .web(true)?
        // The library defaults to `true` (unlike the CLI): without a default module path,
        // `init()` in the page has no URL to fetch the .wasm from.
        .omit_default_module_path(false)
        .remove_name_section(true)
        .typescript(false)
        .generate(out_dir)
        .with_context(|| format!("wasm-bindgen failed on {}", input.display()))?;
    eprintln!(
        "xtask: wasm-bindgen {} → {} ({:.1} s)",
        input.display(),
        out_dir.display(),
        started.elapsed().as_secs_f32()
    );
    Ok(())
}
