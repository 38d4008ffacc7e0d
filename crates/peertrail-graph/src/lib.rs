//! The recommendation graph: extractions in, a linked and resolved
//! [`Dataset`] out.
//!
//! Architecture invariant: petgraph is an implementation detail; no petgraph
//! type appears in a public signature. The graph speaks domain ids.

use peertrail_core::{Dataset, Extraction};

/// The linked corpus.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    data: Dataset,
}

impl Graph {
    /// Builds the graph from every document's extraction. The result does
    /// not depend on the order of `extractions`.
    pub fn build(extractions: Vec<Extraction>) -> Graph {
        let mut data = Dataset::default();
        for e in extractions {
            if !data.councils.iter().any(|c| c.id == e.council.id) {
                data.councils.push(e.council);
            }
            data.reviews.push(e.review);
            for p in e.placeholders {
                if !data.reviews.iter().any(|r| r.id == p.id) {
                    data.reviews.push(p);
                }
            }
            data.recommendations.extend(e.recommendations);
            data.actions.extend(e.actions);
            data.progress.extend(e.progress);
        }
        data.sort();
        Graph { data }
    }

    /// The resolved, sorted data set that exporters receive.
    pub fn dataset(&self) -> &Dataset {
        &self.data
    }
}
