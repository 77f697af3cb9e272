//! `cargo xtask test`: formatting, lints, build, native, wasm and browser tests, then one
//! summary line `xtask: N passed, M failed`.

use std::path::PathBuf;
use std::process::Command;

use crate::plan::{self, Step};
use crate::util::{cargo, run_tee, target_dir, workspace_root, Captured};

/// Running totals over all steps.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Tests passed, summed over every `test result:` line.
    pub passed: u64,
    /// Tests failed, plus one for every step that failed without reporting a failed test
    /// (fmt, clippy, a compile error, the build…), so `failed == 0` exactly when all is well.
    pub failed: u64,
    /// Descriptions of the steps that failed.
    pub failed_steps: Vec<String>,
}

impl Tally {
    /// Records a finished step.
    fn record(&mut self, step: &str, captured: &Captured) {
        let (passed, failed) = count_results(&captured.output);
        self.passed += passed;
        self.failed += failed;
        if !captured.success {
            if failed == 0 {
                self.failed += 1;
            }
            self.failed_steps.push(step.to_string());
        }
    }

    fn fail(&mut self, step: &str) {
        self.failed += 1;
        self.failed_steps.push(step.to_string());
    }
}

/// Removes ANSI escape sequences (`ESC [ … letter`).
fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Sums `N passed` and `M failed` over all `test result:` lines of some output, e.g.
/// `test result: ok. 2 passed; 0 failed; 0 ignored; 0 filtered out`.
pub fn count_results(output: &str) -> (u64, u64) {
    let (mut passed, mut failed) = (0, 0);
    for line in output.lines() {
        let line = strip_ansi(line);
        let Some(rest) = line.split("test result:").nth(1) else {
            continue;
        };
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace();
            if let (Some(n), Some(label)) = (words.next(), words.next()) {
                match (n.parse::<u64>(), label) {
                    (Ok(n), "passed") => passed += n,
                    (Ok(n), "failed") => failed += n,
                    _ => {}
                }
            }
        }
    }
    (passed, failed)
}

/// Runs a cargo step and records it.
fn step_cmd(tally: &mut Tally, cmd: &mut Command) {
    let name = crate::util::describe(cmd);
    let captured = run_tee(cmd);
    tally.record(&name, &captured);
}

/// Where `cargo xtask test` publishes the site for the static-host page test.
pub fn site_dir() -> PathBuf {
    target_dir().join("site")
}

/// Runs every step of [`plan::test`] and returns the totals. Steps run even after an earlier
/// one failed, so one run shows every problem; only the steps that need what the machine
/// could not be given (the wasm target, the browser) are skipped, and the failed set-up step
/// says why and what to run.
pub fn run_all() -> Tally {
    let mut tally = Tally::default();
    let (mut wasm, mut browser) = (true, true);
    for step in plan::test(site_dir()) {
        if (step.needs_wasm_target() && !wasm) || (step.needs_browser() && !browser) {
            continue;
        }
        if let Some(args) = step.cargo_args() {
            step_cmd(&mut tally, &mut cargo(args));
            continue;
        }
        if step == Step::E2e {
            e2e(&mut tally);
            continue;
        }
        if let Err(e) = plan::run_step(&step) {
            eprintln!("xtask: {e:#}");
            if step == Step::BrowserPackages {
                browser = false;
                tally.fail(&format!("browser tests skipped: {e:#}"));
            } else if step == Step::WasmTarget {
                wasm = false;
                tally.fail(&format!("wasm steps skipped: {e:#}"));
            } else {
                tally.fail(&format!("{step:?}: {e:#}"));
            }
        }
    }
    tally
}

/// Serves www/ on an ephemeral port and runs the page tests against it (and, in
/// `publish.rs`, against the published copy in [`site_dir`] on a plain static server).
fn e2e(tally: &mut Tally) {
    let screenshots = target_dir().join("screenshots");
    if let Err(e) = std::fs::create_dir_all(&screenshots) {
        eprintln!("xtask: cannot create {}: {e}", screenshots.display());
    }
    let server = match ninestep_devserver::spawn(workspace_root().join("www"), "127.0.0.1:0") {
        Ok(server) => server,
        Err(e) => {
            eprintln!("xtask: cannot start the dev server: {e}");
            tally.fail("dev server for the e2e tests");
            return;
        }
    };
    eprintln!(
        "xtask: e2e against {} (screenshots in {})",
        server.url(),
        screenshots.display()
    );
    let mut cmd = cargo(["test", "-p", "ninestep-e2e", "--no-fail-fast"]);
    cmd.env("NINESTEP_URL", server.url())
        .env("NINESTEP_SITE", site_dir())
        .env("NINESTEP_SCREENSHOTS", &screenshots);
    step_cmd(tally, &mut cmd);
    server.shutdown();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_result_lines() {
        let out = "\
running 3 tests
test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s
test result: FAILED. 1 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out
test result: ok. 2 passed; 0 failed; 0 ignored; 0 filtered out
\u{1b}[1mtest result\u{1b}[0m: ok. 4 passed; 0 failed; 0 ignored
test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
the words 7 passed elsewhere do not count
";
        assert_eq!(count_results(out), (10, 2));
    }

    #[test]
    fn failed_steps_count_once_unless_tests_failed() {
        let mut tally = Tally::default();
        let ok = |output: &str, success| Captured {
            success,
            output: output.to_string(),
        };
        tally.record("fmt", &ok("Diff in src/lib.rs", false));
        tally.record(
            "tests",
            &ok("test result: FAILED. 5 passed; 2 failed;", false),
        );
        tally.record("more", &ok("test result: ok. 1 passed; 0 failed;", true));
        assert_eq!(tally.passed, 6);
        assert_eq!(tally.failed, 3);
        assert_eq!(tally.failed_steps, ["fmt", "tests"]);
    }
}
