//! Connected components: the separate pieces of the network. Numbered from
//! 0 by size, largest first (ties by their first entity).
//!
//! Complexity: O(V + E).

use super::SimpleGraph;

/// Each entity's component number.
pub fn components(graph: &SimpleGraph) -> Vec<u32> {
    let n = graph.len();
    let mut component = vec![u32::MAX; n];
    let mut pieces: Vec<Vec<u32>> = Vec::new();
    let mut stack = Vec::new();
    for start in 0..n {
        if component[start] != u32::MAX {
            continue;
        }
        let number = pieces.len() as u32;
        let mut members = vec![start as u32];
        component[start] = number;
        stack.push(start as u32);
        while let Some(v) = stack.pop() {
            for &(w, _) in &graph.adjacency[v as usize] {
                if component[w as usize] == u32::MAX {
                    component[w as usize] = number;
                    members.push(w);
                    stack.push(w);
                }
            }
        }
        pieces.push(members);
    }
    renumber_by_size(&component, pieces.len())
}

/// Group numbers renumbered by group size, largest first, ties by the
/// group's first entity.
pub(super) fn renumber_by_size(group: &[u32], count: usize) -> Vec<u32> {
    let mut size = vec![0usize; count];
    let mut first = vec![usize::MAX; count];
    for (i, &g) in group.iter().enumerate() {
        size[g as usize] += 1;
        first[g as usize] = first[g as usize].min(i);
    }
    let mut order: Vec<usize> = (0..count).filter(|&g| size[g] > 0).collect();
    order.sort_by_key(|&g| (std::cmp::Reverse(size[g]), first[g]));
    let mut new_number = vec![0u32; count];
    for (rank, &g) in order.iter().enumerate() {
        new_number[g] = rank as u32;
    }
    group.iter().map(|&g| new_number[g as usize]).collect()
}
