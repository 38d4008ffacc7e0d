//! Every file of every format on the sample corpus, pinned byte for byte.
//! A changed column, key or edge fails here until the snapshot is reviewed.

use peertrail_tests::{corpus_dir, dataset, render};

#[test]
fn every_format_on_the_sample_corpus() {
    let data = dataset(&[corpus_dir()]);
    for exporter in peertrail::exporters() {
        if exporter.target() != peertrail_core::Target::Stream || exporter.name() == "xlsx" {
            continue; // pinned by html.rs, and by the crates' read-back tests
        }
        for file in exporter.files() {
            let name = format!("corpus__{}__{}", exporter.name(), file.replace('.', "_"));
            insta::assert_snapshot!(name, render(&data, exporter.name(), file));
        }
    }
}
