//! A small dense linear solver for the closed-form answers the lessons compare against
//! (the normal equation of ch5, polynomial least squares of ch9).

/// Smallest pivot, relative to the largest, before the system counts as singular.
pub const PIVOT_TOLERANCE: f64 = 1e-15;

/// Solves A·x = b for a square `a` (row-major n×n) by Gaussian elimination with partial
/// pivoting. `None` when a pivot falls below [`PIVOT_TOLERANCE`] times the largest.
pub fn solve(mut a: Vec<f64>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    if a.len() != n * n {
        return None;
    }
    let scale = a.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if !(scale.is_finite() && scale > 0.0) {
        return None;
    }
    for col in 0..n {
        // Swap up the row with the largest entry in this column (partial pivoting).
        let p = (col..n).max_by(|&i, &j| a[i * n + col].abs().total_cmp(&a[j * n + col].abs()))?;
        if a[p * n + col].abs() < PIVOT_TOLERANCE * scale {
            return None;
        }
        for k in 0..n {
            a.swap(col * n + k, p * n + k);
        }
        b.swap(col, p);
        for r in col + 1..n {
            let f = a[r * n + col] / a[col * n + col];
            for k in col..n {
                a[r * n + k] -= f * a[col * n + k];
            }
            b[r] -= f * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for r in (0..n).rev() {
        let s: f64 = (r + 1..n).map(|k| a[r * n + k] * x[k]).sum();
        x[r] = (b[r] - s) / a[r * n + r];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}
