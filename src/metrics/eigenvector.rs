//! Eigenvector centrality: an entity matters if the entities it is linked
//! to matter (Bonacich 1972). As networkx's `eigenvector_centrality`: the
//! power iteration x ← (A + I)·x from the uniform vector, scaled to unit
//! length each round, until the total change is below n·1e-14 (or 10,000
//! rounds). Adding I changes no eigenvector and keeps the iteration from
//! oscillating on a bipartite graph. On a graph in pieces the piece with
//! the largest eigenvalue takes the weight; the others tend to 0.
//!
//! Complexity: O(E) per round.

use super::{Progress, SimpleGraph};

/// Eigenvector centrality of every entity (all 0 when there is no link);
/// `None` when stopped.
pub fn eigenvector(graph: &SimpleGraph, progress: &Progress) -> Option<Vec<f64>> {
    let n = graph.len();
    if graph.link_count() == 0 {
        return Some(vec![0.0; n]);
    }
    let mut x = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    const ROUNDS: usize = 10_000;
    progress.start(ROUNDS);
    for _ in 0..ROUNDS {
        if progress.is_stopped() {
            return None;
        }
        next.copy_from_slice(&x);
        for (v, row) in graph.adjacency.iter().enumerate() {
            for &(w, weight) in row {
                next[w as usize] += x[v] * weight;
            }
        }
        let norm = next.iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm > 0.0 {
            next.iter_mut().for_each(|v| *v /= norm);
        }
        let change: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        progress.advance(1);
        if change < n as f64 * 1e-14 {
            break;
        }
    }
    Some(x)
}
