//! The result does not depend on input order.

use crate::{build, corpus};

#[test]
fn shuffled_input_gives_an_identical_dataset() {
    let docs = corpus::all();
    let reference = build(docs.clone()).dataset().clone();
    let n = docs.len();
    for seed in 1..8usize {
        let mut shuffled = docs.clone();
        // A deterministic permutation per seed.
        for i in (1..n).rev() {
            shuffled.swap(i, (i * 7 + seed * 13) % (i + 1));
        }
        shuffled.rotate_left(seed % n);
        assert_eq!(build(shuffled).dataset(), &reference, "seed {seed}");
    }
    assert_eq!(
        build(docs.into_iter().rev().collect()).dataset(),
        &reference
    );
}

#[test]
fn synthetic_corpora_are_deterministic_too() {
    let docs = peertrail_testkit::synthetic_corpus(60, 7);
    let a = build(docs.clone()).dataset().clone();
    let b = build(docs.into_iter().rev().collect()).dataset().clone();
    assert_eq!(a, b);
}

/// Linking runs on every thread rayon has; the result must be the one a
/// single thread gives, byte for byte, whatever the pool.
#[test]
fn one_thread_and_many_give_byte_identical_output() {
    let docs = peertrail_testkit::synthetic_corpus(400, 11);
    let in_pool = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let g = build(docs.clone());
            (
                serde_json::to_string(g.dataset()).unwrap(),
                format!("{:?}", g.warnings()),
            )
        })
    };
    let one = in_pool(1);
    let data = &one.0;
    // The corpus exercises every linker that runs in parallel.
    for kind in [
        "\"restates\"",
        "\"responds\"",
        "\"recurs\"",
        "\"follows\"",
        "\"reports_progress\"",
        "\"similar_theme\"",
    ] {
        assert!(data.contains(kind), "no {kind} link to compare");
    }
    for threads in [2, 8] {
        assert!(in_pool(threads) == one, "{threads} threads differ from one");
    }
    let default = build(docs);
    assert!(serde_json::to_string(default.dataset()).unwrap() == one.0);
}

/// Built without `similar_theme` links, a corpus is the same data set
/// with those links left out: nothing else depends on them.
#[test]
fn leaving_out_similar_theme_links_changes_nothing_else() {
    let docs = peertrail_testkit::synthetic_corpus(200, 5);
    let mut all = build(docs.clone()).dataset().clone();
    let options = peertrail_graph::BuildOptions {
        similar_theme: false,
    };
    let without = peertrail_graph::Graph::build_with(docs, options);
    let before = all.links.len();
    all.links
        .retain(|l| l.kind != peertrail_core::LinkKind::SimilarTheme);
    assert!(
        all.links.len() < before,
        "no similar_theme link to leave out"
    );
    assert_eq!(without.dataset(), &all);
}
