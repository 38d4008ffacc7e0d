//! Mentions of reviews in running text: "our Corporate Peer Challenge (CPC)
//! in March 2018", "the July 2022 CPC", "the 2022 and 2017 CPCs", "the
//! Recovery and Renewal Panel in October 2020", "a governance review", "an
//! earlier session with the Cabinet in early 2016".
//!
//! A mention is a review-kind phrase plus the date written next to it (in
//! front: "the July 2022 CPC"; behind, after a few linking words: "CPC in
//! March 2018"). Whether a mention is a reference to an earlier review is
//! for the caller to decide: it knows the document's own kind and date.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use peertrail_core::{CouncilId, DateSpan, ReviewId, ReviewKind, ReviewRef};

use crate::cues::Set;
use crate::dates::{find_dates, has_digit, DateMention};
use crate::segment::{Block, BlockKind};
use crate::text::{phrase_automaton, Phrases};

/// One review-kind phrase with its dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The kind the phrase names.
    pub kind: ReviewKind,
    /// The dates written next to it (several for "the 2022 and 2017 CPCs").
    pub dates: Vec<DateSpan>,
    /// Byte offset of the phrase (or of its first date, when in front).
    pub start: usize,
    /// Byte offset one past the phrase (or its last date, when behind).
    pub end: usize,
    /// Whether the phrase needs a date to mean a particular review
    /// ("session" does; "culture review" does not).
    pub needs_date: bool,
}

/// Phrases, longest first so "corporate peer challenge" wins over
/// "peer challenge".
const PHRASES: &[(&str, ReviewKind, bool)] = &[
    (
        "corporate peer challenge follow up visit",
        ReviewKind::FollowUpVisit,
        true,
    ),
    (
        "corporate peer challenge",
        ReviewKind::CorporatePeerChallenge,
        true,
    ),
    (
        "recovery and renewal panel",
        ReviewKind::RecoveryRenewalPanel,
        true,
    ),
    (
        "recovery & renewal panel",
        ReviewKind::RecoveryRenewalPanel,
        true,
    ),
    (
        "recovery and reset panel",
        ReviewKind::RecoveryRenewalPanel,
        true,
    ),
    (
        "response & recovery panel",
        ReviewKind::RecoveryRenewalPanel,
        true,
    ),
    (
        "response and recovery panel",
        ReviewKind::RecoveryRenewalPanel,
        true,
    ),
    ("remote peer support", ReviewKind::RemotePeerSupport, true),
    ("finance peer review", ReviewKind::FinancePeerReview, true),
    (
        "finance peer challenge",
        ReviewKind::FinancePeerReview,
        true,
    ),
    ("follow up visit", ReviewKind::FollowUpVisit, true),
    ("follow-up visit", ReviewKind::FollowUpVisit, true),
    ("progress review", ReviewKind::ProgressReview, true),
    ("culture review", ReviewKind::OtherPeerReview, false),
    ("governance review", ReviewKind::OtherPeerReview, false),
    ("corporate health check", ReviewKind::OtherPeerReview, false),
    ("peer challenge", ReviewKind::CorporatePeerChallenge, true),
    ("cpcs", ReviewKind::CorporatePeerChallenge, true),
    ("cpc", ReviewKind::CorporatePeerChallenge, true),
    ("earlier session", ReviewKind::OtherPeerReview, true),
    // Last: "the panel in November 2020" once the full name has been given.
    ("panel", ReviewKind::RecoveryRenewalPanel, true),
];

/// The phrases of [`PHRASES`] that need no date to mean a review.
static UNDATED: Phrases = Phrases::new(&[
    "culture review",
    "governance review",
    "corporate health check",
]);

/// Words that may stand between a phrase and the date behind it.
const LINKING: &[&str] = &[
    "(cpc)",
    "in",
    "of",
    "held",
    "on",
    "from",
    "the",
    "dated",
    "which",
    "took",
    "place",
    "that",
    "was",
    "with",
    "cabinet",
    "members",
    "between",
    "during",
    // The verbs a review is dated with: "had taken place in 2013", "was
    // delivered in October 2021", "to take place in September 2023".
    "had",
    "taken",
    "been",
    "delivered",
    "carried",
    "out",
    "undertaken",
    "conducted",
    "completed",
    "to",
    "take",
];

fn automaton() -> Option<&'static AhoCorasick> {
    static AUTOMATON: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    phrase_automaton(&AUTOMATON, MatchKind::LeftmostLongest, || {
        PHRASES.iter().map(|(p, _, _)| p)
    })
}

/// The phrases, in their order (for the shared scan, [`crate::cues`]).
pub(crate) fn phrases() -> impl Iterator<Item = &'static str> {
    PHRASES.iter().map(|&(p, _, _)| p)
}

/// The phrases that need no date, for the shared scan.
pub(crate) fn undated() -> &'static Phrases {
    &UNDATED
}

/// Every review mention in `text`, in order.
pub fn mentions(text: &str) -> Vec<Mention> {
    // One pass of one automaton over the text, leftmost-longest, so
    // "corporate peer challenge" wins over "peer challenge" and no
    // lower-case copy of a text that may be a whole flattened report is
    // made.
    let Some(ac) = automaton() else {
        return Vec::new();
    };
    let matches = ac
        .find_iter(text)
        .map(|m| (m.start(), m.end(), m.pattern().as_usize()));
    mentions_among(text, matches)
}

/// Every review mention in a block's text: [`mentions`], read from the
/// block's scan ([`Block::cues`]) rather than scanning it again, and only
/// the first time the block is asked.
pub fn mentions_in<'b>(b: &'b Block) -> &'b [Mention] {
    b.mentions.get_or_init(|| {
        if !b.cues().scanned() {
            return mentions(&b.text).into_boxed_slice();
        }
        let matches = b.cues().leftmost_longest(Set::Mentions, 0..b.text.len());
        mentions_among(&b.text, matches).into_boxed_slice()
    })
}

/// The mentions among the leftmost-longest `matches` of [`PHRASES`] in
/// `text`, as (start, end, phrase).
fn mentions_among(
    text: &str,
    matches: impl IntoIterator<Item = (usize, usize, usize)>,
) -> Vec<Mention> {
    let bytes = text.as_bytes();
    let alnum_at = |i: Option<usize>| {
        i.and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_alphanumeric)
    };
    let mut found: Vec<(usize, usize, ReviewKind, bool)> = Vec::new();
    for (at, end, pattern) in matches {
        let whole_word = !alnum_at(at.checked_sub(1)) && !alnum_at(Some(end));
        // "(CPC)" after the full name is the same mention.
        let abbreviation = at > 0 && bytes[at - 1] == b'(' && bytes.get(end) == Some(&b')');
        if whole_word && !abbreviation {
            if let Some((_, kind, needs_date)) = PHRASES.get(pattern) {
                found.push((at, end, *kind, *needs_date));
            }
        }
    }
    found.sort_by_key(|f| f.0);
    if found.is_empty() {
        return Vec::new();
    }
    let dates = find_dates(text, true);
    found
        .into_iter()
        .map(|(start, end, kind, needs_date)| {
            let (dates, s, e) = dates_near(text, &dates, start, end);
            Mention {
                kind,
                dates,
                start: s,
                end: e,
                needs_date,
            }
        })
        .collect()
}

/// The dates written just in front of a phrase (a chain joined by "and"),
/// else the first date just behind it.
fn dates_near(
    text: &str,
    dates: &[DateMention],
    start: usize,
    end: usize,
) -> (Vec<DateSpan>, usize, usize) {
    let mut before: Vec<&DateMention> = Vec::new();
    let mut edge = start;
    // Dates come in text order and never overlap: binary search, so a text
    // with a million mentions is not scanned once per mention.
    let before_end = dates.partition_point(|d| d.end <= start);
    for d in dates[..before_end].iter().rev() {
        let gap = text[d.end..edge].trim().to_ascii_lowercase();
        let joins = if before.is_empty() {
            gap.is_empty() || gap == "'s"
        } else {
            gap == "and" || gap == ","
        };
        if !joins {
            break;
        }
        before.push(d);
        edge = d.start;
    }
    if !before.is_empty() {
        before.reverse();
        let first = before.first().map_or(start, |d| d.start);
        return (before.into_iter().map(|d| d.span).collect(), first, end);
    }
    if let Some(d) = dates.get(dates.partition_point(|d| d.start < end)) {
        let gap = &text[end..d.start];
        let words: Vec<String> = gap
            .split_whitespace()
            .map(|w| w.to_ascii_lowercase())
            .collect();
        if words.len() <= 5 && words.iter().all(|w| LINKING.contains(&w.trim_matches(','))) {
            return (vec![d.span], start, d.end);
        }
    }
    (Vec::new(), start, end)
}

/// Earlier reviews the text mentions, deduplicated, most precise mention
/// kept. The document itself is not a reference (a mention of its kind
/// without a date, or any mention whose date overlaps its own), nor is a
/// review after it.
pub fn references(
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
        // A block without a digit has no date, so only a phrase that needs
        // none can refer to a review from it: a block without one of those
        // is passed over without looking for every phrase.
        if !has_digit(&b.text) && !b.holds(Set::Undated, 0..b.text.len()) {
            continue;
        }
        for m in mentions_in(b) {
            let dates: Vec<Option<DateSpan>> = if m.dates.is_empty() {
                vec![None]
            } else {
                m.dates.iter().copied().map(Some).collect()
            };
            for date in dates {
                if date.is_none() && m.needs_date {
                    continue;
                }
                // The subject's own visit is no reference, whatever kind a
                // phrase gives it ("a Planning Service Peer Challenge in
                // November 2021" on the page about that challenge).
                let is_self = date.map_or(m.kind == kind && held.is_none(), |d| {
                    held.map_or(m.kind == kind, |h| overlaps(&d, h))
                }) || (m.kind == kind && date.is_none());
                // A review after the subject (a planned one) is not yet on
                // the council's trail: no placeholder stands for it.
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
                    span: b.span(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(ReviewKind, Vec<String>)> {
        mentions(text)
            .into_iter()
            .map(|m| (m.kind, m.dates.iter().map(DateSpan::key).collect()))
            .collect()
    }

    #[test]
    fn the_undated_phrases_are_those_that_need_no_date() {
        let undated: Vec<&str> = PHRASES
            .iter()
            .filter(|(_, _, needs_date)| !needs_date)
            .map(|(p, _, _)| *p)
            .collect();
        assert_eq!(undated, UNDATED.words());
    }

    #[test]
    fn mentions_with_their_dates() {
        use ReviewKind::*;
        assert_eq!(keys("our Corporate Peer Challenge (CPC) in March 2018 and the Recovery and Renewal Panel in October 2020."), vec![
            (CorporatePeerChallenge, vec!["2018-03".to_string()]),
            (RecoveryRenewalPanel, vec!["2020-10".to_string()]),
        ]);
        assert_eq!(
            keys("The Council's July 2022 CPC found"),
            vec![(CorporatePeerChallenge, vec!["2022-07".to_string()])]
        );
        assert_eq!(
            keys("Both the 2022 and 2017 CPCs said"),
            vec![(
                CorporatePeerChallenge,
                vec!["2022".to_string(), "2017".to_string()]
            )]
        );
        assert_eq!(
            keys("after an earlier session with the Cabinet in early 2016."),
            vec![(OtherPeerReview, vec!["2016".to_string()])]
        );
        assert_eq!(
            keys("the subsequent culture review"),
            vec![(OtherPeerReview, vec![])]
        );
        assert_eq!(
            keys("the CPC process, which is useful in 2030"),
            vec![(CorporatePeerChallenge, vec![])]
        );
        assert!(keys("the cpcx and apeer challenges").is_empty());
    }
}
