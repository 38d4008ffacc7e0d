//! Linking time grows near-linearly. Run with
//! `cargo test --release -p peertrail-graph --test graph -- --ignored --nocapture scale`.

use std::time::Instant;

use crate::build;

/// The best of three builds (the least disturbed by other work on the
/// machine), in seconds.
fn time(reviews: usize) -> f64 {
    let docs = peertrail_testkit::synthetic_corpus(reviews, 42);
    let mut secs = f64::MAX;
    let mut g = build(Vec::new());
    for _ in 0..3 {
        let start = Instant::now();
        g = build(docs.clone());
        secs = secs.min(start.elapsed().as_secs_f64());
    }
    eprintln!(
        "{reviews} reviews: {secs:.3}s, {} recommendations, {} links",
        g.dataset().recommendations.len(),
        g.dataset().links.len()
    );
    secs
}

#[test]
fn synthetic_corpus_links_completely() {
    let g = build(peertrail_testkit::synthetic_corpus(50, 1));
    let data = g.dataset();
    assert_eq!(data.reviews.iter().filter(|r| r.in_corpus).count(), 50);
    // Progress reviews restate the CPC: no placeholder CPCs remain.
    assert!(data
        .reviews
        .iter()
        .all(|r| r.in_corpus || r.kind == peertrail_core::ReviewKind::RecoveryRenewalPanel));
    assert!(data.actions.iter().all(|a| a.recommendation.is_some()));
}

#[test]
#[ignore = "timing; run in release"]
fn scale_10x_reviews_in_at_most_12x_time() {
    let _warm = time(200);
    let small = time(1_000);
    let large = time(10_000);
    let ratio = large / small;
    eprintln!("ratio {ratio:.2}");
    assert!(ratio <= 12.0, "ratio {ratio:.2}");
}
