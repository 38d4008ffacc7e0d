//! Spotting authority names in running text with one Aho-Corasick automaton
//! over every short name, official name and alias (and their spelling
//! variants), built once per gazetteer.
//!
//! Matching is case-sensitive, since place names are written capitalised;
//! the upper-case form of each name is matched too, but only on a line with
//! no lower-case letter (an all-capitals title). A match must start and end
//! at word boundaries, so "Walsall's" finds Walsall but "Hartlepoolish" finds
//! nothing. Overlapping candidates are resolved leftmost-longest after the
//! boundary checks: "North Hertfordshire" beats "Hertfordshire" and "Babergh
//! and Mid Suffolk" gives Babergh and Mid Suffolk. The scan is linear in the
//! length of the text.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::authority::Authority;
use crate::gazetteer;

/// One mention of an authority in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceMatch {
    /// Byte range of the mention in the text.
    pub range: Range<usize>,
    /// The mention as written.
    pub text: String,
    /// Codes of the authorities it may name: current authorities first, then
    /// former ones, each group in code order.
    pub codes: Vec<&'static str>,
    /// Whether the mention is the short name of an authority whose short name
    /// is also a common word or surname (`short_is_common_word`), so that the
    /// caller should ask for stronger evidence ("Hart District Council", a
    /// possessive, a title) before trusting it.
    pub common_word: bool,
}

/// Every mention of an authority of the embedded [`gazetteer()`] in `text`,
/// in text order, never overlapping.
///
/// [`gazetteer()`]: crate::gazetteer
pub fn find_places(text: &str) -> Vec<PlaceMatch> {
    gazetteer().find_places(text)
}

#[derive(Debug, Default)]
struct Pattern {
    authorities: BTreeSet<usize>,
    /// Only the upper-cased spelling of a name: valid on all-capitals lines.
    caps_only: bool,
    common_word: bool,
}

/// The automaton and what each of its patterns stands for.
#[derive(Debug)]
pub(crate) struct PlaceIndex {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

impl PlaceIndex {
    pub(crate) fn build(authorities: &[Authority]) -> PlaceIndex {
        let mut by_text: BTreeMap<String, Pattern> = BTreeMap::new();
        for (index, authority) in authorities.iter().enumerate() {
            for (n, form) in authority.forms().enumerate() {
                let is_short = n == 0;
                for variant in variants(form) {
                    let upper = variant.to_uppercase();
                    let mut add = |text: String, caps_only: bool| {
                        let entry = by_text.entry(text).or_insert_with(|| Pattern {
                            caps_only,
                            ..Pattern::default()
                        });
                        entry.caps_only &= caps_only;
                        entry.authorities.insert(index);
                        entry.common_word |= is_short && authority.short_is_common_word;
                    };
                    if upper != variant {
                        add(upper, true);
                    }
                    add(variant, false);
                }
            }
        }
        let (texts, patterns): (Vec<String>, Vec<Pattern>) = by_text.into_iter().unzip();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&texts)
            .ok();
        PlaceIndex {
            automaton,
            patterns,
        }
    }

    pub(crate) fn find(&self, text: &str, authorities: &[Authority]) -> Vec<PlaceMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut lines = Lines::new(text);
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        for found in automaton.find_overlapping_iter(text) {
            let (start, end) = (found.start(), found.end());
            let pattern = &self.patterns[found.pattern().as_usize()];
            if !at_word_boundaries(text, start, end) {
                continue;
            }
            if pattern.caps_only && lines.has_lower_case(start) {
                continue;
            }
            candidates.push((start, end, found.pattern().as_usize()));
        }
        // Leftmost-longest among the candidates that passed the checks.
        candidates.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
        let mut out = Vec::new();
        let mut next_free = 0;
        for (start, end, pattern) in candidates {
            if start < next_free {
                continue;
            }
            next_free = end;
            let pattern = &self.patterns[pattern];
            let mut members: Vec<&Authority> = pattern
                .authorities
                .iter()
                .map(|&i| &authorities[i])
                .collect();
            members.sort_by_key(|a| (!a.is_current(), a.code));
            out.push(PlaceMatch {
                range: start..end,
                text: text[start..end].to_owned(),
                codes: members.iter().map(|a| a.code).collect(),
                common_word: pattern.common_word,
            });
        }
        out
    }
}

/// Spelling variants of a name: "and"/"&", "St"/"St.", hyphens as spaces,
/// straight and curly apostrophes.
fn variants(form: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::from([form.to_owned()]);
    let swaps: [(&str, &str); 6] = [
        (" and ", " & "),
        (" & ", " and "),
        ("St ", "St. "),
        ("St. ", "St "),
        ("'", "\u{2019}"),
        ("\u{2019}", "'"),
    ];
    for (from, to) in swaps {
        let more: Vec<String> = out
            .iter()
            .filter(|v| v.contains(from))
            .map(|v| replace_words(v, from, to))
            .collect();
        out.extend(more);
    }
    let hyphenless: Vec<String> = out
        .iter()
        .filter(|v| v.contains('-'))
        .map(|v| v.replace('-', " "))
        .collect();
    out.extend(hyphenless);
    out
}

/// Replaces `from` with `to`, except "St" inside a word ("West ").
fn replace_words(s: &str, from: &str, to: &str) -> String {
    if !from.starts_with("St") {
        return s.replace(from, to);
    }
    let mut out = String::with_capacity(s.len() + 1);
    let mut rest = s;
    while let Some(at) = rest.find(from) {
        let starts_word = rest[..at]
            .chars()
            .next_back()
            .map_or(out.is_empty() || out.ends_with(' '), |c| c == ' ');
        out.push_str(&rest[..at]);
        out.push_str(if starts_word { to } else { from });
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    out
}

fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Whether the line around a position has a lower-case letter, worked out
/// only for lines that hold an all-capitals candidate. Candidates arrive in
/// (almost) increasing order, so remembering the last line keeps this linear.
struct Lines<'t> {
    text: &'t str,
    last: Option<(Range<usize>, bool)>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines { text, last: None }
    }

    fn has_lower_case(&mut self, at: usize) -> bool {
        if let Some((line, lower)) = &self.last {
            if line.contains(&at) {
                return *lower;
            }
        }
        let text = self.text;
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let lower = text[start..end].chars().any(char::is_lowercase);
        self.last = Some((start..end, lower));
        lower
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_variants() {
        let v = variants("St Helens");
        assert!(v.contains("St. Helens"));
        let v = variants("Hammersmith and Fulham");
        assert!(v.contains("Hammersmith & Fulham"));
        let v = variants("King's Lynn and West Norfolk");
        assert!(v.contains("King\u{2019}s Lynn & West Norfolk"));
        let v = variants("Stoke-on-Trent");
        assert!(v.contains("Stoke on Trent"));
        let v = variants("West Suffolk");
        assert_eq!(v.len(), 1, "{v:?}");
    }
}
