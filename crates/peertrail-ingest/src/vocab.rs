//! The cue vocabulary: the phrases that are evidence of what a document,
//! a section or a list is, in one table, matched in one pass over a text
//! by one automaton (ASCII case-insensitive, whole words only).
//!
//! Readers ask "which cues does this text carry?" and weigh the answer;
//! they never search for phrases one by one.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::cues::Set;
use crate::segment::Block;
use crate::text::phrase_automaton;

/// What a phrase is evidence of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cue {
    /// "recommendation", "recommends": the list or section holds
    /// recommendations.
    Recommend,
    /// "opportunities to improve", "areas for improvement", "suggestions":
    /// advice that counts as recommendations when a list follows.
    Advice,
    /// "we would encourage the council to", "we urge": a single item that
    /// is itself advice to the council.
    AdviceVerb,
    /// "themes", "core components", "scope", "purpose", "agenda": a list
    /// that is not recommendations even under a recommendations heading.
    NotItems,
    /// "findings", "key points", "strengths", "concerns", "key messages":
    /// observations, not recommendations (unless an item advises).
    Findings,
    /// "resolved", "decision", "options": a committee's own business.
    Resolutions,
    /// "agenda item", "minutes:", "decision details": the furniture of a
    /// council's committee pages.
    CommitteeFurniture,
    /// "considered a report", "presented the report", "members
    /// discussed": the prose of a committee's minutes.
    CommitteeProse,
    /// "action plan".
    ActionPlan,
    /// "what we have achieved", "progress to date": a council reporting its
    /// own progress.
    OwnProgress,
}

/// Every phrase and the cue it is evidence of. Phrases are whole words,
/// matched without regard to ASCII case; the longest match wins.
const PHRASES: &[(&str, Cue)] = &[
    ("recommendation", Cue::Recommend),
    ("recommendations", Cue::Recommend),
    ("recommend", Cue::Recommend),
    ("recommends", Cue::Recommend),
    ("recommended", Cue::Recommend),
    ("key recommendations", Cue::Recommend),
    ("opportunities to improve", Cue::Advice),
    ("opportunities for improvement", Cue::Advice),
    ("areas for improvement", Cue::Advice),
    ("areas for development", Cue::Advice),
    ("areas for further consideration", Cue::Advice),
    ("suggestions", Cue::Advice),
    ("peer team suggestion", Cue::Advice),
    ("we would encourage", Cue::AdviceVerb),
    ("we encourage", Cue::AdviceVerb),
    ("would encourage the council", Cue::AdviceVerb),
    ("we urge", Cue::AdviceVerb),
    ("we strongly urge", Cue::AdviceVerb),
    ("we would urge", Cue::AdviceVerb),
    ("we recommend", Cue::AdviceVerb),
    ("we would recommend", Cue::AdviceVerb),
    ("the council should", Cue::AdviceVerb),
    ("the council needs to", Cue::AdviceVerb),
    ("themes", Cue::NotItems),
    ("key themes", Cue::NotItems),
    ("core components", Cue::NotItems),
    ("core elements", Cue::NotItems),
    ("key lines of enquiry", Cue::NotItems),
    ("lines of enquiry", Cue::NotItems),
    ("key lines", Cue::NotItems),
    ("scope", Cue::NotItems),
    ("purpose", Cue::NotItems),
    ("focus", Cue::NotItems),
    ("focused on", Cue::NotItems),
    ("areas of focus", Cue::NotItems),
    ("agenda", Cue::NotItems),
    ("contents", Cue::NotItems),
    ("documents", Cue::NotItems),
    ("background papers", Cue::NotItems),
    ("levels", Cue::NotItems),
    ("improvements required for", Cue::NotItems),
    ("commissioned to assess", Cue::NotItems),
    ("findings", Cue::Findings),
    ("key findings", Cue::Findings),
    ("key points", Cue::Findings),
    ("main points", Cue::Findings),
    ("points were", Cue::Findings),
    ("strengths", Cue::Findings),
    ("concerns", Cue::Findings),
    ("key messages", Cue::Findings),
    ("discussed the following", Cue::Findings),
    ("resolved", Cue::Resolutions),
    ("resolutions", Cue::Resolutions),
    ("decision", Cue::Resolutions),
    ("decisions", Cue::Resolutions),
    ("alternative options", Cue::Resolutions),
    ("options considered", Cue::Resolutions),
    ("recommended to cabinet", Cue::Resolutions),
    ("recommendations approved", Cue::Resolutions),
    ("that cabinet", Cue::Resolutions),
    ("that the committee", Cue::Resolutions),
    ("agenda item", Cue::CommitteeFurniture),
    ("minutes:", Cue::CommitteeFurniture),
    ("meeting:", Cue::CommitteeFurniture),
    ("decision details", Cue::CommitteeFurniture),
    ("decision maker", Cue::CommitteeFurniture),
    ("decision status", Cue::CommitteeFurniture),
    ("decision type", Cue::CommitteeFurniture),
    ("is key decision", Cue::CommitteeFurniture),
    ("non-key decision", Cue::CommitteeFurniture),
    ("issue - meetings", Cue::CommitteeFurniture),
    ("forward plan", Cue::CommitteeFurniture),
    ("call ins", Cue::CommitteeFurniture),
    ("call-in", Cue::CommitteeFurniture),
    ("portfolio holder", Cue::CommitteeFurniture),
    ("additional documents", Cue::CommitteeFurniture),
    ("wards affected", Cue::CommitteeFurniture),
    ("divisions affected", Cue::CommitteeFurniture),
    ("report author", Cue::CommitteeFurniture),
    ("report of the", Cue::CommitteeProse),
    ("report by the", Cue::CommitteeProse),
    ("briefing note", Cue::CommitteeProse),
    ("considered a report", Cue::CommitteeProse),
    ("considered the report", Cue::CommitteeProse),
    ("considered a briefing note", Cue::CommitteeProse),
    ("received a report", Cue::CommitteeProse),
    ("received the report", Cue::CommitteeProse),
    ("presented the report", Cue::CommitteeProse),
    ("presented a report", Cue::CommitteeProse),
    ("introduced a report", Cue::CommitteeProse),
    ("introduced the report", Cue::CommitteeProse),
    ("to consider a report", Cue::CommitteeProse),
    ("to receive the report", Cue::CommitteeProse),
    ("to receive a report", Cue::CommitteeProse),
    ("to report on", Cue::CommitteeProse),
    ("to advise the committee", Cue::CommitteeProse),
    ("report to outline", Cue::CommitteeProse),
    ("members discussed", Cue::CommitteeProse),
    ("commenced discussions", Cue::CommitteeProse),
    ("it was resolved", Cue::CommitteeProse),
    ("it was explained", Cue::CommitteeProse),
    ("it was noted", Cue::CommitteeProse),
    ("it was agreed", Cue::CommitteeProse),
    ("notice of motion", Cue::CommitteeProse),
    ("the committee considered", Cue::CommitteeProse),
    ("the board considered", Cue::CommitteeProse),
    ("the cabinet considered", Cue::CommitteeProse),
    ("the council received", Cue::CommitteeProse),
    ("action plan", Cue::ActionPlan),
    ("action plans", Cue::ActionPlan),
    ("what we have achieved", Cue::OwnProgress),
    ("what we are working on", Cue::OwnProgress),
    ("what we have done", Cue::OwnProgress),
    ("what we are doing", Cue::OwnProgress),
];

fn automaton() -> Option<&'static AhoCorasick> {
    static AUTOMATON: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    phrase_automaton(&AUTOMATON, MatchKind::LeftmostLongest, || {
        PHRASES.iter().map(|(p, _)| p)
    })
}

/// One cue found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// What it is evidence of.
    pub cue: Cue,
    /// Byte offset of the phrase.
    pub start: usize,
    /// Byte offset one past it.
    pub end: usize,
}

impl Found {
    /// The phrase as the text wrote it.
    pub fn words<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or_default()
    }
}

/// The phrases, in their order (for the shared scan, [`crate::cues`]).
pub(crate) fn phrases() -> impl Iterator<Item = &'static str> {
    PHRASES.iter().map(|&(p, _)| p)
}

/// Every cue in `text`, in order, at word boundaries.
pub fn scan(text: &str) -> Vec<Found> {
    let Some(ac) = automaton() else {
        return Vec::new();
    };
    let matches = ac
        .find_iter(text)
        .map(|m| (m.start(), m.end(), m.pattern().as_usize()));
    whole_words(text.as_bytes(), 0..text.len(), matches)
}

/// The cues among the leftmost-longest `matches` of phrases in `range` of
/// `bytes` (offsets into `bytes`) that stand as whole words, with offsets
/// from the start of `range`: the edges of `range` count as word
/// boundaries, as the edges of a text do.
fn whole_words(
    bytes: &[u8],
    range: Range<usize>,
    matches: impl IntoIterator<Item = (usize, usize, usize)>,
) -> Vec<Found> {
    let word = |i: usize| range.contains(&i) && bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    matches
        .into_iter()
        .filter(|&(start, end, _)| {
            let starts_word = start == range.start || !word(start - 1);
            starts_word && !word(end)
        })
        .filter_map(|(start, end, phrase)| {
            PHRASES.get(phrase).map(|&(_, cue)| Found {
                cue,
                start: start - range.start,
                end: end - range.start,
            })
        })
        .collect()
}

/// The cues of a text as a set with the first occurrence of each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cues {
    found: Vec<Found>,
}

impl Cues {
    /// Scans `text`.
    pub fn of(text: &str) -> Cues {
        Cues { found: scan(text) }
    }

    /// The cues of `range` of a block's text: what [`Cues::of`] gives for
    /// that stretch (offsets from its start), read from the block's scan
    /// ([`Block::cues`]) rather than scanning it again.
    pub(crate) fn of_block(b: &Block, range: Range<usize>) -> Cues {
        let Some(stretch) = b.text.get(range.clone()) else {
            return Cues::default();
        };
        if !b.cues().scanned() {
            return Cues::of(stretch);
        }
        let matches = b.cues().leftmost_longest(Set::Vocab, range.clone());
        Cues {
            found: whole_words(b.text.as_bytes(), range, matches),
        }
    }

    /// The cues of the opening of a text made of `blocks`: their texts
    /// joined by line breaks and cut at `limit` bytes (at a character
    /// boundary), each block's cut short where the limit falls inside it.
    /// What [`Cues::of`] gives for that opening, read from the blocks'
    /// scans: no phrase holds a line break, so none spans two blocks.
    pub(crate) fn of_opening(blocks: &[Block], limit: usize) -> Cues {
        let mut found = Vec::new();
        let mut len = 0;
        for b in blocks {
            if len >= limit {
                break;
            }
            let mut end = b.text.len().min(limit - len);
            while !b.text.is_char_boundary(end) {
                end -= 1;
            }
            found.extend(Cues::of_block(b, 0..end).found.into_iter().map(|f| Found {
                start: f.start + len,
                end: f.end + len,
                ..f
            }));
            len += end + 1;
        }
        Cues { found }
    }

    /// Whether any phrase of `cue` occurs.
    pub fn has(&self, cue: Cue) -> bool {
        self.found.iter().any(|f| f.cue == cue)
    }

    /// How many phrases of `cue` occur.
    pub fn count(&self, cue: Cue) -> usize {
        self.found.iter().filter(|f| f.cue == cue).count()
    }

    /// The first phrase of `cue`.
    pub fn first(&self, cue: Cue) -> Option<Found> {
        self.found.iter().copied().find(|f| f.cue == cue)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_any_case_longest_first() {
        let t = "The Peer Team RECOMMENDS that key recommendations be kept; recommendationsX no.";
        let cues: Vec<(Cue, &str)> = scan(t).iter().map(|f| (f.cue, f.words(t))).collect();
        assert_eq!(
            cues,
            vec![
                (Cue::Recommend, "RECOMMENDS"),
                (Cue::Recommend, "key recommendations"),
            ]
        );
    }

    #[test]
    fn committee_furniture() {
        let c =
            Cues::of("Agenda item\n\nMinutes:\nThe Cabinet considered a report of the Director");
        assert_eq!(c.count(Cue::CommitteeFurniture), 2);
        assert!(c.has(Cue::CommitteeProse));
    }
}
