//! One scan of each block for the phrases several readers ask about.
//!
//! The cue vocabulary ([`crate::vocab`]), the team's prose cues and list
//! headings, the review mentions ([`crate::mentions`]), the words of a
//! committee's resolutions and of list intros, and the words a reader tests
//! each block for before it reads the block closely (a set of
//! recommendations named, a contact, a next step's timing, the end of a
//! council's name) are each asked of most blocks of a report (the lists are
//! [`Set`]). Rather than one automaton walking every block once per reader,
//! their phrases share one automaton, walked once per block when the block
//! is made ([`crate::segment::Block::cues`]); each reader then asks the
//! block which of its phrases occur where, from that list.
//!
//! The list holds every occurrence of every phrase (a standard, not a
//! leftmost, search), so each reader's own answer comes out exactly as its
//! own search over the block, or over any stretch of it, gave it: "which of
//! my phrases occur" is read off directly, and a leftmost-longest reading
//! (the vocabulary's, the mentions') is the earliest-starting, longest
//! occurrence, then the next that starts after it, and so on.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{MatchKind, StartKind};

use crate::segment::Block;
use crate::text::{walk_special, Phrases};

/// A list of phrases read from the shared scan. Phrases are matched
/// without regard to ASCII case, anywhere (a reader that wants whole words
/// checks the bytes around an occurrence itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Set {
    /// [`crate::vocab`]'s phrases, in its order.
    Vocab,
    /// The team's prose and attendee cues ([`crate::team`]), in its order.
    Team,
    /// The review mentions that need no date ([`crate::mentions`]).
    Undated,
    /// Every review mention's phrase ([`crate::mentions`]), in its order.
    Mentions,
    /// The words of a heading over a team or attendee list
    /// ([`crate::team`]).
    TeamHeading,
    /// The words of a committee's resolution ([`crate::roles`]).
    Resolutions,
    /// The words of an intro to suggestions ([`crate::items`]).
    SuggestionIntro,
    /// The words of an intro to a team ([`crate::items`]).
    TeamIntro,
    /// The words that name a set of recommendations or actions
    /// ([`crate::items`]' aggregate statuses).
    GroupNames,
    /// The word of a contact sentence ([`crate::people::contact`]).
    Contact,
    /// The words that time a next step ([`crate::facts`]).
    StepTiming,
    /// The words a council's name ends with ([`crate::council`]).
    NameEnds,
    /// The positions and places on a team stated before a name
    /// ([`crate::people::may_state_position`]).
    Positions,
}

const SETS: [Set; 13] = [
    Set::Vocab,
    Set::Team,
    Set::Undated,
    Set::Mentions,
    Set::TeamHeading,
    Set::Resolutions,
    Set::SuggestionIntro,
    Set::TeamIntro,
    Set::GroupNames,
    Set::Contact,
    Set::StepTiming,
    Set::NameEnds,
    Set::Positions,
];

impl Set {
    /// The reader's own automaton for a set asked "which phrases occur"
    /// ([`Block::which`]); `None` for the two read leftmost-longest, whose
    /// readers keep their own search ([`crate::vocab::Cues::of_block`],
    /// [`crate::mentions::mentions_in`]).
    fn own(self) -> Option<&'static Phrases> {
        match self {
            Set::Vocab | Set::Mentions => None,
            Set::Team => Some(crate::team::block_cues()),
            Set::Undated => Some(crate::mentions::undated()),
            Set::TeamHeading => Some(crate::team::heading_cues()),
            Set::Resolutions => Some(crate::roles::resolutions()),
            Set::SuggestionIntro => Some(crate::items::suggestion_intro()),
            Set::TeamIntro => Some(crate::items::team_intro()),
            Set::GroupNames => Some(crate::items::names_the_set()),
            Set::Contact => Some(crate::people::contact_word()),
            Set::StepTiming => Some(crate::facts::step_timing()),
            Set::NameEnds => Some(crate::council::name_ends()),
            Set::Positions => Some(crate::people::positions()),
        }
    }

    fn phrases(self) -> Vec<&'static str> {
        match self {
            Set::Vocab => crate::vocab::phrases().collect(),
            Set::Mentions => crate::mentions::phrases().collect(),
            _ => self
                .own()
                .map(|own| own.words().to_vec())
                .unwrap_or_default(),
        }
    }
}

/// The shared automaton and where each set's phrases start in it.
struct Index {
    dfa: DFA,
    /// The first pattern of each set of [`SETS`], and one past the last.
    starts: [usize; SETS.len() + 1],
}

fn index() -> Option<&'static Index> {
    static INDEX: OnceLock<Option<Index>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let mut phrases: Vec<&'static str> = Vec::new();
            let mut starts = [0; SETS.len() + 1];
            for (i, set) in SETS.iter().enumerate() {
                starts[i] = phrases.len();
                phrases.extend(set.phrases());
            }
            starts[SETS.len()] = phrases.len();
            let dfa = DFA::builder()
                .ascii_case_insensitive(true)
                // Standard semantics: a state that ends a phrase lists every
                // phrase ending there, so one walk sees every occurrence.
                .match_kind(MatchKind::Standard)
                .start_kind(StartKind::Unanchored)
                .prefilter(false)
                .build(&phrases)
                .ok()?;
            Some(Index { dfa, starts })
        })
        .as_ref()
}

/// Every occurrence of every shared phrase in one block's text, in the
/// order their ends come.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockCues {
    /// (start, end, pattern of the shared automaton); `None` when the text
    /// was not scanned (the automaton could not be built, or the text is
    /// too long for 32-bit offsets): every question is then answered by
    /// the reader's own search. Boxed, not a `Vec`: a block holds it.
    found: Option<Box<[(u32, u32, u16)]>>,
}

impl BlockCues {
    /// Scans `text`.
    pub(crate) fn scan(text: &str) -> BlockCues {
        let Some(index) = index() else {
            return BlockCues::default();
        };
        if u32::try_from(text.len()).is_err() {
            return BlockCues::default();
        }
        let dfa = &index.dfa;
        let mut found = Vec::new();
        let walked = walk_special(dfa, text.as_bytes(), |state, end| {
            if dfa.is_match(state) {
                for i in 0..dfa.match_len(state) {
                    let pattern = dfa.match_pattern(state, i);
                    let start = end - dfa.pattern_len(pattern);
                    // Offsets fit (checked above); patterns are a few
                    // hundred.
                    if let (Ok(s), Ok(e), Ok(p)) = (
                        u32::try_from(start),
                        u32::try_from(end),
                        u16::try_from(pattern.as_usize()),
                    ) {
                        found.push((s, e, p));
                    }
                }
            }
            true
        });
        if walked.is_none() {
            return BlockCues::default();
        }
        BlockCues {
            found: Some(found.into_boxed_slice()),
        }
    }

    /// Whether the block was scanned; a reader asks its own automaton
    /// otherwise.
    pub(crate) fn scanned(&self) -> bool {
        self.found.is_some()
    }

    /// The occurrences of `set`'s phrases inside `range` of the block's
    /// text, as (start, end, the phrase's place in its set).
    fn within(
        &self,
        set: Set,
        range: Range<usize>,
    ) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        let (first, last) = index()
            .and_then(|ix| {
                let i = SETS.iter().position(|s| *s == set)?;
                Some((ix.starts[i], ix.starts[i + 1]))
            })
            .unwrap_or((0, 0));
        self.found.iter().flatten().filter_map(move |&(s, e, p)| {
            let (s, e, p) = (s as usize, e as usize, usize::from(p));
            (p >= first && p < last && s >= range.start && e <= range.end)
                .then(|| (s, e, p - first))
        })
    }

    /// Which of `set`'s phrases occur inside `range`: bit `i` for the
    /// `i`th phrase (the first 64).
    fn which(&self, set: Set, range: Range<usize>) -> u64 {
        self.within(set, range).fold(0, |bits, (_, _, i)| {
            bits | 1u64.checked_shl(i as u32).unwrap_or(0)
        })
    }

    /// What a leftmost-longest search for `set`'s phrases over `range`
    /// finds, as (start, end, phrase) in text order.
    pub(crate) fn leftmost_longest(
        &self,
        set: Set,
        range: Range<usize>,
    ) -> Vec<(usize, usize, usize)> {
        let mut all: Vec<(usize, usize, usize)> = self.within(set, range).collect();
        all.sort_unstable_by_key(|&(start, end, phrase)| (start, std::cmp::Reverse(end), phrase));
        let mut next_free = 0;
        all.retain(|&(start, end, _)| {
            let keep = start >= next_free;
            if keep {
                next_free = end;
            }
            keep
        });
        all
    }
}

impl Block<'_> {
    /// Which of `set`'s phrases occur inside `range` of the block's text:
    /// bit `i` for the `i`th phrase, as the set's own
    /// [`Phrases::which_in`] answers for that stretch (which it is asked
    /// only for a block the scan could not read).
    pub(crate) fn which(&self, set: Set, range: Range<usize>) -> u64 {
        match set.own() {
            Some(own) if !self.cues().scanned() => {
                own.which_in(self.text.get(range).unwrap_or_default())
            }
            _ => self.cues().which(set, range),
        }
    }

    /// Where `set`'s phrases occur in the block's text, as (start, end,
    /// the phrase's place in its set), in the order their ends come;
    /// `None` for a block the scan could not read, which the reader then
    /// searches itself.
    pub(crate) fn occurrences(
        &self,
        set: Set,
    ) -> Option<impl Iterator<Item = (usize, usize, usize)> + '_> {
        let cues = self.cues();
        cues.scanned().then(|| cues.within(set, 0..self.text.len()))
    }

    /// Whether any of `set`'s phrases occurs inside `range` of the block's
    /// text.
    pub(crate) fn holds(&self, set: Set, range: Range<usize>) -> bool {
        self.which(set, range) != 0
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::mentions::{mentions, mentions_in};
    use crate::segment::segment;
    use crate::text::{find_ci, sentences};
    use crate::vocab::Cues;

    /// Texts to read: the sample corpus, and the real reports and excerpts
    /// under `../shared` when they are there (CI always has them).
    fn texts() -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut out = vec![
            // Phrases at the edges of blocks and sentences, in odd cases,
            // straddling a sentence's start, beside non-ASCII letters.
            "# Key Recommendations\n\nThe PEER TEAM recommends: key recommendations follow. \
             Recommendations were made.\n\n- That the report be NOTED\n- the council should \
             consider:\n\nThe peer team comprised Jo Hart (LGA Adviser), who led the team.\n\n\
             An earlier Corporate Peer Challenge (CPC) in May 2019; the culture review é\
             recommendation ærecommendations\n\n## Attendees and who we met\n"
                .to_string(),
        ];
        let mut dirs = vec![root.join("tests/corpus")];
        let shared = root.join("../shared");
        if shared.is_dir() {
            dirs.push(shared.join("seeds"));
            dirs.push(shared.join("realworld/cases"));
        } else {
            assert!(
                std::env::var_os("CI").is_none(),
                "{} is missing: CI must have the shared real reports",
                shared.display()
            );
        }
        for dir in dirs {
            let mut paths: Vec<_> = std::fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "txt"))
                .filter(|p| !p.to_string_lossy().contains("README"))
                .collect();
            paths.sort();
            out.extend(paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
        }
        out
    }

    /// Which of `set`'s phrases `text` holds, one search a phrase: what
    /// the scan must answer.
    fn which_by_search(set: Set, text: &str) -> u64 {
        set.phrases()
            .iter()
            .enumerate()
            .filter(|(_, p)| find_ci(text, p).is_some())
            .fold(0, |bits, (i, _)| {
                bits | 1u64.checked_shl(i as u32).unwrap_or(0)
            })
    }

    #[test]
    fn every_reader_gets_from_the_block_scan_what_its_own_search_gives() {
        let texts = texts();
        assert!(texts.len() > 5);
        for text in &texts {
            let blocks = segment(text);
            for b in &blocks {
                let t: &str = &b.text;
                assert!(b.cues().scanned());
                let mut ranges: Vec<Range<usize>> = Vec::new();
                ranges.push(0..t.len());
                for (_, s) in sentences(t) {
                    let from = s.as_ptr() as usize - t.as_ptr() as usize;
                    ranges.push(from..from + s.len());
                    ranges.push(from..t.len());
                }
                for r in ranges {
                    let stretch = &t[r.clone()];
                    for set in SETS {
                        assert_eq!(
                            b.which(set, r.clone()),
                            which_by_search(set, stretch),
                            "{set:?} in {stretch:?}"
                        );
                    }
                    assert_eq!(
                        Cues::of_block(b, r.clone()),
                        Cues::of(stretch),
                        "{stretch:?}"
                    );
                }
                assert_eq!(mentions_in(b), mentions(t), "{t:?}");
            }
            for limit in [
                0,
                1,
                9,
                100,
                1000,
                crate::kind::OPENING_BYTES,
                usize::MAX / 2,
            ] {
                let opening = crate::kind::opening(&blocks, limit);
                assert_eq!(
                    Cues::of_opening(&blocks, limit),
                    Cues::of(&opening),
                    "{limit}: {opening:?}"
                );
            }
        }
    }
}
