//! The graph the measures run on: the view's entities, and one undirected
//! link per pair of entities with a visible claim between them (parallel
//! claims counted once, self-claims left out), weighted or not.

use petgraph::stable_graph::NodeIndex;

use crate::graph::{TieGraph, View};

/// How a link between two entities is weighted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Weighting {
    /// Every link weighs 1, however many claims it bundles.
    #[default]
    Unweighted,
    /// A link weighs the independent sources of its best-sourced visible
    /// claim (distinct publishers; at least 1). Path measures then read a
    /// link of weight w as a distance 1/w: a better-sourced tie is shorter.
    Sources,
}

/// The view as an undirected simple graph with dense indices `0..n`.
#[derive(Clone, Debug, Default)]
pub struct SimpleGraph {
    /// Dense index → the entity.
    pub nodes: Vec<NodeIndex>,
    /// Per dense index: (neighbour, weight), sorted by neighbour.
    pub adjacency: Vec<Vec<(u32, f64)>>,
    /// Distinct entities with a visible claim to / from each one.
    pub in_degree: Vec<u32>,
    pub out_degree: Vec<u32>,
}

impl SimpleGraph {
    /// Builds it from `view`. O(V + E log E).
    pub fn new(graph: &TieGraph, view: &View, weighting: Weighting) -> Self {
        let nodes: Vec<NodeIndex> = view.nodes().collect();
        let mut dense = vec![u32::MAX; graph.node_bound()];
        for (i, node) in nodes.iter().enumerate() {
            dense[node.index()] = i as u32;
        }
        let mut links: Vec<(u32, u32, f64)> = Vec::new();
        let mut arcs: Vec<(u32, u32)> = Vec::new();
        for edge in view.edges() {
            let Some((a, b)) = graph.graph().edge_endpoints(edge) else {
                continue;
            };
            let (a, b) = (dense[a.index()], dense[b.index()]);
            if a == u32::MAX || b == u32::MAX || a == b {
                continue;
            }
            arcs.push((a, b));
            let weight = match weighting {
                Weighting::Unweighted => 1.0,
                Weighting::Sources => graph.sources(edge).max(1) as f64,
            };
            links.push((a.min(b), a.max(b), weight));
        }
        links.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(y.2.total_cmp(&x.2)));
        links.dedup_by(|later, first| (later.0, later.1) == (first.0, first.1));
        let mut adjacency = vec![Vec::new(); nodes.len()];
        for &(a, b, weight) in &links {
            adjacency[a as usize].push((b, weight));
            adjacency[b as usize].push((a, weight));
        }
        for row in &mut adjacency {
            row.sort_by_key(|&(n, _)| n);
        }
        arcs.sort_unstable();
        arcs.dedup();
        let mut in_degree = vec![0; nodes.len()];
        let mut out_degree = vec![0; nodes.len()];
        for &(a, b) in &arcs {
            out_degree[a as usize] += 1;
            in_degree[b as usize] += 1;
        }
        SimpleGraph {
            nodes,
            adjacency,
            in_degree,
            out_degree,
        }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Number of links.
    pub fn link_count(&self) -> usize {
        self.adjacency.iter().map(Vec::len).sum::<usize>() / 2
    }

    /// Whether every link weighs 1.
    pub fn is_unweighted(&self) -> bool {
        self.adjacency
            .iter()
            .flatten()
            .all(|&(_, weight)| weight == 1.0)
    }
}
