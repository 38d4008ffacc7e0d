//! Report shapes as data: every document under `shapes/` is ingested and a
//! compact rendering of what came out is compared with its snapshot in
//! `shapes/snapshots/`. A new shape is two files: the document (our own
//! fictional text in the shape a real report takes) and its snapshot
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test`).
//!
//! A document may carry caller-supplied facts in a sidecar beside it,
//! `<name>.meta.toml`, as a user would. Sidecars are the `peertrail`
//! crate's to read; here they hold only `kind` and `held` (a day range),
//! read test-side into the `Meta` ingest receives.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use peertrail_core::{DateSpan, Extraction, Precision, ReviewKind};
use peertrail_ingest::{ingest_bytes, IngestOptions, Meta};

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

/// The facts of a shape's sidecar.
fn meta(text: &str) -> Result<Meta, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sidecar {
        kind: Option<ReviewKind>,
        held: Option<String>,
    }
    let sidecar: Sidecar = toml::from_str(text).map_err(|e| e.to_string())?;
    let held = match sidecar.held {
        Some(range) => {
            let (a, b) = range
                .split_once("..")
                .ok_or_else(|| format!("held: a day range, not {range:?}"))?;
            let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| e.to_string());
            Some(DateSpan::days(day(a)?, day(b)?).map_err(|e| e.to_string())?)
        }
        None => None,
    };
    Ok(Meta {
        kind: sidecar.kind,
        held,
        ..Meta::default()
    })
}

/// What a person checking the extraction wants to see, one fact a line.
fn check(path: &Path) -> String {
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
    match ingest_bytes(&bytes, &options) {
        Ok(e) => render(&e),
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

fn render(e: &Extraction) -> String {
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
    if let Some(f) = &r.follows {
        let _ = writeln!(out, "follows: {f}");
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
    }
    for a in &r.attendees {
        let _ = writeln!(
            out,
            "attendee: {} | {}",
            opt(a.name.as_deref()),
            opt(a.role.as_deref())
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
    }
    for p in &e.progress {
        let _ = writeln!(
            out,
            "progress: {} {} \"{}\"",
            p.recommendation,
            p.status.as_str(),
            p.wording
        );
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
    out
}
