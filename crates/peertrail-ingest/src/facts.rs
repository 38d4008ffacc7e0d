//! Document facts: what a report says about itself — council, kind, dates,
//! peer team, attendees, contacts, references to other reviews, next steps.

use peertrail_core::{
    Attendee, Contact, Council, CouncilId, DateSpan, Extraction, Membership, NextStep, Review,
    ReviewId, ReviewKind, ReviewRef, Warning,
};

use crate::items::Items;
use crate::segment::Block;
use crate::{IngestError, Meta};

/// What a report says about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct DocFacts {
    /// The council reviewed.
    pub council: Council,
    /// The document's id.
    pub review_id: ReviewId,
    /// Its kind.
    pub kind: ReviewKind,
    /// When it was held, if the text says.
    pub held: Option<DateSpan>,
    /// Its title line.
    pub title: Option<String>,
    /// The review it answers or follows up (an action plan's CPC).
    pub follows: Option<ReviewRef>,
    /// Peer team.
    pub peers: Vec<Membership>,
    /// Council attendees.
    pub attendees: Vec<Attendee>,
    /// Contacts.
    pub contacts: Vec<Contact>,
    /// Mentions of other reviews.
    pub references: Vec<ReviewRef>,
    /// Stated next steps.
    pub next_steps: Vec<NextStep>,
}

/// Reads the document facts from `blocks`.
pub fn read(
    blocks: &[Block],
    meta: &Meta,
    _warnings: &mut Vec<Warning>,
) -> Result<DocFacts, IngestError> {
    let name = meta
        .council
        .clone()
        .or_else(|| {
            blocks
                .iter()
                .take(12)
                .find(|b| b.text.contains("Council") && b.text.split_whitespace().count() <= 8)
                .map(|b| b.text.clone())
        })
        .ok_or(IngestError::NoCouncil)?;
    let id = CouncilId::from_name(&name).map_err(|_| IngestError::NoCouncil)?;
    let kind = meta.kind.unwrap_or(ReviewKind::Other);
    let held = meta.held;
    Ok(DocFacts {
        review_id: ReviewId::new(&id, kind, held.as_ref()),
        council: Council {
            id,
            name,
            aliases: Vec::new(),
        },
        kind,
        held,
        title: None,
        follows: None,
        peers: Vec::new(),
        attendees: Vec::new(),
        contacts: Vec::new(),
        references: Vec::new(),
        next_steps: Vec::new(),
    })
}

impl DocFacts {
    /// Assembles the extraction: the review itself, a placeholder for every
    /// review referred to (once per id), and the items.
    pub fn into_extraction(self, source: Option<String>, items: Items) -> Extraction {
        let mut references = self.references;
        references.extend(items.references);
        if let Some(f) = &self.follows {
            references.push(f.clone());
        }
        let mut placeholders: Vec<Review> = Vec::new();
        for r in &references {
            if r.review == self.review_id || placeholders.iter().any(|p| p.id == r.review) {
                continue;
            }
            placeholders.push(Review {
                id: r.review.clone(),
                council: self.council.id.clone(),
                kind: r.kind,
                held: r.held,
                title: None,
                in_corpus: false,
                follows: None,
                peers: Vec::new(),
                attendees: Vec::new(),
                references: Vec::new(),
                next_steps: Vec::new(),
                contacts: Vec::new(),
                source: None,
            });
        }
        placeholders.sort_by(|a, b| a.id.cmp(&b.id));
        references.sort_by(|a, b| (a.span, &a.review).cmp(&(b.span, &b.review)));
        references.dedup();
        let review = Review {
            id: self.review_id,
            council: self.council.id.clone(),
            kind: self.kind,
            held: self.held,
            title: self.title,
            in_corpus: true,
            follows: self.follows.map(|f| f.review),
            peers: self.peers,
            attendees: self.attendees,
            references,
            next_steps: self.next_steps,
            contacts: self.contacts,
            source,
        };
        Extraction {
            council: self.council,
            review,
            placeholders,
            recommendations: items.recommendations,
            actions: items.actions,
            progress: items.progress,
            warnings: Vec::new(),
        }
    }
}
