//! Facts supplied from outside a report's text: `--council` on the command
//! line, or a `<report>.meta.toml` sidecar. Each fact given overrides what
//! extraction found.
//!
//! The sidecar is a flat TOML table of string values. We read that subset
//! ourselves (no TOML dependency): `key = "value"` lines, `#` comments and
//! blank lines. Anything else is an error naming the line.

use chrono::NaiveDate;
use peertrail_core::{DateSpan, ReviewKind};

use crate::IngestError;

/// Facts supplied from outside the text; each one set overrides extraction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Council name.
    pub council: Option<String>,
    /// Review kind.
    pub kind: Option<ReviewKind>,
    /// When the review was held.
    pub held: Option<DateSpan>,
    /// Where the report was published.
    pub url: Option<String>,
    /// Councils the report's council replaced in a reorganisation the
    /// gazetteer does not know (a new one, or councils outside it), by name.
    pub predecessors: Vec<String>,
}

/// The keys a sidecar may hold.
const KEYS: &str = "council, kind, held, source_url, predecessors";

impl Meta {
    /// Parses a sidecar:
    ///
    /// ```toml
    /// council = "Sefton Metropolitan Borough Council"
    /// kind = "corporate_peer_challenge"
    /// held = "2018-09-04..2018-09-07"   # or "2018-09-04", "2018-09", "2018"
    /// source_url = "https://example.org/report.pdf"
    /// predecessors = "Ashby Vale District Council; Fenwick District Council"
    /// ```
    pub fn from_toml(text: &str) -> Result<Meta, IngestError> {
        let mut meta = Meta::default();
        for (i, raw) in text.lines().enumerate() {
            let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let err = |message: String| IngestError::Meta { line, message };
            let content = strip_comment(raw).trim();
            if content.is_empty() {
                continue;
            }
            let (key, value) = content
                .split_once('=')
                .ok_or_else(|| err(format!("expected `key = \"value\"`, found {content:?}")))?;
            let key = key.trim();
            let value = unquote(value.trim())
                .ok_or_else(|| err(format!("the value of `{key}` must be a quoted string")))?;
            if value.trim().is_empty() {
                return Err(err(format!("`{key}` is empty")));
            }
            match key {
                "council" => meta.council = Some(value),
                "kind" => {
                    meta.kind = Some(ReviewKind::parse(&value).ok_or_else(|| {
                        let known: Vec<&str> = ReviewKind::ALL.iter().map(|k| k.as_str()).collect();
                        err(format!(
                            "unknown kind {value:?}; known kinds: {}",
                            known.join(", ")
                        ))
                    })?);
                }
                "held" => meta.held = Some(parse_held(&value).map_err(err)?),
                "source_url" | "url" => meta.url = Some(value),
                "predecessors" => {
                    meta.predecessors = value
                        .split(';')
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .map(str::to_string)
                        .collect();
                }
                other => return Err(err(format!("unknown key `{other}`; known keys: {KEYS}"))),
            }
        }
        Ok(meta)
    }
}

/// Removes a `#` comment that is not inside a quoted string.
fn strip_comment(line: &str) -> &str {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            '\\' if in_string && !escaped => {
                escaped = true;
                continue;
            }
            '"' if !escaped => in_string = !in_string,
            '#' if !in_string => return &line[..i],
            _ => {}
        }
        escaped = false;
    }
    line
}

/// `"text"` with `\"` and `\\` escapes, or `'text'` taken literally.
fn unquote(value: &str) -> Option<String> {
    if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        return Some(inner.to_string());
    }
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                other => out.push(other),
            }
        } else if c == '"' {
            return None;
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// `2018-09-04..2018-09-07`, `2018-09-04`, `2018-09` or `2018`.
fn parse_held(value: &str) -> Result<DateSpan, String> {
    let bad = || {
        format!("`held` must be YYYY-MM-DD, YYYY-MM-DD..YYYY-MM-DD, YYYY-MM or YYYY, not {value:?}")
    };
    let value = value.trim();
    if let Some((a, b)) = value.split_once("..") {
        let start = NaiveDate::parse_from_str(a.trim(), "%Y-%m-%d").map_err(|_| bad())?;
        let end = NaiveDate::parse_from_str(b.trim(), "%Y-%m-%d").map_err(|_| bad())?;
        return DateSpan::days(start, end).map_err(|e| e.to_string());
    }
    if let Ok(day) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Ok(DateSpan::day(day));
    }
    let parts: Vec<&str> = value.split('-').collect();
    match parts.as_slice() {
        [y, m] if y.len() == 4 && m.len() == 2 => {
            let year: i32 = y.parse().map_err(|_| bad())?;
            let month: u32 = m.parse().map_err(|_| bad())?;
            DateSpan::month(year, month).map_err(|_| bad())
        }
        [y] if y.len() == 4 => DateSpan::year(y.parse().map_err(|_| bad())?).map_err(|_| bad()),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use peertrail_core::Precision;

    #[test]
    fn reads_every_key() {
        let meta = Meta::from_toml(
            "# sidecar\ncouncil = \"Sefton MBC\"  # the council\nkind = 'corporate_peer_challenge'\n\nheld = \"2018-09-04..2018-09-07\"\nsource_url = \"https://example.org/a#b\"\n",
        )
        .unwrap();
        assert_eq!(meta.council.as_deref(), Some("Sefton MBC"));
        assert_eq!(meta.kind, Some(ReviewKind::CorporatePeerChallenge));
        let held = meta.held.unwrap();
        assert_eq!(held.to_string(), "2018-09-04 to 2018-09-07");
        assert_eq!(meta.url.as_deref(), Some("https://example.org/a#b"));
        let month = Meta::from_toml("held = \"2019-09\"").unwrap().held.unwrap();
        assert_eq!(month.precision, Precision::Month);
    }

    #[test]
    fn errors_name_the_line() {
        let err = Meta::from_toml("council = \"A\"\nkind = \"cpc\"\n").unwrap_err();
        assert!(matches!(err, IngestError::Meta { line: 2, .. }), "{err}");
        assert!(
            err.to_string().contains("corporate_peer_challenge"),
            "{err}"
        );
        for bad in [
            "council = A",
            "colour = \"red\"",
            "held = \"2019-13\"",
            "just text",
            "council = \"\"",
        ] {
            assert!(Meta::from_toml(bad).is_err(), "{bad}");
        }
        assert!(matches!(
            Meta::from_toml("held = \"2019-09-10..2019-09-01\""),
            Err(IngestError::Meta { line: 1, .. })
        ));
    }
}
