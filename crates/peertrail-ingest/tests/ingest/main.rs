//! Integration tests of peertrail-ingest: report shapes as data (our own
//! documents under `shapes/`, each with its snapshot), input that is not a
//! report's extraction, and the real reports in `../shared/` (skipped with
//! a message when that folder is absent).

mod common;
mod input;
mod realworld;
mod seeds_facts;
mod seeds_items;
mod shapes;
