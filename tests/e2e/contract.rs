//! The JSON contract, declared on the test side: every key a program may
//! rely on, with `deny_unknown_fields`, so a key added, renamed or removed
//! fails here until `docs/formats.md` and this contract are updated
//! together. (Decoding into the core types would follow any change
//! silently.)

#![allow(dead_code)]

use serde::Deserialize;

use peertrail_tests::{corpus_dir, dataset, render};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    format: String,
    councils: Vec<Council>,
    reviews: Vec<Review>,
    recommendations: Vec<Recommendation>,
    actions: Vec<Action>,
    progress: Vec<Progress>,
    review_progress: Vec<ReviewProgress>,
    people: Vec<Person>,
    links: Vec<Link>,
    updates: Vec<Update>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Council {
    id: String,
    name: String,
    aliases: Vec<String>,
    code: Option<String>,
    predecessors: Vec<String>,
    successors: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Span {
    start: usize,
    end: usize,
    line: u32,
    end_line: u32,
    #[serde(default)]
    page: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cue {
    kind: String,
    words: String,
    line: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Held {
    start: String,
    end: String,
    precision: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Review {
    id: String,
    council: String,
    kind: String,
    held: Option<Held>,
    title: Option<String>,
    review_name: Option<String>,
    in_corpus: bool,
    follows: Option<String>,
    peers: Vec<Membership>,
    attendees: Vec<Attendee>,
    references: Vec<Reference>,
    next_steps: Vec<NextStep>,
    contacts: Vec<Contact>,
    source: Option<String>,
    joint_councils: Vec<String>,
    source_url: Option<String>,
    decided: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Membership {
    person: String,
    name: String,
    honorifics: Vec<String>,
    role: Option<String>,
    organisation: Option<String>,
    position: String,
    span: Span,
    decided: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Attendee {
    name: Option<String>,
    honorifics: Vec<String>,
    role: Option<String>,
    span: Span,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Reference {
    review: String,
    kind: String,
    held: Option<Held>,
    wording: String,
    span: Span,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NextStep {
    kind: String,
    within_months: Option<(u32, u32)>,
    before: Option<Held>,
    wording: String,
    span: Span,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Contact {
    name: String,
    role: Option<String>,
    email: Option<String>,
    span: Span,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Recommendation {
    id: String,
    review: String,
    number: u32,
    label: Option<String>,
    kind: String,
    title: Option<String>,
    text: String,
    themes: Vec<String>,
    span: Span,
    cue: Option<Cue>,
    source: Option<String>,
    latest: Option<Latest>,
    silent: bool,
    response: Option<Response>,
    decided: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Latest {
    status: String,
    review: String,
    reported: Option<String>,
    source: String,
    note: Option<String>,
    who: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Action {
    id: String,
    review: String,
    number: u32,
    recommendation: Option<String>,
    text: String,
    owner: Option<String>,
    covered_by: Option<String>,
    span: Span,
    timescale: Option<Timescale>,
    revised: Option<Revised>,
    decided: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Progress {
    review: String,
    recommendation: String,
    status: String,
    wording: String,
    commentary: Option<String>,
    span: Span,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewProgress {
    review: String,
    about: Option<String>,
    status: String,
    count: Option<u32>,
    of: Option<u32>,
    percent: Option<u32>,
    wording: String,
    span: Span,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Person {
    id: String,
    name: String,
    aliases: Vec<String>,
    merge_evidence: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Link {
    from: String,
    to: String,
    kind: String,
    confidence: f64,
    evidence: Evidence,
    suggested: bool,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Evidence {
    rule: String,
    score: Option<f64>,
    detail: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Update {
    recommendation: String,
    status: String,
    date: String,
    note: Option<String>,
    who: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Response {
    response: String,
    date: String,
    note: Option<String>,
    who: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Timescale {
    wording: String,
    due: Option<Held>,
    ongoing: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Revised {
    due: Held,
    slip_days: Option<i64>,
    source: String,
    note: Option<String>,
    who: Option<String>,
}

#[test]
fn the_json_document_keeps_its_contract() {
    let data = dataset(&[corpus_dir()]);
    let json = render(&data, "json", "peertrail.json");
    let doc: Document = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("the JSON export no longer matches its contract: {e}"));
    assert_eq!(doc.format, "peertrail/2");
    assert!(!doc.recommendations.is_empty() && !doc.links.is_empty());
    let precisions = ["day", "month", "year"];
    for r in &doc.reviews {
        if let Some(h) = &r.held {
            assert!(
                precisions.contains(&h.precision.as_str()),
                "{}",
                h.precision
            );
            assert_eq!(h.start.len(), 10, "ISO date: {}", h.start);
        }
    }
    for l in &doc.links {
        assert!(
            (0.0..=1.0).contains(&l.confidence),
            "{} -> {}: {}",
            l.from,
            l.to,
            l.confidence
        );
    }
}
