//! Multilevel force-directed layout for large graphs (after Hu's scheme,
//! as in Graphviz `sfdp`), in plain std.
//!
//! 1. **Coarsen**: repeatedly contract a matching — heavy-edge matching
//!    (favouring light endpoints), then pairing of still-unmatched nodes
//!    that share a neighbour (so stars shrink too), then pairing of leftover
//!    nodes without links — until a level has at most
//!    [`MultilevelParams::coarsest_size`] nodes or stops shrinking. Coarse
//!    nodes keep only their heaviest links (a few times the mean degree), so
//!    coarse levels of dense graphs stay cheap.
//! 2. **Lay out the coarsest level** from seeded random positions.
//! 3. **Prolong and refine**: each finer level starts from its parent's
//!    position plus a small seeded jitter and is relaxed (see `relax`):
//!    Barnes–Hut repulsion `k³/d²` ([`super::barnes_hut`], short-ranged so
//!    density and edge lengths stay even), attraction `d³/k²` along links,
//!    the repulsion between linked nodes mostly cancelled (neighbourhoods
//!    stay tight), and a weak pull towards the centroid. Every node moves
//!    at most one *step*; the step follows Hu's adaptive rule under a
//!    linear cooling. `k` grows on coarser levels so every level covers the
//!    same area; levels above 20 000 nodes get fewer iterations (down to
//!    half), as they start from a good prolonged layout and cost most.
//! 4. **Finish**: scale so the median link is
//!    [`MultilevelParams::rest_length`] long (only when nothing is fixed),
//!    then pack the connected components without fixed nodes (isolated
//!    nodes included) in rows, largest first, so nothing drifts away.
//!
//! Forces are computed on [`MultilevelParams::threads`] threads over
//! chunks of a fixed size, every node's sum in a fixed order, and per-chunk
//! results are reduced in chunk order, so the result is identical for any
//! thread count and timing. One iteration costs O(n log n + m); since level
//! sizes fall geometrically, the whole layout is
//! O((n log n + m) · iterations).
//!
//! One algorithm in one file (about 1,000 lines of code and 250 of tests):
//! its phases share the level structures and the tuning, and are read
//! together.

use crate::rng::SplitMix64;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use super::barnes_hut::{Falloff, QuadTree, WalkScratch};

/// Tuning of [`lay_out`]. Every field has a sensible [`Default`].
#[derive(Clone, Debug, PartialEq)]
pub struct MultilevelParams {
    /// Target length of a link in layout units (≈ screen points): the
    /// median edge of the result has this length when no node is fixed.
    pub rest_length: f32,
    /// Maximum relaxation iterations on each refinement level (levels of
    /// more than 20 000 nodes get fewer: ×√(20 000/n), at least half).
    pub iterations: u32,
    /// Maximum relaxation iterations on the coarsest level (fewer, but at
    /// least `iterations`, if coarsening stopped on a big level).
    pub coarsest_iterations: u32,
    /// Barnes–Hut opening angle: a cell of side `s` at distance `d` counts
    /// as one body when `s < theta·d`. Larger is faster and coarser.
    pub theta: f32,
    /// Strength of the pull towards the centroid (per unit distance).
    pub gravity: f32,
    /// Worker threads for the force computation (1 = current thread only).
    pub threads: usize,
    /// Seed of the random start and jitter; same seed, same layout.
    pub seed: u64,
    /// Coarsening stops once a level has at most this many nodes.
    pub coarsest_size: usize,
    /// A level stops early once the mean move per iteration falls below
    /// this fraction of its natural edge length.
    pub tolerance: f32,
}

impl Default for MultilevelParams {
    fn default() -> Self {
        MultilevelParams {
            rest_length: 120.0,
            iterations: 60,
            coarsest_iterations: 300,
            theta: 1.0,
            gravity: 0.02,
            threads: std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(8),
            seed: 0x5eed,
            coarsest_size: 50,
            tolerance: 0.005,
        }
    }
}

/// Shared progress of a running [`lay_out`]: how much is done, and a flag
/// another thread sets to stop it early.
#[derive(Debug, Default)]
pub struct LayoutProgress {
    /// Work done, in thousandths (0..=1000).
    permille: AtomicU32,
    /// Set to ask the layout to stop.
    stop: AtomicBool,
}

impl LayoutProgress {
    /// Progress at 0 with the stop flag clear. O(1).
    pub fn new() -> Self {
        Self::default()
    }

    /// Fraction of the work done, 0.0..=1.0 (1.0 once [`lay_out`] has
    /// returned). O(1).
    pub fn fraction(&self) -> f32 {
        self.permille.load(Ordering::Relaxed).min(1000) as f32 / 1000.0
    }

    /// Asks a running [`lay_out`] to stop; it returns its current positions
    /// within about one iteration. Stays set until a new progress is made.
    /// O(1).
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// Whether [`LayoutProgress::stop`] has been called. O(1).
    pub fn is_stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    fn set(&self, permille: u32) {
        self.permille.store(permille.min(1000), Ordering::Relaxed);
    }
}

/// Positions for nodes `0..node_count` (at most `u32::MAX`) of an
/// undirected graph, linked nodes about `params.rest_length` apart.
///
/// `edges` are index pairs; self-loops, duplicates, parallel edges and
/// out-of-range endpoints are ignored. `fixed[i] = Some(p)` keeps node `i`
/// exactly at `p` (a shorter or empty slice leaves the rest free;
/// non-finite points count as free). When any node is fixed the layout
/// keeps the fixed nodes' coordinate frame and is not rescaled; components
/// without fixed nodes are packed beside them. Otherwise the result is
/// centred on the origin.
///
/// Returns `node_count` finite positions. If `progress.stop()` is called,
/// returns the current (coarser) layout prolonged to all nodes within
/// about one iteration. Deterministic for the same input and `params`
/// (thread count and timing do not matter). Time
/// O((n log n + m) · iterations), memory O(n + m).
pub fn lay_out(
    node_count: usize,
    edges: &[(u32, u32)],
    fixed: &[Option<[f32; 2]>],
    params: &MultilevelParams,
    progress: &LayoutProgress,
) -> Vec<[f32; 2]> {
    progress.set(0);
    let params = sanitize(params);
    let n = node_count;
    let fixed_at = |i: usize| -> Option<[f32; 2]> {
        fixed
            .get(i)
            .copied()
            .flatten()
            .filter(|p| p[0].is_finite() && p[1].is_finite())
    };
    let any_fixed = (0..n.min(fixed.len())).any(|i| fixed_at(i).is_some());

    // Unique undirected adjacency over the nodes that have a link.
    let mut keys: Vec<u64> = edges
        .iter()
        .filter(|&&(a, b)| a != b && (a as usize) < n && (b as usize) < n)
        .flat_map(|&(a, b)| [(a as u64) << 32 | b as u64, (b as u64) << 32 | a as u64])
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut index_of = vec![u32::MAX; n];
    let mut active: Vec<u32> = Vec::new();
    for &key in &keys {
        let a = (key >> 32) as usize;
        if index_of[a] == u32::MAX {
            index_of[a] = active.len() as u32;
            active.push(a as u32);
        }
    }
    let finest = {
        let mut start = vec![0usize; active.len() + 1];
        for &key in &keys {
            start[index_of[(key >> 32) as usize] as usize + 1] += 1;
        }
        for i in 0..active.len() {
            start[i + 1] += start[i];
        }
        // Keys are sorted by source node, and active indices follow source
        // order, so rows come out in order.
        let adj: Vec<u32> = keys
            .iter()
            .map(|&key| index_of[(key & 0xffff_ffff) as usize])
            .collect();
        Level {
            start,
            weight: vec![1.0; adj.len()],
            adj,
            mass: vec![1.0; active.len()],
            fixed: active.iter().map(|&a| fixed_at(a as usize)).collect(),
        }
    };
    drop(keys);

    let mut out = vec![[0.0f32; 2]; n];
    if !finest.is_empty() {
        let positions = multilevel(&finest, &params, progress);
        for (i, &a) in active.iter().enumerate() {
            out[a as usize] = positions[i];
        }
        if !any_fixed {
            // Scale so the median edge has the rest length.
            let mut lengths: Vec<f32> = (0..finest.len())
                .flat_map(|i| {
                    let out = &out;
                    let active = &active;
                    finest.neighbours(i).filter(move |&j| j > i).map(move |j| {
                        let p = out[active[i] as usize];
                        let q = out[active[j] as usize];
                        (p[0] - q[0]).hypot(p[1] - q[1])
                    })
                })
                .collect();
            let mid = lengths.len() / 2;
            if !lengths.is_empty() {
                lengths.select_nth_unstable_by(mid, f32::total_cmp);
                let median = lengths[mid];
                if median.is_finite() && median > 0.0 {
                    let scale = params.rest_length / median;
                    for &a in &active {
                        let p = &mut out[a as usize];
                        p[0] *= scale;
                        p[1] *= scale;
                    }
                }
            }
        }
    }
    for (i, p) in out.iter_mut().enumerate() {
        if let Some(f) = fixed_at(i) {
            *p = f;
        }
    }
    pack_components(&mut out, &finest, &active, n, &fixed_at, &params, any_fixed);
    for p in &mut out {
        if !(p[0].is_finite() && p[1].is_finite()) {
            *p = [0.0, 0.0];
        }
    }
    progress.set(1000);
    out
}

/// Parameters with out-of-range values replaced by defaults.
fn sanitize(params: &MultilevelParams) -> MultilevelParams {
    let default = MultilevelParams::default();
    let positive = |v: f32, d: f32| if v.is_finite() && v > 0.0 { v } else { d };
    MultilevelParams {
        rest_length: positive(params.rest_length, default.rest_length),
        iterations: params.iterations,
        coarsest_iterations: params.coarsest_iterations,
        theta: positive(params.theta, default.theta).clamp(0.05, 4.0),
        gravity: if params.gravity.is_finite() && params.gravity >= 0.0 {
            params.gravity
        } else {
            default.gravity
        },
        threads: params.threads.clamp(1, 256),
        seed: params.seed,
        coarsest_size: params.coarsest_size.max(2),
        tolerance: if params.tolerance.is_finite() && params.tolerance >= 0.0 {
            params.tolerance
        } else {
            default.tolerance
        },
    }
}

/// One level of the hierarchy: a weighted graph in CSR form.
#[derive(Debug, Default)]
struct Level {
    /// Row `i` of `adj`/`weight` is `start[i]..start[i + 1]`.
    start: Vec<usize>,
    adj: Vec<u32>,
    /// Number of finest edges each coarse edge stands for.
    weight: Vec<f32>,
    /// Number of finest nodes each node stands for.
    mass: Vec<f32>,
    /// Fixed position (mean of the fixed members' positions).
    fixed: Vec<Option<[f32; 2]>>,
}

impl Level {
    fn len(&self) -> usize {
        self.mass.len()
    }

    fn is_empty(&self) -> bool {
        self.mass.is_empty()
    }

    fn neighbours(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.adj[self.start[i]..self.start[i + 1]]
            .iter()
            .map(|&j| j as usize)
    }
}

/// Contracts a matching of `level`; returns the coarser level and each
/// node's parent in it.
fn coarsen(level: &Level, rng: &mut SplitMix64) -> (Level, Vec<u32>) {
    let n = level.len();
    const NONE: u32 = u32::MAX;
    let mut mate = vec![NONE; n];
    let mut order: Vec<u32> = (0..n as u32).collect();
    rng.shuffle(&mut order);
    // Heavy-edge matching, favouring light endpoints.
    for &u in &order {
        let u = u as usize;
        if mate[u] != NONE {
            continue;
        }
        let mut best = NONE;
        let mut best_score = 0.0f32;
        for e in level.start[u]..level.start[u + 1] {
            let v = level.adj[e] as usize;
            if mate[v] != NONE || v == u {
                continue;
            }
            let score = level.weight[e] / (level.mass[u] * level.mass[v]);
            if best == NONE || score > best_score {
                best = v as u32;
                best_score = score;
            }
        }
        if best != NONE {
            mate[u] = best;
            mate[best as usize] = u as u32;
        }
    }
    // Two-hop: pair unmatched nodes that share a neighbour (star leaves).
    for &v in &order {
        let v = v as usize;
        let mut pending = NONE;
        for e in level.start[v]..level.start[v + 1] {
            let u = level.adj[e];
            if mate[u as usize] != NONE {
                continue;
            }
            if pending == NONE {
                pending = u;
            } else {
                mate[u as usize] = pending;
                mate[pending as usize] = u;
                pending = NONE;
            }
        }
    }
    // Nodes without edges (collapsed components) pair up among themselves.
    let mut pending = NONE;
    for &u in &order {
        if mate[u as usize] != NONE || level.start[u as usize + 1] > level.start[u as usize] {
            continue;
        }
        if pending == NONE {
            pending = u;
        } else {
            mate[u as usize] = pending;
            mate[pending as usize] = u;
            pending = NONE;
        }
    }

    let mut parent = vec![NONE; n];
    let mut members: Vec<[u32; 2]> = Vec::with_capacity(n / 2 + 1);
    for u in 0..n {
        if parent[u] != NONE {
            continue;
        }
        let c = members.len() as u32;
        parent[u] = c;
        let m = mate[u];
        if m != NONE {
            parent[m as usize] = c;
        }
        members.push([u as u32, m]);
    }
    let nc = members.len();
    let mut coarse = Level {
        start: Vec::with_capacity(nc + 1),
        adj: Vec::with_capacity(level.adj.len()),
        weight: Vec::with_capacity(level.adj.len()),
        mass: Vec::with_capacity(nc),
        fixed: Vec::with_capacity(nc),
    };
    let mut slot = vec![usize::MAX; nc];
    coarse.start.push(0);
    for (c, pair) in members.iter().enumerate() {
        let row = coarse.adj.len();
        let mut mass = 0.0;
        let (mut fx, mut fy, mut fixed_count) = (0.0f32, 0.0f32, 0u32);
        for &u in pair.iter().filter(|&&u| u != NONE) {
            let u = u as usize;
            mass += level.mass[u];
            if let Some(p) = level.fixed[u] {
                fx += p[0];
                fy += p[1];
                fixed_count += 1;
            }
            for e in level.start[u]..level.start[u + 1] {
                let cv = parent[level.adj[e] as usize] as usize;
                if cv == c {
                    continue;
                }
                if slot[cv] != usize::MAX && slot[cv] >= row {
                    coarse.weight[slot[cv]] += level.weight[e];
                } else {
                    slot[cv] = coarse.adj.len();
                    coarse.adj.push(cv as u32);
                    coarse.weight.push(level.weight[e]);
                }
            }
        }
        coarse.start.push(coarse.adj.len());
        coarse.mass.push(mass);
        coarse
            .fixed
            .push((fixed_count > 0).then(|| [fx / fixed_count as f32, fy / fixed_count as f32]));
    }
    (coarse, parent)
}

/// Keeps, for every node, only its `keep` heaviest links (and links that
/// a neighbour keeps), so coarse levels of dense-ish graphs, which collect
/// ever more links per node, stay cheap to relax. Levels with no longer
/// row come back unchanged. O(m log m).
fn sparsify(level: Level, keep: usize) -> Level {
    let n = level.len();
    if (0..n).all(|u| level.start[u + 1] - level.start[u] <= keep) {
        return level;
    }
    let mut pairs: Vec<(u64, f32)> = Vec::with_capacity(n * keep);
    let mut row: Vec<usize> = Vec::new();
    for u in 0..n {
        row.clear();
        row.extend(level.start[u]..level.start[u + 1]);
        if row.len() > keep {
            row.sort_by(|&a, &b| {
                level.weight[b]
                    .total_cmp(&level.weight[a])
                    .then(level.adj[a].cmp(&level.adj[b]))
            });
            row.truncate(keep);
        }
        for &e in &row {
            let v = level.adj[e] as u64;
            let (a, b) = ((u as u64).min(v), (u as u64).max(v));
            pairs.push((a << 32 | b, level.weight[e]));
        }
    }
    pairs.sort_unstable_by_key(|&(key, _)| key);
    pairs.dedup_by_key(|&mut (key, _)| key);
    let mut degree = vec![0usize; n + 1];
    for &(key, _) in &pairs {
        degree[(key >> 32) as usize + 1] += 1;
        degree[(key & 0xffff_ffff) as usize + 1] += 1;
    }
    for u in 0..n {
        degree[u + 1] += degree[u];
    }
    let start = degree.clone();
    let mut fill = degree;
    let mut adj = vec![0u32; start[n]];
    let mut weight = vec![0.0f32; start[n]];
    for &(key, w) in &pairs {
        let (a, b) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
        adj[fill[a]] = b as u32;
        weight[fill[a]] = w;
        fill[a] += 1;
        adj[fill[b]] = a as u32;
        weight[fill[b]] = w;
        fill[b] += 1;
    }
    Level {
        start,
        adj,
        weight,
        mass: level.mass,
        fixed: level.fixed,
    }
}

/// Shared state of one layout run.
struct Run<'a> {
    params: &'a MultilevelParams,
    progress: &'a LayoutProgress,
    tree: QuadTree,
    /// Work units done and planned, for the progress fraction.
    done: f64,
    total: f64,
}

impl Run<'_> {
    fn advance(&mut self, units: f64) {
        self.done += units;
        let permille = (self.done / self.total.max(1.0) * 1000.0) as u32;
        self.progress.set(permille.min(999));
    }
}

/// Linked nodes closer than this many natural edge lengths `k`, or than
/// [`EXCLUSION_SPACING`] node spacings if that is less, still repel (see
/// [`relax`]).
const EXCLUSION_RADIUS: f32 = 0.25;
/// See [`EXCLUSION_RADIUS`]: in crowded layouts (dense graphs, whose links
/// are much longer than the node spacing) linked nodes may come this close
/// in units of the typical node spacing, so they end up side by side.
const EXCLUSION_SPACING: f32 = 0.25;
/// On structured graphs the median link settles at about this many natural
/// edge lengths `k`; the finest `k` is the rest length divided by it.
const MEDIAN_LINK_PER_K: f32 = 1.4;
/// Refinement levels up to this size get the full iteration count.
const FULL_ITERATIONS_UP_TO: usize = 20_000;
/// The step cap cools linearly to this fraction of its start value.
const COOLING_FLOOR: f32 = 0.05;
/// Chunk of nodes per parallel task.
const CHUNK: usize = 1024;
/// Levels smaller than this run on the calling thread only.
const PARALLEL_MIN: usize = 4096;

/// The multilevel layout of a graph without isolated nodes (positions in
/// level order).
fn multilevel(
    finest: &Level,
    params: &MultilevelParams,
    progress: &LayoutProgress,
) -> Vec<[f32; 2]> {
    let mut rng = SplitMix64(params.seed ^ 0x6c61_796f_7574);
    let mut coarser: Vec<Level> = Vec::new();
    // Coarse nodes keep at most this many links: a few times the finest
    // mean degree.
    let max_degree = finest.adj.len().div_ceil(finest.len().max(1)) + 8;
    let mut parents: Vec<Vec<u32>> = Vec::new();
    while coarser.len() < 64 {
        let last = coarser.last().unwrap_or(finest);
        if last.len() <= params.coarsest_size || progress.is_stopped() {
            break;
        }
        let (coarse, parent) = coarsen(last, &mut rng);
        if coarse.len() as f64 > 0.9 * last.len() as f64 {
            break;
        }
        let coarse = sparsify(coarse, max_degree);
        coarser.push(coarse);
        parents.push(parent);
    }
    let levels: Vec<&Level> = std::iter::once(finest).chain(coarser.iter()).collect();
    let n0 = levels[0].len() as f32;
    // Natural edge length of each level: every level covers the same area,
    // and on the finest the median link comes out near the rest length.
    let k_of =
        |level: &Level| params.rest_length / MEDIAN_LINK_PER_K * (n0 / level.len() as f32).sqrt();
    let coarsest = levels.len() - 1;
    let total: f64 = levels
        .iter()
        .enumerate()
        .map(|(l, level)| {
            let iterations = if l == coarsest {
                coarsest_iterations(params, level.len())
            } else {
                level_iterations(params.iterations, level.len())
            };
            (level.len() + level.adj.len()) as f64 * iterations as f64
        })
        .sum();
    let mut run = Run {
        params,
        progress,
        tree: QuadTree::new(),
        done: 0.0,
        total,
    };

    // Coarsest level from seeded random positions.
    let top = levels[coarsest];
    let k = k_of(top);
    let side = k * (top.len() as f32).sqrt();
    let fixed: Vec<[f32; 2]> = top.fixed.iter().flatten().copied().collect();
    let centre = if fixed.is_empty() {
        [0.0, 0.0]
    } else {
        let c = fixed
            .iter()
            .fold([0.0f64; 2], |a, p| [a[0] + p[0] as f64, a[1] + p[1] as f64]);
        [
            (c[0] / fixed.len() as f64) as f32,
            (c[1] / fixed.len() as f64) as f32,
        ]
    };
    let mut pos: Vec<[f32; 2]> = top
        .fixed
        .iter()
        .map(|f| {
            let r = [
                centre[0] + 0.5 * side * rng.signed(),
                centre[1] + 0.5 * side * rng.signed(),
            ];
            f.unwrap_or(r)
        })
        .collect();
    let iterations = coarsest_iterations(params, top.len());
    let mut stopped = relax_local(top, &mut pos, k, iterations, k, &mut run);

    for l in (0..coarsest).rev() {
        let level = levels[l];
        let k = k_of(level);
        let parent = &parents[l];
        let fine: Vec<[f32; 2]> = (0..level.len())
            .map(|i| {
                let p = pos[parent[i] as usize];
                let jitter = [0.1 * k * rng.signed(), 0.1 * k * rng.signed()];
                level.fixed[i].unwrap_or([p[0] + jitter[0], p[1] + jitter[1]])
            })
            .collect();
        pos = fine;
        if !stopped {
            let its = level_iterations(params.iterations, level.len());
            stopped = relax_local(level, &mut pos, k, its, k, &mut run);
        }
    }
    pos
}

/// [`relax`] on a copy of `level` renumbered in quadtree (Z-curve) order
/// of `pos`, so that linked nodes are mostly close in memory too; `pos`
/// stays in the original numbering. Small levels are relaxed as they are.
fn relax_local(
    level: &Level,
    pos: &mut [[f32; 2]],
    k: f32,
    iterations: u32,
    step: f32,
    run: &mut Run,
) -> bool {
    if level.len() < PARALLEL_MIN {
        return relax(level, pos, k, iterations, step, run);
    }
    run.tree.build(pos, None);
    let order: Vec<u32> = (0..level.len()).map(|s| run.tree.point_id(s)).collect();
    let mut rank = vec![0u32; level.len()];
    for (new, &old) in order.iter().enumerate() {
        rank[old as usize] = new as u32;
    }
    let mut local = Level {
        start: Vec::with_capacity(level.len() + 1),
        adj: Vec::with_capacity(level.adj.len()),
        weight: Vec::with_capacity(level.adj.len()),
        mass: Vec::with_capacity(level.len()),
        fixed: Vec::with_capacity(level.len()),
    };
    local.start.push(0);
    for &old in &order {
        let old = old as usize;
        for e in level.start[old]..level.start[old + 1] {
            local.adj.push(rank[level.adj[e] as usize]);
            local.weight.push(level.weight[e]);
        }
        local.start.push(local.adj.len());
        local.mass.push(level.mass[old]);
        local.fixed.push(level.fixed[old]);
    }
    let mut local_pos: Vec<[f32; 2]> = order.iter().map(|&old| pos[old as usize]).collect();
    let stopped = relax(&local, &mut local_pos, k, iterations, step, run);
    for (p, &old) in local_pos.iter().zip(&order) {
        pos[old as usize] = *p;
    }
    stopped
}

/// Typical distance between neighbouring nodes around `centre`: the
/// spacing of `positions.len()` nodes spread evenly over a disc whose
/// median radius is the nodes' median distance to `centre` (robust to a
/// few far outliers). O(n).
fn spacing(positions: &[[f32; 2]], centre: [f32; 2]) -> f32 {
    let mut r2: Vec<f32> = positions
        .iter()
        .map(|p| (p[0] - centre[0]).powi(2) + (p[1] - centre[1]).powi(2))
        .collect();
    if r2.is_empty() {
        return 0.0;
    }
    let mid = r2.len() / 2;
    r2.select_nth_unstable_by(mid, f32::total_cmp);
    (2.0 * std::f32::consts::PI * r2[mid] / positions.len() as f32).sqrt()
}

/// Iterations for the coarsest level of `n` nodes: the full
/// [`MultilevelParams::coarsest_iterations`] for a small level, fewer (but
/// at least [`MultilevelParams::iterations`]) when coarsening stopped early
/// on a big one.
fn coarsest_iterations(params: &MultilevelParams, n: usize) -> u32 {
    let small = (4 * params.coarsest_size) as f64;
    let ratio = (small / n.max(1) as f64).sqrt().min(1.0);
    let scaled = (params.coarsest_iterations as f64 * ratio).round() as u32;
    scaled.max(params.iterations.min(params.coarsest_iterations))
}

/// Iterations for a refinement level of `n` nodes: `iterations` up to
/// [`FULL_ITERATIONS_UP_TO`] nodes, then falling with √n down to half of
/// it, since big levels start from a good prolonged layout and cost most.
fn level_iterations(iterations: u32, n: usize) -> u32 {
    let ratio = (FULL_ITERATIONS_UP_TO as f64 / n.max(1) as f64).sqrt();
    (iterations as f64 * ratio.clamp(0.5, 1.0)).round() as u32
}

/// Relaxes `pos` on `level` for at most `iterations` steps with natural
/// edge length `k`, starting with step length `step`. Returns whether the
/// run was stopped.
///
/// Forces on a free node at `p` (all in layout units, so a force is also
/// the move it asks for):
/// * repulsion `k³/d²` from every other node (Barnes–Hut);
/// * for each link of length `d`, attraction `d³/k²` plus the exact
///   repulsion of that neighbour, weighted by `d²/(d² + r²)`, added back:
///   linked nodes do not repel beyond the radius `r` (a quarter of `k` or
///   of the node spacing, whichever is less), which keeps neighbourhoods
///   tight, yet they never collapse onto each other;
/// * gravity `gravity · (centroid − p)`.
///
/// The move is capped at the current step, which follows Hu's adaptive
/// rule and a linear cooling from the start value down to 5 % of it.
fn relax(
    level: &Level,
    pos: &mut [[f32; 2]],
    k: f32,
    iterations: u32,
    mut step: f32,
    run: &mut Run,
) -> bool {
    let n = level.len();
    let units = (n + level.adj.len()) as f64;
    let free = level.fixed.iter().filter(|f| f.is_none()).count();
    if free == 0 || iterations == 0 {
        run.advance(units * iterations as f64);
        return run.progress.is_stopped();
    }
    let params = run.params;
    let threads = if n >= PARALLEL_MIN { params.threads } else { 1 };
    let theta = params.theta;
    let gravity = params.gravity;
    let k2 = k * k;
    let k3 = k2 * k;
    let inv_k2 = 1.0 / k2;
    let min_d2 = 1e-6 * k2;
    let max_step = 2.0 * k * (n as f32).sqrt();
    let start_step = step;
    let mut next = vec![[0.0f32; 2]; n];
    let mut by_slot = vec![[0.0f32; 2]; n];
    let mut repulsion = vec![[0.0f32; 2]; n];
    let mut previous_energy = f64::INFINITY;
    let mut improved = 0;
    for iteration in 0..iterations {
        if run.progress.is_stopped() {
            return true;
        }
        let cooling = 1.0 - iteration as f32 / iterations as f32;
        let cap = step.min(start_step * (COOLING_FLOOR + (1.0 - COOLING_FLOOR) * cooling));
        run.tree.build(pos, None);
        let tree = &run.tree;
        let sum = pos
            .iter()
            .fold([0.0f64; 2], |a, p| [a[0] + p[0] as f64, a[1] + p[1] as f64]);
        let centre = [(sum[0] / n as f64) as f32, (sum[1] / n as f64) as f32];
        let exclusion = (EXCLUSION_RADIUS * k).min(EXCLUSION_SPACING * spacing(pos, centre));
        let exclusion2 = exclusion * exclusion;
        // Repulsion in tree order (nearby points share a walk), then
        // scattered to node order.
        for_chunks(&mut by_slot, CHUNK, threads, &|chunk, out| {
            let first = chunk * CHUNK;
            tree.repulsion_range(
                first..first + out.len(),
                theta,
                Falloff::InverseSquare,
                &mut WalkScratch::default(),
                out,
            );
        });
        for (slot, r) in by_slot.iter().enumerate() {
            repulsion[tree.point_id(slot) as usize] = *r;
        }
        // Everything else in node order, which keeps link lists and
        // linked nodes (numbered along the Z-curve) close in memory.
        let positions: &[[f32; 2]] = pos;
        let repulsion = &repulsion[..];
        let work = |chunk: usize, out: &mut [[f32; 2]]| -> (f64, f64) {
            let (mut energy, mut moved) = (0.0f64, 0.0f64);
            for (o, i) in out.iter_mut().zip(chunk * CHUNK..) {
                if let Some(f) = level.fixed[i] {
                    *o = f;
                    continue;
                }
                let p = positions[i];
                let r = repulsion[i];
                let mut fx = r[0] * k3 + gravity * (centre[0] - p[0]);
                let mut fy = r[1] * k3 + gravity * (centre[1] - p[1]);
                for &j in &level.adj[level.start[i]..level.start[i + 1]] {
                    let q = positions[j as usize];
                    let dx = q[0] - p[0];
                    let dy = q[1] - p[1];
                    let d2 = (dx * dx + dy * dy).max(min_d2);
                    let cancel = k3 / (d2.sqrt() * (d2 + exclusion2));
                    let s = d2 * inv_k2 + cancel;
                    fx += dx * s;
                    fy += dy * s;
                }
                let f = (fx * fx + fy * fy).sqrt();
                if !f.is_finite() {
                    *o = p;
                    continue;
                }
                energy += (f as f64) * (f as f64);
                let scale = if f > cap { cap / f } else { 1.0 };
                moved += (f * scale) as f64;
                *o = [p[0] + fx * scale, p[1] + fy * scale];
            }
            (energy, moved)
        };
        let sums = for_chunks(&mut next, CHUNK, threads, &work);
        let (energy, moved) = sums.iter().fold((0.0, 0.0), |a, s| (a.0 + s.0, a.1 + s.1));
        pos.copy_from_slice(&next);
        run.advance(units);
        // Adaptive step (Hu 2005).
        if energy < previous_energy {
            improved += 1;
            if improved >= 5 {
                improved = 0;
                step = (step / 0.9).min(max_step);
            }
        } else {
            improved = 0;
            step *= 0.9;
        }
        previous_energy = energy;
        if iteration >= 5 && moved / (free as f64) < (params.tolerance * k) as f64 {
            run.advance(units * (iterations - iteration - 1) as f64);
            break;
        }
    }
    run.progress.is_stopped()
}

/// Runs `work(chunk_index, chunk)` over `data` split into chunks of
/// `chunk` elements on up to `threads` threads; returns the results in
/// chunk order (so reductions over them are deterministic).
fn for_chunks<T: Send, R: Send>(
    data: &mut [T],
    chunk: usize,
    threads: usize,
    work: &(dyn Fn(usize, &mut [T]) -> R + Sync),
) -> Vec<R> {
    let count = data.len().div_ceil(chunk);
    if threads <= 1 || count <= 1 {
        return data
            .chunks_mut(chunk)
            .enumerate()
            .map(|(i, c)| work(i, c))
            .collect();
    }
    let queue = Mutex::new(data.chunks_mut(chunk).enumerate());
    let drain = || {
        let mut done = Vec::new();
        loop {
            let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
            match next {
                Some((i, c)) => done.push((i, work(i, c))),
                None => return done,
            }
        }
    };
    let mut all: Vec<(usize, R)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.min(count))
            .map(|_| scope.spawn(drain))
            .collect();
        let mut all = drain();
        for helper in helpers {
            match helper.join() {
                Ok(done) => all.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    all.sort_unstable_by_key(|&(i, _)| i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// Packs the connected components without fixed nodes (isolated nodes
/// included) in rows, largest first: below the fixed components when there
/// are some, otherwise from the origin, then centres everything on the
/// origin when nothing is fixed.
fn pack_components(
    out: &mut [[f32; 2]],
    finest: &Level,
    active: &[u32],
    n: usize,
    fixed_at: &dyn Fn(usize) -> Option<[f32; 2]>,
    params: &MultilevelParams,
    any_fixed: bool,
) {
    if n == 0 {
        return;
    }
    // Components of the finest level (by level index), via union-find.
    let mut root: Vec<u32> = (0..finest.len() as u32).collect();
    fn find(root: &mut [u32], mut i: u32) -> u32 {
        while root[i as usize] != i {
            let up = root[root[i as usize] as usize];
            root[i as usize] = up;
            i = up;
        }
        i
    }
    for i in 0..finest.len() {
        for j in finest.neighbours(i) {
            let (a, b) = (find(&mut root, i as u32), find(&mut root, j as u32));
            if a != b {
                root[a.max(b) as usize] = a.min(b);
            }
        }
    }
    // Component id per node: by level root for linked nodes, fresh ids for
    // isolated ones.
    let mut component = vec![u32::MAX; n];
    let mut comp_of_root = vec![u32::MAX; finest.len()];
    let mut count = 0u32;
    let mut level_index = vec![u32::MAX; n];
    for (i, &a) in active.iter().enumerate() {
        level_index[a as usize] = i as u32;
    }
    for (node, c) in component.iter_mut().enumerate() {
        let li = level_index[node];
        if li == u32::MAX {
            *c = count;
            count += 1;
        } else {
            let r = find(&mut root, li) as usize;
            if comp_of_root[r] == u32::MAX {
                comp_of_root[r] = count;
                count += 1;
            }
            *c = comp_of_root[r];
        }
    }
    let count = count as usize;
    let mut size = vec![0usize; count];
    let mut has_fixed = vec![false; count];
    let mut lo = vec![[f32::INFINITY; 2]; count];
    let mut hi = vec![[f32::NEG_INFINITY; 2]; count];
    for node in 0..n {
        let c = component[node] as usize;
        size[c] += 1;
        has_fixed[c] |= fixed_at(node).is_some();
        let p = out[node];
        lo[c] = [lo[c][0].min(p[0]), lo[c][1].min(p[1])];
        hi[c] = [hi[c][0].max(p[0]), hi[c][1].max(p[1])];
    }
    let gap = params.rest_length;
    let mut free: Vec<usize> = (0..count).filter(|&c| !has_fixed[c]).collect();
    free.sort_by_key(|&c| std::cmp::Reverse(size[c]));
    let extent = |c: usize| [hi[c][0] - lo[c][0], hi[c][1] - lo[c][1]];
    let area: f64 = free
        .iter()
        .map(|&c| {
            let e = extent(c);
            (e[0] + gap) as f64 * (e[1] + gap) as f64
        })
        .sum();
    let widest = free.iter().map(|&c| extent(c)[0]).fold(0.0f32, f32::max);
    // Where packing starts: below the fixed components, if any.
    let (mut origin, mut width) = ([0.0f32, 0.0f32], widest.max(area.sqrt() as f32));
    if any_fixed {
        let (mut flo, mut fhi) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
        for c in (0..count).filter(|&c| has_fixed[c]) {
            flo = [flo[0].min(lo[c][0]), flo[1].min(lo[c][1])];
            fhi = [fhi[0].max(hi[c][0]), fhi[1].max(hi[c][1])];
        }
        if flo[0].is_finite() {
            origin = [flo[0], fhi[1] + 2.0 * gap];
            width = width.max(fhi[0] - flo[0]);
        }
    }
    let mut shift = vec![[0.0f32; 2]; count];
    let (mut x, mut y, mut row_height) = (0.0f32, 0.0f32, 0.0f32);
    for &c in &free {
        let e = extent(c);
        if x > 0.0 && x + e[0] > width {
            x = 0.0;
            y += row_height + gap;
            row_height = 0.0;
        }
        shift[c] = [origin[0] + x - lo[c][0], origin[1] + y - lo[c][1]];
        x += e[0] + gap;
        row_height = row_height.max(e[1]);
    }
    for node in 0..n {
        let c = component[node] as usize;
        if !has_fixed[c] {
            out[node][0] += shift[c][0];
            out[node][1] += shift[c][1];
        }
    }
    if !any_fixed {
        let (mut blo, mut bhi) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
        for p in out.iter() {
            blo = [blo[0].min(p[0]), blo[1].min(p[1])];
            bhi = [bhi[0].max(p[0]), bhi[1].max(p[1])];
        }
        let mid = [(blo[0] + bhi[0]) * 0.5, (blo[1] + bhi[1]) * 0.5];
        for p in out.iter_mut() {
            p[0] -= mid[0];
            p[1] -= mid[1];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::quality::{edge_length_spread, neighbourhood_preservation};
    use super::*;
    use std::time::{Duration, Instant};

    fn grid(w: u32, h: u32) -> Vec<(u32, u32)> {
        let mut edges = Vec::new();
        for y in 0..h {
            for x in 0..w {
                let i = y * w + x;
                if x + 1 < w {
                    edges.push((i, i + 1));
                }
                if y + 1 < h {
                    edges.push((i, i + w));
                }
            }
        }
        edges
    }

    fn run(n: usize, edges: &[(u32, u32)], fixed: &[Option<[f32; 2]>]) -> Vec<[f32; 2]> {
        lay_out(
            n,
            edges,
            fixed,
            &MultilevelParams::default(),
            &LayoutProgress::new(),
        )
    }

    fn all_finite(pos: &[[f32; 2]]) -> bool {
        pos.iter().all(|p| p[0].is_finite() && p[1].is_finite())
    }

    fn median_edge(pos: &[[f32; 2]], edges: &[(u32, u32)]) -> f32 {
        let mut lengths: Vec<f32> = edges
            .iter()
            .map(|&(a, b)| {
                let (p, q) = (pos[a as usize], pos[b as usize]);
                (p[0] - q[0]).hypot(p[1] - q[1])
            })
            .collect();
        lengths.sort_by(f32::total_cmp);
        lengths[lengths.len() / 2]
    }

    #[test]
    fn degenerate_inputs_give_finite_positions() {
        assert!(run(0, &[], &[]).is_empty());
        let one = run(1, &[(0, 0)], &[]);
        assert_eq!(one.len(), 1);
        assert!(all_finite(&one));
        let isolated = run(1000, &[], &[]);
        assert!(all_finite(&isolated));
        // Isolated nodes are packed apart, not piled up.
        let mut sorted = isolated.clone();
        sorted.sort_by(|a, b| a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1])));
        sorted.dedup();
        assert_eq!(sorted.len(), 1000);
        // Self-loops, duplicates, out-of-range endpoints.
        let messy = run(3, &[(0, 1), (1, 0), (0, 1), (2, 2), (1, 9), (7, 8)], &[]);
        assert!(all_finite(&messy));
        let clean = run(3, &[(0, 1)], &[]);
        assert_eq!(messy, clean);
        // Everything fixed at one point stays there.
        let same = vec![Some([3.0, -4.0]); 50];
        let edges: Vec<(u32, u32)> = (1..50).map(|i| (0, i)).collect();
        assert!(run(50, &edges, &same).iter().all(|p| *p == [3.0, -4.0]));
        // Half the nodes fixed on one point, the others linked to them.
        let mut pile = vec![None; 600];
        pile[..300].fill(Some([5.0, 5.0]));
        let edges: Vec<(u32, u32)> = (300..600).map(|i| (i, i - 300)).collect();
        let pos = run(600, &edges, &pile);
        assert!(all_finite(&pos));
        assert!(pos[..300].iter().all(|p| *p == [5.0, 5.0]));
        // Non-finite fixed points count as free.
        let bad = vec![Some([f32::NAN, 0.0]), Some([f32::INFINITY, 1.0])];
        assert!(all_finite(&run(2, &[(0, 1)], &bad)));
        // Nonsense parameters fall back to sane ones.
        let params = MultilevelParams {
            rest_length: f32::NAN,
            theta: -1.0,
            gravity: f32::INFINITY,
            threads: 0,
            tolerance: f32::NAN,
            ..MultilevelParams::default()
        };
        let pos = lay_out(100, &grid(10, 10), &[], &params, &LayoutProgress::new());
        assert!(all_finite(&pos));
    }

    #[test]
    fn big_star_stays_finite_and_compact() {
        let leaves = if cfg!(debug_assertions) {
            2_000
        } else {
            100_000
        };
        let edges: Vec<(u32, u32)> = (1..=leaves).map(|i| (0, i)).collect();
        let pos = run(leaves as usize + 1, &edges, &[]);
        assert!(all_finite(&pos));
        // Leaves sit around the hub, well within a disc of their total area.
        let radius = 120.0 * (leaves as f32).sqrt() * 2.0;
        let hub = pos[0];
        assert!(
            pos.iter()
                .all(|p| (p[0] - hub[0]).hypot(p[1] - hub[1]) < radius)
        );
    }

    #[test]
    fn deterministic_for_any_thread_count() {
        // Big enough for the parallel path (levels of 4096+ nodes).
        let edges = grid(65, 65);
        let n = 4225;
        let with = |threads: usize| {
            let params = MultilevelParams {
                threads,
                ..MultilevelParams::default()
            };
            lay_out(n, &edges, &[], &params, &LayoutProgress::new())
        };
        let one = with(1);
        assert_eq!(one, with(3));
        let reseeded = lay_out(
            n,
            &edges,
            &[],
            &MultilevelParams {
                seed: 99,
                ..MultilevelParams::default()
            },
            &LayoutProgress::new(),
        );
        assert_ne!(one, reseeded);
    }

    #[test]
    fn fixed_nodes_stay_put_and_frame_is_kept() {
        let edges = grid(12, 12);
        let mut fixed = vec![None; 144];
        fixed[0] = Some([1000.0, 1000.0]);
        fixed[143] = Some([2500.0, 2200.0]);
        let pos = run(144, &edges, &fixed);
        assert_eq!(pos[0], [1000.0, 1000.0]);
        assert_eq!(pos[143], [2500.0, 2200.0]);
        assert!(all_finite(&pos));
        // Free nodes gather around the fixed ones, at about the rest length.
        let median = median_edge(&pos, &edges);
        assert!((40.0..360.0).contains(&median), "median edge {median}");
        assert!(
            pos.iter()
                .all(|p| (p[0] - 1750.0).abs() < 3000.0 && (p[1] - 1600.0).abs() < 3000.0)
        );
    }

    #[test]
    fn grid_and_path_come_out_well() {
        let edges = grid(40, 40);
        let pos = run(1600, &edges, &[]);
        let np = neighbourhood_preservation(&pos, 1600, &edges, 0);
        let spread = edge_length_spread(&pos, &edges);
        assert!(np > 0.9, "grid neighbourhood preservation {np}");
        assert!(spread < 0.2, "grid edge length spread {spread}");
        let median = median_edge(&pos, &edges);
        assert!((median - 120.0).abs() < 1.0, "median edge {median}");

        let path: Vec<(u32, u32)> = (0..499).map(|i| (i, i + 1)).collect();
        let pos = run(500, &path, &[]);
        let np = neighbourhood_preservation(&pos, 500, &path, 0);
        let spread = edge_length_spread(&pos, &path);
        assert!(np > 0.85, "path neighbourhood preservation {np}");
        assert!(spread < 0.2, "path edge length spread {spread}");
    }

    #[test]
    fn components_do_not_overlap() {
        // Two 15×15 grids, a triangle and five isolated nodes.
        let mut edges = grid(15, 15);
        edges.extend(grid(15, 15).iter().map(|&(a, b)| (a + 225, b + 225)));
        edges.extend([(450, 451), (451, 452), (452, 450)]);
        let n = 458;
        let pos = run(n, &edges, &[]);
        assert!(all_finite(&pos));
        let bbox = |range: std::ops::Range<usize>| {
            let mut b = [
                f32::INFINITY,
                f32::INFINITY,
                f32::NEG_INFINITY,
                f32::NEG_INFINITY,
            ];
            for p in &pos[range] {
                b = [
                    b[0].min(p[0]),
                    b[1].min(p[1]),
                    b[2].max(p[0]),
                    b[3].max(p[1]),
                ];
            }
            b
        };
        let boxes = [bbox(0..225), bbox(225..450), bbox(450..453)];
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let apart = a[2] < b[0] || b[2] < a[0] || a[3] < b[1] || b[3] < a[1];
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
        // Nothing flies off: all within a few grid widths of each other.
        let all = bbox(0..n);
        assert!(
            all[2] - all[0] < 20_000.0 && all[3] - all[1] < 20_000.0,
            "{all:?}"
        );
    }

    #[test]
    fn stop_is_honoured_quickly_and_progress_reaches_one() {
        let edges = grid(150, 150);
        let n = 22_500;
        let progress = LayoutProgress::new();
        let params = MultilevelParams::default();
        let (pos, stopped_after) = std::thread::scope(|scope| {
            let worker = scope.spawn(|| lay_out(n, &edges, &[], &params, &progress));
            while progress.fraction() < 0.05 {
                std::thread::sleep(Duration::from_millis(1));
            }
            progress.stop();
            let asked = Instant::now();
            let pos = worker.join().expect("layout thread");
            (pos, asked.elapsed())
        });
        assert!(progress.is_stopped());
        assert_eq!(pos.len(), n);
        assert!(all_finite(&pos));
        assert!(stopped_after < Duration::from_secs(2), "{stopped_after:?}");
        assert_eq!(progress.fraction(), 1.0);

        let progress = LayoutProgress::new();
        assert_eq!(progress.fraction(), 0.0);
        let _ = lay_out(100, &grid(10, 10), &[], &params, &progress);
        assert_eq!(progress.fraction(), 1.0);
        assert!(!progress.is_stopped());
    }
}
