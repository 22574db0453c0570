//! The k shortest simple paths: Yen's algorithm.
//!
//! Each next path deviates from an earlier one at some "spur" node: the
//! earlier path's prefix (the root) is kept, the hops already used from that
//! root are blocked, and a shortest path from the spur to the target
//! completes it. Spur searches use the bidirectional BFS of [`super::shortest`].

use std::collections::BTreeSet;

use petgraph::stable_graph::NodeIndex;

use super::hops::Hops;
use super::shortest::{Blocked, shortest_path};

/// Up to `k` shortest simple paths from `from` to `to` with at most
/// `max_hops` hops, shortest first (ties by node index).
///
/// Complexity: O(k · L · S) where L is the path length and S the cost of one
/// spur search (at most O(V + E)).
///
/// ```
/// use tiegraph::query::{Hops, PathQuery, resolve, yen::k_shortest_paths};
/// let graph = tiegraph::graph::TieGraph::new(tiegraph::load::load_embedded().unwrap().dataset);
/// let (a, b) = (resolve(&graph, "Sergey Shoigu").unwrap(), resolve(&graph, "Min Aung Hlaing").unwrap());
/// let query = PathQuery::default();
/// let reviews = tiegraph::review::Reviews::default();
/// let hops = Hops::new(&graph, None, &reviews, &query, &[a, b]).unwrap();
/// let paths = k_shortest_paths(&hops, a, b, 3, 6);
/// assert!(paths.windows(2).all(|w| w[0].len() <= w[1].len()));
/// ```
pub fn k_shortest_paths(
    hops: &Hops<'_>,
    from: NodeIndex,
    to: NodeIndex,
    k: usize,
    max_hops: usize,
) -> Vec<Vec<NodeIndex>> {
    let mut accepted: Vec<Vec<NodeIndex>> = Vec::new();
    if k == 0 {
        return accepted;
    }
    let Some(first) = shortest_path(hops, from, to, &Blocked::default(), max_hops) else {
        return accepted;
    };
    accepted.push(first);
    // Candidates ordered by (hops, nodes): the smallest is the next path.
    let mut candidates: BTreeSet<(usize, Vec<NodeIndex>)> = BTreeSet::new();

    while accepted.len() < k {
        let previous = accepted[accepted.len() - 1].clone();
        for spur_at in 0..previous.len().saturating_sub(1) {
            let spur = previous[spur_at];
            let root = &previous[..=spur_at];
            let mut blocked = Blocked::default();
            for path in &accepted {
                if path.len() > spur_at + 1 && path[..=spur_at] == *root {
                    blocked.block_pair(path[spur_at], path[spur_at + 1]);
                }
            }
            // The root's own nodes may not be revisited: paths stay simple.
            for &node in &root[..spur_at] {
                blocked.nodes.insert(node);
            }
            let budget = max_hops.saturating_sub(spur_at);
            if let Some(spur_path) = shortest_path(hops, spur, to, &blocked, budget) {
                let mut total = root[..spur_at].to_vec();
                total.extend(spur_path);
                if !accepted.contains(&total) {
                    candidates.insert((total.len() - 1, total));
                }
            }
        }
        match candidates.pop_first() {
            Some((_, best)) => accepted.push(best),
            None => break,
        }
    }
    accepted
}
