//! Sentences of the lesson texts (`content/lessons/*.md`) that state a number: each test
//! computes the number and checks that both languages say it, so a change to the engine or
//! the data that moves the number fails here until the text is updated.

use ninestep_core::dataset::parse_mnist_bin;
use ninestep_core::widget::Outcome;
use ninestep_core::{AnyWidget, Params};

mod common;
use common::{says, shipped_digits};

/// Mean cross-entropy of a ≤2-input logistic neuron over a truth table `(x1, x2, y)`.
fn gate_loss(w: [f64; 2], b: f64, table: &[(f64, f64, f64)]) -> f64 {
    let sum: f64 = table
        .iter()
        .map(|&(x1, x2, y)| {
            let a = 1.0 / (1.0 + (-(w[0] * x1 + w[1] * x2 + b)).exp());
            -(y * a.ln() + (1.0 - y) * (1.0 - a).ln())
        })
        .sum();
    sum / table.len() as f64
}

#[test]
fn the_books_and_nand_nor_rows_lie_above_its_own_stop_rule() {
    // Book Table 6-8 (W1, W2, B) and its stop rule: mean cross-entropy below 0.002.
    // Hand check: AND gives z = −17.804, −6.047, −6.047, 5.710 on the four corners.
    const EPS: f64 = 0.002;
    let and = [(0., 0., 0.), (0., 1., 0.), (1., 0., 0.), (1., 1., 1.)];
    let nand = and.map(|(a, b, y)| (a, b, 1.0 - y));
    let nor = [(0., 0., 1.), (0., 1., 0.), (1., 0., 0.), (1., 1., 0.)];
    let rows = [
        ("AND", [11.757, 11.757], -17.804, &and, "0.002008"),
        ("NAND", [-11.763, -11.763], 17.812, &nand, "0.002002"),
        ("NOR", [-11.738, -11.738], 5.409, &nor, "0.002008"),
    ];
    for (gate, w, b, table, printed) in rows {
        let loss = gate_loss(w, b, table);
        assert_eq!(format!("{loss:.6}"), printed, "{gate}");
        // Each printed weight is rounded to 3 decimals: the lowest loss within ±0.0005 of
        // every one of them is still above the stop rule.
        let d = [-0.0005, 0.0, 0.0005];
        let lowest = d
            .iter()
            .flat_map(|&d1| d.iter().flat_map(move |&d2| d.map(|d3| (d1, d2, d3))))
            .map(|(d1, d2, d3)| gate_loss([w[0] + d1, w[1] + d2], b + d3, table))
            .fold(f64::INFINITY, f64::min);
        assert!(lowest > EPS, "{gate}: {lowest}");
        for lang in ["en", "zh"] {
            says("logic-gates", lang, printed);
        }
    }
    // NOT is consistent within its rounding (0.0020001 as printed), so the text names only
    // the three two-input rows.
    let not = [(0., 0., 1.), (1., 0., 0.)];
    assert!(gate_loss([-12.468, 0.0], 6.031, &not) < 0.002001);
}

#[test]
fn the_held_out_digits_are_not_balanced() {
    let bytes = shipped_digits();
    let set = parse_mnist_bin(&bytes).expect("a valid digits file");
    assert_eq!(set.n, 10_000);
    let count = |range: std::ops::Range<usize>| {
        let mut c = [0usize; 10];
        for i in range {
            c[set.label_class(i)] += 1;
        }
        c
    };
    // The first 8,000 train (lesson/step5/digits.rs: TRAIN), the last 2,000 test.
    assert_eq!(count(0..8_000), [800; 10]);
    let test = count(8_000..10_000);
    assert_eq!(test, [201, 327, 191, 232, 180, 63, 214, 270, 144, 178]);
    let list = |sep: &str, last: &str| {
        let head: Vec<String> = test[..9].iter().map(usize::to_string).collect();
        format!("{}{last}{}", head.join(sep), test[9])
    };
    says("nonlinear-classification", "en", &list(", ", " and "));
    says("nonlinear-classification", "zh", &list("、", " 和 "));
    says("nonlinear-classification", "en", "800 of each digit");
    says("nonlinear-classification", "zh", "每个数字 800 幅");
}

#[test]
fn the_book_trains_its_mnist_net_on_55000_digits() {
    // Book ch12: 60,000 training images, GenerateValidationSet(k=12) holds 5,000 out.
    assert_eq!(60_000 - 60_000 / 12, 55_000);
    says(
        "nonlinear-classification",
        "en",
        "trains on 55,000 MNIST images",
    );
    says(
        "nonlinear-classification",
        "zh",
        "书中用 55,000 幅 MNIST 图像训练",
    );
}

#[test]
fn xor_folds_01_and_10_onto_each_other_to_the_decimals_the_text_names() {
    let mut w = AnyWidget::new("xor-net", &Params::default()).expect("xor-net");
    while let Ok(Outcome::Stepped) = w.step() {}
    let t = w.table();
    // Rows are the inputs (0,0), (0,1), (1,0), (1,1).
    let gap = ["a1_1", "a1_2"]
        .iter()
        .map(|k| (t.get(1, k).expect("A1") - t.get(2, k).expect("A1")).abs())
        .fold(0.0, f64::max);
    // “Agree to two or three decimals”: rounded to 2 decimals they are equal, and they
    // differ somewhere by at least 0.5 in the fourth decimal.
    assert!((5e-5..5e-3).contains(&gap), "max |ΔA1| = {gap}");
    eprintln!("xor: max gap {gap}");
    says("xor", "en", "to two or three decimals");
    says("xor", "zh", "两三位小数");
}

#[test]
fn the_digits_run_passes_92_percent_at_the_epoch_the_text_names() {
    let bytes = shipped_digits();
    let mut w = AnyWidget::new("digits", &Params::default()).expect("digits");
    w.attach_data(&bytes).expect("the digits attach");
    let accuracy = |w: &AnyWidget| {
        let t = w.table();
        t.rows
            .len()
            .checked_sub(1)
            .and_then(|last| t.get(last, "test_accuracy"))
            .unwrap_or(0.0)
    };
    let mut steps = 0;
    while accuracy(&w) < 0.92 && steps < 8 * 50 {
        assert!(matches!(w.step(), Ok(Outcome::Stepped)));
        steps += 1;
    }
    assert!(accuracy(&w) >= 0.92, "never reached 0.92");
    let epoch = steps / 8;
    eprintln!("digits: 0.92 at epoch {epoch} ({steps} steps)");
    says(
        "nonlinear-classification",
        "en",
        &format!("passes 0.92 at epoch {epoch} ({steps} Steps)"),
    );
    says(
        "nonlinear-classification",
        "zh",
        &format!("第 {epoch} 轮（{steps} 次单步）超过 0.92"),
    );
}

/// The read-out `key` of the widget `name` with `settings`, after running to its stop.
fn readout(name: &str, settings: &[(&str, &str)], key: &str) -> f64 {
    let mut p = Params::default();
    for (k, v) in settings {
        p.set(k, *v);
    }
    let mut w = AnyWidget::new(name, &p).expect("the settings are valid");
    w.run(ninestep_core::widget::MAX_STEPS)
        .expect("the run does not diverge");
    w.readouts()
        .iter()
        .find(|r| r.key == key)
        .map(|r| r.value)
        .unwrap_or_else(|| panic!("{name} has no read-out {key}"))
}

#[test]
fn the_tanh_attempts_say_the_numbers_they_reach() {
    let at = |attempt, key| readout("tanh-classifier", &[("attempt", attempt)], key);
    let fmt = |v: f64, d| ninestep_core::fmt_num(v, d);
    let ce = fmt(at("ce", "loss"), 3);
    let (k3, c3) = (
        fmt(at("half", "slope"), 2),
        fmt(-at("half", "intercept"), 2),
    );
    let acc3 = fmt(100.0 * at("half", "accuracy"), 1);
    let (k4, c4) = (fmt(at("pm1", "slope"), 2), fmt(-at("pm1", "intercept"), 2));
    let acc4 = fmt(100.0 * at("pm1", "accuracy"), 1);
    let pct = |lang| if lang == "en" { " %" } else { "%" };
    for lang in ["en", "zh"] {
        says("logistic-regression", lang, &format!("−{}", &ce[1..]));
        says(
            "logistic-regression",
            lang,
            &format!("$x_2 = {k3}\\,x_1 - {c3}$"),
        );
        says("logistic-regression", lang, &format!("{acc3}{}", pct(lang)));
        says(
            "logistic-regression",
            lang,
            &format!("$x_2 = {k4}\\,x_1 - {c4}$"),
        );
        says("logistic-regression", lang, &format!("{acc4}{}", pct(lang)));
    }
}

#[test]
fn the_gradient_check_says_its_relative_differences() {
    // "6.4 · 10^{-5}" for h = 0.01 and so on: two significant digits of each.
    let sci = |v: f64| {
        let e = v.log10().floor() as i32;
        format!(
            "{} \\cdot 10^{{{e}}}",
            ninestep_core::fmt_num(v / 10f64.powi(e), 1)
        )
    };
    for h in ["0.01", "0.1", "0.001", "0.0001"] {
        let r = readout("grad-check", &[("h", h)], "overall");
        for lang in ["en", "zh"] {
            says("nonlinear-classification", lang, &sci(r));
        }
    }
    let bug = readout("grad-check", &[("bug", "no-mean")], "overall");
    assert!((bug - 0.6).abs() < 1e-3, "{bug}");
}

#[test]
fn the_xor_sweep_and_the_polynomial_sgd_say_their_epochs() {
    for units in ["2", "3", "4", "8", "16"] {
        let e = readout("xor-net", &[("units", units)], "epochs");
        for lang in ["en", "zh"] {
            says("xor", lang, &format!("| {e} "));
        }
    }
    let three = readout("poly-fit", &[("degree", "3")], "sgd_epochs");
    let four = readout("poly-fit", &[("degree", "4")], "sgd_loss");
    for lang in ["en", "zh"] {
        says("curve-fitting", lang, &format!("| {three} |"));
        says("curve-fitting", lang, &ninestep_core::fmt_num(four, 5));
    }
}

#[test]
fn the_coin_with_64_units_says_its_accuracy_after_1200_epochs() {
    let mut p = Params::default();
    p.set("units", "64");
    let mut w = AnyWidget::new("coin", &p).unwrap();
    for _ in 0..60 {
        w.step().unwrap();
    }
    let acc = w
        .readouts()
        .iter()
        .find(|r| r.key == "test_accuracy")
        .map(|r| r.value);
    let acc = ninestep_core::fmt_num(acc.unwrap_or(0.0), 3);
    for lang in ["en", "zh"] {
        let phrase = if lang == "en" {
            format!("our run is at {acc}")
        } else {
            format!("测试准确率是 {acc}")
        };
        says("nonlinear-classification", lang, &phrase);
    }
}

#[test]
fn the_cobra_tuning_tables_say_the_epochs_to_epsilon() {
    // (hidden, η, batch, the epoch the text names or None for "not reached").
    let runs: [(&str, &str, &str, Option<usize>); 10] = [
        ("4", "0.1", "10", None),
        ("4", "0.3", "10", Some(5431)),
        ("4", "0.5", "10", Some(3619)),
        ("4", "0.7", "10", Some(3778)),
        ("4", "0.5", "5", Some(2784)),
        ("4", "0.5", "15", Some(4887)),
        ("4", "0.5", "20", Some(6418)),
        ("2", "0.5", "10", None),
        ("6", "0.5", "10", Some(5489)),
        ("8", "0.5", "10", Some(4752)),
    ];
    for (hidden, eta, batch, text) in runs {
        let mut p = Params::default();
        for (k, v) in [
            ("data", "cobra"),
            ("hidden", hidden),
            ("eta", eta),
            ("batch", batch),
        ] {
            p.set(k, v);
        }
        let mut w = AnyWidget::new("curve-fit", &p).unwrap();
        let reached = loop {
            let at = w
                .readouts()
                .iter()
                .find(|r| r.key == "eps_epoch")
                .map(|r| r.value as usize);
            if at.is_some() {
                break at;
            }
            if let Outcome::Done(_) = w.step().unwrap() {
                break None;
            }
        };
        assert_eq!(reached, text, "hidden {hidden}, η {eta}, batch {batch}");
        if let Some(e) = reached {
            for lang in ["en", "zh"] {
                says("curve-fitting", lang, &format!("| {e} |"));
            }
        }
    }
}
