//! The peer team and the council's attendees: lists introduced as such,
//! entries that state a peer position, and the team's lead named in prose.
//! Kept apart from `facts.rs` so the rules for who was on the team live in
//! one place with `people.rs`, which reads the entries themselves.

use std::collections::BTreeSet;

use peertrail_core::{Attendee, Membership};

use crate::people;
use crate::segment::{Block, BlockKind};
use crate::text::{contains_ci, find_ci, sentences};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListOf {
    Peers,
    Attendees,
    Other,
}

/// What the paragraph before a list says the list holds.
fn list_of(intro: &str) -> ListOf {
    const ATTENDEES: &[&str] = &[
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
    ];
    const PEERS: &[&str] = &[
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
    ];
    if ATTENDEES.iter().any(|c| contains_ci(intro, c)) {
        ListOf::Attendees
    } else if PEERS.iter().any(|c| contains_ci(intro, c)) {
        ListOf::Peers
    } else {
        ListOf::Other
    }
}

/// Peer team and council attendees: lists introduced as such, entries
/// that state a peer position ("Lead Officer Peer: …"), and attendees named
/// in prose ("the discussion involved the Leader, Deputy Leader, …").
pub fn team(blocks: &[Block]) -> (Vec<Membership>, Vec<Attendee>) {
    let mut peers: Vec<Membership> = Vec::new();
    let mut seen: BTreeSet<peertrail_core::PersonId> = BTreeSet::new();
    let mut attendees = Vec::new();
    let mut context = ListOf::Other;
    for b in blocks {
        let is_item = matches!(b.kind, BlockKind::Bullet);
        // A short paragraph under a "Peer team" heading can be an entry
        // ("Cllr Nadia Price, Leader, Kestrel Down District Council").
        let entry_paragraph = !is_item
            && context == ListOf::Peers
            && matches!(b.kind, BlockKind::Paragraph)
            && b.text.len() < 160
            && !b.text.trim_end().ends_with(['.', ':'])
            && people::parse_entry(&b.text)
                .is_some_and(|e| e.role.is_some() || e.organisation.is_some());
        if !is_item && !entry_paragraph {
            context = if b.text.trim_end().ends_with(':') {
                list_of(&b.text)
            } else if b.is_heading_like() && b.text.split_whitespace().count() <= 5 {
                team_heading(&b.text)
            } else {
                ListOf::Other
            };
            attendees.extend(attendees_in_prose(b));
        }
        let stated = people::parse_entry(&b.text)
            .filter(|e| e.stated_position.is_some() && b.text.len() < 200);
        let entry = match (is_item || entry_paragraph, context) {
            (true, ListOf::Peers) => people::parse_entry(&b.text),
            (true, ListOf::Attendees) => {
                attendees.extend(people::attendee(&b.text, b.span));
                None
            }
            _ => stated,
        };
        if let Some(m) = entry.and_then(|e| people::membership(e, b.span)) {
            if seen.insert(m.person.clone()) {
                peers.push(m);
            }
        }
    }
    (peers, attendees)
}

/// A heading that names the list below it: "The peer team", "Attendees".
fn team_heading(heading: &str) -> ListOf {
    let lower = heading.to_ascii_lowercase();
    if lower.contains("attendee") || lower.contains("who we met") || lower.contains("participants")
    {
        ListOf::Attendees
    } else if lower.contains("peer team") || lower.contains("the team") || lower == "peers" {
        ListOf::Peers
    } else {
        ListOf::Other
    }
}

fn attendees_in_prose(b: &Block) -> Vec<Attendee> {
    const CUES: &[&str] = &[
        "discussion involved the ",
        "session involved the ",
        "panel involved the ",
        "attended by the ",
    ];
    for (_, sentence) in sentences(&b.text) {
        for cue in CUES {
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
                    .filter(|p| !p.is_empty() && p.split_whitespace().count() <= 8)
                    .map(|role| Attendee {
                        name: None,
                        honorifics: Vec::new(),
                        role: Some(role.to_string()),
                        span: b.span,
                    })
                    .collect();
            }
        }
    }
    Vec::new()
}
