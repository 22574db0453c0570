//! PageRank (Brin & Page 1998) on the undirected links, each read both
//! ways, weighted by the link's weight: as networkx's `pagerank` on an
//! undirected graph, with damping 0.85 and an entity without links
//! spreading its rank evenly. Iterated until the total change is below
//! n·1e-14 (or 10,000 rounds). The values sum to 1.
//!
//! Complexity: O(E) per round, split over the cores.

use super::{Progress, SimpleGraph};

pub const DAMPING: f64 = 0.85;

/// PageRank of every entity (empty for an empty view); `None` when stopped.
pub fn pagerank(graph: &SimpleGraph, progress: &Progress) -> Option<Vec<f64>> {
    let n = graph.len();
    if n == 0 {
        return Some(Vec::new());
    }
    // Links are undirected, so each entity pulls rank from its own row:
    // next[v] = base + d · Σ weight · rank[u] / strength[u]. Pulling writes
    // each value once, so the entities split between cores, and every
    // value is summed in row order whatever their number.
    let mut offsets = Vec::with_capacity(n + 1);
    let mut sources: Vec<u32> = Vec::new();
    let mut weights: Vec<f64> = Vec::new();
    let mut inverse = Vec::with_capacity(n);
    let mut dangling: Vec<u32> = Vec::new();
    offsets.push(0);
    for (v, row) in graph.adjacency.iter().enumerate() {
        let strength: f64 = row.iter().map(|&(_, w)| w).sum();
        if strength == 0.0 {
            dangling.push(v as u32);
            inverse.push(0.0);
        } else {
            inverse.push(1.0 / strength);
        }
        for &(u, weight) in row {
            sources.push(u);
            weights.push(weight);
        }
        offsets.push(sources.len());
    }
    // Unweighted views (the usual case) need not read a weight per link.
    let unit = weights.iter().all(|&w| w == 1.0);
    let uniform = 1.0 / n as f64;
    let mut rank = vec![uniform; n];
    let mut next = vec![0.0; n];
    let mut scaled = vec![0.0; n];
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    // Below this the threads cost more than they save.
    let parts = if sources.len() < 50_000 {
        1
    } else {
        cores.min(8)
    };
    let pull = |first: usize, out: &mut [f64], scaled: &[f64], base: f64| {
        for (i, slot) in out.iter_mut().enumerate() {
            let v = first + i;
            let (from, to) = (offsets[v], offsets[v + 1]);
            let sum: f64 = if unit {
                sources[from..to].iter().map(|&u| scaled[u as usize]).sum()
            } else {
                sources[from..to]
                    .iter()
                    .zip(&weights[from..to])
                    .map(|(&u, &w)| w * scaled[u as usize])
                    .sum()
            };
            *slot = base + DAMPING * sum;
        }
    };
    const ROUNDS: usize = 10_000;
    progress.start(ROUNDS);
    for _ in 0..ROUNDS {
        if progress.is_stopped() {
            return None;
        }
        let lost: f64 = dangling.iter().map(|&v| rank[v as usize]).sum();
        let base = (1.0 - DAMPING) * uniform + DAMPING * lost * uniform;
        for ((s, r), i) in scaled.iter_mut().zip(&rank).zip(&inverse) {
            *s = r * i;
        }
        if parts == 1 {
            pull(0, &mut next, &scaled, base);
        } else {
            let chunk = n.div_ceil(parts);
            std::thread::scope(|scope| {
                for (part, out) in next.chunks_mut(chunk).enumerate() {
                    let scaled = &scaled;
                    let pull = &pull;
                    scope.spawn(move || pull(part * chunk, out, scaled, base));
                }
            });
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
