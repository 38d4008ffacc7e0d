//! Small text helpers shared by the extractors: sentences, words, case.

use std::sync::OnceLock;

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, MatchKind, StartKind,
};

/// Splits a block's text into sentences, keeping byte offsets. A full
/// stop ends a sentence only when followed by white space and a capital
/// letter or digit, so "St. Helens" and "e.g. the" stay whole more often
/// than not; `?` and `!` always end one.
pub fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let bytes = text.as_bytes();
    // The three marks are ASCII: jumping between them byte-wise lands on
    // character boundaries only.
    for i in memchr::memchr3_iter(b'.', b'?', b'!', bytes) {
        let c = bytes[i];
        let after = i + 1;
        let next_is_space = bytes.get(after).is_some_and(u8::is_ascii_whitespace);
        if !next_is_space {
            continue;
        }
        let rest = text[after..].trim_start();
        let next_starts = rest.starts_with(|n: char| {
            n.is_uppercase() || n.is_ascii_digit() || n == '"' || n == '\u{201c}'
        });
        if c == b'.' && !next_starts {
            continue;
        }
        let piece = &text[start..after];
        if !piece.trim().is_empty() {
            out.push((start, piece.trim()));
        }
        start = after;
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push((start, text[start..].trim()));
    }
    out
}

/// Case-insensitive ASCII substring search.
pub fn contains_ci(haystack: &str, needle: &str) -> bool {
    find_ci(haystack, needle).is_some()
}

/// Whether `haystack` starts with `needle`, ASCII case ignored: a prefix
/// test, which never looks past `needle.len()` bytes.
pub fn starts_with_ci(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .get(..needle.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Byte offset of the first case-insensitive ASCII match of `needle`.
pub fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    if n == 0 {
        return Some(0);
    }
    let h = haystack.as_bytes();
    let nb = needle.as_bytes();
    let first = *nb.first()?;
    // Jump from one possible first byte to the next at memchr speed.
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), h).find(|&i| {
        h.get(i..i + n).is_some_and(|w| w.eq_ignore_ascii_case(nb)) && haystack.is_char_boundary(i)
    })
}

/// A phrase automaton built once into `cell`: ASCII case ignored, and a
/// full DFA, which for the few hundred phrases a rule set has is small
/// and scans several times faster than the default NFA. `None` only if
/// the automaton cannot be built (never for the sets used here).
pub fn phrase_automaton<I, P>(
    cell: &'static OnceLock<Option<AhoCorasick>>,
    kind: MatchKind,
    phrases: impl FnOnce() -> I,
) -> Option<&'static AhoCorasick>
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    cell.get_or_init(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(kind)
            .kind(Some(AhoCorasickKind::DFA))
            .build(phrases())
            .ok()
    })
    .as_ref()
}

/// A fixed set of phrases looked for together, ASCII case ignored: one
/// pass over a text answers "does it hold any of them?", where a
/// [`find_ci`] per phrase would scan it once each. Rules use it to skip a
/// block that holds none of the cues they go on to look for one by one.
pub struct Phrases {
    words: &'static [&'static str],
    automaton: OnceLock<Option<DFA>>,
}

impl Phrases {
    /// The set; its automaton is built on first use.
    pub const fn new(words: &'static [&'static str]) -> Phrases {
        Phrases {
            words,
            automaton: OnceLock::new(),
        }
    }

    /// The phrases, as given.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    /// Whether `text` holds any of the phrases, in any ASCII case.
    pub fn any_in(&'static self, text: &str) -> bool {
        let automaton = self.automaton.get_or_init(|| {
            DFA::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .start_kind(StartKind::Unanchored)
                // The walk below never asks for one.
                .prefilter(false)
                .build(self.words)
                .ok()
        });
        // Unreachable for the small sets rules use; answering "maybe"
        // keeps a rule correct, only slower.
        let Some(dfa) = automaton else {
            return true;
        };
        let Ok(mut state) = dfa.start_state(Anchored::No) else {
            return true;
        };
        // Walked by hand: most texts asked about are a block or a line,
        // and a search's setup would cost more than the walk.
        for &byte in text.as_bytes() {
            state = dfa.next_state(Anchored::No, state, byte);
            if dfa.is_special(state) {
                if dfa.is_match(state) {
                    return true;
                }
                if dfa.is_dead(state) {
                    return false;
                }
            }
        }
        false
    }
}

/// Whether `word` starts with an upper-case letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Trims list punctuation a bullet ends with: `;`, `; and`, `; and,`, `,`, `.`.
pub fn trim_list_end(text: &str) -> &str {
    let mut t = text.trim();
    loop {
        let before = t;
        for suffix in ["; and,", "; and", ", and", ";", ",", "."] {
            if let Some(rest) = t.strip_suffix(suffix) {
                t = rest.trim_end();
            }
        }
        if t == before {
            return t;
        }
    }
}

/// Collapses runs of white space into single spaces (and trims): what
/// `split_whitespace` and `join(" ")` make of a text, in one byte-wise
/// pass that copies each word whole.
pub fn squash(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let space = whitespace_len(bytes, i);
        if space > 0 {
            i += space;
            continue;
        }
        let start = i;
        // Continuation bytes never start white space, so the word ends
        // on a character boundary.
        while i < bytes.len() && whitespace_len(bytes, i) == 0 {
            i += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(text.get(start..i).unwrap_or_default());
    }
    out
}

/// The length in bytes of the white space character (as
/// [`char::is_whitespace`] has it) starting at `bytes[i]`, else 0.
pub fn whitespace_len(bytes: &[u8], i: usize) -> usize {
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match at(0) {
        b'\t'..=b'\r' | b' ' => 1,
        // U+0085, U+00A0.
        0xc2 if matches!(at(1), 0x85 | 0xa0) => 2,
        // U+1680.
        0xe1 if at(1) == 0x9a && at(2) == 0x80 => 3,
        // U+2000 to U+200A, U+2028, U+2029, U+202F.
        0xe2 if at(1) == 0x80 && matches!(at(2), 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf) => 3,
        // U+205F.
        0xe2 if at(1) == 0x81 && at(2) == 0x9f => 3,
        // U+3000.
        0xe3 if at(1) == 0x80 && at(2) == 0x80 => 3,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_found_in_any_case_wherever_they_stand() {
        static SET: Phrases = Phrases::new(&["led by ", "peer team", "LGA ", "x"]);
        let texts = [
            "",
            "led by",
            "The team was LED BY Jo",
            "the Peer Team met",
            "an lga officer",
            "lga",
            "ends with x",
            "X",
            "nothing here",
            "peer tea m",
            "café – led by é",
        ];
        for text in texts {
            let naive = SET.words().iter().any(|w| contains_ci(text, w));
            assert_eq!(SET.any_in(text), naive, "{text:?}");
        }
    }

    #[test]
    fn sentences_keep_offsets() {
        let text = "One thing. Two things? three. Four";
        let s = sentences(text);
        assert_eq!(
            s.iter().map(|x| x.1).collect::<Vec<_>>(),
            ["One thing.", "Two things?", "three.", "Four"]
        );
        assert_eq!(&text[s[1].0..].trim_start()[..3], "Two");
    }

    #[test]
    fn helpers() {
        assert_eq!(find_ci("The Peer Team met", "peer team"), Some(4));
        assert!(!contains_ci("short", "longer needle"));
        // The first match, never inside a character.
        assert_eq!(find_ci("led by, LED BY", "LED BY"), Some(0));
        assert_eq!(find_ci("xx Timescale: Timescale:", "timescale:"), Some(3));
        assert_eq!(find_ci("by", "led by"), None);
        assert_eq!(find_ci("é: a:", "a:"), Some(4));
        assert_eq!(find_ci("zzQ", "q"), Some(2));
        static CUES: Phrases = Phrases::new(&["led by", "PAS "]);
        assert!(CUES.any_in("The team was LED BY Jo"));
        assert!(CUES.any_in("Jo Hart (pas Adviser)"));
        assert!(!CUES.any_in("The leadership team"));
        assert_eq!(trim_list_end("Name (Role); and,"), "Name (Role)");
        assert_eq!(squash(" a \n b  c "), "a b c");
        assert_eq!(squash("‘café’\u{a0}–\u{3000}naïve\t"), "‘café’ – naïve");
        // The same words as `split_whitespace` for every character, white
        // space or not.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("{c}a{c}{c}b{c}");
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(squash(&text), words.join(" "), "{:?}", c);
        }
    }
}
