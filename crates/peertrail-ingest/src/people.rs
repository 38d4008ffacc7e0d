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

use peertrail_core::{Attendee, Contact, Membership, PeerPosition, PersonId, Span};

use crate::text::{contains_ci, find_ci, is_capitalised, trim_list_end};

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
    for (phrase, position) in POSITION_PREFIXES {
        if let Some(at) = find_ci(t, phrase).filter(|&at| at == 0) {
            let rest = t[at + phrase.len()..].trim_start();
            let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
            if rest.starts_with(|c: char| c.is_uppercase()) {
                t = rest;
                stated_position = Some(*position);
                break;
            }
        }
    }
    let (name_part, details) = split_name(t);
    let (honorifics, name) = strip_honorifics(name_part);
    if !looks_like_name(&name) {
        return None;
    }
    let (role, organisation, group_position) = split_details(details.unwrap_or_default());
    Some(Entry {
        name,
        honorifics,
        role,
        organisation,
        stated_position: stated_position.or(group_position),
    })
}

/// `Name (details)`, `Name – details`, `Name, details`.
fn split_name(t: &str) -> (&str, Option<String>) {
    let paren = t.find('(');
    let dash = [" – ", " - ", " — "]
        .iter()
        .filter_map(|d| t.find(d).map(|i| (i, d.len())))
        .min();
    let comma = t.find(", ");
    let first = [paren.map(|i| (i, 1)), dash, comma.map(|i| (i, 2))]
        .into_iter()
        .flatten()
        .min();
    match first {
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

/// Two to five words, each capitalised (or a particle such as "de", "van").
pub fn looks_like_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            is_capitalised(w)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}' | '.'))
                || matches!(*w, "de" | "van" | "von" | "der" | "da" | "di" | "le" | "la")
        })
        && words.first().is_some_and(|w| is_capitalised(w))
        && !words.iter().any(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "council" | "lga" | "borough" | "the" | "team" | "group"
            )
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
    for sep in [" – ", " - ", " — ", ", "] {
        if let Some(i) = d.find(sep) {
            let role = d[..i].trim();
            let org = d[i + sep.len()..].trim();
            return (non_empty(role), non_empty(org), position);
        }
    }
    // "LGA Programme Manager": the LGA's programme manager.
    if let Some(role) = d.strip_prefix("LGA ") {
        return (non_empty(role), Some("LGA".to_string()), position);
    }
    if is_organisation(d) && !starts_with_role_word(d) {
        return (None, Some(d.to_string()), position);
    }
    // "Leader of Barnsley Council (Labour)".
    if let Some(i) = d.find(" of ") {
        let org = strip_group(&d[i + 4..]);
        if is_organisation(org) {
            return (non_empty(&d[..i]), non_empty(org), position);
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
            | "MBC"
            | "BC"
            | "DC"
            | "CC"
            | "Association"
            | "Authority"
            | "NHS"
            | "Government"
    ) || s.starts_with("London Borough of")
        || s.starts_with("Royal Borough of")
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
        name: entry.name,
        honorifics: entry.honorifics,
        role: entry.role,
        organisation: entry.organisation,
        position,
        span,
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

/// "Kim Shah (Principal Adviser) is our main point of contact … write to
/// kim.shah@example.org": the contact in a paragraph.
pub fn contact(paragraph: &str, span: Span) -> Option<Contact> {
    find_ci(paragraph, "contact")?;
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
        .map(|w| w.trim_end_matches('.').trim_start_matches("mailto:"))
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
    fn contacts() {
        let span = Span {
            start: 0,
            end: 1,
            line: 1,
            end_line: 1,
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
