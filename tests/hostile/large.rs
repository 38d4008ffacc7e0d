//! Large and degenerate inputs, generated at test time: one enormous line,
//! a million bullets, headings nested and repeated without end. Each must
//! finish in time linear in its size and give valid output.
//!
//! The 50 MB case is `#[ignore]`d in debug builds (see docs/robustness.md
//! for the command that runs it); a 5 MB variant runs always.

use std::time::{Duration, Instant};

use crate::support::{check_outputs, load_with_council, pipeline, problems, Scratch};

/// One line of words and no newline anywhere, with the council given on the
/// command line (nothing in such a file can name it).
fn one_line(mb: usize, limit: Duration) {
    let dir = Scratch::new("oneline");
    let words = "the peer team recommends that Fernleigh reviews its plan ";
    let text = words.repeat(mb * 1024 * 1024 / words.len());
    let path = dir.file("big.txt", &text);
    drop(text);
    let start = Instant::now();
    let corpus = load_with_council(&[path], "Fernleigh Borough Council");
    assert_eq!(corpus.extractions.len(), 1, "{:#?}", problems(&corpus));
    assert!(!corpus.any_skipped());
    let (data, outputs) = pipeline(corpus);
    let elapsed = start.elapsed();
    eprintln!("{mb} MB on one line: {elapsed:?}");
    assert_eq!(data.councils.len(), 1);
    // Graphviz laying out a label of megabytes would measure Graphviz.
    let start = Instant::now();
    check_outputs(&outputs, false);
    eprintln!("{mb} MB: outputs checked in {:?}", start.elapsed());
    assert!(elapsed < limit, "{mb} MB took {elapsed:?}");
}

#[test]
fn five_megabytes_on_one_line() {
    // About 10 s of it is ingest in a debug build on two cores.
    one_line(5, Duration::from_secs(60));
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "slow in debug; run with cargo test --release -p peertrail-tests --test hostile -- --include-ignored"
)]
fn fifty_megabytes_on_one_line() {
    one_line(50, Duration::from_secs(60));
}

fn bullets(n: usize, limit: Duration) {
    let dir = Scratch::new("bullets");
    let mut text = String::from(
        "# Corporate Peer Challenge\n\n## Corrington City Council\n\n## Key recommendations\n\n",
    );
    for i in 0..n {
        text.push_str(&format!("- Item {i} of the plan.\n"));
    }
    let path = dir.file("bullets.md", &text);
    let start = Instant::now();
    let corpus = load_with_council(&[path], "Corrington City Council");
    assert_eq!(corpus.extractions.len(), 1, "{:#?}", problems(&corpus));
    let (_, outputs) = pipeline(corpus);
    let elapsed = start.elapsed();
    eprintln!("{n} bullets: {elapsed:?}");
    // Graphviz on a million nodes would measure Graphviz, not us.
    check_outputs(&outputs, n <= 1_000);
    assert!(elapsed < limit, "{n} bullets took {elapsed:?}");
}

#[test]
fn ten_thousand_bullets() {
    bullets(10_000, Duration::from_secs(30));
}

/// Bullets under a recommendations heading become recommendations: ingest,
/// the graph and the exporters stay linear in their number (4x the bullets
/// takes about 4x the time; the limit allows 8x).
#[test]
fn bullets_scale_linearly() {
    let time = |n: usize| {
        let mut text = String::from("# Corporate Peer Challenge\n\n## Corrington City Council\n\n12 - 15 March 2024\n\n## Key recommendations\n\n");
        for i in 0..n {
            text.push_str(&format!("- Item {i} of the plan.\n"));
        }
        let start = Instant::now();
        let e = peertrail_ingest::ingest_str(&text, &Default::default()).unwrap();
        let graph = peertrail_graph::Graph::build(vec![e]);
        let _ = crate::support::render_all(graph.dataset());
        start.elapsed()
    };
    // Warm up, then take the best of three of each size: other test
    // binaries share the cores, and one slow run must not fail the check.
    let _ = time(1_000);
    let best = |n| (0..3).map(|_| time(n)).min().unwrap_or_default();
    let small = best(2_500);
    let large = best(10_000);
    eprintln!("2.5k bullets: {small:?}, 10k bullets: {large:?}");
    assert!(
        large < small * 8 + Duration::from_millis(200),
        "4x the bullets took {:.1}x the time",
        large.as_secs_f64() / small.as_secs_f64()
    );
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "slow in debug; run with cargo test --release -p peertrail-tests --test hostile -- --include-ignored"
)]
fn a_million_bullets() {
    bullets(1_000_000, Duration::from_secs(120));
}

#[test]
fn headings_repeated_and_nested() {
    let dir = Scratch::new("headings");
    let mut text = String::from("# Corporate Peer Challenge\n\n## Ashby Vale District Council\n\n");
    for i in 0..20_000 {
        let level = 1 + i % 6;
        text.push_str(&"#".repeat(level));
        text.push_str(" Key recommendations\n");
        if i % 3 == 0 {
            text.push_str("1. Act.\n");
        }
    }
    // A heading marker far longer than any heading level.
    text.push_str(&"#".repeat(100_000));
    text.push_str(" deep\n");
    text.push_str(&"## ".repeat(10_000));
    text.push('\n');
    let path = dir.file("headings.md", &text);
    let start = Instant::now();
    let corpus = load_with_council(&[path], "Ashby Vale District Council");
    assert_eq!(corpus.extractions.len(), 1, "{:#?}", problems(&corpus));
    let (_, outputs) = pipeline(corpus);
    eprintln!("headings: {:?}", start.elapsed());
    check_outputs(&outputs, false);
    assert!(start.elapsed() < Duration::from_secs(20));
}

/// Doubling the input must not much more than double the time: a quadratic
/// step anywhere in ingest shows here long before it shows in the field.
#[test]
fn time_grows_linearly() {
    let time = |n: usize| {
        let mut text = String::from("# Corporate Peer Challenge\n\n## Holmewood Council\n\n");
        for i in 0..n {
            text.push_str(&format!(
                "{}. **Recommendation {i}.** Do the thing.\n\nA paragraph of text.\n\n",
                i + 1
            ));
        }
        let start = Instant::now();
        let e = peertrail_ingest::ingest_str(&text, &peertrail_ingest::IngestOptions::default())
            .unwrap();
        let graph = peertrail_graph::Graph::build(vec![e]);
        let _ = crate::support::render_all(graph.dataset());
        start.elapsed()
    };
    // Warm up, then take the best of three of each size.
    let _ = time(1000);
    let best = |n| (0..3).map(|_| time(n)).min().unwrap_or_default();
    let small = best(5_000);
    let large = best(20_000);
    eprintln!("5k items: {small:?}, 20k items: {large:?}");
    assert!(
        large < small * 8 + Duration::from_millis(200),
        "4x the input took {:.1}x the time",
        large.as_secs_f64() / small.as_secs_f64()
    );
}

/// Times ingest, linking and every exporter on one text.
fn pipeline_time(text: &str) -> Duration {
    let options = peertrail_ingest::IngestOptions {
        meta: peertrail_ingest::Meta {
            council: Some("Holmewood Borough Council".to_string()),
            ..Default::default()
        },
        ..Default::default()
    };
    let start = Instant::now();
    let e = peertrail_ingest::ingest_str(text, &options).unwrap();
    let graph = peertrail_graph::Graph::build(vec![e]);
    let _ = crate::support::render_all(graph.dataset());
    start.elapsed()
}

/// 4x the input in at most 8x the time (best of two, after a warm-up).
fn assert_linear(what: &str, make: impl Fn(usize) -> String, small: usize) {
    let _ = pipeline_time(&make(small / 4));
    let best = |n| {
        (0..2)
            .map(|_| pipeline_time(&make(n)))
            .min()
            .unwrap_or_default()
    };
    let (a, b) = (best(small), best(small * 4));
    eprintln!("{what}: {small} → {a:?}, {} → {b:?}", small * 4);
    assert!(
        b < a * 8 + Duration::from_millis(200),
        "{what}: 4x the input took {:.1}x the time",
        b.as_secs_f64() / a.as_secs_f64()
    );
}

/// Shapes that were once quadratic: review mentions on one line (each
/// looked for its dates across the whole line), markup openers without
/// closers (each looked ahead to the end), and bold-led restatements of one
/// review (each renumbered against all before it).
#[test]
fn once_quadratic_shapes_stay_linear() {
    assert_linear(
        "mentions on one line",
        |n| "the CPC in January 2019 and the panel in May 2018, ".repeat(n),
        4_000,
    );
    assert_linear(
        "markup openers",
        |n| format!("Holmewood Borough Council\n\n{}", "<[".repeat(n)),
        200_000,
    );
    assert_linear(
        "restated bold leads",
        |n| {
            let mut text = String::from(
                "Holmewood Borough Council\n\nLGA Remote Peer Support\n\nOn 9th June 2021 a session was held about the Corporate Peer Challenge of May 2018.\n\nThese recommendations have been significantly progressed:\n\n",
            );
            for i in 0..n {
                text.push_str(&format!(
                    "- **Restate recommendation number {i} with words.** Commentary.\n"
                ));
            }
            text
        },
        1_000,
    );
}
