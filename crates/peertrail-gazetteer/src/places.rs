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
//! and Mid Suffolk" gives Babergh and Mid Suffolk.
//!
//! Since a match starts a word, the automaton is walked only from the
//! word starts whose first byte begins some name (a capital, mostly),
//! anchored there, rather than over every byte of the text: a report is
//! mostly lower-case words, and an unanchored walk over thousands of names
//! costs dozens of instructions a byte. The scan stays linear in the length
//! of the text: each walk is bounded by the longest name.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

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
    /// Walked anchored, from each word start that may begin a name.
    automaton: Option<NFA>,
    patterns: Vec<Pattern>,
    /// Which bytes some name starts with.
    first_bytes: FirstBytes,
}

/// The bytes names start with, and a test that passes over eight bytes of
/// text at once when none of them is one.
///
/// Names start with a capital, and most eight-byte runs of a report hold
/// none: testing each byte against the table cost about ten instructions a
/// byte of text, more than walking the automaton from the few word starts
/// that pass.
#[derive(Debug)]
struct FirstBytes {
    table: [bool; 256],
    /// The smallest and largest ASCII first byte (`lo > hi` when none).
    lo: u8,
    hi: u8,
    /// Whether some name starts with a non-ASCII byte.
    any_high: bool,
}

/// Eight copies of a byte.
const fn repeat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

impl FirstBytes {
    fn new(texts: &[String]) -> FirstBytes {
        let mut table = [false; 256];
        for t in texts {
            if let Some(&b) = t.as_bytes().first() {
                table[usize::from(b)] = true;
            }
        }
        let ascii = (0u8..0x80).filter(|&b| table[usize::from(b)]);
        FirstBytes {
            lo: ascii.clone().min().unwrap_or(1),
            hi: ascii.max().unwrap_or(0),
            any_high: table[0x80..].iter().any(|&t| t),
            table,
        }
    }

    fn starts_name(&self, byte: u8) -> bool {
        self.table[usize::from(byte)]
    }

    /// Whether any of eight bytes may start a name: one in `lo..=hi`, or a
    /// non-ASCII one when a name starts so. (The ASCII test is the
    /// "has a byte between" bit trick, exact for bytes below 0x80.)
    fn may_hold_one(&self, chunk: u64) -> bool {
        const LOW7: u64 = repeat(0x7f);
        const HIGH: u64 = repeat(0x80);
        if self.any_high && chunk & HIGH != 0 {
            return true;
        }
        if self.lo > self.hi {
            return false;
        }
        // Bytes strictly between `lo - 1` and `hi + 1`: `lo` is at least 1
        // and `hi` at most 0x7f, so both bounds stay within 0..=0x80.
        let below = u64::from(self.lo - 1);
        let above = u64::from(self.hi) + 1;
        let x = chunk & LOW7;
        let in_range = (repeat(0x01) * (0x7f + above)).wrapping_sub(x)
            & !chunk
            & x.wrapping_add(repeat(0x01) * (0x7f - below))
            & HIGH;
        in_range != 0
    }

    /// Calls `f` with each byte offset of `bytes` whose byte starts a name,
    /// in order.
    fn each(&self, bytes: &[u8], mut f: impl FnMut(usize)) {
        let mut chunks = bytes.chunks_exact(8);
        let mut at = 0;
        for chunk in &mut chunks {
            let word = <[u8; 8]>::try_from(chunk).map_or(u64::MAX, u64::from_le_bytes);
            if self.may_hold_one(word) {
                for (i, &byte) in chunk.iter().enumerate() {
                    if self.starts_name(byte) {
                        f(at + i);
                    }
                }
            }
            at += 8;
        }
        for (i, &byte) in chunks.remainder().iter().enumerate() {
            if self.starts_name(byte) {
                f(at + i);
            }
        }
    }
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
        let first_bytes = FirstBytes::new(&texts);
        let automaton = NFA::builder()
            .match_kind(MatchKind::Standard)
            .build(&texts)
            .ok();
        PlaceIndex {
            automaton,
            patterns,
            first_bytes,
        }
    }

    /// Every name that starts at byte `at` of `text` and ends at a word
    /// boundary, as (start, end, pattern).
    fn names_from(automaton: &NFA, text: &str, at: usize, out: &mut Vec<(usize, usize, usize)>) {
        let Ok(mut state) = automaton.start_state(Anchored::Yes) else {
            return;
        };
        for (end, &byte) in text.as_bytes().iter().enumerate().skip(at) {
            state = automaton.next_state(Anchored::Yes, state, byte);
            if automaton.is_dead(state) {
                return;
            }
            if !automaton.is_match(state) {
                continue;
            }
            for i in 0..automaton.match_len(state) {
                let pattern = automaton.match_pattern(state, i);
                // A state's matches can include names that are suffixes of
                // the text walked; only those starting here count.
                if end + 1 - automaton.pattern_len(pattern) == at {
                    out.push((at, end + 1, pattern.as_usize()));
                }
            }
        }
    }

    pub(crate) fn find(&self, text: &str, authorities: &[Authority]) -> Vec<PlaceMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut lines = Lines::new(text);
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        self.first_bytes.each(text.as_bytes(), |at| {
            // Names start with a character's first byte, so `at` is on a
            // character boundary.
            if starts_word(text, at) {
                Self::names_from(automaton, text, at, &mut found);
            }
        });
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        for (start, end, index) in found {
            let pattern = &self.patterns[index];
            if !at_word_boundaries(text, start, end) {
                continue;
            }
            if pattern.caps_only && lines.has_lower_case(start) {
                continue;
            }
            candidates.push((start, end, index));
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

/// Whether no letter or digit comes right before byte `at`.
fn starts_word(text: &str, at: usize) -> bool {
    match at.checked_sub(1).and_then(|i| text.as_bytes().get(i)) {
        None => true,
        Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        Some(_) => !text
            .get(..at)
            .and_then(|before| before.chars().next_back())
            .is_some_and(char::is_alphanumeric),
    }
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
    fn the_chunked_scan_finds_every_first_byte() {
        let texts = |firsts: &[&str]| -> Vec<String> {
            firsts.iter().map(|f| format!("{f}name")).collect()
        };
        let sets = [
            texts(&["A", "M", "Z"]),
            texts(&["B", "\u{c9}", "Y"]),
            texts(&["\u{2019}"]),
            texts(&["\u{1}", "\u{7f}"]),
            texts(&[]),
        ];
        // Every byte value, at every offset within a chunk, among others.
        let mut sample: Vec<u8> = (0..=255u8).collect();
        sample.extend(b"The Council of Avonford, with M\xc3\x89 and Zed: x".iter());
        for set in &sets {
            let first = FirstBytes::new(set);
            for skip in 0..9 {
                let bytes = &sample[skip..];
                let mut seen = Vec::new();
                first.each(bytes, |at| seen.push(at));
                let expected: Vec<usize> = (0..bytes.len())
                    .filter(|&i| first.starts_name(bytes[i]))
                    .collect();
                assert_eq!(seen, expected, "{set:?} from {skip}");
            }
        }
    }

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
