//! One shortest path by bidirectional breadth-first search.
//!
//! Both ends grow a BFS tree, always expanding the smaller frontier one
//! whole level at a time; when they touch, the meeting with the smallest
//! total depth gives a shortest path. On graphs with a small diameter this
//! explores about the square root of what a one-sided BFS does.
//!
//! Visited marks live in dense per-thread arrays stamped with a generation
//! number, so a query costs nothing per node it does not touch and never
//! hashes: this is the path the benchmarks measure.

use std::cell::RefCell;

use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashSet;

use super::hops::Hops;

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

    fn node_blocked(&self, node: NodeIndex) -> bool {
        !self.nodes.is_empty() && self.nodes.contains(&node)
    }
}

const FORWARD: u8 = 0;
const BACKWARD: u8 = 1;

/// One node's mark; valid only when `stamp` equals the current generation.
/// Kept together so a visit touches one cache line, not four.
#[derive(Clone, Copy, Default)]
struct Mark {
    stamp: u32,
    parent: u32,
    depth: u32,
    side: u8,
}

/// Per-thread search marks, reused across queries.
#[derive(Default)]
struct Marks {
    generation: u32,
    marks: Vec<Mark>,
}

impl Marks {
    fn start(&mut self, bound: usize) {
        if self.marks.len() < bound {
            self.marks.resize(bound, Mark::default());
        }
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            // Wrapped: old stamps could look current; clear them once.
            self.marks.iter_mut().for_each(|m| m.stamp = 0);
            self.generation = 1;
        }
    }

    fn get(&self, node: NodeIndex) -> Option<(u8, NodeIndex, u32)> {
        self.marks
            .get(node.index())
            .filter(|m| m.stamp == self.generation)
            .map(|m| (m.side, NodeIndex::new(m.parent as usize), m.depth))
    }

    fn set(&mut self, node: NodeIndex, side: u8, parent: NodeIndex, depth: u32) {
        let generation = self.generation;
        if let Some(mark) = self.marks.get_mut(node.index()) {
            *mark = Mark {
                stamp: generation,
                parent: parent.index() as u32,
                depth,
                side,
            };
        }
    }

    /// Walks parents from `node` to its side's root.
    fn trail(&self, mut node: NodeIndex) -> Vec<NodeIndex> {
        let mut trail = vec![node];
        while let Some((_, parent, _)) = self.get(node) {
            if parent == node {
                break;
            }
            trail.push(parent);
            node = parent;
        }
        trail
    }
}

thread_local! {
    static MARKS: RefCell<Marks> = RefCell::new(Marks::default());
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
    if blocked.node_blocked(from) || blocked.node_blocked(to) {
        return None;
    }
    if from == to {
        return Some(vec![from]);
    }
    MARKS.with(|marks| {
        // A nested search on this thread (none exists today) gets its own marks.
        let mut own = Marks::default();
        let mut borrowed = marks.try_borrow_mut();
        let marks: &mut Marks = match borrowed.as_deref_mut() {
            Ok(marks) => marks,
            Err(_) => &mut own,
        };
        search(hops, from, to, blocked, max_hops, marks)
    })
}

fn search(
    hops: &Hops<'_>,
    from: NodeIndex,
    to: NodeIndex,
    blocked: &Blocked,
    max_hops: usize,
    marks: &mut Marks,
) -> Option<Vec<NodeIndex>> {
    marks.start(hops.graph.node_bound());
    marks.set(from, FORWARD, from, 0);
    marks.set(to, BACKWARD, to, 0);
    let mut frontiers = [vec![from], vec![to]];
    let mut depths = [0u32, 0u32];
    let mut next = Vec::new();

    while !frontiers[0].is_empty() && !frontiers[1].is_empty() {
        if (depths[0] + depths[1]) as usize >= max_hops {
            return None;
        }
        let side = if frontiers[0].len() <= frontiers[1].len() {
            FORWARD
        } else {
            BACKWARD
        };
        let s = side as usize;
        let depth = depths[s];
        // Best meeting in this level: (total depth, node on this side, node on the other).
        let mut meeting: Option<(u32, NodeIndex, NodeIndex)> = None;
        next.clear();
        for &node in &frontiers[s] {
            for (neighbour, _) in hops.steps(node) {
                if blocked.node_blocked(neighbour) || blocked.pair_blocked(node, neighbour) {
                    continue;
                }
                match marks.get(neighbour) {
                    Some((seen_side, _, other_depth)) if seen_side != side => {
                        // The meeting node must be passable unless it is an endpoint.
                        if neighbour == from || neighbour == to || hops.can_pass(neighbour) {
                            let total = depth + 1 + other_depth;
                            if meeting.is_none_or(|(best, _, _)| total < best) {
                                meeting = Some((total, node, neighbour));
                            }
                        }
                    }
                    Some(_) => {}
                    None => {
                        if hops.can_pass(neighbour) {
                            marks.set(neighbour, side, node, depth + 1);
                            next.push(neighbour);
                        }
                    }
                }
            }
        }
        depths[s] += 1;
        if let Some((total, near, far)) = meeting {
            if total as usize > max_hops {
                return None;
            }
            let (forward_end, backward_start) = if side == FORWARD {
                (near, far)
            } else {
                (far, near)
            };
            let mut path = marks.trail(forward_end);
            path.reverse();
            path.extend(marks.trail(backward_start));
            return Some(path);
        }
        std::mem::swap(&mut frontiers[s], &mut next);
    }
    None
}
