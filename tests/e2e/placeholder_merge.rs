//! A review known only from later documents is a placeholder; adding its
//! own report to the corpus merges the placeholder and the recommendations
//! restated from it into the real review, with nothing duplicated.

use peertrail_tests::{corpus_dir, dataset};

#[test]
fn adding_the_real_report_merges_its_placeholder() {
    let remote = corpus_dir().join("marshfield-2021-03-remote-support.txt");
    let cpc = corpus_dir().join("marshfield-2018-09-cpc.md");

    let alone = dataset(std::slice::from_ref(&remote));
    let placeholder = alone
        .reviews
        .iter()
        .find(|r| r.id.as_str() == "marshfield/2018-09-cpc")
        .expect("the CPC of September 2018 is a placeholder while its report is absent");
    assert!(!placeholder.in_corpus);
    let restated: Vec<&str> = alone
        .recommendations
        .iter()
        .filter(|r| r.review.as_str() == "marshfield/2018-09-cpc")
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(restated.len(), 5, "{restated:?}");

    let both = dataset(&[remote, cpc]);
    assert!(
        both.reviews
            .iter()
            .all(|r| r.id.as_str() != "marshfield/2018-09-cpc"),
        "the placeholder is gone"
    );
    let real: Vec<&str> = both
        .recommendations
        .iter()
        .filter(|r| r.review.as_str() == "marshfield/2018-09-11-cpc")
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(
        real.len(),
        6,
        "the report's six, no restated duplicates: {real:?}"
    );
    // Statuses now reach the real recommendations.
    let progressed = both
        .progress
        .iter()
        .filter(|p| {
            p.recommendation
                .as_str()
                .starts_with("marshfield/2018-09-11-cpc#")
        })
        .count();
    assert_eq!(progressed, 5);
    // And the remote session's restatements link to them.
    let restates = both
        .links
        .iter()
        .filter(|l| {
            l.kind == peertrail_core::LinkKind::Restates
                && l.to.as_str().starts_with("marshfield/2018-09-11-cpc#")
        })
        .count();
    assert_eq!(restates, 5);
}
