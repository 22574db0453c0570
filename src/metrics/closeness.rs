//! Closeness and harmonic closeness: how near each entity is to the others
//! along shortest paths (distance 1/weight when weighted).
//!
//! Closeness as networkx's `closeness_centrality` (Wasserman–Faust
//! improvement for graphs in pieces): (r−1)/Σd · (r−1)/(n−1), with r the
//! entities it reaches (itself included); 0 for an entity that reaches
//! none. Harmonic as networkx's `harmonic_centrality`: Σ 1/d over the
//! others it reaches, not normalised (0 when it reaches none).
//!
//! Complexity: O(V·E) unweighted, O(V·E log V) weighted.

use super::paths::{SingleSource, over_sources};
use super::{Progress, SimpleGraph};

/// Closeness of every entity; `None` when stopped.
pub fn closeness(graph: &SimpleGraph, progress: &Progress) -> Option<Vec<f64>> {
    let n = graph.len() as f64;
    per_entity(graph, progress, |paths, _| {
        let total: f64 = paths.order.iter().map(|&v| paths.dist[v as usize]).sum();
        let reached = paths.order.len() as f64;
        if total > 0.0 && n > 1.0 {
            (reached - 1.0) / total * ((reached - 1.0) / (n - 1.0))
        } else {
            0.0
        }
    })
}

/// Harmonic closeness of every entity; `None` when stopped.
pub fn harmonic(graph: &SimpleGraph, progress: &Progress) -> Option<Vec<f64>> {
    per_entity(graph, progress, |paths, s| {
        paths
            .order
            .iter()
            .filter(|&&v| v != s)
            .map(|&v| 1.0 / paths.dist[v as usize])
            .sum()
    })
}

/// `score` of each entity from the shortest paths out of it.
fn per_entity(
    graph: &SimpleGraph,
    progress: &Progress,
    score: impl Fn(&SingleSource, u32) -> f64 + Sync,
) -> Option<Vec<f64>> {
    let weighted = !graph.is_unweighted();
    let sources: Vec<u32> = (0..graph.len() as u32).collect();
    over_sources(
        graph,
        &sources,
        progress,
        |paths: &mut SingleSource, s, sum| {
            paths.run(graph, s, weighted);
            sum[s as usize] = score(paths, s);
        },
    )
}
