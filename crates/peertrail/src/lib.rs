//! peertrail as a library: reading a corpus from disk, the exporter
//! registry, and atomic output. The `peertrail` binary and `cargo xtask`
//! are thin layers over this crate.
//!
//! Architecture invariant: this is the only crate (with the binaries) that
//! touches the file system; ingest, graph and the exporters are pure.

#![warn(missing_docs)]

pub mod corpus;
pub mod decisions;
pub mod due;
pub mod output;
pub mod registry;
pub mod render;
pub mod sidecar;

pub use corpus::{load, Corpus, FileProblem, LoadOptions};
pub use decisions::{
    append_decisions, apply_decisions, decisions_path, link, read_decisions, DecisionsFile,
    DecisionsFileError, Linked,
};
pub use due::{due_as_of, newest_document};
pub use output::{write_exports, OutputError, Written};
pub use registry::{exporter, exporters, format_names};

/// A one-line note naming the councils the gazetteer of English local
/// authorities does not know (their names are used as written: fictional,
/// newly created, or misread), or `None` when it knows them all.
pub fn unknown_councils_note(data: &peertrail_core::Dataset) -> Option<String> {
    let unknown: Vec<&str> = data
        .councils
        .iter()
        .filter(|c| c.code.is_none())
        .map(|c| c.id.as_str())
        .collect();
    if unknown.is_empty() {
        return None;
    }
    Some(format!(
        "{} council(s) not in the gazetteer of English local authorities, named as written: {}",
        unknown.len(),
        unknown.join(", ")
    ))
}
