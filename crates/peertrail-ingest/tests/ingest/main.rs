//! Integration tests of peertrail-ingest: our own trap documents under
//! `docs/`, and the real reports in `../shared/seeds/` (skipped with a
//! message when that folder is absent).

mod common;
mod facts;
mod items;
mod realworld;
mod seeds_facts;
mod seeds_items;
mod shapes;
