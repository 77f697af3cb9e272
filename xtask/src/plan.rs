//! The steps of each command, as data: `build`, `serve`, `pages --out` and `test` are lists of
//! [`Step`]s, so a test can check that every list prepares the machine (wasm target, browser
//! packages) before the first step that needs it.

use std::path::PathBuf;

use anyhow::Result;

use crate::util::{cargo, run};
use crate::wasm::{Flavour, WASM_TARGET};

/// One step of an xtask command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// `rustup target add wasm32-unknown-unknown` unless it is installed.
    WasmTarget,
    /// The packages of `.ci/packages.txt` (Chromium, chromedriver, fonts), installed if we may.
    BrowserPackages,
    /// `cargo fmt --all -- --check`.
    Fmt,
    /// `cargo clippy --workspace --all-targets -- -D warnings`.
    Clippy,
    /// `cargo clippy -p ninestep-web --target wasm32-unknown-unknown -- -D warnings`.
    ClippyWasm,
    /// A release wasm build of `ninestep-web` plus wasm-bindgen.
    Wasm(Flavour),
    /// The lesson pages (`content/` → `www/lessons/`).
    Pages,
    /// The built `www/` copied into a folder any static host can serve.
    Publish(PathBuf),
    /// Native tests of every crate but the browser tests.
    NativeTests,
    /// The web crate's tests, compiled to wasm and run in headless Chromium.
    WasmTests,
    /// The page tests (`tests/`) against the dev server and the published folder.
    E2e,
}

impl Step {
    /// The cargo arguments of a step that is one cargo command.
    pub fn cargo_args(&self) -> Option<Vec<&'static str>> {
        let args: &[&'static str] = match self {
            Step::Fmt => &["fmt", "--all", "--", "--check"],
            Step::Clippy => &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
            Step::ClippyWasm => &[
                "clippy",
                "-p",
                "ninestep-web",
                "--target",
                WASM_TARGET,
                "--",
                "-D",
                "warnings",
            ],
            Step::NativeTests => &["test", "--workspace", "--exclude", "ninestep-e2e"],
            // No `-q`: cargo would pass `--quiet` to the wasm test runner, which rejects it.
            Step::WasmTests => &[
                "test",
                "--target",
                WASM_TARGET,
                "-p",
                "ninestep-web",
                "--tests",
            ],
            _ => return None,
        };
        Some(args.to_vec())
    }

    /// Whether the step compiles for wasm32 or uses what such a build wrote.
    pub fn needs_wasm_target(&self) -> bool {
        match self {
            Step::Wasm(_) | Step::Publish(_) | Step::E2e => true,
            step => step
                .cargo_args()
                .is_some_and(|args| args.contains(&WASM_TARGET)),
        }
    }

    /// Whether the step starts Chromium.
    pub fn needs_browser(&self) -> bool {
        matches!(self, Step::WasmTests | Step::E2e)
    }
}

/// `cargo xtask build`: both wasm flavours, then the lesson pages.
pub fn build() -> Vec<Step> {
    vec![
        Step::WasmTarget,
        Step::Wasm(Flavour::Simd),
        Step::Wasm(Flavour::Baseline),
        Step::Pages,
    ]
}

/// `cargo xtask serve`: the build unless `--no-build` (the serving itself is not a step).
pub fn serve(no_build: bool) -> Vec<Step> {
    if no_build {
        Vec::new()
    } else {
        build()
    }
}

/// `cargo xtask pages --out DIR`: the build, then the copy.
pub fn publish(out: PathBuf) -> Vec<Step> {
    let mut plan = build();
    plan.push(Step::Publish(out));
    plan
}

/// `cargo xtask test`: everything, machine set-up first. `site` is where the published
/// copy for the static-host test goes.
/// `cargo xtask soak`: the browser first, then (unless `no_build`) the site.
pub fn soak(no_build: bool) -> Vec<Step> {
    let mut plan = vec![Step::BrowserPackages];
    if no_build {
        plan.push(Step::WasmTarget);
    } else {
        plan.extend(build());
    }
    plan
}

pub fn test(site: PathBuf) -> Vec<Step> {
    let mut plan = vec![Step::WasmTarget, Step::BrowserPackages];
    plan.extend([Step::Fmt, Step::Clippy, Step::ClippyWasm]);
    plan.extend(
        build()
            .into_iter()
            .filter(|s| *s != Step::WasmTarget)
            .chain([Step::Publish(site)]),
    );
    plan.extend([Step::NativeTests, Step::WasmTests, Step::E2e]);
    plan
}

/// Runs one step that is not a browser test (those need the test harness in `check.rs`).
pub fn run_step(step: &Step) -> Result<()> {
    if let Some(args) = step.cargo_args() {
        return run(&mut cargo(args));
    }
    match step {
        Step::WasmTarget => crate::setup::ensure_wasm_target(),
        Step::BrowserPackages => crate::setup::ensure_browser_packages(),
        Step::Wasm(flavour) => crate::wasm::build(*flavour),
        Step::Pages => crate::render_pages(),
        Step::Publish(out) => crate::publish::copy_site(out),
        other => anyhow::bail!("{other:?} runs only inside `cargo xtask test`"),
    }
}

/// Runs the steps in order and stops at the first failure.
pub fn run_all(plan: &[Step]) -> Result<()> {
    plan.iter().try_for_each(run_step)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plans() -> Vec<(&'static str, Vec<Step>)> {
        vec![
            ("build", build()),
            ("serve", serve(false)),
            ("serve --no-build", serve(true)),
            ("pages --out", publish("site".into())),
            ("test", test("site".into())),
        ]
    }

    /// The bug this guards against: `test` ran the wasm clippy step before the build added
    /// the target, so it failed on a machine with rustup but without wasm32.
    #[test]
    fn every_plan_adds_the_wasm_target_before_its_first_wasm_step() {
        for (name, plan) in plans() {
            let first_wasm = plan.iter().position(Step::needs_wasm_target);
            let ensure = plan.iter().position(|s| *s == Step::WasmTarget);
            if let Some(first) = first_wasm {
                assert!(
                    ensure.is_some_and(|e| e < first),
                    "{name}: {:?} runs before the wasm target is ensured: {plan:?}",
                    plan[first]
                );
            }
        }
        assert!(Step::ClippyWasm.needs_wasm_target());
        assert!(Step::WasmTests.needs_wasm_target());
        assert!(!Step::Clippy.needs_wasm_target());
    }

    #[test]
    fn the_soak_prepares_browser_and_target_and_builds_by_default() {
        for no_build in [false, true] {
            let plan = soak(no_build);
            assert_eq!(plan.first(), Some(&Step::BrowserPackages), "{plan:?}");
            assert!(plan.contains(&Step::WasmTarget), "{plan:?}");
            assert_eq!(plan.contains(&Step::Pages), !no_build, "{plan:?}");
        }
        let plan = soak(false);
        let target = plan.iter().position(|s| *s == Step::WasmTarget);
        let wasm = plan.iter().position(|s| matches!(s, Step::Wasm(_)));
        assert!(
            matches!((target, wasm), (Some(t), Some(w)) if t < w),
            "{plan:?}"
        );
    }

    #[test]
    fn the_test_plan_installs_the_browser_before_starting_it() {
        let plan = test("site".into());
        let ensure = plan.iter().position(|s| *s == Step::BrowserPackages);
        let first = plan.iter().position(Step::needs_browser);
        assert!(
            matches!((ensure, first), (Some(e), Some(f)) if e < f),
            "{plan:?}"
        );
        // The published copy exists before the page tests load it.
        let publish = plan.iter().position(|s| matches!(s, Step::Publish(_)));
        let e2e = plan.iter().position(|s| *s == Step::E2e);
        assert!(matches!((publish, e2e), (Some(p), Some(e)) if p < e));
    }
}
