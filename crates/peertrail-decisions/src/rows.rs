//! Rows of an edited tracker, whatever file they came from: one reader per
//! format turns its file into [`TrackerRow`]s (the CSV reader is here, the
//! workbook reader in `workbook`), and `import` never sees the format.

use std::collections::BTreeMap;
use std::fmt;

use crate::DecisionsError;

/// The largest tracker file read (a workbook is refused before it is
/// opened, a CSV before it is parsed).
pub const MAX_TRACKER_BYTES: u64 = 64 * 1024 * 1024;

/// Where a row of a tracker is, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Place {
    /// A CSV file's 1-based line (where the record starts).
    Line(u64),
    /// A workbook sheet's row, numbered as the spreadsheet shows it.
    Row {
        /// The sheet's name.
        sheet: &'static str,
        /// 1-based row.
        row: u64,
    },
}

impl Place {
    /// The header's place in the same file: line 1, or row 1 of the sheet.
    pub fn header(self) -> Place {
        match self {
            Place::Line(_) => Place::Line(1),
            Place::Row { sheet, .. } => Place::Row { sheet, row: 1 },
        }
    }

    /// The place after the file's name, as messages give it:
    /// `FILE:7` for a line, `FILE: sheet Recommendations, row 7` for a row.
    pub fn in_file(self, file: &str) -> String {
        match self {
            Place::Line(n) => format!("{file}:{n}"),
            row @ Place::Row { .. } => format!("{file}: {row}"),
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::Row { sheet, row } => write!(f, "sheet {sheet}, row {row}"),
        }
    }
}

/// One row of a tracker: its cells by column name, and where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackerRow {
    /// The line (CSV) or sheet row (workbook) it starts on, for messages.
    pub place: Place,
    /// Cell values by column name, as the person left them (the formula
    /// guard `'` the exporters put before a text cell already removed).
    pub cells: BTreeMap<String, String>,
}

/// The file formats a tracker is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TrackerFormat {
    /// `recommendations.csv`, as exported and saved again.
    Csv,
    /// `peertrail.xlsx`, its `Recommendations` sheet.
    Xlsx,
}

impl TrackerFormat {
    /// The format of a tracker file: a zip archive (`PK\x03\x04`) or a
    /// `.xlsx`/`.xlsm` name is a workbook, anything else is read as CSV.
    /// Older spreadsheet files (`.xls`, `.ods`, or an OLE2 file by its
    /// first bytes) are refused with what to save instead.
    pub fn of(extension: Option<&str>, bytes: &[u8]) -> Result<Self, DecisionsError> {
        let ext = extension.map(str::to_ascii_lowercase);
        let ole2 = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        if ole2 || matches!(ext.as_deref(), Some("xls" | "ods")) {
            return Err(DecisionsError::TrackerFile(
                "only Excel workbooks (.xlsx) and CSV files are read; save the sheet as \
                 \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\" and import that"
                    .into(),
            ));
        }
        if bytes.starts_with(b"PK\x03\x04") || matches!(ext.as_deref(), Some("xlsx" | "xlsm")) {
            Ok(TrackerFormat::Xlsx)
        } else {
            Ok(TrackerFormat::Csv)
        }
    }

    /// The rows of a tracker file in this format.
    pub fn rows(self, bytes: &[u8]) -> Result<Vec<TrackerRow>, DecisionsError> {
        match self {
            TrackerFormat::Csv => rows_from_csv(bytes),
            TrackerFormat::Xlsx => crate::workbook::rows_from_xlsx(bytes),
        }
    }
}

/// Removes the `'` the exporters put before a text cell a spreadsheet
/// would evaluate (`'=…`, `'+…`, `'-…`, `'@…`).
pub(crate) fn unguard(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if peertrail_core::spreadsheet_would_evaluate(rest) => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// Refuses a file over [`MAX_TRACKER_BYTES`].
pub(crate) fn check_size(bytes: &[u8]) -> Result<(), DecisionsError> {
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_TRACKER_BYTES {
        return Err(DecisionsError::TrackerFile(format!(
            "the file is larger than {} MiB; a tracker is far smaller",
            MAX_TRACKER_BYTES / 1024 / 1024
        )));
    }
    Ok(())
}

/// Reads the rows of a CSV tracker (`recommendations.csv` as exported,
/// then edited): a header row, then one row per recommendation. A UTF-8
/// byte-order mark (spreadsheets add one) is skipped; rows may be shorter
/// than the header (missing cells are empty).
pub fn rows_from_csv(bytes: &[u8]) -> Result<Vec<TrackerRow>, DecisionsError> {
    check_size(bytes)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| DecisionsError::Tracker {
        place: Place::Line(
            1 + bytes
                .get(..e.valid_up_to())
                .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count() as u64),
        ),
        message: "not UTF-8 text (save the spreadsheet as \"CSV UTF-8\")".to_string(),
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| DecisionsError::Tracker {
            place: Place::Line(1),
            message: e.to_string(),
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| DecisionsError::Tracker {
            place: Place::Line(e.position().map_or(0, csv::Position::line)),
            message: e.to_string(),
        })?;
        let line = record.position().map_or(0, csv::Position::line);
        let cells = header
            .iter()
            .zip(record.iter())
            .map(|(h, c)| (h.clone(), unguard(c)))
            .collect();
        rows.push(TrackerRow {
            place: Place::Line(line),
            cells,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_lines_and_lose_the_guard() {
        let csv = "\u{feff}id,update_note\na#r1,'=SUM(1)\n\"a#r2\",\"two\nlines\"\na#r3\n";
        let rows = rows_from_csv(csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].cells["update_note"], "=SUM(1)");
        assert_eq!(rows[1].place, Place::Line(3));
        assert_eq!(rows[2].place, Place::Line(5));
        assert!(!rows[2].cells.contains_key("update_note"));
    }

    #[test]
    fn places_name_the_line_or_the_sheet_and_row() {
        assert_eq!(Place::Line(7).in_file("t.csv"), "t.csv:7");
        let row = Place::Row {
            sheet: "Recommendations",
            row: 7,
        };
        assert_eq!(
            row.in_file("t.xlsx"),
            "t.xlsx: sheet Recommendations, row 7"
        );
        assert_eq!(row.header().to_string(), "sheet Recommendations, row 1");
    }

    #[test]
    fn the_format_comes_from_the_first_bytes_or_the_name() {
        let f = |ext, bytes: &[u8]| TrackerFormat::of(ext, bytes);
        assert_eq!(f(Some("csv"), b"PK\x03\x04rest"), Ok(TrackerFormat::Xlsx));
        assert_eq!(f(Some("XLSX"), b"id,x\n"), Ok(TrackerFormat::Xlsx));
        assert_eq!(f(None, b"id,x\n"), Ok(TrackerFormat::Csv));
        assert!(f(Some("ods"), b"PK\x03\x04").is_err());
        assert!(f(None, &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).is_err());
    }
}
