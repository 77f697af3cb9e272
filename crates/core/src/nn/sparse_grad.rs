//! The two backward products of a convolution (see [`crate::nn::layers::conv2d`]) written
//! for a gradient dY that is mostly zeros, as it is behind ReLU and max-pool (in W3, max-pool
//! 3 passes back one pixel in nine, so about 8 % of dY of the second convolution is non-zero).
//!
//! With `rows` one sample's windows (`P × D`, see [`crate::nn::im2col`]), W the kernels
//! (`O × D`) and dY the sample's output gradient (`O × P`):
//!
//! ```text
//! dW[o][d]    = Σ_p dY[o][p] · rows[p][d]        (p ascending)
//! drows[p][d] = Σ_o dY[o][p] · W[o][d]           (o ascending)
//! ```
//!
//! Terms with `dY[o][p] = 0` are left out. That changes no bit of the result: each sum starts
//! at +0, a round-to-nearest sum that starts at +0 never becomes −0, and adding ±0 to
//! anything else leaves it unchanged. So the sums are the ones [`crate::nn::gemm`] would
//! form (ascending order, no fused multiply-add), natively and in wasm; only non-finite
//! inputs could differ (0 · ∞), and those have already turned the loss into NaN. The SIMD
//! lanes run across `d` (one row at a time), never across the summed index.

use super::gemm::axpy;

/// Writes `dw` (`o × depth`) = dY · rows for one sample: `dy` is `o × np`, `rows` is
/// `np × depth`.
///
/// # Panics
/// If a slice length does not match its shape.
pub fn grad_w(o: usize, np: usize, depth: usize, dy: &[f32], rows: &[f32], dw: &mut [f32]) {
    assert!(dy.len() == o * np && rows.len() == np * depth && dw.len() == o * depth);
    dw.fill(0.0);
    if depth == 0 {
        return;
    }
    for (dyo, dwo) in dy.chunks_exact(np).zip(dw.chunks_exact_mut(depth)) {
        for (&v, row) in dyo.iter().zip(rows.chunks_exact(depth)) {
            if v != 0.0 {
                axpy(dwo, v, row);
            }
        }
    }
}

/// Writes `drows` (`np × depth`) = dYᵀ · W for one sample: `dy` is `o × np`, `w` is
/// `o × depth`. Sets `live[p]` to whether column p of dY has a non-zero entry; the rows
/// that are not live are left as they were (they would be all +0: skip them).
///
/// # Panics
/// If a slice length does not match its shape.
pub fn grad_rows(
    o: usize,
    np: usize,
    depth: usize,
    dy: &[f32],
    w: &[f32],
    drows: &mut [f32],
    live: &mut [bool],
) {
    assert!(dy.len() == o * np && w.len() == o * depth && drows.len() == np * depth);
    assert_eq!(live.len(), np);
    for (p, flag) in live.iter_mut().enumerate() {
        *flag = false;
        for oc in 0..o {
            let v = dy[oc * np + p];
            if v != 0.0 {
                let row = &mut drows[p * depth..(p + 1) * depth];
                if !*flag {
                    row.fill(0.0);
                    *flag = true;
                }
                axpy(row, v, &w[oc * depth..(oc + 1) * depth]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::gemm::{gemm_nt, gemm_tn};
    use crate::rng::Rng;

    /// A gradient with about `keep` of its entries non-zero (and some −0 among the zeros).
    fn sparse(len: usize, keep: f64, rng: &mut Rng) -> Vec<f32> {
        (0..len)
            .map(|i| match rng.range(0.0, 1.0) < keep {
                true => rng.range(-1.0, 1.0) as f32,
                false if i % 3 == 0 => -0.0,
                false => 0.0,
            })
            .collect()
    }

    #[test]
    fn both_products_match_the_dense_kernel_bit_for_bit() {
        let mut rng = Rng::new(5);
        for &(o, np, depth, keep) in &[
            (8, 784, 25, 0.25),
            (16, 196, 200, 0.08),
            (3, 10, 7, 0.5),
            (4, 9, 12, 1.0),
            (2, 5, 3, 0.0),
        ] {
            let dy = sparse(o * np, keep, &mut rng);
            let rows: Vec<f32> = (0..np * depth)
                .map(|_| rng.range(-1.0, 1.0) as f32)
                .collect();
            let w: Vec<f32> = (0..o * depth)
                .map(|_| rng.range(-1.0, 1.0) as f32)
                .collect();

            let mut want = vec![0.0; o * depth];
            // dY · rows = dY · (rowsᵀ)ᵀ: the dense kernel's A·Bᵀ with B = rowsᵀ stored as rows.
            let rows_t: Vec<f32> = (0..depth * np)
                .map(|q| rows[(q % np) * depth + q / np])
                .collect();
            gemm_nt(o, np, depth, &dy, &rows_t, &mut want);
            let mut got = vec![f32::NAN; o * depth];
            grad_w(o, np, depth, &dy, &rows, &mut got);
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&got), bits(&want), "dW {o}×{np}×{depth}");

            // drowsᵀ = Wᵀ · dY (depth × np), the dense kernel's Aᵀ·B.
            let mut dense = vec![0.0; depth * np];
            gemm_tn(depth, o, np, &w, &dy, &mut dense);
            let mut got = vec![f32::NAN; np * depth];
            let mut live = vec![true; np];
            grad_rows(o, np, depth, &dy, &w, &mut got, &mut live);
            for p in 0..np {
                for d in 0..depth {
                    let want = dense[d * np + p];
                    if live[p] {
                        assert_eq!(
                            got[p * depth + d].to_bits(),
                            want.to_bits(),
                            "drows {p} {d}"
                        );
                    } else {
                        assert_eq!(
                            want.to_bits(),
                            0,
                            "a skipped row is +0 in the dense product"
                        );
                    }
                }
                assert_eq!(live[p], (0..o).any(|c| dy[c * np + p] != 0.0));
            }
        }
    }
}
