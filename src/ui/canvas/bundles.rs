//! Claims drawn as bundles: one line per pair of entities, with arrows,
//! review styles, a conflict mark and a count badge; each a widget when few
//! enough are on screen.

use eframe::egui::{
    self, Align2, Color32, FontId, Mesh, Pos2, Rect, Sense, Shape, Stroke, Vec2, WidgetInfo, vec2,
};
use petgraph::stable_graph::EdgeIndex;

use crate::ui::Selection;

use super::*;

/// Half the side of a bundle's hit square: 8 units, at least a few pixels.
pub(super) fn bundle_hit_half(frame: &Frame<'_>) -> f32 {
    8.0f32.max(HIT_SLACK_PIXELS * frame.pixel)
}

pub(super) fn bundle_on_screen(frame: &Frame<'_>, bundle: &Bundle) -> bool {
    frame.visible.intersects(Rect::from_two_pos(
        frame.position(bundle.a),
        frame.position(bundle.b),
    ))
}

/// The claims on screen, bundled per pair of entities. When few, each
/// bundle has its arrows and badge; when many, bundles are plain lines in
/// one mesh (emphasised and disputed ones excepted). Each bundle has a
/// widget when `widgets`; otherwise only the one under the pointer has.
pub(super) fn draw_bundles(
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
        if detailed || strong || bundle.flags & (ANY_DISPUTED | ALL_REJECTED | NONE_FACTUAL) != 0 {
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
pub(super) fn bundle_ends(frame: &Frame<'_>, bundle: &Bundle) -> Option<(Pos2, Pos2, Vec2)> {
    let (pa, pb) = (frame.position(bundle.a), frame.position(bundle.b));
    let direction = unit(pb - pa)?;
    let (ra, rb) = (frame.radius(bundle.a), frame.radius(bundle.b));
    Some((pa + direction * ra, pb - direction * rb, direction))
}

/// One bundle: its line (by review status), and when `detailed` (or
/// emphasised) its arrow heads, conflict mark, count badge and relations,
/// and its widget when `widget`.
pub(super) fn draw_bundle(
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
    } else if bundle.flags & NONE_FACTUAL != 0 {
        // Only an opinion, a plan or talks: short dashes, never a solid fact.
        painter.extend(Shape::dashed_line(&[start, end], stroke, 2.0, 4.0));
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
    let accessible = || bundle_name(app, (a, b), edges);
    if let Some(response) = &response {
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, accessible()));
    }
    // Marks and badges only where they are more than a few pixels wide.
    if frame.zoom >= 0.4 || strong {
        draw_marks(
            frame,
            ui,
            (bundle, edges.len()),
            (middle, direction),
            (color, alpha),
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
        frame.labels.relations.borrow_mut().push(RelationLabel {
            at: middle,
            text: relations.join(", "),
            alpha,
            strong,
        });
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

/// The claims this frame: aggregated between cells at the density level
/// (with emphasised claims on their own on top), bundles otherwise.
pub(super) fn draw_claims(
    frame: &Frame<'_>,
    ui: &mut egui::Ui,
    cache: &mut CanvasCache,
    (detail, positions): (Detail, u64),
    actions: &mut Actions,
) {
    if detail == Detail::Density {
        draw_aggregates(frame, cache, positions);
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
                    && bundle_on_screen(frame, bundle)
                {
                    draw_bundle(
                        frame,
                        ui,
                        bundle,
                        bundles.edges(bundle),
                        true,
                        false,
                        actions,
                    );
                }
            }
        }
    } else {
        let widgets = detail == Detail::Full;
        draw_bundles(frame, ui, &cache.bundles, widgets, actions);
    }
}

/// What a bundle says, for screen readers and the hover text: the claim,
/// or how many claims link the two entities.
fn bundle_name(app: &TiegraphApp, (a, b): (NodeIndex, NodeIndex), edges: &[EdgeIndex]) -> String {
    let graph = &app.session.graph;
    let label = |id: &str| {
        graph
            .node_index(id)
            .map_or_else(|| id.to_string(), |n| graph.node(n).label.clone())
    };
    if edges.len() == 1 {
        let claim = graph.claim(edges[0]);
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
            graph.node(a).label,
            graph.node(b).label
        )
    }
}

/// A bundle's marks at its middle: a mark where sources disagree, and a
/// badge with the number of claims.
fn draw_marks(
    frame: &Frame<'_>,
    ui: &egui::Ui,
    (bundle, count): (&Bundle, usize),
    (middle, direction): (Pos2, Vec2),
    (color, alpha): (Color32, f32),
) {
    let painter = &frame.painter;
    if bundle.flags & CONFLICTED != 0 {
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
    if count > 1 {
        painter.circle_filled(
            middle,
            7.5,
            faded(ui.visuals().extreme_bg_color, alpha.max(0.6)),
        );
        painter.circle_stroke(middle, 7.5, Stroke::new(1.0, color));
        painter.text(
            middle,
            Align2::CENTER_CENTER,
            count.to_string(),
            FontId::proportional(9.0),
            faded(frame.text_color, alpha.max(0.6)),
        );
    }
}
