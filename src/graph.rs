//! The dataset as a petgraph [`StableDiGraph`], with id and name indices.
//!
//! Node and edge weights are positions in the dataset's `nodes` and `claims`
//! vectors, so the graph is small and the dataset stays the one source of
//! truth. Parallel claims stay parallel edges.

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;

use crate::model::{Claim, Dataset, Node};
use crate::text::fold;

/// A validated dataset and its graph.
#[derive(Clone, Debug)]
pub struct TieGraph {
    dataset: Dataset,
    graph: StableDiGraph<usize, usize>,
    node_by_id: HashMap<String, NodeIndex>,
    claim_by_id: HashMap<String, EdgeIndex>,
    /// Folded id, label and every alias → node.
    node_by_name: HashMap<String, NodeIndex>,
}

impl TieGraph {
    /// Builds the graph. The dataset is assumed validated (see [`crate::load`]);
    /// claims whose ends are unknown are skipped rather than panicking.
    pub fn new(dataset: Dataset) -> Self {
        let mut graph = StableDiGraph::with_capacity(dataset.nodes.len(), dataset.claims.len());
        let mut node_by_id = HashMap::with_capacity(dataset.nodes.len());
        let mut node_by_name = HashMap::new();
        for (position, node) in dataset.nodes.iter().enumerate() {
            let index = graph.add_node(position);
            node_by_id.insert(node.id.clone(), index);
            for name in std::iter::once(&node.id)
                .chain(std::iter::once(&node.label))
                .chain(node.aliases.iter())
            {
                node_by_name.entry(fold(name)).or_insert(index);
            }
        }
        let mut claim_by_id = HashMap::with_capacity(dataset.claims.len());
        for (position, claim) in dataset.claims.iter().enumerate() {
            let (Some(&from), Some(&to)) = (node_by_id.get(&claim.from), node_by_id.get(&claim.to))
            else {
                continue;
            };
            let edge = graph.add_edge(from, to, position);
            claim_by_id.insert(claim.id.clone(), edge);
        }
        TieGraph {
            dataset,
            graph,
            node_by_id,
            claim_by_id,
            node_by_name,
        }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn graph(&self) -> &StableDiGraph<usize, usize> {
        &self.graph
    }

    /// The node at `index`. Panics only on an index from another graph.
    pub fn node(&self, index: NodeIndex) -> &Node {
        &self.dataset.nodes[self.graph[index]]
    }

    /// The claim at `index`. Panics only on an index from another graph.
    pub fn claim(&self, index: EdgeIndex) -> &Claim {
        &self.dataset.claims[self.graph[index]]
    }

    pub fn node_index(&self, id: &str) -> Option<NodeIndex> {
        self.node_by_id.get(id).copied()
    }

    pub fn claim_index(&self, id: &str) -> Option<EdgeIndex> {
        self.claim_by_id.get(id).copied()
    }

    /// Finds an entity by id, label or any alias, ignoring case, diacritics
    /// and spacing.
    ///
    /// ```
    /// let graph = tiegraph::graph::TieGraph::new(tiegraph::load::load_embedded().unwrap().dataset);
    /// let shoigu = graph.find("Sergey Shoigu").unwrap();
    /// assert_eq!(graph.find("sergei shoigu"), Some(shoigu));
    /// ```
    pub fn find(&self, name: &str) -> Option<NodeIndex> {
        self.node_by_name.get(&fold(name)).copied()
    }

    /// Up to `limit` names close to `name`, best first, for "did you mean".
    pub fn suggest(&self, name: &str, limit: usize) -> Vec<String> {
        let wanted = fold(name);
        let mut scored: Vec<(f64, &str)> = Vec::new();
        for node in &self.dataset.nodes {
            let best = std::iter::once(&node.label)
                .chain(node.aliases.iter())
                .chain(std::iter::once(&node.id))
                .map(|candidate| strsim::jaro_winkler(&wanted, &fold(candidate)))
                .fold(0.0, f64::max);
            if best >= 0.75 {
                scored.push((best, node.label.as_str()));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        scored
            .into_iter()
            .take(limit)
            .map(|(_, label)| label.to_string())
            .collect()
    }

    /// Every claim touching a node, outgoing first, in dataset order.
    pub fn claims_of(&self, index: NodeIndex) -> Vec<EdgeIndex> {
        let mut outgoing: Vec<EdgeIndex> = self
            .graph
            .edges_directed(index, Direction::Outgoing)
            .map(|edge| edge.id())
            .collect();
        let mut incoming: Vec<EdgeIndex> = self
            .graph
            .edges_directed(index, Direction::Incoming)
            .map(|edge| edge.id())
            .collect();
        outgoing.sort_by_key(|edge| self.graph[*edge]);
        incoming.sort_by_key(|edge| self.graph[*edge]);
        outgoing.extend(incoming);
        outgoing
    }

    /// Number of claims touching a node, both directions.
    pub fn degree(&self, index: NodeIndex) -> usize {
        self.graph
            .edges_directed(index, Direction::Outgoing)
            .count()
            + self
                .graph
                .edges_directed(index, Direction::Incoming)
                .count()
    }
}
