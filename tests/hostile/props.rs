//! Property tests: arbitrary text and mutated report text through ingest,
//! the graph and every exporter never panic and always give valid output.
//! Bounded: 64 cases each, and the whole run is timed.

use std::time::{Duration, Instant};

use peertrail_graph::Graph;
use peertrail_ingest::{ingest_bytes, IngestOptions};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::support::{check_outputs, render_all, SAMPLE};

/// One edit to a report's bytes.
#[derive(Debug, Clone)]
enum Edit {
    InsertByte(usize, u8),
    Delete(usize, usize),
    DuplicateLine(usize, usize),
    DeleteLine(usize),
    InsertLine(usize, String),
    SwapLines(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Edit::InsertByte(p, b)),
        (any::<usize>(), 0usize..64).prop_map(|(p, n)| Edit::Delete(p, n)),
        (any::<usize>(), 1usize..50).prop_map(|(l, n)| Edit::DuplicateLine(l, n)),
        any::<usize>().prop_map(Edit::DeleteLine),
        (any::<usize>(), line()).prop_map(|(l, s)| Edit::InsertLine(l, s)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
    ]
}

/// Lines that look like report furniture, so mutations reach the
/// extractors and not only the decoder.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("## Key recommendations".to_string()),
        Just("# Corporate Peer Challenge".to_string()),
        Just("- Cllr Sam Okafor, Leader, Holmewood Council".to_string()),
        Just("1. **Bold lead.** Rest of it.".to_string()),
        Just("Recommendation 3".to_string()),
        Just("Proposed Action".to_string()),
        Just("12<sup>th</sup> - 15<sup>th</sup> September 2019".to_string()),
        Just("Significantly progressed".to_string()),
        Just("Page 3 of 9".to_string()),
        Just("\u{c}".to_string()),
        "[ -~]{0,80}",
        "\\PC{0,40}",
        "[#*_`<>\\[\\]()0-9. -]{0,30}",
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = bytes.len().max(1);
        match e {
            Edit::InsertByte(p, b) => bytes.insert(p % (bytes.len() + 1), *b),
            Edit::Delete(p, n) => {
                let start = p % len;
                let end = (start + n).min(bytes.len());
                if start < end {
                    bytes.drain(start..end);
                }
            }
            Edit::DuplicateLine(l, n) => {
                let mut lines = lines_of(&bytes);
                if !lines.is_empty() {
                    let i = l % lines.len();
                    let copy = lines[i].clone();
                    for _ in 0..*n {
                        lines.insert(i, copy.clone());
                    }
                }
                bytes = lines.concat();
            }
            Edit::DeleteLine(l) => {
                let mut lines = lines_of(&bytes);
                if !lines.is_empty() {
                    let i = l % lines.len();
                    lines.remove(i);
                }
                bytes = lines.concat();
            }
            Edit::InsertLine(l, s) => {
                let mut lines = lines_of(&bytes);
                let i = l % (lines.len() + 1);
                lines.insert(i, format!("{s}\n").into_bytes());
                bytes = lines.concat();
            }
            Edit::SwapLines(a, b) => {
                let mut lines = lines_of(&bytes);
                if !lines.is_empty() {
                    let n = lines.len();
                    lines.swap(a % n, b % n);
                }
                bytes = lines.concat();
            }
        }
    }
    bytes
}

fn lines_of(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

/// Ingest, graph and every exporter, with the sample report beside the
/// mutated one so linking has something to link to.
fn pipeline(bytes: &[u8]) {
    let sample = ingest_bytes(SAMPLE.as_bytes(), &IngestOptions::default()).unwrap();
    let options = IngestOptions {
        source: Some("mutated.txt".into()),
        ..IngestOptions::default()
    };
    let mut docs = vec![sample];
    if let Ok(e) = ingest_bytes(bytes, &options) {
        for w in &e.warnings {
            if let Some(line) = w.line {
                let lines = bytes.split(|&b| b == b'\n').count();
                assert!(line as usize <= lines + 1, "warning past the end: {w:?}");
            }
        }
        docs.push(e);
    }
    let graph = Graph::build(docs);
    check_outputs(&render_all(graph.dataset()), false);
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Debug builds are slow; this bounds a property run all the same.
const BUDGET: Duration = Duration::from_secs(30);

#[test]
fn mutated_reports_never_panic() {
    let start = Instant::now();
    let strategy = proptest::collection::vec(edit(), 1..12);
    runner()
        .run(&strategy, |edits| {
            pipeline(&apply(SAMPLE.as_bytes().to_vec(), &edits));
            Ok(())
        })
        .unwrap();
    let elapsed = start.elapsed();
    eprintln!("mutated reports: 64 cases in {elapsed:?}");
    assert!(elapsed < BUDGET, "{elapsed:?}");
}

#[test]
fn arbitrary_bytes_and_text_never_panic() {
    let start = Instant::now();
    let strategy = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..2048),
        "\\PC{0,400}".prop_map(String::into_bytes),
        proptest::collection::vec(line(), 0..40).prop_map(|l| l.join("\n").into_bytes()),
    ];
    runner()
        .run(&strategy, |bytes| {
            pipeline(&bytes);
            // With the council given, every decodable input gets through.
            let options = IngestOptions {
                meta: peertrail_ingest::Meta {
                    council: Some("Eastfield Council".into()),
                    ..Default::default()
                },
                ..IngestOptions::default()
            };
            if let Ok(e) = ingest_bytes(&bytes, &options) {
                let graph = Graph::build(vec![e]);
                check_outputs(&render_all(graph.dataset()), false);
            }
            Ok(())
        })
        .unwrap();
    let elapsed = start.elapsed();
    eprintln!("arbitrary input: 64 cases in {elapsed:?}");
    assert!(elapsed < BUDGET, "{elapsed:?}");
}
