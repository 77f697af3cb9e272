use super::*;
use crate::lesson::trainer::query;
use crate::lesson::AnyWidget;
use crate::params::ParamKind;

const GOOD: &str = "x1,x2,label\n1,1,1\n-1,-1,1\n1,-1,0\n-1,1,0\n0.5,0.5,1\n-0.5,0.5,0\n";

fn trained() -> AnyWidget {
    AnyWidget::replay("trainer", &Params::default(), 2).unwrap()
}

#[test]
fn the_spec_offers_your_data_and_an_upload() {
    let spec = Playground::spec();
    let dataset = spec.params.iter().find(|p| p.key == "dataset").unwrap();
    let ParamKind::Choice { options } = &dataset.kind else {
        panic!("dataset is a choice")
    };
    let custom = options.iter().find(|(v, _)| v == "custom").unwrap();
    assert_eq!(
        (custom.1.en.as_str(), custom.1.zh.as_str()),
        ("your data", "你的数据")
    );
    let points = spec.params.iter().find(|p| p.key == "points").unwrap();
    assert_eq!(points.kind, ParamKind::Hidden);
    let note = Playground::upload().unwrap();
    assert!(note.en.contains("x1, x2, label") && note.zh.contains("x1、x2、标签"));
    // Other widgets take no files.
    let mut other = AnyWidget::new("xor-net", &Params::default()).unwrap();
    assert!(other.upload().is_none());
    assert!(other.import_csv(GOOD).is_err());
    assert!(other.add_point(0.0, 0.0, 1).is_err());
}

#[test]
fn a_good_csv_becomes_custom_points_and_restarts_training() {
    let mut w = trained();
    assert_eq!(w.steps(), 2);
    w.import_csv(GOOD).unwrap();
    assert_eq!(w.steps(), 0);
    assert!(w.table().rows.is_empty());
    let p = w.params();
    assert_eq!(p.raw("dataset"), Some("custom"));
    assert_eq!(
        p.raw("points"),
        Some("1,1,1;-1,-1,1;1,-1,0;-1,1,0;0.5,0.5,1;-0.5,0.5,0")
    );
    // The other settings stay.
    assert_eq!(p.raw("layers"), Some("4,2"));
    // The experiment query carries the points; the widget steps.
    assert!(query(&p).unwrap().contains("dataset=custom"));
    assert!(query(&p).unwrap().contains("&points=1,1,1;"));
    w.run(3).unwrap();
    assert_eq!(w.steps(), 3);
    // The URL state replays to the same table.
    let again = AnyWidget::replay("trainer", &w.params(), 3).unwrap();
    assert_eq!(again.table(), w.table());
    assert_eq!(again.export_csv(), w.export_csv());
    assert_eq!(
        w.export_csv().as_deref(),
        Some("x1,x2,label\n1,1,1\n-1,-1,1\n1,-1,0\n-1,1,0\n0.5,0.5,1\n-0.5,0.5,0\n")
    );
}

#[test]
fn a_bad_csv_names_the_line_and_changes_nothing() {
    let mut w = trained();
    let (params, table) = (w.params(), w.table());
    // Line 4 holds the label 7.
    let e = w
        .import_csv("x1,x2,label\n1,1,1\n2,2,0\n3,3,7\n")
        .unwrap_err();
    assert!(
        e.text.en.contains("line 4") && e.text.en.contains("“7”"),
        "{}",
        e.text.en
    );
    assert!(
        e.text.zh.contains("第 4 行") && e.text.zh.contains("“7”"),
        "{}",
        e.text.zh
    );
    // Too few points or one class only: the hint says what to do.
    let e = w.import_csv("1,1,1\n2,2,1\n3,3,1\n4,4,1\n").unwrap_err();
    assert!(
        e.text.en.contains("upload a CSV or click on the map"),
        "{}",
        e.text.en
    );
    assert_eq!((w.params(), w.table(), w.steps()), (params, table, 2));
}

#[test]
fn a_click_adds_a_point_to_the_current_data() {
    let mut w = trained();
    let AnyWidget::Trainer(t) = &w else { panic!() };
    let before = t.all_points();
    // The circle's 500 generated points (PLAYGROUND_POINTS).
    assert_eq!(before.len(), 500);
    w.add_point(0.1234, -2.5, 1).unwrap();
    assert_eq!(w.steps(), 0);
    let AnyWidget::Trainer(t) = &w else { panic!() };
    let after = t.all_points();
    assert_eq!(after.len(), 501);
    assert_eq!(after[..500], before[..]);
    // Rounded to 3 decimals.
    assert_eq!(after[500], (0.123, -2.5, 1));
    w.add_point(1.0, 1.0, 0).unwrap();
    let AnyWidget::Trainer(t) = &w else { panic!() };
    assert_eq!(t.all_points().len(), 502);
    // A class 2 point makes three classes.
    w.add_point(0.0, 0.0, 2).unwrap();
    let AnyWidget::Trainer(t) = &w else { panic!() };
    assert_eq!(t.classes(), 3);
    let params = w.params();
    assert!(w.add_point(f64::NAN, 0.0, 1).is_err());
    assert!(w.add_point(0.0, 0.0, 3).is_err());
    assert_eq!(w.params(), params);
}

#[test]
fn another_set_drops_the_points_and_custom_needs_points() {
    let mut w = trained();
    w.import_csv(GOOD).unwrap();
    w.set("dataset", "circle").unwrap();
    assert_eq!(w.params().raw("points"), None);
    let params = w.params();
    let e = w.set("dataset", "custom").unwrap_err();
    assert!(
        e.text.en.contains("upload a CSV or click on the map"),
        "{}",
        e.text.en
    );
    assert!(e.text.zh.contains("上传 CSV"), "{}", e.text.zh);
    assert_eq!(w.params(), params);
    // `points` without `dataset=custom` is ignored by the widget (the experiment query
    // then has no `points`).
    let mut p = Params::default();
    p.set("points", "1,1,1;2,2,0;3,3,1;4,4,0");
    let w = AnyWidget::new("trainer", &p).unwrap();
    assert_eq!(w.params().raw("points"), None);
}
