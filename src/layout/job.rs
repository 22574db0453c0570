//! A whole-view multilevel layout, run on its own thread.
//!
//! The visible entities are numbered 0..n and their links deduplicated
//! ([`ViewGraph`]); [`multilevel::lay_out`](super::multilevel::lay_out)
//! places them; the result maps back to node indices. [`LayoutJob`] does
//! this on a background thread, so the window stays responsive, reports
//! progress, and can be stopped (it then returns the best layout so far).

use std::sync::Arc;
use std::thread::JoinHandle;

use petgraph::stable_graph::NodeIndex;

use super::multilevel::{LayoutProgress, MultilevelParams, lay_out};
use crate::graph::TieGraph;
use crate::graph::View;

/// The visible part of a graph as the layout sees it: entities numbered
/// 0..n in node order, and each linked pair once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewGraph {
    /// Entity `i` of the layout is `nodes[i]`.
    pub nodes: Vec<NodeIndex>,
    /// Undirected links between layout numbers, sorted, no repeats, no loops.
    pub links: Vec<(u32, u32)>,
}

impl ViewGraph {
    /// O(V + E log E).
    pub fn of(graph: &TieGraph, view: &View) -> Self {
        let nodes: Vec<NodeIndex> = view.nodes().collect();
        let mut number = vec![u32::MAX; graph.node_bound()];
        for (i, node) in nodes.iter().enumerate() {
            number[node.index()] = i as u32;
        }
        let mut links: Vec<(u32, u32)> = view
            .edges()
            .filter_map(|edge| graph.graph().edge_endpoints(edge))
            .filter_map(|(a, b)| {
                let (a, b) = (number[a.index()], number[b.index()]);
                (a != u32::MAX && b != u32::MAX && a != b).then(|| (a.min(b), a.max(b)))
            })
            .collect();
        links.sort_unstable();
        links.dedup();
        ViewGraph { nodes, links }
    }
}

/// Lays out the visible entities on the calling thread (which the layout
/// itself splits over the cores). `fixed` positions (pins) are kept.
///
/// ```
/// use tiegraph::{graph::{TieGraph, View}, layout};
/// let graph = TieGraph::new(tiegraph::synth::dataset(200, 600, 1));
/// let view = View::all(&graph);
/// let placed = layout::lay_out_view(&graph, &view, &[], &layout::MultilevelParams::default());
/// assert_eq!(placed.len(), 200);
/// assert!(placed.iter().all(|(_, [x, y])| x.is_finite() && y.is_finite()));
/// ```
pub fn lay_out_view(
    graph: &TieGraph,
    view: &View,
    fixed: &[(NodeIndex, [f32; 2])],
    params: &MultilevelParams,
) -> Vec<(NodeIndex, [f32; 2])> {
    let shape = ViewGraph::of(graph, view);
    run(&shape, fixed, params, &LayoutProgress::new())
}

fn run(
    shape: &ViewGraph,
    fixed: &[(NodeIndex, [f32; 2])],
    params: &MultilevelParams,
    progress: &LayoutProgress,
) -> Vec<(NodeIndex, [f32; 2])> {
    let mut fixed_by_number: Vec<Option<[f32; 2]>> = Vec::new();
    if !fixed.is_empty() {
        fixed_by_number = vec![None; shape.nodes.len()];
        for (node, position) in fixed {
            // Nodes are in index order, so their numbers are found by search.
            if let Ok(i) = shape.nodes.binary_search(node) {
                fixed_by_number[i] = Some(*position);
            }
        }
    }
    let positions = lay_out(
        shape.nodes.len(),
        &shape.links,
        &fixed_by_number,
        params,
        progress,
    );
    shape.nodes.iter().copied().zip(positions).collect()
}

/// Where each laid-out entity goes.
pub type Placement = Vec<(NodeIndex, [f32; 2])>;

/// A multilevel layout running on a background thread.
pub struct LayoutJob {
    progress: Arc<LayoutProgress>,
    handle: Option<JoinHandle<Placement>>,
    /// Entities being laid out.
    pub size: usize,
}

impl LayoutJob {
    /// Starts laying out `view`; `fixed` entities keep their positions.
    /// The graph is read now; the thread owns what it needs.
    pub fn start(graph: &TieGraph, view: &View, fixed: Vec<(NodeIndex, [f32; 2])>) -> Self {
        let shape = ViewGraph::of(graph, view);
        let size = shape.nodes.len();
        let progress = Arc::new(LayoutProgress::new());
        let shared = Arc::clone(&progress);
        let handle = std::thread::Builder::new()
            .name("layout".into())
            .spawn(move || run(&shape, &fixed, &MultilevelParams::default(), &shared))
            .ok();
        LayoutJob {
            progress,
            handle,
            size,
        }
    }

    /// Share done, 0..=1.
    pub fn fraction(&self) -> f32 {
        self.progress.fraction()
    }

    /// Asks the layout to stop soon; [`LayoutJob::finish`] then returns the
    /// best positions so far.
    pub fn stop(&self) {
        self.progress.stop();
    }

    pub fn is_stopping(&self) -> bool {
        self.progress.is_stopped()
    }

    /// Whether [`LayoutJob::finish`] would return without waiting.
    pub fn is_finished(&self) -> bool {
        self.handle.as_ref().is_none_or(JoinHandle::is_finished)
    }

    /// Waits for the thread and returns the positions; `None` if the thread
    /// could not start or failed.
    pub fn finish(mut self) -> Option<Placement> {
        self.handle.take()?.join().ok()
    }
}

impl Drop for LayoutJob {
    /// A job dropped unfinished (a new dataset opened, say) stops, rather
    /// than keeping a core busy for nothing.
    fn drop(&mut self) {
        self.progress.stop();
    }
}
