//! Spatial structures behind the canvas's level of detail.
//!
//! - [`NodeTree`]: an R-tree (rstar) of entity positions, to find the entity
//!   under the pointer when there are too many on screen for one widget each.
//! - [`Density`]: entities counted in square cells of a world-aligned grid,
//!   drawn instead of the entities themselves when they are a few pixels
//!   wide.
//! - [`Links`]: claims counted per pair of coarser cells, drawn as one line
//!   per pair between the cells' centroids.
//!
//! Cells are aligned to the world (layout units), with sides a power of two,
//! so panning never changes them and zooming changes them only when the zoom
//! crosses a power of two: they can be cached across frames. Everything is
//! deterministic: the same positions give the same cells and lines, in the
//! same order.

use petgraph::stable_graph::NodeIndex;
use rstar::RTree;
use rstar::primitives::GeomWithData;

type Entry = GeomWithData<[f32; 2], u32>;

/// Entity positions in an R-tree, bulk-loaded.
pub(super) struct NodeTree {
    tree: RTree<Entry>,
}

impl NodeTree {
    pub(super) fn new(points: impl IntoIterator<Item = (NodeIndex, [f32; 2])>) -> Self {
        let entries = points
            .into_iter()
            .map(|(node, position)| Entry::new(position, node.index() as u32))
            .collect();
        NodeTree {
            tree: RTree::bulk_load(entries),
        }
    }

    /// Entities whose centre lies within `reach` of `at`, with their
    /// positions, nearest first (ties: the higher index, drawn on top, first).
    pub(super) fn within(&self, at: [f32; 2], reach: f32) -> Vec<(NodeIndex, [f32; 2])> {
        let mut found: Vec<(f32, NodeIndex, [f32; 2])> = self
            .tree
            .locate_within_distance(at, reach * reach)
            .map(|entry| {
                let p = *entry.geom();
                let d2 = (p[0] - at[0]).powi(2) + (p[1] - at[1]).powi(2);
                (d2, NodeIndex::new(entry.data as usize), p)
            })
            .collect();
        found.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        found.into_iter().map(|(_, node, p)| (node, p)).collect()
    }
}

/// The side of the density cells for `zoom` (screen points per layout
/// unit): the smallest power of two that is at least `pixels` on screen.
pub(super) fn cell_size(zoom: f32, pixels: f32) -> f32 {
    let wanted = pixels / zoom.max(1e-6);
    2f32.powi(wanted.log2().ceil().clamp(-8.0, 40.0) as i32)
}

/// A cell's coordinates as one number that sorts by x, then y (the sign
/// bits flipped, so negative coordinates sort first).
fn cell_key(position: [f32; 2], cell: f32) -> u64 {
    let x = (position[0] / cell).floor() as i32;
    let y = (position[1] / cell).floor() as i32;
    (u64::from(x as u32 ^ SIGN) << 32) | u64::from(y as u32 ^ SIGN)
}

const SIGN: u32 = 0x8000_0000;

fn key_cell(key: u64) -> (i32, i32) {
    (
        ((key >> 32) as u32 ^ SIGN) as i32,
        (key as u32 ^ SIGN) as i32,
    )
}

/// One occupied density cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Cell {
    /// The cell's corner, in layout units.
    pub min: [f32; 2],
    pub count: u32,
    /// The most frequent kind in the cell (ties: the first kind).
    pub kind: u8,
}

/// Entities counted per cell.
#[derive(Debug, Default)]
pub(super) struct Density {
    pub cell: f32,
    /// By cell (x, then y).
    pub cells: Vec<Cell>,
    pub max_count: u32,
}

impl Density {
    /// Counts `(position, kind)` items in cells of side `cell`.
    pub(super) fn new(items: impl IntoIterator<Item = ([f32; 2], u8)>, cell: f32) -> Self {
        let mut keys: Vec<(u64, u8)> = items
            .into_iter()
            .filter(|(p, _)| p[0].is_finite() && p[1].is_finite())
            .map(|(p, kind)| (cell_key(p, cell), kind))
            .collect();
        keys.sort_unstable();
        let mut cells = Vec::new();
        let mut max_count = 0;
        for run in keys.chunk_by(|a, b| a.0 == b.0) {
            let mut per_kind = [0u32; 256];
            for &(_, kind) in run {
                per_kind[usize::from(kind)] += 1;
            }
            let (mut kind, mut most) = (0u8, 0u32);
            for (k, &count) in per_kind.iter().enumerate() {
                if count > most {
                    (kind, most) = (k as u8, count);
                }
            }
            let (x, y) = key_cell(run[0].0);
            let count = run.len() as u32;
            max_count = max_count.max(count);
            cells.push(Cell {
                min: [x as f32 * cell, y as f32 * cell],
                count,
                kind,
            });
        }
        Density {
            cell,
            cells,
            max_count,
        }
    }
}

/// Claims between two coarse cells, drawn as one line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Link {
    /// Centroids of the entities of the two cells.
    pub from: [f32; 2],
    pub to: [f32; 2],
    pub count: u32,
}

/// Claims aggregated per pair of cells.
#[derive(Debug, Default)]
pub(super) struct Links {
    /// Fewest claims first, so the strongest lines are drawn on top.
    pub links: Vec<Link>,
    pub max_count: u32,
}

impl Links {
    /// Aggregates `pairs` (two entities and a number of claims) by the cells
    /// of side `cell` of their entities, placed at `positions`; claims within
    /// one cell are left out. At most `cap` lines: the ones with most claims.
    pub(super) fn new(
        positions: &[(NodeIndex, [f32; 2])],
        node_bound: usize,
        pairs: impl IntoIterator<Item = (NodeIndex, NodeIndex, u32)>,
        cell: f32,
        cap: usize,
    ) -> Self {
        // Each entity's cell, numbered in key order, and each cell's centroid.
        let mut keyed: Vec<(u64, u32)> = positions
            .iter()
            .filter(|(_, p)| p[0].is_finite() && p[1].is_finite())
            .map(|&(node, p)| (cell_key(p, cell), node.index() as u32))
            .collect();
        keyed.sort_unstable();
        let mut cell_of = vec![u32::MAX; node_bound];
        let mut sums: Vec<[f64; 3]> = Vec::new();
        for run in keyed.chunk_by(|a, b| a.0 == b.0) {
            let id = sums.len() as u32;
            let mut sum = [0.0f64; 3];
            for &(_, node) in run {
                if let Some(slot) = cell_of.get_mut(node as usize) {
                    *slot = id;
                }
                sum[2] += 1.0;
            }
            sums.push(sum);
        }
        for &(node, p) in positions {
            if let Some(&id) = cell_of.get(node.index())
                && id != u32::MAX
            {
                let sum = &mut sums[id as usize];
                sum[0] += f64::from(p[0]);
                sum[1] += f64::from(p[1]);
            }
        }
        let position_of: Vec<[f32; 2]> = sums
            .iter()
            .map(|s| [(s[0] / s[2]) as f32, (s[1] / s[2]) as f32])
            .collect();

        let mut keys: Vec<(u64, u32)> = pairs
            .into_iter()
            .filter_map(|(a, b, count)| {
                let ca = *cell_of.get(a.index())?;
                let cb = *cell_of.get(b.index())?;
                if ca == u32::MAX || cb == u32::MAX || ca == cb {
                    return None;
                }
                let (lo, hi) = if ca < cb { (ca, cb) } else { (cb, ca) };
                Some(((u64::from(lo) << 32) | u64::from(hi), count))
            })
            .collect();
        keys.sort_unstable_by_key(|k| k.0);
        let mut merged: Vec<(u64, u32)> = keys
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| (run[0].0, run.iter().map(|k| k.1).sum()))
            .collect();
        if merged.len() > cap {
            merged.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            merged.truncate(cap);
        }
        merged.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        let max_count = merged.iter().map(|k| k.1).max().unwrap_or(0);
        let links = merged
            .into_iter()
            .map(|(key, count)| Link {
                from: position_of[(key >> 32) as usize],
                to: position_of[(key & 0xffff_ffff) as usize],
                count,
            })
            .collect();
        Links { links, max_count }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(i: usize) -> NodeIndex {
        NodeIndex::new(i)
    }

    #[test]
    fn the_tree_finds_the_nearest_entities_first() {
        let tree = NodeTree::new([(n(0), [0.0, 0.0]), (n(1), [10.0, 0.0]), (n(2), [3.0, 4.0])]);
        let found: Vec<NodeIndex> = tree
            .within([1.0, 1.0], 6.0)
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(found, vec![n(0), n(2)]);
        assert!(tree.within([100.0, 100.0], 5.0).is_empty());
    }

    #[test]
    fn cells_are_powers_of_two_at_least_the_asked_pixels() {
        assert_eq!(cell_size(1.0, 3.0), 4.0);
        assert_eq!(cell_size(0.1, 3.0), 32.0);
        assert_eq!(cell_size(4.0, 2.0), 0.5);
    }

    #[test]
    fn density_counts_per_cell_with_the_dominant_kind() {
        let density = Density::new(
            [
                ([1.0, 1.0], 2),
                ([2.0, 3.0], 2),
                ([3.0, 0.5], 1),
                ([-1.0, 1.0], 5),
            ],
            4.0,
        );
        assert_eq!(density.max_count, 3);
        assert_eq!(density.cells.len(), 2);
        assert_eq!(density.cells[0].min, [-4.0, 0.0]);
        assert_eq!((density.cells[1].count, density.cells[1].kind), (3, 2));
    }

    #[test]
    fn links_join_cells_and_keep_the_strongest() {
        let positions = [
            (n(0), [1.0, 1.0]),
            (n(1), [3.0, 3.0]),
            (n(2), [9.0, 1.0]),
            (n(3), [1.0, 9.0]),
        ];
        let pairs = [
            (n(0), n(1), 1), // same cell: left out
            (n(0), n(2), 2),
            (n(1), n(2), 1),
            (n(3), n(0), 1),
        ];
        let links = Links::new(&positions, 4, pairs, 8.0, 10);
        assert_eq!(links.max_count, 3);
        assert_eq!(links.links.len(), 2);
        let strongest = links.links[1];
        assert_eq!(
            (strongest.from, strongest.to, strongest.count),
            ([2.0, 2.0], [9.0, 1.0], 3)
        );
        let capped = Links::new(&positions, 4, pairs, 8.0, 1);
        assert_eq!(capped.links, vec![strongest]);
    }
}
