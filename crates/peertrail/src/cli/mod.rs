//! The binary's commands beyond `ingest` and `export`: the questions asked
//! of a linked corpus, and the look-ups that turn what the user typed into
//! domain ids.

pub mod decide;
pub mod links;
pub mod progress;
pub mod query;
pub(crate) mod suggest;
