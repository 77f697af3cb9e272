//! Paths and process helpers shared by the subcommands.

use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use anyhow::{bail, Context, Result};

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Cargo's target directory: `$CARGO_TARGET_DIR` if set, else `<root>/target`.
pub fn target_dir() -> PathBuf {
    let root = workspace_root();
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    }
}

/// A `cargo` command (the cargo that runs this xtask), run from the workspace root.
pub fn cargo<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args(args).current_dir(workspace_root());
    cmd
}

/// Renders a command line for messages, e.g. `cargo build -p x`.
pub fn describe(cmd: &Command) -> String {
    let program = Path::new(cmd.get_program())
        .file_name()
        .unwrap_or(cmd.get_program())
        .to_string_lossy()
        .into_owned();
    let mut out = program;
    for arg in cmd.get_args() {
        out.push(' ');
        out.push_str(&arg.to_string_lossy());
    }
    out
}

/// Runs a command with inherited stdio; fails if it cannot start or exits unsuccessfully.
pub fn run(cmd: &mut Command) -> Result<()> {
    let line = describe(cmd);
    eprintln!("xtask: $ {line}");
    let status = cmd
        .status()
        .with_context(|| format!("cannot run `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(())
}

/// The result of [`run_tee`].
pub struct Captured {
    /// Whether the command started and exited with status 0.
    pub success: bool,
    /// Everything it printed on stdout and stderr (lines of each stream kept intact).
    pub output: String,
}

/// Copies `from` to `to` line by line, also appending each line to `log`.
fn tee<R: Read, W: Write>(from: R, mut to: W, log: &Mutex<String>) {
    let mut reader = BufReader::new(from);
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {
                let _ = to.write_all(&line);
                let _ = to.flush();
                if let Ok(mut log) = log.lock() {
                    log.push_str(&String::from_utf8_lossy(&line));
                }
            }
        }
    }
}

/// Runs a command, streaming its stdout and stderr to ours while capturing both.
/// Cargo keeps its colours when our stderr is a terminal.
pub fn run_tee(cmd: &mut Command) -> Captured {
    let line = describe(cmd);
    eprintln!("xtask: $ {line}");
    if std::io::stderr().is_terminal() && std::env::var_os("CARGO_TERM_COLOR").is_none() {
        cmd.env("CARGO_TERM_COLOR", "always");
    }
    let mut child = match cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(e) => {
            eprintln!("xtask: cannot run `{line}`: {e}");
            return Captured {
                success: false,
                output: String::new(),
            };
        }
    };
    let log = Arc::new(Mutex::new(String::new()));
    let mut threads = Vec::new();
    if let Some(out) = child.stdout.take() {
        let log = Arc::clone(&log);
        threads.push(std::thread::spawn(move || {
            tee(out, std::io::stdout(), &log)
        }));
    }
    if let Some(err) = child.stderr.take() {
        let log = Arc::clone(&log);
        threads.push(std::thread::spawn(move || {
            tee(err, std::io::stderr(), &log)
        }));
    }
    for thread in threads {
        let _ = thread.join();
    }
    let success = child.wait().map(|s| s.success()).unwrap_or(false);
    let output = log.lock().map(|s| s.clone()).unwrap_or_default();
    Captured { success, output }
}
