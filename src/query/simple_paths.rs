//! Every simple path up to N hops, bounded.
//!
//! petgraph's `all_simple_paths` is exponential and repeats a path once per
//! combination of parallel edges. Here a path is a sequence of entities (so
//! parallel claims never multiply it), the walk is pruned by each node's BFS
//! distance to the target (a node too far away to arrive in the hops left is
//! never entered), and it stops after `limit` paths.

use petgraph::stable_graph::NodeIndex;

use super::all_shortest::distances;
use super::paths::Hops;

/// Depth-first walk from `from` to `to` over usable claims, entering a
/// neighbour only if `enter(path so far, neighbour)` allows it; each
/// neighbour once however many parallel claims lead to it. Stops after
/// `limit` paths (setting `truncated`). Shared by [`simple_paths`] and
/// [`super::all_shortest`], which differ only in what they let the walk enter.
pub(crate) fn walk(
    hops: &Hops<'_>,
    from: NodeIndex,
    to: NodeIndex,
    limit: usize,
    paths: &mut Vec<Vec<NodeIndex>>,
    truncated: &mut bool,
    enter: impl Fn(&[NodeIndex], NodeIndex) -> bool,
) {
    let mut path = vec![from];
    // The stack holds (node, index of the next step to try).
    let mut stack: Vec<(NodeIndex, usize)> = vec![(from, 0)];
    while let Some(&mut (node, ref mut next)) = stack.last_mut() {
        if node == to {
            if paths.len() == limit {
                *truncated = true;
                break;
            }
            paths.push(path.clone());
            stack.pop();
            path.pop();
            continue;
        }
        let row = hops.graph.neighbours(node);
        let mut advanced = false;
        while *next < row.len() {
            let (neighbour, edge) = row[*next];
            *next += 1;
            if !hops.claim_ok(edge) || !enter(&path, neighbour) {
                continue;
            }
            // Parallel claims share a neighbour: enter it once.
            while *next < row.len() && row[*next].0 == neighbour {
                *next += 1;
            }
            path.push(neighbour);
            stack.push((neighbour, 0));
            advanced = true;
            break;
        }
        if !advanced {
            stack.pop();
            path.pop();
        }
    }
}

/// Node sequences found by a bounded walk, in walk order.
pub struct FoundPaths {
    pub paths: Vec<Vec<NodeIndex>>,
    /// The walk stopped at `limit` paths; more exist.
    pub truncated: bool,
}

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
