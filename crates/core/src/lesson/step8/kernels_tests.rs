//! Tests of the kernel gallery: the maps against a written-out convolution, and the
//! learner's own image through its gate.

use super::*;

/// Map k at (r, c), written out in f64 with zeros outside the image.
fn direct(x: &[f32], k: usize, r: usize, c: usize) -> f64 {
    let mut s = 0.0;
    for t in 0..9 {
        let (yy, xx) = (
            r as isize + (t / 3) as isize - 1,
            c as isize + (t % 3) as isize - 1,
        );
        if (0..SIDE as isize).contains(&yy) && (0..SIDE as isize).contains(&xx) {
            s += KERNELS[k].2[t] as f64 * x[yy as usize * SIDE + xx as usize] as f64;
        }
    }
    s
}

#[test]
fn every_map_is_the_written_out_convolution() {
    for which in ["circle", "shapes"] {
        let mut p = Params::default();
        p.set("image", which);
        let w = Kernels::from_params(&p).unwrap();
        for (k, (name, _, _)) in KERNELS.iter().enumerate() {
            for (q, &v) in w.map(k).iter().enumerate() {
                let want = direct(w.x(), k, q / SIDE, q % SIDE);
                assert!((v as f64 - want).abs() < 1e-5, "{which} {name} [{q}]");
            }
        }
        // Identity gives the image back; blur on the flat centre of the disc gives
        // 9 · 0.11 · 0.95; the zero-sum kernels answer 0 there.
        assert_eq!(w.map(4), w.x());
    }
    let w = Kernels::from_params(&Params::default()).unwrap();
    let centre = 32 * SIDE + 32;
    assert!((w.map(6)[centre] - 0.99 * 0.95).abs() < 1e-5);
    for k in [1, 3, 5, 7] {
        assert!(w.map(k)[centre].abs() < 1e-6, "{}", KERNELS[k].0);
    }
    // The disc's left edge (x = 22 → 23) answers Sobel x strongly and Sobel y not.
    let edge = 32 * SIDE + 22;
    assert!(w.map(7)[edge] > 2.0 && w.map(3)[edge].abs() < 0.5);
}

/// A vertical step edge: columns 0–31 black (0), columns 32–63 white (1).
fn step_edge() -> Vec<f32> {
    (0..SIDE * SIDE)
        .map(|q| if q % SIDE >= SIDE / 2 { 1.0 } else { 0.0 })
        .collect()
}

#[test]
fn a_vertical_step_edge_lights_sobel_x_and_not_sobel_y() {
    let mut w = Kernels::from_params(&Params::default()).unwrap();
    w.set_image(&step_edge(), Source::Upload("edge.png".into()))
        .unwrap();
    assert_eq!(w.x(), step_edge().as_slice());
    let at = |k: usize, r: usize, c: usize| w.map(k)[r * SIDE + c];
    // By hand, on row 20 (away from the top and bottom padding). Sobel x is
    // (right column − left column) weighted 1, 2, 1: at column 31 the right neighbour is
    // white, 1 + 2 + 1 = 4; at 32 the left one is black, again 4; one further out on
    // either side both neighbours match, 0; at column 63 the padding on the right is
    // black, so −4.
    for (c, want) in [
        (0, 0.0),
        (30, 0.0),
        (31, 4.0),
        (32, 4.0),
        (33, 0.0),
        (63, -4.0),
    ] {
        assert_eq!(at(7, 20, c), want, "Sobel x at column {c}");
    }
    // Sobel y compares the rows above and below: 0 on every inner row.
    for r in 1..SIDE - 1 {
        for c in 0..SIDE {
            assert_eq!(at(3, r, c), 0.0, "Sobel y at ({r}, {c})");
        }
    }
    // The vertical-edge kernel −1 2 −1 across a row: −1 on the black side of the edge,
    // +1 on the white side; the horizontal-edge kernel sees nothing inside.
    assert_eq!(
        (at(1, 20, 31), at(1, 20, 32), at(1, 20, 10)),
        (-1.0, 1.0, 0.0)
    );
    assert_eq!((at(5, 20, 31), at(5, 20, 32)), (0.0, 0.0));
    // And every map is still the written-out convolution.
    for k in 0..9 {
        for (q, &v) in w.map(k).iter().enumerate() {
            assert!((v as f64 - direct(w.x(), k, q / SIDE, q % SIDE)).abs() < 1e-5);
        }
    }
    assert_eq!(w.source_label().en, "uploaded: edge.png");
    assert_eq!(w.source_label().zh, "已上传：edge.png");
}

#[test]
fn a_bad_image_is_refused_and_the_last_good_one_kept() {
    let mut w = Kernels::from_params(&Params::default()).unwrap();
    w.set_image(&step_edge(), Source::Drawing).unwrap();
    let (x, maps) = (
        w.x().to_vec(),
        (0..9).map(|k| w.map(k).to_vec()).collect::<Vec<_>>(),
    );
    let mut nan = step_edge();
    nan[SIDE + 2] = f32::NAN;
    let mut big = step_edge();
    big[5] = 1.5;
    let mut neg = step_edge();
    neg[SIDE * SIDE - 1] = -0.25;
    let mut inf = step_edge();
    inf[0] = f32::INFINITY;
    let cases: [(&[f32], &str, &str); 5] = [
        (
            &[0.5; 63],
            "4096 grey values (64 × 64), not 63",
            "4096 个灰度值",
        ),
        (&nan, "(row 1, column 2) is NaN", "第 1 行，第 2 列"),
        (&big, "(row 0, column 5) is 1.5", "灰度值必须在 [0, 1] 之内"),
        (&neg, "(row 63, column 63) is -0.25", "第 63 行"),
        (&inf, "(row 0, column 0) is inf", "第 0 列"),
    ];
    for (bad, en, zh) in cases {
        let e = w
            .set_image(bad, Source::Upload("bad.png".into()))
            .expect_err(en);
        assert_eq!(e.kind, ErrorKind::BadData);
        assert!(e.text.en.contains(en), "{}", e.text.en);
        assert!(e.text.zh.contains(zh), "{}", e.text.zh);
        assert_eq!(w.x(), x.as_slice());
        for (k, m) in maps.iter().enumerate() {
            assert_eq!(w.map(k), m.as_slice());
        }
        assert_eq!(w.source(), &Source::Drawing);
    }
    assert_eq!(w.source_label().zh, "你的画");
}

#[test]
fn a_new_setting_brings_back_the_generated_image_and_names_are_made_safe() {
    let mut any = crate::lesson::AnyWidget::new("kernels", &Params::default()).unwrap();
    let long = format!("\u{202E}{}.png", "a".repeat(100));
    let k = any.kernels_mut().expect("the kernel gallery");
    k.set_image(&step_edge(), Source::Upload(long)).unwrap();
    let label = k.source_label().en;
    assert!(label.starts_with("uploaded: ‹U+202E›aaa"), "{label}");
    assert!(label.chars().count() < 90, "{label}");
    // The image is not part of the settings (nor of the URL): a setting rebuilds.
    any.set("image", "shapes").unwrap();
    let k = any.kernels_mut().unwrap();
    assert_eq!(k.x(), image("shapes").as_slice());
    assert_eq!(k.source_label().en, "generated: shapes");
    assert_eq!(k.source(), &Source::Generated);
}
