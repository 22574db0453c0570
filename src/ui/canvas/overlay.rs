//! What is drawn over the canvas: the legend (collapsible), the Fit button
//! and the background layout's progress. They live in an area of their own
//! above the canvas, so they are never covered by what the canvas draws and
//! always receive their clicks, however far in the canvas is zoomed.

use eframe::egui::{self, Id, Order, Rect, Sense, Stroke, pos2, vec2};

use crate::model::NodeKind;
use crate::ui::TiegraphApp;

use super::*;

/// The kinds in the view, in vocabulary order; stops looking once all are
/// seen.
fn kinds_in_view(app: &TiegraphApp) -> Vec<NodeKind> {
    let vocabulary = &app.session.graph.dataset().vocabulary;
    let mut seen = vec![false; vocabulary.kinds.len()];
    let mut missing = seen.len();
    for node in app.session.view.nodes() {
        let kind = app.session.graph.node(node).kind;
        let Some(slot) = vocabulary.kind_position(kind).and_then(|p| seen.get_mut(p)) else {
            continue;
        };
        if !*slot {
            *slot = true;
            missing -= 1;
            if missing == 0 {
                break;
            }
        }
    }
    vocabulary
        .kinds
        .iter()
        .zip(seen)
        .filter(|(_, seen)| *seen)
        .map(|(d, _)| d.kind)
        .collect()
}

/// The legend, the fit button and the layout's progress, over the canvas
/// (and under the windows: a form opened later is drawn above them).
pub(super) fn overlay_ui(app: &mut TiegraphApp, ui: &mut egui::Ui, canvas: Rect) {
    let ctx = ui.ctx().clone();
    let mut rects = Vec::new();
    let legend = egui::Area::new(Id::unique("tiegraph-legend"))
        .order(Order::Middle)
        .fixed_pos(canvas.left_top() + vec2(8.0, 8.0))
        .constrain_to(canvas)
        .show(&ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| legend_ui(app, ui));
        });
    rects.push(legend.response.rect);
    let fit = egui::Area::new(Id::unique("tiegraph-fit"))
        .order(Order::Middle)
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
            .order(Order::Middle)
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
            let vocabulary = &app.session.graph.dataset().vocabulary;
            for kind in kinds_in_view(app) {
                ui.horizontal(|ui| {
                    let (rect, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
                    ui.painter().add(kind_shape(
                        vocabulary,
                        kind,
                        rect.center(),
                        5.0,
                        (
                            kind_color(vocabulary, kind),
                            Stroke::new(0.5, ui.visuals().text_color()),
                        ),
                    ));
                    ui.label(kind.as_str())
                        .on_hover_text(vocabulary.kind_meaning(kind));
                });
            }
            // Line styles that say how sure a link is.
            let line = |ui: &mut egui::Ui, dash: Option<(f32, f32)>, text: &str, hover: &str| {
                ui.horizontal(|ui| {
                    let (rect, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
                    let ends = [rect.left_center(), rect.right_center()];
                    let stroke = Stroke::new(1.5, ui.visuals().text_color());
                    match dash {
                        Some((dash, gap)) => {
                            ui.painter()
                                .extend(egui::Shape::dashed_line(&ends, stroke, dash, gap));
                        }
                        None => {
                            ui.painter().line_segment(ends, stroke);
                        }
                    }
                    ui.label(text).on_hover_text(hover);
                });
            };
            line(
                ui,
                None,
                "stated or reported",
                "at least one passage states or reports the claim",
            );
            line(
                ui,
                Some((2.0, 3.0)),
                "opinion, plan, talks",
                "no passage reports it as a fact: only a view, a plan, talks, a hedge or a denial",
            );
            line(
                ui,
                Some((5.0, 3.0)),
                "disputed",
                "a reviewer disputed a claim of this link",
            );
        });
}
