//! The peer team and the council's attendees: lists introduced as such,
//! entries that state a peer position, and the team's lead named in prose.
//! Kept apart from `facts.rs` so the rules for who was on the team live in
//! one place with `people.rs`, which reads the entries themselves.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Range;

use peertrail_core::{Attendee, Membership, PersonId, Span};

use crate::cues::Set;
use crate::inline;
use crate::people;
use crate::segment::{Block, BlockKind};
use crate::text::{any_of, at_most_words, contains_ci, find_ci, sentences, Phrases};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListOf {
    Peers,
    Attendees,
    Other,
}

/// What the paragraph before a list says the list holds.
fn list_of(intro: &str) -> ListOf {
    static ATTENDEES: Phrases = Phrases::new(&[
        "representatives",
        "attendees",
        "attended by",
        "with the following",
        "council participants",
        "attending for",
        "attending from",
        "for the council were",
        "from the council were",
        "met the following",
        "spoke to the following",
    ]);
    static PEERS: Phrases = Phrases::new(&[
        "peer team",
        "following team",
        "cpc team",
        "peers who",
        "peers were",
        "team comprised",
        "team was made up",
        "peer challenge team",
        "team members were",
        "following peers",
        "facilitated by",
        "peers took part",
        "peers on the",
        "team were:",
        "team was:",
        "full team",
        "review team",
        "review panel",
        "peer panel",
        "panel comprised",
        "panel members",
        "panel were",
        "panel was:",
        "team consisted",
        "team included",
        "reviewers were",
        "peers:",
    ]);
    if ATTENDEES.any_in(intro) {
        ListOf::Attendees
    } else if PEERS.any_in(intro) {
        ListOf::Peers
    } else {
        ListOf::Other
    }
}

/// What the walk over the blocks has found so far.
#[derive(Default)]
struct Found {
    peers: Vec<Membership>,
    seen: BTreeSet<PersonId>,
    /// Peers so far named only in prose, whose list entry (if one comes)
    /// says more.
    in_prose: BTreeSet<PersonId>,
    attendees: Vec<Attendee>,
}

impl Found {
    /// Adds a peer once. A list entry for someone so far named only in
    /// prose replaces the prose mention, keeping its place: the entry
    /// states the role, organisation and position in full.
    fn peer(&mut self, entry: people::Entry, span: Span, prose: bool) {
        let Some(m) = people::membership(entry, span) else {
            return;
        };
        if self.seen.insert(m.person.clone()) {
            if prose {
                self.in_prose.insert(m.person.clone());
            }
            self.peers.push(m);
        } else if !prose && self.in_prose.remove(&m.person) {
            if let Some(old) = self.peers.iter_mut().find(|p| p.person == m.person) {
                *old = m;
            }
        }
    }
}

/// Peer team and council attendees: lists introduced as such (bulleted,
/// or one entry a line), entries that state a peer position ("Lead Officer
/// Peer: …"), the team's lead named in prose, and attendees named in prose
/// ("the discussion involved the Leader, Deputy Leader, …").
pub fn team(blocks: &[Block]) -> (Vec<Membership>, Vec<Attendee>) {
    let mut found = Found::default();
    let mut context = ListOf::Other;
    let last = blocks.len().saturating_sub(1);
    for (i, b) in blocks.iter().enumerate() {
        // A list cut off by the end of the text can end in a bare first
        // name ("- Sarah"): still a peer.
        let at_end = i == last;
        // One scan tells whether the block can name anyone in prose, and
        // by which kind of cue.
        let cues = if matches!(
            b.kind,
            BlockKind::TableRow { .. } | BlockKind::Heading { .. }
        ) {
            0
        } else {
            b.which(Set::Team, 0..b.text.len())
        };
        if any_of(cues, PROSE_GROUPS) {
            for (entry, _) in prose_leads(b) {
                found.peer(entry, b.span(), true);
            }
        }
        let is_item = matches!(b.kind, BlockKind::Bullet)
            || (matches!(b.kind, BlockKind::Numbered { .. })
                && context == ListOf::Peers
                && is_entry(&b.text));
        if is_item {
            match context {
                ListOf::Peers => {
                    if let Some(e) =
                        people::parse_entry(&b.text).or_else(|| cut_name(&b.text, at_end))
                    {
                        found.peer(e, b.span(), false);
                    }
                }
                ListOf::Attendees => found.attendees.extend(people::attendee(&b.text, b.span())),
                ListOf::Other => {
                    if let Some(e) = may_state(b).then(|| stated(&b.text)).flatten() {
                        found.peer(e, b.span(), false);
                    }
                }
            }
            continue;
        }
        if b.is_heading_like() && at_most_words(&b.text, 5) {
            // Under a heading, a short line that is an entry is one of a
            // list the heading names ("The peer team" / "Cllr Nadia Price,
            // Leader, Kestrel Down District Council").
            if context == ListOf::Peers && is_entry(&b.text) {
                if let Some(e) = people::parse_entry(&b.text) {
                    found.peer(e, b.span(), false);
                }
                continue;
            }
            context = team_heading(b);
            continue;
        }
        if !matches!(b.kind, BlockKind::Paragraph | BlockKind::Numbered { .. }) {
            context = ListOf::Other;
            continue;
        }
        if any_of(cues, ATTENDEE_GROUP) {
            found.attendees.extend(attendees_in_prose(b));
        }
        context = paragraph_lines(b, context, at_end, &mut found);
    }
    (found.peers, found.attendees)
}

/// Reads a paragraph line by line: a list written one entry a line without
/// markers ("The peer team comprised:" then "Name, Role, Organisation"
/// lines) is one paragraph whose line breaks alone separate the entries.
/// Returns the context the next block starts in.
fn paragraph_lines(b: &Block, mut context: ListOf, at_end: bool, found: &mut Found) -> ListOf {
    let lines: Vec<&str> = b.raw_lines().collect();
    let count = lines.len();
    // The prose read since the last list intro, for intros wrapped over
    // lines ("Members of the review / panel were:").
    let mut prose_from: Option<usize> = None;
    let may_state = may_state(b);
    for (n, raw) in lines.iter().enumerate() {
        let line = plain_line(b, raw);
        let line = line.trim();
        let last_line = at_end && n + 1 == count;
        if context == ListOf::Peers && line.len() < 200 && is_entry(line) {
            if let Some(e) = people::parse_entry(line) {
                found.peer(e, b.span(), false);
                continue;
            }
        }
        if context == ListOf::Peers && last_line {
            if let Some(e) = cut_name(line, true) {
                found.peer(e, b.span(), false);
                continue;
            }
        }
        if let Some(e) = may_state.then(|| stated(line)).flatten() {
            found.peer(e, b.span(), false);
            continue;
        }
        let from = *prose_from.get_or_insert(n);
        context = if line.ends_with(':') {
            prose_from = None;
            let intro: Vec<Cow<'_, str>> = lines
                .get(from..=n)
                .unwrap_or_default()
                .iter()
                .map(|l| plain_line(b, l))
                .collect();
            list_of(&intro.join(" "))
        } else {
            ListOf::Other
        };
    }
    context
}

/// One of `b`'s raw lines without its markup. A block without markup is
/// its own plain text, and so is each of its lines: only a marked-up line
/// is read again.
fn plain_line<'a>(b: &Block, raw: &'a str) -> Cow<'a, str> {
    if b.is_marked() {
        Cow::Owned(inline::plain(raw))
    } else {
        Cow::Borrowed(raw)
    }
}

/// A line that reads as a list entry: a name, then a role or an
/// organisation that starts with a capital ("Jo Hart, Director …"), not
/// a sentence about a person ("Jo Hart, who led the team, said …").
fn is_entry(text: &str) -> bool {
    let t = text.trim();
    if t.len() >= 200 || t.ends_with(':') {
        return false;
    }
    let Some(e) = people::parse_entry(t) else {
        return false;
    };
    let details = [e.role.as_deref(), e.organisation.as_deref()];
    details.iter().any(Option::is_some)
        && details.iter().flatten().all(|d| {
            d.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || d.starts_with("former")
        })
}

/// An entry that says it is a peer wherever it stands: a position or a
/// place on the team before the name ("Lead Officer Peer: …", "Review
/// Lead: Jo Hart").
fn stated(text: &str) -> Option<people::Entry> {
    if text.len() >= 200 || !people::may_state_position(text) {
        return None;
    }
    people::parse_entry(text).filter(|e| e.stated_position.is_some() || e.label.is_some())
}

/// Whether any of `b`'s lines can state a position or a place on the team
/// ([`stated`]): every such line holds one of the phrases, so a block
/// whose shared scan ([`crate::cues`]) holds none is not asked line by
/// line.
fn may_state(b: &Block) -> bool {
    b.holds(Set::Positions, 0..b.text.len())
}

/// The last entry of a list the text cuts off after a first name: one
/// capitalised word (after any honorific), at the very end of the text.
fn cut_name(text: &str, at_end: bool) -> Option<people::Entry> {
    if !at_end {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let (honorifics, name) = match words.as_slice() {
        [name] => (Vec::new(), *name),
        [h, name] if people::is_honorific(h) => (vec![h.trim_end_matches('.').to_string()], *name),
        _ => return None,
    };
    let ok = name.chars().count() > 1
        && name.starts_with(|c: char| c.is_uppercase())
        && name
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\''));
    ok.then(|| people::Entry {
        name: name.to_string(),
        honorifics,
        role: None,
        organisation: None,
        stated_position: None,
        label: None,
    })
}

/// "The peer team was led by …".
const LED_BY: [&str; 4] = [" was led by ", " were led by ", " is led by ", ", led by "];
/// "The peers were …", "the panel comprised …": a list in a sentence.
const LISTED: [&str; 5] = [
    "peers were ",
    "team comprised ",
    "team was made up of ",
    "panel comprised ",
    "panel was made up of ",
];
/// "Jo Hart, who led the peer team".
const WHO_LED: [&str; 2] = [", who led the ", ", who leads the "];
/// "The Review Lead, Jo Hart".
const LEAD_LABELS: [&str; 3] = ["review lead", "lead peer", "lead reviewer"];
/// "Jo Hart (LGA Principal Adviser)": staff of the bodies that run reviews.
const BODIES: [&str; 2] = ["PAS ", "LGA "];

/// One phrase inside each cue of the lists above, in their order: the
/// words at [`LED_BY_WORDS`] are inside every cue of [`LED_BY`], and so on
/// (a test keeps it so). A block holding none of them, most blocks, is
/// passed over after one scan instead of being searched sentence by
/// sentence, cue by cue; a sentence is searched only for the lists whose
/// words it holds.
const PROSE_CUE_WORDS: [&str; 13] = [
    "led by ",
    "peers were ",
    "team comprised ",
    "team was made up of ",
    "panel comprised ",
    "panel was made up of ",
    "who led the ",
    "who leads the ",
    "review lead",
    "lead peer",
    "lead reviewer",
    "PAS ",
    "LGA ",
];
/// The bits of [`PROSE_CUE_WORDS`] in an answer about [`BLOCK_CUE_WORDS`].
const PROSE_CUE_BITS: u64 = (1 << PROSE_CUE_WORDS.len()) - 1;
/// Where each list's words stand in [`PROSE_CUE_WORDS`].
const LED_BY_WORDS: Range<usize> = 0..1;
const LISTED_WORDS: Range<usize> = 1..6;
const WHO_LED_WORDS: Range<usize> = 6..8;
const LEAD_LABEL_WORDS: Range<usize> = 8..11;
const BODY_WORDS: Range<usize> = 11..13;
/// Where the prose cues and the attendee cues stand in [`BLOCK_CUE_WORDS`].
const PROSE_GROUPS: Range<usize> = 0..PROSE_CUE_WORDS.len();
const ATTENDEE_GROUP: Range<usize> = PROSE_CUE_WORDS.len()..BLOCK_CUE_WORDS.len();

/// Sentences that name a member of the team outside a list:
///
/// - the lead: "The peer team was led by Jo Hart, Chief Executive of
///   Fenby Council", "the letter from Jo Hart, who led the peer team",
///   "The Review Lead, Jo Hart, presented …";
/// - staff of the bodies that run peer reviews, named with their role:
///   "Sam Vale, PAS Planning Consultant, presented …".
///
/// A sentence that gives contact details is about a contact, never a
/// team member.
fn prose_leads(b: &Block) -> Vec<(people::Entry, usize)> {
    let text: &str = &b.text;
    let mut out = Vec::new();
    for (start, sentence) in sentences(text) {
        // Every cue below holds one of its group's cue words: the block's
        // scan says which groups can match in the sentence (the words of
        // [`PROSE_CUE_WORDS`] come first in [`BLOCK_CUE_WORDS`]), and a sentence
        // with none is passed over, not searched cue by cue.
        // The sentence is a stretch of the block's text.
        let from = (sentence.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        let found = b.which(Set::Team, from..from + sentence.len()) & PROSE_CUE_BITS;
        if found == 0 || is_contact_sentence(sentence) {
            continue;
        }
        for cue in asked(&LED_BY, found, LED_BY_WORDS) {
            let Some(at) = find_ci(sentence, cue) else {
                continue;
            };
            if !subject_is_team(&sentence[..at]) {
                continue;
            }
            if let Some(e) = people::person_after(&sentence[at + cue.len()..]) {
                out.push((e, start));
            }
        }
        for cue in asked(&LISTED, found, LISTED_WORDS) {
            if let Some(at) = find_ci(sentence, cue) {
                out.extend(
                    listed_in_prose(&sentence[at + cue.len()..])
                        .into_iter()
                        .map(|e| (e, start)),
                );
            }
        }
        for cue in asked(&WHO_LED, found, WHO_LED_WORDS) {
            let Some(at) = find_ci(sentence, cue) else {
                continue;
            };
            let what = &sentence[at + cue.len()..];
            let team = ["peer", "team", "review", "challenge", "panel"]
                .iter()
                .any(|w| {
                    what.get(..20.min(what.len()))
                        .is_some_and(|h| contains_ci(h, w))
                });
            if team {
                if let Some(e) = people::person_before(&sentence[..at]) {
                    out.push((e, start));
                }
            }
        }
        for label in asked(&LEAD_LABELS, found, LEAD_LABEL_WORDS) {
            let Some(at) = find_ci(sentence, label) else {
                continue;
            };
            let before = &sentence[..at];
            // "the council's review lead": their own, not the team's.
            if contains_ci(
                before
                    .get(before.len().saturating_sub(20)..)
                    .unwrap_or(before),
                "council",
            ) || before.trim_end().ends_with(" our")
            {
                continue;
            }
            let written = &sentence[at..at + label.len()];
            let after = sentence[at + label.len()..].trim_start();
            let after = after.strip_prefix([',', ':']).unwrap_or(after);
            let entry = people::person_after(after).or_else(|| {
                // "Jo Hart, the lead peer, said": the name before.
                let b = before.trim_end();
                let b = b.strip_suffix("the").unwrap_or(b).trim_end();
                b.strip_suffix(',').and_then(people::person_before)
            });
            if let Some(mut e) = entry {
                if e.role.is_none() {
                    e.role = Some(written.to_string());
                }
                out.push((e, start));
            }
        }
        for body in asked(&BODIES, found, BODY_WORDS) {
            for (at, _) in sentence.match_indices(body) {
                let before = sentence[..at].trim_end();
                let Some(before) = before.strip_suffix([',', '(']) else {
                    continue;
                };
                if let Some(mut e) = people::person_before(before) {
                    let role = people::capitalised_run(&sentence[at + body.len()..]);
                    if role.is_empty() {
                        continue;
                    }
                    e.role = Some(role);
                    e.organisation = Some(body.trim().to_string());
                    out.push((e, start));
                }
            }
        }
    }
    out
}

/// The cues of `list` when the sentence holds one of its words (at `words`
/// of [`PROSE_CUE_WORDS`], among those `found`), else none.
fn asked<'a>(list: &'a [&'a str], found: u64, words: Range<usize>) -> &'a [&'a str] {
    if any_of(found, words) {
        list
    } else {
        &[]
    }
}

/// The people a sentence lists after "the peers were": entries split at
/// "; ", ", and " or " and " where the next one starts with a name, each
/// read as a name with the role and organisation after it.
fn listed_in_prose(rest: &str) -> Vec<people::Entry> {
    let rest = rest.trim_end_matches(['.', ':']);
    // Where entries start; a set, so overlapping separators (", and" is
    // also " and") cut once, and a long sentence stays linear.
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0]);
    for sep in ["; ", ", and ", " and "] {
        for (at, _) in rest.match_indices(sep) {
            let next = at + sep.len();
            if cuts.range(at.saturating_sub(1)..=next).next().is_some() {
                continue;
            }
            // A bounded look at what follows: a name starts a new entry,
            // "Housing and Regeneration" does not.
            let window = rest.get(next..).unwrap_or_default();
            if people::person_after(window).is_some() {
                cuts.insert(next);
            }
        }
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut out = Vec::new();
    for (n, &from) in cuts.iter().enumerate() {
        let to = cuts.get(n + 1).copied().unwrap_or(rest.len());
        let piece = rest.get(from..to).unwrap_or_default();
        let piece = piece
            .trim_end()
            .trim_end_matches(" and")
            .trim_end_matches(", and")
            .trim_end_matches([',', ';']);
        if let Some(e) = people::person_after(piece) {
            out.push(e);
        }
    }
    out
}

/// "The peer team", "The corporate peer challenge", "The review": the
/// subject of "was led by" names the team or its work, not the council's
/// own (its response, its improvement board).
fn subject_is_team(before: &str) -> bool {
    let words: Vec<&str> = before.split_whitespace().collect();
    let last = words
        .last()
        .map(|w| w.to_ascii_lowercase())
        .unwrap_or_default();
    let tail = words
        .iter()
        .rev()
        .take(6)
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>();
    ["team", "challenge", "review", "panel", "peers", "visit"].contains(&last.trim_end_matches(','))
        && !tail.iter().any(|w| {
            w.contains("council")
                || matches!(w.as_str(), "our" | "response" | "improvement" | "action")
        })
}

/// Phone numbers and e-mail addresses mark a contact, not a peer.
fn is_contact_sentence(sentence: &str) -> bool {
    sentence.contains('@')
        || contains_ci(sentence, "contact")
        || contains_ci(sentence, "tel:")
        || contains_ci(sentence, "telephone")
        || contains_ci(sentence, "phone")
}

/// Words of a heading over a list of attendees, then of one over the
/// peer team ([`team_heading`]).
const HEADING_WORDS: [&str; 8] = [
    "attendee",
    "who we met",
    "participants",
    "peer team",
    "the team",
    "review team",
    "review panel",
    "peer panel",
];
/// Where each list sits in [`HEADING_WORDS`].
const HEADING_ATTENDEES: Range<usize> = 0..3;
const HEADING_PEERS: Range<usize> = 3..8;
static HEADING_CUES: Phrases = Phrases::new(&HEADING_WORDS);

/// [`team_heading`]'s phrases, for the shared scan ([`crate::cues`]).
pub(crate) fn heading_cues() -> &'static Phrases {
    &HEADING_CUES
}

/// A heading that names the list below it: "The peer team", "Attendees".
/// Asked of every short heading-like block: read from its scan.
fn team_heading(b: &Block) -> ListOf {
    let heading: &str = &b.text;
    let found = b.which(Set::TeamHeading, 0..heading.len());
    if any_of(found, HEADING_ATTENDEES) {
        ListOf::Attendees
    } else if any_of(found, HEADING_PEERS) || heading.eq_ignore_ascii_case("peers") {
        ListOf::Peers
    } else {
        ListOf::Other
    }
}

/// "The discussion involved the Leader, …": attendees named in prose.
const ATTENDEE_CUES: [&str; 4] = [
    "discussion involved the ",
    "session involved the ",
    "panel involved the ",
    "attended by the ",
];

/// The phrases of [`PROSE_CUE_WORDS`] and [`ATTENDEE_CUES`] together, for the
/// one scan that passes most blocks over.
static BLOCK_CUES: Phrases = Phrases::new(&BLOCK_CUE_WORDS);
const BLOCK_CUE_WORDS: [&str; PROSE_CUE_WORDS.len() + ATTENDEE_CUES.len()] = {
    let mut all = [""; PROSE_CUE_WORDS.len() + ATTENDEE_CUES.len()];
    let mut i = 0;
    while i < all.len() {
        all[i] = if i < PROSE_CUE_WORDS.len() {
            PROSE_CUE_WORDS[i]
        } else {
            ATTENDEE_CUES[i - PROSE_CUE_WORDS.len()]
        };
        i += 1;
    }
    all
};

/// The block scan's phrases, for the shared scan ([`crate::cues`]).
pub(crate) fn block_cues() -> &'static Phrases {
    &BLOCK_CUES
}

/// Attendees named in a block's prose; asked only of a block holding one
/// of [`ATTENDEE_CUES`].
fn attendees_in_prose(b: &Block) -> Vec<Attendee> {
    for (_, sentence) in sentences(&b.text) {
        for cue in ATTENDEE_CUES {
            if let Some(at) = find_ci(sentence, cue) {
                let list = sentence[at + cue.len()..].trim_end_matches(['.', ':']);
                return list
                    .split(", ")
                    .flat_map(|p| p.split(" as well as "))
                    .flat_map(|p| p.split(" and the "))
                    .map(|p| {
                        p.trim()
                            .trim_start_matches("the ")
                            .trim_start_matches("majority of the ")
                            .trim()
                    })
                    .filter(|p| !p.is_empty() && at_most_words(p, 8))
                    .map(|role| Attendee {
                        name: None,
                        honorifics: Vec::new(),
                        role: Some(role.to_string()),
                        span: b.span(),
                    })
                    .collect();
            }
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prose_prefilter_holds_a_phrase_of_every_cue() {
        // A cue the prefilter does not cover, or covers by another list's
        // word, would never be looked for.
        let lists: [(&[&str], Range<usize>); 5] = [
            (&LED_BY, LED_BY_WORDS),
            (&LISTED, LISTED_WORDS),
            (&WHO_LED, WHO_LED_WORDS),
            (&LEAD_LABELS, LEAD_LABEL_WORDS),
            (&BODIES, BODY_WORDS),
        ];
        for (list, words) in lists {
            for cue in list {
                assert!(
                    any_of(BLOCK_CUES.which_in(cue) & PROSE_CUE_BITS, words.clone()),
                    "{cue:?}"
                );
            }
        }
        assert_eq!(BODY_WORDS.end, PROSE_CUE_WORDS.len());
        for cue in ATTENDEE_CUES {
            assert!(any_of(BLOCK_CUES.which_in(cue), ATTENDEE_GROUP), "{cue:?}");
        }
        for cue in PROSE_CUE_WORDS.iter().chain(&ATTENDEE_CUES) {
            assert!(BLOCK_CUES.any_in(cue), "{cue:?}");
        }
    }
}
