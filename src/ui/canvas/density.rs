//! Far out: entities as a density grid and claims as lines between cells,
//! when entities would be specks.

use eframe::egui::{Mesh, Rect, Shape, Vec2, pos2};
use petgraph::stable_graph::NodeIndex;

use crate::ui::spatial::{Density, Links, cell_size};

use super::*;

/// The density grid and the aggregated claims for this zoom, rebuilt only
/// when the view, the positions or the cell size changed.
pub(super) fn refresh_aggregates(frame: &Frame<'_>, cache: &mut CanvasCache, positions: u64) {
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

pub(super) fn draw_aggregates(frame: &Frame<'_>, cache: &mut CanvasCache, positions: u64) {
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

pub(super) fn draw_density(frame: &Frame<'_>, cache: &CanvasCache) {
    let Some(aggregates) = &cache.aggregates else {
        return;
    };
    let density = &aggregates.density;
    let rest = if frame.emphasis.strong_nodes.is_empty() {
        1.0
    } else {
        frame.emphasis.rest_alpha
    };
    let Some(looks) = frame.facts.looks.as_ref() else {
        return;
    };
    let side = Vec2::splat(density.cell);
    let mut mesh = Mesh::default();
    for cell in &density.cells {
        let rect = Rect::from_min_size(pos2(cell.min[0], cell.min[1]), side);
        if !frame.visible.intersects(rect) {
            continue;
        }
        let share = log_share(cell.count, density.max_count);
        let color = faded(
            looks.color(usize::from(cell.kind)),
            (0.35 + 0.65 * share) * rest,
        );
        square(&mut mesh, rect, color);
    }
    if !mesh.is_empty() {
        frame.painter.add(Shape::mesh(mesh));
    }
}
