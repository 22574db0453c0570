//! "Connect these N entities": a small subgraph linking them all, like i2's
//! Find Connecting Network.
//!
//! Method (stated, as users should know what they are looking at): the
//! shortest path between every pair of chosen entities is found; a minimum
//! spanning tree over those pairs (weighted by path length, ties by entity
//! order) picks which paths to keep; the result is the union of the kept
//! paths. This is the Kou–Markowsky–Berman construction, at most twice the
//! size of the smallest connecting tree. Entities no path reaches are
//! reported, not silently dropped.

use std::collections::BTreeSet;

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::QueryError;
use super::hops::Hops;
use super::path::Path;
use super::paths::PathQuery;
use super::shortest::{Blocked, shortest_path};
use crate::graph::TieGraph;
use crate::graph::View;

/// The connecting subgraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    pub terminals: Vec<NodeIndex>,
    /// The kept paths, one per spanning-tree link.
    pub paths: Vec<Path>,
    /// Every node and claim of the kept paths, in index order.
    pub nodes: Vec<NodeIndex>,
    pub edges: Vec<EdgeIndex>,
    /// Groups of terminals that are linked among themselves but not to the
    /// other groups. One group means everything is connected.
    pub groups: Vec<Vec<NodeIndex>>,
}

impl Connection {
    /// The connection as a view, for export and drawing.
    pub fn view(&self, graph: &TieGraph) -> View {
        let mut view = View::empty(graph);
        for &node in &self.nodes {
            view.insert_node(node);
        }
        for &edge in &self.edges {
            view.insert_edge(edge);
        }
        view
    }
}

/// Connects `terminals` under `query`, within `view` if given.
///
/// Complexity: O(N² · S) for N terminals and S the cost of one shortest-path
/// search, plus O(N²) for the spanning tree.
pub fn connect(
    graph: &TieGraph,
    view: Option<&View>,
    reviews: &crate::model::Reviews,
    terminals: &[NodeIndex],
    query: &PathQuery,
) -> Result<Connection, QueryError> {
    let mut unique: Vec<NodeIndex> = Vec::new();
    for &terminal in terminals {
        if let Some(view) = view
            && !view.contains_node(terminal)
        {
            return Err(QueryError::Hidden {
                name: graph.node(terminal).label.clone(),
            });
        }
        if !unique.contains(&terminal) {
            unique.push(terminal);
        }
    }
    let hops = Hops::new(graph, view, reviews, query, &unique)?;
    let n = unique.len();
    // Pairwise shortest paths (the metric closure).
    let mut pair_path: Vec<Vec<Option<Vec<NodeIndex>>>> = vec![vec![None; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let found = shortest_path(
                &hops,
                unique[i],
                unique[j],
                &Blocked::default(),
                query.max_hops,
            );
            pair_path[i][j] = found.clone();
            pair_path[j][i] = found.map(|mut p| {
                p.reverse();
                p
            });
        }
    }
    // Prim's algorithm, restarted per component so disconnected groups show.
    let mut in_tree = vec![false; n];
    let mut groups: Vec<Vec<NodeIndex>> = Vec::new();
    let mut kept: Vec<Vec<NodeIndex>> = Vec::new();
    for root in 0..n {
        if in_tree[root] {
            continue;
        }
        in_tree[root] = true;
        let mut group = vec![unique[root]];
        loop {
            let mut best: Option<(usize, usize, usize)> = None;
            for i in (0..n).filter(|&i| in_tree[i]) {
                for j in (0..n).filter(|&j| !in_tree[j]) {
                    if let Some(path) = &pair_path[i][j] {
                        let length = path.len();
                        if best.is_none_or(|(l, _, _)| length < l) {
                            best = Some((length, i, j));
                        }
                    }
                }
            }
            let Some((_, i, j)) = best else { break };
            in_tree[j] = true;
            group.push(unique[j]);
            if let Some(path) = pair_path[i][j].take() {
                kept.push(path);
            }
        }
        groups.push(group);
    }
    let paths: Vec<Path> = kept.into_iter().map(|nodes| hops.path(nodes)).collect();
    let mut nodes: BTreeSet<NodeIndex> = unique.iter().copied().collect();
    let mut edges: BTreeSet<EdgeIndex> = BTreeSet::new();
    for path in &paths {
        nodes.extend(path.nodes.iter().copied());
        edges.extend(path.hops.iter().flatten().copied());
    }
    Ok(Connection {
        terminals: unique,
        paths,
        nodes: nodes.into_iter().collect(),
        edges: edges.into_iter().collect(),
        groups,
    })
}
