//! The Statistics panel: pick a measure, see the ranked list (a click
//! selects and centres), size entities by it, colour them by community
//! with a legend, on the view as filtered. Long computations run off the
//! UI thread with a progress bar and Stop.

use eframe::egui::{self, RichText};

use crate::metrics::Measure;
use crate::ui::TiegraphApp;
use crate::ui::statistics::community_colour;

pub(super) fn statistics_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    let ctx = ui.ctx().clone();
    if app.panels.statistics.poll(&app.session, false) {
        app.canvas.forget_cache();
    }
    let panel = &mut app.panels.statistics;
    let mut start = false;
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_label("Measure")
            .selected_text(panel.measure.name())
            .show_ui(ui, |ui| {
                for measure in Measure::ALL {
                    if ui
                        .selectable_value(&mut panel.measure, measure, measure.name())
                        .on_hover_text(measure.meaning())
                        .clicked()
                    {
                        start = true;
                    }
                }
            });
        if ui
            .checkbox(&mut panel.weighted, "Weigh links by their sources")
            .on_hover_text("A link counts as many times as its best-sourced claim has independent sources; path measures read it as shorter")
            .changed()
        {
            start = true;
        }
        if ui.button("Compute").clicked() {
            start = true;
        }
    });
    ui.weak(panel.measure.meaning());
    if let Some(job) = &panel.job {
        ui.horizontal(|ui| {
            ui.add(
                egui::ProgressBar::new(job.progress.fraction())
                    .desired_width(200.0)
                    .show_percentage(),
            );
            if ui.button("Stop").clicked() {
                job.progress.stop();
            }
        });
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
    } else if panel.stopped {
        ui.label("Stopped: nothing computed.");
    }
    let stale = panel.is_stale(&app.session.view);
    if start || (stale && panel.job.is_none() && app.session.view.node_count() <= 2_000) {
        panel.start(&app.session);
        return;
    }
    let Some(scores) = &panel.result else {
        if panel.job.is_none() {
            ui.label("Pick a measure: it is computed on the entities and claims in view.");
        }
        return;
    };
    if stale {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "The view changed since: press Compute.",
        );
    }
    let mut summary = format!(
        "{} of {} entities ({})",
        scores.measure.name(),
        scores.nodes.len(),
        if panel.weighted {
            "weighted by sources"
        } else {
            "unweighted"
        }
    );
    if let Some(q) = scores.modularity {
        let count = scores.group_count();
        summary.push_str(&format!(" · {count} communities, modularity {q:.3}"));
    }
    if let Some(bound) = scores.error_bound {
        summary.push_str(&format!(" · sampled, within {bound:.3} (95 %)"));
    }
    ui.label(summary);
    let mut canvas_changed = false;
    ui.horizontal(|ui| {
        if !scores.measure.is_label() {
            canvas_changed |= ui
                .checkbox(&mut panel.size_by, "Size entities by it")
                .changed();
        }
        if scores.measure == Measure::Community {
            canvas_changed |= ui
                .checkbox(&mut panel.colour_by, "Colour entities by community")
                .changed();
        }
    });
    if canvas_changed {
        panel.generation += 1;
        app.canvas.forget_cache();
    }
    let measure = scores.measure;
    let graph = &app.session.graph;
    let mut chosen = None;
    egui::ScrollArea::vertical()
        .id_salt("statistics")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if measure.is_label() && measure != Measure::Articulation {
                for (group, members) in panel.groups.iter().enumerate() {
                    ui.horizontal(|ui| {
                        if measure == Measure::Community {
                            let (rect, _) = ui
                                .allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                            ui.painter().rect_filled(rect, 2.0, community_colour(group));
                        }
                        let names: Vec<&str> = members
                            .iter()
                            .take(6)
                            .map(|&n| graph.node(n).label.as_str())
                            .collect();
                        let text = format!(
                            "{group}: {} entities — {}{}",
                            members.len(),
                            names.join(", "),
                            if members.len() > 6 { ", …" } else { "" }
                        );
                        if ui.selectable_label(false, text).clicked() {
                            chosen = members.first().copied();
                        }
                    });
                }
            } else {
                for (rank, (node, value)) in panel.ranked.iter().take(200).enumerate() {
                    let shown = if value.fract() == 0.0 {
                        format!("{value:.0}")
                    } else {
                        format!("{value:.4}")
                    };
                    let text = format!("{:>3}. {shown}  {}", rank + 1, graph.node(*node).label);
                    let selected = app.selection == crate::ui::Selection::Node(*node);
                    if ui
                        .selectable_label(selected, RichText::new(text).monospace())
                        .clicked()
                    {
                        chosen = Some(*node);
                    }
                }
            }
        });
    if let Some(node) = chosen {
        app.select_node(node);
    }
}
