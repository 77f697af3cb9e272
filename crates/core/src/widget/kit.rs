//! The small helpers the lessons share when they write a widget: how a run ends, the
//! standard table columns, cells and read-outs, and the lesson tests' scaffolding (refused
//! settings, the URL round trip, stepping regardless of the outcome).
//! Re-exported from [`crate::widget`].

use super::*;

/// Ends a run: keeps `why` in the widget's `done` slot (so later steps and `status()`
/// repeat it) and returns it as [`Outcome::Done`].
pub fn finish(done: &mut Option<Text>, why: Text) -> Result<Outcome> {
    *done = Some(why.clone());
    Ok(Outcome::Done(why))
}

/// Ends a run that blew up: keeps `why` in the `done` slot and returns it as a
/// [`crate::error::ErrorKind::Diverged`] error (the widget keeps its last finite state).
pub fn diverged(done: &mut Option<Text>, why: Text) -> Result<Outcome> {
    *done = Some(why.clone());
    Err(crate::error::Error {
        kind: crate::error::ErrorKind::Diverged,
        text: why,
    })
}

// ---- Shared helpers of the lessons of steps 1–4 (lesson/step1 … step4) ----

impl Readout {
    /// A readout whose label is the same in both languages (a symbol such as `x` or `W1`).
    pub fn symbol(key: &'static str, label: &str, value: f64, digits: usize) -> Readout {
        Readout::new(key, Text::same(label), value, digits)
    }
}

impl Column {
    /// The loss column of a lesson that names its loss J (`loss`, headed "loss J").
    pub fn loss_j() -> Column {
        Column::text("loss", "loss J", "损失 J")
    }
}

impl Table {
    /// Whether every cell is filled with a finite number.
    pub fn all_finite(&self) -> bool {
        self.rows
            .iter()
            .flatten()
            .all(|v| v.is_some_and(f64::is_finite))
    }

    /// Whether every filled cell is a finite number (empty cells allowed).
    pub fn filled_finite(&self) -> bool {
        self.rows.iter().flatten().flatten().all(|v| v.is_finite())
    }
}

/// The table cells of a group of values that a row may lack (the backward pass of the
/// last row): all filled, or all empty for `None`.
pub fn cells<const N: usize>(values: Option<[f64; N]>) -> [Option<f64>; N] {
    values.map_or([None; N], |v| v.map(Some))
}

// ---- End of the helpers of steps 1–4 ----

// ---- Shared helpers of the lessons of steps 5–9 (lesson/step5 … step9, lesson/*.rs) ----

impl Column {
    /// The same column printed with `digits` decimals (see [`Column::digits`]).
    pub fn with_digits(self, digits: usize) -> Column {
        Column {
            digits: Some(digits),
            ..self
        }
    }
}

impl Table {
    /// A table with `columns` and one named row per `(label, row)` item of `rows` (see
    /// [`Table::row_labels`]).
    pub fn labelled(
        columns: Vec<Column>,
        digits: usize,
        rows: impl IntoIterator<Item = (Text, Vec<Option<f64>>)>,
    ) -> Table {
        let (row_labels, rows) = rows.into_iter().unzip();
        Table {
            rows,
            row_labels,
            ..Table::new(columns, digits)
        }
    }
}

impl Readout {
    /// The test-set accuracy readout (`test_accuracy`), like [`Column::test_accuracy`].
    pub fn test_accuracy(value: f64, digits: usize) -> Readout {
        Readout::of(
            "test_accuracy",
            ("test accuracy", "测试准确率"),
            value,
            digits,
        )
    }

    /// The value of the readout `key` among `readouts`, if there is one.
    pub fn value_of(readouts: &[Readout], key: &str) -> Option<f64> {
        readouts.iter().find(|r| r.key == key).map(|r| r.value)
    }
}

/// Passes `result` on; an error (a divergence) is first kept in the widget's `done` slot,
/// so later Steps and `status()` repeat it.
pub fn keep_error<T>(done: &mut Option<Text>, result: Result<T>) -> Result<T> {
    result.inspect_err(|e| *done = Some(e.text.clone()))
}

/// One Step of a widget that shows `total` things one at a time (a convolution's windows,
/// a net's time steps): `shown` moves on by one, and once all are shown the Step is
/// [`Outcome::Done`] with the note `all_shown` makes.
pub fn show_next(shown: &mut usize, total: usize, all_shown: impl FnOnce() -> Text) -> Outcome {
    *shown = (*shown + 1).min(total);
    if *shown == total {
        Outcome::Done(all_shown())
    } else {
        Outcome::Stepped
    }
}

/// `v` as a table cell: empty (`None`) when it is NaN or infinite.
pub fn finite(v: f64) -> Option<f64> {
    Some(v).filter(|v| v.is_finite())
}

/// Test scaffolding: `W` built from its defaults with `settings` must be refused, with a
/// message in both languages (Chinese characters in the Chinese one); the error.
#[cfg(test)]
pub(crate) fn refusal<W: Widget>(settings: &[(&str, &str)]) -> crate::error::Error {
    let Err(e) = W::from_params(&Params::of(settings)) else {
        panic!("{settings:?} was accepted");
    };
    let zh_ok = e.text.zh.chars().any(|c| c > '\u{2e80}');
    assert!(!e.text.en.is_empty() && zh_ok, "{settings:?}: {:?}", e.text);
    assert_ne!(e.text.en, e.text.zh, "{settings:?}");
    e
}

/// Test scaffolding: the kind of the [`refusal`] of `key=value` alone.
#[cfg(test)]
pub(crate) fn refused<W: Widget>(key: &str, value: &str) -> crate::error::ErrorKind {
    refusal::<W>(&[(key, value)]).kind
}

/// Test scaffolding: each `key=value` of `settings`, set alone on `W`'s defaults, is
/// refused in both languages (see [`refusal`]); their kinds.
#[cfg(test)]
pub(crate) fn refuses<W: Widget>(settings: &[&str]) -> Vec<crate::error::ErrorKind> {
    let pairs = settings
        .iter()
        .map(|s| s.split_once('=').expect("key=value"));
    pairs.map(|(key, value)| refused::<W>(key, value)).collect()
}

/// Test scaffolding: each `key=value` of `settings` is refused (see [`refuses`]) as `kind`.
#[cfg(test)]
pub(crate) fn all_refused<W: Widget>(kind: crate::error::ErrorKind, settings: &[&str]) {
    for (setting, k) in settings.iter().zip(refuses::<W>(settings)) {
        assert_eq!(k, kind, "{setting}");
    }
}

/// Test scaffolding: `W` built with `settings`, each of which its `params()` gives back
/// unchanged (the URL round trip).
#[cfg(test)]
pub(crate) fn round_trip<W: Widget>(settings: &[(&str, &str)]) -> W {
    let w = W::from_params(&Params::of(settings)).unwrap();
    let back = w.params();
    for &(key, value) in settings {
        assert_eq!(back.raw(key), Some(value), "{key}");
    }
    w
}

/// Test scaffolding: `steps` Steps of `w`, whatever each one returns (a run pushed past
/// its stop rule or into a divergence must keep a finite state).
#[cfg(test)]
pub(crate) fn step_times<W: Widget>(w: &mut W, steps: usize) {
    for _ in 0..steps {
        let _ = w.step();
    }
}

#[cfg(test)]
mod lesson_helper_tests {
    use super::*;

    #[test]
    fn labelled_tables_keep_each_label_with_its_row() {
        let rows = [("a", 1.0), ("b", 2.0)].map(|(l, v)| (Text::same(l), vec![Some(v)]));
        let t = Table::labelled(vec![Column::symbol("v", "v")], 2, rows);
        assert_eq!(t.row_labels, vec![Text::same("a"), Text::same("b")]);
        assert_eq!((t.get(0, "v"), t.get(1, "v")), (Some(1.0), Some(2.0)));
    }

    #[test]
    fn a_kept_error_is_the_stop_note() {
        let mut done = None;
        assert_eq!(keep_error(&mut done, Ok(1)).ok(), Some(1));
        assert_eq!(done, None);
        let e = crate::error::Error::new(crate::error::ErrorKind::Diverged, "off", "发散");
        assert!(keep_error::<()>(&mut done, Err(e)).is_err());
        assert_eq!(done, Some(Text::new("off", "发散")));
    }

    #[test]
    fn show_next_stops_at_the_last_one() {
        let mut shown = 0;
        let note = || Text::same("all");
        assert_eq!(show_next(&mut shown, 2, note), Outcome::Stepped);
        assert_eq!(show_next(&mut shown, 2, note), Outcome::Done(note()));
        assert_eq!(show_next(&mut shown, 2, note), Outcome::Done(note()));
        assert_eq!(shown, 2);
    }

    #[test]
    fn readouts_are_found_by_key() {
        let r = [
            Readout::test_accuracy(0.9, 3),
            Readout::symbol("x", "x", 2.0, 1),
        ];
        assert_eq!(r[0].label, Column::test_accuracy().label);
        assert_eq!(Readout::value_of(&r, "x"), Some(2.0));
        assert_eq!(Readout::value_of(&r, "y"), None);
    }

    #[test]
    fn only_finite_numbers_are_cells() {
        assert_eq!(finite(0.5), Some(0.5));
        assert_eq!([f64::NAN, f64::INFINITY].map(finite), [None, None]);
    }
}

// The tests of the helpers of steps 1–4 (above, before `MAX_STEPS`).
#[cfg(test)]
mod steps_1_to_4_helper_tests {
    use super::*;

    #[test]
    fn missing_groups_are_empty_cells() {
        assert_eq!(cells(Some([1.0, 2.0])), [Some(1.0), Some(2.0)]);
        assert_eq!(cells::<3>(None), [None; 3]);
        assert_eq!(Readout::symbol("x", "x", 0.5, 2).label, Text::same("x"));
    }

    #[test]
    fn finite_tables_with_and_without_empty_cells() {
        let mut t = Table::of(
            vec![Column::symbol("v", "v")],
            2,
            [vec![Some(1.0)], vec![None]],
        );
        assert!(t.filled_finite() && !t.all_finite());
        t.rows[1][0] = Some(2.0);
        assert!(t.filled_finite() && t.all_finite());
        t.rows[0][0] = Some(f64::NAN);
        assert!(!t.filled_finite() && !t.all_finite());
    }
}
