//! Assembly: a document's facts and items become one `Extraction` — the
//! review itself, a placeholder for every review it refers to (once per
//! id), and its items. The last step of the pipeline; it reads nothing.

use std::collections::BTreeSet;

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
    Extraction {
        council: facts.council,
        joint_councils: facts.joint_councils,
        review,
        placeholders,
        recommendations: items.recommendations,
        actions: items.actions,
        progress: items.progress,
        review_progress: items.review_progress,
        warnings: Vec::new(),
    }
}
