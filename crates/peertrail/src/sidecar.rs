//! Sidecars: `<report>.meta.toml` beside a report, facts a person states
//! about it that override what extraction finds. The file format lives
//! here; ingest receives the facts as a [`Meta`] value.
//!
//! A sidecar is a TOML table of string values:
//!
//! ```toml
//! council = "Sefton Metropolitan Borough Council"
//! kind = "corporate_peer_challenge"
//! held = "2018-09-04..2018-09-07"   # or "2018-09-04", "2018-09", "2018"
//! source_url = "https://example.org/report.pdf"   # `url` is read too
//! predecessors = "Ashby Vale District Council; Fenwick District Council"
//! ```
//!
//! An unknown key, a value that is not a non-empty string, an unknown kind
//! or a date that is not one is an error naming the line.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use peertrail_core::{DateSpan, ReviewKind};
use peertrail_ingest::Meta;
use serde::Deserialize;
use toml::Spanned;

/// A sidecar that cannot be used.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[error("invalid sidecar at line {line}: {message}")]
pub struct SidecarError {
    /// 1-based line of the problem.
    pub line: u32,
    /// What is wrong.
    pub message: String,
}

/// The file as written: every key optional, no other key allowed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    council: Option<Spanned<String>>,
    kind: Option<Spanned<String>>,
    held: Option<Spanned<String>>,
    #[serde(alias = "url")]
    source_url: Option<Spanned<String>>,
    predecessors: Option<Spanned<String>>,
}

/// `report.txt` → `report.meta.toml` or `report.txt.meta.toml`, whichever exists.
pub fn sidecar_of(path: &Path) -> Option<PathBuf> {
    candidates(path).into_iter().find(|p| p.is_file())
}

/// Where a sidecar of `report` may be, in the order [`sidecar_of`] asks.
fn candidates(report: &Path) -> [PathBuf; 2] {
    let with_ext = {
        let mut s = report.as_os_str().to_os_string();
        s.push(".meta.toml");
        PathBuf::from(s)
    };
    [report.with_extension("meta.toml"), with_ext]
}

/// A report's sidecar as far as its folder's listing tells it, so that a
/// corpus of reports without sidecars is not asked twice a report whether
/// a file exists (a round trip each on a network drive).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lookup {
    /// The listing settles it: this file, or none.
    Listed(Option<PathBuf>),
    /// Not known: the file system is asked ([`sidecar_of`]).
    Ask,
}

impl Lookup {
    /// The sidecar of `report` among `files`, the regular files a listing
    /// of its folder gave (found in the order [`sidecar_of`] asks).
    pub fn among(report: &Path, files: &std::collections::BTreeSet<PathBuf>) -> Lookup {
        Lookup::Listed(candidates(report).into_iter().find(|p| files.contains(p)))
    }

    /// The sidecar's path, if there is one.
    pub fn resolve(&self, report: &Path) -> Option<PathBuf> {
        match self {
            Lookup::Listed(found) => found.clone(),
            Lookup::Ask => sidecar_of(report),
        }
    }
}

/// Whether `name` is a sidecar's file name (so not a report).
pub fn is_sidecar(name: &str) -> bool {
    name.ends_with(".meta.toml")
}

/// Reads a sidecar's text into the facts it states.
pub fn parse(text: &str) -> Result<Meta, SidecarError> {
    let raw: Raw = toml::from_str(text).map_err(|e| SidecarError {
        line: e.span().map_or(1, |s| line_of(text, s.start)),
        message: e.message().trim().to_string(),
    })?;
    let mut meta = Meta {
        council: raw.council.map(|v| value(text, "council", v)).transpose()?,
        url: raw
            .source_url
            .map(|v| value(text, "source_url", v))
            .transpose()?,
        ..Meta::default()
    };
    if let Some(kind) = raw.kind {
        let line = line_of(text, kind.span().start);
        let name = value(text, "kind", kind)?;
        meta.kind = Some(ReviewKind::parse(&name).ok_or_else(|| {
            let known: Vec<&str> = ReviewKind::ALL.iter().map(|k| k.as_str()).collect();
            SidecarError {
                line,
                message: format!("unknown kind {name:?}; known kinds: {}", known.join(", ")),
            }
        })?);
    }
    if let Some(held) = raw.held {
        let line = line_of(text, held.span().start);
        let span = value(text, "held", held)?;
        meta.held = Some(held_span(&span).map_err(|message| SidecarError { line, message })?);
    }
    if let Some(names) = raw.predecessors {
        meta.predecessors = value(text, "predecessors", names)?
            .split(';')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
    }
    Ok(meta)
}

/// A string value, refused when blank.
fn value(text: &str, key: &str, v: Spanned<String>) -> Result<String, SidecarError> {
    if v.get_ref().trim().is_empty() {
        return Err(SidecarError {
            line: line_of(text, v.span().start),
            message: format!("`{key}` is empty"),
        });
    }
    Ok(v.into_inner())
}

/// `2018-09-04..2018-09-07`, or one date as the decisions file writes it
/// (`2018-09-04`, `2018-09`, `2018`).
fn held_span(value: &str) -> Result<DateSpan, String> {
    let bad = || {
        format!("`held` must be YYYY-MM-DD, YYYY-MM-DD..YYYY-MM-DD, YYYY-MM or YYYY, not {value:?}")
    };
    match value.split_once("..") {
        Some((a, b)) => {
            let day = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| bad());
            DateSpan::days(day(a)?, day(b)?).map_err(|e| e.to_string())
        }
        None => peertrail_decisions::parse_date(value).map_err(|_| bad()),
    }
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> u32 {
    let upto = text.get(..offset.min(text.len())).unwrap_or(text);
    u32::try_from(upto.bytes().filter(|&b| b == b'\n').count() + 1).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use peertrail_core::Precision;

    #[test]
    fn reads_every_key() {
        let meta = parse(
            "# sidecar\ncouncil = \"Sefton MBC\"  # the council\nkind = 'corporate_peer_challenge'\n\nheld = \"2018-09-04..2018-09-07\"\nsource_url = \"https://example.org/a#b\"\npredecessors = \"Ashby Vale; Fenwick ;\"\n",
        )
        .unwrap();
        assert_eq!(meta.council.as_deref(), Some("Sefton MBC"));
        assert_eq!(meta.kind, Some(ReviewKind::CorporatePeerChallenge));
        let held = meta.held.unwrap();
        assert_eq!(held.to_string(), "2018-09-04 to 2018-09-07");
        assert_eq!(meta.url.as_deref(), Some("https://example.org/a#b"));
        assert_eq!(meta.predecessors, ["Ashby Vale", "Fenwick"]);
        let month = parse("held = \"2019-09\"").unwrap().held.unwrap();
        assert_eq!(month.precision, Precision::Month);
        let url = parse("url = \"https://example.org/x\"").unwrap().url;
        assert_eq!(url.as_deref(), Some("https://example.org/x"));
        assert_eq!(parse("").unwrap(), Meta::default());
    }

    #[test]
    fn a_listing_settles_the_sidecar_in_the_order_the_file_system_is_asked() {
        let report = Path::new("corpus/a.txt");
        let listed = |names: &[&str]| -> std::collections::BTreeSet<PathBuf> {
            names.iter().map(|n| Path::new("corpus").join(n)).collect()
        };
        let both = Lookup::among(report, &listed(&["a.meta.toml", "a.txt.meta.toml"]));
        assert_eq!(
            both,
            Lookup::Listed(Some(PathBuf::from("corpus/a.meta.toml")))
        );
        let long = Lookup::among(report, &listed(&["a.txt.meta.toml", "b.meta.toml"]));
        assert_eq!(
            long.resolve(report),
            Some(PathBuf::from("corpus/a.txt.meta.toml"))
        );
        assert_eq!(
            Lookup::among(report, &listed(&["b.meta.toml"])),
            Lookup::Listed(None)
        );
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse("council = \"A\"\nkind = \"cpc\"\n").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.contains("corporate_peer_challenge"), "{err}");
        for (bad, line) in [
            ("council = A", 1),
            ("council = \"A\"\n\ncolour = \"red\"", 3),
            ("held = \"2019-13\"", 1),
            ("just text", 1),
            ("\ncouncil = \"\"", 2),
            ("council = 3", 1),
            ("held = \"2019-09-10..2019-09-01\"", 1),
        ] {
            let err = parse(bad).unwrap_err();
            assert_eq!(err.line, line, "{bad}: {err}");
        }
        let unknown = parse("colour = \"red\"").unwrap_err();
        assert!(
            unknown.message.contains("colour") && unknown.message.contains("source_url"),
            "the error names the key and the known keys: {unknown}"
        );
    }
}
