//! Every shortest path between two entities, not just one.
//!
//! Two breadth-first searches give each node's distance from both ends; the
//! nodes on some shortest path are exactly those whose two distances add up
//! to the shortest length. A depth-first walk over that layered DAG lists the
//! paths, stopping at `limit`.

use petgraph::stable_graph::NodeIndex;

use super::hops::Hops;
use super::walk::{FoundPaths, distances, walk};

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

    walk(
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
