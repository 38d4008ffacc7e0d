//! End-to-end tests: the sample corpus through ingest, graph and every
//! exporter, pinned by snapshots; determinism; the JSON round trip.

mod contract;
mod determinism;
mod html;
mod placeholder_merge;
mod roundtrip;
mod snapshots;
mod trails;
