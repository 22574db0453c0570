//! The graph canvas: an `egui::Scene` (pan, zoom about the cursor) with a
//! painter drawing entities by kind, claims as bundled arrows with count
//! badges, and labels that never pile up. Every entity and every bundle has
//! its own interactive rect with an accessible name, so screen readers and
//! tests can find them.

use std::collections::HashSet;

use eframe::egui::{
    self, Align2, Color32, FontId, Id, Pos2, Rect, Sense, Shape, Stroke, Vec2, WidgetInfo, pos2,
    vec2,
};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::{RestOfGraph, Selection, TiegraphApp};
use crate::model::NodeKind;
use crate::query::Filter;
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
    let polygon = |points: Vec<Vec2>| {
        Shape::convex_polygon(
            points.into_iter().map(|p| center + p).collect(),
            fill,
            stroke,
        )
    };
    let regular = |sides: usize, rotation: f32| {
        polygon(
            (0..sides)
                .map(|i| {
                    let angle = rotation + i as f32 * std::f32::consts::TAU / sides as f32;
                    vec2(angle.cos(), angle.sin()) * r
                })
                .collect(),
        )
    };
    match kind {
        NodeKind::Person => Shape::circle_filled(center, r, fill).with_stroke(stroke),
        NodeKind::Organization => polygon(vec![
            vec2(-1.3 * r, -0.8 * r),
            vec2(1.3 * r, -0.8 * r),
            vec2(1.3 * r, 0.8 * r),
            vec2(-1.3 * r, 0.8 * r),
        ]),
        NodeKind::Country => regular(8, std::f32::consts::PI / 8.0),
        NodeKind::Place => regular(3, -std::f32::consts::FRAC_PI_2),
        NodeKind::Delegation => regular(5, -std::f32::consts::FRAC_PI_2),
        NodeKind::Visit => polygon(vec![
            vec2(-1.2 * r, -0.8 * r),
            vec2(0.7 * r, -0.8 * r),
            vec2(1.3 * r, 0.0),
            vec2(0.7 * r, 0.8 * r),
            vec2(-1.2 * r, 0.8 * r),
        ]),
        NodeKind::Meeting => regular(6, 0.0),
        NodeKind::Contract => regular(4, 0.0),
        NodeKind::Equipment => polygon(vec![vec2(-r, -r), vec2(r, -r), vec2(r, r), vec2(-r, r)]),
        NodeKind::Event => regular(3, std::f32::consts::FRAC_PI_2),
        NodeKind::Document => polygon(vec![
            vec2(-0.8 * r, -1.1 * r),
            vec2(0.8 * r, -1.1 * r),
            vec2(0.8 * r, 1.1 * r),
            vec2(-0.8 * r, 1.1 * r),
        ]),
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
    app.advance_layout();
    let outer = ui.available_rect_before_wrap();
    app.canvas_rect = outer;
    if app.fit_pending || !app.camera.is_positive() {
        app.camera = fit_rect(app);
        app.fit_pending = false;
    }
    if let Some(nodes) = app.fit_nodes.take() {
        let mut rect = Rect::NOTHING;
        for node in nodes {
            let [x, y] = app.layout.position(node);
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
            app.camera = Rect::from_center_size(rect.center(), size);
        }
    }
    let zoom = if app.camera.width() > 0.0 {
        outer.width() / app.camera.width()
    } else {
        1.0
    };
    let mut camera = app.camera;
    egui::Scene::new()
        .zoom_range(0.02..=8.0)
        .show(ui, &mut camera, |ui| draw(app, ui, zoom));
    app.camera = camera;
    overlay_ui(app, ui, outer);
}

/// The rect that shows every visible entity, with a margin.
fn fit_rect(app: &TiegraphApp) -> Rect {
    let mut rect = Rect::NOTHING;
    for node in app.view.nodes() {
        let [x, y] = app.layout.position(node);
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
        7.0 + 2.2 * (app.graph.degree(node) as f32).sqrt()
    } else {
        10.0
    }
}

/// What stands out, and how much the rest fades.
struct Emphasis {
    strong_nodes: HashSet<NodeIndex>,
    strong_edges: HashSet<EdgeIndex>,
    path_nodes: HashSet<NodeIndex>,
    /// Alpha of everything not strong; 1 when nothing is emphasised.
    rest_alpha: f32,
    hide_rest: bool,
}

fn emphasis(app: &TiegraphApp) -> Emphasis {
    let mut strong_nodes = HashSet::new();
    let mut strong_edges = HashSet::new();
    let mut path_nodes = HashSet::new();
    let mut rest_alpha = 1.0;
    let mut hide_rest = false;
    if let Some(path) = app.chosen_path() {
        path_nodes.extend(path.nodes.iter().copied());
        strong_nodes.extend(path.nodes.iter().copied());
        strong_edges.extend(path.hops.iter().flatten().copied());
        match app.paths.rest {
            RestOfGraph::Show => {}
            RestOfGraph::Dim => rest_alpha = 0.2,
            RestOfGraph::Hide => hide_rest = true,
        }
    }
    match app.selection {
        Selection::Node(node) => {
            strong_nodes.insert(node);
            for &(neighbour, edge) in app.graph.neighbours(node) {
                if app.view.contains_edge(edge) {
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
            if let Some((a, b)) = app.graph.graph().edge_endpoints(edge) {
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
            for &(n, e) in app.graph.neighbours(a) {
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

fn draw(app: &mut TiegraphApp, ui: &mut egui::Ui, zoom: f32) {
    let emphasis = emphasis(app);
    let painter = ui.painter().clone();
    let text_color = ui.visuals().text_color();
    let edge_color = ui.visuals().weak_text_color();
    let position = |app: &TiegraphApp, n: NodeIndex| {
        let [x, y] = app.layout.position(n);
        pos2(x, y)
    };
    let node_visible = |n: NodeIndex| !emphasis.hide_rest || emphasis.strong_nodes.contains(&n);
    let node_alpha = |n: NodeIndex| {
        if emphasis.strong_nodes.is_empty() || emphasis.strong_nodes.contains(&n) {
            1.0
        } else {
            emphasis.rest_alpha
        }
    };

    // ── claims, bundled per pair of entities ──
    // Level of detail: only what is on screen is drawn, and when very many
    // claims are on screen, they are plain lines without badges, arrow heads
    // or their own hit rects (zoom in for those).
    let visible = app.camera.expand(60.0 / zoom.max(0.01));
    let show_rejected = app.prefs.show_rejected;
    let mut pairs: Vec<((NodeIndex, NodeIndex), EdgeIndex)> = app
        .view
        .edges()
        .filter(|&edge| {
            // Rejected claims are hidden unless asked for.
            show_rejected
                || app.reviews.reviews.status(&app.graph.claim(edge).id) != ReviewStatus::Rejected
        })
        .filter_map(|edge| {
            let (a, b) = app.graph.graph().edge_endpoints(edge)?;
            Some((if a <= b { (a, b) } else { (b, a) }, edge))
        })
        .filter(|((a, b), _)| {
            let (pa, pb) = (position(app, *a), position(app, *b));
            visible.intersects(Rect::from_two_pos(pa, pb))
        })
        .collect();
    pairs.sort_unstable();
    let mut bundles: Vec<((NodeIndex, NodeIndex), Vec<EdgeIndex>)> = Vec::new();
    for (key, edge) in pairs {
        match bundles.last_mut() {
            Some((last, edges)) if *last == key => edges.push(edge),
            _ => bundles.push((key, vec![edge])),
        }
    }
    let detailed = bundles.len() <= 3_000 || zoom >= 0.6;
    let mut clicked: Option<Selection> = None;
    for ((a, b), edges) in &bundles {
        let (a, b) = (*a, *b);
        if a == b || !node_visible(a) || !node_visible(b) {
            continue;
        }
        let strong = edges.iter().any(|e| emphasis.strong_edges.contains(e));
        if emphasis.hide_rest && !strong {
            continue;
        }
        let alpha = if strong || emphasis.strong_nodes.is_empty() {
            1.0
        } else {
            emphasis.rest_alpha
        };
        let (pa, pb) = (position(app, a), position(app, b));
        let direction = (pb - pa).normalized();
        if !direction.is_finite() {
            continue;
        }
        let (ra, rb) = (node_radius(app, a), node_radius(app, b));
        let (start, end) = (pa + direction * ra, pb - direction * rb);
        let color = if strong {
            ui.visuals().selection.stroke.color
        } else {
            faded(edge_color, alpha)
        };
        // Review status on the line: confirmed solid and thicker, disputed
        // dashed, rejected (when shown) dotted; unreviewed thin.
        let statuses: Vec<ReviewStatus> = edges
            .iter()
            .map(|&e| app.reviews.reviews.status(&app.graph.claim(e).id))
            .collect();
        let confirmed = statuses.iter().all(|s| *s == ReviewStatus::Confirmed);
        let disputed = statuses.contains(&ReviewStatus::Disputed);
        let rejected = statuses.iter().all(|s| *s == ReviewStatus::Rejected);
        let width = if strong {
            2.2
        } else if confirmed {
            1.8
        } else {
            1.0
        };
        let stroke = Stroke::new(width, color);
        if rejected {
            painter.extend(Shape::dotted_line(&[start, end], color, 4.0, width * 0.8));
        } else if disputed {
            painter.extend(Shape::dashed_line(&[start, end], stroke, 6.0, 4.0));
        } else {
            painter.line_segment([start, end], stroke);
        }
        // An arrow head for each direction present among the claims.
        let forward = edges.iter().any(|&e| {
            app.graph
                .graph()
                .edge_endpoints(e)
                .is_some_and(|(s, _)| s == a)
        });
        let backward = edges.iter().any(|&e| {
            app.graph
                .graph()
                .edge_endpoints(e)
                .is_some_and(|(s, _)| s == b)
        });
        if !detailed && !strong {
            continue;
        }
        for (tip, dir, present) in [(end, direction, forward), (start, -direction, backward)] {
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
        let middle = start + (end - start) * 0.5;
        let hit = Rect::from_center_size(middle, vec2(16.0, 16.0));
        let response = ui.interact(
            hit,
            ui.scope_id().with(("bundle", a.index(), b.index())),
            Sense::click(),
        );
        // Built only when asked for (accessibility, hover): cheap frames.
        let accessible = || {
            let label = |id: &str| {
                app.graph
                    .node_index(id)
                    .map_or_else(|| id.to_string(), |n| app.graph.node(n).label.clone())
            };
            if edges.len() == 1 {
                let claim = app.graph.claim(edges[0]);
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
                    app.graph.node(a).label,
                    app.graph.node(b).label
                )
            }
        };
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, accessible()));
        if edges.iter().any(|e| app.conflicted.contains(e)) {
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
        if edges.len() > 1 {
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
                faded(text_color, alpha.max(0.6)),
            );
        }
        if response.hovered() || (zoom > 1.6 && alpha == 1.0) || strong {
            let mut relations: Vec<&str> = edges
                .iter()
                .map(|&e| app.graph.claim(e).relation.as_str())
                .collect();
            relations.sort_unstable();
            relations.dedup();
            let offset = vec2(-direction.y, direction.x) * 9.0;
            painter.text(
                middle + offset,
                Align2::CENTER_CENTER,
                relations.join(", "),
                FontId::proportional(9.0),
                faded(text_color, alpha.max(0.5)),
            );
        }
        let response = response.on_hover_ui(|ui| {
            ui.label(accessible());
        });
        if response.clicked() {
            clicked = Some(if edges.len() == 1 {
                Selection::Claim(edges[0])
            } else {
                Selection::Pair(a, b)
            });
        }
    }

    // ── entities ──
    let hits: HashSet<NodeIndex> = app.search_hits.iter().copied().collect();
    let mut label_candidates: Vec<(u32, NodeIndex)> = Vec::new();
    let mut drag: Option<(NodeIndex, Vec2)> = None;
    let mut double: Option<NodeIndex> = None;
    let mut context: Option<(NodeIndex, ContextAction)> = None;
    let nodes: Vec<NodeIndex> = app
        .view
        .nodes()
        .filter(|&n| visible.contains(position(app, n)))
        .collect();
    for &node in &nodes {
        if !node_visible(node) {
            continue;
        }
        let center = position(app, node);
        let r = node_radius(app, node);
        let entity = app.graph.node(node);
        let alpha = node_alpha(node);
        let selected = app.selection == Selection::Node(node);
        let stroke = if selected {
            Stroke::new(3.0, ui.visuals().selection.stroke.color)
        } else if emphasis.path_nodes.contains(&node) {
            Stroke::new(2.5, ui.visuals().selection.stroke.color)
        } else if hits.contains(&node) {
            Stroke::new(2.0, ui.visuals().warn_fg_color)
        } else {
            Stroke::new(1.0, faded(ui.visuals().strong_text_color(), alpha * 0.7))
        };
        painter.add(kind_shape(
            entity.kind,
            center,
            r,
            faded(kind_color(entity.kind), alpha),
            stroke,
        ));
        if app.layout.is_pinned(node) {
            // A pin: a small dark dot at the top right.
            painter.circle_filled(
                center + vec2(r * 0.8, -r * 0.8),
                3.0,
                faded(ui.visuals().strong_text_color(), alpha),
            );
        }
        let rect = Rect::from_center_size(center, vec2(2.0 * r, 2.0 * r));
        let response = ui.interact(
            rect,
            ui.scope_id().with(("entity", node.index())),
            Sense::click_and_drag(),
        );
        let label = entity.label.clone();
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
        if response.dragged() {
            drag = Some((node, response.drag_delta()));
        }
        if response.double_clicked() {
            double = Some(node);
        } else if response.clicked() {
            clicked = Some(Selection::Node(node));
        }
        let response = response.on_hover_ui(|ui| {
            ui.strong(&entity.label);
            ui.label(format!(
                "{} · {} claims",
                entity.kind,
                app.graph.degree(node)
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
            let pinned = app.layout.is_pinned(node);
            if ui
                .button(if pinned { "Unpin" } else { "Pin here" })
                .clicked()
            {
                context = Some((node, ContextAction::TogglePin));
                ui.close();
            }
            if ui.button("Hide (Delete)").clicked() {
                context = Some((node, ContextAction::Hide));
                ui.close();
            }
            if ui.button("Show its neighbourhood").clicked() {
                context = Some((node, ContextAction::Focus));
                ui.close();
            }
            if ui.button("Path from here").clicked() {
                context = Some((node, ContextAction::PathFrom));
                ui.close();
            }
            if ui.button("Path to here").clicked() {
                context = Some((node, ContextAction::PathTo));
                ui.close();
            }
        });
        let priority = if selected {
            u32::MAX
        } else if emphasis.path_nodes.contains(&node) {
            u32::MAX - 1
        } else if hits.contains(&node) {
            u32::MAX - 2
        } else if emphasis.strong_nodes.contains(&node) && !emphasis.strong_nodes.is_empty() {
            u32::MAX - 3
        } else {
            app.graph.degree(node) as u32
        };
        label_candidates.push((priority, node));
    }

    // ── labels: by priority, never overlapping ──
    label_candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut placed: Vec<Rect> = Vec::new();
    let font = FontId::proportional(11.0);
    for (priority, node) in label_candidates {
        // Tiny text is noise: only emphasised labels show when zoomed far out.
        if zoom < 0.45 && priority < u32::MAX - 3 {
            continue;
        }
        let center = position(app, node);
        let r = node_radius(app, node);
        let alpha = node_alpha(node);
        let galley = painter.layout_no_wrap(
            app.graph.node(node).label.clone(),
            font.clone(),
            faded(text_color, alpha),
        );
        let rect = Rect::from_min_size(
            center + vec2(-galley.size().x / 2.0, r + 2.0),
            galley.size(),
        );
        if placed.iter().any(|other| other.intersects(rect)) {
            continue;
        }
        placed.push(rect.expand(1.5));
        painter.rect_filled(
            rect.expand(1.0),
            2.0,
            faded(ui.visuals().panel_fill, 0.75 * alpha),
        );
        painter.galley(rect.min, galley, text_color);
    }

    // ── apply interactions after drawing ──
    if let Some((node, delta)) = drag {
        let [x, y] = app.layout.position(node);
        if !app.layout.is_pinned(node) {
            app.history.record(app.snapshot());
        }
        app.layout.place(node, [x + delta.x, y + delta.y]);
    }
    if let Some(node) = double {
        let id = app.graph.node(node).id.clone();
        let mut filter = app.filter.clone();
        if filter.focus == vec![id.clone()] {
            filter.hops += 1;
        } else {
            filter.focus = vec![id];
            filter.hops = 1;
        }
        app.set_filter(filter);
        app.selection = Selection::Node(node);
        app.fit_pending = true;
    }
    if let Some((node, action)) = context {
        match action {
            ContextAction::TogglePin => {
                app.history.record(app.snapshot());
                let pinned = app.layout.is_pinned(node);
                app.layout.set_pinned(node, !pinned);
            }
            ContextAction::Hide => app.hide(&[node]),
            ContextAction::Focus => {
                let filter = Filter {
                    focus: vec![app.graph.node(node).id.clone()],
                    hops: 1,
                    ..app.filter.clone()
                };
                app.set_filter(filter);
                app.fit_pending = true;
            }
            ContextAction::PathFrom => app.paths.from = app.graph.node(node).label.clone(),
            ContextAction::PathTo => app.paths.to = app.graph.node(node).label.clone(),
        }
    }
    if let Some(selection) = clicked {
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
    let kinds: std::collections::BTreeSet<NodeKind> =
        app.view.nodes().map(|n| app.graph.node(n).kind).collect();
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
        app.fit_pending = true;
    }
}
