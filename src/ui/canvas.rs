//! The graph canvas: an `egui::Scene` (pan, zoom about the cursor) with a
//! painter drawing entities by kind, claims as bundled arrows with count
//! badges, and labels that never pile up.
//!
//! Level of detail keeps frames short on large views: only what is on
//! screen is drawn; arrow heads, badges and labels are left out when they
//! would be a few pixels wide; with up to [`WIDGET_PER_NODE_UP_TO`] entities
//! on screen each has its own interactive rect with an accessible name (so
//! screen readers and tests can find them), above that only the entity under
//! the pointer has one, found through an R-tree; and when entities are
//! specks, they are drawn as a density grid and claims as lines between
//! cells (see [`super::spatial`]), with emphasised entities and claims still
//! drawn on their own on top. What this needs between frames is cached in
//! egui's memory and rebuilt only when the view or the positions change.

use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Arc;

use eframe::egui::{
    self, Align2, Color32, FontId, Id, Mesh, Pos2, Rect, Sense, Shape, Stroke, Vec2, WidgetInfo,
    pos2, vec2,
};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet, FxHasher};

use super::app::RestOfGraph;
use super::spatial::{Density, Links, NodeTree, cell_size};
use super::{Selection, TiegraphApp, steps_per_frame};
use crate::model::NodeKind;
use crate::query::{Filter, View};
use crate::review::ReviewStatus;
use crate::style::kind_style;

pub(super) fn kind_color(kind: NodeKind) -> Color32 {
    let [r, g, b] = kind_style(kind).rgb;
    Color32::from_rgb(r, g, b)
}

/// The outline of a kind's shape around `center`, radius `r`.
pub(super) fn kind_shape(
    kind: NodeKind,
    center: Pos2,
    r: f32,
    fill: Color32,
    stroke: Stroke,
) -> Shape {
    match kind {
        NodeKind::Person => Shape::circle_filled(center, r, fill).with_stroke(stroke),
        _ => Shape::convex_polygon(
            kind_outline(kind)
                .into_iter()
                .map(|p| center + p * r)
                .collect(),
            fill,
            stroke,
        ),
    }
}

/// `sides` corners evenly on the unit circle, the first at `rotation`.
fn regular(sides: usize, rotation: f32) -> Vec<Vec2> {
    (0..sides)
        .map(|i| {
            let angle = rotation + i as f32 * std::f32::consts::TAU / sides as f32;
            vec2(angle.cos(), angle.sin())
        })
        .collect()
}

/// The corners of a kind's shape at radius 1, clockwise on screen (a
/// 12-gon stands for the circle of people).
fn kind_outline(kind: NodeKind) -> Vec<Vec2> {
    match kind {
        NodeKind::Person => regular(12, 0.0),
        NodeKind::Organization => vec![
            vec2(-1.3, -0.8),
            vec2(1.3, -0.8),
            vec2(1.3, 0.8),
            vec2(-1.3, 0.8),
        ],
        NodeKind::Country => regular(8, std::f32::consts::PI / 8.0),
        NodeKind::Place => regular(3, -std::f32::consts::FRAC_PI_2),
        NodeKind::Delegation => regular(5, -std::f32::consts::FRAC_PI_2),
        NodeKind::Visit => vec![
            vec2(-1.2, -0.8),
            vec2(0.7, -0.8),
            vec2(1.3, 0.0),
            vec2(0.7, 0.8),
            vec2(-1.2, 0.8),
        ],
        NodeKind::Meeting => regular(6, 0.0),
        NodeKind::Contract => regular(4, 0.0),
        NodeKind::Equipment => vec![
            vec2(-1.0, -1.0),
            vec2(1.0, -1.0),
            vec2(1.0, 1.0),
            vec2(-1.0, 1.0),
        ],
        NodeKind::Event => regular(3, std::f32::consts::FRAC_PI_2),
        NodeKind::Document => vec![
            vec2(-0.8, -1.1),
            vec2(0.8, -1.1),
            vec2(0.8, 1.1),
            vec2(-0.8, 1.1),
        ],
    }
}

trait WithStroke {
    fn with_stroke(self, stroke: Stroke) -> Shape;
}

impl WithStroke for Shape {
    fn with_stroke(self, stroke: Stroke) -> Shape {
        match self {
            Shape::Circle(mut circle) => {
                circle.stroke = stroke;
                Shape::Circle(circle)
            }
            other => other,
        }
    }
}

fn faded(color: Color32, alpha: f32) -> Color32 {
    color.gamma_multiply(alpha)
}

pub(super) fn canvas_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    let steps = steps_per_frame(app.session.view.node_count());
    let outcome = app.session.advance_layout(steps);
    app.layout_finished(outcome);
    let outer = ui.available_rect_before_wrap();
    app.canvas.screen_rect = outer;
    if app.canvas.fit_pending || !app.canvas.camera.is_positive() {
        app.canvas.camera = fit_rect(app);
        app.canvas.fit_pending = false;
    }
    if let Some(nodes) = app.canvas.fit_nodes.take() {
        let mut rect = Rect::NOTHING;
        for node in nodes {
            let [x, y] = app.session.layout.position(node);
            rect.extend_with(pos2(x, y));
        }
        if rect.is_finite() {
            // Keep the window's aspect, so the path is not squeezed.
            let aspect = outer.width() / outer.height().max(1.0);
            let mut size = rect.expand(160.0).size();
            if size.x / size.y < aspect {
                size.x = size.y * aspect;
            } else {
                size.y = size.x / aspect;
            }
            app.canvas.camera = Rect::from_center_size(rect.center(), size);
        }
    }
    let zoom = if app.canvas.camera.width() > 0.0 {
        outer.width() / app.canvas.camera.width()
    } else {
        1.0
    };
    let mut camera = app.canvas.camera;
    egui::Scene::new()
        .zoom_range(0.02..=8.0)
        .show(ui, &mut camera, |ui| draw(app, ui, zoom));
    app.canvas.camera = camera;
    overlay_ui(app, ui, outer);
}

/// The canvas between frames: the camera, what to fit next, where the
/// canvas was on screen, and the drawing cache.
pub(crate) struct CanvasState {
    /// The part of the layout plane on screen.
    pub(crate) camera: Rect,
    pub(crate) fit_pending: bool,
    /// Fit the camera to these entities on the next frame (a chosen path).
    pub(crate) fit_nodes: Option<Vec<NodeIndex>>,
    /// The canvas on screen, for PNG exports.
    pub(crate) screen_rect: Rect,
    cache: CanvasCache,
}

impl Default for CanvasState {
    fn default() -> Self {
        CanvasState {
            camera: Rect::ZERO,
            fit_pending: true,
            fit_nodes: None,
            screen_rect: Rect::NOTHING,
            cache: CanvasCache::default(),
        }
    }
}

/// The rect that shows every visible entity, with a margin.
fn fit_rect(app: &TiegraphApp) -> Rect {
    let mut rect = Rect::NOTHING;
    for node in app.session.view.nodes() {
        let [x, y] = app.session.layout.position(node);
        rect.extend_with(pos2(x, y));
    }
    if rect.is_positive() {
        rect.expand(80.0)
    } else {
        Rect::from_center_size(
            rect.center().max(pos2(0.0, 0.0)).min(pos2(0.0, 0.0)),
            vec2(600.0, 400.0),
        )
    }
}

fn node_radius(app: &TiegraphApp, node: NodeIndex) -> f32 {
    if app.prefs.size_by_degree {
        7.0 + 2.2 * (app.session.graph.degree(node) as f32).sqrt()
    } else {
        10.0
    }
}

// ── level of detail ──

/// Up to this many entities on screen, each is a widget of its own (with
/// an accessible name); above it, only the one under the pointer is,
/// found through an R-tree.
const WIDGET_PER_NODE_UP_TO: usize = 1_500;
/// Above this many entities on screen, or when entities are narrower than
/// [`DENSITY_BELOW_PIXELS`], they are drawn as a density grid and claims as
/// aggregates.
const DENSITY_ABOVE_NODES: usize = 40_000;
/// Radius on screen (points) of a typical entity below which it is a dot.
const DENSITY_BELOW_PIXELS: f32 = 2.0;
/// Entities smaller than this radius on screen are squares, not shapes.
const SHAPE_FROM_PIXELS: f32 = 3.5;
/// The side on screen of a density cell is between this and twice it.
const DENSITY_CELL_PIXELS: f32 = 3.0;
/// Claims are aggregated between cells this many density cells wide.
const LINK_CELL_FACTOR: f32 = 8.0;
/// Aggregated claim lines drawn at most (those with most claims).
const MAX_LINKS: usize = 20_000;
/// Up to this many bundles on screen, each has its badge, arrows and widget.
const DETAILED_BUNDLES_UP_TO: usize = 3_000;
/// Labels placed at most, and candidates tried at most, per frame.
const MAX_LABELS: usize = 400;
const MAX_LABEL_TRIES: usize = 3_000;
/// Slack (screen points) when finding what is under the pointer.
const HIT_SLACK_PIXELS: f32 = 4.0;

/// How entities are drawn this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Detail {
    /// Shapes, each with its own widget.
    Full,
    /// Shapes (squares when tiny), one widget for the entity under the pointer.
    Dots,
    /// A density grid, claims aggregated between cells.
    Density,
}

/// Bundle flags.
const FORWARD: u8 = 1;
const BACKWARD: u8 = 2;
const CONFLICTED: u8 = 4;
const ALL_CONFIRMED: u8 = 8;
const ANY_DISPUTED: u8 = 16;
const ALL_REJECTED: u8 = 32;

/// The claims between two entities (`a < b`): `edges[start..start + len]`
/// of [`Bundles`].
#[derive(Clone, Copy, Debug)]
struct Bundle {
    a: NodeIndex,
    b: NodeIndex,
    start: u32,
    len: u32,
    flags: u8,
}

/// What the bundles are computed from: they change with the view, the
/// reviews and the rejected-claims preference, not with positions.
#[derive(PartialEq)]
struct BundleKey {
    graph: u64,
    view: View,
    reviews: u64,
    show_rejected: bool,
}

#[derive(Default)]
struct Bundles {
    key: Option<BundleKey>,
    /// Bumped on every rebuild, for the caches built on these bundles.
    generation: u64,
    list: Vec<Bundle>,
    edges: Vec<EdgeIndex>,
}

/// Density and aggregated claims at one cell size.
struct Aggregates {
    key: (u64, u64, u32),
    density: Density,
    links: Links,
}

struct Tree {
    key: (u64, u64, bool),
    tree: NodeTree,
    max_radius: f32,
}

/// Radius and kind of every entity, by node index, so that loops over
/// every entity on screen touch two flat arrays rather than the dataset.
#[derive(Default)]
struct NodeFacts {
    key: Option<(u64, bool)>,
    radius: Vec<f32>,
    kind: Vec<u8>,
}

impl NodeFacts {
    fn for_app(app: &TiegraphApp, key: (u64, bool)) -> Self {
        let bound = app.session.graph.node_bound();
        let mut facts = NodeFacts {
            key: Some(key),
            radius: vec![10.0; bound],
            kind: vec![0; bound],
        };
        for node in app.session.graph.graph().node_indices() {
            facts.radius[node.index()] = node_radius(app, node);
            facts.kind[node.index()] = app.session.graph.node(node).kind as u8;
        }
        facts
    }
}

/// What the canvas keeps between frames, in egui's memory. Each part is
/// rebuilt only when what it depends on changes; nothing depends on the
/// camera, so panning rebuilds nothing.
#[derive(Default)]
struct CanvasCache {
    facts: Arc<NodeFacts>,
    bundles: Bundles,
    aggregates: Option<Aggregates>,
    tree: Option<Tree>,
    /// The entity being dragged or with its context menu open, which keeps
    /// its widget while the pointer is elsewhere.
    sticky: Option<NodeIndex>,
}

fn hash_of(value: impl Hash) -> u64 {
    FxBuildHasher.hash_one(value)
}

/// Which dataset is open (a new one gets a new graph).
fn graph_identity(app: &TiegraphApp) -> u64 {
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

fn reviews_fingerprint(app: &TiegraphApp) -> u64 {
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
    fn refresh(&mut self, app: &TiegraphApp, graph: u64) {
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
        for run in pairs.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
            let mut flags = ALL_CONFIRMED | ALL_REJECTED;
            for &(_, _, edge, forward) in run {
                flags |= if forward { FORWARD } else { BACKWARD };
                if app.session.conflicted.contains(&edge) {
                    flags |= CONFLICTED;
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

    fn edges(&self, bundle: &Bundle) -> &[EdgeIndex] {
        &self.edges[bundle.start as usize..(bundle.start + bundle.len) as usize]
    }
}

/// A fingerprint of where the visible entities are.
struct PositionPrint(FxHasher);

impl PositionPrint {
    fn add(&mut self, node: NodeIndex, [x, y]: [f32; 2]) {
        self.0.write_u32(node.index() as u32);
        self.0
            .write_u64((u64::from(x.to_bits()) << 32) | u64::from(y.to_bits()));
    }
}

/// What stands out, and how much the rest fades.
struct Emphasis {
    strong_nodes: FxHashSet<NodeIndex>,
    strong_edges: FxHashSet<EdgeIndex>,
    path_nodes: FxHashSet<NodeIndex>,
    /// Alpha of everything not strong; 1 when nothing is emphasised.
    rest_alpha: f32,
    hide_rest: bool,
}

fn emphasis(app: &TiegraphApp) -> Emphasis {
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
    fn node_visible(&self, node: NodeIndex) -> bool {
        !self.hide_rest || self.strong_nodes.contains(&node)
    }

    fn node_alpha(&self, node: NodeIndex) -> f32 {
        if self.strong_nodes.is_empty() || self.strong_nodes.contains(&node) {
            1.0
        } else {
            self.rest_alpha
        }
    }

    /// Whether a node is drawn on its own above a density grid.
    fn stands_out(&self, node: NodeIndex, hits: &FxHashSet<NodeIndex>) -> bool {
        self.strong_nodes.contains(&node) || hits.contains(&node)
    }
}

/// What the user did on the canvas this frame, applied after drawing.
#[derive(Default)]
struct Actions {
    clicked: Option<Selection>,
    drag: Option<(NodeIndex, Vec2)>,
    double: Option<NodeIndex>,
    context: Option<(NodeIndex, ContextAction)>,
    sticky: Option<NodeIndex>,
}

/// Everything one frame's drawing needs.
struct Frame<'a> {
    app: &'a TiegraphApp,
    facts: Arc<NodeFacts>,
    emphasis: Emphasis,
    hits: FxHashSet<NodeIndex>,
    painter: egui::Painter,
    zoom: f32,
    /// One screen point in layout units.
    pixel: f32,
    /// The scene rect on screen, with a margin.
    visible: Rect,
    /// The pointer in scene coordinates, when it is over the canvas.
    pointer: Option<Pos2>,
    text_color: Color32,
    strong_text_color: Color32,
    edge_color: Color32,
    strong_color: Color32,
    warn_color: Color32,
    panel_fill: Color32,
}

impl Frame<'_> {
    fn position(&self, node: NodeIndex) -> Pos2 {
        let [x, y] = self.app.session.layout.position(node);
        pos2(x, y)
    }

    fn radius(&self, node: NodeIndex) -> f32 {
        self.facts.radius.get(node.index()).copied().unwrap_or(10.0)
    }

    /// The entity's kind, as `NodeKind as usize`.
    fn kind(&self, node: NodeIndex) -> usize {
        usize::from(self.facts.kind.get(node.index()).copied().unwrap_or(0))
    }
}

fn draw(app: &mut TiegraphApp, ui: &mut egui::Ui, zoom: f32) {
    // The cache is the canvas's own; it is lent out while the frame paints
    // from the rest of the app.
    let mut cache = std::mem::take(&mut app.canvas.cache);
    let actions = paint(app, ui, zoom, &mut cache);
    cache.sticky = actions.sticky;
    app.canvas.cache = cache;
    apply(app, actions);
}

fn paint(app: &TiegraphApp, ui: &mut egui::Ui, zoom: f32, cache: &mut CanvasCache) -> Actions {
    // The scene's own transform is this frame's (the camera passed in lags
    // a frame behind a pan or zoom).
    let transform = ui.ctx().layer_transform_to_global(ui.layer_id());
    let zoom = transform.map_or(zoom, |t| t.scaling).max(1e-4);
    let pixel = 1.0 / zoom;
    let clip = ui.clip_rect();
    let visible = clip.expand(60.0 * pixel);
    let pointer = ui
        .ctx()
        .pointer_latest_pos()
        .map(|p| transform.map_or(p, |t| t.inverse() * p))
        .filter(|p| clip.contains(*p));
    let graph = graph_identity(app);
    let facts_key = (graph, app.prefs.size_by_degree);
    if cache.facts.key != Some(facts_key) {
        cache.facts = Arc::new(NodeFacts::for_app(app, facts_key));
    }
    let frame = Frame {
        app,
        facts: cache.facts.clone(),
        emphasis: emphasis(app),
        hits: app.panels.search_hits.iter().copied().collect(),
        painter: ui.painter().clone(),
        zoom,
        pixel,
        visible,
        pointer,
        text_color: ui.visuals().text_color(),
        strong_text_color: ui.visuals().strong_text_color(),
        edge_color: ui.visuals().weak_text_color(),
        strong_color: ui.visuals().selection.stroke.color,
        warn_color: ui.visuals().warn_fg_color,
        panel_fill: ui.visuals().panel_fill,
    };
    let mut actions = Actions::default();

    // ── entities on screen, and a fingerprint of all positions ──
    let mut print = PositionPrint(FxHasher::default());
    let mut on_screen: Vec<(NodeIndex, Pos2)> = Vec::new();
    for node in app.session.view.nodes() {
        let position = app.session.layout.position(node);
        print.add(node, position);
        let p = pos2(position[0], position[1]);
        if visible.contains(p) && frame.emphasis.node_visible(node) {
            on_screen.push((node, p));
        }
    }
    let positions = print.0.finish();
    cache.bundles.refresh(app, graph);

    let typical_radius = if app.prefs.size_by_degree {
        let mean_degree = 2.0 * app.session.view.edge_count() as f32
            / app.session.view.node_count().max(1) as f32;
        7.0 + 2.2 * mean_degree.sqrt()
    } else {
        10.0
    };
    let detail = if on_screen.len() <= WIDGET_PER_NODE_UP_TO {
        Detail::Full
    } else if !frame.emphasis.hide_rest
        && (on_screen.len() > DENSITY_ABOVE_NODES || typical_radius * zoom < DENSITY_BELOW_PIXELS)
    {
        Detail::Density
    } else {
        Detail::Dots
    };

    // ── claims ──
    if detail == Detail::Density {
        draw_aggregates(&frame, cache, positions);
        // Emphasised claims on top of the aggregates, each on its own.
        if !frame.emphasis.strong_edges.is_empty() {
            let bundles = &cache.bundles;
            for bundle in &bundles.list {
                if frame.emphasis.strong_nodes.contains(&bundle.a)
                    && frame.emphasis.strong_nodes.contains(&bundle.b)
                    && bundles
                        .edges(bundle)
                        .iter()
                        .any(|e| frame.emphasis.strong_edges.contains(e))
                    && bundle_on_screen(&frame, bundle)
                {
                    draw_bundle(
                        &frame,
                        ui,
                        bundle,
                        bundles.edges(bundle),
                        true,
                        false,
                        &mut actions,
                    );
                }
            }
        }
    } else {
        let widgets = detail == Detail::Full;
        draw_bundles(&frame, ui, &cache.bundles, widgets, &mut actions);
    }

    // ── entities ──
    let mut labels: Vec<(u32, NodeIndex, Pos2)> = Vec::new();
    let with_labels = zoom >= 0.45;
    match detail {
        Detail::Full => {
            for &(node, center) in &on_screen {
                let r = frame.radius(node);
                draw_node(&frame, node, center, r);
                let rect = Rect::from_center_size(center, Vec2::splat(2.0 * r));
                node_widget(&frame, ui, node, rect, &mut actions);
                labels.push((label_priority(&frame, node), node, center));
            }
        }
        Detail::Dots | Detail::Density => {
            let mut above: Vec<(NodeIndex, Pos2)> = Vec::new();
            if detail == Detail::Dots {
                // One mesh for all: small shapes with a soft outline, and
                // squares for the tiniest.
                let mut mesh = Mesh::default();
                mesh.reserve_vertices(on_screen.len() * 12);
                mesh.reserve_triangles(on_screen.len() * 16);
                let palette = palette();
                let outlines: Vec<Vec<(Vec2, Vec2)>> = (0..32)
                    .map(|i| {
                        NodeKind::ALL
                            .iter()
                            .find(|k| **k as usize == i)
                            .map_or_else(Vec::new, |k| polygon_outline(kind_outline(*k)))
                    })
                    .collect();
                // Small people are octagons: as round, at a few pixels.
                let small_person = polygon_outline(regular(8, 0.0));
                let small = 8.0 * pixel;
                let rim = faded(frame.strong_text_color, 0.7 * zoom.min(1.0));
                for &(node, center) in &on_screen {
                    if frame.emphasis.stands_out(node, &frame.hits) {
                        above.push((node, center));
                        continue;
                    }
                    let r = frame.radius(node);
                    let kind = frame.kind(node) % 32;
                    let alpha = frame.emphasis.node_alpha(node);
                    let fill = faded(palette[kind], alpha);
                    if r * zoom >= SHAPE_FROM_PIXELS {
                        let corners = if kind == NodeKind::Person as usize && r < small {
                            &small_person
                        } else {
                            &outlines[kind]
                        };
                        polygon(
                            &mut mesh,
                            center,
                            corners,
                            r,
                            fill,
                            faded(rim, alpha),
                            pixel,
                        );
                        if app.session.layout.is_pinned(node) {
                            draw_pin(&frame, center, r, alpha);
                        }
                    } else {
                        let half = r.max(0.75 * pixel);
                        square(
                            &mut mesh,
                            Rect::from_center_size(center, Vec2::splat(2.0 * half)),
                            fill,
                        );
                    }
                    if with_labels {
                        labels.push((label_priority(&frame, node), node, center));
                    }
                }
                if !mesh.is_empty() {
                    frame.painter.add(Shape::mesh(mesh));
                }
            } else {
                draw_density(&frame, cache);
                above.extend(
                    on_screen
                        .iter()
                        .filter(|(node, _)| frame.emphasis.stands_out(*node, &frame.hits)),
                );
            }
            for &(node, center) in &above {
                let r = frame.radius(node);
                draw_node(&frame, node, center, r.max(3.0 * pixel));
                labels.push((label_priority(&frame, node), node, center));
            }
            // Widgets only for the entity under the pointer, the one being
            // dragged (or with its menu open) and the selected one.
            let mut widgets: Vec<NodeIndex> = Vec::new();
            if let Some(node) = cache.sticky.filter(|n| app.session.view.contains_node(*n)) {
                widgets.push(node);
            }
            if let Selection::Node(node) = app.selection
                && app.session.view.contains_node(node)
                && visible.contains(frame.position(node))
            {
                widgets.push(node);
            }
            let dragging = cache.sticky.is_some() && ui.ctx().dragged_id().is_some();
            if let Some(at) = pointer.filter(|_| !dragging) {
                let hovered = node_under(&frame, cache, positions, at);
                if let Some(node) = hovered {
                    let r = frame.radius(node).max(3.0 * pixel);
                    draw_node(&frame, node, frame.position(node), r);
                    widgets.push(node);
                }
            }
            widgets.sort_unstable();
            widgets.dedup();
            for node in widgets {
                let r = frame.radius(node) + HIT_SLACK_PIXELS * pixel;
                let rect = Rect::from_center_size(frame.position(node), Vec2::splat(2.0 * r));
                node_widget(&frame, ui, node, rect, &mut actions);
            }
        }
    }

    draw_labels(&frame, labels, with_labels);
    actions
}

/// The entity under the pointer, through the R-tree (built when first
/// needed after the view or the positions changed).
fn node_under(
    frame: &Frame<'_>,
    cache: &mut CanvasCache,
    positions: u64,
    at: Pos2,
) -> Option<NodeIndex> {
    let app = frame.app;
    let key = (
        cache.bundles.generation,
        positions,
        app.prefs.size_by_degree,
    );
    if cache.tree.as_ref().is_none_or(|tree| tree.key != key) {
        let mut max_radius: f32 = 0.0;
        let points: Vec<(NodeIndex, [f32; 2])> = app
            .session
            .view
            .nodes()
            .map(|node| {
                max_radius = max_radius.max(frame.radius(node));
                (node, app.session.layout.position(node))
            })
            .collect();
        cache.tree = Some(Tree {
            key,
            tree: NodeTree::new(points),
            max_radius,
        });
    }
    let tree = cache.tree.as_ref()?;
    let slack = HIT_SLACK_PIXELS * frame.pixel;
    tree.tree
        .within(
            [at.x, at.y],
            (tree.max_radius + slack) * std::f32::consts::SQRT_2,
        )
        .into_iter()
        .find(|&(node, [x, y])| {
            let reach = frame.radius(node) + slack;
            frame.emphasis.node_visible(node)
                && (x - at.x).abs() <= reach
                && (y - at.y).abs() <= reach
        })
        .map(|(node, _)| node)
}

/// Colours of the kinds, by `kind as usize`.
fn palette() -> [Color32; 32] {
    let mut palette = [Color32::GRAY; 32];
    for &kind in NodeKind::ALL {
        palette[kind as usize % 32] = kind_color(kind);
    }
    palette
}

/// An axis-aligned filled square, without anti-aliasing (it tiles).
fn square(mesh: &mut Mesh, rect: Rect, color: Color32) {
    let i = mesh.vertices.len() as u32;
    mesh.colored_vertex(rect.left_top(), color);
    mesh.colored_vertex(rect.right_top(), color);
    mesh.colored_vertex(rect.right_bottom(), color);
    mesh.colored_vertex(rect.left_bottom(), color);
    mesh.add_triangle(i, i + 1, i + 2);
    mesh.add_triangle(i, i + 2, i + 3);
}

/// A kind's outline for [`polygon`]: corners at radius 1, each with the
/// outward direction its rim fades along.
fn polygon_outline(corners: Vec<Vec2>) -> Vec<(Vec2, Vec2)> {
    corners
        .into_iter()
        .map(|corner| (corner, unit(corner).unwrap_or(Vec2::X)))
        .collect()
}

/// A convex polygon (`outline` from [`polygon_outline`], scaled by `r`)
/// filled with `fill`, fading through `edge` to transparent over two
/// `feather`s at its rim: a shape with an anti-aliased outline, appended to
/// a mesh.
fn polygon(
    mesh: &mut Mesh,
    center: Pos2,
    outline: &[(Vec2, Vec2)],
    r: f32,
    fill: Color32,
    edge: Color32,
    feather: f32,
) {
    let n = outline.len() as u32;
    if n < 3 {
        return;
    }
    let base = mesh.vertices.len() as u32;
    let half = feather * 0.5;
    for &(corner, out) in outline {
        let p = center + corner * r;
        mesh.colored_vertex(p - out * half, fill);
        mesh.colored_vertex(p + out * half, edge);
        mesh.colored_vertex(p + out * (3.0 * half), Color32::TRANSPARENT);
    }
    for i in 1..n - 1 {
        mesh.add_triangle(base, base + 3 * i, base + 3 * (i + 1));
    }
    for i in 0..n {
        let (a, b) = (base + 3 * i, base + 3 * ((i + 1) % n));
        for ring in 0..2 {
            mesh.add_triangle(a + ring, a + ring + 1, b + ring);
            mesh.add_triangle(a + ring + 1, b + ring + 1, b + ring);
        }
    }
}

/// A straight line `width` wide with feathered edges (`feather`: one
/// screen point), appended to a mesh: much cheaper than a shape each.
fn line(mesh: &mut Mesh, [a, b]: [Pos2; 2], width: f32, color: Color32, feather: f32) {
    let Some(direction) = unit(b - a) else {
        return;
    };
    let normal = vec2(-direction.y, direction.x);
    let i = mesh.vertices.len() as u32;
    if width <= feather {
        // Thinner than a pixel: a faded centre between transparent edges.
        let color = color.gamma_multiply(width / feather);
        for p in [a, b] {
            mesh.colored_vertex(p + normal * feather, Color32::TRANSPARENT);
            mesh.colored_vertex(p, color);
            mesh.colored_vertex(p - normal * feather, Color32::TRANSPARENT);
        }
        for k in 0..2 {
            mesh.add_triangle(i + k, i + k + 1, i + 3 + k);
            mesh.add_triangle(i + k + 1, i + 3 + k, i + 4 + k);
        }
    } else {
        let (inner, outer) = ((width - feather) * 0.5, (width + feather) * 0.5);
        for p in [a, b] {
            mesh.colored_vertex(p + normal * outer, Color32::TRANSPARENT);
            mesh.colored_vertex(p + normal * inner, color);
            mesh.colored_vertex(p - normal * inner, color);
            mesh.colored_vertex(p - normal * outer, Color32::TRANSPARENT);
        }
        for k in 0..3 {
            mesh.add_triangle(i + k, i + k + 1, i + 4 + k);
            mesh.add_triangle(i + k + 1, i + 4 + k, i + 5 + k);
        }
    }
}

/// `v` scaled to length 1 (`None` for a zero or non-finite vector); plain
/// `sqrt`, cheaper than `Vec2::normalized`'s `hypot` in loops over every
/// claim on screen.
fn unit(v: Vec2) -> Option<Vec2> {
    let length = (v.x * v.x + v.y * v.y).sqrt();
    let u = v / length;
    (length > 0.0 && u.is_finite()).then_some(u)
}

/// `count` against the largest count, on a log scale, in 0..=1.
fn log_share(count: u32, max: u32) -> f32 {
    if max <= 1 {
        1.0
    } else {
        ((1.0 + count as f32).ln() / (1.0 + max as f32).ln()).clamp(0.0, 1.0)
    }
}

/// The density grid and the aggregated claims for this zoom, rebuilt only
/// when the view, the positions or the cell size changed.
fn refresh_aggregates(frame: &Frame<'_>, cache: &mut CanvasCache, positions: u64) {
    let app = frame.app;
    let cell = cell_size(frame.zoom, DENSITY_CELL_PIXELS);
    let key = (cache.bundles.generation, positions, cell.to_bits());
    if cache.aggregates.as_ref().is_some_and(|a| a.key == key) {
        return;
    }
    let nodes: Vec<(NodeIndex, [f32; 2])> = app
        .session
        .view
        .nodes()
        .map(|node| (node, app.session.layout.position(node)))
        .collect();
    let density = Density::new(
        nodes
            .iter()
            .map(|&(node, p)| (p, frame.facts.kind[node.index()])),
        cell,
    );
    let bundles = &cache.bundles;
    let links = Links::new(
        &nodes,
        app.session.graph.node_bound(),
        bundles.list.iter().map(|b| (b.a, b.b, b.len)),
        cell * LINK_CELL_FACTOR,
        MAX_LINKS,
    );
    cache.aggregates = Some(Aggregates {
        key,
        density,
        links,
    });
}

fn draw_aggregates(frame: &Frame<'_>, cache: &mut CanvasCache, positions: u64) {
    refresh_aggregates(frame, cache, positions);
    let Some(aggregates) = &cache.aggregates else {
        return;
    };
    let rest = if frame.emphasis.strong_nodes.is_empty() {
        1.0
    } else {
        frame.emphasis.rest_alpha
    };
    let links = &aggregates.links;
    let mut mesh = Mesh::default();
    for link in &links.links {
        let (a, b) = (
            pos2(link.from[0], link.from[1]),
            pos2(link.to[0], link.to[1]),
        );
        if !frame.visible.intersects(Rect::from_two_pos(a, b)) {
            continue;
        }
        let share = log_share(link.count, links.max_count);
        let color = faded(frame.edge_color, (0.15 + 0.6 * share) * rest);
        line(
            &mut mesh,
            [a, b],
            (0.6 + 2.0 * share) * frame.pixel,
            color,
            frame.pixel,
        );
    }
    if !mesh.is_empty() {
        frame.painter.add(Shape::mesh(mesh));
    }
}

fn draw_density(frame: &Frame<'_>, cache: &CanvasCache) {
    let Some(aggregates) = &cache.aggregates else {
        return;
    };
    let density = &aggregates.density;
    let rest = if frame.emphasis.strong_nodes.is_empty() {
        1.0
    } else {
        frame.emphasis.rest_alpha
    };
    let palette = palette();
    let side = Vec2::splat(density.cell);
    let mut mesh = Mesh::default();
    for cell in &density.cells {
        let rect = Rect::from_min_size(pos2(cell.min[0], cell.min[1]), side);
        if !frame.visible.intersects(rect) {
            continue;
        }
        let share = log_share(cell.count, density.max_count);
        let color = faded(
            palette[usize::from(cell.kind) % 32],
            (0.35 + 0.65 * share) * rest,
        );
        square(&mut mesh, rect, color);
    }
    if !mesh.is_empty() {
        frame.painter.add(Shape::mesh(mesh));
    }
}

/// Half the side of a bundle's hit square: 8 units, at least a few pixels.
fn bundle_hit_half(frame: &Frame<'_>) -> f32 {
    8.0f32.max(HIT_SLACK_PIXELS * frame.pixel)
}

fn bundle_on_screen(frame: &Frame<'_>, bundle: &Bundle) -> bool {
    frame.visible.intersects(Rect::from_two_pos(
        frame.position(bundle.a),
        frame.position(bundle.b),
    ))
}

/// The claims on screen, bundled per pair of entities. When few, each
/// bundle has its arrows and badge; when many, bundles are plain lines in
/// one mesh (emphasised and disputed ones excepted). Each bundle has a
/// widget when `widgets`; otherwise only the one under the pointer has.
fn draw_bundles(
    frame: &Frame<'_>,
    ui: &mut egui::Ui,
    bundles: &Bundles,
    widgets: bool,
    actions: &mut Actions,
) {
    let emphasis = &frame.emphasis;
    let shown: Vec<&Bundle> = bundles
        .list
        .iter()
        .filter(|b| emphasis.node_visible(b.a) && emphasis.node_visible(b.b))
        .filter(|b| bundle_on_screen(frame, b))
        .collect();
    let detailed = shown.len() <= DETAILED_BUNDLES_UP_TO;
    let mut mesh = Mesh::default();
    if !detailed {
        mesh.reserve_vertices(shown.len() * 6);
        mesh.reserve_triangles(shown.len() * 4);
    }
    let mut hovered: Option<(f32, &Bundle)> = None;
    let reach = bundle_hit_half(frame);
    for bundle in shown {
        let edges = bundles.edges(bundle);
        let strong = !emphasis.strong_edges.is_empty()
            && edges.iter().any(|e| emphasis.strong_edges.contains(e));
        if emphasis.hide_rest && !strong {
            continue;
        }
        let Some((start, end, _)) = bundle_ends(frame, bundle) else {
            continue;
        };
        if !widgets && let Some(at) = frame.pointer {
            let d = (start + (end - start) * 0.5 - at).abs();
            if d.x <= reach && d.y <= reach && hovered.is_none_or(|h| d.length() < h.0) {
                hovered = Some((d.length(), bundle));
            }
        }
        if detailed || strong || bundle.flags & (ANY_DISPUTED | ALL_REJECTED) != 0 {
            draw_bundle(frame, ui, bundle, edges, detailed, widgets, actions);
            continue;
        }
        let alpha = if emphasis.strong_nodes.is_empty() {
            1.0
        } else {
            emphasis.rest_alpha
        };
        let width = if bundle.flags & ALL_CONFIRMED != 0 {
            1.8
        } else {
            1.0
        };
        line(
            &mut mesh,
            [start, end],
            width,
            faded(frame.edge_color, alpha),
            frame.pixel,
        );
    }
    if !mesh.is_empty() {
        frame.painter.add(Shape::mesh(mesh));
    }
    // Without a widget each, the bundle under the pointer gets one.
    if let Some((_, bundle)) = hovered {
        draw_bundle(
            frame,
            ui,
            bundle,
            bundles.edges(bundle),
            true,
            true,
            actions,
        );
    }
}

/// Where a bundle's line starts and ends (at the rims of its entities), and
/// its direction.
fn bundle_ends(frame: &Frame<'_>, bundle: &Bundle) -> Option<(Pos2, Pos2, Vec2)> {
    let (pa, pb) = (frame.position(bundle.a), frame.position(bundle.b));
    let direction = unit(pb - pa)?;
    let (ra, rb) = (frame.radius(bundle.a), frame.radius(bundle.b));
    Some((pa + direction * ra, pb - direction * rb, direction))
}

/// One bundle: its line (by review status), and when `detailed` (or
/// emphasised) its arrow heads, conflict mark, count badge and relations,
/// and its widget when `widget`.
fn draw_bundle(
    frame: &Frame<'_>,
    ui: &mut egui::Ui,
    bundle: &Bundle,
    edges: &[EdgeIndex],
    detailed: bool,
    widget: bool,
    actions: &mut Actions,
) {
    let app = frame.app;
    let emphasis = &frame.emphasis;
    let painter = &frame.painter;
    let (a, b) = (bundle.a, bundle.b);
    if !emphasis.node_visible(a) || !emphasis.node_visible(b) {
        return;
    }
    let strong = !emphasis.strong_edges.is_empty()
        && edges.iter().any(|e| emphasis.strong_edges.contains(e));
    if emphasis.hide_rest && !strong {
        return;
    }
    let alpha = if strong || emphasis.strong_nodes.is_empty() {
        1.0
    } else {
        emphasis.rest_alpha
    };
    let Some((start, end, direction)) = bundle_ends(frame, bundle) else {
        return;
    };
    let color = if strong {
        frame.strong_color
    } else {
        faded(frame.edge_color, alpha)
    };
    // Review status on the line: confirmed solid and thicker, disputed
    // dashed, rejected (when shown) dotted; unreviewed thin.
    let width = if strong {
        2.2
    } else if bundle.flags & ALL_CONFIRMED != 0 {
        1.8
    } else {
        1.0
    };
    let stroke = Stroke::new(width, color);
    if bundle.flags & ALL_REJECTED != 0 {
        painter.extend(Shape::dotted_line(&[start, end], color, 4.0, width * 0.8));
    } else if bundle.flags & ANY_DISPUTED != 0 {
        painter.extend(Shape::dashed_line(&[start, end], stroke, 6.0, 4.0));
    } else {
        painter.line_segment([start, end], stroke);
    }
    if !detailed && !strong {
        return;
    }
    // An arrow head for each direction present among the claims; skipped
    // when smaller than a few pixels.
    if frame.zoom >= 0.33 || strong {
        for (tip, dir, present) in [
            (end, direction, bundle.flags & FORWARD != 0),
            (start, -direction, bundle.flags & BACKWARD != 0),
        ] {
            if present {
                let normal = vec2(-dir.y, dir.x);
                let back = tip - dir * 9.0;
                painter.add(Shape::convex_polygon(
                    vec![tip, back + normal * 4.0, back - normal * 4.0],
                    color,
                    Stroke::NONE,
                ));
            }
        }
    }
    let middle = start + (end - start) * 0.5;
    let response = widget.then(|| {
        let hit = Rect::from_center_size(middle, Vec2::splat(2.0 * bundle_hit_half(frame)));
        ui.interact(
            hit,
            ui.scope_id().with(("bundle", a.index(), b.index())),
            Sense::click(),
        )
    });
    // Built only when asked for (accessibility, hover): cheap frames.
    let accessible = || {
        let label = |id: &str| {
            app.session.graph.node_index(id).map_or_else(
                || id.to_string(),
                |n| app.session.graph.node(n).label.clone(),
            )
        };
        if edges.len() == 1 {
            let claim = app.session.graph.claim(edges[0]);
            format!(
                "{} {} {}",
                label(&claim.from),
                claim.relation,
                label(&claim.to)
            )
        } else {
            format!(
                "{} claims between {} and {}",
                edges.len(),
                app.session.graph.node(a).label,
                app.session.graph.node(b).label
            )
        }
    };
    if let Some(response) = &response {
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, accessible()));
    }
    // Marks and badges only where they are more than a few pixels wide.
    let marks = frame.zoom >= 0.4 || strong;
    if marks && bundle.flags & CONFLICTED != 0 {
        // Sources disagree about this link: an orange mark.
        let mark = middle + vec2(-direction.y, direction.x) * -10.0;
        painter.circle_filled(mark, 4.5, Color32::from_rgb(230, 120, 20));
        painter.text(
            mark,
            Align2::CENTER_CENTER,
            "!",
            FontId::proportional(8.0),
            Color32::BLACK,
        );
    }
    if marks && edges.len() > 1 {
        painter.circle_filled(
            middle,
            7.5,
            faded(ui.visuals().extreme_bg_color, alpha.max(0.6)),
        );
        painter.circle_stroke(middle, 7.5, Stroke::new(1.0, color));
        painter.text(
            middle,
            Align2::CENTER_CENTER,
            edges.len().to_string(),
            FontId::proportional(9.0),
            faded(frame.text_color, alpha.max(0.6)),
        );
    }
    let hovered = response.as_ref().is_some_and(egui::Response::hovered);
    if hovered || (frame.zoom > 1.6 && alpha == 1.0) || strong {
        let mut relations: Vec<&str> = edges
            .iter()
            .map(|&e| app.session.graph.claim(e).relation.as_str())
            .collect();
        relations.sort_unstable();
        relations.dedup();
        let offset = vec2(-direction.y, direction.x) * 9.0;
        painter.text(
            middle + offset,
            Align2::CENTER_CENTER,
            relations.join(", "),
            FontId::proportional(9.0),
            faded(frame.text_color, alpha.max(0.5)),
        );
    }
    let Some(response) = response else {
        return;
    };
    let response = response.on_hover_ui(|ui| {
        ui.label(accessible());
    });
    if response.clicked() {
        actions.clicked = Some(if edges.len() == 1 {
            Selection::Claim(edges[0])
        } else {
            Selection::Pair(a, b)
        });
    }
}

/// An entity's shape (and pin), by kind, outlined by its emphasis.
fn draw_node(frame: &Frame<'_>, node: NodeIndex, center: Pos2, r: f32) {
    let app = frame.app;
    let emphasis = &frame.emphasis;
    let entity = app.session.graph.node(node);
    let alpha = emphasis.node_alpha(node);
    let stroke = if app.selection == Selection::Node(node) {
        Stroke::new(3.0, frame.strong_color)
    } else if emphasis.path_nodes.contains(&node) {
        Stroke::new(2.5, frame.strong_color)
    } else if frame.hits.contains(&node) {
        Stroke::new(2.0, frame.warn_color)
    } else {
        Stroke::new(1.0, faded(frame.strong_text_color, alpha * 0.7))
    };
    frame.painter.add(kind_shape(
        entity.kind,
        center,
        r,
        faded(kind_color(entity.kind), alpha),
        stroke,
    ));
    if app.session.layout.is_pinned(node) {
        draw_pin(frame, center, r, alpha);
    }
}

/// A pin: a small dark dot at the top right of an entity.
fn draw_pin(frame: &Frame<'_>, center: Pos2, r: f32, alpha: f32) {
    frame.painter.circle_filled(
        center + vec2(r * 0.8, -r * 0.8),
        3.0,
        faded(frame.strong_text_color, alpha),
    );
}

/// The widget of an entity: accessible name, hover card, click, double
/// click, drag and context menu.
fn node_widget(
    frame: &Frame<'_>,
    ui: &mut egui::Ui,
    node: NodeIndex,
    rect: Rect,
    actions: &mut Actions,
) {
    let app = frame.app;
    let entity = app.session.graph.node(node);
    let response = ui.interact(
        rect,
        ui.scope_id().with(("entity", node.index())),
        Sense::click_and_drag(),
    );
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &entity.label));
    if response.dragged() {
        actions.drag = Some((node, response.drag_delta()));
    }
    if response.double_clicked() {
        actions.double = Some(node);
    } else if response.clicked() {
        actions.clicked = Some(Selection::Node(node));
    }
    let response = response.on_hover_ui(|ui| {
        ui.strong(&entity.label);
        ui.label(format!(
            "{} · {} claims",
            entity.kind,
            app.session.graph.degree(node)
        ));
        if let Some(date) = &entity.date {
            ui.label(format!(
                "{date}{}",
                if date.inferred {
                    " (year inferred)"
                } else {
                    ""
                }
            ));
        }
        if !entity.aliases.is_empty() {
            ui.label(format!("also: {}", entity.aliases.join("; ")));
        }
        ui.weak("Drag to pin · double-click for its neighbourhood · right-click for more");
    });
    response.context_menu(|ui| {
        let pinned = app.session.layout.is_pinned(node);
        if ui
            .button(if pinned { "Unpin" } else { "Pin here" })
            .clicked()
        {
            actions.context = Some((node, ContextAction::TogglePin));
            ui.close();
        }
        if ui.button("Hide (Delete)").clicked() {
            actions.context = Some((node, ContextAction::Hide));
            ui.close();
        }
        if ui.button("Show its neighbourhood").clicked() {
            actions.context = Some((node, ContextAction::Focus));
            ui.close();
        }
        if ui.button("Path from here").clicked() {
            actions.context = Some((node, ContextAction::PathFrom));
            ui.close();
        }
        if ui.button("Path to here").clicked() {
            actions.context = Some((node, ContextAction::PathTo));
            ui.close();
        }
    });
    if response.dragged() || response.is_pointer_button_down_on() || response.context_menu_opened()
    {
        actions.sticky = Some(node);
    }
}

fn label_priority(frame: &Frame<'_>, node: NodeIndex) -> u32 {
    let emphasis = &frame.emphasis;
    if frame.app.selection == Selection::Node(node) {
        u32::MAX
    } else if emphasis.path_nodes.contains(&node) {
        u32::MAX - 1
    } else if frame.hits.contains(&node) {
        u32::MAX - 2
    } else if emphasis.strong_nodes.contains(&node) {
        u32::MAX - 3
    } else {
        frame.app.session.graph.degree(node) as u32
    }
}

/// Labels by priority, never overlapping; tiny text is noise, so only
/// emphasised labels show unless `all` (zoomed in far enough).
fn draw_labels(frame: &Frame<'_>, mut candidates: Vec<(u32, NodeIndex, Pos2)>, all: bool) {
    if !all {
        candidates.retain(|c| c.0 >= u32::MAX - 3);
    }
    let order =
        |a: &(u32, NodeIndex, Pos2), b: &(u32, NodeIndex, Pos2)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if candidates.len() > MAX_LABEL_TRIES {
        candidates.select_nth_unstable_by(MAX_LABEL_TRIES, order);
        candidates.truncate(MAX_LABEL_TRIES);
    }
    candidates.sort_unstable_by(order);
    let painter = &frame.painter;
    let app = frame.app;
    let mut placed: Vec<Rect> = Vec::new();
    let font = FontId::proportional(11.0);
    for (_, node, center) in candidates {
        if placed.len() >= MAX_LABELS {
            break;
        }
        let r = frame.radius(node);
        let label = &app.session.graph.node(node).label;
        // A rect inside the label's (a narrow width per character): when it
        // overlaps a placed label, so would the label, and laying it out
        // can be skipped.
        let narrow = 0.2 * 11.0 * label.chars().take(200).count() as f32;
        let inside = Rect::from_min_size(center + vec2(-narrow / 2.0, r + 2.0), vec2(narrow, 10.0));
        if placed.iter().any(|other| other.intersects(inside)) {
            continue;
        }
        let alpha = frame.emphasis.node_alpha(node);
        let galley =
            painter.layout_no_wrap(label.clone(), font.clone(), faded(frame.text_color, alpha));
        let rect = Rect::from_min_size(
            center + vec2(-galley.size().x / 2.0, r + 2.0),
            galley.size(),
        );
        if placed.iter().any(|other| other.intersects(rect)) {
            continue;
        }
        placed.push(rect.expand(1.5));
        painter.rect_filled(rect.expand(1.0), 2.0, faded(frame.panel_fill, 0.75 * alpha));
        painter.galley(rect.min, galley, frame.text_color);
    }
}

/// Applies what the user did on the canvas, after drawing.
fn apply(app: &mut TiegraphApp, actions: Actions) {
    if let Some((node, delta)) = actions.drag {
        let [x, y] = app.session.layout.position(node);
        if !app.session.layout.is_pinned(node) {
            app.session.record_edit();
        }
        app.session.layout.place(node, [x + delta.x, y + delta.y]);
    }
    if let Some(node) = actions.double {
        let id = app.session.graph.node(node).id.clone();
        let mut filter = app.session.filter.clone();
        if filter.focus == vec![id.clone()] {
            filter.hops += 1;
        } else {
            filter.focus = vec![id];
            filter.hops = 1;
        }
        app.set_filter(filter);
        app.selection = Selection::Node(node);
        app.canvas.fit_pending = true;
    }
    if let Some((node, action)) = actions.context {
        match action {
            ContextAction::TogglePin => {
                app.session.record_edit();
                let pinned = app.session.layout.is_pinned(node);
                app.session.layout.set_pinned(node, !pinned);
            }
            ContextAction::Hide => app.hide(&[node]),
            ContextAction::Focus => {
                let filter = Filter {
                    focus: vec![app.session.graph.node(node).id.clone()],
                    hops: 1,
                    ..app.session.filter.clone()
                };
                app.set_filter(filter);
                app.canvas.fit_pending = true;
            }
            ContextAction::PathFrom => {
                app.panels.paths.from = app.session.graph.node(node).label.clone()
            }
            ContextAction::PathTo => {
                app.panels.paths.to = app.session.graph.node(node).label.clone()
            }
        }
    }
    if let Some(selection) = actions.clicked {
        app.selection = selection;
    }
}

#[derive(Clone, Copy)]
enum ContextAction {
    TogglePin,
    Hide,
    Focus,
    PathFrom,
    PathTo,
}

/// The legend and the fit button, drawn over the canvas.
fn overlay_ui(app: &mut TiegraphApp, ui: &mut egui::Ui, outer: Rect) {
    // The kinds in the view, in legend order; stops looking once all are seen.
    let mut seen = [false; 32];
    let mut missing = NodeKind::ALL.len();
    for node in app.session.view.nodes() {
        let slot = &mut seen[app.session.graph.node(node).kind as usize % 32];
        if !*slot {
            *slot = true;
            missing -= 1;
            if missing == 0 {
                break;
            }
        }
    }
    let kinds: Vec<NodeKind> = NodeKind::ALL
        .iter()
        .copied()
        .filter(|kind| seen[*kind as usize % 32])
        .collect();
    let painter = ui.ctx().layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        Id::unique("tiegraph-legend"),
    ));
    let row = 16.0;
    let height = row * kinds.len() as f32 + 8.0;
    let legend = Rect::from_min_size(outer.left_top() + vec2(8.0, 8.0), vec2(120.0, height));
    if !kinds.is_empty() {
        painter.rect_filled(legend, 4.0, ui.visuals().panel_fill.gamma_multiply(0.9));
        for (i, kind) in kinds.iter().enumerate() {
            let y = legend.top() + 4.0 + row * (i as f32 + 0.5);
            painter.add(kind_shape(
                *kind,
                pos2(legend.left() + 12.0, y),
                5.0,
                kind_color(*kind),
                Stroke::new(0.5, ui.visuals().text_color()),
            ));
            painter.text(
                pos2(legend.left() + 24.0, y),
                Align2::LEFT_CENTER,
                kind.as_str(),
                FontId::proportional(11.0),
                ui.visuals().text_color(),
            );
        }
    }
    let button = Rect::from_min_size(
        pos2(outer.right() - 64.0, outer.top() + 8.0),
        vec2(56.0, 22.0),
    );
    if ui
        .put(button, egui::Button::new("Fit"))
        .on_hover_text("Fit the graph to the window")
        .clicked()
    {
        app.canvas.fit_pending = true;
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use super::*;
    use crate::graph::TieGraph;
    use crate::ui::{DatasetOrigin, Preferences};

    /// An app with more entities than get a widget each, settled.
    fn many() -> TiegraphApp {
        let graph = TieGraph::new(crate::synth::dataset(1_800, 2_700, 7));
        let mut app = TiegraphApp::new(graph, DatasetOrigin::Embedded, Preferences::default());
        app.native_dialogs = false;
        app.use_reviews_file(tempfile::tempdir().unwrap().path().join("reviews.toml"));
        app.settle_layout();
        app
    }

    /// Where the scene puts a layout position on screen.
    fn to_screen(app: &TiegraphApp, [x, y]: [f32; 2]) -> Pos2 {
        let (outer, camera) = (app.canvas.screen_rect, app.canvas.camera);
        let scale = (outer.size() / camera.size()).min_elem().clamp(0.02, 8.0);
        outer.center() + (pos2(x, y) - camera.center()) * scale
    }

    #[test]
    fn with_many_entities_only_what_is_under_the_pointer_has_a_widget() {
        let mut harness = Harness::builder()
            .with_size(vec2(1500.0, 950.0))
            .with_context_setup(super::super::install_fonts)
            .with_max_steps(400)
            .build_ui_state(|ui, app: &mut TiegraphApp| app.show(ui), many());
        harness.run();
        let app = harness.state();
        assert!(app.session.view.node_count() > WIDGET_PER_NODE_UP_TO);
        let widgets = harness.query_all_by_role(egui::Role::Button).count();
        assert!(widgets < 100, "{widgets} buttons: one per entity or claim?");

        // The entity nearest the middle of the canvas that no other covers.
        let middle = app.canvas.screen_rect.center();
        let positions: Vec<(NodeIndex, [f32; 2])> = app
            .session
            .view
            .nodes()
            .map(|n| (n, app.session.layout.position(n)))
            .collect();
        let alone = |&(node, [x, y]): &(NodeIndex, [f32; 2])| {
            positions
                .iter()
                .all(|&(other, [ox, oy])| other == node || (ox - x).hypot(oy - y) > 1.0)
        };
        let (node, position) = positions
            .iter()
            .copied()
            .filter(alone)
            .min_by(|a, b| {
                let da = to_screen(app, a.1).distance(middle);
                let db = to_screen(app, b.1).distance(middle);
                da.total_cmp(&db).then(a.0.cmp(&b.0))
            })
            .unwrap();
        let label = app.session.graph.node(node).label.clone();
        assert!(
            harness
                .query_by_role_and_label(egui::Role::Button, &label)
                .is_none()
        );

        let at = to_screen(harness.state(), position);
        harness.hover_at(at);
        harness.run();
        assert!(
            harness
                .query_by_role_and_label(egui::Role::Button, &label)
                .is_some(),
            "the entity under the pointer has a widget"
        );
        for pressed in [true, false] {
            harness.event(egui::Event::PointerButton {
                pos: at,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            });
        }
        harness.run();
        assert_eq!(harness.state().selection, Selection::Node(node));
        // The selected entity keeps its widget when the pointer leaves.
        harness.hover_at(harness.state().canvas.screen_rect.left_bottom() + vec2(40.0, -40.0));
        harness.run();
        assert!(
            harness
                .query_by_role_and_label(egui::Role::Button, &label)
                .is_some()
        );
    }
}
