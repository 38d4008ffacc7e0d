//! Assembly: a document's facts and items become one `Extraction` — the
//! review itself, a placeholder for every review it refers to (once per
//! id), and its items. The last step of the pipeline; it reads nothing.

use std::collections::BTreeSet;
use std::sync::Arc;

use peertrail_core::{Extraction, Review, ReviewId, ReviewKind};

use crate::facts::DocFacts;
use crate::items::Items;

/// Assembles the extraction: the review itself, a placeholder for every
/// review referred to (once per id), and the items.
pub fn assemble(facts: DocFacts, source: Option<String>, items: Items) -> Extraction {
    let mut references = facts.references;
    references.extend(items.references);
    // A committee paper is about its review, not a later document
    // referring back to it: the review is what it follows, and a
    // placeholder, but no reference of the paper's own.
    let about = match &facts.follows {
        Some(f) if facts.kind == ReviewKind::CommitteePaper => Some(f.clone()),
        Some(f) => {
            references.push(f.clone());
            None
        }
        None => None,
    };
    let mut placeholders: Vec<Review> = Vec::new();
    let mut seen: BTreeSet<&ReviewId> = BTreeSet::new();
    for r in references.iter().chain(about.as_ref()) {
        if r.review == facts.review_id || !seen.insert(&r.review) {
            continue;
        }
        placeholders.push(Review::placeholder(
            r.review.clone(),
            facts.council.id.clone(),
            r.kind,
            r.held,
        ));
    }
    placeholders.sort_by(|a, b| a.id.cmp(&b.id));
    references.sort_by(|a, b| (a.span, &a.review).cmp(&(b.span, &b.review)));
    references.dedup();
    let review = Review {
        id: facts.review_id,
        council: facts.council.id.clone(),
        kind: facts.kind,
        held: facts.held,
        title: facts.title,
        review_name: facts.review_name,
        in_corpus: true,
        follows: facts.follows.map(|f| f.review),
        peers: facts.peers,
        attendees: facts.attendees,
        references,
        next_steps: facts.next_steps,
        contacts: facts.contacts,
        source,
        joint_councils: facts.joint_councils.iter().map(|c| c.id.clone()).collect(),
        source_url: facts.source_url,
        decided: Vec::new(),
    };
    // Every recommendation was read from this document, its own and the
    // ones it restates: each names the file, sharing one text.
    let mut recommendations = items.recommendations;
    let file: Option<Arc<str>> = review.source.as_deref().map(Arc::from);
    for r in &mut recommendations {
        r.source.clone_from(&file);
    }
    let mut extraction = Extraction {
        council: facts.council,
        joint_councils: facts.joint_councils,
        review,
        placeholders,
        recommendations,
        actions: items.actions,
        progress: items.progress,
        review_progress: items.review_progress,
        warnings: Vec::new(),
    };
    // A corpus holds every extraction until it is linked: lists grown by
    // doubling would leave a third of their room empty on average.
    extraction.shrink_to_fit();
    extraction
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn an_extraction_holds_no_spare_room() {
        let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
        let mut read = 0;
        for name in [
            "marshfield-2018-09-cpc.md",
            "corrington-2019-12-action-plan.txt",
        ] {
            let text = std::fs::read_to_string(corpus.join(name)).unwrap_or_default();
            let e = crate::ingest_str(&text, &crate::IngestOptions::default())
                .unwrap_or_else(|err| panic!("{name}: {err}"));
            assert!(
                !e.recommendations.is_empty() || !e.actions.is_empty(),
                "{name}"
            );
            let rooms = [
                (e.recommendations.len(), e.recommendations.capacity()),
                (e.actions.len(), e.actions.capacity()),
                (e.progress.len(), e.progress.capacity()),
                (e.placeholders.len(), e.placeholders.capacity()),
                (e.review.peers.len(), e.review.peers.capacity()),
                (e.review.references.len(), e.review.references.capacity()),
                (e.review.contacts.len(), e.review.contacts.capacity()),
            ];
            for (i, (len, capacity)) in rooms.into_iter().enumerate() {
                assert_eq!(len, capacity, "{name}: list {i}");
            }
            read += 1;
        }
        assert_eq!(read, 2);
    }
}
