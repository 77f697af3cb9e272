use super::*;

/// Y = X ⊛ K written out in f64 (an independent reference for the engine's layer).
fn target_f64(x: &[f32]) -> Vec<f64> {
    let n = SIDE - 2;
    let mut y = vec![0.0; n * n];
    for r in 0..n {
        for c in 0..n {
            for t in 0..9 {
                y[r * n + c] += TARGET[t] as f64 * x[(r + t / 3) * SIDE + c + t % 3] as f64;
            }
        }
    }
    y
}

#[test]
fn the_first_iteration_by_hand() {
    let mut w = LearnKernel::from_params(&Params::default()).unwrap();
    let x = image();
    assert!(x.iter().all(|v| (0.0..=1.0).contains(v)));
    let y = target_f64(&x);
    for (a, b) in w.y().iter().zip(&y) {
        assert!((*a as f64 - b).abs() < 1e-6);
    }
    // At W = 0, Z = 0: J = Σ y² / 2m, and dW = X ⊛ (0 − Y)/m, so the first step moves
    // each weight to η·Σ x·y / m.
    let m = y.len() as f64;
    let j0 = y.iter().map(|v| v * v).sum::<f64>() / (2.0 * m);
    assert!((w.loss() - j0).abs() < 1e-6 * j0, "{} vs {j0}", w.loss());
    let mut p = Params::default();
    p.set("per", "1");
    let mut one = LearnKernel::from_params(&p).unwrap();
    one.step().unwrap();
    let n = SIDE - 2;
    for t in 0..9 {
        let mut g = 0.0;
        for r in 0..n {
            for c in 0..n {
                g += x[(r + t / 3) * SIDE + c + t % 3] as f64 * y[r * n + c];
            }
        }
        let want = 0.5 * g / m;
        assert!(
            (one.w()[t] as f64 - want).abs() < 1e-5,
            "w[{t}] {} vs {want}",
            one.w()[t]
        );
    }
    assert!(one.loss() < w.loss());
    w.step().unwrap();
    assert_eq!(w.iterations(), 200);
}

#[test]
fn the_kernel_is_learned_back_until_the_loss_is_below_1e_7() {
    let mut w = LearnKernel::from_params(&Params::default()).unwrap();
    let mut steps = 0;
    while let Outcome::Stepped = w.step().unwrap() {
        steps += 1;
        assert!(steps < 200, "no convergence");
    }
    let n = w.iterations();
    let k = w.w();
    eprintln!(
        "ch17.3 ours: J < 1e-7 at iteration {n}, first row [{:.5}, {:.5}, {:.5}], centre {:.5} \
         (the book: 3460, [−0.00187, −0.99726, −0.00101])",
        k[0], k[1], k[2], k[4]
    );
    assert!(w.loss() < STOP && n < MAX_ITERATIONS);
    assert!(
        w.losses()[n - 1] >= STOP,
        "it stops at the first iteration below 1e-7"
    );
    for (got, want) in k.iter().zip(TARGET) {
        assert!((got - want).abs() < 0.02, "{k:?}");
    }
    // Like the book's [−0.00187, −0.99726, −0.00101]: the first row is found to ±0.005.
    assert!(
        k[0].abs() < 5e-3 && (k[1] + 1.0).abs() < 5e-3 && k[2].abs() < 5e-3,
        "{k:?}"
    );
    assert!(w.status().unwrap().en.contains(&format!("iteration {n}")));
}
