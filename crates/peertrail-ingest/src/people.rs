//! People: peer team entries, council attendees and contacts, in the forms
//! reports write them:
//!
//! - `Name (Role – Organisation)`, `Name (Role, Organisation)`, `Name (LGA)`
//! - `Name – Role of Organisation (Group)`, `Name, Role, Organisation`
//! - `Cllr Name - Organisation (group member peer)`
//! - a position first: `Shadow: Name (…)`, `Lead Officer Peer: Name, …`,
//!   `Peer Challenge Manager Name (…)`
//!
//! Honorifics (Cllr, Councillor, Sir, Dr, …) are kept apart from the name.

use std::sync::OnceLock;

use peertrail_core::{Attendee, Contact, Membership, PeerPosition, PersonId, Span};

use crate::text::{contains_ci, find_ci, is_capitalised, starts_with_ci, trim_list_end, Phrases};

const HONORIFICS: &[&str] = &[
    "Cllr",
    "Cllr.",
    "Councillor",
    "Sir",
    "Dame",
    "Dr",
    "Dr.",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Miss",
    "Prof",
    "Prof.",
    "Professor",
    "Lord",
    "Lady",
    "Baroness",
    "Baron",
    "Rt",
    "Hon",
    "Hon.",
];

/// Position phrases that can stand before a name.
const POSITION_PREFIXES: &[(&str, PeerPosition)] = &[
    (
        "lga peer challenge manager",
        PeerPosition::PeerChallengeManager,
    ),
    ("peer challenge manager", PeerPosition::PeerChallengeManager),
    ("lead officer peer", PeerPosition::OfficerPeer),
    ("lead member peer", PeerPosition::MemberPeer),
    ("officer peer", PeerPosition::OfficerPeer),
    ("member peer", PeerPosition::MemberPeer),
    ("shadow peer", PeerPosition::Shadow),
    ("shadow", PeerPosition::Shadow),
];

/// Words that start a job or political role rather than an organisation.
const ROLE_WORDS: &[&str] = &[
    "leader",
    "deputy",
    "chief",
    "executive",
    "cex",
    "ceo",
    "director",
    "head",
    "assistant",
    "senior",
    "regional",
    "principal",
    "adviser",
    "advisor",
    "manager",
    "officer",
    "cabinet",
    "member",
    "portfolio",
    "holder",
    "mayor",
    "chair",
    "chairman",
    "strategic",
    "corporate",
    "programme",
    "project",
    "political",
    "lead",
    "interim",
    "associate",
    "service",
    "group",
    "finance",
    "policy",
    "peer",
    "challenge",
    "support",
    "team",
];

/// The longest text read as one person entry.
const MAX_ENTRY_BYTES: usize = 400;

/// The parts of one written person entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name without honorifics.
    pub name: String,
    /// Honorifics as written.
    pub honorifics: Vec<String>,
    /// Role.
    pub role: Option<String>,
    /// Organisation.
    pub organisation: Option<String>,
    /// Position stated before the name, if any.
    pub stated_position: Option<PeerPosition>,
    /// A place on the team stated before the name ("Review Lead: …"),
    /// as written: it marks a peer wherever it stands.
    pub label: Option<String>,
}

/// Places on the team written before a name with a colon ("Review Lead:
/// Jo Hart"). Unlike the positions above they say who led, not what sort
/// of peer, so they become the role when the entry gives none.
const LABELS: &[&str] = &[
    "review lead",
    "lead reviewer",
    "lead peer",
    "peer team lead",
    "peer team leader",
    "team lead",
    "team leader",
];

/// Whether [`parse_entry`] could find a stated position or label in
/// `text`: it starts with a position or label phrase, or names a member or
/// officer peer in brackets. A cheap test, so that every line of running
/// text is not parsed as a person only to be thrown away.
pub fn may_state_position(text: &str) -> bool {
    let t = trim_list_end(text).trim();
    POSITION_PHRASES
        .iter()
        .any(|phrase| starts_with_ci(t, phrase))
        || (text.contains(')')
            && (contains_ci(text, "member peer") || contains_ci(text, "officer peer")))
}

/// Every phrase [`may_state_position`] looks for: the positions, then the
/// labels (the bracketed ones are among them).
const POSITION_PHRASES: [&str; POSITION_PREFIXES.len() + LABELS.len()] = {
    let mut out = [""; POSITION_PREFIXES.len() + LABELS.len()];
    let mut i = 0;
    while i < POSITION_PREFIXES.len() {
        out[i] = POSITION_PREFIXES[i].0;
        i += 1;
    }
    let mut j = 0;
    while j < LABELS.len() {
        out[i + j] = LABELS[j];
        j += 1;
    }
    out
};
static POSITIONS: Phrases = Phrases::new(&POSITION_PHRASES);

/// [`POSITION_PHRASES`], for the shared scan ([`crate::cues`]): a text
/// that holds none of them states no position.
pub(crate) fn positions() -> &'static Phrases {
    &POSITIONS
}

/// Reads one peer-list entry; `None` when it does not name a person.
pub fn parse_entry(text: &str) -> Option<Entry> {
    // An entry is a line or two; a longer text is prose, and splitting it
    // would only copy it.
    if text.len() > MAX_ENTRY_BYTES {
        return None;
    }
    let mut t = trim_list_end(text).trim();
    let mut stated_position = None;
    let mut label = None;
    for (phrase, position) in POSITION_PREFIXES {
        if starts_with_ci(t, phrase) {
            let rest = t[phrase.len()..].trim_start();
            let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
            if rest.starts_with(|c: char| c.is_uppercase()) {
                t = rest;
                stated_position = Some(*position);
                break;
            }
        }
    }
    if stated_position.is_none() {
        for phrase in LABELS {
            if !starts_with_ci(t, phrase) {
                continue;
            }
            let rest = t[phrase.len()..].trim_start();
            if let Some(rest) = rest.strip_prefix(':').map(str::trim_start) {
                if rest.starts_with(|c: char| c.is_uppercase()) {
                    label = Some(t[..phrase.len()].to_string());
                    t = rest;
                    break;
                }
            }
        }
    }
    // Which of the two shapes this is, if either, is settled on the words
    // alone (most texts asked about are not entries), before any copy.
    let head = split_at(t).map_or(t, |(i, _)| t[..i].trim());
    let (mut honorifics, name, details) = if may_be_name(head) {
        let (name_part, details) = split_name(t);
        let (honorifics, name) = strip_honorifics(name_part);
        (honorifics, name, details)
    } else {
        // Role first: "Chief Executive, Kestrel Vale Council – Jo Hart".
        let (before, after) = last_dash(t)?;
        if !may_be_name(after) {
            return None;
        }
        let (honorifics, name) = strip_honorifics(after);
        (honorifics, name, Some(before.to_string()))
    };
    let (name, postnominals) = strip_postnominals(&name);
    honorifics.extend(postnominals);
    let (mut role, organisation, group_position) = split_details(details.unwrap_or_default());
    if role.is_none() {
        role.clone_from(&label);
    }
    Some(Entry {
        name,
        honorifics,
        role,
        organisation,
        stated_position: stated_position.or(group_position),
        label,
    })
}

/// Dashes that separate the parts of an entry. En and em dashes never
/// occur inside a name or an organisation, so they separate however they
/// are spaced ("Swindon Borough Council– Public Health Peer"); a hyphen
/// only with a space either side ("Stoke-on-Trent" is one word).
fn dash_at(t: &str) -> Option<(usize, usize)> {
    let wide = memchr::memchr_iter(WIDE_DASH_LEAD, t.as_bytes())
        .find(|&i| is_wide_dash(t, i))
        .map(|i| (i, WIDE_DASH_LEN));
    let hyphen = spaced_hyphen().find(t.as_bytes()).map(|i| (i + 1, 1));
    [wide, hyphen].into_iter().flatten().min()
}

/// " - ", searched for with a searcher built once (entries are tested by
/// the thousand).
fn spaced_hyphen() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(SPACED_HYPHEN))
}

/// " - " searched for from the end.
fn spaced_hyphen_rev() -> &'static memchr::memmem::FinderRev<'static> {
    static FINDER: OnceLock<memchr::memmem::FinderRev<'static>> = OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::FinderRev::new(SPACED_HYPHEN))
}

const SPACED_HYPHEN: &str = " - ";

/// The first byte of '–' and '—' in UTF-8, rare in prose: the dashes are
/// found by looking only where it stands, not by decoding every character.
const WIDE_DASH_LEAD: u8 = 0xE2;
/// Bytes of '–' and '—' in UTF-8.
const WIDE_DASH_LEN: usize = 3;

/// Whether an en or em dash starts at byte `i`.
fn is_wide_dash(t: &str, i: usize) -> bool {
    t.get(i..).is_some_and(|rest| rest.starts_with(['–', '—']))
}

/// The text before and after the last dash.
fn last_dash(t: &str) -> Option<(&str, &str)> {
    let wide = memchr::memrchr_iter(WIDE_DASH_LEAD, t.as_bytes())
        .find(|&i| is_wide_dash(t, i))
        .map(|i| (i, WIDE_DASH_LEN));
    let hyphen = spaced_hyphen_rev().rfind(t.as_bytes()).map(|i| (i + 1, 1));
    let (i, len) = [wide, hyphen].into_iter().flatten().max()?;
    Some((t[..i].trim(), t[i + len..].trim()))
}

/// Letters after a name that are honours or memberships, not part of it.
const POSTNOMINALS: &[&str] = &[
    "OBE", "MBE", "CBE", "DBE", "KBE", "BEM", "QPM", "JP", "DL", "FRSA", "FCA", "CPFA", "MRTPI",
];

/// "Peter Vance OBE" → ("Peter Vance", ["OBE"]).
fn strip_postnominals(name: &str) -> (String, Vec<String>) {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    let mut found = Vec::new();
    while words.len() > 2 {
        match words.last() {
            Some(w) if POSTNOMINALS.contains(&w.trim_end_matches([',', '.'])) => {
                found.insert(0, w.trim_end_matches([',', '.']).to_string());
                words.pop();
            }
            _ => break,
        }
    }
    (words.join(" "), found)
}

/// Where the name of `Name (details)`, `Name – details` or `Name,
/// details` ends: the first separator and its length.
fn split_at(t: &str) -> Option<(usize, usize)> {
    let paren = t.find('(');
    let dash = dash_at(t);
    // A comma then a space, found at memchr speed from comma to comma.
    let comma =
        memchr::memchr_iter(b',', t.as_bytes()).find(|&i| t.as_bytes().get(i + 1) == Some(&b' '));
    [paren.map(|i| (i, 1)), dash, comma.map(|i| (i, 2))]
        .into_iter()
        .flatten()
        .min()
}

/// `Name (details)`, `Name – details`, `Name, details`.
fn split_name(t: &str) -> (&str, Option<String>) {
    let paren = t.find('(');
    match split_at(t) {
        None => (t, None),
        Some((i, len)) if Some(i) == paren => {
            let inner_end = t.rfind(')').filter(|&e| e > i).unwrap_or(t.len());
            let inner = &t[i + len..inner_end];
            let after = t.get(inner_end + 1..).unwrap_or_default().trim();
            let after = after.trim_start_matches(['–', '-', '—', ',']).trim();
            let details = if after.is_empty() {
                inner.to_string()
            } else {
                format!("{inner} – {after}")
            };
            (t[..i].trim(), Some(details))
        }
        Some((i, len)) => (t[..i].trim(), Some(t[i + len..].trim().to_string())),
    }
}

fn strip_honorifics(name: &str) -> (Vec<String>, String) {
    let mut honorifics = Vec::new();
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while let Some(first) = words.first() {
        if HONORIFICS.contains(first) && words.len() > 1 {
            honorifics.push(first.trim_end_matches('.').to_string());
            words.remove(0);
        } else {
            break;
        }
    }
    (honorifics, words.join(" "))
}

/// Whether a word is an honorific ("Cllr", "Cllr.", "Dr").
pub fn is_honorific(word: &str) -> bool {
    HONORIFICS.contains(&word)
}

/// A word that can be part of a name: capitalised letters with hyphens or
/// apostrophes, or a particle.
fn is_name_word(w: &str) -> bool {
    (is_capitalised(w)
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}' | '.')))
        || matches!(w, "de" | "van" | "von" | "der" | "da" | "di" | "le" | "la")
}

/// The most words read as one person's name, in prose or in an entry
/// (honorifics apart).
const MAX_NAME_WORDS: usize = 5;

/// A person named at the start of `text`, as prose writes them after "led
/// by": honorifics, the name, then their role and organisation if they
/// follow after a comma ("Jo Hart, Chief Executive of Fenby Council") or
/// "of"/"from"/"at" ("Jo Hart from Fenby Council"). Reads a bounded
/// number of words.
pub fn person_after(text: &str) -> Option<Entry> {
    let mut honorifics = Vec::new();
    let mut name: Vec<&str> = Vec::new();
    let mut rest = text.trim_start();
    let mut closed = None;
    while let Some(word) = rest.split_whitespace().next() {
        let at = rest.find(word).unwrap_or(0) + word.len();
        if name.is_empty() && is_honorific(word) {
            honorifics.push(word.trim_end_matches('.').to_string());
            rest = &rest[at..];
            continue;
        }
        let bare = word.trim_end_matches([',', ';', ':', '.', ')']);
        if bare.is_empty() || !is_name_word(bare) || name.len() == MAX_NAME_WORDS {
            break;
        }
        name.push(bare);
        rest = &rest[at..];
        if bare.len() < word.len() {
            closed = word.get(bare.len()..bare.len() + 1);
            break;
        }
    }
    let name = name.join(" ");
    let (name, postnominals) = strip_postnominals(&name);
    if !looks_like_name(&name) || is_organisation(&name) {
        return None;
    }
    honorifics.extend(postnominals);
    let rest = rest.trim_start();
    let details = match closed {
        Some(",") => Some(details_in_prose(rest)),
        None => ["of ", "from ", "at "]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
            .map(capitalised_run)
            .filter(|org| is_organisation(org))
            .map(|org| format!("– {org}")),
        _ => None,
    }
    .filter(|d| d.starts_with(|c: char| c.is_uppercase() || c == '–'));
    let (role, organisation, _) = split_details(details.unwrap_or_default());
    Some(Entry {
        name,
        honorifics,
        role,
        organisation,
        stated_position: None,
        label: None,
    })
}

/// The role and organisation after a name in a sentence, up to where the
/// sentence moves on ("…, who", "; ", ", and").
fn details_in_prose(rest: &str) -> String {
    let words: Vec<&str> = rest.split_whitespace().take(20).collect();
    let mut d = words.join(" ");
    for stop in [
        ";",
        " who ",
        " which ",
        ", and ",
        " and the ",
        ", was ",
        ", were ",
    ] {
        if let Some(i) = d.find(stop) {
            d.truncate(i);
        }
    }
    // The verb after the details ends them: "Jo Hart, Chief Executive of
    // Fenby Council, presented …" or "… Council presented …".
    let mut kept: Vec<&str> = Vec::new();
    for w in d.split_whitespace() {
        let lower = w.chars().next().is_some_and(char::is_lowercase);
        if lower && !matches!(w, "of" | "and" | "for" | "the" | "at" | "in" | "to") {
            break;
        }
        kept.push(w);
        if w.ends_with(['.', ')']) {
            break;
        }
    }
    let d = kept.join(" ");
    let d = d.trim_end_matches([',', '.', ')', ' ']);
    let d = d
        .trim_end_matches(" of")
        .trim_end_matches(" and")
        .trim_end_matches(" at");
    d.to_string()
}

/// A person named at the end of `text` (before ", who led …"): the last
/// run of name words, without the role words or sentence words it may
/// start with ("Director Jo Hart" → "Jo Hart").
pub fn person_before(text: &str) -> Option<Entry> {
    let mut run: Vec<&str> = Vec::new();
    for w in text.split_whitespace().rev() {
        if run.len() == MAX_NAME_WORDS + 2 {
            break;
        }
        let punctuated = w.ends_with([',', ';', ':', '.', ')', '(']) && !is_honorific(w);
        if punctuated || !(is_name_word(w) || is_honorific(w)) {
            break;
        }
        run.push(w);
    }
    run.reverse();
    (0..run.len()).find_map(|from| {
        let (honorifics, name) = strip_honorifics(&run[from..].join(" "));
        let (name, postnominals) = strip_postnominals(&name);
        (looks_like_name(&name) && !is_organisation(&name)).then(|| Entry {
            name,
            honorifics: honorifics.into_iter().chain(postnominals).collect(),
            role: None,
            organisation: None,
            stated_position: None,
            label: None,
        })
    })
}

/// The capitalised words at the start of `text` ("Planning Consultant
/// carried out …" → "Planning Consultant"), with "of", "and", "for" inside.
pub fn capitalised_run(text: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for w in text.split_whitespace().take(10) {
        let bare = w.trim_end_matches([',', ';', ':', '.', ')']);
        let inside = matches!(bare, "of" | "and" | "for" | "the") && !kept.is_empty();
        if bare.is_empty() || !(is_capitalised(bare) || inside) {
            break;
        }
        kept.push(bare);
        if bare.len() < w.len() {
            break;
        }
    }
    while kept
        .last()
        .is_some_and(|w| matches!(*w, "of" | "and" | "for" | "the"))
    {
        kept.pop();
    }
    kept.join(" ")
}

/// Two to five words, each capitalised (or a particle such as "de", "van").
pub fn looks_like_name(name: &str) -> bool {
    let mut words = [""; MAX_NAME_WORDS];
    match held_words(name.split_whitespace(), &mut words) {
        Some(n) => words_look_like_name(&words[..n]),
        // More words than any name has.
        None => false,
    }
}

/// Puts `words` into `held`, without copying them; `None` as soon as there
/// are more than it holds (a sentence is not read to its end).
fn held_words<'a>(
    words: impl Iterator<Item = &'a str>,
    held: &mut [&'a str; MAX_NAME_WORDS],
) -> Option<usize> {
    let mut n = 0;
    for w in words {
        *held.get_mut(n)? = w;
        n += 1;
    }
    Some(n)
}

/// Whether `text` could be the name part of an entry: after any
/// honorifics, words that read as a name. Exactly the test
/// `strip_honorifics` then `looks_like_name` make, without their copies:
/// the honorifics that lead are dropped while a word is left after them.
fn may_be_name(text: &str) -> bool {
    let mut words = text.split_whitespace().peekable();
    while words.peek().is_some_and(|w| HONORIFICS.contains(w)) {
        words.next();
    }
    // Only honorifics: the last is kept as a one-word name, which is none.
    let mut held = [""; MAX_NAME_WORDS];
    match held_words(words, &mut held) {
        Some(n) => words_look_like_name(&held[..n]),
        None => false,
    }
}

fn words_look_like_name(words: &[&str]) -> bool {
    (2..=MAX_NAME_WORDS).contains(&words.len())
        && words.iter().all(|w| {
            is_capitalised(w)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}' | '.'))
                || matches!(*w, "de" | "van" | "von" | "der" | "da" | "di" | "le" | "la")
        })
        && words.first().is_some_and(|w| is_capitalised(w))
        // "Chief Executive", "Director of Place": a role, not a name.
        && words
            .first()
            .is_some_and(|w| !ROLE_WORDS.iter().any(|r| w.eq_ignore_ascii_case(r)))
        && !POSTNOMINALS.contains(words.first().unwrap_or(&""))
        && !words.iter().any(|w| {
            ["council", "lga", "borough", "the", "team", "group", "association"]
                .iter()
                .any(|x| w.eq_ignore_ascii_case(x))
        })
}

/// Role, organisation and a position stated in the details
/// ("group member peer").
fn split_details(details: String) -> (Option<String>, Option<String>, Option<PeerPosition>) {
    let mut d = details.trim().to_string();
    let mut position = None;
    // "(group member peer)" or "(Labour)" at the end: a group, not a role.
    if let Some(open) = d.rfind(" (").filter(|_| d.ends_with(')')) {
        let inner = d[open + 2..d.len() - 1].to_ascii_lowercase();
        if inner.contains("member peer") {
            position = Some(PeerPosition::MemberPeer);
        } else if inner.contains("officer peer") {
            position = Some(PeerPosition::OfficerPeer);
        }
        if !d[..open].contains('(') {
            d.truncate(open);
        }
    }
    let d = d.trim().trim_end_matches([';', ',']).trim();
    if d.is_empty() {
        return (None, None, position);
    }
    if let Some((i, len)) = dash_at(d) {
        let (left, right) = (d[..i].trim(), d[i + len..].trim());
        // "(Harrowby Council – Labour)": the party is no part of the role.
        if is_party(right) {
            let (role, org, _) = split_details(left.to_string());
            return (role, org, position);
        }
        // "Torbay Council – Lead Peer", "Kent – Operational Peer": the
        // organisation first, the place on the team after it.
        let org_first = (is_org_part(left) && !is_org_part(right)) || is_peer_role(right);
        let (role, org) = if org_first {
            (right, left)
        } else {
            (left, right)
        };
        // "Director, Place – Eastlow Council": a role with commas of its own.
        return (non_empty(role), non_empty(org), position);
    }
    let parts: Vec<&str> = d
        .split(", ")
        .map(str::trim)
        .filter(|p| !p.is_empty() && !is_party(p))
        .collect();
    if parts.len() > 1 {
        // The organisation is the last part that reads as one: a role may
        // itself hold commas ("Director of Operations, Wellbeing and
        // Housing, Southampton Council"). Before it, the role; when it
        // comes first, the role is what follows ("Portsmouth City
        // Council, Operational Peer").
        let at = parts
            .iter()
            .rposition(|p| is_org_part(p))
            .or_else(|| {
                // No part reads as an organisation ("Adults Social Worker,
                // Westshire, and chair of …"): the last capitalised part
                // after the first.
                parts
                    .iter()
                    .skip(1)
                    .rposition(|p| is_capitalised(p))
                    .map(|i| i + 1)
            })
            .unwrap_or(1);
        let (role, org) = if at == 0 {
            (parts[1..].join(", "), parts[0].to_string())
        } else {
            (parts[..at].join(", "), parts[at].to_string())
        };
        return (non_empty(&role), non_empty(&org), position);
    }
    let d = parts.first().copied().unwrap_or(d);
    // "LGA Programme Manager": the LGA's programme manager; "PAS Planning
    // Consultant" likewise the Planning Advisory Service's.
    for body in ["LGA", "PAS"] {
        if let Some(role) = d.strip_prefix(body).and_then(|r| r.strip_prefix(' ')) {
            return (non_empty(role), Some(body.to_string()), position);
        }
    }
    if is_organisation(d) && !starts_with_role_word(d) {
        return (None, Some(d.to_string()), position);
    }
    // "Leader of Barnsley Council (Labour)", "Chief Executive at Fenby Council".
    for sep in [" of ", " at "] {
        if let Some(i) = d.find(sep) {
            let org = strip_group(&d[i + sep.len()..]);
            if is_organisation(org) {
                return (non_empty(&d[..i]), non_empty(org), position);
            }
        }
    }
    // "Leader Telford and Wrekin Council", "Senior Regional Adviser LGA".
    let words: Vec<&str> = d.split_whitespace().collect();
    if is_organisation(d) {
        let role_len = words
            .iter()
            .take_while(|w| ROLE_WORDS.contains(&w.to_ascii_lowercase().as_str()))
            .count();
        if role_len > 0 && role_len < words.len() {
            return (
                Some(words[..role_len].join(" ")),
                Some(words[role_len..].join(" ")),
                position,
            );
        }
    }
    (Some(d.to_string()), None, position)
}

/// A political party or group, as a councillor's entry gives it.
fn is_party(s: &str) -> bool {
    const PARTIES: &[&str] = &[
        "labour",
        "conservative",
        "liberal democrat",
        "liberal democrats",
        "lib dem",
        "green",
        "green party",
        "independent",
        "reform uk",
        "plaid cymru",
        "snp",
        "labour and co-operative",
    ];
    let lower = s.trim().trim_end_matches(" group").to_ascii_lowercase();
    PARTIES.contains(&lower.as_str())
}

/// A place on a peer team: "Lead Peer", "Lived Experience Peer".
fn is_peer_role(s: &str) -> bool {
    s.split_whitespace()
        .any(|w| w.eq_ignore_ascii_case("peer") || w.eq_ignore_ascii_case("peers"))
}

/// A part of an entry that names an organisation rather than a role in
/// one: "Derby Integrated Care Board", not "Chair of the Board".
fn is_org_part(s: &str) -> bool {
    is_organisation(s) && !starts_with_role_word(s)
}

fn strip_group(org: &str) -> &str {
    match org.rfind(" (") {
        Some(i) if org.ends_with(')') => org[..i].trim(),
        _ => org.trim(),
    }
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches([';', ',']).trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Ends the way organisation names do.
pub fn is_organisation(s: &str) -> bool {
    let s = s.trim();
    let last = s
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .trim_end_matches(['.', ')']);
    matches!(
        last,
        "Council"
            | "Councils"
            | "LGA"
            | "PAS"
            | "MBC"
            | "BC"
            | "DC"
            | "CC"
            | "Association"
            | "Authority"
            | "NHS"
            | "Government"
            | "Corporation"
            | "Board"
            | "Trust"
            | "ICB"
            | "CCG"
            | "Service"
            | "Agency"
            | "Commission"
            | "Partnership"
            | "University"
            | "College"
            | "Police"
            | "Foundation"
            | "Ltd"
            | "Limited"
            | "LLP"
    ) || s.starts_with("London Borough of")
        || s.starts_with("Royal Borough of")
        || s.starts_with("City of ")
        || s == "LGA"
}

fn starts_with_role_word(s: &str) -> bool {
    s.split_whitespace()
        .next()
        .is_some_and(|w| ROLE_WORDS.contains(&w.to_ascii_lowercase().as_str()) && w != "LGA")
}

/// The position on the team, from what was stated or what the role says.
pub fn position_of(entry: &Entry) -> PeerPosition {
    if let Some(p) = entry.stated_position {
        return p;
    }
    let role = entry.role.as_deref().unwrap_or_default();
    let org = entry.organisation.as_deref().unwrap_or_default();
    let lga =
        org == "LGA" || contains_ci(org, "Local Government Association") || role.contains("LGA");
    if contains_ci(role, "peer challenge manager") {
        PeerPosition::PeerChallengeManager
    } else if contains_ci(role, "shadow") {
        PeerPosition::Shadow
    } else if contains_ci(role, "member peer") {
        PeerPosition::MemberPeer
    } else if contains_ci(role, "officer peer") {
        PeerPosition::OfficerPeer
    } else if lga && contains_ci(role, "adviser") {
        PeerPosition::LgaAdviser
    } else if lga {
        PeerPosition::LgaStaff
    } else if entry
        .honorifics
        .iter()
        .any(|h| h == "Cllr" || h == "Councillor")
        || [
            "leader",
            "mayor",
            "cabinet member",
            "councillor",
            "portfolio holder",
            "group",
        ]
        .iter()
        .any(|w| contains_ci(role, w))
    {
        PeerPosition::MemberPeer
    } else if [
        "chief executive",
        "cex",
        "director",
        "head of",
        "officer",
        "manager",
        "treasurer",
        "monitoring",
        "dass",
    ]
    .iter()
    .any(|w| contains_ci(role, w))
    {
        PeerPosition::OfficerPeer
    } else {
        PeerPosition::Unknown
    }
}

/// A peer team membership from an entry.
pub fn membership(entry: Entry, span: Span) -> Option<Membership> {
    let position = position_of(&entry);
    let person = PersonId::from_name(&entry.name).ok()?;
    Some(Membership {
        person,
        name: entry.name.into(),
        honorifics: entry.honorifics,
        role: entry.role.map(Into::into),
        organisation: entry.organisation.map(Into::into),
        position,
        span,
        decided: Vec::new(),
    })
}

/// A council attendee from a list entry (`Name (Role)`), or a role alone.
/// The role is kept as written: an attendee's organisation is the council.
pub fn attendee(text: &str, span: Span) -> Option<Attendee> {
    let t = trim_list_end(text);
    let (name_part, details) = split_name(t);
    let (honorifics, name) = strip_honorifics(name_part);
    if looks_like_name(&name) {
        let role = details
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty());
        return Some(Attendee {
            name: Some(name),
            honorifics,
            role,
            span,
        });
    }
    let t = t.strip_prefix("the ").unwrap_or(t);
    (!t.is_empty() && t.len() <= 120).then(|| Attendee {
        name: None,
        honorifics: Vec::new(),
        role: Some(t.to_string()),
        span,
    })
}

/// The word every contact sentence holds.
const CONTACT: &str = "contact";
static CONTACT_WORD: Phrases = Phrases::new(&[CONTACT]);

/// [`CONTACT`], for the shared scan ([`crate::cues`]): the report's facts
/// ask every paragraph whether it names a contact.
pub(crate) fn contact_word() -> &'static Phrases {
    &CONTACT_WORD
}

/// "Kim Shah (Principal Adviser) is our main point of contact … write to
/// kim.shah@example.org": the contact in a paragraph.
pub fn contact(paragraph: &str, span: Span) -> Option<Contact> {
    find_ci(paragraph, CONTACT)?;
    // "… is the main contact", "… is the Council's main point of contact".
    let cue = [
        "main point of contact",
        "main contact",
        "point of contact",
        "'s contact",
        "\u{2019}s contact",
        "contact at the",
    ]
    .iter()
    .find_map(|c| find_ci(paragraph, c))?;
    let before = &paragraph[..cue];
    let at = [" is ", " remains "]
        .iter()
        .filter_map(|v| before.rfind(v))
        .max()?;
    // The name and role stand in the sentence before "is".
    let before = &paragraph[..at];
    let sentence_start = before.rfind(". ").map_or(0, |i| i + 2);
    let who = before[sentence_start..].trim().trim_end_matches(',').trim();
    let (name_part, role) = match who.find('(') {
        Some(i) => (
            who[..i].trim(),
            who[i + 1..].trim_end_matches(')').trim().to_string(),
        ),
        None => match who.find(", ") {
            Some(i) => (who[..i].trim(), who[i + 2..].trim().to_string()),
            None => (who, String::new()),
        },
    };
    let (_, name) = strip_honorifics(name_part);
    if !looks_like_name(&name) {
        return None;
    }
    let email = paragraph
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>' | ',' | ';'))
        .map(|w| {
            // As `trim_start_matches("mailto:")`, without building a
            // substring searcher for every word of the paragraph.
            let mut w = w.trim_end_matches('.');
            while let Some(rest) = w.strip_prefix("mailto:") {
                w = rest;
            }
            w
        })
        .find(|w| w.contains('@') && w.contains('.') && !w.starts_with('@'))
        .map(str::to_string);
    Some(Contact {
        name,
        role: (!role.is_empty()).then_some(role),
        email,
        span,
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_text_that_may_state_a_position_holds_one_of_the_position_phrases() {
        // The team reader passes over a block whose scan holds none of them.
        for text in [
            "Lead Officer Peer: Jo Hart",
            "Review lead: Sam Lee, Fenby Council",
            "  Shadow peer - Ann Bell;",
            "Ann Bell (Kestrel Council, member peer)",
        ] {
            assert!(may_state_position(text), "{text}");
            assert!(positions().any_in(text), "{text}");
        }
        for bracketed in ["member peer", "officer peer"] {
            assert!(POSITION_PHRASES.contains(&bracketed));
        }
    }

    #[test]
    fn the_wide_dashes_are_found_by_their_first_byte() {
        for dash in ['–', '—'] {
            let mut utf8 = [0; 4];
            let bytes = dash.encode_utf8(&mut utf8).as_bytes();
            assert_eq!((bytes[0], bytes.len()), (WIDE_DASH_LEAD, WIDE_DASH_LEN));
        }
        // Another character with the same first byte is no dash.
        assert_eq!(dash_at("Jo Hart € Fenby – Peer"), Some((18, WIDE_DASH_LEN)));
        assert_eq!(last_dash("A – B — C"), Some(("A – B", "C")));
    }

    #[test]
    fn may_be_name_is_the_name_test_after_honorifics() {
        // parse_entry decides on `may_be_name` alone and only then copies.
        for text in [
            "Jo Hart",
            "Cllr Jo Hart",
            "Cllr Dr Jo Hart",
            "Cllr",
            "Dr Mr",
            "Dr Jo",
            "Chief Executive",
            "Jo Hart OBE",
            "Jo de la Hart",
            "the peer team met the leader",
            "A B C D E F",
            "Cllr A B C D E",
            "",
            "  Jo   Hart  ",
        ] {
            let (_, name) = strip_honorifics(text);
            assert_eq!(may_be_name(text), looks_like_name(&name), "{text:?}");
        }
    }

    #[test]
    fn role_words_are_lower_case_as_the_name_test_compares_them() {
        assert!(ROLE_WORDS.iter().all(|w| *w == w.to_ascii_lowercase()));
    }
    use super::*;

    fn e(
        text: &str,
    ) -> (
        String,
        Vec<String>,
        Option<String>,
        Option<String>,
        PeerPosition,
    ) {
        let entry = parse_entry(text).unwrap_or_else(|| panic!("no person in {text:?}"));
        let p = position_of(&entry);
        (
            entry.name,
            entry.honorifics,
            entry.role,
            entry.organisation,
            p,
        )
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn entry_shapes() {
        use PeerPosition::*;
        assert_eq!(
            e("Ann Holt (Chief Executive - Northby Borough Council);"),
            (
                "Ann Holt".into(),
                vec![],
                s("Chief Executive"),
                s("Northby Borough Council"),
                OfficerPeer
            )
        );
        assert_eq!(e("Sir Ray Okoro (Leader - Ashby MBC);").1, vec!["Sir"]);
        assert_eq!(
            e("Shadow: Jo Lane (Political Adviser – LGA); and,").4,
            Shadow
        );
        assert_eq!(
            e("LGA peer challenge manager: Sam Vale (LGA Programme Manager).").4,
            PeerChallengeManager
        );
        assert_eq!(
            e("Cllr Sir Ray Okoro (Leader – Barnfield Council)"),
            (
                "Ray Okoro".into(),
                vec!["Cllr".into(), "Sir".into()],
                s("Leader"),
                s("Barnfield Council"),
                MemberPeer
            )
        );
        assert_eq!(
            e("Sam Vale (LGA)"),
            ("Sam Vale".into(), vec![], None, s("LGA"), LgaStaff)
        );
        assert_eq!(
            e("Cllr Ray Okoro – Leader of Barnfield Council (Labour)").3,
            s("Barnfield Council")
        );
        assert_eq!(e("Kim Shah (LGA Principal Adviser)").4, LgaAdviser);
        assert_eq!(
            e("Cllr Lee Grant (Leader Wrekinford Council)").2,
            s("Leader")
        );
        assert_eq!(
            e("Peer Challenge Manager Sam Vale (Senior Regional Adviser LGA)"),
            (
                "Sam Vale".into(),
                vec![],
                s("Senior Regional Adviser"),
                s("LGA"),
                PeerChallengeManager
            )
        );
        assert_eq!(
            e("Lead Officer Peer: Ann Holt, Director of Place, Northby Council").2,
            s("Director of Place")
        );
        assert_eq!(
            e("Cllr Lee Grant - Wrekinford Council (group member peer)"),
            (
                "Lee Grant".into(),
                vec!["Cllr".into()],
                None,
                s("Wrekinford Council"),
                MemberPeer
            )
        );
        assert!(parse_entry("Seminars").is_none());
        assert!(parse_entry("Using existing groups and relationships").is_none());
    }

    #[test]
    fn entry_forms_of_real_lists() {
        use PeerPosition::*;
        // A role with commas of its own: the organisation is the last part
        // that reads as one.
        assert_eq!(
            e("Ivo Marsh, Director of Operations, Housing and Care, Adult Services, Fenby City Council"),
            (
                "Ivo Marsh".into(),
                vec![],
                s("Director of Operations, Housing and Care, Adult Services"),
                s("Fenby City Council"),
                OfficerPeer
            )
        );
        // The organisation before the place on the team, with any dash.
        for text in [
            "Jo Hart, Fenby Council – Lead Peer",
            "Jo Hart, Fenby Council– Lead Peer",
            "Jo Hart, Fenby Council - Lead Peer",
            "Jo Hart, Fenby Council, Lead Peer",
        ] {
            assert_eq!(
                (e(text).2, e(text).3),
                (s("Lead Peer"), s("Fenby Council")),
                "{text}"
            );
        }
        assert_eq!(e("Jo Hart, Westshire – Practice Peer").3, s("Westshire"));
        // Role first, the name after the dash.
        assert_eq!(
            e("Chief Executive, Fenby Council – Jo Hart"),
            (
                "Jo Hart".into(),
                vec![],
                s("Chief Executive"),
                s("Fenby Council"),
                OfficerPeer
            )
        );
        // A councillor's council and party: the party is not a role.
        assert_eq!(
            e("Councillor Jo Hart (Fenby Council – Labour)"),
            (
                "Jo Hart".into(),
                vec!["Councillor".into()],
                None,
                s("Fenby Council"),
                MemberPeer
            )
        );
        assert_eq!(
            e("Cllr. Jo Hart, Fenby Council – Member Peer").4,
            MemberPeer
        );
        // Post-nominals leave the name.
        assert_eq!(
            e("Jo Hart OBE, former Leader, Fenby Council").1,
            vec!["OBE".to_string()]
        );
        assert_eq!(e("Review Lead: Jo Hart").2, s("Review Lead"));
        assert!(parse_entry("Chief Executive, Fenby Council").is_none());
    }

    #[test]
    fn people_in_prose() {
        let p = person_after("Jo Hart, Chief Executive of Fenby Council, presented").unwrap();
        assert_eq!(
            (
                p.name.as_str(),
                p.role.as_deref(),
                p.organisation.as_deref()
            ),
            ("Jo Hart", Some("Chief Executive"), Some("Fenby Council"))
        );
        let p = person_after("Cllr Jo Hart was in attendance").unwrap();
        assert_eq!((p.name.as_str(), p.role), ("Jo Hart", None));
        assert!(person_after("the council's own director").is_none());
        assert_eq!(
            person_before("the letter from Jo Hart").map(|p| p.name),
            Some("Jo Hart".to_string())
        );
        assert_eq!(
            person_before("Executive Director Jo Hart").map(|p| p.name),
            Some("Jo Hart".to_string())
        );
        assert!(person_before("the Local Government Association").is_none());
        assert_eq!(
            capitalised_run("Planning Consultant also spoke"),
            "Planning Consultant"
        );
    }

    #[test]
    fn contacts() {
        let span = Span {
            start: 0,
            end: 1,
            line: 1,
            end_line: 1,
            page: None,
        };
        let c = contact("We can help. Kim Shah (Principal Adviser) is the main point of contact with the LGA. Her e-mail address is kim.shah@example.org", span).unwrap();
        assert_eq!(
            (c.name.as_str(), c.role.as_deref(), c.email.as_deref()),
            (
                "Kim Shah",
                Some("Principal Adviser"),
                Some("kim.shah@example.org")
            )
        );
        let c = contact(
            "Kim Shah, Principal Adviser is the main contact. Email kim@example.org.",
            span,
        )
        .unwrap();
        assert_eq!(c.role.as_deref(), Some("Principal Adviser"));
        assert_eq!(c.email.as_deref(), Some("kim@example.org"));
    }
}
