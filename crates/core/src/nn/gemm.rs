//! The matrix-multiply kernel behind [`Matrix::matmul`](super::Matrix::matmul) and its
//! transposed variants: `C = A·B`, `C = Aᵀ·B` and `C = A·Bᵀ` on row-major `f32` slices.
//!
//! Every output element is the dot product summed **in ascending `p` order from 0**:
//! `c[i][j] = ((0 + a[i][0]·b[0][j]) + a[i][1]·b[1][j]) + …`. The SIMD lanes run across
//! `j` (different outputs), never across `p`, so the result is bit-identical whatever path
//! computed it (register block, overlapping edge block or the scalar fallback), natively
//! and in wasm. No fused multiply-add is used (LLVM does not contract `a*b + c` unless told).
//!
//! The fast path is a 4×8 register block (`MR`×`NR`, 8 SIMD accumulators of 4 lanes,
//! which fits the 16 vector registers of SSE2 and of wasm SIMD128 on x64 engines): for each
//! `p` it broadcasts four scalars of A and multiplies them with eight contiguous floats of B.
//! Edge blocks overlap the previous block instead of padding (the recomputed elements get
//! the same bits), and shapes smaller than one block use plain loops (see `small_nn`): for W1's
//! tiny layers (n = 1, m = 2) they beat a padded register block natively and in wasm
//! (measured).
//! `A·Bᵀ` copies a (depth ≤ `KC`)×8 strip of Bᵀ to the stack first so the same block can run.
//! Speeds are tabled in [`super::matrix`].

/// Rows of A per register block.
const MR: usize = 4;
/// Columns of B per register block (two 4-lane vectors).
const NR: usize = 8;
/// Largest depth of a transposed strip of B copied to the stack for `A·Bᵀ` (8 KiB).
const KC: usize = 256;

/// Block starts `0, step, 2·step, …`, the last one moved back so that it ends at `total`
/// (it overlaps its neighbour instead of running off the end). Needs `total ≥ step`.
fn block_starts(total: usize, step: usize) -> impl Iterator<Item = usize> {
    let full = total / step;
    let tail = (!total.is_multiple_of(step)).then_some(total - step);
    (0..full).map(move |b| b * step).chain(tail)
}

/// The 4×8 register block: `acc[r][c] += a[r]·b[c]` for every `(a, b)` pair in turn.
#[inline(always)]
fn block<'b>(
    a: impl Iterator<Item = [f32; MR]>,
    b: impl Iterator<Item = &'b [f32; NR]>,
    acc: &mut [[f32; NR]; MR],
) {
    let mut t = *acc;
    for (av, bv) in a.zip(b) {
        for r in 0..MR {
            for c in 0..NR {
                t[r][c] += av[r] * bv[c];
            }
        }
    }
    *acc = t;
}

/// Writes the first `rows` rows of a finished block into rows `i0..`, columns
/// `j0..j0+NR` of `c` (row stride `n`).
#[inline(always)]
fn store(acc: &[[f32; NR]; MR], rows: usize, c: &mut [f32], n: usize, i0: usize, j0: usize) {
    for (r, row) in acc.iter().enumerate().take(rows) {
        let start = (i0 + r) * n + j0;
        c[start..start + NR].copy_from_slice(row);
    }
}

/// Reads a block of `c` back (to continue a sum over the next depth strip); rows past
/// `last` repeat row `last`.
#[inline(always)]
fn load(c: &[f32], n: usize, i0: usize, last: usize, j0: usize) -> [[f32; NR]; MR] {
    std::array::from_fn(|r| {
        let start = (i0 + r).min(last) * n + j0;
        let mut row = [0.0; NR];
        row.copy_from_slice(&c[start..start + NR]);
        row
    })
}

/// Four rows of a row-major A (`k` columns) read side by side: item `p` is `a[i0+r][p]`
/// for `p` in `p0..p1`. Rows past `last` repeat row `last` (their results are dropped).
#[inline(always)]
fn rows4(
    a: &[f32],
    k: usize,
    i0: usize,
    last: usize,
    (p0, p1): (usize, usize),
) -> impl Iterator<Item = [f32; MR]> + '_ {
    let row = |r: usize| {
        let i = (i0 + r).min(last);
        &a[i * k + p0..i * k + p1]
    };
    let (r0, r1, r2, r3) = (row(0), row(1), row(2), row(3));
    r0.iter()
        .zip(r1)
        .zip(r2)
        .zip(r3)
        .map(|(((x0, x1), x2), x3)| [*x0, *x1, *x2, *x3])
}

/// `y += a · x`, element by element (vectorised across the elements).
#[inline(always)]
pub(crate) fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    for (y, x) in y.iter_mut().zip(x) {
        *y += a * x;
    }
}

/// `Σ x[p]·y[p]`, added in ascending `p` from +0.
#[inline(always)]
fn dot(x: &[f32], y: &[f32]) -> f32 {
    x.iter().zip(y).fold(0.0, |s, (x, y)| s + x * y)
}

// The small-shape paths (fewer than one block of rows or columns; for W1's tiny layers
// they beat a padded register block by ~25 %, measured). Each output still adds its terms
// in ascending `p` order from +0 — as a running dot product, or as a row of C that
// receives `a[i][p]·b[p][..]` for p = 0, 1, … — so they give the blocked path's bits.

/// `C = A·B` for small shapes.
fn small_nn(k: usize, n: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    c.fill(0.0);
    if k == 0 || n == 0 {
        return;
    }
    for (arow, crow) in a.chunks_exact(k).zip(c.chunks_exact_mut(n)) {
        if n == 1 {
            crow[0] = dot(arow, b);
            continue;
        }
        for (&av, brow) in arow.iter().zip(b.chunks_exact(n)) {
            axpy(crow, av, brow);
        }
    }
}

/// `C = Aᵀ·B` for small shapes (A stored `k×m`): C receives the outer product of row p
/// of A and row p of B for p = 0, 1, ….
fn small_tn(m: usize, n: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    c.fill(0.0);
    if m == 0 || n == 0 {
        return;
    }
    for (arow, brow) in a.chunks_exact(m).zip(b.chunks_exact(n)) {
        if n == 1 {
            axpy(c, brow[0], arow);
            continue;
        }
        for (&av, crow) in arow.iter().zip(c.chunks_exact_mut(n)) {
            axpy(crow, av, brow);
        }
    }
}

/// `C = A·Bᵀ` for small shapes (B stored `n×k`): one dot product of two rows per output.
fn small_nt(k: usize, n: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    if k == 0 || n == 0 {
        c.fill(0.0);
        return;
    }
    for (arow, crow) in a.chunks_exact(k).zip(c.chunks_exact_mut(n)) {
        for (brow, cv) in b.chunks_exact(k).zip(crow) {
            *cv = dot(arow, brow);
        }
    }
}

/// Checks the slice lengths of a product; a mismatch is a bug in the caller.
fn check(what: &str, a: usize, ea: usize, b: usize, eb: usize, c: usize, ec: usize) {
    assert!(
        a == ea && b == eb && c == ec,
        "{what}: slice lengths A {a}, B {b}, C {c} do not match the shapes (want {ea}, {eb}, {ec})"
    );
}

/// `C = A·B` with A `m×k`, B `k×n`, C `m×n`, all row-major. C is overwritten.
///
/// # Panics
/// If a slice length does not match its shape.
pub fn gemm_nn(m: usize, k: usize, n: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    check("A·B", a.len(), m * k, b.len(), k * n, c.len(), m * n);
    if m < MR || n < NR || k == 0 {
        return small_nn(k, n, a, b, c);
    }
    for i0 in block_starts(m, MR) {
        for j0 in block_starts(n, NR) {
            let mut acc = [[0.0; NR]; MR];
            let bs = b
                .chunks_exact(n)
                .filter_map(|row| row[j0..].first_chunk::<NR>());
            block(rows4(a, k, i0, m - 1, (0, k)), bs, &mut acc);
            store(&acc, MR, c, n, i0, j0);
        }
    }
}

/// `C = Aᵀ·B` with A stored `k×m`, B `k×n`, C `m×n` (the weight gradient `Xᵀ·dZ`).
///
/// # Panics
/// If a slice length does not match its shape.
pub fn gemm_tn(m: usize, k: usize, n: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    check("Aᵀ·B", a.len(), k * m, b.len(), k * n, c.len(), m * n);
    if m < MR || n < NR || k == 0 {
        return small_tn(m, n, a, b, c);
    }
    for i0 in block_starts(m, MR) {
        for j0 in block_starts(n, NR) {
            let mut acc = [[0.0; NR]; MR];
            let as_ = a
                .chunks_exact(m)
                .filter_map(|row| row[i0..].first_chunk::<MR>().copied());
            let bs = b
                .chunks_exact(n)
                .filter_map(|row| row[j0..].first_chunk::<NR>());
            block(as_, bs, &mut acc);
            store(&acc, MR, c, n, i0, j0);
        }
    }
}

/// `C = A·Bᵀ` with A `m×k`, B stored `n×k`, C `m×n` (the input gradient `dZ·Wᵀ`).
///
/// # Panics
/// If a slice length does not match its shape.
pub fn gemm_nt(m: usize, k: usize, n: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    check("A·Bᵀ", a.len(), m * k, b.len(), n * k, c.len(), m * n);
    if m < MR || n < NR || k == 0 {
        return small_nt(k, n, a, b, c);
    }
    // The stack strip is zero-filled on every call, so size it to the depth.
    match k {
        0..=8 => nt_strips::<8>(m, k, n, a, b, c),
        9..=64 => nt_strips::<64>(m, k, n, a, b, c),
        _ => nt_strips::<KC>(m, k, n, a, b, c),
    }
}

/// `A·Bᵀ` in depth strips of `D`: each strip of Bᵀ (`D × NR`) is copied to the stack once
/// and used by every row block.
#[inline(always)]
fn nt_strips<const D: usize>(m: usize, k: usize, n: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    let mut strip = [[0.0f32; NR]; D];
    for j0 in block_starts(n, NR) {
        for p0 in (0..k).step_by(D) {
            let p1 = (p0 + D).min(k);
            // Copy Bᵀ[p0..p1][j0..j0+8] to the stack so the block reads it contiguously.
            for (c, brow) in b[j0 * k..(j0 + NR) * k].chunks_exact(k).enumerate() {
                for (s, &v) in strip.iter_mut().zip(&brow[p0..p1]) {
                    s[c] = v;
                }
            }
            // Row blocks must not overlap here: a block is reloaded for the next depth
            // strip, so the tail block repeats the last row instead of stepping back.
            for i0 in (0..m).step_by(MR) {
                let rows = MR.min(m - i0);
                let mut acc = if p0 == 0 {
                    [[0.0; NR]; MR]
                } else {
                    load(c, n, i0, m - 1, j0)
                };
                block(
                    rows4(a, k, i0, m - 1, (p0, p1)),
                    strip[..p1 - p0].iter(),
                    &mut acc,
                );
                store(&acc, rows, c, n, i0, j0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    fn random(len: usize, rng: &mut Rng) -> Vec<f32> {
        (0..len).map(|_| rng.range(-1.0, 1.0) as f32).collect()
    }

    /// The reference: the same sequential sum, written out with explicit indices.
    fn reference(
        m: usize,
        k: usize,
        n: usize,
        a: impl Fn(usize, usize) -> f32,
        b: impl Fn(usize, usize) -> f32,
    ) -> Vec<f32> {
        let mut c = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                let mut s = 0.0;
                for p in 0..k {
                    s += a(i, p) * b(p, j);
                }
                c[i * n + j] = s;
            }
        }
        c
    }

    #[test]
    fn every_variant_matches_the_triple_loop_bit_for_bit() {
        let mut rng = Rng::new(3);
        for &(m, k, n) in &[
            (1, 1, 1),
            (4, 1, 8),
            (10, 2, 8),
            (10, 8, 1),
            (2, 10, 8),
            (8, 10, 1),
            (3, 5, 17),
            (5, 300, 9),
            (6, 40, 8),
            (9, 70, 16),
            (13, 7, 21),
            (64, 260, 10),
            (3, 300, 3),
            (0, 3, 4),
            (3, 0, 4),
        ] {
            let a = random(m * k, &mut rng);
            let b = random(k * n, &mut rng);
            let mut c = vec![f32::NAN; m * n];
            gemm_nn(m, k, n, &a, &b, &mut c);
            let want = reference(m, k, n, |i, p| a[i * k + p], |p, j| b[p * n + j]);
            assert_eq!(c, want, "nn {m}×{k}×{n}");

            // Aᵀ·B: the same numbers with A stored transposed.
            let at: Vec<f32> = (0..k * m).map(|q| a[(q % m) * k + q / m]).collect();
            gemm_tn(m, k, n, &at, &b, &mut c);
            assert_eq!(c, want, "tn {m}×{k}×{n}");

            // A·Bᵀ: B stored transposed.
            let bt: Vec<f32> = (0..n * k).map(|q| b[(q % k) * n + q / k]).collect();
            gemm_nt(m, k, n, &a, &bt, &mut c);
            assert_eq!(c, want, "nt {m}×{k}×{n}");
        }
    }

    #[test]
    fn block_starts_cover_everything_once_or_twice() {
        assert_eq!(block_starts(10, 4).collect::<Vec<_>>(), vec![0, 4, 6]);
        assert_eq!(block_starts(8, 4).collect::<Vec<_>>(), vec![0, 4]);
        assert_eq!(block_starts(4, 4).collect::<Vec<_>>(), vec![0]);
    }
}
