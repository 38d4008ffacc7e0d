//! The date an export judges due items by, and the due items themselves.

use chrono::NaiveDate;
use peertrail_core::{AsOf, Dataset, DueItem};
use peertrail_graph::Graph;

/// The first day of the newest document in the corpus (placeholders, which
/// are only mentioned, do not count); `None` for a corpus with no dated
/// document.
pub fn newest_document(data: &Dataset) -> Option<NaiveDate> {
    data.reviews
        .iter()
        .filter(|r| r.in_corpus)
        .filter_map(|r| r.held.map(|h| h.start))
        .max()
}

/// The as-of date (`given`, else the newest document's date) and what is
/// due as of it; `None` when no date is given and no document is dated.
pub fn due_as_of(graph: &Graph, given: Option<NaiveDate>) -> Option<(AsOf, Vec<DueItem>)> {
    let as_of = match given {
        Some(d) => AsOf::Given(d),
        None => AsOf::NewestDocument(newest_document(graph.dataset())?),
    };
    Some((as_of, graph.due(as_of.date(), None)))
}
