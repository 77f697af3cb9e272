//! Each optimizer's first steps on the book's toy bowl f(x, y) = x²/10 + y² (ch15.4),
//! from (−7, 2), against its update rule written out here in f64.
//!
//! ∇f = (x/5, 2y). The f64 reference and the f32 optimizer agree to about 1e-5 after
//! five steps (f32 rounding of values of size 7).

use super::*;

/// Runs `config` for `steps` steps with rate `lr` on the bowl; returns the path.
fn run(config: OptimizerConfig, lr: f32, steps: usize) -> Vec<[f32; 2]> {
    let mut opt = config.build();
    let mut p = [-7.0f32, 2.0];
    let mut path = vec![p];
    for _ in 0..steps {
        let g = [p[0] / 5.0, 2.0 * p[1]];
        opt.begin_step();
        // Two slots, as a network with two tensors would hand them over.
        for (slot, (v, g)) in p.iter_mut().zip(g).enumerate() {
            opt.update(slot, lr, std::slice::from_mut(v), &[g]);
        }
        path.push(p);
    }
    path
}

fn grad(p: [f64; 2]) -> [f64; 2] {
    [p[0] / 5.0, 2.0 * p[1]]
}

fn assert_close(got: &[[f32; 2]], want: &[[f64; 2]], what: &str) {
    assert_eq!(got.len(), want.len());
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        for d in 0..2 {
            let err = (g[d] as f64 - w[d]).abs();
            assert!(
                err < 1e-4 * (1.0 + w[d].abs()),
                "{what} step {k}: {g:?} vs {w:?}"
            );
        }
    }
}

#[test]
fn sgd_by_hand() {
    // Step 1 by hand at η = 0.95: (−7 + 0.95·1.4, 2 − 0.95·4) = (−5.67, −1.8).
    let path = run(OptimizerConfig::Sgd, 0.95, 5);
    assert!((path[1][0] + 5.67).abs() < 1e-6 && (path[1][1] + 1.8).abs() < 1e-6);
    let mut p = [-7.0f64, 2.0];
    let mut want = vec![p];
    for _ in 0..5 {
        let g = grad(p);
        p = [p[0] - 0.95 * g[0], p[1] - 0.95 * g[1]];
        want.push(p);
    }
    assert_close(&path, &want, "sgd");
}

#[test]
fn momentum_rule() {
    let mut v = [0.0f64; 2];
    let mut p = [-7.0f64, 2.0];
    let mut expected = vec![p];
    for _ in 0..5 {
        let g = grad(p);
        for d in 0..2 {
            v[d] = 0.9 * v[d] - 0.1 * g[d];
            p[d] += v[d];
        }
        expected.push(p);
    }
    // Step 1 by hand: v = −0.1·(−1.4, 4) = (0.14, −0.4) → (−6.86, 1.6).
    assert!((expected[1][0] + 6.86).abs() < 1e-12 && (expected[1][1] - 1.6).abs() < 1e-12);
    assert_close(&run(OptimizerConfig::ALL[1], 0.1, 5), &expected, "momentum");
}

#[test]
fn nag_is_the_books_look_ahead_rule() {
    // The book's form: g at θ + α·v; v ← α·v − η·g; θ ← θ + v. Our parameter is the
    // look-ahead point φ = θ + α·v.
    let (a, lr) = (0.9, 0.1);
    let (mut theta, mut v) = ([-7.0f64, 2.0], [0.0f64; 2]);
    let mut phis = vec![theta];
    for _ in 0..5 {
        let look = [theta[0] + a * v[0], theta[1] + a * v[1]];
        let g = grad(look);
        for d in 0..2 {
            v[d] = a * v[d] - lr * g[d];
            theta[d] += v[d];
        }
        phis.push([theta[0] + a * v[0], theta[1] + a * v[1]]);
    }
    assert_close(&run(OptimizerConfig::ALL[2], 0.1, 5), &phis, "nag");
}

#[test]
fn adagrad_rule() {
    let (mut p, mut r) = ([-7.0f64, 2.0], [0.0f64; 2]);
    let mut expected = vec![p];
    for _ in 0..5 {
        let g = grad(p);
        for d in 0..2 {
            r[d] += g[d] * g[d];
            p[d] -= 0.5 * g[d] / (1e-6 + r[d].sqrt());
        }
        expected.push(p);
    }
    // Step 1: each coordinate moves by η·sign(g) = 0.5 (g/|g|): (−6.5, 1.5).
    assert!((expected[1][0] + 6.5).abs() < 1e-5 && (expected[1][1] - 1.5).abs() < 1e-5);
    assert_close(&run(OptimizerConfig::ALL[3], 0.5, 5), &expected, "adagrad");
}

#[test]
fn adadelta_rule_ignores_the_rate() {
    let (rho, eps) = (0.9f64, 1e-5f64);
    let (mut p, mut s, mut r) = ([-7.0f64, 2.0], [0.0f64; 2], [0.0f64; 2]);
    let mut expected = vec![p];
    for _ in 0..5 {
        let g = grad(p);
        for d in 0..2 {
            s[d] = rho * s[d] + (1.0 - rho) * g[d] * g[d];
            let delta = -g[d] * (r[d] + eps).sqrt() / (s[d] + eps).sqrt();
            r[d] = rho * r[d] + (1.0 - rho) * delta * delta;
            p[d] += delta;
        }
        expected.push(p);
    }
    assert_close(&run(OptimizerConfig::ALL[4], 0.1, 5), &expected, "adadelta");
    assert_eq!(
        run(OptimizerConfig::ALL[4], 0.1, 5),
        run(OptimizerConfig::ALL[4], 7.0, 5)
    );
    assert!(OptimizerConfig::ALL[4].ignores_learning_rate());
}

#[test]
fn rmsprop_rule() {
    let (rho, eps, lr) = (0.9f64, 1e-6f64, 0.5f64);
    let (mut p, mut s) = ([-7.0f64, 2.0], [0.0f64; 2]);
    let mut expected = vec![p];
    for _ in 0..5 {
        let g = grad(p);
        for d in 0..2 {
            s[d] = rho * s[d] + (1.0 - rho) * g[d] * g[d];
            p[d] -= lr * g[d] / (s[d] + eps).sqrt();
        }
        expected.push(p);
    }
    // Step 1: s = 0.1·g², so the step is η·g/(√0.1·|g|) = 0.5/0.316… ≈ 1.581 per axis.
    assert!((expected[1][0] + 7.0 - 1.581_138).abs() < 1e-5);
    assert_close(&run(OptimizerConfig::ALL[5], 0.5, 5), &expected, "rmsprop");
}

#[test]
fn adam_rule() {
    let (b1, b2, eps, lr) = (0.9f64, 0.999f64, 1e-8f64, 0.5f64);
    let (mut p, mut m, mut v) = ([-7.0f64, 2.0], [0.0f64; 2], [0.0f64; 2]);
    let mut expected = vec![p];
    for t in 1..=5 {
        let g = grad(p);
        for d in 0..2 {
            m[d] = b1 * m[d] + (1.0 - b1) * g[d];
            v[d] = b2 * v[d] + (1.0 - b2) * g[d] * g[d];
            let m_hat = m[d] / (1.0 - b1.powi(t));
            let v_hat = v[d] / (1.0 - b2.powi(t));
            p[d] -= lr * m_hat / (eps + v_hat.sqrt());
        }
        expected.push(p);
    }
    // Step 1: m̂ = g, v̂ = g², so each coordinate moves by η = 0.5 against its gradient.
    assert!((expected[1][0] + 6.5).abs() < 1e-6 && (expected[1][1] - 1.5).abs() < 1e-6);
    assert_close(&run(OptimizerConfig::ALL[6], 0.5, 5), &expected, "adam");
}

#[test]
fn names_round_trip_and_bad_constants_are_refused() {
    for o in OptimizerConfig::ALL {
        assert_eq!(OptimizerConfig::from_name(o.name()), Some(o));
        assert!(o.validate().is_ok());
        let json = serde_json::to_string(&o).expect("serialises");
        assert_eq!(serde_json::from_str::<OptimizerConfig>(&json).ok(), Some(o));
    }
    assert!(OptimizerConfig::Momentum { alpha: 1.0 }.validate().is_err());
    assert!(OptimizerConfig::Adam {
        beta1: 0.9,
        beta2: 0.999,
        eps: 0.0
    }
    .validate()
    .is_err());
    assert!(OptimizerConfig::from_name("lbfgs").is_none());
}

#[test]
fn reset_forgets_the_state() {
    let mut a = OptimizerConfig::ALL[6].build();
    let mut w = [1.0f32];
    a.begin_step();
    a.update(0, 0.1, &mut w, &[1.0]);
    a.reset();
    let mut fresh = OptimizerConfig::ALL[6].build();
    let (mut w1, mut w2) = ([1.0f32], [1.0f32]);
    a.begin_step();
    a.update(0, 0.1, &mut w1, &[0.5]);
    fresh.begin_step();
    fresh.update(0, 0.1, &mut w2, &[0.5]);
    assert_eq!(w1, w2);
}
