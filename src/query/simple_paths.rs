//! Every simple path up to N hops, bounded.
//!
//! petgraph's `all_simple_paths` is exponential and repeats a path once per
//! combination of parallel edges. Here a path is a sequence of entities (so
//! parallel claims never multiply it), the walk is pruned by each node's BFS
//! distance to the target (a node too far away to arrive in the hops left is
//! never entered), and it stops after `limit` paths.

use petgraph::stable_graph::NodeIndex;

use super::hops::Hops;
use super::walk::{FoundPaths, distances, walk};

/// Simple paths from `from` to `to` with at most `max_hops` hops, in walk
/// order (callers rank them).
///
/// Complexity: O(V + E) for the distance bound, then output-sensitive:
/// every branch explored can still reach the target in time.
pub fn simple_paths(
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
    // Distance to the target; nodes missing here can never reach it in time.
    let to_target = distances(hops, to, None, max_hops);
    if !to_target.contains_key(&from) {
        return found;
    }

    walk(
        hops,
        from,
        to,
        limit,
        &mut found.paths,
        &mut found.truncated,
        |path, neighbour| {
            let used = path.len() - 1;
            let reachable = to_target
                .get(&neighbour)
                .is_some_and(|&d| used + 1 + d as usize <= max_hops);
            reachable && !path.contains(&neighbour) && (neighbour == to || hops.can_pass(neighbour))
        },
    );
    found
}
