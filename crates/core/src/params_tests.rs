use super::*;

fn spec() -> ParamSpec {
    ParamSpec::number("x", Text::new("start x", "初始 x"), 1.0, 10.0, 0.1, 2.0)
}

#[test]
fn missing_key_gives_default() {
    assert_eq!(Params::default().number(&spec()).ok(), Some(2.0));
}

#[test]
fn out_of_range_and_garbage_are_errors_with_both_messages() {
    let mut p = Params::default();
    p.set("x", "11");
    let e = p.number(&spec()).err().map(|e| (e.kind, e.text));
    let (kind, text) = e.unwrap_or((ErrorKind::Unknown, Text::same("")));
    assert_eq!(kind, ErrorKind::OutOfRange);
    assert!(text.en.contains("[1, 10]"), "{}", text.en);
    assert!(text.zh.contains("超出"), "{}", text.zh);
    p.set("x", "abc");
    assert_eq!(
        p.number(&spec()).err().map(|e| e.kind),
        Some(ErrorKind::BadValue)
    );
    p.set("x", "NaN");
    assert_eq!(
        p.number(&spec()).err().map(|e| e.kind),
        Some(ErrorKind::BadValue)
    );
}

#[test]
fn values_round_trip_through_text() {
    assert_eq!(format_value(2.13), "2.13");
    assert_eq!(format_value(-0.0), "0");
    assert_eq!(format_value(0.1 + 0.2).parse::<f64>().ok(), Some(0.1 + 0.2));
}

#[test]
fn layer_lists_are_checked_against_the_editor_limits() {
    let spec = ParamSpec::layers("layers", Text::new("network", "网络"), 6, 8, "4,2");
    let read = |v: &str| {
        let mut p = Params::default();
        p.set("layers", v);
        p.layers(&spec)
    };
    assert_eq!(Params::default().layers(&spec).ok(), Some(vec![4, 2]));
    assert_eq!(read("8, 8,1").ok(), Some(vec![8, 8, 1]));
    assert_eq!(read("none").ok(), Some(vec![]));
    assert_eq!(read("").ok(), Some(vec![]));
    assert_eq!(read("9").err().map(|e| e.kind), Some(ErrorKind::OutOfRange));
    assert_eq!(read("0").err().map(|e| e.kind), Some(ErrorKind::OutOfRange));
    assert_eq!(
        read("1,1,1,1,1,1,1").err().map(|e| e.kind),
        Some(ErrorKind::OutOfRange)
    );
    for bad in ["4,,2", "-4", "4.5", "a", "+3"] {
        let e = read(bad).err();
        assert_eq!(
            e.as_ref().map(|e| e.kind),
            Some(ErrorKind::BadValue),
            "{bad}"
        );
        assert!(e.is_some_and(|e| e.text.zh.contains("神经元")));
    }
    assert_eq!(format_layers(&[]), NO_LAYERS);
    assert_eq!(format_layers(&[8, 2]), "8,2");
}
