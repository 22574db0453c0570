//! What is drawn over the canvas: the legend and the Fit button.

use eframe::egui::{self, Align2, FontId, Id, Rect, Stroke, pos2, vec2};

use crate::model::NodeKind;
use crate::ui::TiegraphApp;

use super::*;

/// The legend and the fit button, drawn over the canvas.
pub(super) fn overlay_ui(app: &mut TiegraphApp, ui: &mut egui::Ui, outer: Rect) {
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
