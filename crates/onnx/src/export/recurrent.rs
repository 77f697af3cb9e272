//! The recurrent layers of step 9 as ONNX nodes. Our sequence is one row of T·F values
//! (step t in columns t·F .. (t+1)·F); ONNX's recurrent ops read `[T, N, F]` (opset 13 has
//! no batch-first layout), so each layer is wrapped:
//!
//! ```text
//! [N, T·F] → Reshape [N, T, F] → Transpose [T, N, F] → RNN / LSTM / GRU
//!   last step:   Y_h [1, N, H] → Squeeze (axis 0) → [N, H]
//!   every step:  Y [T, 1, N, H] → Squeeze (axis 1) → Transpose [N, T, H] → Reshape [N, T·H]
//! time-dense:    [N, T·F] → Reshape [N·T, F] → Gemm → activation → Reshape [N, T·U]
//! ```
//!
//! Weights: ours multiply from the right (`x·U`, `U` is F × G·H with the gates side by
//! side); ONNX's `W` is `[1, G·H, F]` (`x·Wᵀ`) and `R` is `[1, G·H, H]`, so each gate's
//! block is transposed and the blocks are put in ONNX's order. `B` is `[1, 2·G·H]`: our
//! bias, then zeros for ONNX's second (recurrent) bias.
//!
//! | ours | ONNX | gate blocks |
//! |---|---|---|
//! | rnn `tanh(x·U + h·W + b)` | `RNN` (tanh) | one |
//! | lstm, gates f i g o | `LSTM` (no peepholes) | i o f c ← our i, o, f, g |
//! | gru, gates z r n, `h = (1 − z)·h₋ + z·n` | `GRU`, linear_before_reset = 0 | z r h ← −z, r, n |
//!
//! The GRU needs a sign: ONNX writes `H = (1 − z)·h̃ + z·H₋`, the opposite role of z, so
//! ONNX's z is our 1 − z = σ(−a_z): its z weights and bias are ours negated (exact in
//! floating point). linear_before_reset = 0 is ours: the reset gate scales h₋ before W_n.

use super::{activation, take, Graph, Tensors};
use crate::proto::attr_i;
use ninestep_core::nn::layers::SeqOutput;
use ninestep_core::nn::LayerConfig;
use ninestep_core::Result;

/// Our `rows × (blocks·H)` matrix `m` as ONNX's `[G·H, rows]`: ONNX gate j is our column
/// block `order[j].0`, transposed, times `order[j].1`.
fn gates(m: &[f32], rows: usize, h: usize, blocks: usize, order: &[(usize, f32)]) -> Vec<f32> {
    let cols = blocks * h;
    let mut out = Vec::with_capacity(order.len() * h * rows);
    for &(b, sign) in order {
        for r in 0..h {
            for c in 0..rows {
                out.push(sign * m[c * cols + b * h + r]);
            }
        }
    }
    out
}

/// `[a | b]`: two matrices of `rows` rows side by side.
fn side_by_side(a: &[f32], b: &[f32], rows: usize) -> Vec<f32> {
    let (ca, cb) = (a.len() / rows.max(1), b.len() / rows.max(1));
    (0..rows)
        .flat_map(|r| {
            a[r * ca..(r + 1) * ca]
                .iter()
                .chain(&b[r * cb..(r + 1) * cb])
        })
        .copied()
        .collect()
}

/// A Transpose with perm [1, 0, 2] named `name`: `[N, T, ·]` ↔ `[T, N, ·]`.
fn swap_batch_and_time(g: &mut Graph, name: &str) {
    let perm = crate::proto::attr_ints("perm", &[1, 0, 2]);
    g.push("Transpose", name, &[], vec![perm]);
}

/// Appends recurrent or time-dense layer `config` (layer `k`, tensors `t`, `width` inputs
/// per row).
pub(crate) fn push(
    g: &mut Graph,
    config: LayerConfig,
    t: &mut Tensors,
    k: usize,
    width: usize,
) -> Result<()> {
    let Some((h, steps)) = config.unroll() else {
        return Ok(());
    };
    let f = width / steps.max(1);
    let (ti, fi, hi) = (steps as i64, f as i64, h as i64);
    if let LayerConfig::TimeDense {
        activation, bias, ..
    } = config
    {
        let shape = g.ints(&format!("l{k}_steps_shape"), &[-1, fi]);
        g.push("Reshape", &format!("l{k}_steps"), &[shape.as_str()], vec![]);
        let ((n_in, n_out), w) = take(t, "w", k)?;
        let mut inputs = vec![g.tensor(&format!("l{k}_W"), &[n_in, n_out], &w)];
        if bias {
            let (_, b) = take(t, "b", k)?;
            inputs.push(g.tensor(&format!("l{k}_B"), &[n_out], &b));
        }
        let refs: Vec<&str> = inputs.iter().map(String::as_str).collect();
        g.push("Gemm", &format!("l{k}_Z"), &refs, vec![]);
        activation::push(g, activation, &format!("l{k}_A"), k)?;
        let back = g.ints(&format!("l{k}_rows_shape"), &[-1, ti * hi]);
        g.push("Reshape", &format!("l{k}_rows"), &[back.as_str()], vec![]);
        return Ok(());
    }
    let (op, output, order): (&str, SeqOutput, &[(usize, f32)]) = match config {
        LayerConfig::Rnn { output, .. } => ("RNN", output, &[(0, 1.0)]),
        LayerConfig::Lstm { output, .. } => {
            ("LSTM", output, &[(1, 1.0), (3, 1.0), (0, 1.0), (2, 1.0)])
        }
        LayerConfig::Gru { output, .. } => ("GRU", output, &[(0, -1.0), (1, 1.0), (2, 1.0)]),
        _ => return Ok(()),
    };
    let n = order.len();
    // [N, T·F] → [T, N, F].
    let shape = g.ints(&format!("l{k}_seq_shape"), &[-1, ti, fi]);
    g.push("Reshape", &format!("l{k}_seq"), &[shape.as_str()], vec![]);
    swap_batch_and_time(g, &format!("l{k}_tnf"));
    let (_, u) = take(t, "u", k)?;
    let w = if op == "GRU" {
        let (_, zr) = take(t, "w_zr", k)?;
        let (_, wn) = take(t, "w_n", k)?;
        side_by_side(&zr, &wn, h)
    } else {
        take(t, "w", k)?.1
    };
    let x = g.current().to_string();
    let wt = g.tensor(
        &format!("l{k}_W"),
        &[1, n * h, f],
        &gates(&u, f, h, n, order),
    );
    let rt = g.tensor(
        &format!("l{k}_R"),
        &[1, n * h, h],
        &gates(&w, h, h, n, order),
    );
    let mut inputs = vec![x, wt, rt];
    if let Some((_, b)) = t.remove("b") {
        let mut bias = gates(&b, 1, h, n, order);
        bias.resize(2 * n * h, 0.0);
        inputs.push(g.tensor(&format!("l{k}_Bias"), &[1, 2 * n * h], &bias));
    }
    let refs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let mut attrs = vec![attr_i("hidden_size", hi)];
    if op == "GRU" {
        attrs.push(attr_i("linear_before_reset", 0));
    }
    let name = format!("l{k}_{}", op.to_lowercase());
    match output {
        SeqOutput::Last => {
            let yh = format!("l{k}_Yh");
            g.push_outputs(op, &name, &refs, &["", &yh], 1, attrs);
            let axes = g.ints(&format!("l{k}_axes"), &[0]);
            g.push("Squeeze", &format!("l{k}_last"), &[axes.as_str()], vec![]);
        }
        SeqOutput::All => {
            let y = format!("l{k}_Y");
            g.push_outputs(op, &name, &refs, &[&y], 0, attrs);
            let axes = g.ints(&format!("l{k}_axes"), &[1]);
            g.push("Squeeze", &format!("l{k}_tnh"), &[axes.as_str()], vec![]);
            swap_batch_and_time(g, &format!("l{k}_nth"));
            let back = g.ints(&format!("l{k}_rows_shape"), &[-1, ti * hi]);
            g.push("Reshape", &format!("l{k}_rows"), &[back.as_str()], vec![]);
        }
    }
    Ok(())
}
