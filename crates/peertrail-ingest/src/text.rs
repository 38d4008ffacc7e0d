//! Small text helpers shared by the extractors: sentences, words, case.

use std::sync::OnceLock;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, MatchKind, StartKind,
};
use peertrail_core::{bytes_below, repeat_byte, zero_bytes};

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

/// Where each label first stands in `text` (ASCII case ignored), in the
/// labels' order: what a [`find_ci`] per label gives, from one pass. Every
/// label ends in a colon, which prose seldom has, so each colon is asked
/// which labels end there; a label that starts inside another or holds
/// another would still be found, since every colon is asked about all.
pub fn first_labels(text: &str, labels: &[&str]) -> Vec<Option<usize>> {
    debug_assert!(labels.iter().all(|l| l.ends_with(':')));
    let bytes = text.as_bytes();
    let mut first: Vec<Option<usize>> = vec![None; labels.len()];
    let mut missing = labels.len();
    for colon in memchr::memchr_iter(b':', bytes) {
        for (label, at) in labels.iter().zip(first.iter_mut()) {
            let Some(start) = (colon + 1).checked_sub(label.len()) else {
                continue;
            };
            if at.is_none()
                && bytes
                    .get(start..=colon)
                    .is_some_and(|b| b.eq_ignore_ascii_case(label.as_bytes()))
                && text.is_char_boundary(start)
            {
                *at = Some(start);
                missing -= 1;
            }
        }
        if missing == 0 {
            break;
        }
    }
    first
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

    /// The set's automaton, built on first use; `None` only if it cannot
    /// be built (never for the small sets rules use).
    fn dfa(&'static self) -> Option<&'static DFA> {
        self.automaton
            .get_or_init(|| {
                DFA::builder()
                    .ascii_case_insensitive(true)
                    // Standard semantics: a state that ends a phrase also
                    // lists every shorter phrase ending there, so one walk
                    // sees every phrase a text holds ([`Phrases::which_in`]).
                    .match_kind(MatchKind::Standard)
                    .start_kind(StartKind::Unanchored)
                    // The walks below never ask for one.
                    .prefilter(false)
                    .build(self.words)
                    .ok()
            })
            .as_ref()
    }

    /// Walks `text` through the automaton, handing `matched` the phrases
    /// that end at each byte until it returns false; `None` where there is
    /// no automaton. Walked by hand: most texts asked about are a block or
    /// a line, and a search's setup would cost more than the walk.
    fn walk(
        &'static self,
        text: &str,
        mut matched: impl FnMut(&mut dyn Iterator<Item = usize>) -> bool,
    ) -> Option<()> {
        let dfa = self.dfa()?;
        walk_special(dfa, text.as_bytes(), |state, _| {
            if dfa.is_match(state) {
                let mut ending =
                    (0..dfa.match_len(state)).map(|i| dfa.match_pattern(state, i).as_usize());
                matched(&mut ending)
            } else {
                !dfa.is_dead(state)
            }
        })
    }

    /// Whether `text` holds any of the phrases, in any ASCII case.
    pub fn any_in(&'static self, text: &str) -> bool {
        let mut any = false;
        let walked = self.walk(text, |_| {
            any = true;
            false
        });
        // Answering "maybe" where there is no automaton keeps a rule
        // correct, only slower.
        any || walked.is_none()
    }

    /// Which of the phrases `text` holds, in any ASCII case, in one pass:
    /// bit `i` is set when the `i`th phrase occurs. A rule asking about
    /// several lists of cues puts them in one set and reads the bits,
    /// rather than walking the text once per list. Sets have at most 64
    /// phrases; without an automaton every bit is set ("maybe").
    pub fn which_in(&'static self, text: &str) -> u64 {
        let all = match self.words.len() {
            n if n >= 64 => u64::MAX,
            n => (1u64 << n) - 1,
        };
        let mut found = 0u64;
        let walked = self.walk(text, |ending| {
            for pattern in ending {
                found |= 1u64.checked_shl(pattern as u32).unwrap_or(0);
            }
            found != all
        });
        walked.map_or(all, |()| found)
    }
}

/// Walks `bytes` through `dfa` (built without a prefilter, so that only a
/// match or the dead state is special) from its unanchored start, handing
/// `special` each special state reached and the offset just past the byte
/// that reached it, until it returns false; `None` when the automaton has
/// no unanchored start.
///
/// Four steps at a time while none of the four states is special: one
/// test for four bytes, where most of a text matches nothing. Every
/// reader's phrase search and the shared cue scan walk this way.
pub(crate) fn walk_special(
    dfa: &DFA,
    bytes: &[u8],
    mut special: impl FnMut(StateID, usize) -> bool,
) -> Option<()> {
    let mut state = dfa.start_state(Anchored::No).ok()?;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if let Some(&[b1, b2, b3, b4]) = bytes.get(at..at + 4) {
            let s1 = dfa.next_state(Anchored::No, state, b1);
            let s2 = dfa.next_state(Anchored::No, s1, b2);
            let s3 = dfa.next_state(Anchored::No, s2, b3);
            let s4 = dfa.next_state(Anchored::No, s3, b4);
            let any =
                dfa.is_special(s1) | dfa.is_special(s2) | dfa.is_special(s3) | dfa.is_special(s4);
            if !any {
                state = s4;
                at += 4;
                continue;
            }
        }
        state = dfa.next_state(Anchored::No, state, byte);
        at += 1;
        if dfa.is_special(state) && !special(state, at) {
            break;
        }
    }
    Some(())
}

/// Whether any of the phrases at `range` of a set's list is among those
/// [`Phrases::which_in`] found.
pub fn any_of(found: u64, range: std::ops::Range<usize>) -> bool {
    range.filter(|&i| i < 64).any(|i| found & (1u64 << i) != 0)
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
/// `split_whitespace` and `join(" ")` make of a text, copying whole runs
/// of words that a single ASCII space already separates.
pub fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    squash_into(&mut out, text);
    out
}

/// [`squash`] written at the end of `out`, for a caller joining many
/// texts into one (no string of its own for each).
pub fn squash_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut i = space_end(bytes, 0);
    while i < bytes.len() {
        let start = i;
        // Words and single spaces eight bytes at a time; a space passed
        // last is given back when white space or the end follows it (the
        // loop below leaves such a space out).
        let mut space_before = false;
        i += single_spaced(&bytes[i..], [], &mut space_before);
        if space_before && (i >= bytes.len() || whitespace_len(bytes, i) > 0) {
            i -= 1;
        }
        loop {
            i = next_space(bytes, i);
            // One space between two words is what `squash` writes there.
            if bytes.get(i) == Some(&b' ')
                && whitespace_len(bytes, i + 1) == 0
                && i + 1 < bytes.len()
            {
                i += 1;
                continue;
            }
            break;
        }
        // `i` is the text's end or white space's first byte: a boundary.
        out.push_str(text.get(start..i).unwrap_or_default());
        i = space_end(bytes, i);
        if i < bytes.len() {
            out.push(' ');
        }
    }
}

/// Whether `text` has at most `n` words, without counting past `n + 1`.
pub fn at_most_words(text: &str, n: usize) -> bool {
    text.split_whitespace().nth(n).is_none()
}

/// The bytes that can start a white space character: ASCII's own, and
/// the lead bytes of the others (U+0085 and U+00A0, U+1680, U+2000 to
/// U+205F, U+3000).
static SPACE_LEADS: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = b'\t';
    while b <= b'\r' {
        t[b as usize] = true;
        b += 1;
    }
    t[b' ' as usize] = true;
    t[0xc2] = true;
    t[0xe1] = true;
    t[0xe2] = true;
    t[0xe3] = true;
    t
};

/// The first byte at or after `i` that starts white space, else the
/// length: a character boundary either way.
fn next_space(bytes: &[u8], mut i: usize) -> usize {
    loop {
        i += bytes
            .get(i..)
            .unwrap_or_default()
            .iter()
            .position(|&b| SPACE_LEADS[usize::from(b)])
            .unwrap_or(bytes.len().saturating_sub(i));
        if i >= bytes.len() || whitespace_len(bytes, i) > 0 {
            return i;
        }
        // A lead byte of something else ("–", "’"): its continuation
        // bytes are never lead bytes.
        i += 1;
    }
}

/// How many bytes from the start of `bytes`, in whole chunks of eight, are
/// words and single spaces: ASCII at or above 0x0e (so no tab, line end
/// or start of a wide white space character), none of `stops`, and no
/// space next to another, counting one before the chunk where
/// `space_before`, which is left saying whether the last byte passed is a
/// space. Stricter than needed (a curly quote ends it), never looser.
///
/// Readers that copy a block's text a word at a time pass most of it here:
/// a test of eight bytes costs about what one byte did.
#[inline]
pub(crate) fn single_spaced<const N: usize>(
    bytes: &[u8],
    stops: [u8; N],
    space_before: &mut bool,
) -> usize {
    let mut done = 0;
    for chunk in bytes.chunks_exact(8) {
        let Ok(eight) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let word = u64::from_le_bytes(eight);
        let high_or_control = word & repeat_byte(0x80) != 0 || bytes_below(word, 0x0e) != 0;
        let stopped = stops.iter().fold(0, |found, &stop| {
            found | zero_bytes(word ^ repeat_byte(stop))
        });
        let spaces = zero_bytes(word ^ repeat_byte(b' '));
        let doubled = spaces & (spaces << 8) != 0 || (*space_before && eight[0] == b' ');
        if high_or_control || stopped != 0 || doubled {
            break;
        }
        *space_before = eight[7] == b' ';
        done += 8;
    }
    done
}

/// The first byte at or after `i` that is not white space.
fn space_end(bytes: &[u8], mut i: usize) -> usize {
    loop {
        match whitespace_len(bytes, i) {
            0 => return i.min(bytes.len()),
            n => i += n,
        }
    }
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

/// Asserts that a faster way of reading a text answers as the way it
/// replaced did, on each of `texts` and on all of them joined into one
/// long text (where the faster ways differ most).
#[cfg(test)]
pub(crate) fn assert_same_answers<T: PartialEq + std::fmt::Debug>(
    texts: &[&str],
    fast: impl Fn(&str) -> T,
    reference: impl Fn(&str) -> T,
) {
    for text in texts {
        assert_eq!(fast(text), reference(text), "{text:?}");
    }
    let long = texts.join("\n").repeat(20);
    assert_eq!(fast(&long), reference(&long), "the texts joined");
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
    fn one_pass_finds_every_phrase_a_text_holds() {
        // Phrases inside, overlapping and ending with others: each is
        // reported, whatever else ends at the same place.
        static SET: Phrases = Phrases::new(&[
            "first three recommendations",
            "recommendations",
            "see ",
            "recommendation above",
            "pick up",
            "picked up",
            "dations",
        ]);
        let texts = [
            "",
            "Covers the FIRST THREE Recommendations; see also",
            "as the recommendation above, picked up",
            "recommendation abov",
            "pick up the recommendations",
            "nothing at all",
            "café – see é",
        ];
        for text in texts {
            let naive = SET
                .words()
                .iter()
                .enumerate()
                .filter(|(_, w)| contains_ci(text, w))
                .fold(0u64, |bits, (i, _)| bits | 1 << i);
            assert_eq!(SET.which_in(text), naive, "{text:?}");
            assert_eq!(any_of(naive, 0..3), naive & 0b111 != 0);
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
            assert_eq!(
                squash(&format!(" {text}  {text}\n")),
                format!("{0} {0}", words.join(" ")),
                "{:?}",
                c
            );
        }
    }

    #[test]
    fn squashing_eight_bytes_at_a_time_keeps_split_whitespace_words() {
        // Pieces next to each other at every offset within a chunk, ending
        // a chunk, and ending the text.
        let pieces = [
            "word", " ", "  ", "\t", "\n", "\u{a0}", "\u{2019}", "\u{3000}", "x.", "é",
        ];
        for a in pieces {
            for b in pieces {
                for pad in 0..9 {
                    for tail in ["", " ", "z", "  "] {
                        let text =
                            format!("{}{a}{}{b}abc def{tail}", "q".repeat(pad), "r ".repeat(pad));
                        let words: Vec<&str> = text.split_whitespace().collect();
                        assert_eq!(squash(&text), words.join(" "), "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn labels_are_found_where_a_search_for_each_finds_them() {
        let labels = ["Lead:", "Lead officer:", "Officer:", "Due:", "é:"];
        for text in [
            "",
            "no colon here",
            "Owner: x. LEAD OFFICER: Jo; lead: Al\nDue: 2025",
            "::: officer: a lead officer: b",
            "é: café: Due:due:",
            "Due:",
        ] {
            let each: Vec<Option<usize>> = labels.iter().map(|l| find_ci(text, l)).collect();
            assert_eq!(first_labels(text, &labels), each, "{text:?}");
        }
    }
}
