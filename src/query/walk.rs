//! The walks the path enumerations share: breadth-first distances from an
//! entity, and a depth-first walk that each algorithm steers by what it lets
//! the walk enter.

use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashMap;

use super::hops::Hops;

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

/// Depth-first walk from `from` to `to` over usable claims, entering a
/// neighbour only if `enter(path so far, neighbour)` allows it; each
/// neighbour once however many parallel claims lead to it. Stops after
/// `limit` paths (setting `truncated`). Shared by [`super::simple_paths`] and
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
