//! Tables built column by column from the records a widget keeps (one row per record):
//! each column is written next to the function that reads its cell, so a table is one
//! list of "header, value" pairs instead of a column list and a row list kept in step.
//! Re-exported from [`crate::widget`].

use super::{Column, Table};

/// A table under construction: its records and the cells read from them so far (see
/// [`Table::of_records`]). Turn it into the [`Table`] with `.into()`.
#[derive(Clone, Debug)]
pub struct RecordTable<R> {
    records: Vec<R>,
    table: Table,
}

impl Table {
    /// Starts a table with one row per item of `records`, printed with `digits` decimals;
    /// each [`RecordTable::column`] then adds a column and reads its cell from every record.
    pub fn of_records<R>(digits: usize, records: impl IntoIterator<Item = R>) -> RecordTable<R> {
        let records: Vec<R> = records.into_iter().collect();
        let rows = records.iter().map(|_| Vec::new());
        RecordTable {
            table: Table::of(Vec::new(), digits, rows),
            records,
        }
    }
}

impl<R> RecordTable<R> {
    /// Adds `column`, whose cell in each row is `value` of that row's record.
    pub fn column(self, column: Column, value: impl Fn(&R) -> f64) -> RecordTable<R> {
        self.maybe(column, |r| Some(value(r)))
    }

    /// Adds `column`, whose cell in each row is `cell` of that row's record (`None`: empty).
    pub fn maybe(mut self, column: Column, cell: impl Fn(&R) -> Option<f64>) -> RecordTable<R> {
        self.table.columns.push(column);
        for (row, record) in self.table.rows.iter_mut().zip(&self.records) {
            row.push(cell(record));
        }
        self
    }
}

impl<R> From<RecordTable<R>> for Table {
    fn from(t: RecordTable<R>) -> Table {
        t.table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_column_reads_its_cell_from_every_record() {
        let records = [(1, 0.5), (2, 0.25)];
        let t: Table = Table::of_records(3, &records)
            .column(Column::epoch(), |r| r.0 as f64)
            .maybe(Column::loss(), |r| (r.0 > 1).then_some(r.1))
            .into();
        let keys: Vec<_> = t.columns.iter().map(|c| c.key).collect();
        assert_eq!((keys, t.digits), (vec!["epoch", "loss"], 3));
        assert_eq!(
            t.rows,
            vec![vec![Some(1.0), None], vec![Some(2.0), Some(0.25)]]
        );
        assert!(t.row_labels.is_empty());
    }
}
