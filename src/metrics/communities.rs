//! Communities: groups of entities linked more among themselves than the
//! links' spread would have it, found by maximising modularity with the
//! Louvain method (Blondel et al. 2008) and refined as Leiden does its
//! first step (Traag et al. 2019): a community that falls apart into
//! pieces is split into them (which never lowers modularity), then
//! entities are moved again on the full graph, until nothing improves.
//! Deterministic for a given seed (the order entities are visited in);
//! the best of 8 searches (1 above 20,000 entities) is kept.
//!
//! Modularity is Newman's, with resolution 1: Q = Σ_c [L_c/m − (d_c/2m)²],
//! as networkx's `modularity`.
//!
//! Complexity: about O(E) per pass, a few passes per level, O(log V)
//! levels in practice.

use super::components::renumber_by_size;
use super::{Progress, SimpleGraph};

/// Communities and the modularity they reach.
#[derive(Clone, Debug, PartialEq)]
pub struct Partition {
    /// Each entity's community, numbered by size, largest first.
    pub community: Vec<u32>,
    pub count: usize,
    pub modularity: f64,
}

/// Newman's modularity of `community` on `graph` (0 without links).
pub fn modularity(graph: &SimpleGraph, community: &[u32]) -> f64 {
    let count = community.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut inside = vec![0.0; count];
    let mut total = vec![0.0; count];
    let mut two_m = 0.0;
    for (v, row) in graph.adjacency.iter().enumerate() {
        for &(w, weight) in row {
            two_m += weight;
            total[community[v] as usize] += weight;
            if community[v] == community[w as usize] {
                inside[community[v] as usize] += weight;
            }
        }
    }
    if two_m == 0.0 {
        return 0.0;
    }
    (0..count)
        .map(|c| inside[c] / two_m - (total[c] / two_m).powi(2))
        .sum()
}

/// A weighted graph with self-loops: a level of the Louvain method.
struct Level {
    adjacency: Vec<Vec<(u32, f64)>>,
    /// A_ii: twice the weight inside an aggregated entity.
    loops: Vec<f64>,
    strength: Vec<f64>,
    two_m: f64,
}

impl Level {
    fn of(graph: &SimpleGraph) -> Self {
        let n = graph.len();
        let strength: Vec<f64> = graph
            .adjacency
            .iter()
            .map(|row| row.iter().map(|&(_, w)| w).sum())
            .collect();
        Level {
            adjacency: graph.adjacency.clone(),
            loops: vec![0.0; n],
            two_m: strength.iter().sum(),
            strength,
        }
    }

    /// One entity per community of `community` (numbered 0..count).
    fn aggregate(&self, community: &[u32], count: usize) -> Level {
        let mut loops = vec![0.0; count];
        let mut links: Vec<(u32, u32, f64)> = Vec::new();
        for (v, row) in self.adjacency.iter().enumerate() {
            let c = community[v];
            loops[c as usize] += self.loops[v];
            for &(w, weight) in row {
                let d = community[w as usize];
                if c == d {
                    loops[c as usize] += weight;
                } else {
                    links.push((c, d, weight));
                }
            }
        }
        links.sort_unstable_by_key(|&(c, d, _)| (c, d));
        let mut adjacency: Vec<Vec<(u32, f64)>> = vec![Vec::new(); count];
        for (c, d, weight) in links {
            let row = &mut adjacency[c as usize];
            match row.last_mut() {
                Some(last) if last.0 == d => last.1 += weight,
                _ => row.push((d, weight)),
            }
        }
        let mut strength = vec![0.0; count];
        for (v, &c) in community.iter().enumerate() {
            strength[c as usize] += self.strength[v];
        }
        Level {
            adjacency,
            loops,
            strength,
            two_m: self.two_m,
        }
    }

    /// Moves entities between communities while modularity rises; returns
    /// whether any moved.
    fn local_moves(&self, community: &mut [u32], order: &[u32], progress: &Progress) -> bool {
        let n = self.adjacency.len();
        let mut total = vec![0.0; n];
        for (v, &c) in community.iter().enumerate() {
            total[c as usize] += self.strength[v];
        }
        let mut weight_to = vec![0.0; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut moved_any = false;
        loop {
            let mut moved = false;
            for &v in order {
                if progress.is_stopped() {
                    return moved_any;
                }
                let v = v as usize;
                let own = community[v];
                let k = self.strength[v];
                for &(w, weight) in &self.adjacency[v] {
                    let c = community[w as usize];
                    if weight_to[c as usize] == 0.0 {
                        touched.push(c);
                    }
                    weight_to[c as usize] += weight;
                }
                total[own as usize] -= k;
                // Gain of joining c: k_{v,c} − k_v·tot_c / 2m (scaled).
                let gain = |c: u32, weight: f64| weight - k * total[c as usize] / self.two_m;
                let mut best = own;
                let mut best_gain = gain(own, weight_to[own as usize]);
                for &c in &touched {
                    let g = gain(c, weight_to[c as usize]);
                    // Only a real gain moves it: ties keep it where it is.
                    if g > best_gain + 1e-12 {
                        best = c;
                        best_gain = g;
                    }
                }
                total[best as usize] += k;
                if best != own {
                    community[v] = best;
                    moved = true;
                    moved_any = true;
                }
                for &c in &touched {
                    weight_to[c as usize] = 0.0;
                }
                touched.clear();
            }
            if !moved {
                return moved_any;
            }
        }
    }
}

/// Numbers the values of `community` 0..count in order of first use.
fn compact(community: &mut [u32]) -> usize {
    let mut number = std::collections::HashMap::new();
    for c in community.iter_mut() {
        let next = number.len() as u32;
        *c = *number.entry(*c).or_insert(next);
    }
    number.len()
}

/// Splits every community into its connected pieces (on `graph`).
fn split_pieces(graph: &SimpleGraph, community: &mut [u32]) -> usize {
    let n = graph.len();
    let mut piece = vec![u32::MAX; n];
    let mut count = 0u32;
    let mut stack = Vec::new();
    for start in 0..n {
        if piece[start] != u32::MAX {
            continue;
        }
        piece[start] = count;
        stack.push(start as u32);
        while let Some(v) = stack.pop() {
            for &(w, _) in &graph.adjacency[v as usize] {
                if piece[w as usize] == u32::MAX && community[w as usize] == community[v as usize] {
                    piece[w as usize] = count;
                    stack.push(w);
                }
            }
        }
        count += 1;
    }
    community.copy_from_slice(&piece);
    count as usize
}

/// Searches run from different visiting orders: the best is kept (the
/// Louvain method depends on the order; a few tries find a better optimum).
fn tries(n: usize) -> u64 {
    if n <= 20_000 { 8 } else { 1 }
}

/// Communities of `graph`, the best of a few searches whose visiting
/// orders are drawn from `seed`; `None` when stopped.
pub fn communities(graph: &SimpleGraph, seed: u64, progress: &Progress) -> Option<Partition> {
    let mut best: Option<Partition> = None;
    for attempt in 0..tries(graph.len()) {
        let found = search(
            graph,
            seed.wrapping_add(attempt.wrapping_mul(0x9e37_79b9)),
            progress,
        )?;
        if best
            .as_ref()
            .is_none_or(|b| found.modularity > b.modularity + 1e-12)
        {
            best = Some(found);
        }
    }
    best
}

/// One Louvain search with refinement.
fn search(graph: &SimpleGraph, seed: u64, progress: &Progress) -> Option<Partition> {
    let n = graph.len();
    let mut rng = crate::rng::SplitMix64(seed);
    // Each entity's community at the finest level.
    let mut finest: Vec<u32> = (0..n as u32).collect();
    progress.start(1);
    if graph.link_count() > 0 {
        let mut level = Level::of(graph);
        loop {
            let size = level.adjacency.len();
            let mut community: Vec<u32> = (0..size as u32).collect();
            let mut order: Vec<u32> = (0..size as u32).collect();
            rng.shuffle(&mut order);
            let moved = level.local_moves(&mut community, &order, progress);
            if progress.is_stopped() {
                return None;
            }
            if !moved {
                break;
            }
            let count = compact(&mut community);
            for c in finest.iter_mut() {
                *c = community[*c as usize];
            }
            level = level.aggregate(&community, count);
        }
        // Refinement: pieces apart, then moves on the full graph, again
        // while modularity rises.
        let base = Level::of(graph);
        let mut best = modularity(graph, &finest);
        for _ in 0..16 {
            split_pieces(graph, &mut finest);
            let mut order: Vec<u32> = (0..n as u32).collect();
            rng.shuffle(&mut order);
            let mut candidate = finest.clone();
            base.local_moves(&mut candidate, &order, progress);
            if progress.is_stopped() {
                return None;
            }
            split_pieces(graph, &mut candidate);
            let q = modularity(graph, &candidate);
            if q > best + 1e-12 {
                best = q;
                finest = candidate;
            } else {
                break;
            }
        }
    }
    let count = compact(&mut finest);
    let community = renumber_by_size(&finest, count);
    progress.advance(1);
    Some(Partition {
        modularity: modularity(graph, &community),
        community,
        count,
    })
}
