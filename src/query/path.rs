//! [`Path`]: a sequence of entities, each hop with every usable claim
//! between its two entities, so parallel claims never multiply paths.

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use crate::graph::{TieGraph, View};

/// One path: `nodes[i]`–`nodes[i + 1]` is hop `i`, made by the claims `hops[i]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path {
    pub nodes: Vec<NodeIndex>,
    pub hops: Vec<Vec<EdgeIndex>>,
}

impl Path {
    /// Number of hops.
    pub fn len(&self) -> usize {
        self.hops.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hops.is_empty()
    }

    /// Sources of the weakest hop, where a hop is as strong as its best claim.
    pub fn weakest_sources(&self, graph: &TieGraph) -> usize {
        self.hops
            .iter()
            .map(|claims| claims.iter().map(|&e| graph.sources(e)).max().unwrap_or(0))
            .min()
            .unwrap_or(0)
    }
}

/// The entities and claims of `paths`, as one view (to draw or export
/// them).
pub fn view_of_paths<'a>(graph: &TieGraph, paths: impl IntoIterator<Item = &'a Path>) -> View {
    let mut view = View::empty(graph);
    for path in paths {
        path.nodes.iter().for_each(|&n| view.insert_node(n));
        path.hops
            .iter()
            .flatten()
            .for_each(|&e| view.insert_edge(e));
    }
    view
}
