//! Reading the decisions file: its format version first, then every
//! decision with the line it starts on; any problem names the file and line.

use chrono::NaiveDate;
use peertrail_core::{DateSpan, PeerPosition, RecommendationKind, ReviewKind};
use serde::Deserialize;

use crate::model::{Decision, Decisions, Field, PeerVerdict, Recorded};
use crate::{FORMAT, FORMAT_VERSION};

/// Why a decisions file cannot be used. Nothing is applied or written when
/// one is returned.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecisionsError {
    /// Not valid TOML, or a decision with a missing or wrong key.
    #[error("{file}:{line}: {message}")]
    Syntax {
        /// The file, as named to the reader.
        file: String,
        /// 1-based line.
        line: u32,
        /// What is wrong.
        message: String,
    },
    /// Written by a newer peertrail.
    #[error(
        "{file}: decisions format `{found}` is newer than this peertrail reads ({FORMAT}); \
         upgrade peertrail to use this file (it was left untouched)"
    )]
    Newer {
        /// The file.
        file: String,
        /// The `format` it declares.
        found: String,
    },
    /// A tracker file (an edited spreadsheet export) with a line or row
    /// that cannot be read.
    #[error("{place}: {message}")]
    Tracker {
        /// The line or sheet row.
        place: crate::Place,
        /// What is wrong.
        message: String,
    },
    /// A tracker file that cannot be read at all: not a workbook, no
    /// `Recommendations` sheet, too large.
    #[error("{0}")]
    TrackerFile(String),
    /// A `format` key this program does not know at all.
    #[error("{file}:{line}: `format = {found:?}` is not a peertrail decisions format (expected {FORMAT:?})")]
    UnknownFormat {
        /// The file.
        file: String,
        /// 1-based line of the key.
        line: u32,
        /// What it says.
        found: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    #[allow(dead_code)]
    format: Option<String>,
    #[serde(default)]
    decision: Vec<toml::Spanned<Decision>>,
}

#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<toml::Spanned<toml::Value>>,
}

fn line_of(text: &str, offset: usize) -> u32 {
    let upto = text.get(..offset.min(text.len())).unwrap_or(text);
    u32::try_from(upto.bytes().filter(|&b| b == b'\n').count() + 1).unwrap_or(u32::MAX)
}

fn syntax(file: &str, text: &str, e: &toml::de::Error) -> DecisionsError {
    DecisionsError::Syntax {
        file: file.to_string(),
        line: e.span().map_or(1, |s| line_of(text, s.start)),
        message: e.message().trim().to_string(),
    }
}

/// Reads a decisions file's text; `file` names it in errors. An empty
/// file holds no decisions; a file without `format` is read as the
/// current format.
pub fn parse(text: &str, file: &str) -> Result<Decisions, DecisionsError> {
    // The version first: a newer file may hold decisions this version
    // cannot read, and it must be refused for its version, not its keys.
    let header: Header = toml::from_str(text).map_err(|e| syntax(file, text, &e))?;
    if let Some(f) = header.format {
        let line = line_of(text, f.span().start);
        let found = f.get_ref().as_str().unwrap_or_default().to_string();
        let version = found
            .strip_prefix("peertrail-decisions/")
            .and_then(|v| v.parse::<u32>().ok());
        match version {
            Some(v) if v > FORMAT_VERSION => {
                return Err(DecisionsError::Newer {
                    file: file.to_string(),
                    found,
                })
            }
            Some(v) if v >= 1 => {}
            _ => {
                return Err(DecisionsError::UnknownFormat {
                    file: file.to_string(),
                    line,
                    found: f.get_ref().to_string(),
                })
            }
        }
    }
    let raw: Raw = toml::from_str(text).map_err(|e| syntax(file, text, &e))?;
    let mut decisions = Vec::with_capacity(raw.decision.len());
    for d in raw.decision {
        let line = line_of(text, d.span().start);
        let decision = d.into_inner();
        if let Err(message) = check(&decision) {
            return Err(DecisionsError::Syntax {
                file: file.to_string(),
                line,
                message,
            });
        }
        decisions.push(Recorded { line, decision });
    }
    Ok(Decisions { decisions })
}

/// The checks serde cannot make: values whose form depends on another key.
pub(crate) fn check(d: &Decision) -> Result<(), String> {
    let nonempty = |what: &str, v: &str| {
        if v.trim().is_empty() {
            Err(format!("`{what}` is empty"))
        } else {
            Ok(())
        }
    };
    match d {
        Decision::Link { from, to, .. } => {
            nonempty("from", from)?;
            nonempty("to", to)
        }
        Decision::Correct {
            target,
            field,
            value,
            ..
        } => {
            nonempty("target", target)?;
            check_value(*field, value)
        }
        Decision::NotARecommendation { recommendation, .. }
        | Decision::StatusUpdate { recommendation, .. }
        | Decision::Response { recommendation, .. } => nonempty("recommendation", recommendation),
        Decision::ReviseDue { action, due, .. } => {
            nonempty("action", action)?;
            parse_date(due).map(|_| ())
        }
        Decision::Peer {
            verdict,
            review,
            person,
            name,
            role,
            organisation,
            position,
            ..
        } => {
            nonempty("review", review)?;
            check_peer(
                *verdict,
                person.as_deref(),
                name.as_deref(),
                role.is_some() || organisation.is_some(),
                position.as_deref(),
            )
        }
    }
}

/// Whether a peer decision names what its verdict needs: the member for
/// `correct` and `remove`, a name for `add`, something to change for
/// `correct`, and a known position.
pub fn check_peer(
    verdict: PeerVerdict,
    person: Option<&str>,
    name: Option<&str>,
    role_or_organisation: bool,
    position: Option<&str>,
) -> Result<(), String> {
    if let Some(p) = position {
        if PeerPosition::parse(p.trim()).is_none() {
            let known: Vec<&str> = PeerPosition::ALL.iter().map(|p| p.as_str()).collect();
            return Err(format!("`{p}` is not a position ({})", known.join(", ")));
        }
    }
    if name.is_some_and(|n| n.trim().is_empty()) {
        return Err("`name` is empty".to_string());
    }
    let has_person = person.is_some_and(|p| !p.trim().is_empty());
    match verdict {
        PeerVerdict::Correct | PeerVerdict::Remove if !has_person => Err(format!(
            "a peer decision to {} needs the member's `person` id",
            verdict.as_str()
        )),
        PeerVerdict::Correct if name.is_none() && !role_or_organisation && position.is_none() => {
            Err("a peer correction needs a name, role, organisation or position".to_string())
        }
        PeerVerdict::Add if name.is_none() => {
            Err("a peer decision to add needs the member's `name`".to_string())
        }
        _ => Ok(()),
    }
}

/// Whether `value` is a possible value of `field`; the error says why not.
pub fn check_value(field: Field, value: &str) -> Result<(), String> {
    match field {
        Field::Text | Field::Council if value.trim().is_empty() => Err(format!(
            "a correction of `{}` needs a value",
            field.as_str()
        )),
        Field::Number => value
            .trim()
            .parse::<u32>()
            .map(|_| ())
            .map_err(|_| format!("`{value}` is not a number")),
        Field::Kind => {
            if recommendation_kind(value).is_some() || review_kind(value).is_some() {
                Ok(())
            } else {
                Err(format!(
                    "`{value}` is not a kind (recommendation, reflection, suggestion, or a review kind such as corporate_peer_challenge)"
                ))
            }
        }
        Field::Date => parse_date(value).map(|_| ()),
        _ => Ok(()),
    }
}

pub(crate) fn recommendation_kind(v: &str) -> Option<RecommendationKind> {
    serde_plain(v)
}

pub(crate) fn review_kind(v: &str) -> Option<ReviewKind> {
    serde_plain(v)
}

/// A snake_case enum value read through serde.
pub(crate) fn serde_plain<T: serde::de::DeserializeOwned>(v: &str) -> Option<T> {
    #[derive(Deserialize)]
    struct One<T> {
        v: T,
    }
    let doc = format!("v = {}", toml::Value::String(v.trim().to_string()));
    toml::from_str::<One<T>>(&doc).ok().map(|o| o.v)
}

/// A date as a person gives it: `YYYY-MM-DD` (a day), `YYYY-MM` (the whole
/// month) or `YYYY` (the whole year). The one notation of dates in the
/// files people write beside a corpus (this file, and report sidecars).
pub fn parse_date(s: &str) -> Result<DateSpan, String> {
    let t = s.trim();
    let bad = || format!("`{s}` is not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(DateSpan::day(d));
    }
    let parts: Vec<&str> = t.split('-').collect();
    match parts.as_slice() {
        [y, m] if y.len() == 4 && (1..=2).contains(&m.len()) => {
            let (y, m) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
            DateSpan::month(y, m).map_err(|_| bad())
        }
        [y] if y.len() == 4 => DateSpan::year(y.parse().map_err(|_| bad())?).map_err(|_| bad()),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"format = "peertrail-decisions/1"

[[decision]]
decision = "status_update"
recommendation = "corrington/2019-09-17-cpc#r3"
status = "in_progress"
date = "2024-05-01"
note = "Portfolio review reported to Audit Committee."

[[decision]]
decision = "link"
verdict = "reject"
from = "a/2020-01-01-progress-review"
to = "a/2019-01-01-cpc#r1"
kind = "restates"
"#;

    #[test]
    fn decisions_keep_their_lines_and_order() {
        let d = parse(GOOD, "peertrail-decisions.toml").unwrap();
        let lines: Vec<u32> = d.decisions.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 10]);
        assert_eq!(d.decisions[0].decision.name(), "status_update");
    }

    #[test]
    fn a_bad_value_names_file_and_line() {
        let bad = GOOD.replace("\"in_progress\"", "\"done-ish\"");
        let e = parse(&bad, "dec.toml").unwrap_err().to_string();
        assert!(e.starts_with("dec.toml:"), "{e}");
        assert!(e.contains("done-ish"), "{e}");
        let broken = GOOD.replace("date = \"2024-05-01\"", "date = ");
        let e = parse(&broken, "dec.toml").unwrap_err().to_string();
        assert!(e.starts_with("dec.toml:7:"), "{e}");
        let due = "[[decision]]\ndecision = \"revise_due\"\naction = \"p#a1\"\ndue = \"March\"\n";
        let e = parse(due, "d").unwrap_err().to_string();
        assert_eq!(
            e,
            "d:1: `March` is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
        );
    }

    #[test]
    fn newer_formats_are_refused_for_their_version() {
        let newer = "format = \"peertrail-decisions/2\"\n[[decision]]\ndecision = \"teleport\"\n";
        let e = parse(newer, "d.toml").unwrap_err();
        assert!(matches!(e, DecisionsError::Newer { .. }), "{e}");
        assert!(e.to_string().contains("upgrade peertrail"));
        let other = "format = \"something-else\"\n";
        assert!(matches!(
            parse(other, "d.toml").unwrap_err(),
            DecisionsError::UnknownFormat { line: 1, .. }
        ));
        assert!(parse("", "d.toml").unwrap().is_empty());
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2025-03").unwrap().to_string(), "2025-03");
        assert_eq!(parse_date("2025").unwrap().to_string(), "2025");
        assert_eq!(parse_date("2025-03-31").unwrap().to_string(), "2025-03-31");
        assert!(parse_date("2025-13").is_err());
    }
}
