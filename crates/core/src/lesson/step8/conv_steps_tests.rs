use super::*;
use crate::error::ErrorKind;
use crate::nn::{Init, Network, NetworkConfig, Output};
use crate::rng::Rng;

fn with(size: u32, k: u32, s: u32, p: u32) -> Result<ConvSteps> {
    let mut params = Params::default();
    for (key, v) in [("size", size), ("kernel", k), ("stride", s), ("padding", p)] {
        params.set(key, v.to_string());
    }
    ConvSteps::from_params(&params)
}

#[test]
fn the_first_window_by_hand() {
    // Rows 0–2 of the input: 1 6 4 2 0 / 4 2 0 5 3 / 0 5 3 1 6. Under the Sobel kernel
    // 1 0 −1 / 2 0 −2 / 1 0 −1 the first window gives (1 − 4) + 2·(4 − 0) + (0 − 3) = 2.
    let mut w = ConvSteps::from_params(&Params::default()).unwrap();
    assert_eq!(&w.x()[..10], &[1., 6., 4., 2., 0., 4., 2., 0., 5., 3.]);
    assert_eq!(w.out_size(), 3);
    w.step().unwrap();
    let t = w.table();
    assert_eq!(t.rows.len(), 9);
    assert_eq!(t.get(2, "xw"), Some(-4.0));
    assert_eq!(t.get(3, "xw"), Some(8.0));
    assert_eq!(w.y()[0], 2.0);
    assert_eq!(w.window_sum(0), 2.0);
    assert_eq!(w.status().unwrap().en, "H′ = ⌊(5 + 2·0 − 3) / 1⌋ + 1 = 3");
}

#[test]
fn the_engine_layer_agrees_with_every_written_out_window() {
    for (size, k, s, p) in [
        (5, 3, 1, 0),
        (6, 3, 2, 1),
        (5, 2, 2, 0),
        (4, 4, 1, 2),
        (7, 3, 3, 2),
        (3, 1, 1, 0),
    ] {
        let mut w = with(size, k, s, p).unwrap();
        let n = (size as usize + 2 * p as usize - k as usize) / s as usize + 1;
        assert_eq!(w.y().len(), n * n, "{size} {k} {s} {p}");
        for cell in 0..n * n {
            assert_eq!(
                w.y()[cell] as f64,
                w.window_sum(cell),
                "{size} {k} {s} {p} [{cell}]"
            );
        }
        let mut steps = 0;
        while let Outcome::Stepped = w.step().unwrap() {
            steps += 1;
        }
        assert_eq!(steps + 1, n * n);
    }
    // Padding 2 around a 4×4 input with a 4×4 kernel: the corner window reads only x00.
    let w = with(4, 4, 1, 2).unwrap();
    let inside: Vec<_> = w.window(0).into_iter().filter_map(|t| t.0).collect();
    assert_eq!(inside, [(0, 0), (0, 1), (1, 0), (1, 1)]);
}

#[test]
fn a_kernel_that_does_not_fit_gets_the_engine_message() {
    let e = with(3, 4, 1, 0).unwrap_err();
    assert_eq!(e.kind, ErrorKind::OutOfRange);
    assert!(
        e.text.en.contains("4×4 input") || e.text.en.contains("3×3 input"),
        "{}",
        e.text.en
    );
    assert!(e.text.en.contains("leaves nothing"));
    assert!(
        with(5, 2, 1, 2).is_err(),
        "padding must stay below the kernel size"
    );
    let mut bad = Params::default();
    bad.set("stride", "1.5");
    assert!(ConvSteps::from_params(&bad).is_err());
}

#[test]
fn the_books_3x32x32_input_with_a_2x3x5x5_kernel_gives_2x28x28() {
    let net: Network = NetworkConfig {
        inputs: 3 * 32 * 32,
        layers: vec![LayerConfig::Conv2d {
            channels: 2,
            kernel: 5,
            stride: 1,
            padding: 0,
            bias: true,
        }],
        output: Output::Identity,
        init: Init::Xavier,
        seed: 1,
        input_shape: Some(Shape::new(3, 32, 32)),
    }
    .build()
    .unwrap();
    assert_eq!(net.shapes()[1], Shape::new(2, 28, 28));
    let mut net = net;
    let mut rng = Rng::new(1);
    let x = Matrix::from_fn(1, 3072, |_, _| rng.range(0.0, 1.0) as f32);
    assert_eq!(net.predict(&x).shape(), (1, 2 * 28 * 28));
    let mut p = Params::default();
    p.set("size", "32");
    assert!(
        ConvSteps::from_params(&p).is_err(),
        "the stepper's input stays small"
    );
}
