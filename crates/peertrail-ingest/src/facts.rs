//! Document facts: what a report says about itself — council, kind, dates,
//! peer team, attendees, contacts, references to other reviews, next steps.

use std::borrow::Cow;

use peertrail_core::{
    Attendee, Contact, Council, CouncilId, DateSpan, Membership, NextStep, NextStepKind, ReviewId,
    ReviewKind, ReviewRef, Warning,
};

use crate::cues::Set;
use crate::mentions::{self, mentions_in};
use crate::segment::{Block, BlockKind, Extra};
use crate::text::{contains_ci, find_ci, sentences, squash, Phrases};
use crate::{council, dates, held, kind, people, team, IngestError, Meta};

/// What a report says about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct DocFacts {
    /// The council reviewed.
    pub council: Council,
    /// Further councils of a joint review.
    pub joint_councils: Vec<Council>,
    /// The address the document was published at, where known.
    pub source_url: Option<String>,
    /// The document's id.
    pub review_id: ReviewId,
    /// Its kind.
    pub kind: ReviewKind,
    /// The review's own name, for the LGA's other peer reviews (for a
    /// paper or plan, of the review it is about).
    pub review_name: Option<String>,
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
    let found = subject(blocks, meta, warnings)?;
    let mut council = found.council().ok_or(IngestError::NoCouncil)?;
    // Predecessors a sidecar names join those the gazetteer knows.
    for name in &meta.predecessors {
        if let Some(p) = council::canonical(name).council() {
            if p.id != council.id && !council.predecessors.contains(&p.id) {
                council.predecessors.push(p.id);
            }
        }
    }
    council.predecessors.sort();
    let joint_councils = found.joint_councils();
    let id = council.id.clone();
    let heads = title_blocks(blocks);
    let reading = kind::read(blocks, &heads);
    let kind = meta.kind.unwrap_or(reading.kind);
    let title = heads
        .iter()
        .find(|b| !mentions_in(b).is_empty() || contains_ci(&b.text, "action plan"))
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
    let mut references = mentions::references(blocks, &id, kind, held.as_ref());
    let follows = follows(
        &heads,
        &id,
        kind,
        held.as_ref(),
        title_date,
        &mut references,
    )
    .or_else(|| about(&heads, &id, kind, reading.about, held.as_ref(), &references));
    // A committee paper is dated by the review it reports on, as its text
    // gives no visit of its own.
    let held = match (kind, held, &follows) {
        (ReviewKind::CommitteePaper, None, Some(f)) => f.held,
        (_, held, _) => held,
    };
    let review_id = ReviewId::new(&id, kind, held.as_ref());
    // The review a paper or plan is about is what it follows, not a
    // reference of its own.
    if let Some(f) = follows.as_ref().filter(|_| reading.about.is_some()) {
        references.retain(|r| {
            !(r.kind == f.kind
                && match (r.held, f.held) {
                    (Some(a), Some(b)) => overlaps(&a, &b),
                    _ => true,
                })
        });
    }
    let (peers, attendees) = team::team(blocks);
    let contacts = blocks
        .iter()
        .filter(|b| {
            matches!(b.kind, BlockKind::Paragraph) && b.holds(Set::Contact, 0..b.text.len())
        })
        .filter_map(|b| people::contact(&b.text, b.span()))
        .take(1)
        .collect();
    Ok(DocFacts {
        review_id,
        council,
        joint_councils,
        source_url: meta.url.clone(),
        kind,
        review_name: reading.review_name,
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

/// The council a document is about. A council given from outside (a
/// sidecar, `--council`) decides. Otherwise the page's address decides when
/// it is on a council's own site (a council's site publishes its own
/// reviews), with a warning when the text names another council as its
/// subject; then the text (see `council::find`).
fn subject(
    blocks: &[Block],
    meta: &Meta,
    warnings: &mut Vec<Warning>,
) -> Result<council::Found, IngestError> {
    if let Some(given) = &meta.council {
        return Ok(council::canonical(given));
    }
    let from_text = council::find(blocks);
    let from_url = meta.url.as_deref().and_then(council::from_url);
    match (from_url, from_text) {
        (Some(url), Some(text)) => {
            let same = url.code.is_some()
                && (url.code == text.code || url.code.is_some_and(|c| text.joint.contains(&c)));
            if same {
                return Ok(text);
            }
            warnings.push(Warning {
                line: None,
                message: format!(
                    "the text names {} but the page is on the web site of {}; taking {}",
                    text.name, url.name, url.name
                ),
            });
            Ok(url)
        }
        (Some(url), None) => Ok(url),
        // A council the gazetteer does not know keeps its written name; the
        // export summary lists such councils once, not once per file.
        (None, Some(text)) => Ok(text),
        (None, None) => Err(IngestError::NoCouncil),
    }
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
fn title_blocks<'a>(blocks: &[Block<'a>]) -> Vec<Block<'a>> {
    let head = title_area(blocks);
    if head > 0 {
        return blocks[..head].to_vec();
    }
    blocks
        .first()
        .map(|first| {
            // Only the opening words: never a copy of a whole flattened report.
            let words = first
                .text
                .split_whitespace()
                .take(14)
                .collect::<Vec<_>>()
                .join(" ");
            // Marked, with no marked-up text of its own: rules that read
            // the markup find none.
            let extra = Extra {
                raw: Some(Cow::Borrowed("")),
                ..Extra::default()
            };
            let mut block = Block::new(
                first.kind.clone(),
                words.into(),
                Some(Box::new(extra)),
                first.span(),
            );
            block.indent = first.indent;
            block.lines = first.lines;
            vec![block]
        })
        .unwrap_or_default()
}

fn overlaps(a: &DateSpan, b: &DateSpan) -> bool {
    a.start <= b.end && b.start <= a.end
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
            let followed = mentions_in(block)
                .first()
                .map_or(ReviewKind::CorporatePeerChallenge, |m| m.kind);
            let r = ReviewRef {
                review: ReviewId::new(council, followed, Some(&date)),
                kind: followed,
                held: Some(date),
                wording: squash(&block.text),
                span: block.span(),
            };
            references
                .retain(|x| !(x.kind == followed && x.held.is_some_and(|h| h.contains(&date))));
            Some(r)
        }
        ReviewKind::ProgressReview | ReviewKind::FollowUpVisit => references
            .iter()
            .filter(|r| r.kind == ReviewKind::CorporatePeerChallenge && r.held.is_some())
            .filter(|r| held.is_none_or(|h| r.held.is_some_and(|d| d.start <= h.start)))
            .max_by_key(|r| r.held)
            .cloned(),
        _ => None,
    }
}

/// The review a committee paper (or an action plan whose title gives no
/// date) is about, of the kind the text names: the dated mention of that
/// kind that overlaps the document's own date, else the latest dated one,
/// else one held when the text says the review took place.
fn about(
    heads: &[Block],
    council: &CouncilId,
    kind: ReviewKind,
    about: Option<ReviewKind>,
    held: Option<&DateSpan>,
    references: &[ReviewRef],
) -> Option<ReviewRef> {
    if !matches!(kind, ReviewKind::CommitteePaper | ReviewKind::ActionPlan) {
        return None;
    }
    let about = about?;
    let of_kind = references.iter().filter(|r| r.kind == about);
    // A paper about a review yet to take place follows nothing; the
    // planned review stays a reference of its own.
    if of_kind.clone().any(|r| held::is_planned(&r.wording)) {
        return None;
    }
    let dated = of_kind.filter(|r| r.held.is_some());
    let overlapping = dated
        .clone()
        .find(|r| matches!((r.held, held), (Some(a), Some(b)) if overlaps(&a, b)));
    if let Some(found) = overlapping.or_else(|| dated.max_by_key(|r| r.held)) {
        return Some(found.clone());
    }
    let block = heads.first()?;
    Some(ReviewRef {
        review: ReviewId::new(council, about, held),
        kind: about,
        held: held.copied(),
        wording: squash(&block.text),
        span: block.span(),
    })
}

/// The words that time a next step: "within 18 months", "before March".
const WITHIN: &str = "within ";
const BEFORE: &str = "before ";
static STEP_TIMING: Phrases = Phrases::new(&[WITHIN, BEFORE]);

/// [`STEP_TIMING`], for the shared scan ([`crate::cues`]): every block is
/// asked whether it times a next step.
pub(crate) fn step_timing() -> &'static Phrases {
    &STEP_TIMING
}

/// Next steps the document states: "a follow up visit … within the next
/// 18 – 24 months", "a further peer challenge before March 2026".
fn next_steps(blocks: &[Block]) -> Vec<NextStep> {
    let mut steps: Vec<NextStep> = Vec::new();
    let mut heading = String::new();
    for b in blocks {
        if b.is_heading_like() {
            heading = b.text.to_string();
            continue;
        }
        // A step is timed ("within", "before"): a block without either
        // word is not split into sentences.
        if !b.holds(Set::StepTiming, 0..b.text.len()) {
            continue;
        }
        for (_, sentence) in sentences(&b.text) {
            let within = within_months(sentence);
            let before = find_ci(sentence, BEFORE).and_then(|at| {
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
                span: b.span(),
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
    let at = find_ci(sentence, WITHIN)?;
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
