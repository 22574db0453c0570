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
//! the canvas state and rebuilt only when the view or the positions change.

//!
//! One job per file: `cache`, `emphasis`, `shapes`, `nodes`,
//! `bundles`, `labels`, `density`, `overlay`; this file holds the
//! canvas state, the frame (what is on screen, at what detail) and what
//! the user's clicks and drags do.

mod bundles;
mod cache;
pub(crate) mod camera;
mod density;
mod emphasis;
mod labels;
mod nodes;
mod overlay;
mod shapes;

use std::hash::Hasher;
use std::sync::Arc;

use eframe::egui::{self, Color32, LayerId, Mesh, Pos2, Rect, Sense, Shape, Vec2, pos2, vec2};
use petgraph::stable_graph::NodeIndex;
use rustc_hash::{FxHashSet, FxHasher};

use super::{Selection, TiegraphApp, steps_per_frame};
use crate::query::Filter;

use bundles::*;
use cache::*;
pub(crate) use camera::Camera;
use density::*;
use emphasis::*;
pub(crate) use labels::shorten as shorten_label;
use labels::*;
use nodes::*;
use overlay::*;
use shapes::*;
pub(crate) use shapes::{kind_color, kind_shape};

pub(super) fn canvas_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    let steps = steps_per_frame(app.session.view.node_count());
    let outcome = app.session.advance_layout(steps);
    app.layout_finished(outcome);
    let (canvas, background) =
        ui.allocate_exact_size(ui.available_size_before_wrap(), Sense::click_and_drag());
    app.canvas.screen_rect = canvas;
    let bounds = layout_bounds(app, app.session.view.nodes());
    let navigation = camera::navigation(ui, canvas, &background);
    let mut camera = match app.canvas.camera {
        Some(camera) if !app.canvas.fit_pending && !navigation.fit => camera,
        _ => Camera::fitting_in(bounds, canvas, fit_area(app, canvas)),
    };
    app.canvas.fit_pending = false;
    if let Some(nodes) = app.canvas.fit_nodes.take() {
        camera = show_nodes(app, camera, canvas, &nodes);
    }
    camera.center -= navigation.pan / camera.scale;
    if let Some((factor, anchor)) = navigation.zoom {
        camera.zoom_about(canvas, anchor, factor);
    }
    camera.clamp(canvas, bounds);
    app.canvas.camera = Some(camera);

    // The graph is drawn in layout units on a layer of its own, which egui
    // transforms to the screen (and whose widgets it hit-tests through the
    // transform); labels go on a layer above it, in screen points, so that
    // they stay readable at every zoom.
    let scene_layer = LayerId::new(ui.layer_id().order, ui.scope_id().with("tiegraph-scene"));
    let label_layer = LayerId::new(ui.layer_id().order, ui.scope_id().with("tiegraph-labels"));
    ui.ctx().set_sublayer(ui.layer_id(), scene_layer);
    ui.ctx().set_sublayer(scene_layer, label_layer);
    ui.ctx()
        .set_transform_layer(scene_layer, camera.transform(canvas));
    let visible = camera.visible(canvas);
    let mut scene = ui.new_child(
        egui::UiBuilder::new()
            .layer_id(scene_layer)
            .max_rect(visible),
    );
    scene.set_clip_rect(visible);
    let labels = ui.ctx().layer_painter(label_layer).with_clip_rect(canvas);
    draw(app, &mut scene, &labels, (camera, canvas));
    overlay_ui(app, ui, canvas);
}

/// The part of the canvas a fitted graph goes into: right of the legend
/// when it is open (as the last frame drew it; a guess before that).
fn fit_area(app: &TiegraphApp, canvas: Rect) -> Rect {
    let legend_right = match app.canvas.overlay_rects.first() {
        // A closed legend is one line: the graph may pass under it.
        Some(legend) if legend.height() > 60.0 => legend.right(),
        Some(_) => canvas.left(),
        None => canvas.left() + 150.0,
    };
    let mut area = canvas;
    area.min.x = (legend_right - 16.0).clamp(canvas.left(), canvas.center().x);
    area
}

/// The camera that shows `nodes` (a selection and its neighbours, a path)
/// with room for their labels: it zooms out as far as needed to show them
/// all, and in no further than where they are spread out well apart.
fn show_nodes(app: &TiegraphApp, camera: Camera, canvas: Rect, nodes: &[NodeIndex]) -> Camera {
    let bounds = layout_bounds(app, nodes.iter().copied());
    if !bounds.is_finite() {
        return camera;
    }
    // Room beside them for their names (labels go left or right), and
    // clear of the legend.
    let area = fit_area(app, canvas);
    let fitted = Camera::fitting_with(bounds, area, vec2(SHOW_NODES_SIDE_MARGIN, 40.0));
    let scale = fitted.scale.min(SHOW_NODES_MAX_SCALE);
    Camera {
        center: bounds.center() - (area.center() - canvas.center()) / scale,
        scale,
    }
}

/// Screen points kept free left and right of shown entities, for names.
const SHOW_NODES_SIDE_MARGIN: f32 = 150.0;

/// The closest zoom at which selecting an entity shows its neighbourhood.
const SHOW_NODES_MAX_SCALE: f32 = 2.0;

/// The canvas between frames: the camera, what to fit next, where the
/// canvas was on screen, and the drawing cache.
pub(crate) struct CanvasState {
    /// The camera; `None` until the first frame fits the graph.
    pub(crate) camera: Option<Camera>,
    pub(crate) fit_pending: bool,
    /// Show these entities on the next frame (a selection and its
    /// neighbours, a chosen path).
    pub(crate) fit_nodes: Option<Vec<NodeIndex>>,
    /// The canvas on screen, for PNG exports.
    pub(crate) screen_rect: Rect,
    /// The labels placed in the last frame (screen points), for tests and
    /// measurements.
    pub(crate) placed_labels: Vec<PlacedLabel>,
    /// Where the overlays were in the last frame: labels keep clear of them.
    pub(crate) overlay_rects: Vec<Rect>,
    cache: CanvasCache,
}

/// What entity sizes and colours depend on besides the graph: the
/// preference and the Statistics panel's measure.
pub(super) fn sizing_key(app: &TiegraphApp) -> u64 {
    hash_of((app.prefs.size_by_degree, app.panels.statistics.generation))
}

impl CanvasState {
    /// Drops what was computed from the graph (its bundles), after the
    /// dataset was edited: the camera stays.
    pub(crate) fn forget_cache(&mut self) {
        self.cache = CanvasCache::default();
    }
}

impl Default for CanvasState {
    fn default() -> Self {
        CanvasState {
            camera: None,
            fit_pending: true,
            fit_nodes: None,
            screen_rect: Rect::NOTHING,
            placed_labels: Vec::new(),
            overlay_rects: Vec::new(),
            cache: CanvasCache::default(),
        }
    }
}

/// The bounds (layout units) of some entities' positions.
fn layout_bounds(app: &TiegraphApp, nodes: impl Iterator<Item = NodeIndex>) -> Rect {
    let mut rect = Rect::NOTHING;
    for node in nodes {
        let [x, y] = app.session.layout.position(node);
        rect.extend_with(pos2(x, y));
    }
    if rect.is_finite() {
        rect
    } else {
        Rect::from_center_size(Pos2::ZERO, vec2(600.0, 400.0))
    }
}

pub(crate) fn node_radius(app: &TiegraphApp, node: NodeIndex) -> f32 {
    // Sized by the Statistics panel's measure (its share of the largest).
    if let Some(share) = app.panels.statistics.size_of(node) {
        return 6.0 + 22.0 * (share.max(0.0) as f32).sqrt();
    }
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
    /// Labels wanted this frame, placed in screen space after drawing.
    labels: LabelCandidates,
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

fn draw(
    app: &mut TiegraphApp,
    ui: &mut egui::Ui,
    labels: &egui::Painter,
    (camera, canvas): (Camera, Rect),
) {
    // The cache is the canvas's own; it is lent out while the frame paints
    // from the rest of the app.
    let mut cache = std::mem::take(&mut app.canvas.cache);
    let (actions, candidates) = paint(app, ui, camera.scale, &mut cache);
    cache.sticky = actions.sticky;
    app.canvas.cache = cache;
    let visuals = ui.visuals().clone();
    app.canvas.placed_labels = place_labels(app, (labels, visuals), (camera, canvas), candidates);
    apply(app, actions);
}

fn paint(
    app: &TiegraphApp,
    ui: &mut egui::Ui,
    zoom: f32,
    cache: &mut CanvasCache,
) -> (Actions, LabelCandidates) {
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
    let facts_key = (graph, sizing_key(app));
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
        labels: LabelCandidates::default(),
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
    draw_claims(&frame, ui, cache, (detail, positions), &mut actions);

    // ── entities ──
    let mut labels: Vec<(u32, NodeIndex, Pos2, f32)> = Vec::new();
    match detail {
        Detail::Full => {
            for &(node, center) in &on_screen {
                let r = frame.radius(node);
                draw_node(&frame, node, center, r);
                let rect = Rect::from_center_size(center, Vec2::splat(2.0 * r));
                node_widget(&frame, ui, node, rect, &mut actions);
                labels.push((label_priority(&frame, node), node, center, r));
            }
        }
        Detail::Dots | Detail::Density => {
            let mut above: Vec<(NodeIndex, Pos2)> = Vec::new();
            if detail == Detail::Dots {
                above = draw_dots(&frame, &on_screen, &mut labels);
            } else {
                draw_density(&frame, cache);
                above.extend(
                    on_screen
                        .iter()
                        .filter(|(node, _)| frame.emphasis.stands_out(*node, &frame.hits)),
                );
            }
            for &(node, center) in &above {
                let r = frame.radius(node).max(3.0 * pixel);
                draw_node(&frame, node, center, r);
                labels.push((label_priority(&frame, node), node, center, r));
            }
            pointer_widgets(&frame, ui, cache, positions, &mut actions);
        }
    }
    let mut candidates = frame.labels;
    candidates.obstacles = if detail == Detail::Density {
        // Entities are specks: only those drawn on their own are in the way.
        labels.iter().map(|&(_, _, at, r)| (at, r)).collect()
    } else {
        on_screen
            .iter()
            .map(|&(node, at)| {
                (
                    at,
                    frame
                        .facts
                        .radius
                        .get(node.index())
                        .copied()
                        .unwrap_or(10.0),
                )
            })
            .collect()
    };
    candidates.entities = labels;
    (actions, candidates)
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

    /// Where the canvas puts a layout position on screen.
    fn to_screen(app: &TiegraphApp, [x, y]: [f32; 2]) -> Pos2 {
        let camera = app.canvas.camera.expect("a frame has run");
        camera.to_screen(app.canvas.screen_rect, pos2(x, y))
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
