//! Finding what the user meant: the graph's look-ups (`Graph::find_council`,
//! `Graph::find_recommendation`), whose errors carry the close matches,
//! as the CLI's errors.

use peertrail_core::CouncilId;
use peertrail_graph::Graph;

/// The council `input` names (by id or by name); an unknown one is an
/// error that lists the closest known ones (see `Graph::find_council`).
pub fn council(graph: &Graph, input: &str) -> anyhow::Result<CouncilId> {
    Ok(graph.find_council(input)?)
}

/// The error for a recommendation id that is not in the corpus, with the
/// recommendations the user most likely meant (see
/// `Graph::find_recommendation`).
pub fn unknown_recommendation(graph: &Graph, input: &str) -> anyhow::Error {
    match graph.find_recommendation(input) {
        Err(e) => e.into(),
        Ok(id) => anyhow::anyhow!("recommendation `{id}` has no trace"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
