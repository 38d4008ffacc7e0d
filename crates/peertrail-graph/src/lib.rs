//! The recommendation graph: extractions in, a linked and resolved
//! [`Dataset`] out, with borrowed handles and queries over it.
//!
//! Architecture invariant: petgraph is an implementation detail; no petgraph
//! type appears in a public signature. The graph speaks domain ids and hands
//! out small borrowed handles ([`RecommendationRef`], [`ReviewRef`], …) whose
//! iterators run in a documented order: time (a review's first day, undated
//! last), then id.
//!
//! Building runs these steps, each in its own module:
//! `placeholders` (canonical order, unique ids, placeholders merged into
//! real reviews, restated recommendations matched), `identity` (councils and
//! people), `link` (follows, references, responds, covered_by,
//! reports_progress, recurs, similar_theme), `rollup` (latest status,
//! silent). [`due`](Graph::due) and the [`query`] functions read the result.
//! Every threshold and confidence formula is a constant in [`thresholds`];
//! every rule is described in `docs/linking.md`.

#![warn(missing_docs)]

mod due;
mod handle;
mod identity;
mod index;
mod link;
mod lookup;
mod placeholders;
pub mod query;
mod rollup;
mod text;
pub mod theme;
pub mod thresholds;

use std::sync::OnceLock;

use peertrail_core::{Dataset, Extraction, Warning};

/// A hash map for look-ups only. Output order must never depend on hashing
/// (clippy.toml refuses `HashMap`), so a map of this type is never
/// iterated where its order could reach an output; it is used where a
/// look-up is made per id or per word and a B-tree's comparisons would
/// cost more than hashing, however large the corpus.
///
/// Hashed with foldhash, seeded afresh in every process as std's SipHash
/// is (so crafted keys cannot be aimed at it), at a fraction of SipHash's
/// cost per key.
#[allow(clippy::disallowed_types)]
pub(crate) type LookupMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// The set counterpart of [`LookupMap`], under the same rule.
#[allow(clippy::disallowed_types)]
pub(crate) type LookupSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// An empty [`LookupMap`] with room for `capacity` entries.
pub(crate) fn lookup_map<K, V>(capacity: usize) -> LookupMap<K, V> {
    LookupMap::with_capacity_and_hasher(capacity, Default::default())
}

/// An empty [`LookupSet`] with room for `capacity` keys.
pub(crate) fn lookup_set<K>(capacity: usize) -> LookupSet<K> {
    LookupSet::with_capacity_and_hasher(capacity, Default::default())
}

pub use due::{DueItem, DueRule, DueStatus};
pub use handle::{
    ActionRef, CouncilRef, Direction, Endpoint, LinkRef, PersonRef, RecommendationRef, ReviewRef,
};
pub use lookup::{CloseCouncils, GraphError, RecommendationMiss};
pub use thresholds::{
    INFERRED_FOLLOWS_CONFIDENCE, INFER_FOLLOWS_MONTHS, NUMBER_AND_TEXT_MATCH, RECURS_MAX_POSTINGS,
    RECURS_MIN, RESPONDS_NUMBER_CONFIDENCE, RESPONDS_NUMBER_INFERRED_CONFIDENCE, RESPONDS_TEXT_MIN,
    SIMILAR_THEME_MAX_POSTINGS, SIMILAR_THEME_MIN, SIMILAR_THEME_PER_REC, SUGGESTED_BELOW,
    TEXT_MATCH,
};

/// What [`Graph::build_with`] looks for besides what every corpus needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildOptions {
    /// Whether to find `similar_theme` links between councils'
    /// recommendations. There are many (at 10,000 generated reports about
    /// as many as every other kind together) and exports leave them out
    /// unless asked: a run that will show none need not find or hold them.
    /// Nothing else depends on them.
    pub similar_theme: bool,
}

impl Default for BuildOptions {
    /// Every kind of link.
    fn default() -> Self {
        BuildOptions {
            similar_theme: true,
        }
    }
}

/// The linked corpus.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    data: Dataset,
    warnings: Vec<Warning>,
    /// Built on first use, so that applying a person's decisions (which
    /// changes the data set right after it is built) does not build it
    /// twice: at 100,000 reports one build takes most of a second.
    index: OnceLock<index::Index>,
}

impl Graph {
    /// Builds the graph from every document's extraction, with every kind
    /// of link. The result does not depend on the order of `extractions`.
    pub fn build(extractions: Vec<Extraction>) -> Graph {
        Graph::build_with(extractions, BuildOptions::default())
    }

    /// [`Graph::build`], finding only the links `options` ask for.
    pub fn build_with(extractions: Vec<Extraction>, options: BuildOptions) -> Graph {
        let mut warnings = Vec::new();
        let extractions = placeholders::prepare(extractions, &mut warnings);
        let (docs, items, councils) = placeholders::split(extractions);
        let councils = identity::merge_councils(councils);
        let predecessors = identity::predecessors(&councils);
        let mut res = placeholders::resolve(docs, items, &predecessors, &mut warnings);
        // Merging people reads only the reviews' peers, which no linker
        // reads: the two run side by side, and the merged ids are written
        // once both are done.
        let trails = identity::trails(&councils);
        let linking = res.linking();
        let reviews = linking.reviews;
        let (found, links) = rayon::join(
            || identity::find_people(reviews),
            || link::all(linking, &trails, options.similar_theme),
        );
        let people = found.apply(&mut res.reviews, &mut warnings);
        rollup::roll_up(
            &mut res.recommendations,
            &res.progress,
            &[],
            &res.reviews,
            &links,
        );

        let mut data = Dataset {
            councils,
            reviews: res.reviews,
            recommendations: res.recommendations,
            actions: res.actions,
            progress: res.progress,
            review_progress: res.review_progress,
            people,
            links,
            ..Dataset::default()
        };
        data.sort();
        warnings.sort();
        warnings.dedup();
        Graph {
            data,
            warnings,
            index: OnceLock::new(),
        }
    }

    /// The index over the data set, built the first time a query needs it.
    fn index(&self) -> &index::Index {
        self.index.get_or_init(|| index::Index::new(&self.data))
    }

    /// Frees the query index (built on first use by handles, queries and
    /// [`Graph::due`]); the next query builds it again. For a caller done
    /// querying that goes on to export: at 11,250 reports the index holds
    /// about 13 MB that exporters never read.
    pub fn release_index(&mut self) {
        self.index = OnceLock::new();
    }

    /// The resolved, sorted data set that exporters receive.
    pub fn dataset(&self) -> &Dataset {
        &self.data
    }

    /// Changes the resolved data set in place (a person's decisions: links
    /// confirmed, rejected or added, corrections, status updates), then
    /// rolls the latest status and silence up again over the result, sorts
    /// it and re-indexes, so every query and export sees the change.
    /// Returns what `edit` returns.
    pub fn edit<R>(&mut self, edit: impl FnOnce(&mut Dataset) -> R) -> R {
        let out = edit(&mut self.data);
        let data = &mut self.data;
        rollup::roll_up(
            &mut data.recommendations,
            &data.progress,
            &data.updates,
            &data.reviews,
            &data.links,
        );
        data.sort();
        self.index = OnceLock::new();
        out
    }

    /// Data problems met while building (duplicate ids, statuses for
    /// recommendations that do not exist, …), sorted.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }
}
