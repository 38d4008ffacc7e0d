//! Integration tests of the graph: build from hand-built extractions,
//! assert on the resulting `Dataset` and queries.

// Test helpers build fixed, valid data: a failure is a bug in the test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod builder;
mod corpus;
mod determinism;
mod due;
mod eval;
mod identity;
mod links;
mod over_time;
mod placeholders;
mod queries;
mod scale;
mod updates;

use std::fmt::Write as _;

use peertrail_core::{Dataset, Extraction, LinkKind};
use peertrail_graph::Graph;

/// Builds the graph from `docs`.
pub fn build(docs: Vec<Extraction>) -> Graph {
    Graph::build(docs)
}

/// A compact, line-per-fact summary of a data set, for data-driven checks:
/// reviews, recommendations with status, actions, links (no similar_theme).
pub fn summary(data: &Dataset) -> String {
    let mut s = String::new();
    for r in &data.reviews {
        let _ = writeln!(
            s,
            "review {} {}{}",
            r.id,
            r.kind.as_str(),
            if r.in_corpus { "" } else { " placeholder" }
        );
    }
    for r in &data.recommendations {
        let latest = r.latest.as_deref().map_or("-".to_string(), |l| {
            format!("{}@{}", l.status.as_str(), l.review)
        });
        let _ = writeln!(
            s,
            "rec {} latest={latest}{}",
            r.id,
            if r.silent { " silent" } else { "" }
        );
    }
    for a in &data.actions {
        let rec = a.recommendation.as_ref().map_or("-", |r| r.as_str());
        let _ = writeln!(s, "action {} -> {rec}", a.id);
    }
    for l in &data.links {
        if l.kind != LinkKind::SimilarTheme {
            let _ = writeln!(
                s,
                "link {} {} -> {} ({} {})",
                l.kind.as_str(),
                l.from,
                l.to,
                l.evidence.rule,
                l.confidence
            );
        }
    }
    s
}

/// The lines of `summary` starting with `prefix`.
pub fn lines(data: &Dataset, prefix: &str) -> Vec<String> {
    summary(data)
        .lines()
        .filter(|l| l.starts_with(prefix))
        .map(str::to_string)
        .collect()
}
