//! Rows of an edited tracker, whatever file they came from: one reader per
//! format turns its file into [`TrackerRow`]s (the CSV reader is here; an
//! Excel workbook reader produces the same rows), and `import` never sees
//! the format.

use std::collections::BTreeMap;

use crate::DecisionsError;

/// One row of a tracker: its cells by column name, and where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackerRow {
    /// 1-based line (or spreadsheet row) it starts on, for messages.
    pub line: u64,
    /// Cell values by column name, as the person left them (a CSV cell's
    /// formula guard `'` already removed).
    pub cells: BTreeMap<String, String>,
}

/// Removes the `'` the CSV exporter puts before a cell a spreadsheet
/// would evaluate (`'=…`, `'+…`, `'-…`, `'@…`).
fn unguard(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// Reads the rows of a CSV tracker (`recommendations.csv` as exported,
/// then edited): a header row, then one row per recommendation. A UTF-8
/// byte-order mark (spreadsheets add one) is skipped; rows may be shorter
/// than the header (missing cells are empty).
pub fn rows_from_csv(bytes: &[u8]) -> Result<Vec<TrackerRow>, DecisionsError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| DecisionsError::Tracker {
        line: 1 + bytes
            .get(..e.valid_up_to())
            .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count() as u64),
        message: "not UTF-8 text (save the spreadsheet as \"CSV UTF-8\")".to_string(),
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| DecisionsError::Tracker {
            line: 1,
            message: e.to_string(),
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| DecisionsError::Tracker {
            line: e.position().map_or(0, csv::Position::line),
            message: e.to_string(),
        })?;
        let line = record.position().map_or(0, csv::Position::line);
        let cells = header
            .iter()
            .zip(record.iter())
            .map(|(h, c)| (h.clone(), unguard(c)))
            .collect();
        rows.push(TrackerRow { line, cells });
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
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[2].line, 5);
        assert!(!rows[2].cells.contains_key("update_note"));
    }
}
