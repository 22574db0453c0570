//! Betweenness: the share of shortest paths between other entities that
//! pass through each one (Brandes 2001, "A faster algorithm for
//! betweenness centrality"). Normalised as networkx's
//! `betweenness_centrality(normalized=True)`: divided by (n−1)(n−2), which
//! for an undirected graph is the share of the (n−1)(n−2)/2 pairs.
//!
//! Exact up to [`EXACT_UP_TO`] entities; beyond, estimated from `samples`
//! sources chosen at random (Brandes & Pich 2007), each scaled by n/k. By
//! Hoeffding's inequality every estimate is then within
//! ε = √(ln(2n/δ) / 2k) of the exact value, for all entities at once with
//! probability 1 − δ ([`error_bound`]).
//!
//! Complexity: O(V·E) unweighted, O(V·E log V) weighted; O(k·E) sampled.

use super::paths::{SingleSource, over_sources};
use super::{Progress, SimpleGraph};

/// Views up to this many entities get exact betweenness by default.
pub const EXACT_UP_TO: usize = 20_000;
/// Sources sampled beyond [`EXACT_UP_TO`].
pub const DEFAULT_SAMPLES: usize = 2_000;

/// Exact when `samples` is `None` or not below the entity count; else
/// estimated from that many sources drawn with `seed`. `None` when stopped.
pub fn betweenness(
    graph: &SimpleGraph,
    samples: Option<usize>,
    seed: u64,
    progress: &Progress,
) -> Option<Vec<f64>> {
    let n = graph.len();
    let mut sources: Vec<u32> = (0..n as u32).collect();
    let sampled = samples.filter(|&k| k > 0 && k < n);
    if let Some(k) = sampled {
        crate::rng::SplitMix64(seed).shuffle(&mut sources);
        sources.truncate(k);
        sources.sort_unstable();
    }
    let weighted = !graph.is_unweighted();
    let raw = over_sources(
        graph,
        &sources,
        progress,
        |paths: &mut SingleSource, s, sum| {
            paths.run(graph, s, weighted);
            accumulate(paths, s, sum);
        },
    )?;
    let scale = if n > 2 {
        1.0 / ((n - 1) as f64 * (n - 2) as f64)
    } else {
        0.0
    };
    let factor = match sampled {
        Some(k) => n as f64 / k as f64,
        None => 1.0,
    };
    Some(raw.into_iter().map(|b| b * scale * factor).collect())
}

/// Brandes's dependency accumulation for one source, added into `sum`
/// (the dependencies δ live in the buffers' scratch space).
fn accumulate(paths: &mut SingleSource, source: u32, sum: &mut [f64]) {
    for position in (0..paths.order.len()).rev() {
        let w = paths.order[position] as usize;
        let dw = paths.scratch[w];
        let coefficient = (1.0 + dw) / paths.sigma[w];
        for index in 0..paths.preds[w].len() {
            let v = paths.preds[w][index] as usize;
            paths.scratch[v] += paths.sigma[v] * coefficient;
        }
        if w != source as usize {
            sum[w] += dw;
        }
    }
}

/// The bound ε that every sampled estimate is within, with probability
/// 1 − `confidence_loss`, for `n` entities and `samples` sources.
pub fn error_bound(n: usize, samples: usize, confidence_loss: f64) -> f64 {
    if samples == 0 || n == 0 {
        return f64::INFINITY;
    }
    ((2.0 * n as f64 / confidence_loss).ln() / (2.0 * samples as f64)).sqrt()
}
