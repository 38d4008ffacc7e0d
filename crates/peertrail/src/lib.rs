//! peertrail as a library: reading a corpus from disk, the exporter
//! registry, and atomic output. The `peertrail` binary and `cargo xtask`
//! are thin layers over this crate.
//!
//! Architecture invariant: this is the only crate (with the binaries) that
//! touches the file system; ingest, graph and the exporters are pure.

pub mod corpus;
pub mod due;
pub mod output;
pub mod registry;

pub use corpus::{load, Corpus, FileProblem, LoadOptions};
pub use due::{due_as_of, newest_document};
pub use output::{write_exports, OutputError, Written};
pub use registry::{exporter, exporters, format_names};
