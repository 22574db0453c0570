//! Entity labels, placed by priority so that they never overlap.

use eframe::egui::{FontId, Pos2, Rect, vec2};
use petgraph::stable_graph::NodeIndex;

use crate::ui::Selection;

use super::*;

pub(super) fn label_priority(frame: &Frame<'_>, node: NodeIndex) -> u32 {
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
pub(super) fn draw_labels(
    frame: &Frame<'_>,
    mut candidates: Vec<(u32, NodeIndex, Pos2)>,
    all: bool,
) {
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
