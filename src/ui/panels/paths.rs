//! The paths panel: pickers, constraints, results, and each hop's
//! evidence.

use eframe::egui::{self, RichText};

use crate::query::explain::explain_path;
use crate::ui::TiegraphApp;
use crate::ui::app::{PathModeChoice, RestOfGraph};

use super::*;

/// A picker: a text field with fuzzy completions below it while typing,
/// and a choice among the entities when several go by the name typed.
pub(super) fn entity_picker(app: &TiegraphApp, ui: &mut egui::Ui, label: &str, text: &mut String) {
    let response = labelled_text(ui, label, text, "name, alias or id");
    let graph = &app.session.graph;
    let matches = graph.find_all(text.trim());
    if matches.len() > 1 {
        ui.label(
            RichText::new(format!(
                "{} entities are called “{}”: choose one",
                matches.len(),
                text.trim()
            ))
            .color(ui.visuals().warn_fg_color),
        );
        for node in matches {
            let description = crate::query::describe_candidate(graph, node);
            if ui.small_button(description).clicked() {
                *text = graph.node(node).id.clone();
            }
        }
        return;
    }
    if response.has_focus() && !text.trim().is_empty() && matches.is_empty() {
        let hits = crate::query::search::fuzzy_find(&app.session.graph, text, None, 6);
        ui.horizontal_wrapped(|ui| {
            for hit in hits {
                let name = app.session.graph.node(hit).label.clone();
                if ui.small_button(&name).clicked() {
                    *text = name;
                }
            }
        });
    }
}

pub(super) fn paths_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    ui.columns(2, |columns| {
        // Each column scrolls inside the panel, so the panel keeps its height.
        egui::ScrollArea::vertical()
            .id_salt("path-query")
            .auto_shrink([false, false])
            .show(&mut columns[0], |ui| {
            let (mut from, mut to) = (app.panels.paths.from.clone(), app.panels.paths.to.clone());
            entity_picker(app, ui, "Path from", &mut from);
            entity_picker(app, ui, "Path to", &mut to);
            app.panels.paths.from = from;
            app.panels.paths.to = to;
            ui.horizontal_wrapped(|ui| {
                ui.radio_value(&mut app.panels.paths.mode, PathModeChoice::AllShortest, "All shortest");
                ui.radio_value(&mut app.panels.paths.mode, PathModeChoice::KShortest, "K shortest");
                ui.radio_value(&mut app.panels.paths.mode, PathModeChoice::AllSimple, "All simple");
            });
            ui.horizontal_wrapped(|ui| {
                labelled_number(ui, "K", &mut app.panels.paths.k, 1..=100);
                labelled_number(ui, "Max hops", &mut app.session.paths.query.max_hops, 1..=12);
                labelled_number(ui, "Min sources per hop", &mut app.session.paths.query.min_sources, 0..=10);
            });
            let mut avoid = app.panels.paths.avoid_text.clone();
            labelled_text(ui, "Avoid", &mut avoid, "entities, comma-separated");
            app.panels.paths.avoid_text = avoid;
            ui.horizontal_wrapped(|ui| {
                ui.checkbox(&mut app.session.paths.query.allow_hubs, "Through hubs")
                    .on_hover_text("Countries and entities with many claims link everything; they are skipped as steps unless allowed.");
                ui.checkbox(&mut app.session.paths.query.time_respecting, "Time-respecting")
                    .on_hover_text("Each hop's date not before the previous one's; uncertain dates count as possible.");
            });
            ui.horizontal_wrapped(|ui| {
                ui.label("Hops may use:");
                ui.radio_value(&mut app.session.paths.query.review, crate::query::ReviewRule::Any, "any claim");
                ui.radio_value(&mut app.session.paths.query.review, crate::query::ReviewRule::ExcludeRejected, "not rejected");
                ui.radio_value(&mut app.session.paths.query.review, crate::query::ReviewRule::ConfirmedOnly, "confirmed only");
            });
            egui::CollapsingHeader::new("How sure each hop must be").show(ui, |ui| {
                super::filters::evidence_rule_ui(ui, &mut app.session.paths.query.evidence, "paths");
            });
            egui::CollapsingHeader::new("Relations a hop may use").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    let vocabulary = &app.session.graph.dataset().vocabulary;
                    for definition in &vocabulary.relations {
                        let relation = definition.relation;
                        let mut on = app.session.paths.query.relations.contains(&relation);
                        if ui
                            .checkbox(&mut on, relation.as_str())
                            .on_hover_text(&definition.meaning)
                            .changed()
                        {
                            if on {
                                app.session.paths.query.relations.push(relation);
                            } else {
                                app.session.paths.query.relations.retain(|r| *r != relation);
                            }
                        }
                    }
                });
                ui.weak("None ticked: all relations.");
            });
            ui.horizontal_wrapped(|ui| {
                if ui.button("Find paths").clicked() {
                    app.run_path_query();
                }
                ui.label("Rest of the graph:");
                ui.radio_value(&mut app.panels.paths.rest, RestOfGraph::Show, "show");
                ui.radio_value(&mut app.panels.paths.rest, RestOfGraph::Dim, "dim");
                ui.radio_value(&mut app.panels.paths.rest, RestOfGraph::Hide, "hide");
            });
            });
        let ui = &mut columns[1];
        egui::ScrollArea::vertical().id_salt("path-results").show(ui, |ui| {
            match &app.session.paths.results {
                None => {
                    ui.weak("Pick two entities and press Find paths.");
                }
                Some(Err(error)) => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        crate::text::with_causes(error),
                    );
                }
                Some(Ok(found)) if found.paths.is_empty() => {
                    ui.label("No path under these constraints.");
                    if let Some(effect) = crate::query::review_rule_effect(
                        &app.session.graph,
                        Some(&app.session.view),
                        app.reviews(),
                        app.session.paths.query.review,
                    ) {
                        ui.label(effect);
                    }
                    if !app.session.paths.query.allow_hubs {
                        ui.weak("Try allowing paths through hubs.");
                    }
                }
                Some(Ok(found)) => {
                    let found = found.clone();
                    ui.label(format!(
                        "{} path{}{}",
                        found.paths.len(),
                        if found.paths.len() == 1 { "" } else { "s" },
                        if found.truncated { " (more exist)" } else { "" }
                    ));
                    for (index, path) in found.paths.iter().enumerate() {
                        // A shared label gets its id, so two "Omar Hadid" stay apart.
                        let names: Vec<String> = path.nodes.iter().map(|&n| app.session.graph.display_name(n)).collect();
                        let text = format!(
                            "{}. {} ({} hop{}, weakest hop {} source{})",
                            index + 1,
                            names.join(" — "),
                            path.len(),
                            if path.len() == 1 { "" } else { "s" },
                            path.weakest_sources(&app.session.graph),
                            if path.weakest_sources(&app.session.graph) == 1 { "" } else { "s" }
                        );
                        if ui.selectable_label(app.session.paths.chosen == Some(index), text).clicked() {
                            app.session.paths.chosen = Some(index);
                            app.fit_chosen_path();
                        }
                    }
                    if let Some(path) = app.session.paths.chosen.and_then(|i| found.paths.get(i)) {
                        ui.separator();
                        let explained = explain_path(&app.session.graph, path);
                        for (index, hop) in explained.hops.iter().enumerate() {
                            ui.label(RichText::new(format!("Hop {}: {} → {}", index + 1, hop.from.display, hop.to.display)).strong());
                            for claim in &hop.claims {
                                let mut line = claim.statement.clone();
                                if let Some(date) = &claim.date {
                                    line.push_str(&format!(" [{date}]"));
                                }
                                line.push_str(&format!(" · {} source{}", claim.sources, if claim.sources == 1 { "" } else { "s" }));
                                if ui.selectable_label(false, line).clicked()
                                    && let Some(edge) = app.session.graph.claim_index(&claim.id)
                                {
                                    app.select_claim(edge);
                                }
                                for evidence in &claim.evidence {
                                    ui.label(RichText::new(format!("{} — {}, {}", evidence.shown(("“", "”")), evidence.title, evidence.publisher)).italics().small());
                                }
                            }
                        }
                    }
                }
            }
        });
    });
}
