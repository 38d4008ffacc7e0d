//! Which council a report is about.
//!
//! Every "<Place> … Council" (or "… MBC") in the text is a candidate. Peer
//! lists name other councils too, so the candidate whose place the text
//! mentions most wins, with a strong preference for one named in the
//! title area. A candidate loses leading words that are not part of the
//! place ("Inside Halton Borough Council" → "Halton Borough Council"): a
//! word goes when the place without it occurs more often in the text.

use std::collections::BTreeMap;

use peertrail_core::CouncilId;

use crate::segment::Block;
use crate::text::is_capitalised;

/// Words that describe the type of authority, not the place.
const TYPE_WORDS: &[&str] = &[
    "Metropolitan",
    "Borough",
    "District",
    "County",
    "City",
    "Town",
    "Royal",
    "Unitary",
];
/// Words that join the parts of a place name.
const JOINERS: &[&str] = &["and", "upon", "on", "of", "in", "under", "le", "en"];
/// Capitalised words that never start a place name.
const NOT_PLACES: &[&str] = &[
    "The",
    "A",
    "An",
    "LGA",
    "Local",
    "Government",
    "Association",
    "Inside",
    "Each",
    "Every",
    "This",
    "That",
    "Our",
    "Your",
    "Their",
    "Both",
    "All",
    "Whole",
    "Cabinet",
    "Full",
    "New",
    "Leader",
];

/// At most this many distinct candidates are scored, so hostile input
/// cannot make scoring quadratic.
const MAX_CANDIDATES: usize = 64;
/// How much of the text candidates are looked for and counted in.
const COUNT_BYTES: usize = 256 * 1024;
/// How many blocks count as the title area.
const TITLE_BLOCKS: usize = 12;

/// The council's full name, or `None` when the text names none.
pub fn find(blocks: &[Block]) -> Option<String> {
    // Mentions are counted in the opening of the text only: a report
    // names its council early and often, and counting a few candidates
    // over a whole 50 MB text would cost more than reading it.
    let mut whole = String::new();
    let mut scanned = 0;
    for (i, b) in blocks.iter().enumerate() {
        if whole.len() >= COUNT_BYTES {
            break;
        }
        whole.push_str(&b.text);
        whole.push('\n');
        scanned = i + 1;
    }
    let mut candidates: BTreeMap<String, (usize, bool)> = BTreeMap::new();
    for (i, b) in blocks.iter().enumerate().take(scanned) {
        for name in names_in(&b.text) {
            if candidates.len() >= MAX_CANDIDATES && !candidates.contains_key(&name) {
                continue;
            }
            let entry = candidates.entry(name).or_insert((i, false));
            entry.1 |= i < TITLE_BLOCKS;
        }
    }
    let mut best: Option<(usize, usize, String)> = None;
    let mut by_id: BTreeMap<String, String> = BTreeMap::new();
    for (name, (first, in_title)) in &candidates {
        let name = trim_leading(name, &whole);
        let Ok(id) = CouncilId::from_name(&name) else {
            continue;
        };
        let longest = by_id.entry(id.as_str().to_string()).or_default();
        if name.len() > longest.len() {
            *longest = name.clone();
        }
        let count = count_words(&whole, &place(&name));
        let score = count + if *in_title { 1000 } else { 0 };
        let better = match &best {
            None => true,
            Some((s, f, _)) => score > *s || (score == *s && first < f),
        };
        if better {
            best = Some((score, *first, id.as_str().to_string()));
        }
    }
    let (_, _, id) = best?;
    by_id.remove(&id)
}

/// The place part of a name: "Sefton Metropolitan Borough Council" → "Sefton".
fn place(name: &str) -> String {
    name.split_whitespace()
        .take_while(|w| {
            !TYPE_WORDS.contains(w) && *w != "Council" && *w != "MBC" && *w != "Councils"
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Drops leading words while the place without them occurs more often.
fn trim_leading(name: &str, whole: &str) -> String {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    // "Corporate Peer Challenge of Ravensmoor Borough Council": the review,
    // then the council.
    if let Some(of) = words.iter().position(|w| *w == "of") {
        const REVIEW_WORDS: &[&str] = &[
            "Challenge",
            "Review",
            "Panel",
            "Report",
            "Plan",
            "Visit",
            "Session",
            "Check",
        ];
        if words[..of].iter().any(|w| REVIEW_WORDS.contains(w)) {
            words.drain(..=of);
        }
    }
    while words.len() > 2 {
        let full = place(&words.join(" "));
        let rest = place(&words[1..].join(" "));
        if rest.is_empty() || JOINERS.contains(&words[1]) {
            break;
        }
        let always_drop = NOT_PLACES.contains(&words[0]);
        if always_drop || (count_words(whole, &full) <= 1 && count_words(whole, &rest) > 1) {
            words.remove(0);
        } else {
            break;
        }
    }
    words.join(" ")
}

/// Occurrences of `phrase` as whole words ("Helens" is not counted inside
/// "#StHelensTogether").
fn count_words(whole: &str, phrase: &str) -> usize {
    if phrase.is_empty() {
        return 0;
    }
    whole
        .match_indices(phrase)
        .filter(|(at, _)| {
            let before = whole[..*at].chars().next_back();
            let after = whole[at + phrase.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .count()
}

/// Every "<Place> [type words] Council" / "<Place> MBC" in a text.
fn names_in(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        let core = bare
            .strip_suffix("'s")
            .or_else(|| bare.strip_suffix("\u{2019}s"))
            .unwrap_or(bare);
        if core != "Council" && core != "MBC" {
            continue;
        }
        let mut start = i;
        while start > 0 {
            let prev = words[start - 1];
            if prev.ends_with([',', ';', ':', '.', ')', '!', '?']) {
                break;
            }
            let clean = prev.trim_start_matches(|c: char| !c.is_alphanumeric());
            let opens = clean.len() != prev.len();
            let joiner = JOINERS.contains(&clean) && start >= 2 && is_capitalised(words[start - 2]);
            if !(is_capitalised(clean) || joiner) {
                break;
            }
            start -= 1;
            if opens {
                break;
            }
        }
        while start < i && (JOINERS.contains(&words[start]) || NOT_PLACES.contains(&words[start])) {
            start += 1;
        }
        let parts: Vec<&str> = words[start..i]
            .iter()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
            .collect();
        if parts.iter().all(|p| TYPE_WORDS.contains(p)) {
            continue;
        }
        let mut name = parts.join(" ");
        name.push(' ');
        name.push_str(core);
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn council(text: &str) -> Option<String> {
        find(&segment(text))
    }

    #[test]
    fn the_title_council_wins_over_peers_councils() {
        let text = "# Corporate Peer Challenge\n\n## **Marshfield Metropolitan Borough Council**\n\nMarshfield is a place. The peers were Ann (Chief Executive - Northby Borough Council) and Marshfield MBC staff.\n";
        assert_eq!(
            council(text).as_deref(),
            Some("Marshfield Metropolitan Borough Council")
        );
    }

    #[test]
    fn leading_words_that_are_not_the_place_go() {
        let text = "Recommendation 1\n\nWork with Holmewood partners on Holmewood.\n\n- Inside Holmewood Borough Council\n";
        assert_eq!(council(text).as_deref(), Some("Holmewood Borough Council"));
        assert_eq!(
            council("The Cheshire East and Fernvale Council met."),
            Some("Cheshire East and Fernvale Council".into())
        );
        assert_eq!(council("No authority is named here."), None);
        assert_eq!(council("The Council and the County Council."), None);
    }
}
