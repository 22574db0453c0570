//! Layout quality measures, for comparing layouts (ours, igraph's,
//! Graphviz's) of the same graph.
//!
//! * [`neighbourhood_preservation`]: how far the nodes nearest to a node in
//!   the picture are its graph neighbours (mean Jaccard index, 0..1, higher
//!   is better). Nearest nodes come from a k-d tree, so 100k nodes take well
//!   under a second.
//! * [`edge_length_spread`]: coefficient of variation of edge lengths (lower
//!   is better; independent of scale).
//!
//! Edges are undirected index pairs; self-loops, duplicates and
//! out-of-range indices are ignored, and nodes with non-finite positions are
//! left out, so both measures are always finite.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Unique undirected neighbour lists (CSR) over `n` nodes, without
/// self-loops or out-of-range endpoints.
fn neighbour_lists(n: usize, edges: &[(u32, u32)]) -> (Vec<usize>, Vec<u32>) {
    let mut pairs: Vec<(u32, u32)> = edges
        .iter()
        .filter(|&&(a, b)| a != b && (a as usize) < n && (b as usize) < n)
        .flat_map(|&(a, b)| [(a, b), (b, a)])
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut start = vec![0usize; n + 1];
    for &(a, _) in &pairs {
        start[a as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    (start, pairs.into_iter().map(|(_, b)| b).collect())
}

/// Mean neighbourhood preservation of a layout.
///
/// For a deterministic, evenly spaced sample of at most `sample` nodes with
/// at least one neighbour (`sample == 0` means every such node), takes the
/// `k` = degree nodes nearest to it in the layout (ties broken by index)
/// and computes the Jaccard index of that set with its graph neighbour set.
/// Returns the mean over the sample, in 0..=1 (higher is better), or 0 when
/// no node qualifies. Only the first `node_count` positions are used; nodes
/// with non-finite positions are neither sampled nor counted as near.
///
/// O(n log n + S·k·log n) for n nodes, S sampled nodes of degree k (a k-d
/// tree answers the nearest-node queries), plus O(m log m) for the edges.
pub fn neighbourhood_preservation(
    positions: &[[f32; 2]],
    node_count: usize,
    edges: &[(u32, u32)],
    sample: usize,
) -> f64 {
    let n = node_count.min(positions.len());
    let finite = |i: usize| positions[i][0].is_finite() && positions[i][1].is_finite();
    let (start, adj) = neighbour_lists(n, edges);
    let eligible: Vec<usize> = (0..n)
        .filter(|&i| start[i + 1] > start[i] && finite(i))
        .collect();
    if eligible.is_empty() {
        return 0.0;
    }
    let chosen: Vec<usize> = if sample == 0 || sample >= eligible.len() {
        eligible
    } else {
        (0..sample)
            .map(|j| eligible[j * eligible.len() / sample])
            .collect()
    };
    let tree = KdTree::new(
        (0..n)
            .filter(|&i| finite(i))
            .map(|i| (positions[i][0] as f64, positions[i][1] as f64, i as u32))
            .collect(),
    );
    let mut heap = BinaryHeap::new();
    let mut total = 0.0f64;
    for &i in &chosen {
        let neighbours = &adj[start[i]..start[i + 1]];
        let k = neighbours.len();
        let at = (positions[i][0] as f64, positions[i][1] as f64);
        tree.nearest(at, i as u32, k, &mut heap);
        let near: Vec<u32> = heap.drain().map(|c| c.id).collect();
        let common = near
            .iter()
            .filter(|id| neighbours.binary_search(id).is_ok())
            .count();
        let union = k + near.len() - common;
        if union > 0 {
            total += common as f64 / union as f64;
        }
    }
    total / chosen.len() as f64
}

/// Coefficient of variation (standard deviation / mean) of the lengths of
/// the unique, non-loop edges whose endpoints have finite positions.
/// Scale-free; 0 for perfectly uniform edges, lower is better. Returns 0
/// when there is no such edge or every such edge has length 0.
/// O(m log m) for m edges (deduplication).
pub fn edge_length_spread(positions: &[[f32; 2]], edges: &[(u32, u32)]) -> f64 {
    let n = positions.len();
    let mut pairs: Vec<(u32, u32)> = edges
        .iter()
        .filter(|&&(a, b)| a != b && (a as usize) < n && (b as usize) < n)
        .map(|&(a, b)| (a.min(b), a.max(b)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let lengths: Vec<f64> = pairs
        .iter()
        .filter_map(|&(a, b)| {
            let p = positions[a as usize];
            let q = positions[b as usize];
            let d = ((p[0] - q[0]) as f64).hypot((p[1] - q[1]) as f64);
            d.is_finite().then_some(d)
        })
        .collect();
    if lengths.is_empty() {
        return 0.0;
    }
    let mean = lengths.iter().sum::<f64>() / lengths.len() as f64;
    if mean.is_nan() || mean <= 0.0 {
        return 0.0;
    }
    let var = lengths.iter().map(|d| (d - mean) * (d - mean)).sum::<f64>() / lengths.len() as f64;
    let cv = var.sqrt() / mean;
    if cv.is_finite() { cv } else { 0.0 }
}

/// A candidate neighbour, ordered by (squared distance, id).
#[derive(Clone, Copy, Debug)]
struct Candidate {
    d2: f64,
    id: u32,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.d2
            .total_cmp(&other.d2)
            .then_with(|| self.id.cmp(&other.id))
    }
}

/// An implicit 2-d tree: each range's middle element splits it on the axis
/// recorded for that element.
struct KdTree {
    points: Vec<(f64, f64, u32)>,
    /// Split axis (0 = x, 1 = y) of the element at each index.
    axis: Vec<u8>,
}

const KD_LEAF: usize = 8;

impl KdTree {
    fn new(mut points: Vec<(f64, f64, u32)>) -> Self {
        let mut axis = vec![0u8; points.len()];
        Self::build(&mut points, &mut axis);
        KdTree { points, axis }
    }

    fn build(points: &mut [(f64, f64, u32)], axis: &mut [u8]) {
        if points.len() <= KD_LEAF {
            return;
        }
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for p in points.iter() {
            lo[0] = lo[0].min(p.0);
            hi[0] = hi[0].max(p.0);
            lo[1] = lo[1].min(p.1);
            hi[1] = hi[1].max(p.1);
        }
        let a = usize::from(hi[1] - lo[1] > hi[0] - lo[0]);
        let mid = points.len() / 2;
        let key = |p: &(f64, f64, u32)| if a == 0 { p.0 } else { p.1 };
        points.select_nth_unstable_by(mid, |p, q| {
            key(p).total_cmp(&key(q)).then_with(|| p.2.cmp(&q.2))
        });
        axis[mid] = a as u8;
        let (left, rest) = points.split_at_mut(mid);
        let (left_axis, rest_axis) = axis.split_at_mut(mid);
        Self::build(left, left_axis);
        Self::build(&mut rest[1..], &mut rest_axis[1..]);
    }

    /// Leaves in `heap` the `k` points nearest to `at` (excluding id
    /// `skip`), by (distance, id).
    fn nearest(&self, at: (f64, f64), skip: u32, k: usize, heap: &mut BinaryHeap<Candidate>) {
        heap.clear();
        if k > 0 {
            self.search(0, self.points.len(), at, skip, k, heap);
        }
    }

    fn offer(heap: &mut BinaryHeap<Candidate>, k: usize, c: Candidate) {
        if heap.len() < k {
            heap.push(c);
        } else if let Some(mut worst) = heap.peek_mut()
            && c < *worst
        {
            *worst = c;
        }
    }

    fn search(
        &self,
        lo: usize,
        hi: usize,
        at: (f64, f64),
        skip: u32,
        k: usize,
        heap: &mut BinaryHeap<Candidate>,
    ) {
        let dist = |p: &(f64, f64, u32)| {
            let dx = p.0 - at.0;
            let dy = p.1 - at.1;
            dx * dx + dy * dy
        };
        if hi - lo <= KD_LEAF {
            for p in &self.points[lo..hi] {
                if p.2 != skip {
                    Self::offer(
                        heap,
                        k,
                        Candidate {
                            d2: dist(p),
                            id: p.2,
                        },
                    );
                }
            }
            return;
        }
        let mid = lo + (hi - lo) / 2;
        let p = &self.points[mid];
        if p.2 != skip {
            Self::offer(
                heap,
                k,
                Candidate {
                    d2: dist(p),
                    id: p.2,
                },
            );
        }
        let diff = if self.axis[mid] == 0 {
            at.0 - p.0
        } else {
            at.1 - p.1
        };
        let (near, far) = if diff < 0.0 {
            ((lo, mid), (mid + 1, hi))
        } else {
            ((mid + 1, hi), (lo, mid))
        };
        self.search(near.0, near.1, at, skip, k, heap);
        let worst = if heap.len() < k {
            f64::INFINITY
        } else {
            heap.peek().map_or(f64::INFINITY, |c| c.d2)
        };
        if diff * diff <= worst {
            self.search(far.0, far.1, at, skip, k, heap);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(w: usize, h: usize) -> (Vec<[f32; 2]>, Vec<(u32, u32)>) {
        let mut pos = Vec::new();
        let mut edges = Vec::new();
        for y in 0..h {
            for x in 0..w {
                let i = (y * w + x) as u32;
                pos.push([x as f32, y as f32]);
                if x + 1 < w {
                    edges.push((i, i + 1));
                }
                if y + 1 < h {
                    edges.push((i, i + w as u32));
                }
            }
        }
        (pos, edges)
    }

    fn brute_force_np(pos: &[[f32; 2]], edges: &[(u32, u32)]) -> f64 {
        let n = pos.len();
        let (start, adj) = neighbour_lists(n, edges);
        let mut total = 0.0;
        let mut count = 0;
        for i in 0..n {
            let nb = &adj[start[i]..start[i + 1]];
            if nb.is_empty() {
                continue;
            }
            let mut others: Vec<Candidate> = (0..n)
                .filter(|&j| j != i)
                .map(|j| {
                    let dx = (pos[i][0] - pos[j][0]) as f64;
                    let dy = (pos[i][1] - pos[j][1]) as f64;
                    Candidate {
                        d2: dx * dx + dy * dy,
                        id: j as u32,
                    }
                })
                .collect();
            others.sort();
            let common = others[..nb.len()]
                .iter()
                .filter(|c| nb.contains(&c.id))
                .count();
            total += common as f64 / (2 * nb.len() - common) as f64;
            count += 1;
        }
        total / count as f64
    }

    #[test]
    fn perfect_grid_scores_high_and_matches_brute_force() {
        let (pos, edges) = grid(20, 15);
        let np = neighbourhood_preservation(&pos, pos.len(), &edges, 0);
        assert!((np - brute_force_np(&pos, &edges)).abs() < 1e-12);
        assert!(np > 0.9, "{np}");
        assert!(edge_length_spread(&pos, &edges) < 1e-9);
    }

    #[test]
    fn scrambled_layout_scores_low() {
        let (mut pos, edges) = grid(30, 30);
        let n = pos.len();
        for i in 0..n {
            let j = (i * 7919 + 13) % n;
            pos.swap(i, j);
        }
        let np = neighbourhood_preservation(&pos, n, &edges, 0);
        assert!((np - brute_force_np(&pos, &edges)).abs() < 1e-12);
        assert!(np < 0.3, "{np}");
        assert!(edge_length_spread(&pos, &edges) > 0.3);
    }

    #[test]
    fn sampling_and_degenerate_inputs() {
        let (pos, edges) = grid(10, 10);
        let all = neighbourhood_preservation(&pos, 100, &edges, 0);
        let some = neighbourhood_preservation(&pos, 100, &edges, 10);
        assert!(some > 0.5 && (some - all).abs() < 0.3);
        assert_eq!(neighbourhood_preservation(&[], 0, &[], 10), 0.0);
        assert_eq!(neighbourhood_preservation(&pos, 100, &[], 10), 0.0);
        assert_eq!(edge_length_spread(&pos, &[(1, 1), (0, 500)]), 0.0);
        // Coincident nodes and a NaN position.
        let same = vec![[1.0, 1.0]; 5];
        let e = [(0, 1), (1, 2), (2, 3), (3, 4), (0, 1)];
        assert!(neighbourhood_preservation(&same, 5, &e, 0).is_finite());
        assert_eq!(edge_length_spread(&same, &e), 0.0);
        let mut bad = pos.clone();
        bad[3] = [f32::NAN, 0.0];
        assert!(neighbourhood_preservation(&bad, 100, &edges, 0).is_finite());
        assert!(edge_length_spread(&bad, &edges).is_finite());
    }
}
