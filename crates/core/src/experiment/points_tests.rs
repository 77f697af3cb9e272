use super::*;
use crate::experiment::{DataChoice, ExperimentConfig};

/// 4 points, one per XOR quadrant: class 1 where x₁·x₂ > 0.
const FOUR: &str = "1,1,1;-1,-1,1;1,-1,0;-1,1,0";

fn query(points: &str) -> String {
    format!("dataset=custom&noise=0&train=50&batch=10&lr=0.03&act=tanh&layers=4,2&loss=tanh-mse&init=xavier&seed=1&epochs=100&points={points}")
}

#[test]
fn custom_points_round_trip_character_for_character() {
    let q = query("0.5,-1.25,1;-0.001,2,0;3,4,1;0,0,0");
    let c = ExperimentConfig::parse(&q).unwrap();
    assert_eq!(c.dataset, DataChoice::Custom);
    assert_eq!(c.points[1], (-0.001, 2.0, 0));
    assert_eq!(c.to_query(), q);
    assert_eq!(ExperimentConfig::parse(&c.to_query()).unwrap(), c);
    // Odd-but-valid values are rounded to 3 decimals and written canonically:
    // 0.12345 → 0.123, 1.0005 → 1.001 (half away from zero), -0.0001 → 0 (no “-0”),
    // %-escaped separators as a browser writes them.
    let c = ExperimentConfig::parse(
        "dataset=custom&points=0.12345%2C1.0005%2C1%3B-0.0001,5,0;1,1,1;2,2,0;",
    )
    .unwrap();
    assert_eq!(format_points(&c.points), "0.123,1.001,1;0,5,0;1,1,1;2,2,0");
    let again = ExperimentConfig::parse(&c.to_query()).unwrap();
    assert_eq!(again, c);
    assert_eq!(again.to_query(), c.to_query());
    // Other sets write no `points`.
    assert!(!ExperimentConfig::default().to_query().contains("points"));
}

#[test]
fn bad_points_are_errors_naming_the_key() {
    for (q, what) in [
        ("dataset=circle&points=1,1,1".to_string(), "dataset=custom"),
        (query(""), "at least 4"),
        (query("1,1,1;2,2,1;3,3,1;4,4,1"), "class 0"),
        (query("1,1,0;2,2,0;3,3,0;4,4,2"), "class 1"),
        (query("1,1,1;2,2,0;3,3"), "point 3"),
        (query("1,1,1;2,2,0;3,3,3;4,4,0"), "point 3"),
        (query("1,1,1;x,2,0;3,3,1;4,4,0"), "point 2"),
        (query("1,1,1;2,2,0;3,3,1;1001,4,0"), "point 4"),
        (query("1,1,1;2,2,0;3,3,1;NaN,4,0"), "point 4"),
        ("dataset=custom".to_string(), "at least 4"),
    ] {
        let e = ExperimentConfig::parse(&q).unwrap_err();
        assert!(e.text.en.contains("“points”"), "{q}: {}", e.text.en);
        assert!(e.text.zh.contains("“points”"), "{q}: {}", e.text.zh);
        assert!(e.text.en.contains(what), "{q}: {}", e.text.en);
    }
    // The “what to do” hint in both languages.
    let e = ExperimentConfig::parse(&query("1,1,1")).unwrap_err();
    assert!(
        e.text.en.contains("upload a CSV or click on the map"),
        "{}",
        e.text.en
    );
    assert!(e.text.zh.contains("上传 CSV"), "{}", e.text.zh);
    // MAX_POINTS + 1 points: the message says the limit.
    let many: Vec<String> = (0..=MAX_POINTS)
        .map(|i| format!("{},{},{}", i % 1000, i / 1000, i % 2))
        .collect();
    let e = ExperimentConfig::parse(&query(&many.join(";"))).unwrap_err();
    assert!(e.text.en.contains("at most 2000"), "{}", e.text.en);
    // Exactly MAX_POINTS is fine.
    let c = ExperimentConfig::parse(&query(&many[..MAX_POINTS].join(";"))).unwrap();
    assert_eq!(c.points.len(), 2000);
}

#[test]
fn classes_follow_the_points() {
    let c = ExperimentConfig::parse(&query(FOUR)).unwrap();
    assert_eq!(c.classes(), 2);
    // Two classes: one output unit.
    assert_eq!(
        c.network_config().layers.last().map(|l| l.outputs(0)),
        Some(1)
    );
    let c = ExperimentConfig::parse(&query("1,1,1;-1,-1,2;1,-1,0;-1,1,0")).unwrap();
    assert_eq!(c.classes(), 3);
    assert_eq!(
        c.network_config().layers.last().map(|l| l.outputs(0)),
        Some(3)
    );
    let mut e = c.build().unwrap();
    assert_eq!(e.evaluate_test().confusion.classes, 3);
}

#[test]
fn custom_sets_split_with_the_seed() {
    let pts: Vec<String> = (0..10).map(|i| format!("{i},{i},{}", i % 2)).collect();
    let q = query(&pts.join(";"));
    let e = ExperimentConfig::parse(&q).unwrap().build().unwrap();
    // train=50 of 10 points: round(10·0.5) = 5 test points, 5 for training.
    assert_eq!((e.train.len(), e.test.len()), (5, 5));
    let e2 = ExperimentConfig::parse(&q.replace("train=50", "train=80"))
        .unwrap()
        .build()
        .unwrap();
    // train=80: round(10·0.2) = 2 test points.
    assert_eq!((e2.train.len(), e2.test.len()), (8, 2));
    // Another seed, another split of the same points.
    let e3 = ExperimentConfig::parse(&q.replace("seed=1", "seed=2"))
        .unwrap()
        .build()
        .unwrap();
    assert_ne!(e3.train.x.data, e.train.x.data);
    // 4 points with train=10: round(4·0.9) = 4 test points, none left to train on.
    let e = ExperimentConfig::parse(&query(FOUR).replace("train=50", "train=10"))
        .unwrap()
        .build()
        .unwrap_err();
    assert!(e.text.en.contains("“train”"), "{}", e.text.en);
}

#[test]
fn all_points_are_the_generated_set_in_order() {
    let c = ExperimentConfig::parse("dataset=xor4").unwrap();
    // The book's XOR truth table in the order `book::logic_gate` lists its rows:
    // (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0.
    assert_eq!(
        c.all_points().unwrap(),
        vec![(0.0, 0.0, 0), (0.0, 1.0, 1), (1.0, 0.0, 1), (1.0, 1.0, 0)]
    );
    let c = ExperimentConfig::parse("dataset=circle&loss=cross-entropy").unwrap();
    let p = c.all_points().unwrap();
    assert_eq!(p.len(), super::super::PLAYGROUND_POINTS);
    // The same points under tanh (±1 labels) and logistic (0/1 labels).
    assert_eq!(
        ExperimentConfig::parse("dataset=circle")
            .unwrap()
            .all_points()
            .unwrap(),
        p
    );
    assert_eq!(p, parse_points(&format_points(&p)).unwrap());
}

#[test]
fn a_tiny_custom_set_trains() {
    // Four tight clusters of 5 points around (±1, ±1), class 1 where x₁·x₂ > 0 (XOR). The
    // clusters are far apart compared to their spread (0.1), so a 2-4-1 tanh net separates
    // them exactly; seed 1 and these settings were checked to get there within 300 epochs
    // (cross-entropy, η 0.3, batch 4); any correct separation gives accuracy 1.0.
    let mut pts = Vec::new();
    for (cx, cy) in [(1.0, 1.0), (-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0)] {
        let class = usize::from(cx * cy > 0.0);
        for (dx, dy) in [(0.0, 0.0), (0.1, 0.0), (-0.1, 0.0), (0.0, 0.1), (0.0, -0.1)] {
            pts.push((cx + dx, cy + dy, class));
        }
    }
    let q = format!(
        "dataset=custom&layers=4&act=tanh&loss=cross-entropy&lr=0.3&batch=4&seed=1&epochs=300&points={}",
        format_points(&pts)
    );
    let mut e = ExperimentConfig::parse(&q).unwrap().build().unwrap();
    e.run().unwrap();
    assert_eq!(e.evaluate_train().accuracy, 1.0);
    assert_eq!(e.evaluate_test().accuracy, 1.0);
}

#[test]
fn csv_import_reads_labels_and_names_bad_lines() {
    let pts = points_from_csv("x1,x2,label\n0.5,1,1\n\n-2,2.71239,0\n1,1,1\n").unwrap();
    assert_eq!(pts, vec![(0.5, 1.0, 1), (-2.0, 2.712, 0), (1.0, 1.0, 1)]);
    // No header, −1/+1 labels, semicolons.
    let pts = points_from_csv("0;0;-1\n1;1;1\n").unwrap();
    assert_eq!(pts, vec![(0.0, 0.0, 0), (1.0, 1.0, 1)]);
    // Three classes.
    let pts = points_from_csv("0,0,0\n1,1,1\n2,2,2\n").unwrap();
    assert_eq!(classes_of(&pts), 3);
    // The bad row is on line 4 of the file (line 2 is blank, still counted).
    for (csv, line, what) in [
        ("x1,x2,label\n\n1,1,1\n2,2,5\n", "line 4", "“5”"),
        ("x1,x2,label\n1,1,-1\n2,2,0\n", "line 3", "“0”"),
        ("x1,x2,label\n1,1,1\n2,2,0.5\n", "line 3", "“0.5”"),
        ("x1,x2,label\n1,1,1\n2,abc,0\n", "line 3", "abc"),
        ("x1,x2,label\n1,1,1\n2,0\n", "line 3", "3 columns"),
        ("x1,x2,x3,label\n1,1,1,1\n", "line 1", "3 columns"),
        ("1,1,1\n2,1001,0\n", "line 2", "1001"),
    ] {
        let e = points_from_csv(csv).unwrap_err();
        assert!(
            e.text.en.contains(line) && e.text.en.contains(what),
            "{csv:?}: {}",
            e.text.en
        );
        let zh_line = format!("第 {} 行", &line[5..]);
        assert!(e.text.zh.contains(&zh_line), "{csv:?}: {}", e.text.zh);
    }
    // More than MAX_POINTS rows: the message names the line of point 2001 and the limit.
    let big: String = (0..=MAX_POINTS)
        .map(|i| format!("{},{},{}\n", i % 1000, i / 1000, i % 2))
        .collect();
    let e = points_from_csv(&big).unwrap_err();
    assert!(
        e.text.en.contains("line 2001") && e.text.en.contains("2000"),
        "{}",
        e.text.en
    );
    // Round trip through the CSV writer.
    let pts = parse_points(FOUR).unwrap();
    assert_eq!(points_from_csv(&points_to_csv(&pts)).unwrap(), pts);
}
