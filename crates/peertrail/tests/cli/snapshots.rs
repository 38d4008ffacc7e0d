//! The text answers of `trace`, `timeline`, `due` and `people` on the
//! sample corpus (`tests/corpus/`), pinned with insta. Which ids to ask
//! about is read from the corpus itself (`peertrail ingest`), so the
//! snapshots cover every council and every recommendation that later
//! documents touched, whatever the corpus holds.

use serde_json::Value;

use crate::support::{arg, corpus, outcome, peertrail};

/// Runs a query on the sample corpus and returns its stdout, failing on
/// any exit but 0.
fn ask(args: &[&str]) -> String {
    let dir = corpus();
    assert!(
        dir.is_dir(),
        "the sample corpus {} is missing",
        dir.display()
    );
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--corpus", arg(&dir)]);
    let (code, stdout, stderr) = outcome(&peertrail(&all));
    assert_eq!(code, 0, "peertrail {args:?}: {stderr}");
    stdout
}

/// The linked document of the whole sample corpus.
fn document() -> Value {
    let dir = corpus();
    let (code, stdout, stderr) = outcome(&peertrail(&["ingest", arg(&dir)]));
    assert_eq!(code, 0, "ingest of the sample corpus: {stderr}");
    serde_json::from_str(&stdout).expect("ingest prints JSON")
}

fn ids<'a>(doc: &'a Value, list: &str, keep: impl Fn(&Value) -> bool) -> Vec<&'a str> {
    doc[list]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter(|i| keep(i))
                .filter_map(|i| i["id"].as_str())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn trace_on_the_sample_corpus() {
    let doc = document();
    // Silent recommendations have nothing to trace; the rest are the trails.
    let recs = ids(&doc, "recommendations", |r| r["silent"] == false);
    assert!(
        !recs.is_empty(),
        "no linked recommendation in the sample corpus"
    );
    let mut out = String::new();
    for id in recs {
        out.push_str(&format!("$ peertrail trace '{id}'\n"));
        out.push_str(&ask(&["trace", id]));
        out.push('\n');
    }
    insta::assert_snapshot!("trace", out);
}

#[test]
fn timeline_on_the_sample_corpus() {
    let doc = document();
    let councils = ids(&doc, "councils", |_| true);
    assert!(!councils.is_empty(), "no council in the sample corpus");
    let mut out = String::new();
    for id in councils {
        out.push_str(&format!("$ peertrail timeline {id}\n"));
        out.push_str(&ask(&["timeline", id]));
        out.push('\n');
    }
    insta::assert_snapshot!("timeline", out);
}

#[test]
fn due_on_the_sample_corpus() {
    insta::assert_snapshot!("due", ask(&["due", "--as-of", "2026-11-22"]));
}

#[test]
fn people_on_the_sample_corpus() {
    insta::assert_snapshot!("people", ask(&["people"]));
}
