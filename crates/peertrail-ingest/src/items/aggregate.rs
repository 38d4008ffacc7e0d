//! Statuses of a whole review's recommendations, said together: "Progress
//! has been made on most of the recommendations", "31 of the 36
//! recommendations are now complete", "84% of the actions are on
//! track", "all of the actions were on course to be delivered". They are no link
//! to any one recommendation: they go to the review as a whole.
//!
//! A sentence counts when it speaks of the recommendations or actions as a
//! group (all, most, the majority, N of M, N%, the remaining, the
//! outstanding, progress against the recommendations or the action plan),
//! states a status, and reports rather than recommends (a perfect, past or
//! present-progressive verb: "have been", "were", "is now", "remain").

use peertrail_core::{ReviewId, ReviewProgress, Span, Status};

use super::status::status_of;
use crate::cues::Set;
use crate::segment::{Block, BlockKind};
use crate::text::{sentences, Phrases};

/// The longest sentence read for an aggregate status; longer ones are
/// running prose about something else.
const MAX_SENTENCE: usize = 400;
/// How many blocks are read: an aggregate status stands in a report's
/// summary, and bounding the search keeps hostile input cheap.
const MAX_BLOCKS: usize = 400;

/// Words that make the recommendations or actions a group.
const GROUP: &[&str] = &[
    "all ",
    "most ",
    "majority",
    "%",
    " of the ",
    "remaining",
    "outstanding",
    "each of the",
    "every ",
    "progress against the",
    "progress on the",
    "progress made against",
    "delivering on",
    "against the action plan",
    "the action plan",
];

/// Status words beyond the per-item vocabulary, for whole sets: a
/// delivered, actioned or implemented set is complete; one on course,
/// under way or making progress is in progress. The in-progress phrases
/// come first: "on course to be delivered" is not
/// delivered yet.
const EXTRA: &[(&str, Status)] = &[
    ("rated as red", Status::NotStarted),
    ("rated red", Status::NotStarted),
    ("rated as amber", Status::InProgress),
    ("rated amber", Status::InProgress),
    ("rated as green", Status::Complete),
    ("rated green", Status::Complete),
    ("to complete", Status::InProgress),
    ("on course", Status::InProgress),
    ("on track", Status::InProgress),
    ("underway", Status::InProgress),
    ("under way", Status::InProgress),
    ("progress has been made", Status::InProgress),
    ("positive progress", Status::InProgress),
    ("good progress", Status::InProgress),
    ("further than expected", Status::InProgress),
    ("progressing", Status::InProgress),
    ("delivered", Status::Complete),
    ("actioned", Status::Complete),
    ("implemented", Status::Complete),
];

/// Verbs that report: the sentence says what happened, not what should.
const REPORTING: &[&str] = &[
    "have ",
    "has ",
    "had ",
    "were ",
    "was ",
    "are now",
    "is now",
    "remain",
    "been",
    "are being",
    "is being",
    "are on",
    "is on",
    "gone ",
    "are complete",
    "is complete",
    "are in progress",
    "is in progress",
];

/// The aggregate statuses of `blocks`, reported by `review` about `about`.
pub(super) fn read(
    blocks: &[Block],
    review: &ReviewId,
    about: Option<&ReviewId>,
) -> Vec<ReviewProgress> {
    let mut out = Vec::new();
    for b in blocks.iter().take(MAX_BLOCKS) {
        if !matches!(b.kind, BlockKind::Paragraph | BlockKind::Bullet) {
            continue;
        }
        // A status for the whole set names the set ([`aggregate`]); a block
        // that never does is not split into sentences and clauses at all.
        if !b.holds(Set::GroupNames, 0..b.text.len()) {
            continue;
        }
        for (at, sentence) in sentences(&b.text) {
            // Nor is a sentence, nor a clause, that does not name it.
            if sentence.len() > MAX_SENTENCE || !b.holds(Set::GroupNames, at..at + sentence.len()) {
                continue;
            }
            // "84% are on track, and 5 of the 8 have been completed": one
            // status per clause.
            for clause in clauses(sentence) {
                if let Some(p) = aggregate(clause, review, about, b.span()) {
                    out.push(p);
                }
            }
        }
    }
    out
}

/// The words every aggregate status holds: it names a set of
/// recommendations or actions.
static NAMES_THE_SET: Phrases = Phrases::new(&["recommendations", "actions"]);

/// [`NAMES_THE_SET`], for the shared scan ([`crate::cues`]): asked of
/// every paragraph and bullet, it is read from the block's scan.
pub(crate) fn names_the_set() -> &'static Phrases {
    &NAMES_THE_SET
}

/// The clauses of a sentence, split at "; ", ", and ", ", while ", ", but ".
fn clauses(sentence: &str) -> Vec<&str> {
    let mut out = vec![sentence];
    for sep in ["; ", ", and ", ", while ", ", but "] {
        out = out
            .into_iter()
            .flat_map(|c| c.split(sep))
            .filter(|c| !c.trim().is_empty())
            .collect();
    }
    out
}

fn aggregate(
    sentence: &str,
    review: &ReviewId,
    about: Option<&ReviewId>,
    span: Span,
) -> Option<ReviewProgress> {
    // A sentence that introduces a list ("the following recommendations have
    // been significantly progressed:") gives its items their status.
    if sentence.trim_end().ends_with(':') {
        return None;
    }
    let lower = sentence.to_ascii_lowercase();
    if !NAMES_THE_SET.words().iter().any(|w| lower.contains(w)) {
        return None;
    }
    if lower.contains("the following") || !GROUP.iter().any(|g| lower.contains(g)) {
        return None;
    }
    if !REPORTING.iter().any(|r| lower.contains(r)) {
        return None;
    }
    // Advice about the set is no status ("all recommendations should be
    // delivered").
    if [
        "should",
        "must",
        "recommend that",
        "we suggest",
        "will need",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return None;
    }
    let status = EXTRA
        .iter()
        .find(|(w, _)| lower.contains(w))
        .map(|(_, s)| *s)
        .or_else(|| status_of(sentence).map(|(s, _)| s))?;
    let (count, of) = n_of_m(&lower);
    Some(ReviewProgress {
        review: review.clone(),
        about: about.cloned(),
        status,
        count,
        of,
        percent: percent(&lower),
        wording: sentence.trim().to_string(),
        span,
    })
}

/// "31 of the 36", "three of the five": the count and the total.
fn n_of_m(lower: &str) -> (Option<u32>, Option<u32>) {
    let words: Vec<&str> = lower.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        if *w != "of" {
            continue;
        }
        let before = i
            .checked_sub(1)
            .and_then(|j| words.get(j))
            .and_then(|w| number(w));
        let after = match words.get(i + 1) {
            Some(&"the") => words.get(i + 2),
            other => other,
        }
        .and_then(|w| number(w));
        if let (Some(n), Some(m)) = (before, after) {
            return (Some(n), Some(m));
        }
    }
    (None, None)
}

/// "84%": the percentage.
fn percent(lower: &str) -> Option<u32> {
    let at = lower.find('%')?;
    let digits: String = lower[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok().filter(|p: &u32| *p <= 100)
}

fn number(word: &str) -> Option<u32> {
    const WORDS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    w.parse().ok().or_else(|| {
        WORDS
            .iter()
            .position(|x| *x == w)
            .and_then(|p| u32::try_from(p + 1).ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Status, count, of, percent.
    type Read = (Status, Option<u32>, Option<u32>, Option<u32>);

    fn status(s: &str) -> Option<Read> {
        let id = ReviewId::from_raw("x/2024-cpc");
        let span = Span {
            start: 0,
            end: 0,
            line: 1,
            end_line: 1,
            page: None,
        };
        aggregate(s, &id, None, span).map(|p| (p.status, p.count, p.of, p.percent))
    }

    #[test]
    fn statuses_of_the_whole_set() {
        assert_eq!(
            status("The panel found that 31 of the 36 recommendations have now been completed."),
            Some((Status::Complete, Some(31), Some(36), None))
        );
        assert_eq!(
            status("Progress has been made on most of the recommendations."),
            Some((Status::InProgress, None, None, None))
        );
        assert_eq!(
            status("Of the actions in the plan, 84% are now on track."),
            Some((Status::InProgress, None, None, Some(84)))
        );
        assert_eq!(
            status("All of the actions were on course to be delivered by March."),
            Some((Status::InProgress, None, None, None))
        );
    }

    #[test]
    fn advice_and_single_items_are_not_aggregates() {
        assert_eq!(
            status("All recommendations should be delivered within a year."),
            None
        );
        assert_eq!(
            status("The council has completed the new housing strategy."),
            None
        );
        assert_eq!(status("The peer team made eight recommendations."), None);
    }
}
