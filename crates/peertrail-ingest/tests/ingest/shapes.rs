//! Report shapes as data: every document under `shapes/` is ingested and a
//! compact rendering of what came out is compared with its snapshot in
//! `shapes/snapshots/`. A new shape is two files: the document (our own
//! fictional text in the shape a real report takes) and its snapshot
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test`). What each
//! document pins is listed in docs/extraction.md ("Shape documents").
//!
//! The rendering is one fact a line; an indented line under an item adds a
//! fact about it: its honorifics, the words of its text after those shown
//! (`rest`), what covers an action, a status's commentary, a next step's
//! timing, and its `span` (first and last line, and the source text it
//! covers, shortened in the middle when long). A document that fails to
//! ingest renders as `error: <message>`.
//!
//! A document may carry caller-supplied facts in a sidecar beside it,
//! `<name>.meta.toml`, as a user would. Sidecars are the `peertrail`
//! crate's to read; here they hold `council`, `kind`, `held` (a day, a day
//! range, a month or a year, written as in a real sidecar) and
//! `source_url`, read test-side into the `Meta` ingest receives.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use peertrail_core::{DateSpan, Extraction, Precision, ReviewKind, Span};
use peertrail_ingest::{decode, ingest_bytes, ingest_str, IngestOptions, Meta};

use crate::common::assert_contract;

#[test]
fn every_shape_document() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("shapes/snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        insta::glob!("shapes/*.{md,txt}", |path| {
            insta::assert_snapshot!(check(path));
        });
    });
}

/// Every shape that ingests keeps the id and span contract, records its
/// file name as its source (the review's, and every recommendation's, the
/// ones it restates from earlier reviews too), and gives the same
/// extraction (to the byte of its JSON) every time, from its bytes or from
/// its text.
#[test]
fn every_shape_keeps_the_contract_and_is_deterministic() {
    let paths = shape_paths();
    assert!(paths.len() >= 70, "{} shape documents", paths.len());
    let mut restated = 0;
    for path in paths {
        let (bytes, options) = load(&path);
        let name = options.source.clone().unwrap_or_default();
        let Ok(e) = ingest_bytes(&bytes, &options) else {
            continue;
        };
        let text = decode(&bytes)
            .unwrap_or_else(|err| panic!("{name}: {err}"))
            .text;
        assert_eq!(e.review.source.as_deref(), Some(name.as_str()));
        for r in &e.recommendations {
            assert_eq!(r.source.as_deref(), Some(name.as_str()), "{name}: {}", r.id);
        }
        restated += e
            .recommendations
            .iter()
            .filter(|r| r.review != e.review.id)
            .count();
        assert_contract(&text, &e);
        let again = ingest_bytes(&bytes, &options).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(e, again, "{name}");
        let json = |x: &Extraction| serde_json::to_string(x).unwrap_or_default();
        assert_eq!(json(&e), json(&again), "{name}: byte-identical JSON");
        let from_text = ingest_str(&text, &options).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(e, from_text, "{name}: ingest_str and ingest_bytes agree");
    }
    assert!(
        restated > 0,
        "no shape restates an earlier review's recommendation"
    );
}

/// The folder of shape documents.
pub fn shapes_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/ingest/shapes")
}

/// Every shape document, sorted.
fn shape_paths() -> Vec<PathBuf> {
    let dir = shapes_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "txt"))
        .collect();
    paths.sort();
    paths
}

/// The facts of a shape's sidecar.
fn meta(text: &str) -> Result<Meta, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sidecar {
        council: Option<String>,
        kind: Option<ReviewKind>,
        held: Option<String>,
        #[serde(alias = "url")]
        source_url: Option<String>,
    }
    let sidecar: Sidecar = toml::from_str(text).map_err(|e| e.to_string())?;
    Ok(Meta {
        council: sidecar.council,
        kind: sidecar.kind,
        held: sidecar.held.as_deref().map(held).transpose()?,
        url: sidecar.source_url,
        ..Meta::default()
    })
}

/// `YYYY-MM-DD..YYYY-MM-DD`, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
fn held(value: &str) -> Result<DateSpan, String> {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("held: {e}"));
    let number = |s: &str| s.parse::<u32>().map_err(|e| format!("held: {e}"));
    let span = match value.split_once("..") {
        Some((a, b)) => DateSpan::days(day(a)?, day(b)?),
        None => match value.split('-').collect::<Vec<_>>()[..] {
            [_, _, _] => Ok(DateSpan::day(day(value)?)),
            [y, m] => DateSpan::month(i32::try_from(number(y)?).unwrap_or(0), number(m)?),
            [y] => DateSpan::year(i32::try_from(number(y)?).unwrap_or(0)),
            _ => return Err(format!("held: not a date: {value:?}")),
        },
    };
    span.map_err(|e| format!("held: {e}"))
}

/// A shape's bytes and the options it is ingested with: its file name as
/// the source, and its sidecar's facts.
fn load(path: &Path) -> (Vec<u8>, IngestOptions) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let sidecar = path.with_extension("meta.toml");
    let meta = if sidecar.is_file() {
        let text = std::fs::read_to_string(&sidecar)
            .unwrap_or_else(|e| panic!("{}: {e}", sidecar.display()));
        meta(&text).unwrap_or_else(|e| panic!("{}: {e}", sidecar.display()))
    } else {
        Meta::default()
    };
    let options = IngestOptions {
        source: Some(name),
        meta,
    };
    (bytes, options)
}

/// What a person checking the extraction wants to see, one fact a line.
fn check(path: &Path) -> String {
    let (bytes, options) = load(path);
    match ingest_bytes(&bytes, &options) {
        Ok(e) => {
            let text = decode(&bytes).map(|d| d.text).unwrap_or_default();
            render(&text, &e)
        }
        Err(e) => format!("error: {e}\n"),
    }
}

fn span(d: &DateSpan) -> String {
    let p = match d.precision {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::Year => "year",
        _ => "other",
    };
    if d.start == d.end {
        format!("{} ({p})", d.start)
    } else {
        format!("{}..{} ({p})", d.start, d.end)
    }
}

fn opt(s: Option<&str>) -> &str {
    s.unwrap_or("-")
}

/// The words of `text` after the first `shown`, as an indented line.
fn rest(out: &mut String, text: &str, shown: usize) {
    let words: Vec<&str> = text.split_whitespace().skip(shown).collect();
    if !words.is_empty() {
        let _ = writeln!(out, "  rest: \"{}\"", words.join(" "));
    }
}

/// Where an item came from: its lines and the source text it covers (the
/// first and last eight words when it is longer than twenty).
fn source(out: &mut String, text: &str, s: Span) {
    let lines = if s.line == s.end_line {
        format!("line {}", s.line)
    } else {
        format!("lines {}-{}", s.line, s.end_line)
    };
    let words: Vec<&str> = text
        .get(s.start..s.end)
        .unwrap_or("(outside the text)")
        .split_whitespace()
        .collect();
    let covered = if words.len() > 20 {
        format!(
            "{} … {}",
            words[..8].join(" "),
            words[words.len() - 8..].join(" ")
        )
    } else {
        words.join(" ")
    };
    let _ = writeln!(out, "  span: {lines} \"{covered}\"");
}

fn honorifics(out: &mut String, h: &[String]) {
    if !h.is_empty() {
        let _ = writeln!(out, "  honorifics: {}", h.join(", "));
    }
}

fn render(text: &str, e: &Extraction) -> String {
    let mut out = String::new();
    let r = &e.review;
    let _ = writeln!(out, "council: {} ({})", e.council.name, e.council.id);
    let _ = writeln!(out, "review: {}", r.id);
    let _ = write!(out, "kind: {}", r.kind.as_str());
    if let Some(name) = &r.review_name {
        let _ = write!(out, " ({name})");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "held: {}", r.held.as_ref().map_or("-".into(), span));
    if let Some(url) = &r.source_url {
        let _ = writeln!(out, "url: {url}");
    }
    if let Some(f) = &r.follows {
        let _ = writeln!(out, "follows: {f}");
    }
    for p in &e.placeholders {
        let _ = writeln!(
            out,
            "placeholder: {} held {}",
            p.id,
            p.held.as_ref().map_or("-".into(), span)
        );
    }
    for p in &r.peers {
        let _ = writeln!(
            out,
            "peer: {} | {} | {} | {}",
            p.name,
            opt(p.role.as_deref()),
            opt(p.organisation.as_deref()),
            p.position.as_str()
        );
        honorifics(&mut out, &p.honorifics);
        source(&mut out, text, p.span);
    }
    for a in &r.attendees {
        let _ = writeln!(
            out,
            "attendee: {} | {}",
            opt(a.name.as_deref()),
            opt(a.role.as_deref())
        );
        honorifics(&mut out, &a.honorifics);
        source(&mut out, text, a.span);
    }
    for c in &r.contacts {
        let _ = writeln!(
            out,
            "contact: {} | {} | {}",
            c.name,
            opt(c.role.as_deref()),
            opt(c.email.as_deref())
        );
    }
    for c in &r.references {
        let _ = writeln!(
            out,
            "reference: {} {} \"{}\"",
            c.kind.as_str(),
            c.held.as_ref().map_or("undated".into(), span),
            c.wording
        );
    }
    for n in &r.next_steps {
        let _ = writeln!(out, "next step: {} \"{}\"", n.kind.as_str(), n.wording);
        if let Some((a, b)) = n.within_months {
            let _ = writeln!(out, "  within: {a}-{b} months");
        }
        if let Some(d) = &n.before {
            let _ = writeln!(out, "  before: {}", span(d));
        }
    }
    for rec in &e.recommendations {
        let words: Vec<&str> = rec.text.split_whitespace().take(12).collect();
        let _ = write!(
            out,
            "{}: {} [{}]",
            rec.kind.as_str(),
            rec.id,
            opt(rec.label.as_deref())
        );
        if let Some(t) = &rec.title {
            let _ = write!(out, " title \"{t}\"");
        }
        let _ = write!(out, " \"{}\"", words.join(" "));
        if let Some(cue) = &rec.cue {
            let _ = write!(out, " <- {} \"{}\" line {}", cue.kind, cue.words, cue.line);
        }
        let _ = writeln!(out);
        rest(&mut out, &rec.text, 12);
        source(&mut out, text, rec.span);
    }
    for a in &e.actions {
        let words: Vec<&str> = a.text.split_whitespace().take(10).collect();
        let _ = writeln!(
            out,
            "action: {} for {} owner {} \"{}\"",
            a.id,
            a.recommendation.as_ref().map_or("-", |r| r.as_str()),
            opt(a.owner.as_deref()),
            words.join(" ")
        );
        if let Some(c) = &a.covered_by {
            let _ = writeln!(out, "  covered by: {c}");
        }
        rest(&mut out, &a.text, 10);
        source(&mut out, text, a.span);
    }
    for p in &e.progress {
        let _ = writeln!(
            out,
            "progress: {} {} \"{}\"",
            p.recommendation,
            p.status.as_str(),
            p.wording
        );
        if let Some(c) = &p.commentary {
            let _ = writeln!(out, "  commentary: \"{c}\"");
        }
    }
    for p in &e.review_progress {
        let _ = writeln!(
            out,
            "review status: {} about {} {}{}{} \"{}\"",
            p.review,
            p.about.as_ref().map_or("-", |a| a.as_str()),
            p.status.as_str(),
            match (p.count, p.of) {
                (Some(n), Some(m)) => format!(" {n} of {m}"),
                _ => String::new(),
            },
            p.percent.map_or_else(String::new, |x| format!(" {x}%")),
            p.wording
        );
    }
    for w in &e.warnings {
        match w.line {
            Some(line) => {
                let _ = writeln!(out, "warning: line {line}: {}", w.message);
            }
            None => {
                let _ = writeln!(out, "warning: {}", w.message);
            }
        }
    }
    out
}
