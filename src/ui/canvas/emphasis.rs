//! What stands out this frame: the selection and its neighbours, the
//! chosen path, search hits; what is dimmed or hidden around them.

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use rustc_hash::FxHashSet;

use crate::ui::app::RestOfGraph;
use crate::ui::{Selection, TiegraphApp};

/// What stands out, and how much the rest fades.
pub(super) struct Emphasis {
    pub(super) strong_nodes: FxHashSet<NodeIndex>,
    pub(super) strong_edges: FxHashSet<EdgeIndex>,
    pub(super) path_nodes: FxHashSet<NodeIndex>,
    /// Alpha of everything not strong; 1 when nothing is emphasised.
    pub(super) rest_alpha: f32,
    pub(super) hide_rest: bool,
}

pub(super) fn emphasis(app: &TiegraphApp) -> Emphasis {
    let mut strong_nodes = FxHashSet::default();
    let mut strong_edges = FxHashSet::default();
    let mut path_nodes = FxHashSet::default();
    let mut rest_alpha = 1.0;
    let mut hide_rest = false;
    if let Some(path) = app.session.paths.chosen_path() {
        path_nodes.extend(path.nodes.iter().copied());
        strong_nodes.extend(path.nodes.iter().copied());
        strong_edges.extend(path.hops.iter().flatten().copied());
        match app.panels.paths.rest {
            RestOfGraph::Show => {}
            RestOfGraph::Dim => rest_alpha = 0.2,
            RestOfGraph::Hide => hide_rest = true,
        }
    }
    match app.selection {
        Selection::Node(node) => {
            strong_nodes.insert(node);
            for &(neighbour, edge) in app.session.graph.neighbours(node) {
                if app.session.view.contains_edge(edge) {
                    strong_nodes.insert(neighbour);
                    strong_edges.insert(edge);
                }
            }
            if rest_alpha == 1.0 {
                rest_alpha = 0.25;
            }
        }
        Selection::Claim(edge) => {
            strong_edges.insert(edge);
            if let Some((a, b)) = app.session.graph.graph().edge_endpoints(edge) {
                strong_nodes.insert(a);
                strong_nodes.insert(b);
            }
            if rest_alpha == 1.0 {
                rest_alpha = 0.25;
            }
        }
        Selection::Pair(a, b) => {
            strong_nodes.insert(a);
            strong_nodes.insert(b);
            for &(n, e) in app.session.graph.neighbours(a) {
                if n == b {
                    strong_edges.insert(e);
                }
            }
            if rest_alpha == 1.0 {
                rest_alpha = 0.25;
            }
        }
        Selection::None => {}
    }
    Emphasis {
        strong_nodes,
        strong_edges,
        path_nodes,
        rest_alpha,
        hide_rest,
    }
}

impl Emphasis {
    pub(super) fn node_visible(&self, node: NodeIndex) -> bool {
        !self.hide_rest || self.strong_nodes.contains(&node)
    }

    pub(super) fn node_alpha(&self, node: NodeIndex) -> f32 {
        if self.strong_nodes.is_empty() || self.strong_nodes.contains(&node) {
            1.0
        } else {
            self.rest_alpha
        }
    }

    /// Whether a node is drawn on its own above a density grid.
    pub(super) fn stands_out(&self, node: NodeIndex, hits: &FxHashSet<NodeIndex>) -> bool {
        self.strong_nodes.contains(&node) || hits.contains(&node)
    }
}
