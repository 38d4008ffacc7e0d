//! Every threshold and confidence formula linking uses, in one place, so
//! that docs/linking.md can name them and a change to one is one diff.
//!
//! A stated fact (a stated status, a stated follows, an action the plan
//! sets against a recommendation, equal texts) is certain: confidence 1.0,
//! written where the link is made.

/// A confidence that grows with a rule's score: `base + slope × score`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Linear {
    /// The confidence at a score of 0.
    pub base: f64,
    /// How much each unit of score adds.
    pub slope: f64,
}

impl Linear {
    /// The confidence at `score`.
    pub fn at(self, score: f64) -> f64 {
        self.base + self.slope * score
    }
}

// --- Text overlap (`text::overlap`) ---

/// The fewest words the smaller of two word sets needs for containment to
/// count: below that, a short phrase would "contain" itself in anything.
pub const MIN_CONTAINED: usize = 4;
/// Containment is weighted by this, so a restatement quoting part of a
/// recommendation matches it a little below a full match.
pub const CONTAINMENT_WEIGHT: f64 = 0.9;

// --- Restatements (`placeholders`) ---

/// Restated text that overlaps a candidate at least this much is the same
/// recommendation.
pub const TEXT_MATCH: f64 = 0.5;
/// Confidence of a `text_match`: an overlap of 0.75 or more lands at 0.9
/// or above.
pub const TEXT_MATCH_CONFIDENCE: Linear = Linear {
    base: 0.6,
    slope: 0.4,
};
/// When the restatement prints the same number as the candidate, this much
/// overlap is enough.
pub const NUMBER_AND_TEXT_MATCH: f64 = 0.2;
/// Confidence of a `number_and_text` match.
pub const NUMBER_AND_TEXT_CONFIDENCE: Linear = Linear {
    base: 0.5,
    slope: 0.4,
};
/// Restated text overlapping a real review's recommendation this much, and
/// no other as much, is a suggested match (a person confirms it).
pub const WEAK_MATCH: f64 = 0.25;
/// Confidence of a `weak_text_match`: under [`SUGGESTED_BELOW`] for every
/// overlap that is not already a text match, so always suggested.
pub const WEAK_MATCH_CONFIDENCE: Linear = Linear {
    base: 0.35,
    slope: 0.5,
};
/// A restatement of at most this many content words is a topic ("Vision",
/// "Performance management"), matched by the words it names.
pub const TOPIC_MAX_WORDS: usize = 3;
/// A topic whose words all stand in a candidate scores this; half of them,
/// half as much. The score is the confidence.
pub const TOPIC_MATCH: f64 = 0.8;
/// Added to [`TOPIC_MATCH`] when the topic's words all stand in the
/// candidate's title: a title is what a topic list names.
pub const TOPIC_TITLE_BONUS: f64 = 0.05;
/// Between a restatement's best candidate and the runner-up, at least this
/// margin makes the best a clear choice; closer calls wait until the clear
/// ones are taken, and are left unmatched if still tied.
pub const CLEAR_MARGIN: f64 = 0.05;
/// Where a document restates as many recommendations as the review made,
/// in the same order, the one in the same position gains this much (in
/// rank only; the evidence keeps the text's score).
pub const SAME_POSITION_BONUS: f64 = 0.05;
/// Rounds of clear choices the one-to-one assignment makes: bounded, so
/// the work stays linear in the pairs whatever the input.
pub const MAX_ROUNDS: usize = 8;
/// A word shared by more candidates of one review than this finds none: it
/// is too common to tell them apart, and skipping it keeps a hostile pool
/// of a million restatements from being compared pair by pair.
pub const POOL_MAX_POSTINGS: usize = 256;
/// Confidence of an `unmatched_restatement`: kept as an extra
/// recommendation of a real review, which a person should confirm.
pub const UNMATCHED_RESTATEMENT_CONFIDENCE: f64 = 0.6;

// --- Follows and responds (`link`) ---

/// A review of kind action plan, progress review or follow-up visit that
/// does not say which review it follows is taken to follow the council's
/// latest earlier CPC held at most this many months before it.
pub const INFER_FOLLOWS_MONTHS: u32 = 36;
/// Confidence of an inferred `follows`.
pub const INFERRED_FOLLOWS_CONFIDENCE: f64 = 0.7;
/// Confidence of `responds` by number under a stated `follows`.
pub const RESPONDS_NUMBER_CONFIDENCE: f64 = 0.9;
/// Confidence of `responds` by number under an inferred `follows`.
pub const RESPONDS_NUMBER_INFERRED_CONFIDENCE: f64 = 0.75;
/// Least token overlap for `responds` by text.
pub const RESPONDS_TEXT_MIN: f64 = 0.3;
/// Confidence of `responds` by text, from the overlap.
pub const RESPONDS_TEXT_CONFIDENCE: Linear = Linear {
    base: 0.4,
    slope: 0.5,
};

// --- Recurrences and themes (`link`) ---

/// Least TF-IDF cosine for `recurs` (whose confidence is the cosine).
pub const RECURS_MIN: f64 = 0.5;
/// A term found in more of a council's earlier recommendations than this is
/// too common to find `recurs` candidates with: a word in four dozen of one
/// council's recommendations says nothing about which of them a new one
/// repeats. It keeps the work per recommendation bounded however many
/// documents a council has (`cargo xtask bench` times one council with 10
/// and with 100 documents).
pub const RECURS_MAX_POSTINGS: usize = 48;
/// Least TF-IDF cosine for `similar_theme`.
pub const SIMILAR_THEME_MIN: f64 = 0.3;
/// Confidence of `similar_theme`, from the cosine.
pub const SIMILAR_THEME_CONFIDENCE: Linear = Linear {
    base: 0.5,
    slope: 0.5,
};
/// At most this many `similar_theme` links start from one recommendation.
pub const SIMILAR_THEME_PER_REC: usize = 3;
/// A term found in more recommendations of one theme than this is too
/// common to find candidates with.
pub const SIMILAR_THEME_MAX_POSTINGS: usize = 64;
/// Candidates per recommendation scored exactly for `similar_theme`.
pub const SIMILAR_THEME_CANDIDATES: usize = 8;

// --- Suggested links ---

/// Links of the kinds a rule infers (restates, responds, reports_progress,
/// recurs, similar_theme, follows) under this confidence are `suggested`:
/// offered for a person to confirm, not asserted. It is where the trails
/// corpus shows matches stop being nearly always right (see
/// docs/linking.md).
pub const SUGGESTED_BELOW: f64 = 0.75;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_matches_are_always_suggested() {
        // The best weak match is just under a text match.
        assert!(WEAK_MATCH_CONFIDENCE.at(TEXT_MATCH) < SUGGESTED_BELOW);
        assert!(TEXT_MATCH_CONFIDENCE.at(0.75) >= 0.9 - 1e-9);
    }
}
