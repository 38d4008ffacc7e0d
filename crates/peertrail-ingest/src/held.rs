//! When the subject review was held: the title area's date line, else the
//! sentence of the running text that dates the visit; an action plan's own
//! date. Kept apart from the other document facts so the date rules can
//! change without touching them.

use peertrail_core::DateSpan;

use crate::dates;
use crate::segment::{Block, BlockKind};
use crate::text::{contains_ci, sentences};

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
pub fn title_date(head: &[Block]) -> Option<DateSpan> {
    head.iter()
        .filter(|b| b.text.split_whitespace().count() <= 14 && !is_decoy(&b.text))
        .find_map(|b| dates::find_dates(&b.text, false).first().map(|d| d.span))
}

/// "On 9th June 2021, the LGA held …", "The review took place online on
/// the 14th March 2023", "The panel met in 2020". A day
/// written without its year ("from 8th to 11th November") takes the year
/// the title area states, if it states exactly one.
pub fn held_in_text(blocks: &[Block], title_year: Option<i32>) -> Option<DateSpan> {
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
pub fn plan_date(blocks: &[Block]) -> Option<DateSpan> {
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
pub fn title_year(head: &[Block]) -> Option<i32> {
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
