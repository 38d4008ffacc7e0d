//! Who an action plan says will do the work: a labelled owner ("Owner:
//! Finance Team"), a body named by its noun ("undertaken by the Budget
//! Working Group"), or a role that "will" act ("The Chief Executive will
//! commission …").
//!
//! An action's text can be long (the last action of a plan runs to the
//! end of the document), so nothing here splits the whole text into
//! words: the nouns and "will" are found by search, and only the few
//! words before each are read, backwards.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::text::{first_labels, is_capitalised, whitespace_len};

/// Labels that name the owner outright.
const LABELS: [&str; 4] = ["Owner:", "Lead:", "Lead officer:", "Responsible:"];

/// Nouns that end the name of a body that can own an action.
const OWNER_NOUNS: &[&str] = &[
    "Group",
    "Team",
    "Division",
    "Board",
    "Committee",
    "Directorate",
    "Panel",
    "Unit",
    "Department",
    "Service",
    "Forum",
    "Office",
];

/// Words that make a capitalised name a role.
const ROLE_HEADS: &[&str] = &[
    "Executive",
    "Director",
    "Head",
    "Officer",
    "Manager",
    "Leader",
    "Chair",
    "Clerk",
    "Treasurer",
];

/// What a word may end with after the noun it is ("Team.", "Board),").
const TRAILING: [char; 5] = ['.', ',', ';', ':', ')'];

/// The body an action names as doing the work: "undertaken by the Budget
/// Working Group", "produced by the Finance Team", "the Chairs' Group
/// carries out", "Owner: Finance Team". A body after "by the" or
/// "through the" wins over one named otherwise; the first of each kind
/// counts.
pub(super) fn owner(text: &str) -> Option<String> {
    for (label, at) in LABELS.iter().zip(first_labels(text, &LABELS)) {
        let Some(rest) = at.and_then(|at| text.get(at + label.len()..)) else {
            continue;
        };
        let line = rest.lines().next().unwrap_or_default();
        let name = line.split(['.', ';']).next().unwrap_or_default().trim();
        if !name.is_empty() {
            return Some(name.to_string());
        }
    }
    let mut first: Option<String> = None;
    for noun in noun_words(text) {
        if let Some((by, name)) = body_ending_at(text, noun) {
            if by {
                return Some(name);
            }
            first.get_or_insert(name);
        }
    }
    first.or_else(|| role_owner(text))
}

/// The byte ranges of the words that are a noun of [`OWNER_NOUNS`], with
/// any [`TRAILING`] marks, in text order.
fn noun_words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    static NOUNS: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let automaton = NOUNS
        .get_or_init(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(OWNER_NOUNS)
                .ok()
        })
        .as_ref();
    // No noun holds white space, so a match that is no word cannot hide
    // one that is: every word that is a noun is a match.
    automaton
        .into_iter()
        .flat_map(move |a| a.find_iter(text))
        .filter_map(move |m| {
            let end = m.end() + text.get(m.end()..)?.len()
                - text.get(m.end()..)?.trim_start_matches(TRAILING).len();
            whole_word(text, m.start(), end).then_some((m.start(), end))
        })
}

/// Whether `text[start..end]` is a whole word: white space (or the text's
/// edge) on both sides.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text
        .get(..start)
        .is_some_and(|b| b.chars().next_back().is_none_or(char::is_whitespace));
    let after = end >= text.len() || whitespace_len(text.as_bytes(), end) > 0;
    before && after
}

/// The words before byte `at`, nearest first, read only as far as asked.
struct Before<'a> {
    words: std::iter::Rev<std::str::SplitWhitespace<'a>>,
    read: Vec<&'a str>,
}

impl<'a> Before<'a> {
    fn new(text: &'a str, at: usize) -> Before<'a> {
        Before {
            words: text.get(..at).unwrap_or_default().split_whitespace().rev(),
            read: Vec::new(),
        }
    }

    /// The `n`th word before (0 is the nearest).
    fn get(&mut self, n: usize) -> Option<&'a str> {
        while self.read.len() <= n {
            self.read.push(self.words.next()?);
        }
        self.read.get(n).copied()
    }

    /// The `n` nearest words, in text order, then `last`, joined by spaces.
    fn joined(&mut self, n: usize, last: &str) -> String {
        let mut name = String::new();
        for k in (0..n).rev() {
            name.push_str(self.get(k).unwrap_or_default());
            name.push(' ');
        }
        name.push_str(last);
        name
    }
}

/// The body named by the capitalised words before a noun word ("the
/// Budget Working Group", "Policy, People and Efficiency Division"), and
/// whether "by the" or "through the" comes before it.
fn body_ending_at(text: &str, (start, end): (usize, usize)) -> Option<(bool, String)> {
    let noun = text.get(start..end)?;
    let mut before = Before::new(text, start);
    let mut k = 0;
    while let Some(prev) = before.get(k) {
        let clean = prev.trim_end_matches(',');
        if is_capitalised(clean)
            || (clean == "and" && before.get(k + 1).is_some_and(is_capitalised))
        {
            k += 1;
        } else {
            break;
        }
    }
    if k > 0 && before.get(k - 1) == Some("The") {
        k -= 1;
    }
    if k == 0 {
        return None;
    }
    let name = before.joined(k, noun);
    let name = name.trim_end_matches(TRAILING).to_string();
    let by = before.get(k) == Some("the") && matches!(before.get(k + 1), Some("by" | "through"));
    Some((by, name))
}

/// "The Chief Executive will commission …": a role that will do the
/// work. The capitalised words (and "of", "and") after "the" run up to
/// "will" and hold a role's head word.
fn role_owner(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, b"will")
        .filter(|&at| whole_word(text, at, at + 4))
        .find_map(|at| {
            let mut before = Before::new(text, at);
            let mut run = 0;
            while before
                .get(run)
                .is_some_and(|w| is_capitalised(w) || matches!(w, "of" | "and"))
            {
                run += 1;
            }
            // The earliest "the" whose name runs to this "will": the word
            // before the run ("the" is no part of one), or a "The" inside
            // it. A later one names fewer words of the same run, so only
            // the earliest can hold a head word that the others lack.
            let the = (1..=run)
                .rev()
                .find(|&n| matches!(before.get(n), Some("The" | "the")))?;
            let name: Vec<&str> = (0..the).rev().filter_map(|k| before.get(k)).collect();
            name.iter()
                .any(|w| ROLE_HEADS.contains(w))
                .then(|| name.join(" "))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `owner` as it was written first: every word of the text split out
    /// and walked forwards. The search above must give the same answers.
    fn owner_from_every_word(text: &str) -> Option<String> {
        for label in LABELS {
            if let Some(at) = crate::text::find_ci(text, label) {
                let rest = text[at + label.len()..].lines().next().unwrap_or_default();
                let name = rest.split(['.', ';']).next().unwrap_or_default().trim();
                if !name.is_empty() {
                    return Some(name.to_string());
                }
            }
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut found: Vec<(bool, String)> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let bare = w.trim_end_matches(TRAILING);
            if !OWNER_NOUNS.contains(&bare) {
                continue;
            }
            let mut start = i;
            while start > 0 {
                let clean = words[start - 1].trim_end_matches(',');
                if is_capitalised(clean)
                    || (clean == "and" && start >= 2 && is_capitalised(words[start - 2]))
                {
                    start -= 1;
                } else {
                    break;
                }
            }
            if start == i {
                continue;
            }
            if words[start] == "The" {
                start += 1;
            }
            if start == i {
                continue;
            }
            let name = words[start..=i].join(" ");
            let name = name.trim_end_matches(TRAILING).to_string();
            let by = start >= 2
                && matches!(words[start - 1], "the")
                && matches!(words[start - 2], "by" | "through");
            found.push((by, name));
        }
        found
            .iter()
            .find(|f| f.0)
            .or_else(|| found.first())
            .map(|f| f.1.clone())
            .or_else(|| {
                words.iter().enumerate().find_map(|(i, w)| {
                    if !matches!(*w, "The" | "the") {
                        return None;
                    }
                    let name: Vec<&str> = words[i + 1..]
                        .iter()
                        .take_while(|x| is_capitalised(x) || matches!(**x, "of" | "and"))
                        .copied()
                        .collect();
                    let follows = words.get(i + 1 + name.len()).copied();
                    (!name.is_empty()
                        && follows == Some("will")
                        && name.iter().any(|n| ROLE_HEADS.contains(n)))
                    .then(|| name.join(" "))
                })
            })
    }

    #[test]
    fn owners() {
        assert_eq!(owner("The savings review will be carried out by the Budget Working Group, which reports to Cabinet").as_deref(), Some("Budget Working Group"));
        assert_eq!(
            owner("We expect the Chairs' Group to lead this review").as_deref(),
            Some("Chairs' Group")
        );
        assert_eq!(
            owner("Owner: Finance Team\nBy March").as_deref(),
            Some("Finance Team")
        );
        assert_eq!(
            owner("being undertaken through the Policy, People and Efficiency Division.")
                .as_deref(),
            Some("Policy, People and Efficiency Division")
        );
        assert_eq!(
            owner("The Director of Finance will report. The Chief Executive will sign.").as_deref(),
            Some("Director of Finance")
        );
        assert_eq!(owner("No body is named here."), None);
    }

    #[test]
    fn the_search_answers_as_walking_every_word_did() {
        let texts = [
            "",
            "Team",
            "The Team",
            "the Team will",
            "by the The Board",
            "A Board, then by the Audit and Governance Committee.",
            "Work with the Housing Team; reported through the Scrutiny Board).",
            "Owner:\nLead officer: Head of Service. Lead: x",
            "RESPONSIBLE:   ;  Lead: Jo Hart; Owner: ",
            "Teams and Boards; The Unit, a Unity Forum,\u{a0}Office",
            "SEO Team-work by the Web Team.\tthe Chief Officer will",
            "The Head and The Chair will act; the Leader of Council will sign",
            "the Chief Executive willingly acts. The Treasurer will",
            "The Leader will, and the Chair will agree",
            "the of and will; The Clerk will \u{2003}will",
            "Led by the Council’s Team Leader Group. ¡Service!",
            "Executive will. the Executive Board will decide",
        ];
        crate::text::assert_same_answers(&texts, owner, owner_from_every_word);
    }
}
