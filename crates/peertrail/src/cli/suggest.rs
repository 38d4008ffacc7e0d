//! Finding what the user meant: councils given by id or by name, and close
//! matches to offer when an id is not in the corpus.

use std::fmt::Write as _;

use peertrail_core::{slugify, CouncilId, RecommendationId, ReviewId};
use peertrail_graph::{Graph, GraphError};

/// How many close matches an error offers; more is a list, not a hint.
const MAX_SUGGESTIONS: usize = 5;

/// The council `input` names: its id (`st-helens`) or any name a report
/// wrote for it (`St Helens Borough Council`). An unknown council is an
/// error that lists the closest known ones.
pub fn council(graph: &Graph, input: &str) -> anyhow::Result<CouncilId> {
    let raw = CouncilId::from_raw(input.trim());
    if graph.council(&raw).is_some() {
        return Ok(raw);
    }
    if let Ok(id) = CouncilId::from_name(input) {
        if graph.council(&id).is_some() {
            return Ok(id);
        }
    }
    let wanted = CouncilId::from_name(input).map_or_else(|_| slugify(input), |id| id.to_string());
    let mut message = GraphError::UnknownCouncil(input.trim().to_string()).to_string();
    message.push_str(&close_councils(graph, &wanted));
    Err(anyhow::Error::msg(message))
}

/// The error for a recommendation id that is not in the corpus, with the
/// recommendations the user most likely meant.
pub fn unknown_recommendation(graph: &Graph, input: &str) -> anyhow::Error {
    let input = input.trim();
    let mut message = GraphError::UnknownRecommendation(input.to_string()).to_string();
    let data = graph.dataset();
    let review = RecommendationId::from_raw(input).review();
    let council = review.council();

    if !input.contains('#') && graph.review(&ReviewId::from_raw(input)).is_some() {
        // A review id where a recommendation id was wanted.
        let ids: Vec<&RecommendationId> = data
            .recommendations
            .iter()
            .filter(|r| r.review.as_str() == input)
            .map(|r| &r.id)
            .collect();
        if ids.is_empty() {
            let _ = write!(message, "\n  `{input}` is a review with no recommendations");
        } else {
            let _ = write!(
                message,
                "\n  `{input}` is a review; give one of its recommendations:"
            );
            list(&mut message, &ids);
        }
        return anyhow::Error::msg(message);
    }

    if graph.council(&council).is_none() {
        let _ = write!(message, "\n  no council `{council}` in the corpus");
        message.push_str(&close_councils(graph, council.as_str()));
        return anyhow::Error::msg(message);
    }

    // Same council; rank by the longest shared beginning (the review part,
    // then the date), preferring the same number: `st-helens/2019-01-cpc#r3`
    // finds `st-helens/2019-01-15-cpc#r3` once the placeholder has merged.
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
    let ids: Vec<&RecommendationId> = ranked.into_iter().map(|(_, _, id)| id).collect();
    if ids.is_empty() {
        let _ = write!(message, "\n  council `{council}` has no recommendations");
    } else {
        let _ = write!(message, "\n  did you mean:");
        list(&mut message, &ids);
    }
    anyhow::Error::msg(message)
}

fn list<T: std::fmt::Display>(message: &mut String, items: &[T]) {
    for item in items.iter().take(MAX_SUGGESTIONS) {
        let _ = write!(message, "\n    {item}");
    }
    if items.len() > MAX_SUGGESTIONS {
        let _ = write!(
            message,
            "\n    … and {} more",
            items.len() - MAX_SUGGESTIONS
        );
    }
}

/// The known councils closest to `wanted` (a slug), as lines to append.
fn close_councils(graph: &Graph, wanted: &str) -> String {
    let councils = &graph.dataset().councils;
    if councils.is_empty() {
        return "\n  the corpus has no councils".to_string();
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
    let mut out = String::new();
    if ranked.is_empty() {
        let all: Vec<&CouncilId> = councils.iter().map(|c| &c.id).collect();
        let _ = write!(out, "\n  known councils:");
        list(&mut out, &all);
    } else {
        let close: Vec<&CouncilId> = ranked.into_iter().map(|(_, id)| id).collect();
        let _ = write!(out, "\n  did you mean:");
        list(&mut out, &close);
    }
    out
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

    fn graph() -> Graph {
        Graph::build(peertrail_testkit::synthetic_corpus(10, 7))
    }

    #[test]
    fn unknown_number_suggests_the_same_review_first() {
        let g = graph();
        let rec = &g.dataset().recommendations[0];
        let wanted = format!("{}#r99", rec.review);
        let message = unknown_recommendation(&g, &wanted).to_string();
        assert!(message.contains("did you mean"), "{message}");
        let first = message.lines().nth(2).unwrap_or_default().trim();
        assert!(first.starts_with(&format!("{}#r", rec.review)), "{message}");
    }

    #[test]
    fn the_same_number_wins_among_equal_prefixes() {
        let g = graph();
        let rec = &g.dataset().recommendations[0];
        // A month-precision form of a day-precision review id.
        let (council, rest) = rec.id.as_str().split_once('/').unwrap_or_default();
        let month = rest.get(..7).unwrap_or_default();
        let number = rec
            .id
            .as_str()
            .rsplit_once('#')
            .map(|(_, n)| n)
            .unwrap_or_default();
        let wanted = format!("{council}/{month}-cpc#{number}");
        let message = unknown_recommendation(&g, &wanted).to_string();
        let first = message.lines().nth(2).unwrap_or_default().trim();
        assert!(first.ends_with(&format!("#{number}")), "{message}");
    }

    #[test]
    fn a_review_id_lists_its_recommendations() {
        let g = graph();
        let review = g.dataset().recommendations[0].review.to_string();
        let message = unknown_recommendation(&g, &review).to_string();
        assert!(message.contains("is a review"), "{message}");
        assert!(message.contains(&format!("{review}#r1")), "{message}");
    }

    #[test]
    fn councils_by_id_by_name_and_by_typo() {
        let g = graph();
        let council = g.dataset().councils[0].clone();
        assert_eq!(
            council_or_message(&g, council.id.as_str()),
            Ok(council.id.clone())
        );
        assert_eq!(
            council_or_message(&g, &council.name),
            Ok(council.id.clone())
        );
        let typo = format!("{}z", council.id);
        let message = council_or_message(&g, &typo).unwrap_err();
        assert!(
            message.contains(&format!("no council `{typo}`")),
            "{message}"
        );
        assert!(
            message.contains(&format!("    {}", council.id)),
            "{message}"
        );
        let message = unknown_recommendation(&g, "nowhere/2019-01-cpc#r1").to_string();
        assert!(message.contains("no council `nowhere`"), "{message}");
    }

    fn council_or_message(g: &Graph, input: &str) -> Result<CouncilId, String> {
        council(g, input).map_err(|e| e.to_string())
    }

    #[test]
    fn common_prefix_in_chars() {
        assert_eq!(common_prefix("a/2019-01-cpc#r3", "a/2019-01-15-cpc#r3"), 10);
    }
}
