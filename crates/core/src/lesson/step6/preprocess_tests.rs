use super::*;

/// A `w`×`h` drawing with ink 1 in the rectangle [x0, x1) × [y0, y1).
fn rect(w: usize, h: usize, (x0, y0, x1, y1): (usize, usize, usize, usize)) -> Gray {
    let mut g = Gray::blank(w, h);
    for y in y0..y1 {
        for x in x0..x1 {
            g.pixels[y * w + x] = 1.0;
        }
    }
    g
}

#[test]
fn an_off_centre_bar_ends_centred_by_mass() {
    // A horizontal bar in the top-left corner of a 280×280 pad.
    let s = preprocess(rect(280, 280, (10, 20, 110, 50))).unwrap();
    assert_eq!(s.bbox, (10, 20, 110, 50));
    assert_eq!((s.crop.width, s.crop.height), (100, 30));
    // 100×30 → 20×6: the longer side becomes 20, the aspect is kept.
    assert_eq!((s.scaled.width, s.scaled.height), (20, 6));
    let centred = Gray {
        width: FIELD,
        height: FIELD,
        pixels: s.input.clone(),
    };
    let (cx, cy) = centred.centre_of_mass().unwrap();
    assert!(
        (cx - 14.0).abs() <= 0.5 && (cy - 14.0).abs() <= 0.5,
        "{cx} {cy}"
    );
    // No ink was lost: mass after scaling = mass of the crop / (scale factor)².
    let k = 100.0 / 20.0;
    assert!((s.scaled.mass() - s.crop.mass() / (k * k)).abs() < 1e-3);
    assert!((s.centred.mass() - s.scaled.mass()).abs() < 1e-4);
}

#[test]
fn a_tall_thin_stroke_stays_tall() {
    // A "1": 12 px wide, 200 px tall, right of centre.
    let s = preprocess(rect(280, 280, (200, 40, 212, 240))).unwrap();
    assert_eq!((s.scaled.width, s.scaled.height), (1, 20));
    let ink: Vec<(usize, usize)> = (0..FIELD * FIELD)
        .filter(|&i| s.input[i] > 0.5)
        .map(|i| (i % FIELD, i / FIELD))
        .collect();
    let cols = ink.iter().map(|p| p.0).max().unwrap() - ink.iter().map(|p| p.0).min().unwrap() + 1;
    let rows = ink.iter().map(|p| p.1).max().unwrap() - ink.iter().map(|p| p.1).min().unwrap() + 1;
    assert_eq!((cols, rows), (1, 20));
    // Centred: the column goes to x = 14; its mass sits at row 9.5 of the 20, and
    // 14 − 9.5 = 4.5 rounds to 5 (mass at row 14.5, half a pixel off, the best a whole-pixel
    // shift can do).
    assert_eq!(s.offset, (14, 5));
    // Area averaging takes means, so ink stays ≤ 1.
    assert!(s.scaled.pixels.iter().all(|&v| v <= 1.0 + 1e-6));
}

#[test]
fn area_averaging_matches_a_hand_computation() {
    // 3 pixels → 2: the first new pixel covers old pixel 0 and half of pixel 1.
    let g = Gray::new(3, 1, vec![1.0, 0.5, 0.0]).unwrap();
    let r = g.resized(2, 1);
    let expect = [(1.0 + 0.5 * 0.5) / 1.5, (0.5 * 0.5 + 0.0) / 1.5];
    for (a, b) in r.pixels.iter().zip(expect) {
        assert!((*a as f64 - b).abs() < 1e-6, "{a} {b}");
    }
    // Upscaling by an integer factor repeats each pixel.
    let up = g.resized(6, 2);
    assert_eq!(up.pixels[..6].to_vec(), vec![1.0, 1.0, 0.5, 0.5, 0.0, 0.0]);
    assert_eq!(up.pixels[6..], up.pixels[..6]);
}

#[test]
fn normalisation_stretches_faint_ink_to_one() {
    let mut g = rect(140, 140, (30, 30, 90, 110));
    for v in &mut g.pixels {
        *v *= 0.4;
    }
    let s = preprocess(g).unwrap();
    let max = s.input.iter().cloned().fold(0.0f32, f32::max);
    let min = s.input.iter().cloned().fold(1.0f32, f32::min);
    assert_eq!((min, max), (0.0, 1.0));
    assert!(s.centred.pixels.iter().all(|&v| v <= 0.4 + 1e-6));
}

#[test]
fn an_empty_or_broken_drawing_is_a_message_not_a_nan() {
    for g in [Gray::blank(280, 280), {
        // Only faint smudges below the ink threshold.
        let mut g = Gray::blank(50, 50);
        g.pixels[7] = INK / 2.0;
        g
    }] {
        let e = preprocess(g).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadData);
        assert!(
            e.text.en.contains("empty") && e.text.zh.contains("空"),
            "{e:?}"
        );
    }
    let e = Gray::new(2, 2, vec![0.0, f32::NAN, 0.0, 0.0]).unwrap_err();
    assert!(e.text.en.contains("Pixel 2") && e.text.zh.contains("第 2 个"));
    let e = Gray::new(3, 3, vec![0.0; 8]).unwrap_err();
    assert!(e.text.en.contains("8 values") && e.text.zh.contains("8 个值"));
    assert!(Gray::new(0, 3, vec![]).is_err());
    assert!(Gray::new(MAX_SIDE + 1, 1, vec![0.0; MAX_SIDE + 1]).is_err());
    // Values outside [0, 1] are clamped.
    assert_eq!(
        Gray::new(2, 1, vec![-3.0, 7.0]).unwrap().pixels,
        vec![0.0, 1.0]
    );
}

#[test]
fn a_single_dot_still_gives_a_centred_input() {
    let s = preprocess(rect(280, 280, (0, 0, 1, 1))).unwrap();
    assert_eq!((s.scaled.width, s.scaled.height), (20, 20));
    let c = Gray {
        width: FIELD,
        height: FIELD,
        pixels: s.input,
    }
    .centre_of_mass()
    .unwrap();
    assert!(
        (c.0 - 14.0).abs() <= 0.5 && (c.1 - 14.0).abs() <= 0.5,
        "{c:?}"
    );
    assert!(s.stroke.pixels.iter().all(|v| v.is_finite()));
}
