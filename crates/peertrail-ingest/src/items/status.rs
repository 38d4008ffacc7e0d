//! The status vocabulary: the words reports use for how far a
//! recommendation got, mapped onto [`Status`].

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use peertrail_core::Status;

use crate::text::phrase_automaton;

/// Phrases in the order they are tried: the more specific first, so
/// "almost completed" is not read as "completed" and "not yet started" not
/// as "started".
const PHRASES: &[(&str, Status)] = &[
    ("not yet started", Status::NotStarted),
    ("not started", Status::NotStarted),
    ("no progress", Status::NotStarted),
    ("superseded", Status::Superseded),
    ("no longer relevant", Status::Superseded),
    ("almost complete", Status::SignificantProgress),
    ("nearly complete", Status::SignificantProgress),
    ("significantly progressed", Status::SignificantProgress),
    ("significant progress", Status::SignificantProgress),
    ("substantially complete", Status::SignificantProgress),
    ("continues to progress", Status::InProgress),
    ("continue to progress", Status::InProgress),
    ("continuing to progress", Status::InProgress),
    ("in progress", Status::InProgress),
    ("ongoing", Status::InProgress),
    ("on track", Status::InProgress),
    ("begun to progress", Status::Begun),
    ("have begun", Status::Begun),
    ("has begun", Status::Begun),
    ("early stages", Status::Begun),
    ("started", Status::Begun),
    ("completed", Status::Complete),
    ("complete", Status::Complete),
    ("achieved", Status::Complete),
    ("done", Status::Complete),
];

/// Red / amber / green ratings, as a table cell says them.
const RAG: &[(&str, Status)] = &[
    ("green", Status::Complete),
    ("amber", Status::InProgress),
    ("red", Status::NotStarted),
];

/// Every phrase of [`PHRASES`] in one automaton, ASCII case ignored.
fn automaton() -> Option<&'static AhoCorasick> {
    static AUTOMATON: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    phrase_automaton(&AUTOMATON, MatchKind::Standard, || {
        PHRASES.iter().map(|(p, _)| p)
    })
}

/// The status a text states, with the words it was read from.
///
/// Each phrase is judged at its first occurrence, in the order of
/// [`PHRASES`]; one overlapping scan finds every phrase's first
/// occurrence at once.
pub fn status_of(text: &str) -> Option<(Status, String)> {
    let mut first: [Option<usize>; PHRASES.len()] = [None; PHRASES.len()];
    if let Some(ac) = automaton() {
        for m in ac.find_overlapping_iter(text) {
            if let Some(slot) = first.get_mut(m.pattern().as_usize()) {
                slot.get_or_insert(m.start());
            }
        }
    }
    for ((phrase, status), at) in PHRASES.iter().zip(first) {
        let Some(at) = at else {
            continue;
        };
        let boundary = !text[..at].ends_with(|c: char| c.is_alphanumeric());
        if boundary {
            return Some((*status, text[at..at + phrase.len()].to_string()));
        }
    }
    let cell = text.trim().to_ascii_lowercase();
    RAG.iter()
        .find(|(word, _)| {
            cell.strip_prefix(word)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '/']))
        })
        .map(|(_, status)| (*status, text.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary() {
        let s = |t: &str| status_of(t).map(|x| x.0);
        assert_eq!(
            s("shown as having been significantly progressed"),
            Some(Status::SignificantProgress)
        );
        assert_eq!(
            s("work on these continues to progress well"),
            Some(Status::InProgress)
        );
        assert_eq!(
            s("the council has begun to progress them"),
            Some(Status::Begun)
        );
        assert_eq!(s("Almost completed"), Some(Status::SignificantProgress));
        assert_eq!(s("Completed"), Some(Status::Complete));
        assert_eq!(s("Not yet started"), Some(Status::NotStarted));
        assert_eq!(s("Amber"), Some(Status::InProgress));
        assert_eq!(s("Reduced"), None);
        // A phrase is judged where it first occurs: inside a word there,
        // it gives way to the next phrase.
        assert_eq!(s("uncompleted, then complete"), None);
        assert_eq!(
            status_of("uncompleted; now in progress").map(|x| x.1),
            Some("in progress".to_string())
        );
        assert_eq!(
            status_of("Ongoing work").map(|x| x.1),
            Some("Ongoing".to_string())
        );
    }
}
