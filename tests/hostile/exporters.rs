//! Every exporter writes every file it declares: the other checks skip a
//! file an exporter does not write yet, and this test keeps that honest.

use peertrail_core::ExportContext;

use crate::support::SAMPLE;

#[test]
fn every_exporter_writes_every_file_it_lists() {
    let e = peertrail_ingest::ingest_str(SAMPLE, &Default::default()).unwrap();
    let graph = peertrail_graph::Graph::build(vec![e]);
    let ctx = ExportContext::new(graph.dataset());
    let mut missing = Vec::new();
    for exporter in peertrail::exporters() {
        for file in exporter.files() {
            if let Err(e) = exporter.write(file, &ctx, &mut Vec::new()) {
                missing.push(format!("{}/{file}: {e}", exporter.name()));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}
