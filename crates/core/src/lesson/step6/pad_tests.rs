use super::*;
use crate::lesson::digit_run::real_file;
use crate::lesson::digits::{SIDE, TEST};
use crate::nn::metrics::class_of;
use crate::nn::{Activation, Init, LayerConfig, NetworkConfig, Output};

/// A 140×140 drawing with ink 1 in [x0, x1) × [y0, y1).
fn bar((x0, y0, x1, y1): (usize, usize, usize, usize)) -> Vec<f32> {
    let mut p = vec![0.0; 140 * 140];
    for y in y0..y1 {
        p[y * 140 + x0..y * 140 + x1].fill(1.0);
    }
    p
}

fn net(inputs: usize, outputs: usize, output: Output) -> Network {
    NetworkConfig {
        input_shape: None,
        inputs,
        layers: vec![
            LayerConfig::dense(8, Activation::Relu),
            LayerConfig::dense(outputs, Activation::Identity),
        ],
        output,
        init: Init::Xavier,
        seed: 3,
    }
    .build()
    .unwrap()
}

#[test]
fn the_trained_pad_reads_the_test_digits_through_the_whole_preprocessing() {
    let Some(bytes) = real_file() else { return };
    let mut pad = DigitPad::from_params(&Params::default()).unwrap();
    pad.attach_data(&bytes).unwrap();
    let mut steps = 0;
    while let Outcome::Stepped = pad.step().unwrap() {
        steps += 1;
        assert!(steps < 100);
    }
    // Five epochs of 8 Steps each: the last Step says Done.
    assert_eq!((pad.steps(), pad.epochs()), (40, 5));
    let direct = pad.trainer().history().last().unwrap().test_accuracy;
    // Every test digit, blown up ×5 to a 140×140 drawing as the page would send it, through
    // crop → 20×20 → centre by mass → min-max → the net.
    let (mut right, mut n) = (0, 0);
    for i in 0..TEST {
        let img = Gray {
            width: SIDE,
            height: SIDE,
            pixels: pad.trainer().test_image(i).unwrap().to_vec(),
        };
        let big = img.resized(140, 140);
        if pad.infer(140, 140, big.pixels).is_err() {
            continue;
        }
        n += 1;
        let (d, p) = pad.last().unwrap().prediction();
        assert!((0.0..=1.0).contains(&p));
        right += (Some(d) == pad.trainer().test_label(i)) as usize;
    }
    let acc = right as f64 / n as f64;
    eprintln!("digit-pad: test accuracy {direct:.4} direct, {acc:.4} through the pad ({n} digits)");
    assert_eq!(n, TEST);
    // 0.8710 both ways with the default seed: the preprocessing gives back the digits the
    // net was trained on (they are 20-pixel, mass-centred digits already).
    assert!(direct >= 0.85, "{direct}");
    assert!(acc >= direct - 0.02, "{acc} vs {direct}");
    // Why centring matters: the same digits moved 4 pixels right and down. Fed straight to
    // the net, accuracy collapses; through the pad's path they are centred again.
    let (mut raw, mut padded) = (0, 0);
    let mut net = pad.network().clone();
    for i in 0..TEST {
        let img = pad.trainer().test_image(i).unwrap();
        let mut moved = vec![0.0f32; SIDE * SIDE];
        for y in 0..SIDE - 4 {
            for x in 0..SIDE - 4 {
                moved[(y + 4) * SIDE + x + 4] = img[y * SIDE + x];
            }
        }
        let label = pad.trainer().test_label(i);
        let out = net.predict_rows(&moved).unwrap();
        raw += (Some(class_of(&out.data)) == label) as usize;
        pad.infer(SIDE, SIDE, moved).unwrap();
        padded += (Some(pad.last().unwrap().prediction().0) == label) as usize;
    }
    let (raw, padded) = (raw as f64 / TEST as f64, padded as f64 / TEST as f64);
    eprintln!("digit-pad: moved 4 px: {raw:.4} fed raw, {padded:.4} through the pad");
    // 0.0395 raw (worse than guessing) and 0.8665 through the pad with the default seed.
    assert!(raw < 0.2 && padded >= direct - 0.02, "{raw} {padded}");
    // A tall bar drawn off-centre is a "1".
    pad.infer(140, 140, bar((100, 10, 108, 90))).unwrap();
    let inf = pad.last().unwrap();
    assert_eq!(inf.prediction().0, 1, "{:?}", inf.probabilities);
    let sum: f32 = inf.probabilities.iter().sum();
    assert!((sum - 1.0).abs() < 1e-4);
    assert_eq!(
        inf.hidden
            .iter()
            .map(|h| (h.0.as_str(), h.1.len()))
            .collect::<Vec<_>>(),
        vec![("64 sigmoid", 64), ("16 tanh", 16)]
    );
    // The table and readouts show the same numbers.
    let t = pad.table();
    assert_eq!(t.rows.len(), 10);
    assert_eq!(t.get(1, "p"), Some(inf.probabilities[1] as f64));
    assert_eq!(pad.readouts()[0].value, 1.0);
}

#[test]
fn an_empty_pad_is_a_message_and_the_last_result_stays() {
    let mut pad = DigitPad::from_params(&Params::default()).unwrap();
    assert!(pad.awaiting_data());
    // Even untrained and without data, a drawing gives ten probabilities.
    pad.infer(140, 140, bar((60, 20, 70, 120))).unwrap();
    let before = pad.last().cloned();
    assert!(before.is_some());
    let e = pad.infer(140, 140, vec![0.0; 140 * 140]).unwrap_err();
    assert!(e.text.en.contains("empty") && e.text.zh.contains("空"));
    let e = pad.infer(140, 140, vec![f32::NAN; 140 * 140]).unwrap_err();
    assert!(e.text.en.contains("not a number"));
    assert_eq!(pad.last().cloned(), before);
    assert_eq!(pad.readouts()[0].key, "digit");
    pad.clear();
    assert!(pad.last().is_none() && pad.table().rows.is_empty());
    assert_eq!(pad.readouts()[0].key, "epoch");
    // Stepping before the digits arrive is the digits widget's "still loading".
    assert!(pad.step().unwrap_err().text.en.contains("still loading"));
}

#[test]
fn any_784_to_10_net_plugs_in_and_others_are_refused() {
    let mut pad = DigitPad::from_params(&Params::default()).unwrap();
    pad.infer(140, 140, bar((60, 20, 70, 120))).unwrap();
    let e = pad
        .set_network(net(2, 10, Output::Softmax), Text::same("xor.json"))
        .unwrap_err();
    assert!(e.text.en.contains("784 inputs") && e.text.zh.contains("784"));
    assert!(pad.loaded_name().is_none());
    // A net with a plain (identity) output: the pad applies the softmax itself.
    let mut plain = net(784, 10, Output::Identity);
    let input = pad.last().unwrap().stages.input.clone();
    let logits = plain.predict_rows(&input).unwrap().data;
    pad.set_network(plain, Text::same("model.onnx")).unwrap();
    let p = pad.last().unwrap().probabilities.clone();
    let z: f32 = logits.iter().map(|v| v.exp()).sum();
    for (p, l) in p.iter().zip(&logits) {
        assert!((p - l.exp() / z).abs() < 1e-5, "{p} {l}");
    }
    assert_eq!(pad.last().unwrap().hidden[0].0, "8 relu");
    assert!(pad.status().unwrap().en.contains("model.onnx"));
    assert!(matches!(pad.step(), Ok(Outcome::Done(_))));
    // Through AnyWidget, as the page reaches it.
    let mut w = AnyWidget::new("digit-pad", &Params::default()).unwrap();
    assert!(w.digit_pad_mut().is_some());
    assert!(AnyWidget::new("digits", &Params::default())
        .unwrap()
        .digit_pad_mut()
        .is_none());
}

#[test]
fn the_shipped_digits_follow_the_convention_the_pad_copies() {
    // Every test digit fills a 20-pixel box (ink above INK) and its centre of mass lies at
    // (14, 14) in pixel indices on average: the targets of `preprocess`.
    let Some(bytes) = real_file() else { return };
    let d = crate::dataset::parse_mnist_bin(&bytes).unwrap();
    let (mut sides, mut com) = (std::collections::BTreeMap::new(), (0.0, 0.0));
    for i in 8000..10_000 {
        let g = Gray::new(SIDE, SIDE, d.row(i).to_vec()).unwrap();
        let (l, t, r, b) = g.ink_box().unwrap();
        *sides.entry((r - l).max(b - t)).or_insert(0) += 1;
        let c = g.centre_of_mass().unwrap();
        com = (com.0 + c.0 / 2000.0, com.1 + c.1 / 2000.0);
    }
    assert_eq!(sides.into_iter().collect::<Vec<_>>(), vec![(20, 2000)]);
    assert!(
        (com.0 - 14.0).abs() < 0.1 && (com.1 - 14.0).abs() < 0.1,
        "{com:?}"
    );
}

#[test]
fn the_net_setting_picks_the_step_5_7_or_8_net_and_a_cnn_gives_feature_maps() {
    let pad_with = |net: &str| {
        let mut p = Params::default();
        p.set("net", net);
        DigitPad::from_params(&p)
    };
    let mut seen = Vec::new();
    for (net, layers) in [("digits", 3), ("deep", 5), ("cnn", 11)] {
        let mut pad = pad_with(net).unwrap();
        assert_eq!(pad.network().layers().len(), layers, "{net}");
        assert_eq!(pad.params().raw("net"), Some(net));
        pad.infer(140, 140, bar((60, 20, 72, 120))).unwrap();
        let inf = pad.last().unwrap();
        let total: f32 = inf.probabilities.iter().sum();
        assert!((total - 1.0).abs() < 1e-5, "{net}: {total}");
        // Every hidden layer listed is flat; only the CNN has maps.
        assert!(inf.hidden.iter().all(|(_, v)| v.len() <= 256), "{net}");
        seen.push((net, inf.maps.clone()));
    }
    assert!(seen[0].1.is_empty() && seen[1].1.is_empty());
    let maps = &seen[2].1;
    let shapes: Vec<_> = maps.iter().map(|m| (m.name.as_str(), m.shape)).collect();
    assert_eq!(
        shapes,
        [
            ("conv1", crate::nn::Shape::new(8, 24, 24)),
            ("conv2", crate::nn::Shape::new(16, 8, 8))
        ]
    );
    // Map 3 of conv1 is the third kernel's 24×24 output: its own slice of the values.
    assert_eq!(maps[0].map(3), &maps[0].values[3 * 576..4 * 576]);
    assert!(maps[1].map(16).is_empty());
    // The CNN's maps are what the net computes: conv1's first value by hand from the input.
    let cnn = pad_with("cnn").unwrap();
    let input = &seen_input(&cnn);
    let mut w = Vec::new();
    cnn.network().visit(|i, p| {
        if i == 0 {
            w.push(p.value.to_vec())
        }
    });
    let (k, b) = (&w[0], w[1][0]);
    let mut z = b;
    for dy in 0..5 {
        for dx in 0..5 {
            z += k[dy * 5 + dx] * input[dy * 28 + dx];
        }
    }
    assert!(
        (z - maps[0].values[0]).abs() < 1e-5,
        "{z} vs {}",
        maps[0].values[0]
    );
    let e = pad_with("lenet").unwrap_err();
    assert!(
        e.text.en.contains("lenet") && e.text.zh.contains("lenet"),
        "{e:?}"
    );
}

/// The 784 inputs the pad made of the test bar.
fn seen_input(pad: &DigitPad) -> Vec<f32> {
    let mut p = pad.clone();
    p.infer(140, 140, bar((60, 20, 72, 120))).unwrap();
    p.last().unwrap().stages.input.clone()
}
