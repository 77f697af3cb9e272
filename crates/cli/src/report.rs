//! Prints a widget's state: an aligned text table for people, JSON for scripts.

use ninestep_core::{fmt_num, AnyWidget, Lang};
use serde_json::{json, Value};

/// The iteration table, readouts and status as aligned text.
pub fn text(w: &AnyWidget, lang: Lang) -> String {
    let t = w.table();
    let mut out = format!("{}\n", w.spec().title.get(lang));
    if !t.columns.is_empty() {
        // Named rows (one per optimizer, say) get their name as a first column.
        let named = !t.row_labels.is_empty();
        let mut head: Vec<String> = named.then(String::new).into_iter().collect();
        head.extend(t.columns.iter().map(|c| c.label.get(lang).to_string()));
        let mut cells: Vec<Vec<String>> = vec![head];
        for (i, row) in t.rows.iter().enumerate() {
            let mut line: Vec<String> = named
                .then(|| t.row_labels.get(i).map_or("", |l| l.get(lang)).to_string())
                .into_iter()
                .collect();
            line.extend(row.iter().zip(&t.columns).map(|(v, c)| {
                v.map_or(String::new(), |v| fmt_num(v, c.digits.unwrap_or(t.digits)))
            }));
            cells.push(line);
        }
        let widths: Vec<usize> = (0..cells[0].len())
            .map(|c| {
                cells
                    .iter()
                    .map(|r| r[c].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for (i, row) in cells.iter().enumerate() {
            let line: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:>w$}", w = *w))
                .collect();
            out.push_str(line.join("  ").trim_end());
            out.push('\n');
            if i == 0 {
                out.push_str(
                    &widths
                        .iter()
                        .map(|w| "-".repeat(*w))
                        .collect::<Vec<_>>()
                        .join("  "),
                );
                out.push('\n');
            }
        }
    }
    for r in w.readouts() {
        out.push_str(&format!(
            "{} = {}\n",
            r.label.get(lang),
            fmt_num(r.value, r.digits)
        ));
    }
    if let Some(s) = w.status() {
        out.push_str(s.get(lang));
        out.push('\n');
    }
    out
}

/// The same as JSON: full-precision numbers, both languages of every text.
pub fn json(w: &AnyWidget) -> Value {
    let t = w.table();
    let readouts: serde_json::Map<String, Value> = w
        .readouts()
        .into_iter()
        .map(|r| (r.key.to_string(), json!(r.value)))
        .collect();
    json!({
        "widget": w.name(),
        "params": w.params().0.into_iter().map(|(k, v)| (k, Value::String(v))).collect::<serde_json::Map<String, Value>>(),
        "steps": w.steps(),
        "columns": t.columns,
        "rows": t.rows,
        "row_labels": t.row_labels,
        "readouts": readouts,
        "status": w.status(),
    })
}
