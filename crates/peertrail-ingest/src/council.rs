//! Which council a report is about.
//!
//! Every "`<Place>` … Council" (or "… MBC") in the text is a candidate. Peer
//! lists name other councils too, so the candidate whose place the text
//! mentions most wins, with a strong preference for one named in the
//! title area. A candidate loses leading words that are not part of the
//! place ("Inside Halton Borough Council" → "Halton Borough Council"): a
//! word goes when the place without it occurs more often in the text.

use std::collections::BTreeMap;

use peertrail_core::{Council, CouncilId};
use peertrail_gazetteer::{find_places, gazetteer, Authority};

use crate::cues::Set;
use crate::segment::{Block, BlockKind};
use crate::text::{is_capitalised, Phrases};
use crate::vocab::{Cue, Cues};

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
    // Bodies that are called councils but are not local authorities.
    "Youth",
    "Young",
    "Parish",
    "Community",
    "School",
    "Schools",
    "Student",
    "Students",
    "Citizens",
    "Advisory",
    "Research",
    "Arts",
    "Sports",
];

/// At most this many distinct candidates are scored, so hostile input
/// cannot make scoring quadratic.
const MAX_CANDIDATES: usize = 64;
/// At most this many distinct names written as a council's ("<Place>
/// Borough Council") are looked up, each once: a report names a few
/// dozen councils, and each lookup counts the name over the opening text.
const MAX_WRITTEN_NAMES: usize = 256;
/// The most words a name written before "Council" is taken to have. The
/// longest names ("Corporate Peer Challenge of the Royal Borough of
/// Windsor and Maidenhead") have about a dozen; without a bound, a run of
/// capitalised words before each of many "Council"s (a title-cased index,
/// hostile input) made every name as long as the run, and reading
/// quadratic.
const MAX_NAME_WORDS: usize = 16;
/// How much of the text candidates are looked for and counted in.
const COUNT_BYTES: usize = 256 * 1024;
/// How much a joint subject's name ("Babergh and Mid Suffolk District
/// Councils") counts: it is always the subject of the page that writes it.
const JOINT_WEIGHT: usize = 2;
/// How many blocks count as the title area.
const TITLE_BLOCKS: usize = 12;

/// The council a report is about, as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Its name: the gazetteer's official name where the council is in it,
    /// else as the text writes it.
    pub name: String,
    /// Its ONS code, where the gazetteer knows the council.
    pub code: Option<&'static str>,
    /// Further councils of a joint review ("Babergh and Mid Suffolk
    /// District Councils"), by code.
    pub joint: Vec<&'static str>,
}

impl Found {
    /// The council as the model holds it: for a council of the gazetteer,
    /// its id from its place name ("Sefton" → `sefton`), its code and its
    /// reorganisations; otherwise its id from the name as written.
    pub fn council(&self) -> Option<Council> {
        match self.code.and_then(|c| gazetteer().by_code(c)) {
            Some(a) => Some(of_authority(a)),
            None => {
                let id = CouncilId::from_name(&self.name).ok()?;
                Some(Council::named(id, self.name.clone()))
            }
        }
    }

    /// The further councils of a joint review.
    pub fn joint_councils(&self) -> Vec<Council> {
        self.joint
            .iter()
            .filter_map(|c| gazetteer().by_code(c))
            .map(of_authority)
            .collect()
    }
}

/// The id of a council of the gazetteer: its place name's slug.
fn id_of(a: &Authority) -> Option<CouncilId> {
    CouncilId::from_name(a.short)
        .or_else(|_| CouncilId::from_name(a.name))
        .ok()
}

/// A council of the gazetteer as the model holds it.
fn of_authority(a: &Authority) -> Council {
    let g = gazetteer();
    let ids = |codes: &[&str]| {
        let mut v: Vec<CouncilId> = codes
            .iter()
            .filter_map(|c| g.by_code(c))
            .filter_map(id_of)
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let id = id_of(a).unwrap_or_else(|| CouncilId::from_raw(a.code.to_ascii_lowercase()));
    Council {
        id,
        name: a.name.to_string(),
        aliases: Vec::new(),
        code: Some(a.code.to_string()),
        predecessors: ids(&a.predecessors),
        successors: ids(&a.successors),
    }
}

/// The council whose web site a page's address is on ("https://
/// democracy.kestrelvale.gov.uk/mgAi.aspx"); `None` for another site (the
/// LGA's, a newspaper's), whose pages may be about any council.
pub fn from_url(url: &str) -> Option<Found> {
    let a = gazetteer()
        .by_domain(url)
        .into_iter()
        .find(|a| a.kind.is_council())?;
    Some(Found {
        name: a.name.to_string(),
        code: Some(a.code),
        joint: Vec::new(),
    })
}

/// A candidate subject: a council of the gazetteer (by code) or a name the
/// gazetteer does not know (by id).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Known(&'static str),
    Unknown(String),
}

#[derive(Debug, Default)]
struct Tally {
    count: usize,
    in_title: bool,
    /// Block and byte offset of the first mention.
    first: (usize, usize),
    /// The longest form the text wrote, for a council the gazetteer does
    /// not know.
    written: String,
}

/// The council a report is about, or `None` when the text names none.
///
/// Every "<Place> … Council" and every place of the gazetteer ("Walsall's
/// reputation", "to Hyndburn", "Wirral Health and Wellbeing Board")
/// counts for its council; one named in the title area counts far more.
/// A council named in passing does not count: after "with" ("met with
/// Bolton Council", "relationships with the County Council"), and a place
/// that is also a common word or surname counts only when written as a
/// council's name or in the title area.
pub fn find(blocks: &[Block]) -> Option<Found> {
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
    let g = gazetteer();
    // The title area: the opening short lines, up to the first paragraph of
    // running text (which names the county, the region and partners) and
    // never a list (a peer team names other councils).
    let title_end = blocks
        .iter()
        .take(TITLE_BLOCKS)
        .position(|b| {
            b.text.split_whitespace().nth(30).is_some()
                || matches!(b.kind, BlockKind::Bullet | BlockKind::Numbered { .. })
        })
        .unwrap_or_else(|| blocks.len().min(TITLE_BLOCKS));
    let mut tallies: BTreeMap<Key, Tally> = BTreeMap::new();
    let mut joint: BTreeMap<&'static str, Vec<&'static str>> = BTreeMap::new();
    // Each name as written: its trimmed form and id, or `None` when it
    // is not counted here.
    let mut resolved: BTreeMap<String, Option<(String, String)>> = BTreeMap::new();
    for (i, b) in blocks.iter().enumerate().take(scanned) {
        let in_title = i < title_end;
        let places = find_places(&b.text);
        for (k, m) in places.iter().enumerate() {
            let Some(code) = council_code(m.codes.as_slice()) else {
                continue;
            };
            let after = b.text.get(m.range.end..).unwrap_or_default();
            // The match may be the council's whole name ("Hart District
            // Council") or its place ("Hart" before "District Council").
            let named_as_council = g
                .by_code(code)
                .is_some_and(|a| !a.short.eq_ignore_ascii_case(&m.text))
                || is_council_name_after(after);
            if m.common_word && !(named_as_council || in_title) {
                continue;
            }
            if !named_as_council && is_attributive(after) {
                continue;
            }
            if in_passing(b.text.get(..m.range.start).unwrap_or_default()) {
                continue;
            }
            if tallies.len() >= MAX_CANDIDATES && !tallies.contains_key(&Key::Known(code)) {
                continue;
            }
            // "Babergh and Mid Suffolk District Councils": one review of two.
            let mut joint_name = false;
            if let Some(next) = places.get(k + 1) {
                let between = b
                    .text
                    .get(m.range.end..next.range.start)
                    .unwrap_or_default();
                let rest = b.text.get(next.range.end..).unwrap_or_default();
                if matches!(between.trim(), "and" | "&") && plural_councils_after(rest) {
                    if let Some(other) = council_code(next.codes.as_slice()) {
                        joint.entry(code).or_default().push(other);
                        joint_name = true;
                    }
                }
            }
            let t = tallies.entry(Key::Known(code)).or_insert_with(|| Tally {
                first: (i, m.range.start),
                ..Tally::default()
            });
            // A place written as a council's name is strong evidence; a bare
            // place ("central Suffolk", "the Suffolk growth partnership")
            // may be the area, a county or a partnership.
            t.count += if joint_name { JOINT_WEIGHT } else { 1 };
            t.in_title |= in_title;
        }
        for written in names_in(b) {
            // A report names its council over and over: each distinct
            // name is trimmed, looked up and given its id once.
            if resolved.len() >= MAX_WRITTEN_NAMES && !resolved.contains_key(&written) {
                continue;
            }
            let known = resolved.entry(written).or_insert_with_key(|written| {
                let name = trim_leading(written, &whole);
                // One the gazetteer knows is counted above through its place.
                if g.by_name(&name).is_some() {
                    return None;
                }
                let id = CouncilId::from_name(&name).ok()?;
                Some((name, id.as_str().to_string()))
            });
            let Some((name, id)) = known.clone() else {
                continue;
            };
            let key = Key::Unknown(id);
            if tallies.len() >= MAX_CANDIDATES && !tallies.contains_key(&key) {
                continue;
            }
            let t = tallies.entry(key).or_insert_with(|| Tally {
                first: (i, 0),
                count: count_words(&whole, &place(&name)),
                ..Tally::default()
            });
            t.in_title |= in_title;
            if name.len() > t.written.len() {
                t.written = name;
            }
        }
    }
    if tallies.is_empty() {
        return lga_itself(&whole);
    }
    let (key, _) = tallies.iter().max_by(|(ka, a), (kb, b)| {
        let score = |t: &Tally| t.count + if t.in_title { 1000 } else { 0 };
        score(a)
            .cmp(&score(b))
            .then(b.first.cmp(&a.first))
            .then(kb.cmp(ka))
    })?;
    match key {
        Key::Known(code) => {
            let a = g.by_code(code)?;
            let joint = joint.get(code).cloned().unwrap_or_default();
            Some(Found {
                name: a.name.to_string(),
                code: Some(a.code),
                joint,
            })
        }
        Key::Unknown(id) => tallies.get(key).map(|t| Found {
            name: if t.written.is_empty() {
                id.clone()
            } else {
                t.written.clone()
            },
            code: None,
            joint: Vec::new(),
        }),
    }
}

/// The Local Government Association as the subject: a page that names no
/// council and speaks of recommendations or suggestions made to the LGA
/// ("suggestions for the LGA to consider", "the LGA is responding to
/// what the panel recommended"). Every peer review mentions the LGA as the
/// reviewer, so nothing less makes it the subject.
fn lga_itself(whole: &str) -> Option<Found> {
    let reviewed = crate::text::sentences(whole)
        .into_iter()
        .take(40)
        .any(|(_, s)| {
            let cues = Cues::of(s);
            (cues.has(Cue::Recommend) || cues.has(Cue::Advice))
                && [
                    "by the LGA",
                    "for the LGA",
                    "the LGA is responding",
                    "the LGA's response",
                ]
                .iter()
                .any(|p| s.contains(p))
        });
    if !reviewed {
        return None;
    }
    let lga = gazetteer().by_code("LGA")?;
    Some(Found {
        name: lga.name.to_string(),
        code: Some(lga.code),
        joint: Vec::new(),
    })
}

/// A name given from outside the text (`--council`, a sidecar) in the
/// gazetteer's official form where it knows the council.
pub fn canonical(name: &str) -> Found {
    match gazetteer().by_name(name) {
        Some(a) => Found {
            name: a.name.to_string(),
            code: Some(a.code),
            joint: Vec::new(),
        },
        None => Found {
            name: name.to_string(),
            code: None,
            joint: Vec::new(),
        },
    }
}

/// The first code a place may name that is a council (a current one comes
/// first), so that "Devon" is the county, not a combined authority.
fn council_code(codes: &[&'static str]) -> Option<&'static str> {
    let g = gazetteer();
    codes
        .iter()
        .copied()
        .find(|c| g.by_code(c).is_some_and(|a| a.kind.is_council()))
}

/// "Borough Council", "Council", "'s": the place is written as the name
/// of a council, or as its owner.
fn is_council_name_after(after: &str) -> bool {
    let t = after.trim_start_matches(['\'', '\u{2019}']);
    if t.starts_with("s ") && after.len() > t.len() {
        return true;
    }
    let mut words = after.split_whitespace();
    for _ in 0..3 {
        match words.next() {
            Some(
                "Council" | "Council's" | "Council\u{2019}s" | "Councils" | "MBC" | "BC" | "DC",
            ) => {
                return true;
            }
            Some(w) if TYPE_WORDS.contains(&w) => continue,
            _ => return false,
        }
    }
    false
}

/// "Suffolk districts", "the Suffolk growth partnership": a bare place
/// followed by a lower-case word qualifies something else (an area, a
/// partnership, a county's services), not the council itself.
fn is_attributive(after: &str) -> bool {
    // Words that follow a place without qualifying anything: "Walsall is",
    // "Babergh and Mid Suffolk", "to Hyndburn in".
    const NOT_QUALIFYING: &[&str] = &[
        "is", "was", "has", "had", "have", "will", "would", "can", "could", "should", "must",
        "may", "might", "are", "were", "and", "or", "in", "on", "at", "to", "for", "of", "from",
        "by", "with", "which", "that", "who", "where", "as", "but", "so", "than", "then", "itself",
        "over", "under", "into", "since", "during", "after", "before",
    ];
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect();
    word.chars().next().is_some_and(char::is_lowercase) && !NOT_QUALIFYING.contains(&word.as_str())
}

/// "… District Councils": the plural that makes two places one joint
/// subject.
fn plural_councils_after(after: &str) -> bool {
    after
        .split_whitespace()
        .take(3)
        .any(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()) == "Councils")
}

/// Whether the words before a place name it in passing: another body the
/// council works with, not the council itself.
fn in_passing(before: &str) -> bool {
    let mut start = before.len().saturating_sub(24);
    while !before.is_char_boundary(start) {
        start += 1;
    }
    let tail = before[start..].trim_end().to_ascii_lowercase();
    tail.ends_with(" with") || tail.ends_with(" with the") || tail == "with" || tail == "with the"
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
    memchr::memmem::find_iter(whole.as_bytes(), phrase.as_bytes())
        .filter(|at| {
            let before = whole.get(..*at).and_then(|t| t.chars().next_back());
            let after = whole
                .get(at + phrase.len()..)
                .and_then(|t| t.chars().next());
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .count()
}

/// The words a council's name ends with, as written ([`names_in`]).
static NAME_ENDS: Phrases = Phrases::new(&["Council", "MBC"]);

/// [`NAME_ENDS`], for the shared scan ([`crate::cues`]), which ignores
/// case: [`names_in`] keeps the occurrences written as the words are.
pub(crate) fn name_ends() -> &'static Phrases {
    &NAME_ENDS
}

/// Where "Council" or "MBC" is written in a block, read from the block's
/// scan (it is asked of every block of a report's opening); a block the
/// scan could not read is searched ([`name_ends_by_search`]).
fn name_ends_in(b: &Block) -> Vec<usize> {
    let bytes = b.text.as_bytes();
    match b.occurrences(Set::NameEnds) {
        Some(found) => found
            .filter(|&(start, end, phrase)| {
                NAME_ENDS
                    .words()
                    .get(phrase)
                    .is_some_and(|w| bytes.get(start..end) == Some(w.as_bytes()))
            })
            .map(|(start, _, _)| start)
            .collect(),
        None => name_ends_by_search(&b.text),
    }
}

/// [`name_ends_in`] by a search of `text` for each word.
fn name_ends_by_search(text: &str) -> Vec<usize> {
    NAME_ENDS
        .words()
        .iter()
        .flat_map(|w| memchr::memmem::find_iter(text.as_bytes(), w.as_bytes()))
        .collect()
}

/// Every "<Place> [type words] Council" / "<Place> MBC" in a block.
fn names_in(b: &Block) -> Vec<String> {
    let text: &str = &b.text;
    // A word whose core (below) is "Council" or "MBC" starts with it: each
    // place either is written at is a candidate when a word starts there.
    let mut hits: Vec<usize> = name_ends_in(b)
        .into_iter()
        .filter(|&at| {
            text.get(..at)
                .is_some_and(|before| before.chars().next_back().is_none_or(char::is_whitespace))
        })
        .collect();
    hits.sort_unstable();
    let mut out = Vec::new();
    for at in hits {
        let rest = text.get(at..).unwrap_or_default();
        let w = rest.split_whitespace().next().unwrap_or_default();
        // The words before it, as many as a name can reach back over (the
        // walk below looks at most two words past its bound), read
        // backwards from the word rather than the whole block split.
        let mut words: Vec<&str> = text
            .get(..at)
            .unwrap_or_default()
            .split_whitespace()
            .rev()
            .take(MAX_NAME_WORDS + 2)
            .collect();
        words.reverse();
        let i = words.len();
        words.push(w);
        let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        let core = bare
            .strip_suffix("'s")
            .or_else(|| bare.strip_suffix("\u{2019}s"))
            .unwrap_or(bare);
        if core != "Council" && core != "MBC" {
            continue;
        }
        let mut start = i;
        while start > 0 && i - start < MAX_NAME_WORDS {
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
        // "an ‘Achieving’ Council": a quoted word describes a council; it
        // is not a place.
        const QUOTES: &[char] = &['\'', '"', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}'];
        if words[start..i]
            .iter()
            .any(|w| w.starts_with(QUOTES) || w.ends_with(QUOTES))
        {
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
        find(&segment(text)).map(|f| f.name)
    }

    #[test]
    fn a_council_of_the_gazetteer_carries_its_code_and_reorganisations() {
        let c = canonical("Aylesbury Vale District Council")
            .council()
            .unwrap();
        assert_eq!(c.id.as_str(), "aylesbury-vale");
        assert!(c.code.is_some());
        assert_eq!(c.successors, [CouncilId::from_raw("buckinghamshire")]);
        let c = canonical("Buckinghamshire Council").council().unwrap();
        assert!(c
            .predecessors
            .contains(&CouncilId::from_raw("aylesbury-vale")));
        // The page's address names the council whose site it is on; the
        // LGA's site names none.
        let f = from_url("https://democracy.harlow.gov.uk/mgAi.aspx?ID=1").unwrap();
        assert_eq!(f.council().unwrap().id.as_str(), "harlow");
        assert!(from_url("https://www.local.gov.uk/our-support").is_none());
    }

    #[test]
    fn a_council_name_s_end_is_found_from_the_scan_where_a_search_finds_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
        let mut texts = vec![
            "Kestrel MBC and the council; COUNCIL, Councillors and Fenby Council's plan."
                .to_string(),
        ];
        // The reports only (a run may leave its cache folder beside them).
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "md" || x == "txt") {
                texts.push(std::fs::read_to_string(path).unwrap());
            }
        }
        let mut found = 0;
        for text in &texts {
            for b in segment(text) {
                let mut by_search = name_ends_by_search(&b.text);
                by_search.sort_unstable();
                let mut from_scan = name_ends_in(&b);
                from_scan.sort_unstable();
                assert_eq!(from_scan, by_search, "{:?}", b.text);
                found += from_scan.len();
            }
        }
        assert!(found > 20, "{found}");
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
            council("The Ashby East and Fernvale Council met."),
            Some("Ashby East and Fernvale Council".into())
        );
        assert_eq!(council("No authority is named here."), None);
        assert_eq!(council("The Council and the County Council."), None);
    }
}
