//! Shortest paths from one entity, as the path-based measures need them:
//! the order entities are settled in, their distance, the number of
//! shortest paths reaching each (σ) and their predecessors on those paths.
//! Breadth-first for an unweighted graph, Dijkstra with distance 1/weight
//! otherwise; equal distances are compared exactly, as networkx does.
//!
//! Also the work split shared by those measures: sources in fixed chunks,
//! taken by the cores in turn and summed in chunk order, so that a result
//! does not depend on the number of cores.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use super::{Progress, SimpleGraph};

/// Buffers for one source at a time, reused across sources.
pub(super) struct SingleSource {
    /// Entities reached, in the order they were settled.
    pub order: Vec<u32>,
    pub dist: Vec<f64>,
    pub sigma: Vec<f64>,
    pub preds: Vec<Vec<u32>>,
    /// Per-entity scratch space for the measure (zero for the entities in
    /// `order` when a run starts).
    pub scratch: Vec<f64>,
    queue: VecDeque<u32>,
    heap: BinaryHeap<Entry>,
    settled: Vec<bool>,
}

#[derive(PartialEq)]
struct Entry(f64, u32);

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    // A min-heap on distance, then on index.
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.total_cmp(&self.0).then(other.1.cmp(&self.1))
    }
}

impl SingleSource {
    pub(super) fn new(n: usize) -> Self {
        SingleSource {
            order: Vec::with_capacity(n),
            dist: vec![f64::INFINITY; n],
            sigma: vec![0.0; n],
            preds: vec![Vec::new(); n],
            scratch: vec![0.0; n],
            queue: VecDeque::new(),
            heap: BinaryHeap::new(),
            settled: vec![false; n],
        }
    }

    /// Shortest paths from `source`. O(V + E) unweighted, O(E log V)
    /// weighted.
    pub(super) fn run(&mut self, graph: &SimpleGraph, source: u32, weighted: bool) {
        for &v in &self.order {
            let v = v as usize;
            self.dist[v] = f64::INFINITY;
            self.sigma[v] = 0.0;
            self.preds[v].clear();
            self.settled[v] = false;
            self.scratch[v] = 0.0;
        }
        self.order.clear();
        let s = source as usize;
        self.dist[s] = 0.0;
        self.sigma[s] = 1.0;
        if weighted {
            self.dijkstra(graph, source);
        } else {
            self.breadth_first(graph, source);
        }
    }

    fn breadth_first(&mut self, graph: &SimpleGraph, source: u32) {
        self.queue.clear();
        self.queue.push_back(source);
        // Entities touched but not yet settled need resetting too: the
        // queue settles every entity it reaches, so `order` covers them.
        while let Some(v) = self.queue.pop_front() {
            self.order.push(v);
            let next = self.dist[v as usize] + 1.0;
            for &(w, _) in &graph.adjacency[v as usize] {
                let w_ = w as usize;
                if self.dist[w_].is_infinite() {
                    self.dist[w_] = next;
                    self.queue.push_back(w);
                }
                if self.dist[w_] == next {
                    self.sigma[w_] += self.sigma[v as usize];
                    self.preds[w_].push(v);
                }
            }
        }
    }

    fn dijkstra(&mut self, graph: &SimpleGraph, source: u32) {
        self.heap.clear();
        self.heap.push(Entry(0.0, source));
        let mut touched: Vec<u32> = vec![source];
        while let Some(Entry(d, v)) = self.heap.pop() {
            let v_ = v as usize;
            if self.settled[v_] || d > self.dist[v_] {
                continue;
            }
            self.settled[v_] = true;
            self.order.push(v);
            for &(w, weight) in &graph.adjacency[v_] {
                let w_ = w as usize;
                if self.settled[w_] {
                    continue;
                }
                let through = d + 1.0 / weight;
                if through < self.dist[w_] {
                    if self.dist[w_].is_infinite() {
                        touched.push(w);
                    }
                    self.dist[w_] = through;
                    self.sigma[w_] = self.sigma[v_];
                    self.preds[w_].clear();
                    self.preds[w_].push(v);
                    self.heap.push(Entry(through, w));
                } else if through == self.dist[w_] {
                    self.sigma[w_] += self.sigma[v_];
                    self.preds[w_].push(v);
                }
            }
        }
        // Every touched entity is settled (the graph is finite), so `order`
        // resets them all next time; `touched` only guards that claim.
        debug_assert!(touched.iter().all(|&t| self.settled[t as usize]));
    }
}

/// Runs `work` for every source in `sources`, on every core, in fixed
/// chunks; each chunk's result starts from `zero` and the results are
/// summed in chunk order. Returns `None` when stopped.
pub(super) fn over_sources(
    graph: &SimpleGraph,
    sources: &[u32],
    progress: &Progress,
    work: impl Fn(&mut SingleSource, u32, &mut Vec<f64>) + Sync,
) -> Option<Vec<f64>> {
    let n = graph.len();
    const CHUNKS: usize = 64;
    let size = sources.len().div_ceil(CHUNKS).max(1);
    let chunks: Vec<&[u32]> = sources.chunks(size).collect();
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(chunks.len().max(1));
    progress.start(sources.len());
    let mut results: Vec<Option<Vec<f64>>> = vec![None; chunks.len()];
    let finished: Vec<Vec<(usize, Vec<f64>)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut buffers = SingleSource::new(n);
                    let mut done = Vec::new();
                    loop {
                        let chunk = next.fetch_add(1, AtomicOrdering::Relaxed);
                        if chunk >= chunks.len() || progress.is_stopped() {
                            return done;
                        }
                        let mut sum = vec![0.0; n];
                        for &source in chunks[chunk] {
                            work(&mut buffers, source, &mut sum);
                        }
                        progress.advance(chunks[chunk].len());
                        done.push((chunk, sum));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().unwrap_or_default())
            .collect()
    });
    for (chunk, sum) in finished.into_iter().flatten() {
        results[chunk] = Some(sum);
    }
    if progress.is_stopped() || results.iter().any(Option::is_none) {
        return None;
    }
    let mut total = vec![0.0; n];
    for sum in results.into_iter().flatten() {
        for (t, s) in total.iter_mut().zip(sum) {
            *t += s;
        }
    }
    Some(total)
}
