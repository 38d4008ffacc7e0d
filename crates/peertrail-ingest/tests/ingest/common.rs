//! Helpers shared by the ingest tests: loading the seeds, short
//! views of an extraction for data-driven comparisons, and checks of the
//! id and span rules every extraction must keep.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::NaiveDate;
use peertrail_core::{
    ActionId, DateSpan, Extraction, PeerPosition, PersonId, Recommendation, RecommendationId,
    RecommendationKind, ReviewId, Span,
};
use peertrail_ingest::{ingest_bytes, IngestOptions};

/// The seed report whose file name starts with `prefix` (e.g. `"003_"`), or
/// `None` (with a message) when `../shared/seeds/` is not there.
pub fn seed(prefix: &str) -> Option<Extraction> {
    seed_with_text(prefix).map(|(_, e)| e)
}

/// The seed's text and its extraction, or `None` as for [`seed`].
pub fn seed_with_text(prefix: &str) -> Option<(String, Extraction)> {
    let dir = seeds_dir()?;
    let entry = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix));
    let Some(entry) = entry else {
        eprintln!(
            "skipped: no seed starting with {prefix} in {}",
            dir.display()
        );
        return None;
    };
    let bytes = std::fs::read(entry.path()).ok()?;
    let name = entry.file_name().to_string_lossy().into_owned();
    let options = IngestOptions {
        source: Some(name.clone()),
        ..IngestOptions::default()
    };
    let extraction = ingest_bytes(&bytes, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
    Some((String::from_utf8_lossy(&bytes).into_owned(), extraction))
}

/// `../shared/seeds` relative to the workspace root, if present.
pub fn seeds_dir() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let dir = root.join("shared/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing: CI must have the shared real reports",
            dir.display()
        );
        eprintln!("skipped: {} not found (CI always has it)", dir.display());
        None
    }
}

// ---- dates ----

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("{y}-{m}-{d} is not a date"))
}

/// One exact day.
pub fn day(y: i32, m: u32, d: u32) -> DateSpan {
    DateSpan::day(date(y, m, d))
}

/// A run of exact days.
pub fn days(start: (i32, u32, u32), end: (i32, u32, u32)) -> DateSpan {
    DateSpan::days(date(start.0, start.1, start.2), date(end.0, end.1, end.2))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A whole month.
pub fn month(y: i32, m: u32) -> DateSpan {
    DateSpan::month(y, m).unwrap_or_else(|e| panic!("{e}"))
}

/// A whole year.
pub fn year(y: i32) -> DateSpan {
    DateSpan::year(y).unwrap_or_else(|e| panic!("{e}"))
}

// ---- views of an extraction ----

/// Peers as (name, role, organisation), sorted by name, so a comparison
/// does not depend on the order the list was written in.
pub fn peers(e: &Extraction) -> Vec<(String, Option<String>, Option<String>)> {
    let mut v: Vec<_> = e
        .review
        .peers
        .iter()
        .map(|m| {
            let text = |t: &Option<std::sync::Arc<str>>| t.as_deref().map(str::to_string);
            (m.name.to_string(), text(&m.role), text(&m.organisation))
        })
        .collect();
    v.sort();
    v
}

/// Peers as (name, honorifics, position), sorted by name.
pub fn peer_positions(e: &Extraction) -> Vec<(String, Vec<String>, PeerPosition)> {
    let mut v: Vec<_> = e
        .review
        .peers
        .iter()
        .map(|m| (m.name.to_string(), m.honorifics.clone(), m.position))
        .collect();
    v.sort();
    v
}

/// Owned strings for an expected peer table.
pub fn expect_peers(
    rows: &[(&str, Option<&str>, Option<&str>)],
) -> Vec<(String, Option<String>, Option<String>)> {
    let mut v: Vec<_> = rows
        .iter()
        .map(|(n, r, o)| {
            (
                (*n).to_string(),
                r.map(str::to_string),
                o.map(str::to_string),
            )
        })
        .collect();
    v.sort();
    v
}

/// Owned strings for an expected (name, honorifics, position) table.
pub fn expect_positions(
    rows: &[(&str, &[&str], PeerPosition)],
) -> Vec<(String, Vec<String>, PeerPosition)> {
    let mut v: Vec<_> = rows
        .iter()
        .map(|(n, h, p)| {
            (
                (*n).to_string(),
                h.iter().map(|s| (*s).to_string()).collect(),
                *p,
            )
        })
        .collect();
    v.sort();
    v
}

/// Attendees as (name, honorifics, role), sorted.
pub fn attendees(e: &Extraction) -> Vec<(Option<String>, Vec<String>, Option<String>)> {
    let mut v: Vec<_> = e
        .review
        .attendees
        .iter()
        .map(|a| (a.name.clone(), a.honorifics.clone(), a.role.clone()))
        .collect();
    v.sort();
    v
}

/// The recommendations (of any kind) belonging to `review`, by id.
pub fn recs_of<'a>(e: &'a Extraction, review: &str) -> Vec<&'a Recommendation> {
    let mut v: Vec<&Recommendation> = e
        .recommendations
        .iter()
        .filter(|r| r.review.as_str() == review)
        .collect();
    v.sort_by(|a, b| a.id.cmp(&b.id));
    v
}

/// The document's own items (not restated ones), by id.
pub fn own(e: &Extraction) -> Vec<&Recommendation> {
    recs_of(e, e.review.id.as_str())
}

/// The document's own items of one kind, by id.
pub fn own_of_kind(e: &Extraction, kind: RecommendationKind) -> Vec<&Recommendation> {
    own(e).into_iter().filter(|r| r.kind == kind).collect()
}

pub fn numbers(recs: &[&Recommendation]) -> Vec<u32> {
    recs.iter().map(|r| r.number).collect()
}

pub fn labels(recs: &[&Recommendation]) -> Vec<Option<String>> {
    recs.iter().map(|r| r.label.clone()).collect()
}

pub fn ids(recs: &[&Recommendation]) -> Vec<String> {
    recs.iter().map(|r| r.id.to_string()).collect()
}

/// `review#r1` … `review#rN`.
pub fn rec_ids(review: &str, n: u32) -> Vec<String> {
    (1..=n).map(|i| format!("{review}#r{i}")).collect()
}

/// A compact listing of items for assertion messages.
pub fn dump(recs: &[&Recommendation]) -> String {
    recs.iter()
        .map(|r| {
            format!(
                "\n  {} [{:?}] label={:?} title={:?} text={:?}",
                r.id,
                r.kind,
                r.label,
                r.title,
                r.text.chars().take(70).collect::<String>()
            )
        })
        .collect()
}

/// Every item of the extraction, of any kind and review.
pub fn all_items(e: &Extraction) -> Vec<&Recommendation> {
    e.recommendations.iter().collect()
}

/// Title and text together: where a fragment sits depends on whether the
/// extractor set a title apart, which some checks do not care about.
pub fn wording(r: &Recommendation) -> String {
    match &r.title {
        Some(t) => format!("{t} {}", r.text),
        None => r.text.clone(),
    }
}

/// Asserts that no item anywhere in the extraction contains `fragment`.
pub fn assert_no_item_contains(e: &Extraction, fragment: &str) {
    let hits: Vec<&Recommendation> = e
        .recommendations
        .iter()
        .filter(|r| wording(r).contains(fragment))
        .collect();
    assert!(
        hits.is_empty(),
        "no item should contain {fragment:?}, found:{}",
        dump(&hits)
    );
}

/// Asserts each item's wording starts with the given fragment, in order.
pub fn assert_starts(recs: &[&Recommendation], starts: &[&str]) {
    assert_eq!(recs.len(), starts.len(), "item count; got:{}", dump(recs));
    for (r, s) in recs.iter().zip(starts) {
        assert!(
            wording(r).starts_with(s),
            "{} should start with {s:?}; got {:?}",
            r.id,
            wording(r)
        );
    }
}

// ---- spans and ids ----

/// 1-based line of the first line of `text` containing `fragment`.
pub fn line_of(text: &str, fragment: &str) -> u32 {
    let offset = text
        .find(fragment)
        .unwrap_or_else(|| panic!("{fragment:?} is not in the text"));
    line_at(text, offset)
}

/// 1-based line of byte `offset`.
pub fn line_at(text: &str, offset: usize) -> u32 {
    u32::try_from(text[..offset].matches('\n').count() + 1).unwrap_or(u32::MAX)
}

/// Asserts `span` points at `fragment` in `text`, starting on `line`.
pub fn assert_span(text: &str, span: Span, fragment: &str, line: u32, what: &str) {
    let slice = text
        .get(span.start..span.end)
        .unwrap_or_else(|| panic!("{what}: span {span:?} is outside the text"));
    assert!(
        slice.contains(fragment),
        "{what}: the text at {span:?} should contain {fragment:?}, it is {slice:?}"
    );
    assert_eq!(span.line, line, "{what}: first line of {span:?}");
}

/// Asserts one span is well formed: inside the text, on char boundaries,
/// with `line`/`end_line` the lines of its first and last byte.
pub fn assert_span_sound(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} out of range (text is {} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} splits a character"
    );
    assert!(span.start < span.end, "{what}: empty span {span:?}");
    assert_eq!(span.line, line_at(text, span.start), "{what}: span.line");
    assert_eq!(
        span.end_line,
        line_at(text, span.end - 1),
        "{what}: span.end_line"
    );
}

/// The contract every extraction keeps, whatever the document: ids derived
/// as the core says, unique; placeholders apart from the document; every
/// item owned by the document or one of its placeholders; spans sound.
pub fn assert_contract(text: &str, e: &Extraction) {
    let review = &e.review;
    assert!(review.in_corpus, "the document itself is in the corpus");
    assert_eq!(review.council, e.council.id, "review.council");
    assert_eq!(
        review.id,
        ReviewId::new(&e.council.id, review.kind, review.held.as_ref()),
        "review id derives from council, kind and held"
    );
    let mut placeholder_ids = BTreeSet::new();
    for p in &e.placeholders {
        assert!(!p.in_corpus, "{}: a placeholder is not in the corpus", p.id);
        assert_ne!(p.id, review.id, "the document is not its own placeholder");
        assert_eq!(
            p.id,
            ReviewId::new(&e.council.id, p.kind, p.held.as_ref()),
            "placeholder id derives from council, kind and held"
        );
        assert!(placeholder_ids.insert(p.id.clone()), "{}: one per id", p.id);
    }
    let mut rec_ids = BTreeSet::new();
    for r in &e.recommendations {
        assert_eq!(
            r.id,
            RecommendationId::new(&r.review, r.number),
            "recommendation id derives from review and number"
        );
        assert!(rec_ids.insert(r.id.clone()), "{}: duplicate id", r.id);
        assert!(
            r.review == review.id || placeholder_ids.contains(&r.review),
            "{}: owned by the document or a placeholder",
            r.id
        );
        assert!(!r.text.contains('\n'), "{}: line wraps joined", r.id);
        assert!(
            !wording(r).contains("**") && !wording(r).contains("<sup>"),
            "{}: markup removed: {:?}",
            r.id,
            wording(r)
        );
        assert_span_sound(text, r.span, r.id.as_str());
    }
    let mut action_ids = BTreeSet::new();
    for a in &e.actions {
        assert_eq!(a.review, review.id, "{}: actions belong to the plan", a.id);
        assert_eq!(a.id, ActionId::new(&a.review, a.number), "action id");
        assert!(action_ids.insert(a.id.clone()), "{}: duplicate id", a.id);
        assert_span_sound(text, a.span, a.id.as_str());
    }
    for a in &e.actions {
        if let Some(c) = &a.covered_by {
            assert!(action_ids.contains(c), "{}: covered_by {c} exists", a.id);
        }
        if let Some(r) = &a.recommendation {
            assert!(rec_ids.contains(r), "{}: answers {r}, which exists", a.id);
        }
    }
    for p in &e.progress {
        assert_eq!(p.review, review.id, "progress is reported by the document");
        assert!(
            rec_ids.contains(&p.recommendation),
            "progress on {} which exists",
            p.recommendation
        );
        assert_span_sound(text, p.span, "progress");
    }
    for m in &review.peers {
        assert_eq!(
            Some(m.person.clone()),
            PersonId::from_name(&m.name).ok(),
            "person id"
        );
        assert!(
            !m.name.starts_with("Cllr ") && !m.name.starts_with("Sir "),
            "{}: honorifics kept apart",
            m.name
        );
        assert_span_sound(text, m.span, &m.name);
    }
    for a in &review.attendees {
        assert_span_sound(text, a.span, "attendee");
    }
    for r in &review.references {
        assert_span_sound(text, r.span, "reference");
    }
    for n in &review.next_steps {
        assert_span_sound(text, n.span, "next step");
    }
    for c in &review.contacts {
        assert_span_sound(text, c.span, "contact");
    }
}

/// Whether a position is one of the LGA's own (not a peer from a council).
pub fn is_lga_position(p: PeerPosition) -> bool {
    matches!(
        p,
        PeerPosition::LgaAdviser | PeerPosition::LgaStaff | PeerPosition::PeerChallengeManager
    )
}
