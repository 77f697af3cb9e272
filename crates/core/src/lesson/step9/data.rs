//! The data of ch19, made by our own seeded generators (the book ships them as `.npz`).
//!
//! - Echo (ch19.1): a U[0,1) sequence S; sample i is X = [S[i], S[i+1]] (2 steps × 1
//!   feature) and its target is S[i], the value of the *first* step, asked for at the last.
//!   200 training samples from one sequence, 50 test samples from a second one.
//! - Subtraction (ch19.2): every pair a ≥ b with a, b in 0..15 (136 pairs), as 4 steps of
//!   2 bits (a's bit, b's bit), least-significant bit first; the target is a − b's bit at
//!   each step. The book trains and tests on the same 136 pairs.

use crate::nn::Matrix;
use crate::rng::Rng;

/// Training and test samples of the echo task.
pub const ECHO_TRAIN: usize = 200;
/// Test samples of the echo task.
pub const ECHO_TEST: usize = 50;
/// Bits per number in the subtraction task.
pub const BITS: usize = 4;

/// `n` echo samples from a fresh U[0,1) sequence of length n + 1: X is n × 2, Y is n × 1.
pub fn echo(n: usize, rng: &mut Rng) -> (Matrix, Matrix) {
    let s: Vec<f32> = (0..=n).map(|_| rng.uniform() as f32).collect();
    let x = Matrix::from_fn(n, 2, |i, t| s[i + t]);
    let y = Matrix::from_fn(n, 1, |i, _| s[i]);
    (x, y)
}

/// The echo task's (train, test) sets from `seed`.
pub fn echo_sets(seed: u64) -> ((Matrix, Matrix), (Matrix, Matrix)) {
    let mut rng = Rng::new(seed);
    let train = echo(ECHO_TRAIN, &mut rng);
    (train, echo(ECHO_TEST, &mut rng))
}

/// Bit `t` of `v` (t = 0 is the least significant).
pub fn bit(v: usize, t: usize) -> f32 {
    ((v >> t) & 1) as f32
}

/// One subtraction sample: the row [a₀, b₀, a₁, b₁, a₂, b₂, a₃, b₃] and the bits of a − b.
pub fn minus_row(a: usize, b: usize) -> ([f32; 2 * BITS], [f32; BITS]) {
    let d = a.saturating_sub(b);
    (
        std::array::from_fn(|q| bit(if q % 2 == 0 { a } else { b }, q / 2)),
        std::array::from_fn(|t| bit(d, t)),
    )
}

/// All 136 pairs a ≥ b in 0..15, a-major: X is 136 × 8, Y is 136 × 4.
pub fn minus_set() -> (Vec<(usize, usize)>, Matrix, Matrix) {
    let pairs: Vec<(usize, usize)> = (0..16).flat_map(|a| (0..=a).map(move |b| (a, b))).collect();
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for &(a, b) in &pairs {
        let (xr, yr) = minus_row(a, b);
        x.extend_from_slice(&xr);
        y.extend_from_slice(&yr);
    }
    let n = pairs.len();
    let x = Matrix::from_vec(n, 2 * BITS, x).unwrap_or_default();
    let y = Matrix::from_vec(n, BITS, y).unwrap_or_default();
    (pairs, x, y)
}

/// The number whose bits (least significant first) are the outputs rounded at ½. Exactly ½
/// reads as 0: without biases the net *must* answer σ(0) = ½ at the first step when both
/// bits are 0 (x·U = 0 and h₀ = 0), and the book's `np.round(0.5)` is 0 (halves round to
/// even), which is how its net gets every pair right.
pub fn read_bits(outputs: &[f32]) -> usize {
    outputs
        .iter()
        .enumerate()
        .map(|(t, &p)| ((p > 0.5) as usize) << t)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirteen_minus_six_as_in_the_book() {
        // Book ch19.2: 13 − 6 = 7 gives X bits [1,0],[0,1],[1,1],[1,0] and Y [1,1,1,0].
        let (x, y) = minus_row(13, 6);
        assert_eq!(x, [1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0]);
        assert_eq!(y, [1.0, 1.0, 1.0, 0.0]);
        assert_eq!(read_bits(&[0.9, 0.6, 0.7, 0.1]), 7);
        assert_eq!(read_bits(&[0.5, 0.5, 0.51, 0.0]), 4);
        let (pairs, x, y) = minus_set();
        assert_eq!(
            (pairs.len(), x.shape(), y.shape()),
            (136, (136, 8), (136, 4))
        );
    }

    #[test]
    fn echo_targets_are_the_first_step() {
        let ((x, y), (xt, yt)) = echo_sets(1);
        assert_eq!((x.rows, xt.rows, yt.rows), (200, 50, 50));
        assert_eq!(y.data[7], x[(7, 0)]);
        assert_eq!(x[(7, 1)], x[(8, 0)], "consecutive values of one sequence");
        assert!(x.data.iter().all(|v| (0.0..1.0).contains(v)));
    }
}
