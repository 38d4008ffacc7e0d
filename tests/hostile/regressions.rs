//! Inputs the fuzzer or the property test once broke, kept so they stay fixed.

use crate::support::check_outputs;

/// Runs bytes through ingest, the graph and every exporter.
pub fn run(bytes: &[u8]) {
    let options = peertrail_ingest::IngestOptions::default();
    if let Ok(e) = peertrail_ingest::ingest_bytes(bytes, &options) {
        let graph = peertrail_graph::Graph::build(vec![e]);
        check_outputs(&crate::support::render_all(graph.dataset()), false);
    }
}

#[test]
fn short_odd_inputs() {
    for bytes in [
        &b"\xFF\xFE"[..],
        b"\xFE\xFF\0",
        b"\xEF\xBB\xBF",
        b"\r",
        b"#",
        b"# Council",
        b"1. Council\n",
        b"\xFF\xFE#\0 \0C\0o\0u\0n\0c\0i\0l\0",
    ] {
        run(bytes);
    }
}

/// Found by the fuzzer: a month name followed by a word whose fourth byte
/// falls inside a multi-byte character ("October ha|ÿÿÿ…") sliced a string
/// off a char boundary while looking for the year after the month.
#[test]
fn a_month_before_a_multibyte_word() {
    run("Fernleigh Borough Council\nCorporate Peer Challenge 2022\n\nThe team were on site in October ha|\u{ff}\u{ff}\u{ff}cPeelenr and met.\n".as_bytes());
    run(b"Corrington City Council\nCorporate Peer Challenge Action Plan\nPeer challenge held October ha|\xff\xff\xffcP 2022\n\nRecommendation 1\n* agree a clear set\n");
}

/// Found by the property test: an action plan whose running footer gives
/// two "Proposed Action" items the same number made two actions with one
/// id, and the SQLite export refused the second. The graph keeps the first
/// and warns, as it does for recommendations.
#[test]
fn two_actions_with_one_number() {
    let text = "Proposed Action\nPage 3 of 9\nProposed Action\nPage 3 of 9\nRecommendation 3\nPage 3 of 9\nRecommendation 3\nPage 3 of 9";
    let options = peertrail_ingest::IngestOptions {
        meta: peertrail_ingest::Meta {
            council: Some("Eastfield Council".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    let e = peertrail_ingest::ingest_bytes(text.as_bytes(), &options).unwrap();
    assert_eq!(e.actions.len(), 2, "{:?}", e.actions);
    let graph = peertrail_graph::Graph::build(vec![e]);
    check_outputs(&crate::support::render_all(graph.dataset()), false);
    assert_eq!(graph.dataset().actions.len(), 1);
    assert!(graph.warnings().iter().any(|w| w
        .message
        .contains("a second action with this id was dropped")));
}
