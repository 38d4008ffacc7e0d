//! Every exporter writes every file it declares: the other checks skip a
//! file an exporter does not write yet, and this test keeps that honest.

use peertrail_core::{ExportContext, MemoryFolder, Target};

use crate::support::SAMPLE;

#[test]
fn every_exporter_writes_every_file_it_lists() {
    let e = peertrail_ingest::ingest_str(SAMPLE, &Default::default()).unwrap();
    let graph = peertrail_graph::Graph::build(vec![e]);
    let ctx = ExportContext::new(graph.dataset());
    let mut missing = Vec::new();
    for exporter in peertrail::exporters() {
        for file in exporter.files() {
            let scratch = peertrail_tests::scratch("writes-every-file");
            let written = match exporter.target() {
                Target::Folder => exporter.write_folder(file, &ctx, &mut MemoryFolder::default()),
                Target::Path => exporter.write_path(file, &ctx, &scratch.join(file)),
                _ => exporter.write(file, &ctx, &mut Vec::new()),
            };
            let _ = std::fs::remove_dir_all(&scratch);
            if let Err(e) = written {
                missing.push(format!("{}/{file}: {e}", exporter.name()));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}
