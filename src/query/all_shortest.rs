//! Every shortest path between two entities, not just one.
//!
//! Two breadth-first searches give each node's distance from both ends; the
//! nodes on some shortest path are exactly those whose two distances add up
//! to the shortest length. A depth-first walk over that layered DAG lists the
//! paths, stopping at `limit`.

use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashMap;

use super::paths::Hops;
use super::simple_paths::FoundPaths;

/// Distances (in hops) from `start`, exploring at most `max_depth` levels and
/// stopping after the level where `stop` is reached. Only passable nodes
/// (and the endpoints) are expanded.
pub(crate) fn distances(
    hops: &Hops<'_>,
    start: NodeIndex,
    stop: Option<NodeIndex>,
    max_depth: usize,
) -> FxHashMap<NodeIndex, u32> {
    let mut distance: FxHashMap<NodeIndex, u32> = FxHashMap::default();
    distance.insert(start, 0);
    let mut frontier = vec![start];
    let mut depth = 0u32;
    while !frontier.is_empty() && (depth as usize) < max_depth {
        if stop.is_some_and(|stop| distance.contains_key(&stop)) {
            break;
        }
        let mut next = Vec::new();
        for &node in &frontier {
            // Only the start and passable nodes lead anywhere.
            if node != start && !hops.can_pass(node) {
                continue;
            }
            for (neighbour, _) in hops.steps(node) {
                if let std::collections::hash_map::Entry::Vacant(slot) = distance.entry(neighbour) {
                    slot.insert(depth + 1);
                    next.push(neighbour);
                }
            }
        }
        depth += 1;
        frontier = next;
    }
    distance
}

/// Every shortest path from `from` to `to` of at most `max_hops` hops.
///
/// Complexity: O(V + E) for the searches plus O(P · L) for P paths of
/// length L (P ≤ `limit`).
pub fn all_shortest_paths(
    hops: &Hops<'_>,
    from: NodeIndex,
    to: NodeIndex,
    max_hops: usize,
    limit: usize,
) -> FoundPaths {
    let mut found = FoundPaths {
        paths: Vec::new(),
        truncated: false,
    };
    if from == to {
        found.paths.push(vec![from]);
        return found;
    }
    let from_start = distances(hops, from, Some(to), max_hops);
    let Some(&length) = from_start.get(&to) else {
        return found;
    };
    let from_end = distances(hops, to, None, length as usize);
    let on_dag = |node: NodeIndex, depth: u32| {
        from_start.get(&node) == Some(&depth) && from_end.get(&node) == Some(&(length - depth))
    };

    super::simple_paths::walk(
        hops,
        from,
        to,
        limit,
        &mut found.paths,
        &mut found.truncated,
        |path, neighbour| {
            on_dag(neighbour, path.len() as u32) && (neighbour == to || hops.can_pass(neighbour))
        },
    );
    found
}
