//! The `peertrail` binary as a user runs it: arguments, exit codes, stdout,
//! stderr and the files it writes.

mod export;
mod ingest;
mod support;
