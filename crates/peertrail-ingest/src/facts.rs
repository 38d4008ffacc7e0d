//! Document facts: what a report says about itself — council, kind, dates,
//! peer team, attendees, contacts, references to other reviews, next steps.

use std::collections::BTreeSet;

use peertrail_core::{
    Attendee, Contact, Council, CouncilId, DateSpan, Membership, NextStep, NextStepKind, ReviewId,
    ReviewKind, ReviewRef, Warning,
};

use crate::mentions::mentions;
use crate::segment::{Block, BlockKind};
use crate::text::{contains_ci, find_ci, sentences, squash};
use crate::{council, dates, kind, people, team, IngestError, Meta};

/// What a report says about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct DocFacts {
    /// The council reviewed.
    pub council: Council,
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
    let found = match &meta.council {
        Some(given) => council::canonical(given),
        None => council::find(blocks).ok_or(IngestError::NoCouncil)?,
    };
    let name = found.name.clone();
    let id = CouncilId::from_name(&name).map_err(|_| IngestError::NoCouncil)?;
    let heads = title_blocks(blocks);
    let reading = kind::read(blocks, &heads);
    let kind = meta.kind.unwrap_or(reading.kind);
    let title = heads
        .iter()
        .find(|b| !mentions(&b.text).is_empty() || contains_ci(&b.text, "action plan"))
        .map(|b| squash(&b.text));
    let title_date = title_date(&heads);
    let held = match meta.held {
        Some(h) => Some(h),
        None if kind == ReviewKind::ActionPlan => plan_date(blocks),
        None => title_date.or_else(|| held_in_text(blocks, title_year(&heads))),
    };
    if held.is_none() && kind != ReviewKind::ActionPlan {
        warnings.push(Warning {
            line: None,
            message: "no date for the review found; it is left undated (a sidecar `held` sets it)"
                .to_string(),
        });
    }
    let review_id = ReviewId::new(&id, kind, held.as_ref());
    let mut references = references(blocks, &id, kind, held.as_ref());
    let follows = follows(
        &heads,
        &id,
        kind,
        held.as_ref(),
        title_date,
        &mut references,
    )
    .or_else(|| about(&heads, &id, kind, reading.about, held.as_ref()));
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
                breaks: Vec::new(),
                span: first.span,
            }]
        })
        .unwrap_or_default()
}

/// Words that make a date a decoy: when something was published, met or
/// is due, not when the review took place.
const DECOY_WORDS: &[&str] = &[
    "publish",
    "meeting",
    "deadline",
    "due ",
    " by ",
    "issued",
    "printed",
    "updated",
    "report date",
    "agenda",
    "committee",
    "submitted",
    "approved",
    "version",
];

fn is_decoy(text: &str) -> bool {
    DECOY_WORDS.iter().any(|w| contains_ci(text, w))
}

/// A short line of the title area that is (mostly) a date.
fn title_date(head: &[Block]) -> Option<DateSpan> {
    head.iter()
        .filter(|b| b.text.split_whitespace().count() <= 14 && !is_decoy(&b.text))
        .find_map(|b| dates::find_dates(&b.text, false).first().map(|d| d.span))
}

/// "On 9th June 2021, the LGA held …", "The review took place online on
/// the 14th March 2023", "The panel met in 2020". A day
/// written without its year ("from 8th to 11th November") takes the year
/// the title area states, if it states exactly one.
fn held_in_text(blocks: &[Block], title_year: Option<i32>) -> Option<DateSpan> {
    const CUES: &[&str] = &[
        "took place",
        "held",
        "facilitated",
        "undertook",
        "visited",
        "were on site",
        "onsite",
        "on-site",
        "on site",
        "met ",
        "session",
        "took part",
    ];
    for b in blocks
        .iter()
        .take(40)
        .filter(|b| matches!(b.kind, BlockKind::Paragraph))
    {
        for (_, sentence) in sentences(&b.text) {
            if is_decoy(sentence) {
                continue;
            }
            let starts_on = sentence.starts_with("On ") || sentence.starts_with("Between ");
            if !starts_on && !CUES.iter().any(|c| contains_ci(sentence, c)) {
                continue;
            }
            let mut found = dates::find_dates(sentence, true);
            // A sentence that dates a review is short; a longer one is not
            // worth rewriting with the title's year.
            if found.is_empty() && sentence.len() <= 2000 {
                if let Some(year) = title_year {
                    found = dates::find_dates(&with_year(sentence, year), false);
                }
            }
            found.sort_by_key(|d| d.span.precision);
            if let Some(d) = found.first() {
                return Some(d.span);
            }
        }
    }
    None
}

/// The sentence with `year` written after every month name that lacks one.
fn with_year(sentence: &str, year: i32) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let mut out = Vec::with_capacity(words.len() + 2);
    for (i, w) in words.iter().enumerate() {
        out.push((*w).to_string());
        let bare = w.trim_end_matches(|c: char| !c.is_alphabetic());
        let next_is_year = words.get(i + 1).is_some_and(|n| {
            n.as_bytes()
                .iter()
                .take(4)
                .filter(|b| b.is_ascii_digit())
                .count()
                == 4
        });
        if MONTHS.contains(&bare) && !next_is_year {
            let tail = &w[bare.len()..];
            if let Some(last) = out.last_mut() {
                *last = format!("{bare} {year}{tail}");
            }
        }
    }
    out.join(" ")
}

/// An action plan's own date: when it was agreed, approved or adopted
/// ("Agreed by Cabinet on 11th December 2019"). The dates of the review
/// it answers are not its date.
fn plan_date(blocks: &[Block]) -> Option<DateSpan> {
    const CUES: &[&str] = &["agreed", "approved", "adopted", "dated", "signed off"];
    blocks
        .iter()
        .take(20)
        .filter(|b| CUES.iter().any(|c| contains_ci(&b.text, c)))
        .flat_map(|b| sentences(&b.text))
        .filter(|(_, sentence)| CUES.iter().any(|c| contains_ci(sentence, c)))
        .find_map(|(_, sentence)| {
            dates::find_dates(sentence, false)
                .into_iter()
                .find(|d| {
                    d.span.precision == peertrail_core::Precision::Day && d.span.start == d.span.end
                })
                .map(|d| d.span)
        })
}

/// The one year the title area states ("Corporate Peer Challenge 2021").
fn title_year(head: &[Block]) -> Option<i32> {
    let mut years: Vec<i32> = head
        .iter()
        .flat_map(|b| dates::find_dates(&b.text, true))
        .map(|d| chrono::Datelike::year(&d.span.start))
        .collect();
    years.dedup();
    match years.as_slice() {
        [y] => Some(*y),
        _ => None,
    }
}

/// Earlier reviews the text mentions, deduplicated, most precise mention
/// kept. The document itself and reviews after it are not references.
fn references(
    blocks: &[Block],
    council: &CouncilId,
    kind: ReviewKind,
    held: Option<&DateSpan>,
) -> Vec<ReviewRef> {
    let mut refs: Vec<ReviewRef> = Vec::new();
    let mut seen: BTreeSet<ReviewId> = BTreeSet::new();
    for b in blocks
        .iter()
        .filter(|b| !matches!(b.kind, BlockKind::TableRow { .. }))
    {
        for m in mentions(&b.text) {
            let dates: Vec<Option<DateSpan>> = if m.dates.is_empty() {
                vec![None]
            } else {
                m.dates.iter().copied().map(Some).collect()
            };
            for date in dates {
                if date.is_none() && m.needs_date {
                    continue;
                }
                let is_self =
                    m.kind == kind && date.map_or(true, |d| held.map_or(true, |h| overlaps(&d, h)));
                let is_later = matches!((date, held), (Some(d), Some(h)) if d.start > h.end);
                if is_self || is_later {
                    continue;
                }
                let review = ReviewId::new(council, m.kind, date.as_ref());
                // The first mention of a review is kept; repeats cost nothing.
                if !seen.insert(review.clone()) {
                    continue;
                }
                let wording = b.text.get(m.start..m.end).unwrap_or_default().to_string();
                refs.push(ReviewRef {
                    review,
                    kind: m.kind,
                    held: date,
                    wording,
                    span: b.span,
                });
            }
        }
    }
    collapse(refs)
}

/// Keeps one reference per review: a year-precision mention gives way to a
/// month or day of the same kind within it, a month to a day.
fn collapse(refs: Vec<ReviewRef>) -> Vec<ReviewRef> {
    // One per id first (a text can repeat a mention many times), then the
    // finer-mention check over the distinct ones, by kind and start date.
    let mut seen: BTreeSet<ReviewId> = BTreeSet::new();
    let distinct: Vec<ReviewRef> = refs
        .into_iter()
        .filter(|r| seen.insert(r.review.clone()))
        .collect();
    let spans: BTreeSet<(
        ReviewKind,
        chrono::NaiveDate,
        chrono::NaiveDate,
        peertrail_core::Precision,
    )> = distinct
        .iter()
        .filter_map(|r| r.held.map(|h| (r.kind, h.start, h.end, h.precision)))
        .collect();
    distinct
        .into_iter()
        .filter(|r| {
            let Some(h) = r.held else { return true };
            let finer = spans
                .range(
                    (r.kind, h.start, h.start, peertrail_core::Precision::Day)
                        ..=(r.kind, h.end, h.end, peertrail_core::Precision::Year),
                )
                .any(|&(_, _, end, precision)| end <= h.end && precision < h.precision);
            !finer
        })
        .collect()
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

/// The review a committee paper (or an action plan whose title gives no
/// date) is about: of the kind the text names, held when the text says
/// the review took place.
fn about(
    heads: &[Block],
    council: &CouncilId,
    kind: ReviewKind,
    about: Option<ReviewKind>,
    held: Option<&DateSpan>,
) -> Option<ReviewRef> {
    if !matches!(kind, ReviewKind::CommitteePaper | ReviewKind::ActionPlan) {
        return None;
    }
    let about = about?;
    let block = heads.first()?;
    Some(ReviewRef {
        review: ReviewId::new(council, about, held),
        kind: about,
        held: held.copied(),
        wording: squash(&block.text),
        span: block.span,
    })
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
