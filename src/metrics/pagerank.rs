//! PageRank (Brin & Page 1998) on the undirected links, each read both
//! ways, weighted by the link's weight: as networkx's `pagerank` on an
//! undirected graph, with damping 0.85 and an entity without links
//! spreading its rank evenly. Iterated until the total change is below
//! n·1e-15 (or 10,000 rounds). The values sum to 1.
//!
//! Complexity: O(E) per round.

use super::{Progress, SimpleGraph};

pub const DAMPING: f64 = 0.85;

/// PageRank of every entity (empty for an empty view); `None` when stopped.
pub fn pagerank(graph: &SimpleGraph, progress: &Progress) -> Option<Vec<f64>> {
    let n = graph.len();
    if n == 0 {
        return Some(Vec::new());
    }
    let strength: Vec<f64> = graph
        .adjacency
        .iter()
        .map(|row| row.iter().map(|&(_, w)| w).sum())
        .collect();
    let uniform = 1.0 / n as f64;
    let mut rank = vec![uniform; n];
    let mut next = vec![0.0; n];
    const ROUNDS: usize = 10_000;
    progress.start(ROUNDS);
    for _ in 0..ROUNDS {
        if progress.is_stopped() {
            return None;
        }
        let dangling: f64 = (0..n)
            .filter(|&i| strength[i] == 0.0)
            .map(|i| rank[i])
            .sum();
        let base = (1.0 - DAMPING) * uniform + DAMPING * dangling * uniform;
        next.iter_mut().for_each(|x| *x = base);
        for (v, row) in graph.adjacency.iter().enumerate() {
            if strength[v] == 0.0 {
                continue;
            }
            let share = DAMPING * rank[v] / strength[v];
            for &(w, weight) in row {
                next[w as usize] += share * weight;
            }
        }
        let change: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut rank, &mut next);
        progress.advance(1);
        if change < n as f64 * 1e-15 {
            break;
        }
    }
    Some(rank)
}
