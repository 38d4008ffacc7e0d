//! Roles: what each list of the outline holds, scored from evidence.
//!
//! Evidence for recommendations: the sentence that introduces the list
//! ("Recommendations included:", "key messages and opportunities to
//! improve. These included:", "a series of recommendations … grouped into
//! actions which will:"). Evidence against, which wins: entries that read
//! as people, items that are only dates, statuses or timescales, items
//! worded as a committee's resolutions ("That the report be noted"), an
//! introduction that speaks of themes, scope, purpose or decisions without
//! recommendations. A list of findings ("the key messages were:") holds
//! recommendations only in the items that advise the council themselves
//! ("To begin with, we would encourage the council to …").
//!
//! A list with no evidence either way is left to the section it sits in.

use peertrail_core::{Cue as Evidence, CueKind};

use crate::cues::Set;
use crate::outline::{List, Outline};
use crate::people;
use crate::segment::Block;
use crate::text::{sentences, Phrases};
use crate::vocab::{Cue, Cues};

/// What a list holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// Every item is a recommendation; the evidence says why.
    Recommendations(Evidence),
    /// Only the items that themselves advise the council.
    AdvisingItems,
    /// Not recommendations, wherever the list stands; the reason.
    NotItems(&'static str),
    /// No evidence either way.
    Unknown,
}

/// The role of every list of `outline`, in the same order.
pub fn roles(blocks: &[Block], outline: &Outline) -> Vec<Role> {
    outline.lists.iter().map(|l| judge(blocks, l)).collect()
}

/// Words that attribute recommendations to the review rather than to a
/// committee's own business.
const ATTRIBUTION: &[&str] = &["peer", "review", "challenge", "lga", "pas", "team"];

fn judge(blocks: &[Block], list: &List) -> Role {
    let items = list.items(blocks);
    if let Some(reason) = items_against(items) {
        return Role::NotItems(reason);
    }
    let Some(intro) = list.intro.and_then(|i| blocks.get(i)) else {
        return Role::Unknown;
    };
    // The introducing words are the intro's last two sentences: "It found
    // opportunities to improve. These included:".
    let said = sentences(&intro.text);
    let from = said.len().saturating_sub(2);
    let start = said.get(from).map_or(0, |(at, _)| *at);
    let tail = intro.text.get(start..).unwrap_or_default();
    let cues = Cues::of_block(intro, start..intro.text.len());
    let lower = tail.to_ascii_lowercase();
    let attributed = ATTRIBUTION.iter().any(|w| has_word(&lower, w));
    let starts_resolution = {
        let t = tail.trim_start();
        t.starts_with("That") || t.starts_with("RESOLVED")
    };
    if starts_resolution || (cues.has(Cue::Resolutions) && !attributed) {
        return Role::NotItems("a committee's resolutions or options");
    }
    let evidence = cues
        .first(Cue::Recommend)
        .or_else(|| cues.first(Cue::Advice));
    if let Some(found) = evidence {
        if cues.has(Cue::NotItems) && !cues.has(Cue::Recommend) {
            return Role::NotItems("themes, scope or purpose");
        }
        return Role::Recommendations(Evidence {
            kind: CueKind::Intro,
            words: found.words(tail).into(),
            line: intro.span().line,
        });
    }
    if cues.has(Cue::NotItems) {
        return Role::NotItems("themes, scope or purpose");
    }
    if cues.has(Cue::Findings) {
        return Role::AdvisingItems;
    }
    Role::Unknown
}

/// Evidence in the items themselves that the list is not recommendations.
fn items_against(items: &[Block]) -> Option<&'static str> {
    if items.is_empty() {
        return None;
    }
    if most(items, |b| {
        b.text.len() < 300 && looks_like_person_entry(&b.text)
    }) {
        return Some("people");
    }
    if most(items, is_resolution) {
        return Some("a committee's resolutions");
    }
    if items.iter().all(|b| is_bare_value(&b.text)) {
        return Some("dates, statuses or timescales");
    }
    None
}

/// Whether more than half of `items` pass `test`. Stops as soon as the
/// answer is known: a list of recommendations is told from a list of
/// people by its first half, and the tests read each item's words.
fn most(items: &[Block], test: impl Fn(&Block) -> bool) -> bool {
    let n = items.len();
    let (mut yes, mut no) = (0, 0);
    for b in items {
        if test(b) {
            yes += 1;
            if yes * 2 > n {
                return true;
            }
        } else {
            no += 1;
            if no * 2 >= n {
                return false;
            }
        }
    }
    false
}

/// The words of a committee's resolution ([`is_resolution`]).
const RESOLUTION_WORDS: [&str; 8] = [
    " be noted",
    " be endorsed",
    " be received",
    " be approved",
    " be agreed",
    " be adopted",
    " be referred",
    " be recommended",
];
static RESOLVED: Phrases = Phrases::new(&RESOLUTION_WORDS);

/// [`RESOLUTION_WORDS`], for the shared scan ([`crate::cues`]).
pub(crate) fn resolutions() -> &'static Phrases {
    &RESOLVED
}

/// "That the report be noted", "the proposed next steps be endorsed": an
/// item worded as a committee's resolution.
fn is_resolution(b: &Block) -> bool {
    let text: &str = &b.text;
    let t = text.trim_start();
    if t.starts_with("That ") || t.starts_with("that ") {
        return true;
    }
    b.holds(Set::Resolutions, text.len() - t.len()..text.len())
}

/// "Name, Role, Organisation", "Cllr Name (Council)": an entry whose head
/// is a person's name followed by details.
fn looks_like_person_entry(text: &str) -> bool {
    people::parse_entry(text).is_some_and(|e| e.role.is_some() || e.organisation.is_some())
}

/// A cell or item that is only a date, a status word or a timescale.
fn is_bare_value(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', ';']);
    if t.is_empty() {
        return true;
    }
    if t.split_whitespace().count() > 4 {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    const WORDS: &[&str] = &[
        "ongoing",
        "complete",
        "completed",
        "in progress",
        "on track",
        "not started",
        "red",
        "amber",
        "green",
        "open",
        "closed",
        "tbc",
        "n/a",
    ];
    WORDS.contains(&lower.as_str())
        || !crate::dates::find_dates(t, true).is_empty()
        || lower.starts_with('q') && lower.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
}

fn has_word(lower: &str, word: &str) -> bool {
    // Asked of short texts, many times: candidates from the first byte
    // rather than a substring searcher built for every question.
    let (hay, needle) = (lower.as_bytes(), word.as_bytes());
    let Some(&first) = needle.first() else {
        return false;
    };
    let mut found = memchr::memchr_iter(first, hay).filter(|&i| {
        hay.get(i..).is_some_and(|rest| rest.starts_with(needle)) && lower.is_char_boundary(i)
    });
    found.any(|i| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Whether one item of an advising list advises the council itself; the
/// phrase that does, as evidence.
pub fn advising(b: &Block) -> Option<Evidence> {
    let cues = Cues::of(&b.text);
    let found = cues.first(Cue::AdviceVerb)?;
    Some(Evidence {
        kind: CueKind::Advice,
        words: found.words(&b.text).into(),
        line: b.span().line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::outline;
    use crate::segment::segment;

    fn role_of(text: &str) -> Vec<Role> {
        let blocks = segment(text);
        roles(&blocks, &outline(&blocks))
    }

    #[test]
    fn an_intro_about_recommendations_makes_them() {
        let r = role_of("The review made several points. Recommendations included:\n- Better training.\n- A clearer plan.\n");
        assert!(matches!(&r[0], Role::Recommendations(e) if &*e.words == "Recommendations"));
    }

    #[test]
    fn evidence_against_wins() {
        let r = role_of("The peer team recommends:\n- Jane Hale, Chief Executive, Brindle Council\n- Tom Ash, Director of Place, Eastlow Council\n");
        assert_eq!(r[0], Role::NotItems("people"));
        let r = role_of("RESOLVED:\n\n1. That the report be noted.\n2. That the plan be agreed.\n");
        assert_eq!(r[0], Role::NotItems("a committee's resolutions"));
        let r = role_of("The framework has three levels:\n- developing\n- achieving\n");
        assert_eq!(r[0], Role::NotItems("themes, scope or purpose"));
        let r = role_of("Our key findings were:\n- Good.\n- As a next step we would encourage the council to act.\n");
        assert_eq!(r[0], Role::AdvisingItems);
    }
}
