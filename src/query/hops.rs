//! [`Hops`]: the graph as path algorithms see it. The current view, the
//! allowed relations, sources and review statuses, and which entities may be
//! passed through, answered in O(1) per claim or entity, so every algorithm
//! shares one definition of a usable hop.

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::ReviewRule;
use super::path::Path;
use crate::graph::{TieGraph, View};
use crate::model::{NodeKind, Relation, Reviews};

/// The graph as path algorithms see it: the view, the allowed relations and
/// sources, and which entities may be passed through.
pub struct Hops<'a> {
    pub graph: &'a TieGraph,
    pub(super) view: Option<&'a View>,
    pub(super) relations: &'a [Relation],
    pub(super) min_sources: usize,
    pub(super) allow_hubs: bool,
    pub(super) hub_degree: usize,
    pub(super) avoid: Vec<NodeIndex>,
    /// Endpoints may be passed even if they are hubs or avoided.
    pub(super) endpoints: Vec<NodeIndex>,
    pub(super) review: ReviewRule,
    pub(super) evidence: super::EvidenceRule,
    pub(super) reviews: &'a Reviews,
}

impl<'a> Hops<'a> {
    /// Whether a claim may make a hop. O(1) plus the relation list.
    pub fn claim_ok(&self, edge: EdgeIndex) -> bool {
        self.view.is_none_or(|view| view.contains_edge(edge))
            && (self.relations.is_empty()
                || self.relations.contains(&self.graph.claim(edge).relation))
            && (self.min_sources == 0 || self.graph.sources(edge) >= self.min_sources)
            && (self.review == ReviewRule::Any || {
                let id = &self.graph.claim(edge).id;
                self.review.admits(self.reviews.status(id))
            })
            && self
                .evidence
                .admits(self.graph, Some(self.reviews), self.graph.claim(edge))
    }

    /// Whether a node counts as a hub: a country, or above the degree cut.
    pub fn is_hub(&self, node: NodeIndex) -> bool {
        self.graph.node(node).kind == NodeKind::COUNTRY || self.graph.degree(node) > self.hub_degree
    }

    /// Whether a path may pass through `node` (as an intermediate step).
    pub fn can_pass(&self, node: NodeIndex) -> bool {
        if self.endpoints.contains(&node) {
            return true;
        }
        self.view.is_none_or(|view| view.contains_node(node))
            && !self.avoid.contains(&node)
            && (self.allow_hubs || !self.is_hub(node))
    }

    /// Usable (neighbour, claim) steps from `node`, sorted by neighbour.
    pub fn steps(&self, node: NodeIndex) -> impl Iterator<Item = (NodeIndex, EdgeIndex)> + '_ {
        self.graph
            .neighbours(node)
            .iter()
            .copied()
            .filter(move |&(_, edge)| self.claim_ok(edge))
    }

    /// Every usable claim between two adjacent entities, in index order.
    pub fn claims_between(&self, a: NodeIndex, b: NodeIndex) -> Vec<EdgeIndex> {
        let row = self.graph.neighbours(a);
        let start = row.partition_point(|&(n, _)| n < b);
        row[start..]
            .iter()
            .take_while(|&&(n, _)| n == b)
            .map(|&(_, e)| e)
            .filter(|&e| self.claim_ok(e))
            .collect()
    }

    /// Turns a node sequence into a [`Path`] with the claims of each hop.
    pub fn path(&self, nodes: Vec<NodeIndex>) -> Path {
        let hops = nodes
            .windows(2)
            .map(|pair| self.claims_between(pair[0], pair[1]))
            .collect();
        Path { nodes, hops }
    }
}
