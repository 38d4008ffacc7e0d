//! The JSON document reads back into the core types losslessly.

use peertrail_core::Dataset;
use peertrail_tests::{corpus_dir, dataset, render};

#[test]
fn json_reads_back_into_the_same_dataset() {
    let data = dataset(&[corpus_dir()]);
    assert!(
        !data.recommendations.is_empty(),
        "the corpus yields recommendations"
    );
    let json = render(&data, "json", "peertrail.json");
    let back: Dataset = serde_json::from_str(&json).expect("the JSON export decodes as a Dataset");
    // `similar_theme` links are exported only on request.
    let mut expected = data.clone();
    expected
        .links
        .retain(|l| l.kind != peertrail_core::LinkKind::SimilarTheme);
    assert_eq!(back, expected);
    // And writing it again gives the same bytes.
    assert_eq!(render(&back, "json", "peertrail.json"), json);
}
