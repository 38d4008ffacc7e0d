//! Document facts: what a report says about itself — council, kind, dates,
//! peer team, attendees, contacts, references to other reviews, next steps.

use std::collections::BTreeSet;

use peertrail_core::{
    Attendee, Contact, Council, CouncilId, DateSpan, Extraction, Membership, NextStep,
    NextStepKind, Review, ReviewId, ReviewKind, ReviewRef, Warning,
};

use crate::items::Items;
use crate::mentions::{self, mentions};
use crate::segment::{Block, BlockKind};
use crate::text::{contains_ci, find_ci, sentences, squash};
use crate::{council, dates, held, people, IngestError, Meta};

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
    warnings: &mut Vec<Warning>,
) -> Result<DocFacts, IngestError> {
    let name = meta
        .council
        .clone()
        .or_else(|| council::find(blocks))
        .ok_or(IngestError::NoCouncil)?;
    let id = CouncilId::from_name(&name).map_err(|_| IngestError::NoCouncil)?;
    let heads = title_blocks(blocks);
    let kind = meta.kind.unwrap_or_else(|| kind_of(blocks, &heads));
    let title = heads
        .iter()
        .find(|b| !mentions(&b.text).is_empty() || contains_ci(&b.text, "action plan"))
        .map(|b| squash(&b.text));
    let title_date = held::title_date(&heads);
    let held = match meta.held {
        Some(h) => Some(h),
        None if kind == ReviewKind::ActionPlan => held::plan_date(blocks),
        None => title_date.or_else(|| held::held_in_text(blocks, &heads, kind)),
    };
    if held.is_none() && kind != ReviewKind::ActionPlan {
        warnings.push(Warning {
            line: None,
            message: "no date for the review found; it is left undated (a sidecar `held` sets it)"
                .to_string(),
        });
    }
    let review_id = ReviewId::new(&id, kind, held.as_ref());
    let mut references = mentions::references(blocks, &id, kind, held.as_ref());
    let follows = follows(
        &heads,
        &id,
        kind,
        held.as_ref(),
        title_date,
        &mut references,
    );
    let (peers, attendees) = team(blocks);
    let contacts = blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph))
        .filter_map(|b| people::contact(&b.text, b.span))
        .take(1)
        .collect();
    Ok(DocFacts {
        review_id,
        council: Council {
            id,
            name,
            aliases: Vec::new(),
        },
        kind,
        held,
        title,
        follows,
        peers,
        attendees,
        contacts,
        references,
        next_steps: next_steps(blocks),
    })
}

/// The opening blocks before the running text starts: title, council,
/// dates. Ends at the first paragraph of more than 30 words, or after 14
/// blocks.
fn title_area(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .take(14)
        .position(|b| b.text.split_whitespace().count() > 30)
        .unwrap_or_else(|| blocks.len().min(14))
}

/// The title area's blocks; when the first block is already running text
/// (a report flattened onto one line), its first words stand in for it.
fn title_blocks(blocks: &[Block]) -> Vec<Block> {
    let head = title_area(blocks);
    if head > 0 {
        return blocks[..head].to_vec();
    }
    blocks
        .first()
        .map(|first| {
            // Only the opening words: never a copy of a whole flattened report.
            vec![Block {
                kind: first.kind.clone(),
                text: first
                    .text
                    .split_whitespace()
                    .take(14)
                    .collect::<Vec<_>>()
                    .join(" "),
                raw: String::new(),
                lead: None,
                emphasised: false,
                indent: first.indent,
                lines: first.lines,
                span: first.span,
            }]
        })
        .unwrap_or_default()
}

/// The kind, from what the title area calls the document; an action plan
/// is known by its "Proposed Action" blocks.
fn kind_of(blocks: &[Block], heads: &[Block]) -> ReviewKind {
    let proposed = blocks
        .iter()
        .filter(|b| b.text.len() < 40 && squash(&b.text).eq_ignore_ascii_case("proposed action"))
        .count();
    if proposed >= 2
        || heads
            .iter()
            .any(|b| b.text.split_whitespace().count() <= 12 && contains_ci(&b.text, "action plan"))
    {
        return ReviewKind::ActionPlan;
    }
    // The first title line that names a kind decides; within it, the
    // specific before the general: "Corporate Peer Challenge – Progress
    // Review" is a progress review.
    const SPECIFIC_FIRST: [ReviewKind; 6] = [
        ReviewKind::ProgressReview,
        ReviewKind::FollowUpVisit,
        ReviewKind::RecoveryRenewalPanel,
        ReviewKind::RemotePeerSupport,
        ReviewKind::FinancePeerReview,
        ReviewKind::CorporatePeerChallenge,
    ];
    for b in heads {
        let found = mentions(&b.text);
        if let Some(kind) = SPECIFIC_FIRST
            .iter()
            .find(|k| found.iter().any(|m| m.kind == **k))
        {
            return *kind;
        }
    }
    let title: String = heads
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if contains_ci(&title, "check-in") || contains_ci(&title, "six month") {
        return ReviewKind::ProgressReview;
    }
    ReviewKind::OtherPeerReview
}

/// The review a document answers or follows up: for an action plan, the
/// review its title names; for a progress review or follow-up visit, the
/// latest earlier CPC it mentions.
fn follows(
    heads: &[Block],
    council: &CouncilId,
    kind: ReviewKind,
    held: Option<&DateSpan>,
    title_date: Option<DateSpan>,
    references: &mut Vec<ReviewRef>,
) -> Option<ReviewRef> {
    match kind {
        ReviewKind::ActionPlan => {
            let date = title_date?;
            let block = heads
                .iter()
                .find(|b| !dates::find_dates(&b.text, false).is_empty())?;
            let followed = mentions(&block.text)
                .first()
                .map_or(ReviewKind::CorporatePeerChallenge, |m| m.kind);
            let r = ReviewRef {
                review: ReviewId::new(council, followed, Some(&date)),
                kind: followed,
                held: Some(date),
                wording: squash(&block.text),
                span: block.span,
            };
            references
                .retain(|x| !(x.kind == followed && x.held.is_some_and(|h| h.contains(&date))));
            Some(r)
        }
        ReviewKind::ProgressReview | ReviewKind::FollowUpVisit => references
            .iter()
            .filter(|r| r.kind == ReviewKind::CorporatePeerChallenge && r.held.is_some())
            .filter(|r| held.map_or(true, |h| r.held.is_some_and(|d| d.start <= h.start)))
            .max_by_key(|r| r.held)
            .cloned(),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListOf {
    Peers,
    Attendees,
    Other,
}

/// What the paragraph before a list says the list holds.
fn list_of(intro: &str) -> ListOf {
    const ATTENDEES: &[&str] = &[
        "representatives",
        "attendees",
        "attended by",
        "with the following",
        "council participants",
        "attending for",
        "attending from",
        "for the council were",
        "from the council were",
        "met the following",
        "spoke to the following",
    ];
    const PEERS: &[&str] = &[
        "peer team",
        "following team",
        "cpc team",
        "peers who",
        "peers were",
        "team comprised",
        "team was made up",
        "peer challenge team",
        "team members were",
        "following peers",
        "facilitated by",
        "peers took part",
        "peers on the",
        "team were:",
    ];
    if ATTENDEES.iter().any(|c| contains_ci(intro, c)) {
        ListOf::Attendees
    } else if PEERS.iter().any(|c| contains_ci(intro, c)) {
        ListOf::Peers
    } else {
        ListOf::Other
    }
}

/// Peer team and council attendees: lists introduced as such, entries
/// that state a peer position ("Lead Officer Peer: …"), and attendees named
/// in prose ("the discussion involved the Leader, Deputy Leader, …").
fn team(blocks: &[Block]) -> (Vec<Membership>, Vec<Attendee>) {
    let mut peers: Vec<Membership> = Vec::new();
    let mut seen: BTreeSet<peertrail_core::PersonId> = BTreeSet::new();
    let mut attendees = Vec::new();
    let mut context = ListOf::Other;
    for b in blocks {
        let is_item = matches!(b.kind, BlockKind::Bullet);
        // A short paragraph under a "Peer team" heading can be an entry
        // ("Cllr Nadia Price, Leader, Kestrel Down District Council").
        let entry_paragraph = !is_item
            && context == ListOf::Peers
            && matches!(b.kind, BlockKind::Paragraph)
            && b.text.len() < 160
            && !b.text.trim_end().ends_with(['.', ':'])
            && people::parse_entry(&b.text)
                .is_some_and(|e| e.role.is_some() || e.organisation.is_some());
        if !is_item && !entry_paragraph {
            context = if b.text.trim_end().ends_with(':') {
                list_of(&b.text)
            } else if b.is_heading_like() && b.text.split_whitespace().count() <= 5 {
                team_heading(&b.text)
            } else {
                ListOf::Other
            };
            attendees.extend(attendees_in_prose(b));
        }
        let stated = people::parse_entry(&b.text)
            .filter(|e| e.stated_position.is_some() && b.text.len() < 200);
        let entry = match (is_item || entry_paragraph, context) {
            (true, ListOf::Peers) => people::parse_entry(&b.text),
            (true, ListOf::Attendees) => {
                attendees.extend(people::attendee(&b.text, b.span));
                None
            }
            _ => stated,
        };
        if let Some(m) = entry.and_then(|e| people::membership(e, b.span)) {
            if seen.insert(m.person.clone()) {
                peers.push(m);
            }
        }
    }
    (peers, attendees)
}

/// A heading that names the list below it: "The peer team", "Attendees".
fn team_heading(heading: &str) -> ListOf {
    let lower = heading.to_ascii_lowercase();
    if lower.contains("attendee") || lower.contains("who we met") || lower.contains("participants")
    {
        ListOf::Attendees
    } else if lower.contains("peer team") || lower.contains("the team") || lower == "peers" {
        ListOf::Peers
    } else {
        ListOf::Other
    }
}

fn attendees_in_prose(b: &Block) -> Vec<Attendee> {
    const CUES: &[&str] = &[
        "discussion involved the ",
        "session involved the ",
        "panel involved the ",
        "attended by the ",
    ];
    for (_, sentence) in sentences(&b.text) {
        for cue in CUES {
            if let Some(at) = find_ci(sentence, cue) {
                let list = sentence[at + cue.len()..].trim_end_matches(['.', ':']);
                return list
                    .split(", ")
                    .flat_map(|p| p.split(" as well as "))
                    .flat_map(|p| p.split(" and the "))
                    .map(|p| {
                        p.trim()
                            .trim_start_matches("the ")
                            .trim_start_matches("majority of the ")
                            .trim()
                    })
                    .filter(|p| !p.is_empty() && p.split_whitespace().count() <= 8)
                    .map(|role| Attendee {
                        name: None,
                        honorifics: Vec::new(),
                        role: Some(role.to_string()),
                        span: b.span,
                    })
                    .collect();
            }
        }
    }
    Vec::new()
}

/// Next steps the document states: "a follow up visit … within the next
/// 18 – 24 months", "a further peer challenge before March 2026".
fn next_steps(blocks: &[Block]) -> Vec<NextStep> {
    let mut steps: Vec<NextStep> = Vec::new();
    let mut heading = String::new();
    for b in blocks {
        if b.is_heading_like() {
            heading = b.text.clone();
            continue;
        }
        for (_, sentence) in sentences(&b.text) {
            let within = within_months(sentence);
            let before = find_ci(sentence, "before ").and_then(|at| {
                dates::find_dates(&sentence[at..], false)
                    .first()
                    .filter(|d| d.start <= 8)
                    .map(|d| d.span)
            });
            if within.is_none() && before.is_none() {
                continue;
            }
            let Some(kind) = step_kind(sentence)
                .or_else(|| step_kind(&heading))
                .or_else(|| step_kind(&b.text))
            else {
                continue;
            };
            if steps.iter().any(|s| s.kind == kind) {
                continue;
            }
            steps.push(NextStep {
                kind,
                within_months: within,
                before,
                wording: sentence.to_string(),
                span: b.span,
            });
        }
    }
    steps
}

fn step_kind(text: &str) -> Option<NextStepKind> {
    let has = |w: &str| contains_ci(text, w);
    if has("follow up visit") || has("follow-up visit") || has("follow up") {
        Some(NextStepKind::FollowUpVisit)
    } else if has("progress review") || has("check-in") || has("check in") {
        Some(NextStepKind::ProgressReview)
    } else if has("next peer challenge")
        || has("next corporate peer challenge")
        || (has("next") && (has("peer challenge") || has("cpc")))
    {
        Some(NextStepKind::NextPeerChallenge)
    } else if has("action plan") {
        Some(NextStepKind::ActionPlan)
    } else if has("report") && has("publish") {
        Some(NextStepKind::ReportPublication)
    } else {
        None
    }
}

/// "within the next 18 – 24 months" → (18, 24); "within 12 months" → (12, 12).
fn within_months(sentence: &str) -> Option<(u32, u32)> {
    let at = find_ci(sentence, "within ")?;
    let rest = &sentence[at + 7..];
    let rest = rest
        .strip_prefix("the next ")
        .or_else(|| rest.strip_prefix("the "))
        .unwrap_or(rest);
    let words: Vec<&str> = rest.split_whitespace().take(5).collect();
    let num = |w: &str| {
        w.trim_matches(|c: char| !c.is_ascii_digit())
            .parse::<u32>()
            .ok()
            .filter(|&n| n > 0 && n <= 120)
    };
    let months_at = words
        .iter()
        .position(|w| w.to_ascii_lowercase().starts_with("month"))?;
    let numbers: Vec<u32> = words[..months_at]
        .iter()
        .flat_map(|w| w.split(['-', '–']))
        .filter_map(num)
        .collect();
    match numbers.as_slice() {
        [n] => Some((*n, *n)),
        [a, b] if a <= b => Some((*a, *b)),
        _ => None,
    }
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
        let mut seen: BTreeSet<&ReviewId> = BTreeSet::new();
        for r in &references {
            if r.review == self.review_id || !seen.insert(&r.review) {
                continue;
            }
            placeholders.push(Review::placeholder(
                r.review.clone(),
                self.council.id.clone(),
                r.kind,
                r.held,
            ));
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
            review_name: None,
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
