//! Hostile input, faults and determinism: whatever a converter or scraper
//! produced, nothing panics, nothing is lost, and every output stays valid,
//! escaped, contained and byte-identical from run to run.

mod atomic;
mod cli;
mod determinism;
mod escaping;
mod exporters;
mod files;
mod large;
mod props;
mod regressions;
mod support;
