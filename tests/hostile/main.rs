//! Hostile input, faults and determinism: whatever a converter or scraper
//! produced, nothing panics, nothing is lost, and every output stays valid,
//! escaped, contained and byte-identical from run to run.

// A test binary: a panic is how a helper reports a failed check.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod atomic;
mod cli;
mod determinism;
mod documents;
mod escaping;
mod exporters;
mod files;
mod large;
mod memory;
mod props;
mod regressions;
mod support;
