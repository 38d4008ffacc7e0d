//! Borrowed handles into the graph, looked up by domain id.
//!
//! Every iterator runs in a documented order, "time, then id": reviews by
//! their first day (undated ones last), then by id; a recommendation's
//! links by the time of the item at the other end, then link kind, then id.
//!
//! [`ReviewRef`] is a handle to a review node; it is not
//! `peertrail_core::ReviewRef` (a mention of a review inside a document).

use chrono::NaiveDate;
use peertrail_core::{
    Action, ActionId, Council, CouncilId, Link, LinkKind, Membership, Person, PersonId, Progress,
    Recommendation, RecommendationId, Review, ReviewId,
};

use crate::index::{Edge, Node, NodeIx, Way};
use crate::Graph;

/// Which way to follow links from a handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Direction {
    /// Links whose `from` is this item (this item is the later one).
    Outgoing,
    /// Links whose `to` is this item (a later item points at it).
    Incoming,
}

/// A time-then-id key: dated before undated.
pub(crate) type TimeKey = (bool, Option<NaiveDate>);

fn time_key(date: Option<NaiveDate>) -> TimeKey {
    (date.is_none(), date)
}

impl Graph {
    fn review_at(&self, i: usize) -> Option<ReviewRef<'_>> {
        self.data.reviews.get(i).map(|data| ReviewRef {
            graph: self,
            ix: i,
            data,
        })
    }

    fn rec_at(&self, i: usize) -> Option<RecommendationRef<'_>> {
        self.data
            .recommendations
            .get(i)
            .map(|data| RecommendationRef {
                graph: self,
                ix: i,
                data,
            })
    }

    fn action_at(&self, i: usize) -> Option<ActionRef<'_>> {
        self.data.actions.get(i).map(|data| ActionRef {
            graph: self,
            ix: i,
            data,
        })
    }

    /// The council with this id.
    pub fn council(&self, id: &CouncilId) -> Option<CouncilRef<'_>> {
        let i = self.data.councils.binary_search_by(|c| c.id.cmp(id)).ok()?;
        self.data.councils.get(i).map(|data| CouncilRef {
            graph: self,
            ix: i,
            data,
        })
    }

    /// The review (or placeholder) with this id.
    pub fn review(&self, id: &ReviewId) -> Option<ReviewRef<'_>> {
        self.review_at(self.data.reviews.binary_search_by(|r| r.id.cmp(id)).ok()?)
    }

    /// The recommendation with this id.
    pub fn recommendation(&self, id: &RecommendationId) -> Option<RecommendationRef<'_>> {
        self.rec_at(
            self.data
                .recommendations
                .binary_search_by(|r| r.id.cmp(id))
                .ok()?,
        )
    }

    /// The action with this id.
    pub fn action(&self, id: &ActionId) -> Option<ActionRef<'_>> {
        self.action_at(self.data.actions.binary_search_by(|a| a.id.cmp(id)).ok()?)
    }

    /// The person with this id.
    pub fn person(&self, id: &PersonId) -> Option<PersonRef<'_>> {
        let i = self.data.people.binary_search_by(|p| p.id.cmp(id)).ok()?;
        self.data.people.get(i).map(|data| PersonRef {
            graph: self,
            ix: i,
            data,
        })
    }

    /// Every council, by id.
    pub fn councils(&self) -> impl Iterator<Item = CouncilRef<'_>> {
        self.data
            .councils
            .iter()
            .enumerate()
            .map(move |(ix, data)| CouncilRef {
                graph: self,
                ix,
                data,
            })
    }

    /// Every person, by id.
    pub fn people_iter(&self) -> impl Iterator<Item = PersonRef<'_>> {
        self.data
            .people
            .iter()
            .enumerate()
            .map(move |(ix, data)| PersonRef {
                graph: self,
                ix,
                data,
            })
    }

    /// Every review, in time order, then id.
    pub fn reviews_in_time_order(&self) -> Vec<ReviewRef<'_>> {
        let mut v: Vec<ReviewRef<'_>> = (0..self.data.reviews.len())
            .filter_map(|i| self.review_at(i))
            .collect();
        v.sort_by(|a, b| (a.time(), &a.data.id).cmp(&(b.time(), &b.data.id)));
        v
    }

    pub(crate) fn endpoint(&self, n: NodeIx) -> Option<Endpoint<'_>> {
        match self.index().node(n)? {
            Node::Review(i) => self.review_at(i).map(Endpoint::Review),
            Node::Recommendation(i) => self.rec_at(i).map(Endpoint::Recommendation),
            Node::Action(i) => self.action_at(i).map(Endpoint::Action),
            Node::Council(_) | Node::Person(_) => None,
        }
    }

    fn links_at(&self, n: Option<NodeIx>, dir: Direction) -> Vec<LinkRef<'_>> {
        let Some(n) = n else { return Vec::new() };
        let way = match dir {
            Direction::Outgoing => Way::Out,
            Direction::Incoming => Way::In,
        };
        let mut out: Vec<(TimeKey, LinkRef<'_>)> = self
            .index()
            .edges(n, way)
            .filter_map(|(e, other)| match e {
                Edge::Link(i) => {
                    let data = self.data.links.get(i)?;
                    let time = self.endpoint(other).map_or((true, None), |ep| ep.time());
                    Some((time, LinkRef { graph: self, data }))
                }
                _ => None,
            })
            .collect();
        out.sort_by(|(ta, a), (tb, b)| {
            (ta, a.data.kind, &a.data.from, &a.data.to).cmp(&(
                tb,
                b.data.kind,
                &b.data.from,
                &b.data.to,
            ))
        });
        out.into_iter().map(|(_, l)| l).collect()
    }
}

/// A council.
#[derive(Debug, Clone, Copy)]
pub struct CouncilRef<'g> {
    graph: &'g Graph,
    ix: usize,
    data: &'g Council,
}

impl<'g> CouncilRef<'g> {
    /// Its id.
    pub fn id(&self) -> &'g CouncilId {
        &self.data.id
    }

    /// Its data.
    pub fn data(&self) -> &'g Council {
        self.data
    }

    /// Its reviews and documents (placeholders included), time then id.
    pub fn reviews(&self) -> Vec<ReviewRef<'g>> {
        let graph = self.graph;
        let mut v: Vec<ReviewRef<'g>> = graph
            .index()
            .councils
            .get(self.ix)
            .map(|&n| {
                graph
                    .index()
                    .edges(n, Way::In)
                    .filter_map(|(e, other)| match (e, graph.index().node(other)) {
                        (Edge::Council, Some(Node::Review(i))) => graph.review_at(i),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        v.sort_by(|a, b| (a.time(), &a.data.id).cmp(&(b.time(), &b.data.id)));
        v
    }
}

/// A review, document or placeholder.
#[derive(Debug, Clone, Copy)]
pub struct ReviewRef<'g> {
    graph: &'g Graph,
    ix: usize,
    data: &'g Review,
}

impl<'g> ReviewRef<'g> {
    /// Its id.
    pub fn id(&self) -> &'g ReviewId {
        &self.data.id
    }

    /// Its data.
    pub fn data(&self) -> &'g Review {
        self.data
    }

    /// Its first day, where known.
    pub fn date(&self) -> Option<NaiveDate> {
        self.graph
            .index()
            .review_dates
            .get(self.ix)
            .copied()
            .flatten()
    }

    pub(crate) fn time(&self) -> TimeKey {
        time_key(self.date())
    }

    /// The council reviewed.
    pub fn council(&self) -> Option<CouncilRef<'g>> {
        self.graph.council(&self.data.council)
    }

    fn node(&self) -> Option<NodeIx> {
        self.graph.index().reviews.get(self.ix).copied()
    }

    fn incoming(&self, want: Edge) -> Vec<usize> {
        let Some(n) = self.node() else {
            return Vec::new();
        };
        self.graph
            .index()
            .edges(n, Way::In)
            .filter(|(e, _)| std::mem::discriminant(e) == std::mem::discriminant(&want))
            .filter_map(|(_, other)| match self.graph.index().node(other) {
                Some(Node::Recommendation(i) | Node::Action(i)) => Some(i),
                _ => None,
            })
            .collect()
    }

    /// Its recommendations, by number then id.
    pub fn recommendations(&self) -> Vec<RecommendationRef<'g>> {
        let mut v: Vec<RecommendationRef<'g>> = self
            .incoming(Edge::Review)
            .into_iter()
            .filter_map(|i| self.graph.rec_at(i))
            .collect();
        v.sort_by(|a, b| (a.data.number, &a.data.id).cmp(&(b.data.number, &b.data.id)));
        v
    }

    /// Its actions (for an action plan), by number then id.
    pub fn actions(&self) -> Vec<ActionRef<'g>> {
        let mut v: Vec<ActionRef<'g>> = self
            .incoming(Edge::Plan)
            .into_iter()
            .filter_map(|i| self.graph.action_at(i))
            .collect();
        v.sort_by(|a, b| (a.data.number, &a.data.id).cmp(&(b.data.number, &b.data.id)));
        v
    }

    /// Its peer team, in the order the document listed them, each with the
    /// merged person.
    pub fn peers(&self) -> Vec<(Option<PersonRef<'g>>, &'g Membership)> {
        self.data
            .peers
            .iter()
            .map(|m| (self.graph.person(&m.person), m))
            .collect()
    }

    /// Its links in direction `dir`, in time order of the other end.
    pub fn links(&self, dir: Direction) -> Vec<LinkRef<'g>> {
        self.graph.links_at(self.node(), dir)
    }
}

/// A recommendation.
#[derive(Debug, Clone, Copy)]
pub struct RecommendationRef<'g> {
    graph: &'g Graph,
    ix: usize,
    data: &'g Recommendation,
}

impl<'g> RecommendationRef<'g> {
    /// Its id.
    pub fn id(&self) -> &'g RecommendationId {
        &self.data.id
    }

    /// Its data.
    pub fn data(&self) -> &'g Recommendation {
        self.data
    }

    /// The review that made it.
    pub fn review(&self) -> Option<ReviewRef<'g>> {
        self.graph.review(&self.data.review)
    }

    pub(crate) fn time(&self) -> TimeKey {
        self.review().map_or((true, None), |r| r.time())
    }

    /// Its links in direction `dir`, in time order of the other end.
    pub fn links(&self, dir: Direction) -> Vec<LinkRef<'g>> {
        self.graph.links_at(
            self.graph.index().recommendations.get(self.ix).copied(),
            dir,
        )
    }

    /// The statuses reported on it, in the `Dataset` order (reporting review id).
    pub fn progress(&self) -> &'g [Progress] {
        let list = &self.graph.data.progress;
        let lo = list.partition_point(|p| p.recommendation < self.data.id);
        let hi = list.partition_point(|p| p.recommendation <= self.data.id);
        list.get(lo..hi).unwrap_or_default()
    }
}

/// An action of an action plan.
#[derive(Debug, Clone, Copy)]
pub struct ActionRef<'g> {
    graph: &'g Graph,
    ix: usize,
    data: &'g Action,
}

impl<'g> ActionRef<'g> {
    /// Its id.
    pub fn id(&self) -> &'g ActionId {
        &self.data.id
    }

    /// Its data.
    pub fn data(&self) -> &'g Action {
        self.data
    }

    /// The plan it belongs to.
    pub fn plan(&self) -> Option<ReviewRef<'g>> {
        self.graph.review(&self.data.review)
    }

    /// The recommendation it answers, once known.
    pub fn recommendation(&self) -> Option<RecommendationRef<'g>> {
        self.graph
            .recommendation(self.data.recommendation.as_ref()?)
    }

    /// Its links in direction `dir` (`responds`, `covered_by`), in time
    /// order of the other end.
    pub fn links(&self, dir: Direction) -> Vec<LinkRef<'g>> {
        self.graph
            .links_at(self.graph.index().actions.get(self.ix).copied(), dir)
    }

    pub(crate) fn time(&self) -> TimeKey {
        self.plan().map_or((true, None), |r| r.time())
    }
}

/// A person who served on peer teams.
#[derive(Debug, Clone, Copy)]
pub struct PersonRef<'g> {
    graph: &'g Graph,
    ix: usize,
    data: &'g Person,
}

impl<'g> PersonRef<'g> {
    /// Their id.
    pub fn id(&self) -> &'g PersonId {
        &self.data.id
    }

    /// Their data.
    pub fn data(&self) -> &'g Person {
        self.data
    }

    /// Every review they served on with their membership there, time then id.
    pub fn memberships(&self) -> Vec<(ReviewRef<'g>, &'g Membership)> {
        let graph = self.graph;
        let Some(&n) = graph.index().people.get(self.ix) else {
            return Vec::new();
        };
        let mut v: Vec<(ReviewRef<'g>, &'g Membership)> = graph
            .index()
            .edges(n, Way::Out)
            .filter_map(|(e, _)| match e {
                Edge::Membership { review, slot } => {
                    let r = graph.review_at(review)?;
                    Some((r, r.data.peers.get(slot)?))
                }
                _ => None,
            })
            .collect();
        v.sort_by(|(a, ma), (b, mb)| {
            (a.time(), &a.data.id, ma.span).cmp(&(b.time(), &b.data.id, mb.span))
        });
        v
    }
}

/// Either end of a link.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Endpoint<'g> {
    /// A review or document.
    Review(ReviewRef<'g>),
    /// A recommendation.
    Recommendation(RecommendationRef<'g>),
    /// An action.
    Action(ActionRef<'g>),
}

impl<'g> Endpoint<'g> {
    /// The id as the link writes it.
    pub fn id(&self) -> &'g str {
        match self {
            Endpoint::Review(r) => r.id().as_str(),
            Endpoint::Recommendation(r) => r.id().as_str(),
            Endpoint::Action(a) => a.id().as_str(),
        }
    }

    /// The review this end belongs to (itself, its review, its plan).
    pub fn review(&self) -> Option<ReviewRef<'g>> {
        match self {
            Endpoint::Review(r) => Some(*r),
            Endpoint::Recommendation(r) => r.review(),
            Endpoint::Action(a) => a.plan(),
        }
    }

    pub(crate) fn time(&self) -> TimeKey {
        match self {
            Endpoint::Review(r) => r.time(),
            Endpoint::Recommendation(r) => r.time(),
            Endpoint::Action(a) => a.time(),
        }
    }
}

/// A link, with both ends resolved.
#[derive(Debug, Clone, Copy)]
pub struct LinkRef<'g> {
    graph: &'g Graph,
    data: &'g Link,
}

impl<'g> LinkRef<'g> {
    /// Its data.
    pub fn data(&self) -> &'g Link {
        self.data
    }

    /// Its kind.
    pub fn kind(&self) -> LinkKind {
        self.data.kind
    }

    /// The later or dependent end.
    pub fn from(&self) -> Option<Endpoint<'g>> {
        self.graph
            .endpoint(self.graph.index().resolve(self.data.from.as_str())?)
    }

    /// The earlier or referenced end.
    pub fn to(&self) -> Option<Endpoint<'g>> {
        self.graph
            .endpoint(self.graph.index().resolve(self.data.to.as_str())?)
    }
}
