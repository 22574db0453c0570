//! PageRank (Brin & Page 1998) on the undirected links, each read both
//! ways, weighted by the link's weight: as networkx's `pagerank` on an
//! undirected graph, with damping 0.85 and an entity without links
//! spreading its rank evenly. Iterated until the total change is below
//! n·1e-14 (or 10,000 rounds). The values sum to 1.
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
    // Flat rows of (neighbour, weight / strength of the row's entity): one
    // pass over contiguous memory per round.
    let mut offsets = Vec::with_capacity(n + 1);
    let mut targets: Vec<u32> = Vec::new();
    let mut shares: Vec<f64> = Vec::new();
    let mut dangling: Vec<u32> = Vec::new();
    offsets.push(0);
    for (v, row) in graph.adjacency.iter().enumerate() {
        let strength: f64 = row.iter().map(|&(_, w)| w).sum();
        if strength == 0.0 {
            dangling.push(v as u32);
        }
        for &(w, weight) in row {
            targets.push(w);
            shares.push(weight / strength);
        }
        offsets.push(targets.len());
    }
    let uniform = 1.0 / n as f64;
    let mut rank = vec![uniform; n];
    let mut next = vec![0.0; n];
    const ROUNDS: usize = 10_000;
    progress.start(ROUNDS);
    for _ in 0..ROUNDS {
        if progress.is_stopped() {
            return None;
        }
        let lost: f64 = dangling.iter().map(|&v| rank[v as usize]).sum();
        let base = (1.0 - DAMPING) * uniform + DAMPING * lost * uniform;
        next.iter_mut().for_each(|x| *x = base);
        for v in 0..n {
            let flow = DAMPING * rank[v];
            for at in offsets[v]..offsets[v + 1] {
                next[targets[at] as usize] += flow * shares[at];
            }
        }
        let change: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut rank, &mut next);
        progress.advance(1);
        if change < n as f64 * 1e-14 {
            break;
        }
    }
    Some(rank)
}
