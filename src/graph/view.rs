//! [`View`]: the visible part of the graph, as two bitsets over its node
//! and edge indices. Filters, path results and selections all become views;
//! exports, layouts and the canvas read them. Making one never copies the
//! graph.

use fixedbitset::FixedBitSet;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::TieGraph;

/// The visible part of the graph: bitsets over node and edge indices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    nodes: FixedBitSet,
    edges: FixedBitSet,
}

impl View {
    /// Everything visible.
    pub fn all(graph: &TieGraph) -> Self {
        let mut view = View::empty(graph);
        for index in graph.graph().node_indices() {
            view.nodes.insert(index.index());
        }
        for index in graph.graph().edge_indices() {
            view.edges.insert(index.index());
        }
        view
    }

    /// Nothing visible; fill with [`View::insert_node`] / [`View::insert_edge`].
    pub fn empty(graph: &TieGraph) -> Self {
        View {
            nodes: FixedBitSet::with_capacity(graph.node_bound()),
            edges: FixedBitSet::with_capacity(graph.edge_bound()),
        }
    }

    pub fn insert_node(&mut self, index: NodeIndex) {
        self.nodes.grow(index.index() + 1);
        self.nodes.insert(index.index());
    }

    pub fn insert_edge(&mut self, index: EdgeIndex) {
        self.edges.grow(index.index() + 1);
        self.edges.insert(index.index());
    }

    pub fn contains_node(&self, index: NodeIndex) -> bool {
        self.nodes.contains(index.index())
    }

    pub fn contains_edge(&self, index: EdgeIndex) -> bool {
        self.edges.contains(index.index())
    }

    pub fn node_count(&self) -> usize {
        self.nodes.count_ones(..)
    }

    pub fn edge_count(&self) -> usize {
        self.edges.count_ones(..)
    }

    /// Visible nodes in index order (dataset order).
    pub fn nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.nodes.ones().map(NodeIndex::new)
    }

    /// Visible claims in index order (dataset order).
    pub fn edges(&self) -> impl Iterator<Item = EdgeIndex> + '_ {
        self.edges.ones().map(EdgeIndex::new)
    }

    /// The claims of the view whose ends are both in it (what is drawn),
    /// in index order. O(E).
    pub fn edges_with_both_ends<'a>(
        &'a self,
        graph: &'a super::TieGraph,
    ) -> impl Iterator<Item = EdgeIndex> + 'a {
        self.edges().filter(move |&e| {
            graph
                .graph()
                .edge_endpoints(e)
                .is_some_and(|(a, b)| self.contains_node(a) && self.contains_node(b))
        })
    }

    /// Drops the visible entities that no visible claim touches, except
    /// those in `keep`. O(V + E).
    pub fn drop_isolated(&mut self, graph: &TieGraph, keep: &[NodeIndex]) {
        let mut linked = FixedBitSet::with_capacity(graph.node_bound());
        for edge in self.edges() {
            if let Some((a, b)) = graph.graph().edge_endpoints(edge) {
                linked.insert(a.index());
                linked.insert(b.index());
            }
        }
        for index in keep {
            linked.insert(index.index());
        }
        self.nodes.intersect_with(&linked);
    }
}
