//! Entities: their shapes, pins, widgets (with accessible names) and the
//! entity under the pointer.

use eframe::egui::{self, Pos2, Rect, Sense, Stroke, WidgetInfo, vec2};
use petgraph::stable_graph::NodeIndex;

use crate::ui::Selection;
use crate::ui::spatial::NodeTree;

use super::*;

/// The entity under the pointer, through the R-tree (built when first
/// needed after the view or the positions changed).
pub(super) fn node_under(
    frame: &Frame<'_>,
    cache: &mut CanvasCache,
    positions: u64,
    at: Pos2,
) -> Option<NodeIndex> {
    let app = frame.app;
    let key = (cache.bundles.generation, positions, sizing_key(app));
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

/// An entity's shape (and pin), by kind, outlined by its emphasis.
pub(super) fn draw_node(frame: &Frame<'_>, node: NodeIndex, center: Pos2, r: f32) {
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
    let vocabulary = &app.session.graph.dataset().vocabulary;
    // A community's colour replaces the kind's when the Statistics panel
    // colours by community; the shape still tells the kind.
    let colour = frame
        .facts
        .colour
        .get(node.index())
        .copied()
        .flatten()
        .unwrap_or_else(|| kind_color(vocabulary, entity.kind));
    frame.painter.add(kind_shape(
        vocabulary,
        entity.kind,
        center,
        r,
        (faded(colour, alpha), stroke),
    ));
    if app.session.layout.is_pinned(node) {
        draw_pin(frame, center, r, alpha);
    }
}

/// A pin: a small dark dot at the top right of an entity.
pub(super) fn draw_pin(frame: &Frame<'_>, center: Pos2, r: f32, alpha: f32) {
    frame.painter.circle_filled(
        center + vec2(r * 0.8, -r * 0.8),
        3.0,
        faded(frame.strong_text_color, alpha),
    );
}

/// The widget of an entity: accessible name, hover card, click, double
/// click, drag and context menu.
pub(super) fn node_widget(
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

/// Entities as one mesh of small shapes (squares for the tiniest), with
/// their labels as candidates; returns those that stand out, to be drawn
/// on their own on top.
pub(super) fn draw_dots(
    frame: &Frame<'_>,
    on_screen: &[(NodeIndex, Pos2)],
    labels: &mut Vec<(u32, NodeIndex, Pos2, f32)>,
) -> Vec<(NodeIndex, Pos2)> {
    let (zoom, pixel) = (frame.zoom, frame.pixel);
    let mut above: Vec<(NodeIndex, Pos2)> = Vec::new();
    // One mesh for all: small shapes with a soft outline, and
    // squares for the tiniest.
    let mut mesh = Mesh::default();
    mesh.reserve_vertices(on_screen.len() * 12);
    mesh.reserve_triangles(on_screen.len() * 16);
    let Some(looks) = frame.facts.looks.as_ref() else {
        return above;
    };
    // Small round shapes are octagons: as round, at a few pixels.
    let small_round = polygon_outline(regular(8, 0.0));
    let no_outline = Vec::new();
    let small = 8.0 * pixel;
    let rim = faded(frame.strong_text_color, 0.7 * zoom.min(1.0));
    for &(node, center) in on_screen {
        if frame.emphasis.stands_out(node, &frame.hits) {
            above.push((node, center));
            continue;
        }
        let r = frame.radius(node);
        let kind = frame.kind(node);
        let alpha = frame.emphasis.node_alpha(node);
        let colour = frame
            .facts
            .colour
            .get(node.index())
            .copied()
            .flatten()
            .unwrap_or_else(|| looks.color(kind));
        let fill = faded(colour, alpha);
        if r * zoom >= SHAPE_FROM_PIXELS {
            let corners = if looks.round.get(kind).copied().unwrap_or(false) && r < small {
                &small_round
            } else {
                looks.outlines.get(kind).unwrap_or(&no_outline)
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
            if frame.app.session.layout.is_pinned(node) {
                draw_pin(frame, center, r, alpha);
            }
        } else {
            let half = r.max(0.75 * pixel);
            square(
                &mut mesh,
                Rect::from_center_size(center, Vec2::splat(2.0 * half)),
                fill,
            );
        }
        labels.push((label_priority(frame, node), node, center, r));
    }
    if !mesh.is_empty() {
        frame.painter.add(Shape::mesh(mesh));
    }
    above
}

/// Widgets in the sparse levels of detail: only for the entity under the
/// pointer, the one being dragged (or with its menu open) and the selected
/// one.
pub(super) fn pointer_widgets(
    frame: &Frame<'_>,
    ui: &mut egui::Ui,
    cache: &mut CanvasCache,
    positions: u64,
    actions: &mut Actions,
) {
    let (app, pixel) = (frame.app, frame.pixel);
    let mut widgets: Vec<NodeIndex> = Vec::new();
    if let Some(node) = cache.sticky.filter(|n| app.session.view.contains_node(*n)) {
        widgets.push(node);
    }
    if let Selection::Node(node) = app.selection
        && app.session.view.contains_node(node)
        && frame.visible.contains(frame.position(node))
    {
        widgets.push(node);
    }
    let dragging = cache.sticky.is_some() && ui.ctx().dragged_id().is_some();
    if let Some(at) = frame.pointer.filter(|_| !dragging) {
        let hovered = node_under(frame, cache, positions, at);
        if let Some(node) = hovered {
            let r = frame.radius(node).max(3.0 * pixel);
            draw_node(frame, node, frame.position(node), r);
            widgets.push(node);
        }
    }
    widgets.sort_unstable();
    widgets.dedup();
    for node in widgets {
        let r = frame.radius(node) + HIT_SLACK_PIXELS * pixel;
        let rect = Rect::from_center_size(frame.position(node), Vec2::splat(2.0 * r));
        node_widget(frame, ui, node, rect, actions);
    }
}
