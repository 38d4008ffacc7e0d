//! Finding what a person meant: councils given by id or by name, and the
//! close matches to offer when an id is not in the corpus, carried as data
//! in [`GraphError`] (its `Display` writes them out for a terminal).

use std::fmt;

use peertrail_core::{slugify, CouncilId, RecommendationId, ReviewId};

use crate::Graph;

/// How many close matches an error writes out; more is a list, not a hint.
const MAX_SUGGESTIONS: usize = 5;

/// A look-up given an id or name the corpus does not hold, with what the
/// person most likely meant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GraphError {
    /// No council has this id or name.
    #[error("no council `{input}` in the corpus{}", close.lines())]
    UnknownCouncil {
        /// What was asked for.
        input: String,
        /// The closest councils, or every council when none is close.
        close: CloseCouncils,
    },
    /// No recommendation has this id.
    #[error("no recommendation `{input}` in the corpus{miss}")]
    UnknownRecommendation {
        /// What was asked for.
        input: String,
        /// Why, and what to offer instead.
        miss: RecommendationMiss,
    },
}

/// The councils to offer for an unknown one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CloseCouncils {
    /// The corpus has no councils at all.
    NoneInCorpus,
    /// Councils close to what was asked for, best first.
    Close(Vec<CouncilId>),
    /// Nothing is close: every council, by id.
    All(Vec<CouncilId>),
}

impl CloseCouncils {
    fn lines(&self) -> String {
        match self {
            CloseCouncils::NoneInCorpus => "\n  the corpus has no councils".to_string(),
            CloseCouncils::Close(ids) => format!("\n  did you mean:{}", list(ids)),
            CloseCouncils::All(ids) => format!("\n  known councils:{}", list(ids)),
        }
    }
}

/// Why a recommendation id was not found, and what to offer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecommendationMiss {
    /// The id is a review's, and the review has these recommendations.
    Review(ReviewId, Vec<RecommendationId>),
    /// The id names a council the corpus does not hold.
    Council(CouncilId, CloseCouncils),
    /// The council holds these recommendations, closest first.
    Close(CouncilId, Vec<RecommendationId>),
}

impl fmt::Display for RecommendationMiss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecommendationMiss::Review(review, ids) if ids.is_empty() => {
                write!(f, "\n  `{review}` is a review with no recommendations")
            }
            RecommendationMiss::Review(review, ids) => write!(
                f,
                "\n  `{review}` is a review; give one of its recommendations:{}",
                list(ids)
            ),
            RecommendationMiss::Council(council, close) => {
                write!(
                    f,
                    "\n  no council `{council}` in the corpus{}",
                    close.lines()
                )
            }
            RecommendationMiss::Close(council, ids) if ids.is_empty() => {
                write!(f, "\n  council `{council}` has no recommendations")
            }
            RecommendationMiss::Close(_, ids) => write!(f, "\n  did you mean:{}", list(ids)),
        }
    }
}

fn list<T: fmt::Display>(items: &[T]) -> String {
    let mut out = String::new();
    for item in items.iter().take(MAX_SUGGESTIONS) {
        out.push_str(&format!("\n    {item}"));
    }
    if items.len() > MAX_SUGGESTIONS {
        out.push_str(&format!(
            "\n    … and {} more",
            items.len() - MAX_SUGGESTIONS
        ));
    }
    out
}

impl Graph {
    /// The council `input` names: its id (`st-helens`) or any name a report
    /// wrote for it (`St Helens Borough Council`). An unknown council is an
    /// error carrying the closest known ones.
    pub fn find_council(&self, input: &str) -> Result<CouncilId, GraphError> {
        let raw = CouncilId::from_raw(input.trim());
        if self.council(&raw).is_some() {
            return Ok(raw);
        }
        if let Ok(id) = CouncilId::from_name(input) {
            if self.council(&id).is_some() {
                return Ok(id);
            }
        }
        let wanted =
            CouncilId::from_name(input).map_or_else(|_| slugify(input), |id| id.to_string());
        Err(GraphError::UnknownCouncil {
            input: input.trim().to_string(),
            close: self.close_councils(&wanted),
        })
    }

    /// The recommendation `input` names, or an error carrying the ones the
    /// person most likely meant: a review's recommendations for a review id;
    /// else those of the same council, the longest shared beginning first
    /// (the review part, then the date) and the same number preferred, so
    /// `st-helens/2019-01-cpc#r3` finds `st-helens/2019-01-15-cpc#r3` once
    /// the placeholder has merged.
    pub fn find_recommendation(&self, input: &str) -> Result<RecommendationId, GraphError> {
        let input = input.trim();
        let id = RecommendationId::from_raw(input);
        if self.recommendation(&id).is_some() {
            return Ok(id);
        }
        let data = self.dataset();
        let miss = |miss| GraphError::UnknownRecommendation {
            input: input.to_string(),
            miss,
        };
        if !input.contains('#') && self.review(&ReviewId::from_raw(input)).is_some() {
            let ids: Vec<RecommendationId> = data
                .recommendations
                .iter()
                .filter(|r| r.review.as_str() == input)
                .map(|r| r.id.clone())
                .collect();
            return Err(miss(RecommendationMiss::Review(
                ReviewId::from_raw(input),
                ids,
            )));
        }
        let council = id.review().council();
        if self.council(&council).is_none() {
            let close = self.close_councils(council.as_str());
            return Err(miss(RecommendationMiss::Council(council, close)));
        }
        let number = input.rsplit_once('#').map(|(_, n)| n);
        let prefix = format!("{council}/");
        let mut ranked: Vec<(usize, bool, &RecommendationId)> = data
            .recommendations
            .iter()
            .filter(|r| r.id.as_str().starts_with(&prefix))
            .map(|r| {
                let shared = common_prefix(r.id.as_str(), input);
                let same_number =
                    number.is_some() && r.id.as_str().rsplit_once('#').map(|(_, n)| n) == number;
                (shared, same_number, &r.id)
            })
            .collect();
        ranked.sort_by(|a, b| (b.0, b.1).cmp(&(a.0, a.1)).then_with(|| a.2.cmp(b.2)));
        let ids = ranked.into_iter().map(|(_, _, id)| id.clone()).collect();
        Err(miss(RecommendationMiss::Close(council, ids)))
    }

    /// The known councils closest to `wanted` (a slug): sharing a word of
    /// three letters or more, within two edits, or containing one another.
    fn close_councils(&self, wanted: &str) -> CloseCouncils {
        let councils = &self.dataset().councils;
        if councils.is_empty() {
            return CloseCouncils::NoneInCorpus;
        }
        let words: Vec<&str> = wanted.split('-').filter(|w| w.len() >= 3).collect();
        let mut ranked: Vec<(usize, &CouncilId)> = councils
            .iter()
            .filter_map(|c| {
                let id = c.id.as_str();
                let shared = id.split('-').filter(|w| words.contains(w)).count();
                let typo = edit_distance(id, wanted) <= 2;
                let contains = !wanted.is_empty() && (id.contains(wanted) || wanted.contains(id));
                (shared > 0 || typo || contains).then_some((shared + usize::from(typo), &c.id))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        if ranked.is_empty() {
            CloseCouncils::All(councils.iter().map(|c| c.id.clone()).collect())
        } else {
            CloseCouncils::Close(ranked.into_iter().map(|(_, id)| id.clone()).collect())
        }
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Levenshtein distance; council ids are short and few, so the simple
/// two-row version is enough.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_changes() {
        assert_eq!(edit_distance("marshfield", "marshfield"), 0);
        assert_eq!(edit_distance("marshfield", "marshfeild"), 2);
        assert_eq!(edit_distance("corrington", "corington"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn common_prefix_in_chars() {
        assert_eq!(common_prefix("a/2019-01-cpc#r3", "a/2019-01-15-cpc#r3"), 10);
    }
}
