//! `cargo xtask soak [--minutes N] [--no-build] [--query 'trainer.layers=8,8,8&…']`: the playground trains in headless Chromium
//! for N minutes (default 10) while the browser test `tests/tests/soak.rs` samples the JS
//! heap, the wasm memory of the page and of its training worker, and the main thread's
//! latency, prints a table and fails if memory keeps growing or the page answers slower
//! than 100 ms. Not part of `cargo xtask test`.

use anyhow::{bail, Context, Result};

use crate::plan;
use crate::util::{cargo, run, target_dir, workspace_root};

/// Runs the soak for `minutes` against a dev server of `www/` (built first unless
/// `no_build`), with the playground settings of `query` (hash keys; empty: its defaults).
pub fn run_soak(minutes: f64, no_build: bool, query: &str) -> Result<()> {
    if !(minutes > 0.0 && minutes <= 24.0 * 60.0) {
        bail!("--minutes must be between 0 and 1440, not {minutes}");
    }
    plan::run_all(&plan::soak(no_build))?;
    let server = ninestep_devserver::spawn(workspace_root().join("www"), "127.0.0.1:0")
        .context("cannot start the dev server")?;
    eprintln!("xtask: soak of {minutes} min against {}", server.url());
    let mut cmd = cargo([
        "test",
        "-p",
        "ninestep-e2e",
        "--test",
        "soak",
        "--",
        "--ignored",
        "--nocapture",
    ]);
    cmd.env("NINESTEP_URL", server.url())
        .env("NINESTEP_SOAK_MINUTES", minutes.to_string())
        .env("NINESTEP_SOAK_QUERY", query)
        .env("NINESTEP_SCREENSHOTS", target_dir().join("screenshots"));
    let result = run(&mut cmd);
    server.shutdown();
    result
}
