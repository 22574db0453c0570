//! Bridges and articulation points: the links and the entities whose
//! removal splits a piece of the network in two (Tarjan 1974, low-link
//! numbers), found without recursion so that a long chain cannot
//! overflow the stack.
//!
//! Complexity: O(V + E).

use super::SimpleGraph;

/// The bridges (as pairs of dense indices, smaller first, sorted) and,
/// per entity, whether it is an articulation point.
pub fn cuts(graph: &SimpleGraph) -> (Vec<(u32, u32)>, Vec<bool>) {
    let n = graph.len();
    let mut order = vec![u32::MAX; n];
    let mut low = vec![0u32; n];
    let mut articulation = vec![false; n];
    let mut bridges = Vec::new();
    let mut counter = 0u32;
    // (entity, parent, next neighbour position, children)
    let mut stack: Vec<(u32, u32, usize, u32)> = Vec::new();
    for root in 0..n as u32 {
        if order[root as usize] != u32::MAX {
            continue;
        }
        order[root as usize] = counter;
        low[root as usize] = counter;
        counter += 1;
        stack.push((root, u32::MAX, 0, 0));
        while let Some(top) = stack.last_mut() {
            let (v, parent, position, _) = *top;
            let row = &graph.adjacency[v as usize];
            if position < row.len() {
                top.2 += 1;
                let w = row[position].0;
                if order[w as usize] == u32::MAX {
                    top.3 += 1;
                    order[w as usize] = counter;
                    low[w as usize] = counter;
                    counter += 1;
                    stack.push((w, v, 0, 0));
                } else if w != parent {
                    low[v as usize] = low[v as usize].min(order[w as usize]);
                }
                continue;
            }
            let (v, parent, _, children) = stack.pop().unwrap_or_default();
            if parent == u32::MAX {
                articulation[v as usize] = children > 1;
                continue;
            }
            let p = parent as usize;
            low[p] = low[p].min(low[v as usize]);
            if low[v as usize] > order[p] {
                bridges.push((v.min(parent), v.max(parent)));
            }
            // The root is judged by its children above.
            let parent_is_root = stack.last().is_some_and(|t| t.1 == u32::MAX);
            if low[v as usize] >= order[p] && !parent_is_root {
                articulation[p] = true;
            }
        }
    }
    bridges.sort_unstable();
    (bridges, articulation)
}
