//! What the canvas keeps between frames, rebuilt only when what it is
//! made from changes: the bundles of claims between two entities (by
//! view, reviews and preference), each entity's radius and kind, the
//! R-tree of positions and the density aggregates.

use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Arc;

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use rustc_hash::{FxBuildHasher, FxHashMap, FxHasher};

use crate::query::View;
use crate::review::ReviewStatus;
use crate::ui::TiegraphApp;
use crate::ui::spatial::{Density, Links, NodeTree};

use super::*;

/// Bundle flags.
pub(super) const FORWARD: u8 = 1;

pub(super) const BACKWARD: u8 = 2;

pub(super) const CONFLICTED: u8 = 4;

pub(super) const ALL_CONFIRMED: u8 = 8;

pub(super) const ANY_DISPUTED: u8 = 16;

pub(super) const ALL_REJECTED: u8 = 32;

/// No claim of the bundle has a passage that states or reports it: only
/// opinions, plans, talks, hedges or denials.
pub(super) const NONE_FACTUAL: u8 = 64;

/// The claims between two entities (`a < b`): `edges[start..start + len]`
/// of [`Bundles`].
#[derive(Clone, Copy, Debug)]
pub(super) struct Bundle {
    pub(super) a: NodeIndex,
    pub(super) b: NodeIndex,
    pub(super) start: u32,
    pub(super) len: u32,
    pub(super) flags: u8,
}

/// What the bundles are computed from: they change with the view, the
/// reviews and the rejected-claims preference, not with positions.
#[derive(PartialEq)]
pub(super) struct BundleKey {
    pub(super) graph: u64,
    pub(super) view: View,
    pub(super) reviews: u64,
    pub(super) show_rejected: bool,
}

#[derive(Default)]
pub(super) struct Bundles {
    pub(super) key: Option<BundleKey>,
    /// Bumped on every rebuild, for the caches built on these bundles.
    pub(super) generation: u64,
    pub(super) list: Vec<Bundle>,
    pub(super) edges: Vec<EdgeIndex>,
}

/// Density and aggregated claims at one cell size.
pub(super) struct Aggregates {
    pub(super) key: (u64, u64, u32),
    pub(super) density: Density,
    pub(super) links: Links,
}

pub(super) struct Tree {
    pub(super) key: (u64, u64, u64),
    pub(super) tree: NodeTree,
    pub(super) max_radius: f32,
}

/// Radius and kind of every entity, by node index, so that loops over
/// every entity on screen touch two flat arrays rather than the dataset;
/// and the look of each kind, by its place in the vocabulary.
#[derive(Default)]
pub(super) struct NodeFacts {
    pub(super) key: Option<(u64, u64)>,
    pub(super) radius: Vec<f32>,
    /// A colour per node index that replaces its kind's (communities).
    pub(super) colour: Vec<Option<egui::Color32>>,
    /// The kind's place in the vocabulary ([`kind_slot`]).
    pub(super) kind: Vec<u8>,
    pub(super) looks: Option<KindLooks>,
}

impl NodeFacts {
    pub(super) fn for_app(app: &TiegraphApp, key: (u64, u64)) -> Self {
        let bound = app.session.graph.node_bound();
        let vocabulary = &app.session.graph.dataset().vocabulary;
        let mut facts = NodeFacts {
            key: Some(key),
            radius: vec![10.0; bound],
            kind: vec![0; bound],
            looks: Some(KindLooks::new(vocabulary)),
            colour: vec![None; bound],
        };
        for node in app.session.graph.graph().node_indices() {
            facts.radius[node.index()] = node_radius(app, node);
            facts.colour[node.index()] = app.panels.statistics.colour_of(node);
            facts.kind[node.index()] = kind_slot(vocabulary, app.session.graph.node(node).kind);
        }
        facts
    }
}

/// What the canvas keeps between frames, in egui's memory. Each part is
/// rebuilt only when what it depends on changes; nothing depends on the
/// camera, so panning rebuilds nothing.
#[derive(Default)]
pub(super) struct CanvasCache {
    pub(super) facts: Arc<NodeFacts>,
    pub(super) bundles: Bundles,
    pub(super) aggregates: Option<Aggregates>,
    pub(super) tree: Option<Tree>,
    /// The entity being dragged or with its context menu open, which keeps
    /// its widget while the pointer is elsewhere.
    pub(super) sticky: Option<NodeIndex>,
}

pub(super) fn hash_of(value: impl Hash) -> u64 {
    FxBuildHasher.hash_one(value)
}

/// Which dataset is open (a new one gets a new graph).
pub(super) fn graph_identity(app: &TiegraphApp) -> u64 {
    let dataset = app.session.graph.dataset();
    hash_of((
        &dataset.name,
        dataset.nodes.as_ptr() as usize,
        dataset.nodes.len(),
        dataset.claims.len(),
        app.session.graph.node_bound(),
        app.session.graph.edge_bound(),
    ))
}

pub(super) fn reviews_fingerprint(app: &TiegraphApp) -> u64 {
    let mut hasher = FxHasher::default();
    for (claim, review) in &app.session.reviews.reviews.claims {
        if review.status != ReviewStatus::Unreviewed {
            claim.hash(&mut hasher);
            review.status.hash(&mut hasher);
        }
    }
    hasher.finish()
}

impl Bundles {
    pub(super) fn refresh(&mut self, app: &TiegraphApp, graph: u64) {
        let key = BundleKey {
            graph,
            view: app.session.view.clone(),
            reviews: reviews_fingerprint(app),
            show_rejected: app.prefs.show_rejected,
        };
        if self.key.as_ref() == Some(&key) {
            return;
        }
        // Statuses by claim index, looked up once per rebuild rather than
        // by claim id for every claim of every frame.
        let statuses: FxHashMap<EdgeIndex, ReviewStatus> = app
            .session
            .reviews
            .reviews
            .claims
            .iter()
            .filter(|(_, review)| review.status != ReviewStatus::Unreviewed)
            .filter_map(|(id, review)| Some((app.session.graph.claim_index(id)?, review.status)))
            .collect();
        let status = |edge: EdgeIndex| statuses.get(&edge).copied().unwrap_or_default();
        let graph = app.session.graph.graph();
        // (low end, high end, claim, whether the claim runs low → high)
        let mut pairs: Vec<(NodeIndex, NodeIndex, EdgeIndex, bool)> = app
            .session
            .view
            .edges()
            .filter(|&edge| key.show_rejected || status(edge) != ReviewStatus::Rejected)
            .filter_map(|edge| {
                let (from, to) = graph.edge_endpoints(edge)?;
                match from.cmp(&to) {
                    std::cmp::Ordering::Equal => None,
                    std::cmp::Ordering::Less => Some((from, to, edge, true)),
                    std::cmp::Ordering::Greater => Some((to, from, edge, false)),
                }
            })
            .collect();
        pairs.sort_unstable();
        self.list.clear();
        self.edges.clear();
        let dataset = app.session.graph.dataset();
        for run in pairs.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
            let mut flags = ALL_CONFIRMED | ALL_REJECTED | NONE_FACTUAL;
            for &(_, _, edge, forward) in run {
                // A mutual claim (like `met`) gets no arrow head.
                if !dataset
                    .vocabulary
                    .is_mutual(app.session.graph.claim(edge).relation)
                {
                    flags |= if forward { FORWARD } else { BACKWARD };
                }
                if app.session.conflicted.contains(&edge) {
                    flags |= CONFLICTED;
                }
                if app
                    .session
                    .graph
                    .claim(edge)
                    .evidence
                    .iter()
                    .any(|e| e.modality.is_factual())
                {
                    flags &= !NONE_FACTUAL;
                }
                match status(edge) {
                    ReviewStatus::Confirmed => flags &= !ALL_REJECTED,
                    ReviewStatus::Rejected => flags &= !ALL_CONFIRMED,
                    ReviewStatus::Disputed => {
                        flags |= ANY_DISPUTED;
                        flags &= !(ALL_CONFIRMED | ALL_REJECTED);
                    }
                    ReviewStatus::Unreviewed => flags &= !(ALL_CONFIRMED | ALL_REJECTED),
                }
                self.edges.push(edge);
            }
            self.list.push(Bundle {
                a: run[0].0,
                b: run[0].1,
                start: (self.edges.len() - run.len()) as u32,
                len: run.len() as u32,
                flags,
            });
        }
        self.key = Some(key);
        self.generation += 1;
    }

    pub(super) fn edges(&self, bundle: &Bundle) -> &[EdgeIndex] {
        &self.edges[bundle.start as usize..(bundle.start + bundle.len) as usize]
    }
}

/// A fingerprint of where the visible entities are.
pub(super) struct PositionPrint(pub(super) FxHasher);

impl PositionPrint {
    pub(super) fn add(&mut self, node: NodeIndex, [x, y]: [f32; 2]) {
        self.0.write_u32(node.index() as u32);
        self.0
            .write_u64((u64::from(x.to_bits()) << 32) | u64::from(y.to_bits()));
    }
}
