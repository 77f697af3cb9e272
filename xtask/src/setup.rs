//! What a fresh machine lacks: the wasm32 target (added through rustup) and the Debian
//! packages of the browser tests (`.ci/packages.txt`, the list `.ci/run` reads too: Chromium,
//! chromedriver and the fonts of the screenshots). Each command that needs one of them calls
//! the `ensure_…` function first (see `plan.rs`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

use crate::util::{run, workspace_root};
use crate::wasm::WASM_TARGET;

/// The package list shared with `.ci/run`, relative to the workspace root.
pub const PACKAGES_FILE: &str = ".ci/packages.txt";
/// Chromium as the browser tests start it (Debian's `chromium` package).
const CHROMIUM: &str = "/usr/bin/chromium";

/// Adds the wasm32 target through rustup unless it is installed already.
/// Without rustup (a distribution toolchain) it only warns: the build then says what is missing.
pub fn ensure_wasm_target() -> Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output();
    match installed {
        Ok(out) if out.status.success() => {
            let list = String::from_utf8_lossy(&out.stdout);
            if list.lines().any(|l| l.trim() == WASM_TARGET) {
                return Ok(());
            }
            run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
        }
        _ => {
            eprintln!("xtask: rustup not found; assuming the {WASM_TARGET} target is installed");
            Ok(())
        }
    }
}

/// The package names of a package list: one per line, `#` starts a comment.
pub fn parse_packages(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .collect()
}

/// Who may install packages on this machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Installer {
    /// We are root and `apt-get` is there.
    Root,
    /// `sudo -n` works without a password and `apt-get` is there.
    Sudo,
    /// No `apt-get`, or no right to use it.
    Nobody,
}

/// What to do about missing packages.
#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    /// Nothing is missing.
    Nothing,
    /// Run these command lines, in order.
    Install(Vec<Vec<String>>),
    /// We cannot install: print this command for the user and fail.
    Hint(String),
}

/// Decides how to get `missing` onto the machine.
pub fn action(missing: &[String], installer: Installer) -> Action {
    if missing.is_empty() {
        return Action::Nothing;
    }
    let prefix: &[&str] = match installer {
        Installer::Root => &["env", "DEBIAN_FRONTEND=noninteractive"],
        Installer::Sudo => &["sudo", "-n", "env", "DEBIAN_FRONTEND=noninteractive"],
        Installer::Nobody => {
            return Action::Hint(format!("sudo apt-get install -y {}", missing.join(" ")));
        }
    };
    let line = |args: &[&str]| -> Vec<String> {
        prefix.iter().chain(args).map(|s| s.to_string()).collect()
    };
    let mut install = line(&["apt-get", "install", "-y", "-q"]);
    install.extend(missing.iter().cloned());
    Action::Install(vec![line(&["apt-get", "update", "-q"]), install])
}

/// Whether `program args…` runs and exits with status 0 (output discarded).
fn succeeds(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn installer() -> Installer {
    if !succeeds("apt-get", &["--version"]) {
        return Installer::Nobody;
    }
    let uid = Command::new("id").arg("-u").output();
    if uid.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0") {
        Installer::Root
    } else if succeeds("sudo", &["-n", "true"]) {
        Installer::Sudo
    } else {
        Installer::Nobody
    }
}

/// The packages of `wanted` that dpkg does not list as installed, or `None` without dpkg.
fn missing_packages(wanted: &[String]) -> Option<Vec<String>> {
    if !succeeds("dpkg-query", &["--version"]) {
        return None;
    }
    let installed = |pkg: &str| {
        Command::new("dpkg-query")
            .args(["-W", "-f=${Status}", pkg])
            .stderr(Stdio::null())
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
    };
    Some(wanted.iter().filter(|p| !installed(p)).cloned().collect())
}

/// The chromedriver the tests use (`$CHROMEDRIVER`, set by .cargo/config.toml).
pub fn chromedriver() -> PathBuf {
    std::env::var_os("CHROMEDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromedriver"))
}

/// Whether the browser binaries the tests start are there.
pub fn browser_available() -> bool {
    Path::new(CHROMIUM).exists() && chromedriver().exists()
}

/// Makes sure the packages of `.ci/packages.txt` are installed: installs the missing ones
/// with apt-get where we may (root, or sudo without a password), else fails with the one
/// command the user should run.
pub fn ensure_browser_packages() -> Result<()> {
    let path = workspace_root().join(PACKAGES_FILE);
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let wanted = parse_packages(&text);
    let Some(missing) = missing_packages(&wanted) else {
        // Not a Debian system: all we can check is the two binaries.
        if browser_available() {
            return Ok(());
        }
        bail!(
            "chromium ({CHROMIUM}) or chromedriver ({}) not found; install Chromium, its \
             driver and the fonts of {PACKAGES_FILE} with your package manager",
            chromedriver().display()
        );
    };
    match action(&missing, installer()) {
        Action::Nothing => {}
        Action::Install(lines) => {
            eprintln!("xtask: installing {}", missing.join(" "));
            for line in lines {
                let (program, args) = line.split_first().context("empty command line")?;
                run(Command::new(program).args(args))?;
            }
        }
        Action::Hint(command) => {
            bail!(
                "missing {}: install them with `{command}`",
                missing.join(", ")
            )
        }
    }
    if !browser_available() {
        bail!(
            "{CHROMIUM} or {} is still missing after installing {PACKAGES_FILE}",
            chromedriver().display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_package_list_is_the_one_ci_reads() {
        let root = workspace_root();
        let list = std::fs::read_to_string(root.join(PACKAGES_FILE)).expect("package list");
        let packages = parse_packages(&list);
        assert_eq!(
            packages,
            [
                "chromium",
                "chromium-driver",
                "fonts-noto-cjk",
                "fonts-texgyre-math"
            ]
        );
        // `.ci/run` reads the same file and names no package itself.
        let ci = std::fs::read_to_string(root.join(".ci/run")).expect(".ci/run");
        assert!(ci.contains(PACKAGES_FILE), "{ci}");
        for pkg in &packages {
            let named = ci
                .lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .any(|l| l.contains(pkg.as_str()));
            assert!(!named, ".ci/run names {pkg} outside the list");
        }
    }

    #[test]
    fn comments_and_blank_lines_are_not_packages() {
        assert_eq!(
            parse_packages("# head\n\n a  \nb # why\n#c\n"),
            names(&["a", "b"])
        );
    }

    #[test]
    fn installs_as_root_or_with_sudo_else_prints_one_command() {
        let missing = names(&["chromium", "fonts-noto-cjk"]);
        assert_eq!(action(&[], Installer::Nobody), Action::Nothing);
        assert_eq!(action(&[], Installer::Root), Action::Nothing);
        let Action::Install(root) = action(&missing, Installer::Root) else {
            panic!("root installs");
        };
        assert_eq!(
            root,
            [
                names(&[
                    "env",
                    "DEBIAN_FRONTEND=noninteractive",
                    "apt-get",
                    "update",
                    "-q"
                ]),
                names(&[
                    "env",
                    "DEBIAN_FRONTEND=noninteractive",
                    "apt-get",
                    "install",
                    "-y",
                    "-q",
                    "chromium",
                    "fonts-noto-cjk"
                ]),
            ]
        );
        let Action::Install(sudo) = action(&missing, Installer::Sudo) else {
            panic!("sudo installs");
        };
        assert!(sudo.iter().all(|l| l[..2] == ["sudo", "-n"]), "{sudo:?}");
        assert_eq!(
            action(&missing, Installer::Nobody),
            Action::Hint("sudo apt-get install -y chromium fonts-noto-cjk".into())
        );
    }
}
