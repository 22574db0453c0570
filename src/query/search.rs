//! Fuzzy search over entity names and aliases (nucleo-matcher, the matcher
//! of the Helix editor): "shoigu", "kasatnov" or "mah" find their entity.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use petgraph::stable_graph::NodeIndex;

use crate::graph::TieGraph;
use crate::graph::View;

/// Entities matching `query`, best first (ties by label), at most `limit`;
/// only those in `within` if given. An empty query matches nothing.
///
/// Complexity: O(V · name length).
///
/// ```
/// let graph = tiegraph::graph::TieGraph::new(tiegraph::load::load_embedded().unwrap().dataset);
/// let hits = tiegraph::query::search::fuzzy_find(&graph, "shoigu", None, 5);
/// assert_eq!(graph.node(hits[0]).label, "Sergey Shoigu");
/// ```
pub fn fuzzy_find(
    graph: &TieGraph,
    query: &str,
    within: Option<&View>,
    limit: usize,
) -> Vec<NodeIndex> {
    if query.trim().is_empty() {
        return Vec::new();
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buffer = Vec::new();
    let mut scored: Vec<(u32, usize, NodeIndex)> = Vec::new();
    for index in graph.graph().node_indices() {
        if within.is_some_and(|view| !view.contains_node(index)) {
            continue;
        }
        let node = graph.node(index);
        let best = std::iter::once(&node.label)
            .chain(&node.aliases)
            .filter_map(|name| pattern.score(Utf32Str::new(name, &mut buffer), &mut matcher))
            .max();
        if let Some(score) = best {
            scored.push((score, node.label.len(), index));
        }
    }
    // Best score first; among equals the shorter name (the entity itself
    // rather than an event named after it), then by label.
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then_with(|| graph.node(a.2).label.cmp(&graph.node(b.2).label))
    });
    scored
        .into_iter()
        .take(limit)
        .map(|(_, _, index)| index)
        .collect()
}
