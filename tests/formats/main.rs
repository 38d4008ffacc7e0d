//! PDF, Word and web page forms of the same reports, written at test time
//! from their text, read like the text: the same council, kind, dates,
//! peers, recommendations, actions, statuses and links; PDF items cite
//! their page.

// A test binary: a panic is how a helper reports a failed check.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod corpus;
mod features;
mod seeds;
mod support;
