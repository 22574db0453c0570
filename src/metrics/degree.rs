//! Degree: how many entities each one is linked to (in, out, either way),
//! and weighted degree, the sum of its links' weights.
//!
//! Complexity: O(V + E).

use super::SimpleGraph;

/// Distinct entities linked to each one, either way.
pub fn degree(graph: &SimpleGraph) -> Vec<f64> {
    graph.adjacency.iter().map(|row| row.len() as f64).collect()
}

/// Sum of the weights of each entity's links (with [`super::Weighting::Sources`],
/// the independent sources of its ties).
pub fn weighted_degree(graph: &SimpleGraph) -> Vec<f64> {
    graph
        .adjacency
        .iter()
        .map(|row| row.iter().map(|&(_, w)| w).sum())
        .collect()
}

/// Distinct entities with a claim to each one.
pub fn in_degree(graph: &SimpleGraph) -> Vec<f64> {
    graph.in_degree.iter().map(|&d| f64::from(d)).collect()
}

/// Distinct entities each one has a claim to.
pub fn out_degree(graph: &SimpleGraph) -> Vec<f64> {
    graph.out_degree.iter().map(|&d| f64::from(d)).collect()
}
