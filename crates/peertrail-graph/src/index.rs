//! The petgraph graph behind the handles: one node per council, review,
//! recommendation, action and person, one edge per containment, membership
//! and link. Node weights are positions in the sorted [`Dataset`] lists,
//! so the graph never copies domain data.

use chrono::NaiveDate;
use peertrail_core::Dataset;
use petgraph::stable_graph::{NodeIndex, StableGraph};
use petgraph::visit::EdgeRef;
use rayon::prelude::*;

use crate::LookupMap;

/// A node of the graph (private: handles wrap it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct NodeIx(NodeIndex<u32>);

/// What a node stands for: a position in the matching `Dataset` list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Node {
    Council(usize),
    Review(usize),
    Recommendation(usize),
    Action(usize),
    Person(usize),
}

/// What an edge stands for. Edges point from the dependent item to what
/// it depends on: review → council, recommendation → review, action → its
/// plan, person → review, link `from` → `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edge {
    Council,
    Review,
    Plan,
    /// `Dataset.reviews[review].peers[slot]`.
    Membership {
        review: usize,
        slot: usize,
    },
    /// `Dataset.links[_]`.
    Link(usize),
}

/// Which way to follow edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Way {
    Out,
    In,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    /// Every review, recommendation and action id with its node.
    /// Keys share the ids' text with the data set.
    by_id: LookupMap<std::sync::Arc<str>, NodeIx>,
    graph: StableGraph<Node, Edge, petgraph::Directed, u32>,
    pub(crate) councils: Vec<NodeIx>,
    pub(crate) reviews: Vec<NodeIx>,
    pub(crate) recommendations: Vec<NodeIx>,
    pub(crate) actions: Vec<NodeIx>,
    pub(crate) people: Vec<NodeIx>,
    /// First day of each review (same order as `Dataset.reviews`).
    pub(crate) review_dates: Vec<Option<NaiveDate>>,
}

/// What a review's edges lead to: its councils (positions in
/// `Dataset.councils`) and its peers as (slot in `Review.peers`, position
/// in `Dataset.people`).
type ReviewEnds = (Vec<usize>, Vec<(usize, usize)>);

fn find<T, K: Ord + ?Sized>(list: &[T], key: &K, get: impl Fn(&T) -> &K) -> Option<usize> {
    list.binary_search_by(|x| get(x).cmp(key)).ok()
}

impl Index {
    pub(crate) fn new(data: &Dataset) -> Index {
        // Room for every node and (at most) every edge at once: the graph
        // of a large corpus grown by doubling would hold up to twice its
        // edges while the exports are written.
        let nodes = data.councils.len()
            + data.reviews.len()
            + data.recommendations.len()
            + data.actions.len()
            + data.people.len();
        let edges = data
            .reviews
            .iter()
            .map(|r| 1 + r.joint_councils.len() + r.peers.len())
            .sum::<usize>()
            + data.recommendations.len()
            + data.actions.len()
            + data.links.len();
        let mut g = StableGraph::with_capacity(nodes, edges);
        let councils: Vec<NodeIx> = (0..data.councils.len())
            .map(|i| NodeIx(g.add_node(Node::Council(i))))
            .collect();
        let reviews: Vec<NodeIx> = (0..data.reviews.len())
            .map(|i| NodeIx(g.add_node(Node::Review(i))))
            .collect();
        let recommendations: Vec<NodeIx> = (0..data.recommendations.len())
            .map(|i| NodeIx(g.add_node(Node::Recommendation(i))))
            .collect();
        let actions: Vec<NodeIx> = (0..data.actions.len())
            .map(|i| NodeIx(g.add_node(Node::Action(i))))
            .collect();
        let people: Vec<NodeIx> = (0..data.people.len())
            .map(|i| NodeIx(g.add_node(Node::Person(i))))
            .collect();

        // The look-ups (binary searches by id) run in parallel; the edges
        // then go in one by one, in the order the loop always used, so the
        // graph is the same whatever the number of threads.
        let review_ends: Vec<ReviewEnds> = data
            .reviews
            .par_iter()
            .map(|r| {
                // A joint review is on each of its councils' trails.
                let on_trails = std::iter::once(&r.council)
                    .chain(&r.joint_councils)
                    .filter_map(|council| find(&data.councils, council, |c| &c.id))
                    .collect();
                let members = r
                    .peers
                    .iter()
                    .enumerate()
                    .filter_map(|(slot, m)| {
                        find(&data.people, &m.person, |p| &p.id).map(|p| (slot, p))
                    })
                    .collect();
                (on_trails, members)
            })
            .collect();
        for (i, (on_trails, members)) in review_ends.into_iter().enumerate() {
            for c in on_trails {
                g.add_edge(reviews[i].0, councils[c].0, Edge::Council);
            }
            for (slot, p) in members {
                g.add_edge(
                    people[p].0,
                    reviews[i].0,
                    Edge::Membership { review: i, slot },
                );
            }
        }
        let review_at: LookupMap<&str, usize> = data
            .reviews
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        for (i, r) in data.recommendations.iter().enumerate() {
            if let Some(&v) = review_at.get(r.review.as_str()) {
                g.add_edge(recommendations[i].0, reviews[v].0, Edge::Review);
            }
        }
        for (i, a) in data.actions.iter().enumerate() {
            if let Some(&v) = review_at.get(a.review.as_str()) {
                g.add_edge(actions[i].0, reviews[v].0, Edge::Plan);
            }
        }
        let mut by_id: LookupMap<std::sync::Arc<str>, NodeIx> =
            crate::lookup_map(data.reviews.len() + data.recommendations.len() + data.actions.len());
        by_id.extend(
            data.reviews
                .iter()
                .map(|r| r.id.shared())
                .zip(reviews.iter().copied()),
        );
        by_id.extend(
            data.recommendations
                .iter()
                .map(|r| r.id.shared())
                .zip(recommendations.iter().copied()),
        );
        by_id.extend(
            data.actions
                .iter()
                .map(|a| a.id.shared())
                .zip(actions.iter().copied()),
        );
        let mut index = Index {
            by_id,
            graph: StableGraph::default(),
            councils,
            reviews,
            recommendations,
            actions,
            people,
            review_dates: data
                .reviews
                .iter()
                .map(|r| r.held.map(|h| h.start))
                .collect(),
        };
        let link_ends: Vec<Option<(NodeIx, NodeIx)>> = data
            .links
            .par_iter()
            .map(|l| {
                Some((
                    index.resolve(l.from.as_str())?,
                    index.resolve(l.to.as_str())?,
                ))
            })
            .collect();
        for (i, ends) in link_ends.into_iter().enumerate() {
            if let Some((from, to)) = ends {
                g.add_edge(from.0, to.0, Edge::Link(i));
            }
        }
        index.graph = g;
        index
    }

    /// The node of any review, recommendation or action id.
    pub(crate) fn resolve(&self, id: &str) -> Option<NodeIx> {
        self.by_id.get(id).copied()
    }

    pub(crate) fn node(&self, n: NodeIx) -> Option<Node> {
        self.graph.node_weight(n.0).copied()
    }

    /// Every edge at `n` in direction `way`, with the node at its other end.
    pub(crate) fn edges(&self, n: NodeIx, way: Way) -> impl Iterator<Item = (Edge, NodeIx)> + '_ {
        let dir = match way {
            Way::Out => petgraph::Direction::Outgoing,
            Way::In => petgraph::Direction::Incoming,
        };
        self.graph.edges_directed(n.0, dir).map(move |e| {
            let other = if way == Way::Out {
                e.target()
            } else {
                e.source()
            };
            (*e.weight(), NodeIx(other))
        })
    }
}
