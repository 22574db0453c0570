//! Force-directed layout that settles by itself, a few steps per frame.
//!
//! Springs pull linked entities to a rest length; nearby entities repel
//! (within a cutoff, found through a uniform grid, so a step is O(V + E)
//! rather than O(V²)); a weak pull keeps components near the centre. A
//! temperature cools each step, so motion dies out; filter changes and drags
//! reheat it. Positions persist across filter changes: entities that stay
//! keep their place, and new ones enter beside their visible neighbours.
//! Pinned entities never move. Deterministic: no randomness, so the same
//! graph lays out the same way every time.
//!
//! Two things keep a hub from crushing its neighbourhood: repulsion grows
//! with the degrees of both entities (as in ForceAtlas2, here with the
//! square root of their product), so hubs clear room around themselves;
//! and once the layout has settled, a pass removes what overlap is left,
//! pushing apart any two entities closer than their drawn radii plus a
//! margin (see [`entity_radius`]).

use rustc_hash::FxHashMap as HashMap;

use petgraph::stable_graph::NodeIndex;

use crate::graph::TieGraph;
use crate::graph::View;

/// Tuning, in layout units (≈ screen points at zoom 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutParams {
    /// Rest length of a link.
    pub link_length: f32,
    /// Repulsion strength between two entities.
    pub repulsion: f32,
    /// Entities farther apart than this do not repel.
    pub cutoff: f32,
    /// Pull towards the centre.
    pub gravity: f32,
    /// Temperature lost per step (0..1); motion stops below `min_temperature`.
    pub cooling: f32,
    pub min_temperature: f32,
}

impl Default for LayoutParams {
    fn default() -> Self {
        LayoutParams {
            link_length: 120.0,
            repulsion: 24000.0,
            cutoff: 420.0,
            gravity: 0.008,
            cooling: 0.985,
            min_temperature: 0.02,
        }
    }
}

/// Space left between two entities after overlap removal (layout units).
const OVERLAP_MARGIN: f32 = 8.0;

/// The radius an entity is drawn with at most (layout units): grows with
/// its claims, as the canvas draws it.
pub fn entity_radius(degree: usize) -> f32 {
    (7.0 + 2.2 * (degree as f32).sqrt()).max(10.0)
}

/// Positions of every entity of a graph (by node index), with the state
/// the simulation needs between steps.
#[derive(Clone, Debug)]
pub struct Layout {
    pub params: LayoutParams,
    positions: Vec<[f32; 2]>,
    velocities: Vec<[f32; 2]>,
    /// Whether an entity has ever been placed.
    placed: Vec<bool>,
    pinned: Vec<bool>,
    /// Visible entities and their unique visible links (as index pairs).
    active: Vec<usize>,
    /// Degree weight (√(degree + 1)) and drawn radius of each entity.
    weight: Vec<f32>,
    radius: Vec<f32>,
    links: Vec<(usize, usize)>,
    temperature: f32,
}

/// A deterministic pseudo-random offset for entity `i` (golden-angle spiral),
/// so entities never start on top of each other.
fn spiral(i: usize, radius: f32) -> [f32; 2] {
    let angle = i as f32 * 2.399_963;
    let r = radius * ((i % 97) as f32 + 1.0).sqrt();
    [r * angle.cos(), r * angle.sin()]
}

/// The most visible entities whose overlaps are removed (see
/// [`Layout::remove_overlaps`]).
pub const OVERLAP_REMOVAL_MAX: usize = 100_000;

impl Layout {
    /// A layout for `graph` showing `view`; nothing is placed until
    /// [`Layout::set_view`] runs.
    pub fn new(graph: &TieGraph, view: &View) -> Self {
        let bound = graph.node_bound();
        let mut layout = Layout {
            params: LayoutParams::default(),
            positions: vec![[0.0, 0.0]; bound],
            velocities: vec![[0.0, 0.0]; bound],
            placed: vec![false; bound],
            pinned: vec![false; bound],
            active: Vec::new(),
            weight: vec![1.0; bound],
            radius: vec![entity_radius(0); bound],
            links: Vec::new(),
            temperature: 1.0,
        };
        layout.set_view(graph, view);
        layout
    }

    /// Shows another view: entities already placed keep their place, new
    /// ones enter next to their visible neighbours, and the layout reheats.
    pub fn set_view(&mut self, graph: &TieGraph, view: &View) {
        let bound = graph.node_bound();
        if self.positions.len() < bound {
            self.positions.resize(bound, [0.0, 0.0]);
            self.velocities.resize(bound, [0.0, 0.0]);
            self.placed.resize(bound, false);
            self.pinned.resize(bound, false);
        }
        self.weight.resize(bound, 1.0);
        self.radius.resize(bound, entity_radius(0));
        for node in graph.graph().node_indices() {
            let degree = graph.degree(node);
            self.weight[node.index()] = ((degree + 1) as f32).sqrt();
            self.radius[node.index()] = entity_radius(degree);
        }
        self.active = view.nodes().map(NodeIndex::index).collect();
        let mut pairs: Vec<(usize, usize)> = view
            .edges()
            .filter_map(|e| graph.graph().edge_endpoints(e))
            .filter(|(a, b)| a != b && view.contains_node(*a) && view.contains_node(*b))
            .map(|(a, b)| {
                let (a, b) = (a.index(), b.index());
                if a < b { (a, b) } else { (b, a) }
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        self.links = pairs;

        // Place newcomers: at the mean of placed neighbours, nudged outwards.
        let mut adjacency: HashMap<usize, Vec<usize>> = HashMap::default();
        for &(a, b) in &self.links {
            adjacency.entry(a).or_default().push(b);
            adjacency.entry(b).or_default().push(a);
        }
        let active = self.active.clone();
        let mut any_new = false;
        for &i in &active {
            if self.placed[i] {
                continue;
            }
            any_new = true;
            let neighbours: Vec<[f32; 2]> = adjacency
                .get(&i)
                .map(|n| {
                    n.iter()
                        .filter(|&&j| self.placed[j])
                        .map(|&j| self.positions[j])
                        .collect()
                })
                .unwrap_or_default();
            let offset = spiral(i, 12.0);
            self.positions[i] = if neighbours.is_empty() {
                spiral(i, self.params.link_length * 0.6)
            } else {
                let n = neighbours.len() as f32;
                let x = neighbours.iter().map(|p| p[0]).sum::<f32>() / n;
                let y = neighbours.iter().map(|p| p[1]).sum::<f32>() / n;
                [x + offset[0], y + offset[1]]
            };
            self.velocities[i] = [0.0, 0.0];
            self.placed[i] = true;
        }
        self.temperature = if any_new {
            1.0
        } else {
            self.temperature.max(0.3)
        };
    }

    /// Position of an entity (layout units).
    pub fn position(&self, node: NodeIndex) -> [f32; 2] {
        self.positions
            .get(node.index())
            .copied()
            .unwrap_or([0.0, 0.0])
    }

    /// All positions by node index; entities never placed are `None`.
    pub fn positions(&self) -> Vec<Option<[f32; 2]>> {
        self.positions
            .iter()
            .zip(&self.placed)
            .map(|(p, &placed)| placed.then_some(*p))
            .collect()
    }

    /// Moves an entity (a drag) and pins it there.
    pub fn place(&mut self, node: NodeIndex, position: [f32; 2]) {
        let i = node.index();
        if i < self.positions.len() {
            self.positions[i] = position;
            self.velocities[i] = [0.0, 0.0];
            self.placed[i] = true;
            self.pinned[i] = true;
            self.temperature = self.temperature.max(0.3);
        }
    }

    /// Takes positions computed elsewhere (a whole-view layout) as they
    /// are: entities are placed, pins are kept, and the simulation rests so
    /// that nothing drifts away from the result.
    pub fn adopt(&mut self, positions: &[(NodeIndex, [f32; 2])]) {
        for &(node, position) in positions {
            let i = node.index();
            if i < self.positions.len() && !self.pinned[i] && position.iter().all(|v| v.is_finite())
            {
                self.positions[i] = position;
                self.velocities[i] = [0.0, 0.0];
                self.placed[i] = true;
            }
        }
        self.temperature = self.params.min_temperature;
        self.remove_overlaps();
    }

    /// Puts entities back where a workspace had them, exactly (no overlap
    /// removal: the arrangement is the analyst's), and rests.
    pub fn restore(&mut self, positions: &[(NodeIndex, [f32; 2])]) {
        for &(node, position) in positions {
            let i = node.index();
            if i < self.positions.len() && position.iter().all(|v| v.is_finite()) {
                self.positions[i] = position;
                self.velocities[i] = [0.0, 0.0];
                self.placed[i] = true;
            }
        }
        self.temperature = self.params.min_temperature;
    }

    /// Pinned entities and where they are.
    pub fn pins(&self) -> Vec<(NodeIndex, [f32; 2])> {
        (0..self.pinned.len())
            .filter(|&i| self.pinned[i])
            .map(|i| (NodeIndex::new(i), self.positions[i]))
            .collect()
    }

    pub fn set_pinned(&mut self, node: NodeIndex, pinned: bool) {
        if let Some(slot) = self.pinned.get_mut(node.index()) {
            *slot = pinned;
            self.temperature = self.temperature.max(0.3);
        }
    }

    pub fn is_pinned(&self, node: NodeIndex) -> bool {
        self.pinned.get(node.index()).copied().unwrap_or(false)
    }

    /// Whether the layout still moves.
    pub fn is_settling(&self) -> bool {
        self.temperature > self.params.min_temperature
    }

    /// Restarts the simulation (e.g. after "re-layout").
    pub fn reheat(&mut self) {
        self.temperature = 1.0;
    }

    /// Runs until settled or `max_steps`, for headless use and exports.
    pub fn settle(&mut self, max_steps: usize) {
        for _ in 0..max_steps {
            if !self.is_settling() {
                break;
            }
            self.step();
        }
    }

    /// One simulation step. O(V + E) for the visible entities.
    pub fn step(&mut self) {
        if !self.is_settling() || self.active.is_empty() {
            return;
        }
        let p = self.params;
        let mut force: Vec<[f32; 2]> = vec![[0.0, 0.0]; self.positions.len()];

        // Repulsion through a grid of cutoff-sized cells.
        let cell = p.cutoff;
        let mut grid: HashMap<(i32, i32), Vec<usize>> = HashMap::default();
        for &i in &self.active {
            let [x, y] = self.positions[i];
            grid.entry(((x / cell).floor() as i32, (y / cell).floor() as i32))
                .or_default()
                .push(i);
        }
        for (&(cx, cy), members) in &grid {
            for dx in -1..=1 {
                for dy in -1..=1 {
                    let Some(others) = grid.get(&(cx + dx, cy + dy)) else {
                        continue;
                    };
                    for &i in members {
                        for &j in others {
                            if i >= j && (dx, dy) == (0, 0) {
                                continue;
                            }
                            // Each unordered pair in neighbouring cells once.
                            if (dx, dy) != (0, 0) && (cx, cy) > (cx + dx, cy + dy) {
                                continue;
                            }
                            let [xi, yi] = self.positions[i];
                            let [xj, yj] = self.positions[j];
                            let (mut ddx, mut ddy) = (xi - xj, yi - yj);
                            let mut d2 = ddx * ddx + ddy * ddy;
                            if d2 < 0.01 {
                                // Coincident: push apart along a fixed direction.
                                let o = spiral(i + j, 1.0);
                                ddx = o[0];
                                ddy = o[1];
                                d2 = ddx * ddx + ddy * ddy + 0.01;
                            }
                            if d2 > p.cutoff * p.cutoff {
                                continue;
                            }
                            let d = d2.sqrt();
                            let strength =
                                p.repulsion * (self.weight[i] * self.weight[j]).sqrt() / d2;
                            let (fx, fy) = (ddx / d * strength, ddy / d * strength);
                            force[i][0] += fx;
                            force[i][1] += fy;
                            force[j][0] -= fx;
                            force[j][1] -= fy;
                        }
                    }
                }
            }
        }

        // Springs.
        for &(a, b) in &self.links {
            let [xa, ya] = self.positions[a];
            let [xb, yb] = self.positions[b];
            let (dx, dy) = (xb - xa, yb - ya);
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let stretch = (d - p.link_length) * 0.08;
            let (fx, fy) = (dx / d * stretch, dy / d * stretch);
            force[a][0] += fx;
            force[a][1] += fy;
            force[b][0] -= fx;
            force[b][1] -= fy;
        }

        // Gravity, integration with damping, and a temperature-bound step.
        let max_step = 40.0 * self.temperature;
        for &i in &self.active {
            if self.pinned[i] {
                self.velocities[i] = [0.0, 0.0];
                continue;
            }
            let f = force[i];
            let [x, y] = self.positions[i];
            let fx = f[0] - p.gravity * x;
            let fy = f[1] - p.gravity * y;
            let v = &mut self.velocities[i];
            v[0] = (v[0] + fx) * 0.6;
            v[1] = (v[1] + fy) * 0.6;
            let speed = (v[0] * v[0] + v[1] * v[1]).sqrt();
            let scale = if speed > max_step {
                max_step / speed
            } else {
                1.0
            };
            self.positions[i][0] += v[0] * scale;
            self.positions[i][1] += v[1] * scale;
        }
        self.temperature *= p.cooling;
        if !self.is_settling() {
            self.remove_overlaps();
        }
    }

    /// Pushes apart every two visible entities closer than their radii plus
    /// [`OVERLAP_MARGIN`], half each way (all of it onto the free one when
    /// the other is pinned), until none are or 60 rounds have passed. Each
    /// round is O(V) through a grid of cells as wide as the largest
    /// entity's reach.
    ///
    /// Skipped above [`OVERLAP_REMOVAL_MAX`] visible entities: there the
    /// canvas draws a density grid until the user zooms far in, and the
    /// cells, as wide as the largest hub's reach, would hold thousands of
    /// entities each (at a million entities this took minutes on the
    /// window's thread).
    pub fn remove_overlaps(&mut self) {
        if self.active.len() > OVERLAP_REMOVAL_MAX {
            return;
        }
        let reach = self
            .active
            .iter()
            .map(|&i| self.radius[i])
            .fold(0.0_f32, f32::max)
            * 2.0
            + OVERLAP_MARGIN;
        if reach <= 0.0 {
            return;
        }
        for _ in 0..60 {
            let mut grid: HashMap<(i32, i32), Vec<usize>> = HashMap::default();
            for &i in &self.active {
                let [x, y] = self.positions[i];
                grid.entry(((x / reach).floor() as i32, (y / reach).floor() as i32))
                    .or_default()
                    .push(i);
            }
            let mut moved = false;
            let mut cells: Vec<(i32, i32)> = grid.keys().copied().collect();
            // A fixed order, so the result does not depend on hashing.
            cells.sort_unstable();
            for (cx, cy) in cells {
                for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1), (1, -1)] {
                    let (Some(members), Some(others)) =
                        (grid.get(&(cx, cy)), grid.get(&(cx + dx, cy + dy)))
                    else {
                        continue;
                    };
                    for (a, &i) in members.iter().enumerate() {
                        let start = if (dx, dy) == (0, 0) { a + 1 } else { 0 };
                        for &j in &others[start..] {
                            moved |= self.separate(i, j);
                        }
                    }
                }
            }
            if !moved {
                break;
            }
        }
    }

    /// Moves `i` and `j` apart if they overlap; returns whether they did.
    fn separate(&mut self, i: usize, j: usize) -> bool {
        let need = self.radius[i] + self.radius[j] + OVERLAP_MARGIN;
        let [xi, yi] = self.positions[i];
        let [xj, yj] = self.positions[j];
        let (mut dx, mut dy) = (xi - xj, yi - yj);
        let mut d = (dx * dx + dy * dy).sqrt();
        if d >= need {
            return false;
        }
        if d < 1e-3 {
            let o = spiral(i + j, 1.0);
            (dx, dy, d) = (o[0], o[1], (o[0] * o[0] + o[1] * o[1]).sqrt().max(1e-3));
        }
        let push = need - d;
        let (ux, uy) = (dx / d, dy / d);
        let (share_i, share_j) = match (self.pinned[i], self.pinned[j]) {
            (true, true) => return false,
            (true, false) => (0.0, 1.0),
            (false, true) => (1.0, 0.0),
            (false, false) => (0.5, 0.5),
        };
        self.positions[i][0] += ux * push * share_i;
        self.positions[i][1] += uy * push * share_i;
        self.positions[j][0] -= ux * push * share_j;
        self.positions[j][1] -= uy * push * share_j;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Filter;

    fn embedded() -> TieGraph {
        TieGraph::new(crate::synth::dataset(60, 120, 3))
    }

    #[test]
    fn settles_and_spreads_entities_apart() {
        let graph = embedded();
        let view = View::all(&graph);
        let mut layout = Layout::new(&graph, &view);
        layout.settle(2_000);
        assert!(!layout.is_settling());
        let positions: Vec<[f32; 2]> = view.nodes().map(|n| layout.position(n)).collect();
        let mut closest = f32::MAX;
        for (i, a) in positions.iter().enumerate() {
            assert!(a[0].is_finite() && a[1].is_finite());
            for b in &positions[i + 1..] {
                closest = closest.min(((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt());
            }
        }
        assert!(closest > 5.0, "entities overlap: {closest}");
    }

    #[test]
    fn kept_entities_keep_their_place_and_pins_hold() {
        let graph = embedded();
        let all = View::all(&graph);
        let mut layout = Layout::new(&graph, &all);
        layout.settle(2_000);
        let pinned = NodeIndex::new(0);
        layout.place(pinned, [500.0, -500.0]);
        let before = layout.position(NodeIndex::new(1));
        let smaller = Filter {
            hide_isolated: true,
            min_sources: 2,
            ..Filter::default()
        }
        .apply(&graph)
        .unwrap();
        layout.set_view(&graph, &smaller);
        // Entities already placed start where they were.
        assert_eq!(layout.position(NodeIndex::new(1)), before);
        layout.settle(2_000);
        assert_eq!(layout.position(pinned), [500.0, -500.0]);
        assert!(layout.is_pinned(pinned));
    }

    #[test]
    fn layouts_are_deterministic() {
        let graph = embedded();
        let view = View::all(&graph);
        let mut a = Layout::new(&graph, &view);
        let mut b = Layout::new(&graph, &view);
        a.settle(300);
        b.settle(300);
        assert_eq!(a.positions(), b.positions());
    }
}
