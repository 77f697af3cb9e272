//! `cargo xtask pages --out DIR`: the built `www/` (pages, both wasm builds, data, lesson
//! pages) copied into a folder that any static host serves as it is. Every URL in the site is
//! relative, so the folder works at a domain's root and under a sub-path alike
//! (`https://user.github.io/ninestep/`).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::util::workspace_root;

/// Files that a published site must contain, relative to its folder.
pub const REQUIRED: [&str; 10] = [
    "index.html",
    "ninestep.js",
    "favicon.svg",
    "favicon.ico",
    "embed.html",
    "pkg/ninestep_web.js",
    "pkg/ninestep_web_bg.wasm",
    "pkg-compat/ninestep_web.js",
    "pkg-compat/ninestep_web_bg.wasm",
    "data/mnist-10k.bin",
];

/// Entries of `www/` that are not part of the site: hidden files, build scratch files and the
/// folder of an older build layout.
fn skipped(name: &str) -> bool {
    name.starts_with('.') || name.ends_with(".gen") || name == "pkg-simd"
}

fn copy_dir(from: &Path, to: &Path) -> Result<u64> {
    std::fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    let mut files = 0;
    let entries =
        std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?;
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        if skipped(&name.to_string_lossy()) {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(&name));
        if entry.file_type()?.is_dir() {
            files += copy_dir(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst)
                .with_context(|| format!("cannot copy {} to {}", src.display(), dst.display()))?;
            files += 1;
        }
    }
    Ok(files)
}

/// Checks that `out` may be (re)written: not inside `www/` (nor `www/` inside it), and either
/// absent, empty, or an earlier published copy (it has `ninestep.js`), which is replaced.
fn prepare(out: &Path, www: &Path) -> Result<()> {
    if out.starts_with(www) || www.starts_with(out) {
        bail!(
            "{} overlaps the source folder {}; publish somewhere else",
            out.display(),
            www.display()
        );
    }
    if !out.exists() {
        return Ok(());
    }
    let empty = std::fs::read_dir(out)
        .with_context(|| format!("{} is not a folder", out.display()))?
        .next()
        .is_none();
    if empty {
        return Ok(());
    }
    if !out.join("ninestep.js").is_file() {
        bail!(
            "{} is not empty and holds no earlier copy of the site; remove it or pick another folder",
            out.display()
        );
    }
    std::fs::remove_dir_all(out).with_context(|| format!("cannot clear {}", out.display()))
}

/// Copies the built `www/` into `out` and checks the result has everything a host needs.
pub fn copy_site(out: &Path) -> Result<()> {
    let www = workspace_root().join("www");
    let www = www.canonicalize().unwrap_or(www);
    let out: PathBuf =
        std::path::absolute(out).with_context(|| format!("cannot resolve {}", out.display()))?;
    prepare(&out, &www)?;
    let files = copy_dir(&www, &out)?;
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|f| !out.join(f).is_file())
        .collect();
    if !missing.is_empty() {
        bail!(
            "the published site in {} lacks {}",
            out.display(),
            missing.join(", ")
        );
    }
    eprintln!(
        "xtask: published {files} files into {} (upload the folder as it is; see README, \
         \"Publish the site\")",
        out.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Starts of a root-relative URL (or a protocol-relative one) in HTML, CSS and JS. A site
    /// under a sub-path (GitHub project pages) would look for such files at the domain's root.
    const ROOTED: [&str; 12] = [
        "href=\"/",
        "src=\"/",
        "href='/",
        "src='/",
        "url(/",
        "url(\"/",
        "from \"/",
        "from '/",
        "import(\"/",
        "fetch(\"/",
        "new URL(\"/",
        "new Worker(\"/",
    ];

    fn site_sources(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("www/").flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if skipped(&name) || ["pkg", "pkg-compat", "lessons", "data"].contains(&name.as_str()) {
                continue;
            }
            if path.is_dir() {
                site_sources(&path, out);
            } else if [".html", ".js", ".css"].iter().any(|e| name.ends_with(e)) {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_url_in_the_site_is_relative() {
        let mut files = Vec::new();
        site_sources(&workspace_root().join("www"), &mut files);
        assert!(files.len() >= 10, "{files:?}");
        let lessons = crate::pages::parse_lessons(
            "[[lesson]]\nslug = \"a\"\nstep = 1\ntitle_en = \"A\"\ntitle_zh = \"甲\"\n",
        )
        .expect("lessons");
        let page = crate::pages::page_html(&lessons[0], "<p>x</p>");
        let mut texts: Vec<(String, String)> = files
            .iter()
            .map(|f| {
                let text = std::fs::read_to_string(f).expect("a site file");
                (f.display().to_string(), text)
            })
            .collect();
        texts.push(("lesson page template".into(), page));
        for (name, text) in &texts {
            for pattern in ROOTED {
                assert!(
                    !text.contains(pattern),
                    "{name} has a root-relative URL ({pattern}…)"
                );
            }
        }
    }

    #[test]
    fn refuses_to_overwrite_a_folder_that_is_not_a_published_site() {
        let tmp = std::env::temp_dir().join(format!("ninestep-publish-{}", std::process::id()));
        let www = tmp.join("www");
        std::fs::create_dir_all(&www).expect("tmp");
        assert!(prepare(&www.join("site"), &www).is_err(), "inside www/");
        assert!(prepare(&tmp, &www).is_err(), "around www/");
        let other = tmp.join("other");
        std::fs::create_dir_all(&other).expect("tmp");
        assert!(prepare(&other, &www).is_ok(), "empty");
        std::fs::write(other.join("notes.txt"), "mine").expect("tmp");
        assert!(prepare(&other, &www).is_err(), "someone's files");
        assert!(other.join("notes.txt").exists(), "left alone");
        let old = tmp.join("old");
        std::fs::create_dir_all(&old).expect("tmp");
        std::fs::write(old.join("ninestep.js"), "// old").expect("tmp");
        assert!(prepare(&old, &www).is_ok(), "an earlier copy");
        assert!(!old.exists(), "cleared");
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
