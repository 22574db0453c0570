//! [`Resolved`]: what a loader already knows about the graph it validated —
//! each claim's ends as entity positions, and the id indices it built —
//! handed to [`super::TieGraph::with_resolved`] so that building the graph
//! does not look every id up a second time.

use petgraph::stable_graph::{NodeIndex, StableDiGraph};

use crate::index::IdIndex;
use crate::model::Dataset;

/// Claim ends and id indices, by position in the dataset's `nodes` and
/// `claims`.
#[derive(Clone, Debug, Default)]
pub struct Resolved {
    /// `ends[c]` = positions of claim `c`'s `from` and `to` entities.
    pub ends: Vec<[u32; 2]>,
    /// Entity id → position, over every entity.
    pub node_ids: IdIndex,
    /// Claim id → position, over every claim; `None`: built with the graph
    /// (on another core, beside the name index).
    pub claim_ids: Option<IdIndex>,
}

impl Resolved {
    /// Whether these are the dataset's: one pair of ends per claim, each in
    /// range and naming the entity the claim names, one index entry per
    /// entity and per claim. O(claims).
    pub fn fits(&self, dataset: &Dataset) -> bool {
        let (nodes, claims) = (&dataset.nodes, &dataset.claims);
        debug_assert!(
            self.ends.len() != claims.len()
                || self.ends.iter().zip(claims).all(|(&[from, to], claim)| {
                    nodes.get(from as usize).is_some_and(|n| n.id == claim.from)
                        && nodes.get(to as usize).is_some_and(|n| n.id == claim.to)
                }),
            "resolved ends that are not the claims' ends"
        );
        self.ends.len() == claims.len()
            && self.node_ids.len() == nodes.len()
            && self
                .claim_ids
                .as_ref()
                .is_none_or(|ids| ids.len() == claims.len())
            // The ends are the loader's; comparing the ids costs what one
            // lookup would, so only the bounds and the first claim's are
            // checked in release builds.
            && self
                .ends
                .iter()
                .all(|ends| ends.iter().all(|&end| (end as usize) < nodes.len()))
            && claims.first().is_none_or(|claim| {
                let [from, to] = self.ends[0];
                nodes[from as usize].id == claim.from && nodes[to as usize].id == claim.to
            })
    }

    /// The directed graph with node `i` for entity `i` and edge `c` for
    /// claim `c`, and the two id indices (positions are indices here).
    pub(super) fn into_graph(
        self,
        dataset: &Dataset,
    ) -> (StableDiGraph<usize, usize>, IdIndex, Option<IdIndex>) {
        let mut graph = StableDiGraph::with_capacity(dataset.nodes.len(), self.ends.len());
        for position in 0..dataset.nodes.len() {
            graph.add_node(position);
        }
        for (position, &[from, to]) in self.ends.iter().enumerate() {
            graph.add_edge(
                NodeIndex::new(from as usize),
                NodeIndex::new(to as usize),
                position,
            );
        }
        (graph, self.node_ids, self.claim_ids)
    }
}
