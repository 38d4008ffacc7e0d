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
