//! What kind of document a report is, read from evidence in one order:
//!
//! 1. the document itself: a council's committee paper or page (agenda
//!    and decision furniture, minutes' prose), else an action plan (its
//!    title, "Proposed Action" blocks, an action column beside the
//!    recommendations, a council reporting its own progress on them);
//! 2. the review it is, or is about: the first title line, then the first
//!    sentences of the text, that name a review. A named topic before
//!    "peer challenge" or "peer review" ("planning service peer
//!    challenge", "adult social care peer challenge", "peer review of our
//!    planning service") makes it one of the LGA's other peer reviews, with
//!    its name kept; a finance topic makes it a finance peer review; the
//!    LGA's named formats (progress review, follow-up visit, panel, remote
//!    support) come before the general "corporate peer challenge", and a
//!    bare "peer review" or "peer challenge" of a council is a CPC.

use peertrail_core::ReviewKind;

use crate::mentions::{mentions, mentions_in, Mention};
use crate::segment::{Block, BlockKind};
use crate::text::{at_most_words, contains_ci, squash};
use crate::vocab::{Cue, Cues};

/// The kind of a document, and for a paper or plan about a review, the
/// kind of that review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindReading {
    /// The document's own kind.
    pub kind: ReviewKind,
    /// The kind of the review a committee paper or action plan is about,
    /// where the text names one.
    pub about: Option<ReviewKind>,
    /// The review's own name, for the LGA's other peer reviews ("Planning
    /// Service Peer Challenge").
    pub review_name: Option<String>,
}

/// How much of the opening text the document-level evidence is read from.
pub(crate) const OPENING_BYTES: usize = 6 * 1024;
/// How many sentences of the opening are searched for the review's name
/// when the title lines name none.
const OPENING_SENTENCES: usize = 12;

/// Reads the kind from the blocks and the title area `heads`.
pub fn read(blocks: &[Block], heads: &[Block]) -> KindReading {
    let opening = opening(blocks, OPENING_BYTES);
    // The opening's cues, read from its blocks' scans.
    let cues = Cues::of_opening(blocks, OPENING_BYTES);
    let review = review_named(heads, &opening);
    // A page that names no review but speaks of peers ("Peers heard …")
    // is most likely a corporate peer challenge's report.
    let fallback = if contains_ci(&opening, "peer") {
        ReviewKind::CorporatePeerChallenge
    } else {
        ReviewKind::OtherPeerReview
    };
    let (kind, review_name) = review.clone().unwrap_or((fallback, None));
    if is_committee_paper(&cues) {
        return KindReading {
            kind: ReviewKind::CommitteePaper,
            about: review.map(|r| r.0),
            review_name,
        };
    }
    if is_action_plan(blocks, heads, &cues) {
        return KindReading {
            kind: ReviewKind::ActionPlan,
            about: review.map(|r| r.0),
            review_name,
        };
    }
    KindReading {
        kind,
        about: None,
        review_name,
    }
}

/// The opening text: the first blocks' texts, each on a line, up to
/// `limit` bytes ([`OPENING_BYTES`] when reading a report's kind).
pub(crate) fn opening(blocks: &[Block], limit: usize) -> String {
    let mut out = String::new();
    for b in blocks {
        if out.len() >= limit {
            break;
        }
        let room = limit.saturating_sub(out.len());
        let mut end = b.text.len().min(room);
        while !b.text.is_char_boundary(end) {
            end -= 1;
        }
        out.push_str(&b.text[..end]);
        out.push('\n');
    }
    out
}

/// Agenda and decision furniture is strong evidence; the prose of minutes
/// ("The Cabinet considered a report of …") weaker, since a feedback
/// report may mention a report of its own once.
fn is_committee_paper(cues: &Cues) -> bool {
    let furniture = cues.count(Cue::CommitteeFurniture);
    let prose = cues.count(Cue::CommitteeProse);
    furniture >= 2 || prose >= 2 || (furniture >= 1 && prose >= 1)
}

/// A title line that calls the document an action plan, "Proposed
/// Action" blocks, a table or header line with an action column beside
/// the recommendations, or a council's own page on its progress against a
/// review's recommendations.
fn is_action_plan(blocks: &[Block], heads: &[Block], cues: &Cues) -> bool {
    let proposed = blocks
        .iter()
        .filter(|b| b.text.len() < 40 && squash(&b.text).eq_ignore_ascii_case("proposed action"))
        .count();
    if proposed >= 2 {
        return true;
    }
    let titled = heads.iter().take(3).any(|b| {
        at_most_words(&b.text, 16) && Cues::of_block(b, 0..b.text.len()).has(Cue::ActionPlan)
    });
    if titled {
        return true;
    }
    let action_column = blocks.iter().take(60).any(|b| match &b.kind {
        BlockKind::TableRow { cells } => {
            cells
                .iter()
                .any(|c| is_column(c, &["action", "actions", "action(s)", "actions(s)"]))
                && cells.iter().any(|c| {
                    is_column(
                        c,
                        &["ref", "recommendation", "details", "peer team suggestion"],
                    )
                })
        }
        _ => false,
    });
    action_column || (cues.has(Cue::OwnProgress) && cues.has(Cue::Recommend))
}

fn is_column(cell: &str, names: &[&str]) -> bool {
    let c = cell.trim().trim_end_matches(':').to_ascii_lowercase();
    names
        .iter()
        .any(|n| c == *n || c.starts_with(&format!("{n} ")))
}

/// Topics that name one of the LGA's other peer reviews when they stand
/// just before "peer challenge"/"peer review", or just after "peer review
/// of". Finance makes a finance peer review.
const TOPICS: &[&str] = &[
    "planning",
    "planning service",
    "planning services",
    "planning advisory service",
    "pas",
    "adult social care",
    "adults",
    "adult services",
    "preparation for assurance",
    "children's services",
    "children\u{2019}s services",
    "childrens services",
    "children's social care",
    "communications",
    "comms",
    "governance",
    "equality framework",
    "equality",
    "health and wellbeing board",
    "scrutiny",
    "housing",
    "culture",
    "safeguarding",
    "public health",
    "economic growth",
    "commissioning",
    "procurement",
    "climate",
];
const FINANCE: &[&str] = &["finance", "financial", "financial resilience"];

/// The review a title line or an opening sentence names: its kind and,
/// for another peer review, its name as written.
fn review_named(heads: &[Block], opening: &str) -> Option<(ReviewKind, Option<String>)> {
    for b in heads {
        if let Some(found) = review_in(&b.text, mentions_in(b)) {
            // A headline's bare "peer review" or "peer challenge" names no
            // format ("Peer review praises Hollowmere planners"): a topic
            // the opening sentences give ("The planning peer review, led
            // by …") says which review it was.
            if found.0 == ReviewKind::CorporatePeerChallenge && !names_corporate(&b.text) {
                let topic = crate::text::sentences(opening)
                    .into_iter()
                    .take(OPENING_SENTENCES)
                    .find_map(|(_, s)| topic_review(s));
                if let Some(topic) = topic {
                    return Some(topic);
                }
            }
            return Some(found);
        }
    }
    // In running text the first review named may be an earlier one ("the
    // council completed a CPC in January; progress reviews follow within a
    // year"): the most specific of the opening's named formats wins.
    let named: Vec<(ReviewKind, Option<String>)> = crate::text::sentences(opening)
        .into_iter()
        .take(OPENING_SENTENCES)
        .filter_map(|(_, s)| review_in(s, &mentions(s)))
        .collect();
    let rank = |k: ReviewKind| {
        SPECIFIC_FIRST
            .iter()
            .position(|s| *s == k)
            .unwrap_or(SPECIFIC_FIRST.len() - 1)
    };
    named.iter().min_by_key(|(k, _)| rank(*k)).cloned()
}

/// Whether a line names the corporate format itself ("Corporate Peer
/// Challenge", "CPC") rather than a bare "peer review".
fn names_corporate(text: &str) -> bool {
    contains_ci(text, "corporate")
        || text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("cpc") || w.eq_ignore_ascii_case("cpcs"))
}

/// The LGA's named formats, the specific before the general: "Corporate
/// Peer Challenge – Progress Review" is a progress review.
const SPECIFIC_FIRST: [ReviewKind; 6] = [
    ReviewKind::ProgressReview,
    ReviewKind::FollowUpVisit,
    ReviewKind::RecoveryRenewalPanel,
    ReviewKind::RemotePeerSupport,
    ReviewKind::FinancePeerReview,
    ReviewKind::CorporatePeerChallenge,
];

/// The review one line or sentence names, if any, given the review
/// mentions in it.
fn review_in(text: &str, found: &[Mention]) -> Option<(ReviewKind, Option<String>)> {
    // A named format of the LGA's other than the general CPC wins first.
    if let Some(kind) = SPECIFIC_FIRST[..5]
        .iter()
        .find(|k| found.iter().any(|m| m.kind == **k))
    {
        return Some((*kind, None));
    }
    if let Some(topic) = topic_review(text) {
        return Some(topic);
    }
    // The Equality Framework's assessments are peer reviews of their own.
    if contains_ci(text, "equality framework") {
        return Some((
            ReviewKind::OtherPeerReview,
            Some("Equality Framework assessment".to_string()),
        ));
    }
    if ["finance review", "financial review", "finance peer"]
        .iter()
        .any(|p| contains_ci(text, p))
    {
        return Some((ReviewKind::FinancePeerReview, None));
    }
    if contains_ci(text, "corporate peer challenge")
        || found
            .iter()
            .any(|m| m.kind == ReviewKind::CorporatePeerChallenge)
    {
        return Some((ReviewKind::CorporatePeerChallenge, None));
    }
    if contains_ci(text, "peer review") {
        return Some((ReviewKind::CorporatePeerChallenge, None));
    }
    if contains_ci(text, "check-in") || contains_ci(text, "six month") {
        return Some((ReviewKind::ProgressReview, None));
    }
    None
}

/// "Planning Service Peer Challenge", "adult social care preparation for
/// assurance peer challenge", "a Peer Review of our Planning Service",
/// "Equality Framework assessment": a topic within a few words of the
/// review phrase.
fn topic_review(text: &str) -> Option<(ReviewKind, Option<String>)> {
    let lower = text.to_ascii_lowercase();
    // Bounded: only the first few review phrases of a line are looked at.
    for phrase in ["peer challenge", "peer review", "framework assessment"] {
        for (at, _) in lower.match_indices(phrase).take(4) {
            let before = lower[..at]
                .trim_end()
                .trim_end_matches([':', '-', '\u{2013}'])
                .trim_end();
            if before.ends_with("corporate") {
                continue;
            }
            // The topic stands right before the phrase ("planning service
            // peer challenge") …
            let bare =
                strip_tail_words(before, &["service", "services", "department", "and health"]);
            let ends = |t: &str| ends_with_words(before, t) || ends_with_words(bare, t);
            if FINANCE.iter().any(|t| ends(t)) && phrase != "framework assessment" {
                return Some((ReviewKind::FinancePeerReview, None));
            }
            let after_at = at + phrase.len();
            if let Some(topic) = TOPICS.iter().find(|t| ends(t)) {
                if phrase == "framework assessment" && !topic.starts_with("equality") {
                    continue;
                }
                let name = review_name(text, &lower, at, after_at, topic);
                return Some((ReviewKind::OtherPeerReview, Some(name)));
            }
            // … or just after "of" ("a peer review of our housing service").
            let rest = lower.get(after_at..).unwrap_or_default().trim_start();
            if let Some(of) = rest.strip_prefix("of ") {
                let window: Vec<&str> = of.split_whitespace().take(5).collect();
                let window = window.join(" ");
                if let Some(topic) = TOPICS.iter().find(|t| has_words(&window, t)) {
                    let name = review_name(text, &lower, at, after_at, topic);
                    return Some((ReviewKind::OtherPeerReview, Some(name)));
                }
            }
        }
    }
    // The Planning Advisory Service reviews councils' planning on the
    // LGA's behalf.
    if (lower.contains("planning advisory service") || has_words(&lower, "pas"))
        && ["review", "report", "challenge"]
            .iter()
            .any(|w| has_words(&lower, w))
    {
        return Some((
            ReviewKind::OtherPeerReview,
            Some("Planning Advisory Service review".to_string()),
        ));
    }
    None
}

/// `text` without the given words at its end ("planning service" →
/// "planning").
fn strip_tail_words<'t>(text: &'t str, words: &[&str]) -> &'t str {
    let mut t = text;
    for w in words {
        if ends_with_words(t, w) {
            t = t[..t.len() - w.len()].trim_end();
        }
    }
    t
}

/// Whether `text` ends with `phrase` as whole words.
fn ends_with_words(text: &str, phrase: &str) -> bool {
    text.strip_suffix(phrase)
        .is_some_and(|rest| !rest.chars().next_back().is_some_and(char::is_alphanumeric))
}

/// The review's name as the text writes it: from the topic to the end of
/// the review phrase where the topic stands before it, else "<topic> peer
/// review".
fn review_name(text: &str, lower: &str, at: usize, after_at: usize, topic: &str) -> String {
    let mut window_start = lower[..at].rfind(topic).filter(|&t| at - t <= 80);
    // Topics written one after another make one name: "adult social care
    // preparation for assurance peer challenge".
    while let Some(start) = window_start {
        let before = lower[..start].trim_end();
        let Some(t) = TOPICS.iter().find(|t| ends_with_words(before, t)) else {
            break;
        };
        window_start = Some(before.len() - t.len());
    }
    match window_start {
        Some(start) if text.is_char_boundary(start) && text.is_char_boundary(after_at) => {
            squash(&text[start..after_at])
        }
        _ => {
            let mut name = String::from(topic);
            name.push_str(" peer review");
            let mut chars = name.chars();
            chars.next().map_or(name.clone(), |c| {
                c.to_uppercase().collect::<String>() + chars.as_str()
            })
        }
    }
}

/// Whether `phrase` occurs in `window` as whole words.
fn has_words(window: &str, phrase: &str) -> bool {
    window.match_indices(phrase).any(|(i, _)| {
        let before = window[..i].chars().next_back();
        let after = window[i + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(t: &str) -> Option<(ReviewKind, Option<String>)> {
        topic_review(t)
    }

    #[test]
    fn topics_name_other_reviews() {
        assert_eq!(
            topic("Brindle Planning Service Peer Challenge"),
            Some((
                ReviewKind::OtherPeerReview,
                Some("Planning Service Peer Challenge".to_string())
            ))
        );
        assert_eq!(
            topic("a Peer Review of our Housing Service was held"),
            Some((
                ReviewKind::OtherPeerReview,
                Some("Housing peer review".to_string())
            ))
        );
        assert_eq!(
            topic("our finance peer review"),
            Some((ReviewKind::FinancePeerReview, None))
        );
        assert_eq!(topic("the Corporate Peer Challenge"), None);
        assert_eq!(
            topic("leadership and governance were the focus of the peer challenge"),
            None
        );
        assert_eq!(topic("a peer challenge focused on growth"), None);
    }

    #[test]
    fn a_headline_peer_review_takes_the_topic_the_opening_names() {
        let heads = crate::segment::segment("Peer review praises Hollowmere planners\n");
        let opening = "The planning peer review took place last month.\n";
        assert_eq!(
            review_named(&heads, opening),
            Some((
                ReviewKind::OtherPeerReview,
                Some("planning peer review".to_string())
            ))
        );
        // A title naming the corporate format keeps it.
        let heads = crate::segment::segment("Corporate peer challenge praises Hollowmere\n");
        assert_eq!(
            review_named(&heads, opening),
            Some((ReviewKind::CorporatePeerChallenge, None))
        );
        // With no topic in the opening a bare headline is a CPC.
        let heads = crate::segment::segment("Peer review praises Hollowmere\n");
        assert_eq!(
            review_named(&heads, "The review took place last month.\n"),
            Some((ReviewKind::CorporatePeerChallenge, None))
        );
    }
}
