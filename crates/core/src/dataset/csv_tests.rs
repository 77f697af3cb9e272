//! Tests of CSV reading: tolerated quirks, class mapping and line-numbered errors.

use super::csv::*;
use super::MAX_ROWS;
use crate::error::{Error, ErrorKind};

fn err(text: &str) -> Error {
    parse_csv(text, None).unwrap_err()
}

#[test]
fn reads_headers_blank_lines_crlf_and_quotes() {
    let d = parse_csv(
        "\u{feff}a,b,label\r\n\r\n1,2,0\r\n 3 , \"4\" ,1\r\n\n",
        None,
    )
    .unwrap();
    assert_eq!((d.n, d.features, d.outputs, d.classes), (2, 2, 1, 2));
    assert_eq!(
        (d.x.clone(), d.y.clone()),
        (vec![1.0, 2.0, 3.0, 4.0], vec![0.0, 1.0])
    );
    let d = parse_csv("1;2.5;300.25\n4;5;6\n", None).unwrap();
    assert_eq!((d.classes, d.y.clone()), (0, vec![300.25, 6.0]));
    let d = parse_csv("1\t2\t3\n", Some(false)).unwrap();
    assert_eq!(d.n, 1);
}

#[test]
fn classes_are_mapped_to_0_based_and_target_can_be_named() {
    let d = parse_csv("x,y,c\n0,0,1\n1,1,3\n2,2,2\n", None).unwrap();
    assert_eq!((d.classes, d.outputs, d.labels()), (3, 3, vec![0, 2, 1]));
    let d = parse_csv("0.1,-1\n0.2,1\n", None).unwrap();
    assert_eq!((d.classes, d.labels()), (2, vec![0, 1]));
    let opts = CsvOptions {
        target: Some("Price".into()),
        ..CsvOptions::default()
    };
    let d = parse_csv_with("price,area,dist\n300,60,10\n400,80,5\n", &opts).unwrap();
    assert_eq!(
        (d.x.clone(), d.y.clone(), d.classes),
        (vec![60.0, 10.0, 80.0, 5.0], vec![300.0, 400.0], 0)
    );
    let e = parse_csv_with("a,b\n1,2\n", &opts).unwrap_err();
    assert!(e.text.en.contains("“Price”") && e.text.zh.contains("a, b"));
    let forced = CsvOptions {
        task: Some(Task::Regression),
        ..CsvOptions::default()
    };
    assert_eq!(parse_csv_with("1,0\n2,1\n", &forced).unwrap().classes, 0);
}

#[test]
fn errors_name_the_line_in_both_languages() {
    let e = err("a,b,c\n1,2,3\n\n4,5,6\n\n\n7,abc,0\n");
    assert_eq!(e.kind, ErrorKind::BadData);
    assert_eq!(e.text.en, "line 7: “abc” is not a number.");
    assert_eq!(e.text.zh, "第 7 行：“abc”不是数字。");
    let e = err("1,2,3\n4,5\n");
    assert_eq!(
        (e.text.en.as_str(), e.text.zh.as_str()),
        (
            "line 2: expected 3 columns, found 2.",
            "第 2 行：应有 3 列，实际有 2 列。"
        )
    );
    assert!(err("1,2\n3,\n")
        .text
        .en
        .starts_with("line 2: column 2 is empty"));
    assert!(err("1,2\nnan,1\n")
        .text
        .en
        .contains("“nan” is not a number"));
    assert_eq!(err("").text.en, "The file is empty.");
    assert_eq!(err(" \r\n\n").text.zh, "文件是空的。");
    assert_eq!(
        err("a,b\n\n").text.en,
        "line 1: a header row, and no data rows after it."
    );
    assert!(err("1\n2\n").text.en.contains("at least two columns"));
    let e = parse_csv("x,y\n1,2\n", Some(false)).unwrap_err();
    assert!(e.text.en.starts_with("line 1:"));
    let big = "1,2\n".repeat(MAX_ROWS + 1);
    let e = err(&big);
    assert!(e.text.en.contains(&format!("line {}", MAX_ROWS + 1)) && e.text.zh.contains("100000"));
}

#[test]
fn to_csv_round_trips() {
    let d = crate::dataset::book::ch07(3);
    let back = parse_csv(&to_csv(&d), None).unwrap();
    assert_eq!((back.x, back.y, back.classes), (d.x, d.y, d.classes));
    let r = crate::dataset::book::ch04(3);
    let back = parse_csv(&to_csv(&r), None).unwrap();
    assert_eq!((back.x, back.y), (r.x, r.y));
}

#[test]
fn big_or_fractional_targets_are_regression_unless_forced() {
    assert_eq!(parse_csv("1,300\n2,400\n", None).unwrap().classes, 0);
    assert_eq!(parse_csv("1,0.5\n2,1\n", None).unwrap().classes, 0);
    let forced = CsvOptions {
        task: Some(Task::Classification),
        ..CsvOptions::default()
    };
    let d = parse_csv_with("1,300\n2,400\n3,300\n", &forced).unwrap();
    assert_eq!((d.classes, d.labels()), (2, vec![0, 1, 0]));
    let many: String = (0..150).map(|i| format!("{i},{i}\n")).collect();
    let e = parse_csv_with(&many, &forced).unwrap_err();
    assert!(e.text.en.contains("150 different values") && e.text.zh.contains("150"));
}
