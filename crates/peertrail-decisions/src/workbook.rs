//! The workbook reader of the round trip: the `Recommendations` sheet of
//! `peertrail.xlsx`, as a person edited it in a spreadsheet, into the same
//! [`TrackerRow`]s the CSV reader gives.
//!
//! The sheet is streamed cell by cell (calamine's cell reader), never
//! expanded to the rectangle its cells span, and every limit is checked
//! before the cells are kept: the archive's declared unpacked size (the
//! zip reader holds every part to its declared size), the sheet's rows and
//! its cells. A panic of the reader on a malformed file is caught and
//! reported like any other unreadable workbook.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{DataRef, ExcelDateTime, ExcelDateTimeType, Reader, Xlsx};
use chrono::NaiveDate;

use crate::import::DATE_COLUMNS;
use crate::rows::{check_size, unguard, Place, TrackerRow};
use crate::DecisionsError;

/// The sheet a tracker workbook is read from.
pub const SHEET: &str = "Recommendations";

/// The most a workbook's parts may unpack to, by their declared sizes.
const MAX_UNPACKED_BYTES: u64 = 128 * 1024 * 1024;

/// The most rows the sheet may have (a tracker holds one a recommendation).
const MAX_ROWS: u32 = 200_000;

/// The most filled cells the sheet may have.
const MAX_CELLS: usize = 5_000_000;

/// A cell's value before its column is known.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Number(f64),
    Day(NaiveDate),
}

fn unreadable(why: impl std::fmt::Display) -> DecisionsError {
    DecisionsError::TrackerFile(format!("not a readable Excel workbook (.xlsx): {why}"))
}

/// The rows of a tracker workbook's `Recommendations` sheet: row 1 is the
/// header, every later row with a filled cell is a row of the tracker,
/// with a cell (empty when blank) for every header column. Dates are read
/// from date cells, from numbers in a date column (Excel's serial days) or
/// from text; text cells lose the exporter's formula guard `'`.
pub fn rows_from_xlsx(bytes: &[u8]) -> Result<Vec<TrackerRow>, DecisionsError> {
    check_size(bytes)?;
    check_unpacked(bytes)?;
    let read = std::panic::catch_unwind(|| read_cells(bytes))
        .map_err(|_| unreadable("the reader failed on its contents"))?;
    let (cells, is_1904) = read?;
    Ok(rows(cells, is_1904))
}

/// Refuses an archive whose parts declare more than the budget.
fn check_unpacked(bytes: &[u8]) -> Result<(), DecisionsError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let size = zip.by_index_raw(i).map_err(unreadable)?.size();
        total = total.saturating_add(size);
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(DecisionsError::TrackerFile(format!(
            "the workbook unpacks to more than {} MiB; a tracker is far smaller",
            MAX_UNPACKED_BYTES / 1024 / 1024
        )));
    }
    Ok(())
}

type Cells = BTreeMap<u32, BTreeMap<u32, Value>>;

/// Every filled cell of the sheet by row and column (0-based), and
/// whether the workbook counts days from 1904.
fn read_cells(bytes: &[u8]) -> Result<(Cells, bool), DecisionsError> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let is_1904 = wb.has_1904_epoch();
    let names = wb.sheet_names();
    let Some(name) = names
        .iter()
        .find(|n| n.as_str() == SHEET)
        .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(SHEET)))
    else {
        return Err(DecisionsError::TrackerFile(format!(
            "no sheet named {SHEET} (the workbook has {}); import the workbook `peertrail export --format xlsx` wrote",
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        )));
    };
    let too_many = || {
        DecisionsError::TrackerFile(format!(
            "sheet {SHEET} has more than {MAX_ROWS} rows or {MAX_CELLS} filled cells; a tracker is far smaller"
        ))
    };
    let mut reader = wb
        .worksheet_cells_reader(name)
        .map_err(|e| DecisionsError::TrackerFile(format!("sheet {SHEET} cannot be read: {e}")))?;
    if reader.dimensions().end.0 > MAX_ROWS {
        return Err(too_many());
    }
    let mut cells = Cells::new();
    let mut count = 0usize;
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| DecisionsError::TrackerFile(format!("sheet {SHEET} cannot be read: {e}")))?
    {
        let (row, col) = cell.get_position();
        if row > MAX_ROWS {
            return Err(too_many());
        }
        let Some(value) = value(cell.get_value()) else {
            continue;
        };
        count += 1;
        if count > MAX_CELLS {
            return Err(too_many());
        }
        cells.entry(row).or_default().insert(col, value);
    }
    Ok((cells, is_1904))
}

/// A cell as kept; `None` for a blank one.
fn value(cell: &DataRef<'_>) -> Option<Value> {
    let v = match cell {
        DataRef::Empty => return None,
        DataRef::String(s) => Value::Text(unguard(s)),
        DataRef::SharedString(s) => Value::Text(unguard(s)),
        DataRef::Int(i) => Value::Number(*i as f64),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::Bool(b) => Value::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
        DataRef::DateTime(d) if d.is_datetime() => {
            day(d).map_or_else(|| Value::Number(d.as_f64()), Value::Day)
        }
        DataRef::DateTime(d) => Value::Number(d.as_f64()),
        // ISO text of a date cell (`t="d"`): the day is before the `T`.
        DataRef::DateTimeIso(s) => Value::Text(s.split('T').next().unwrap_or(s).to_string()),
        DataRef::DurationIso(s) => Value::Text(s.clone()),
        DataRef::Error(e) => Value::Text(e.to_string()),
    };
    match &v {
        Value::Text(t) if t.trim().is_empty() => None,
        _ => Some(v),
    }
}

/// The day of a date cell (its time of day dropped).
fn day(d: &ExcelDateTime) -> Option<NaiveDate> {
    let (y, m, dd, ..) = d.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(dd))
}

/// A number in a date column: Excel's serial day, where it is one.
fn serial_day(n: f64, is_1904: bool) -> Option<NaiveDate> {
    // Excel's dates run from serial 1 (1900-01-01) to 2958465 (9999-12-31).
    (n.is_finite() && (1.0..2_958_466.0).contains(&n))
        .then(|| day(&ExcelDateTime::new(n, ExcelDateTimeType::DateTime, is_1904)))
        .flatten()
}

fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn text(value: Value, date_column: bool, is_1904: bool) -> String {
    match value {
        Value::Text(t) => t,
        Value::Day(d) => d.to_string(),
        Value::Number(n) if date_column => {
            serial_day(n, is_1904).map_or_else(|| number(n), |d| d.to_string())
        }
        Value::Number(n) => number(n),
    }
}

fn rows(mut cells: Cells, is_1904: bool) -> Vec<TrackerRow> {
    let header: BTreeMap<u32, String> = cells
        .remove(&0)
        .unwrap_or_default()
        .into_iter()
        .map(|(col, v)| (col, text(v, false, is_1904).trim().to_string()))
        .collect();
    cells
        .into_iter()
        .map(|(row, mut values)| {
            let cells = header
                .iter()
                .map(|(col, name)| {
                    let date_column = DATE_COLUMNS.contains(&name.as_str());
                    let cell = values
                        .remove(col)
                        .map(|v| text(v, date_column, is_1904))
                        .unwrap_or_default();
                    (name.clone(), cell)
                })
                .collect();
            TrackerRow {
                place: Place::Row {
                    sheet: SHEET,
                    row: u64::from(row) + 1,
                },
                cells,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_days_are_excel_days() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(serial_day(45413.0, false), d(2024, 5, 1));
        assert_eq!(serial_day(45413.75, false), d(2024, 5, 1));
        assert_eq!(serial_day(43951.0, true), d(2024, 5, 1));
        assert_eq!(serial_day(0.5, false), None);
        assert_eq!(serial_day(-3.0, false), None);
        assert_eq!(serial_day(f64::NAN, false), None);
        assert_eq!(serial_day(1e12, false), None);
    }

    #[test]
    fn numbers_read_as_people_wrote_them() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(text(Value::Number(45413.0), true, false), "2024-05-01");
        assert_eq!(text(Value::Number(45413.0), false, false), "45413");
        assert_eq!(text(Value::Number(-1.0), true, false), "-1");
    }

    #[test]
    fn not_a_workbook_is_a_clear_error() {
        for bytes in [&b""[..], b"id,update_status\n", b"PK\x03\x04truncated"] {
            let e = rows_from_xlsx(bytes).unwrap_err().to_string();
            assert!(
                e.starts_with("not a readable Excel workbook (.xlsx)"),
                "{e}"
            );
        }
    }
}
