//! Reading the CSV table into [`Authority`] rows, by hand: the file is under
//! this project's control, quoted fields never contain a double quote, and
//! every field is kept as a borrowed slice of the embedded text.

use std::fmt;

use chrono::NaiveDate;

use crate::authority::{Authority, AuthorityType};

/// The header row, exactly as the CSV must start.
pub const HEADER: &str = "code,name,short,type,aliases,domains,predecessors,successor,valid_from,valid_to,sources,short_is_common_word";

const COLUMNS: usize = 12;

/// Why the table could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The 1-based line number in the CSV.
    pub line: usize,
    /// What was wrong with it.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "councils.csv line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Parses the whole table; rows come back in file order.
pub(crate) fn parse_table(csv: &'static str) -> Result<Vec<Authority>, ParseError> {
    let mut lines = csv.lines().enumerate();
    match lines.next() {
        Some((_, header)) if header.trim_end_matches('\r') == HEADER => {}
        _ => {
            return Err(ParseError {
                line: 1,
                message: format!("the header must be exactly {HEADER:?}"),
            })
        }
    }
    let mut rows = Vec::new();
    for (index, raw) in lines {
        let line = raw.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let at = |message: String| ParseError {
            line: index + 1,
            message,
        };
        let fields = split_fields(line).map_err(at)?;
        rows.push(row(&fields).map_err(at)?);
    }
    Ok(rows)
}

/// Splits one line into exactly [`COLUMNS`] fields.
fn split_fields(line: &'static str) -> Result<Vec<&'static str>, String> {
    let mut fields = Vec::with_capacity(COLUMNS);
    let mut rest = line;
    loop {
        let (field, after) = if let Some(quoted) = rest.strip_prefix('"') {
            let close = quoted
                .find('"')
                .ok_or_else(|| "unterminated quoted field".to_owned())?;
            let after = &quoted[close + 1..];
            if !(after.is_empty() || after.starts_with(',')) {
                return Err("a quoted field must end at a comma".to_owned());
            }
            (&quoted[..close], after)
        } else {
            match rest.find(',') {
                Some(comma) => (&rest[..comma], &rest[comma..]),
                None => (rest, ""),
            }
        };
        if field.contains('"') {
            return Err("stray double quote".to_owned());
        }
        fields.push(field);
        match after.strip_prefix(',') {
            Some(next) => rest = next,
            None => break,
        }
    }
    if fields.len() != COLUMNS {
        return Err(format!("expected {COLUMNS} fields, found {}", fields.len()));
    }
    Ok(fields)
}

fn row(fields: &[&'static str]) -> Result<Authority, String> {
    let code = fields[0];
    if code.is_empty() || code.trim() != code {
        return Err(format!("bad code {code:?}"));
    }
    let nonempty = |value: &'static str, what: &str| {
        if value.trim().is_empty() || value.trim() != value {
            Err(format!("{code}: {what} must be non-empty and trimmed"))
        } else {
            Ok(value)
        }
    };
    let kind = fields[3]
        .parse::<AuthorityType>()
        .map_err(|e| format!("{code}: {e}"))?;
    let short_is_common_word = match fields[11] {
        "true" => true,
        "false" => false,
        other => return Err(format!("{code}: short_is_common_word is {other:?}")),
    };
    Ok(Authority {
        code,
        name: nonempty(fields[1], "name")?,
        short: nonempty(fields[2], "short")?,
        kind,
        aliases: list(fields[4]),
        domains: list(fields[5]),
        predecessors: list(fields[6]),
        successors: list(fields[7]),
        valid_from: date(fields[8]).map_err(|e| format!("{code}: valid_from {e}"))?,
        valid_to: date(fields[9]).map_err(|e| format!("{code}: valid_to {e}"))?,
        sources: list(fields[10]),
        short_is_common_word,
    })
}

/// A `;`-separated list; empty items are dropped.
fn list(field: &'static str) -> Vec<&'static str> {
    field
        .split(';')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect()
}

/// An ISO date (`2019-04-01`) or nothing.
pub(crate) fn date(field: &str) -> Result<Option<NaiveDate>, String> {
    if field.is_empty() {
        return Ok(None);
    }
    let bad = || format!("{field:?} is not an ISO date (YYYY-MM-DD)");
    let bytes = field.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err(bad());
    }
    let number = |range: std::ops::Range<usize>| {
        field
            .get(range)
            .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<u32>().ok())
            .ok_or_else(bad)
    };
    let year = i32::try_from(number(0..4)?).map_err(|_| bad())?;
    let month = number(5..7)?;
    let day = number(8..10)?;
    NaiveDate::from_ymd_opt(year, month, day)
        .map(Some)
        .ok_or_else(bad)
}
