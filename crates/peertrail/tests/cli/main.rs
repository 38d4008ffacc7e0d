//! The `peertrail` binary as a user runs it: arguments, exit codes, stdout,
//! stderr and the files it writes.

// Test helpers panic on purpose: a failed set-up is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cache;
mod export;
mod ingest;
mod query;
mod seeds;
mod snapshots;
mod support;
mod tracker;
mod workbook;
