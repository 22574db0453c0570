//! One shortest path by bidirectional breadth-first search.
//!
//! Both ends grow a BFS tree, always expanding the smaller frontier one
//! whole level at a time; when they touch, the meeting with the smallest
//! total depth gives a shortest path. On graphs with a small diameter this
//! explores about the square root of what a one-sided BFS does.

use petgraph::stable_graph::NodeIndex;
use rustc_hash::{FxHashMap, FxHashSet};

use super::paths::Hops;

/// Nodes and hops a search must not use (Yen's algorithm blocks the root
/// path and the hops already taken from it).
#[derive(Clone, Debug, Default)]
pub struct Blocked {
    pub nodes: FxHashSet<NodeIndex>,
    /// Unordered pairs, stored as (smaller, larger).
    pub pairs: FxHashSet<(NodeIndex, NodeIndex)>,
}

impl Blocked {
    pub fn block_pair(&mut self, a: NodeIndex, b: NodeIndex) {
        self.pairs.insert(if a <= b { (a, b) } else { (b, a) });
    }

    fn pair_blocked(&self, a: NodeIndex, b: NodeIndex) -> bool {
        !self.pairs.is_empty() && self.pairs.contains(&if a <= b { (a, b) } else { (b, a) })
    }
}

/// A shortest path from `from` to `to` of at most `max_hops` hops, as a node
/// sequence, or `None`.
///
/// Intermediate nodes must pass [`Hops::can_pass`]; blocked nodes and pairs
/// are never used. Ties are broken by node index, so the result is
/// deterministic.
///
/// Complexity: O(V + E) in the worst case; typically far less.
pub fn shortest_path(
    hops: &Hops<'_>,
    from: NodeIndex,
    to: NodeIndex,
    blocked: &Blocked,
    max_hops: usize,
) -> Option<Vec<NodeIndex>> {
    if blocked.nodes.contains(&from) || blocked.nodes.contains(&to) {
        return None;
    }
    if from == to {
        return Some(vec![from]);
    }
    // node → (parent, depth) on each side.
    let mut forward: FxHashMap<NodeIndex, (NodeIndex, u32)> = FxHashMap::default();
    let mut backward: FxHashMap<NodeIndex, (NodeIndex, u32)> = FxHashMap::default();
    forward.insert(from, (from, 0));
    backward.insert(to, (to, 0));
    let mut forward_frontier = vec![from];
    let mut backward_frontier = vec![to];
    let (mut forward_depth, mut backward_depth) = (0u32, 0u32);

    while !forward_frontier.is_empty() && !backward_frontier.is_empty() {
        if (forward_depth + backward_depth) as usize >= max_hops {
            return None;
        }
        let expand_forward = forward_frontier.len() <= backward_frontier.len();
        let (frontier, own, other, depth) = if expand_forward {
            (
                &mut forward_frontier,
                &mut forward,
                &backward,
                &mut forward_depth,
            )
        } else {
            (
                &mut backward_frontier,
                &mut backward,
                &forward,
                &mut backward_depth,
            )
        };
        let mut next = Vec::new();
        // Best meeting in this level: (total depth, node on own side, node on other side).
        let mut meeting: Option<(u32, NodeIndex, NodeIndex)> = None;
        for &node in frontier.iter() {
            for (neighbour, _) in hops.steps(node) {
                if blocked.nodes.contains(&neighbour) || blocked.pair_blocked(node, neighbour) {
                    continue;
                }
                if let Some(&(_, other_depth)) = other.get(&neighbour) {
                    // The meeting node must be passable unless it is an endpoint.
                    if neighbour == from || neighbour == to || hops.can_pass(neighbour) {
                        let total = *depth + 1 + other_depth;
                        if meeting.is_none_or(|(best, _, _)| total < best) {
                            meeting = Some((total, node, neighbour));
                        }
                    }
                    continue;
                }
                if own.contains_key(&neighbour) || !hops.can_pass(neighbour) {
                    continue;
                }
                own.insert(neighbour, (node, *depth + 1));
                next.push(neighbour);
            }
        }
        *depth += 1;
        if let Some((total, near, far)) = meeting {
            if total as usize > max_hops {
                return None;
            }
            // Stitch: own side back to its root, then the other side on.
            let (forward_end, backward_start) = if expand_forward {
                (near, far)
            } else {
                (far, near)
            };
            let mut path = Vec::new();
            let mut node = forward_end;
            loop {
                path.push(node);
                let (parent, _) = forward[&node];
                if parent == node {
                    break;
                }
                node = parent;
            }
            path.reverse();
            let mut node = backward_start;
            loop {
                path.push(node);
                let (parent, _) = backward[&node];
                if parent == node {
                    break;
                }
                node = parent;
            }
            return Some(path);
        }
        *frontier = next;
    }
    None
}
