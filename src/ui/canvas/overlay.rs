//! What is drawn over the canvas: the legend (collapsible), the Fit button
//! and the background layout's progress. They live in an area of their own
//! above the canvas, so they are never covered by what the canvas draws and
//! always receive their clicks, however far in the canvas is zoomed.

use eframe::egui::{self, Id, Order, Rect, Sense, Stroke, pos2, vec2};

use crate::model::NodeKind;
use crate::ui::TiegraphApp;

use super::*;

/// The kinds in the view, in legend order; stops looking once all are seen.
fn kinds_in_view(app: &TiegraphApp) -> Vec<NodeKind> {
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
    NodeKind::ALL
        .iter()
        .copied()
        .filter(|kind| seen[*kind as usize % 32])
        .collect()
}

/// The legend, the fit button and the layout's progress, over the canvas.
pub(super) fn overlay_ui(app: &mut TiegraphApp, ui: &mut egui::Ui, canvas: Rect) {
    let ctx = ui.ctx().clone();
    let mut rects = Vec::new();
    let legend = egui::Area::new(Id::unique("tiegraph-legend"))
        .order(Order::Foreground)
        .fixed_pos(canvas.left_top() + vec2(8.0, 8.0))
        .constrain_to(canvas)
        .show(&ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| legend_ui(app, ui));
        });
    rects.push(legend.response.rect);
    let fit = egui::Area::new(Id::unique("tiegraph-fit"))
        .order(Order::Foreground)
        .fixed_pos(pos2(canvas.right() - 64.0, canvas.top() + 8.0))
        .constrain_to(canvas)
        .show(&ctx, |ui| {
            if ui
                .add(egui::Button::new("Fit").min_size(vec2(52.0, 22.0)))
                .on_hover_text("Fit the graph to the window (F, or double-click on empty canvas)")
                .clicked()
            {
                app.canvas.fit_pending = true;
            }
        });
    rects.push(fit.response.rect);
    if let Some(job) = &app.session.layout_job {
        let (fraction, size, stopping) = (job.fraction(), job.size, job.is_stopping());
        let progress = egui::Area::new(Id::unique("tiegraph-layout-progress"))
            .order(Order::Foreground)
            .fixed_pos(pos2(canvas.left() + 8.0, canvas.bottom() - 40.0))
            .constrain_to(canvas)
            .show(&ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::ProgressBar::new(fraction)
                                .desired_width(160.0)
                                .show_percentage()
                                .text(format!(
                                    "{} {size} entities",
                                    if stopping { "stopping:" } else { "laying out" }
                                )),
                        );
                        if !stopping && ui.button("Stop").clicked() {
                            job.stop();
                        }
                    });
                });
            });
        rects.push(progress.response.rect);
    }
    app.canvas.overlay_rects = rects;
}

fn legend_ui(app: &TiegraphApp, ui: &mut egui::Ui) {
    egui::CollapsingHeader::new("Legend")
        .default_open(true)
        .show(ui, |ui| {
            for kind in kinds_in_view(app) {
                ui.horizontal(|ui| {
                    let (rect, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
                    ui.painter().add(kind_shape(
                        kind,
                        rect.center(),
                        5.0,
                        kind_color(kind),
                        Stroke::new(0.5, ui.visuals().text_color()),
                    ));
                    ui.label(kind.as_str());
                });
            }
        });
}
