//! peertrail as a library: reading a corpus from disk, the exporter
//! registry, and atomic output. The `peertrail` binary and `cargo xtask`
//! are thin layers over this crate.
//!
//! Architecture invariant: this is the only crate (with the binaries) that
//! touches the file system; ingest, graph and the exporters are pure.

#![warn(missing_docs)]

pub mod cache;
pub mod corpus;
pub mod decisions;
pub mod due;
pub mod manifest;
pub mod output;
pub mod registry;
pub mod render;
pub mod sidecar;
pub mod timings;

pub use corpus::{load, load_observed, scan, Corpus, FileProblem, LoadEvent, LoadOptions, Scan};
pub use decisions::{
    append_decisions, apply_decisions, decisions_path, link, link_with, read_decisions,
    DecisionsFile, DecisionsFileError, Linked,
};
pub use due::{due_as_of, newest_document};
pub use output::{write_exports, OutputError, Written};
pub use registry::{exporter, exporters, format_names};

/// How many unknown councils [`unknown_councils_note`] names before it
/// says how many more there are: a summary line, not a listing.
const UNKNOWN_COUNCILS_NAMED: usize = 10;

/// A one-line note naming the councils the gazetteer of English local
/// authorities does not know (their names are used as written: fictional,
/// newly created, or misread), or `None` when it knows them all. The first
/// few are named; `councils.csv` lists them all.
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
    let named = unknown.len().min(UNKNOWN_COUNCILS_NAMED);
    let more = match unknown.len() - named {
        0 => String::new(),
        n => format!(" and {n} more (councils.csv has no gazetteer code for them)"),
    };
    Some(format!(
        "{} council(s) not in the gazetteer of English local authorities, named as written: {}{more}",
        unknown.len(),
        unknown[..named].join(", ")
    ))
}
