//! Fuzz target: any bytes through ingest and, when they read as a report,
//! the graph and every exporter. A panic anywhere is a bug.

#![no_main]

use libfuzzer_sys::fuzz_target;
use peertrail_core::ExportContext;
use peertrail_graph::Graph;
use peertrail_ingest::{ingest_bytes, IngestOptions};

fuzz_target!(|bytes: &[u8]| {
    let options = IngestOptions {
        source: Some("fuzz.txt".into()),
        ..IngestOptions::default()
    };
    let Ok(extraction) = ingest_bytes(bytes, &options) else {
        return;
    };
    let graph = Graph::build(vec![extraction]);
    let ctx = ExportContext::new(graph.dataset());
    for exporter in peertrail::exporters() {
        for file in exporter.files() {
            let mut out = Vec::new();
            // A stub exporter's error is not a crash; a panic is.
            if exporter.write(file, &ctx, &mut out).is_ok() && file.ends_with(".json") {
                assert!(std::str::from_utf8(&out).is_ok());
            }
        }
    }
});
