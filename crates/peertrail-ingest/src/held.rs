//! When the subject review was held: the title area's date line, else the
//! sentence of the running text that dates the visit; an action plan's own
//! date. Kept apart from the other document facts so the date rules can
//! change without touching them.

use peertrail_core::{DateSpan, ReviewKind};

use crate::dates;
use crate::mentions::mentions;
use crate::segment::{Block, BlockKind};
use crate::text::{at_most_words, contains_ci, find_ci, sentences, starts_with_ci, Phrases};

/// Words that make a title line's date a decoy: when something was
/// published, met, reported or is due, not when the review took place.
static DECOY_WORDS: Phrases = Phrases::new(&[
    "publish",
    "meeting",
    "deadline",
    "due ",
    " by ",
    "issued",
    "printed",
    "updated",
    "report date",
    "final report",
    "agenda",
    "committee",
    "submitted",
    "approved",
    "version",
    "election",
    "last reviewed",
]);

fn is_decoy(text: &str) -> bool {
    DECOY_WORDS.any_in(text)
}

/// A short line of the title area that is mostly a date: "Feedback
/// report: 18 – 20 July 2023", "Peer challenge, 4-7 March 2019". A short
/// sentence that happens to hold a date ("Our housing team had their review
/// from 5 to 7 February 2024.") is running text, weighed with the rest.
pub fn title_date(head: &[Block]) -> Option<DateSpan> {
    head.iter()
        .filter(|b| at_most_words(&b.text, 14) && !is_decoy(&b.text))
        .find_map(|b| {
            let d = *dates::find_dates(&b.text, false).first()?;
            let outside = b.text.get(..d.start)?.split_whitespace().count()
                + b.text.get(d.end..)?.split_whitespace().count();
            // Title lines run together ("Council Corporate Peer Challenge
            // Feedback report 24-27 February 2020") carry no full stop.
            (outside <= 6 || !b.text.trim_end().ends_with('.')).then_some(d.span)
        })
}

/// Words that say a sentence is about a visit happening: "the challenge
/// took place", "we welcomed the team", "the team were on site".
static CUES: Phrases = Phrases::new(&[
    "took place",
    "taken place",
    "held",
    "facilitated",
    "undertook",
    "undertaken",
    "undertaking",
    "carried out",
    "conducted",
    "delivered",
    "visited",
    "visit",
    "on site",
    "onsite",
    "on-site",
    "met ",
    "took part",
    "welcomed",
    "spent",
    "with us",
    "with our",
    "invited",
    "completed",
    "assessed",
    "participat",
    "organised",
    "hosted",
]);

/// Words of a request for a review rather than its visit.
static INVITED: Phrases = Phrases::new(&["invited", "invitation", "asked the", "commissioned"]);

/// Words that say a sentence is about a review at all.
static NOUNS: Phrases = Phrases::new(&[
    "review",
    "challenge",
    "cpc",
    "panel",
    "peer",
    "assessment",
    "session",
]);

/// Words in front of a date (in its clause) that make it some other event's
/// date: a meeting, a report, a decision, an election, a plan.
const DECOY_BEFORE: &[&str] = &[
    "publish",
    "publication",
    "meeting",
    "report",
    "letter",
    "presentation",
    "deadline",
    "due",
    "updated",
    "agreed",
    "approved",
    "adopted",
    "election",
    "appointed",
    "commenced",
    "presented",
    "decision",
    "agenda",
    "budget",
    "submitted",
    "issued",
    "update",
    "inspection",
];

/// Words right behind a date that make it another event's: "the May 2019
/// Borough Election", "October 2019 we commenced".
const DECOY_AFTER: &[&str] = &[
    "election",
    "local elections",
    "meeting",
    "budget",
    "commenced",
    "published",
    "deadline",
    "agenda",
];

/// The few words just before a date that bound it rather than date a
/// visit: "by 31 March", "until 9th June", "since April 2021", "as at".
const BOUND_BEFORE: &[&str] = &["by", "until", "since", "before", "after", "as at"];

/// Words that put a review in the future: planned, not held.
static FUTURE: Phrases = Phrases::new(&[
    "will ",
    "to take place",
    "planned",
    "proposed",
    "scheduled",
    "would take place",
    "is due",
]);

/// Whether a mention puts its review in the future ("the peer challenge
/// to take place in October", "a review will follow").
pub fn is_planned(text: &str) -> bool {
    FUTURE.any_in(text)
}

/// Words that, in front of a review noun, make it another review than the
/// subject: "our last review", "the previous CPC", "another peer review".
const OTHER_REVIEW: &[&str] = &[
    "last", "previous", "earlier", "another", "original", "prior",
];

/// Words of a title that say nothing about which review a sentence is on.
const TITLE_STOP: &[&str] = &[
    "peer",
    "review",
    "challenge",
    "council",
    "local",
    "government",
    "association",
    "report",
    "feedback",
    "corporate",
    "borough",
    "district",
    "county",
    "city",
    "with",
    "from",
    "that",
    "this",
    "the",
    "and",
    "agenda",
    "item",
];

/// A date that may be the visit's, with how strongly its sentence says so.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    span: DateSpan,
    score: i32,
}

/// A month (or pair) written against "last year" or "this year": the
/// year comes from the page's own date, read once the whole text is seen.
#[derive(Debug, Clone, Copy)]
struct Relative {
    months: (u32, u32),
    years_back: i32,
    score: i32,
}

/// Days written without a year, waiting for one.
#[derive(Debug, Clone, Copy)]
struct Open {
    days: dates::Yearless,
    year: Option<i32>,
    score: i32,
}

/// Only the opening of a block is read for its date: a visit is dated near
/// the start, and a text of 50 MB on one line stays cheap.
const BLOCK_BYTES: usize = 64 * 1024;

fn opening(text: &str) -> &str {
    let mut end = text.len().min(BLOCK_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The subject review's visit as the running text dates it.
///
/// Every date in the opening blocks is weighed by its sentence: a visit
/// verb ("took place", "welcomed", "on site") counts most, a review noun
/// less, the subject's kind and the title's own words more. A date is
/// passed over when the words in its clause make it another event's (a
/// meeting, a report, an election; "by", "until", "since" in front), when
/// it is planned ("will", "to take place"), or when it belongs to another
/// review ("our last review", "another peer review"). The best wins; on a
/// tie the most recent, since a page about a review looks back at older
/// ones. A finer date inside the winner then refines it ("In October 2019
/// … between 15 October and 17 October").
///
/// Days without a year take it from the nearest earlier date of the same
/// month, else from the one year the title states, else from the page's
/// own date ("Last updated"); "November and December last year" counts
/// back from the page's date. Nothing is guessed beyond that.
pub fn held_in_text(blocks: &[Block], heads: &[Block], kind: ReviewKind) -> Option<DateSpan> {
    let title_year = title_year(heads);
    let title_words = title_words(heads);
    let mut found: Vec<Candidate> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut relative: Vec<Relative> = Vec::new();
    // (month, year) of every date not passed over, in text order.
    let mut anchors: Vec<(u32, i32)> = Vec::new();
    let mut page_date: Option<DateSpan> = None;
    for (index, b) in blocks
        .iter()
        .take(40)
        .filter(|b| !matches!(b.kind, BlockKind::TableRow { .. }))
        .enumerate()
    {
        let text = opening(&b.text);
        if index < 3 {
            if let Some(span) = labelled_feedback(text) {
                return Some(span);
            }
        }
        for (_, sentence) in sentences(text) {
            // A sentence without a digit holds no date, dated or yearless:
            // the only thing it can give is a month "last year" or "this
            // year", so without one it is passed over before any cue is
            // looked for.
            if !dates::has_digit(sentence) && relative_months(sentence).is_none() {
                continue;
            }
            let all = dates::find_dates(sentence, true);
            for d in &all {
                if page_date.is_none() && is_page_date(&sentence[..d.start]) {
                    page_date = Some(d.span);
                }
            }
            // "On 14th June 2021, the LGA ran a session" opens on its date,
            // set off by a comma: the sentence is about that day's event.
            let opens_on = all.first().is_some_and(|d| {
                sentence
                    .get(..d.start)
                    .is_some_and(|lead| lead.trim().eq_ignore_ascii_case("on"))
                    && sentence.get(d.end..).is_some_and(|r| r.starts_with(','))
            });
            let cue = opens_on || CUES.any_in(sentence);
            let noun = NOUNS.any_in(sentence);
            // A visit verb about a review counts most; a verb alone ("a
            // recovery board first met in May 2021") or a noun alone less.
            let mut base = match (cue, noun) {
                (true, true) => 4,
                (true, false) => 2,
                (false, true) => 1,
                (false, false) => continue,
            };
            base += kind_score(sentence, kind);
            // An invitation dates the request: where the text also says
            // when the team was on site, that date is the visit.
            if INVITED.any_in(sentence) {
                base -= 1;
            }
            base += overlap(sentence, &title_words).min(3);
            for (i, d) in all.iter().enumerate() {
                let prev_end = i
                    .checked_sub(1)
                    .and_then(|p| all.get(p))
                    .map_or(0, |p| p.end);
                let next_start = all.get(i + 1).map_or(sentence.len(), |n| n.start);
                if passed_over(sentence, d.start, d.end, prev_end, next_start) {
                    continue;
                }
                let m = chrono::Datelike::month(&d.span.start);
                anchors.push((m, chrono::Datelike::year(&d.span.start)));
                found.push(Candidate {
                    span: d.span,
                    score: base,
                });
            }
            if !cue {
                continue;
            }
            for y in dates::find_yearless(sentence) {
                // A yearless day that is really part of a dated range was
                // read above; only the ones outside every dated mention count.
                if all.iter().any(|d| d.start <= y.start && y.end <= d.end) {
                    continue;
                }
                let prev_end = all
                    .iter()
                    .rev()
                    .find(|d| d.end <= y.start)
                    .map_or(0, |d| d.end);
                let next_start = all
                    .iter()
                    .find(|d| d.start >= y.end)
                    .map_or(sentence.len(), |d| d.start);
                if passed_over(sentence, y.start, y.end, prev_end, next_start) {
                    continue;
                }
                let month = y.from.1;
                let year = anchors
                    .iter()
                    .rev()
                    .find(|(m, _)| *m == month)
                    .map(|(_, y)| *y)
                    .or(title_year);
                open.push(Open {
                    days: y,
                    year,
                    score: base,
                });
            }
            if let Some(r) = relative_months(sentence) {
                relative.push(Relative { score: base, ..r });
            }
        }
    }
    for o in open {
        // The page's own date gives the latest such days not after it.
        let year = o.year.or_else(|| {
            page_date.map(|p| {
                let y = chrono::Datelike::year(&p.start);
                if o.days.from.1 > chrono::Datelike::month(&p.start) {
                    y - 1
                } else {
                    y
                }
            })
        });
        if let Some(span) = year.and_then(|y| o.days.in_year(y)) {
            found.push(Candidate {
                span,
                score: o.score,
            });
        }
    }
    if let Some(p) = page_date {
        let base = chrono::Datelike::year(&p.start);
        for r in relative {
            let y = base - r.years_back;
            if let Some(span) = dates::month_range(y, r.months.0, y, r.months.1) {
                found.push(Candidate {
                    span,
                    score: r.score,
                });
            }
        }
    }
    let best = found
        .iter()
        .max_by(|a, b| a.score.cmp(&b.score).then(a.span.start.cmp(&b.span.start)))?;
    // A finer date inside the winner says the same visit more precisely.
    let finer = found
        .iter()
        .filter(|c| c.span.precision < best.span.precision && best.span.contains(&c.span))
        .max_by(|a, b| {
            a.score
                .cmp(&b.score)
                .then(b.span.precision.cmp(&a.span.precision))
        });
    Some(finer.unwrap_or(best).span)
}

/// "Feedback report: 17- 20 September 2024", "Feedback: 19 November 2025":
/// the LGA's report header names the visit's days; in the opening blocks
/// it counts even when the lines were run together.
fn labelled_feedback(text: &str) -> Option<DateSpan> {
    dates::find_dates(text, false).into_iter().find_map(|d| {
        let before = text.get(..d.start)?.trim_end().to_ascii_lowercase();
        let label = before.strip_suffix(':')?.trim_end();
        (label.ends_with("feedback") || label.ends_with("feedback report")).then_some(d.span)
    })
}

/// Whether the words in front of a date make it the page's own date:
/// "Last updated 24 August 2021", "(Last Updated On: January 26, 2016)".
fn is_page_date(before: &str) -> bool {
    let tail = last_words(before, 4);
    ["updated", "published", "posted", "last reviewed"]
        .iter()
        .any(|w| contains_ci(&tail, w))
}

/// The last `n` words of `text`, lower case.
fn last_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().rev().take(n).collect();
    words
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

/// Whether the date at `start..end` of `sentence` is some other event's,
/// planned, or another review's. `prev_end..next_start` is the stretch
/// between the neighbouring dates, where the words that decide belong.
fn passed_over(
    sentence: &str,
    start: usize,
    end: usize,
    prev_end: usize,
    next_start: usize,
) -> bool {
    let lead = sentence.get(prev_end..start).unwrap_or_default();
    // The clause: back to the last comma, semicolon or colon.
    // A date alone in its clause ("(Cabinet agenda, 4 February 2020)")
    // takes its meaning from the words before the comma.
    let clause = lead
        .rfind([',', ';', ':'])
        .and_then(|i| lead.get(i + 1..))
        .filter(|c| c.split_whitespace().count() >= 2)
        .unwrap_or(lead);
    let clause_tail = last_words(clause, 8);
    // A word of the clause's tail that starts with a decoy ("published"
    // with "publish"): the tail is split once, not once per decoy.
    if clause_tail
        .split(|c: char| !c.is_alphanumeric())
        .any(|x| DECOY_BEFORE.iter().any(|w| x.starts_with(w)))
    {
        return true;
    }
    let near = last_words(lead, 3);
    if BOUND_BEFORE
        .iter()
        .any(|w| near.split_whitespace().any(|x| x == *w) || (w.contains(' ') && near.contains(w)))
    {
        return true;
    }
    let rest = sentence.get(end..).unwrap_or_default();
    // "2020/21" is a financial year, not a date.
    if rest.starts_with('/') {
        return true;
    }
    let after: String = rest
        .split([',', ';', '.', '('])
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    if DECOY_AFTER.iter().any(|w| after.contains(w)) {
        return true;
    }
    // Planned: "will", "to take place" in front of the date ("the actions
    // planned in response" behind it says nothing about the visit).
    if FUTURE.any_in(lead) {
        return true;
    }
    // Another review may be named after its date: "In February 2024, the
    // councils commissioned another peer review".
    other_review(sentence.get(prev_end..next_start).unwrap_or_default())
}

/// "our last review", "the council's last CPC", "the last GBC Peer
/// Challenge", "another peer review": a marker at most three words in
/// front of a review noun.
fn other_review(region: &str) -> bool {
    // Both lists are lower-case: words are compared without regard to
    // ASCII case rather than lower-cased one by one.
    let words: Vec<&str> = region
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        OTHER_REVIEW.iter().any(|o| o.eq_ignore_ascii_case(w))
            && words
                .iter()
                .skip(i + 1)
                .take(3)
                .any(|n| NOUNS.words().iter().any(|noun| starts_with_ci(n, noun)))
    })
}

/// +2 when the sentence names the subject's kind, -2 when it names only
/// other kinds (a progress review's page that recalls the CPC before it).
fn kind_score(sentence: &str, kind: ReviewKind) -> i32 {
    use ReviewKind::*;
    let specific = |k: ReviewKind| {
        matches!(
            k,
            CorporatePeerChallenge
                | ProgressReview
                | FollowUpVisit
                | RecoveryRenewalPanel
                | RemotePeerSupport
                | FinancePeerReview
        )
    };
    if !specific(kind) {
        return 0;
    }
    let named = mentions(sentence);
    if named.iter().any(|m| m.kind == kind) {
        2
    } else if !named.is_empty() && named.iter().all(|m| specific(m.kind)) {
        -2
    } else {
        0
    }
}

/// The title's telling words ("adult", "social", "care" of an adult
/// social care peer challenge), lower case: from the first short line of
/// the title area that names a review, not from the opening sentences.
fn title_words(heads: &[Block]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let title = heads
        .iter()
        .find(|b| at_most_words(&b.text, 14) && NOUNS.any_in(&b.text));
    if let Some(b) = title {
        for w in b.text.split(|c: char| !c.is_alphanumeric()) {
            let w = w.to_ascii_lowercase();
            if w.len() >= 4
                && !w.bytes().all(|c| c.is_ascii_digit())
                && !TITLE_STOP.contains(&w.as_str())
                && !out.contains(&w)
                && out.len() < 12
            {
                out.push(w);
            }
        }
    }
    out
}

/// How many of the title's words the sentence uses.
fn overlap(sentence: &str, title_words: &[String]) -> i32 {
    let n = title_words
        .iter()
        .filter(|w| {
            sentence
                .split(|c: char| !c.is_alphanumeric())
                .any(|x| x.eq_ignore_ascii_case(w))
        })
        .count();
    i32::try_from(n).unwrap_or(0)
}

/// "in November and December last year", "in October last year", "in
/// March this year": the months and how many years back from the page.
fn relative_months(sentence: &str) -> Option<Relative> {
    for (marker, back) in [("last year", 1), ("this year", 0)] {
        let Some(at) = find_ci(sentence, marker) else {
            continue;
        };
        let before = sentence.get(..at)?;
        let words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
        let month = |w: &str| dates::month_number(w);
        let months = match words.as_slice() {
            [m2, joint, m1, ..]
                if matches!(
                    joint.to_ascii_lowercase().as_str(),
                    "and" | "to" | "-" | "–"
                ) =>
            {
                month(m1).zip(month(m2))
            }
            [m, ..] => month(m).map(|m| (m, m)),
            [] => None,
        }?;
        return Some(Relative {
            months,
            years_back: back,
            score: 0,
        });
    }
    None
}

/// An action plan's own date: when it was agreed, approved or adopted
/// ("Agreed by Cabinet on 11th December 2019"). The dates of the review
/// it answers are not its date.
pub fn plan_date(blocks: &[Block]) -> Option<DateSpan> {
    static CUES: Phrases = Phrases::new(&["agreed", "approved", "adopted", "dated", "signed off"]);
    blocks
        .iter()
        .take(20)
        .filter(|b| CUES.any_in(&b.text))
        .flat_map(|b| sentences(&b.text))
        .filter(|(_, sentence)| CUES.any_in(sentence))
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
