//! The review queue panel: progress, order, the current claim with the
//! other claims resting on the same passage, status keys, conflicts side by
//! side, and source impact.

use eframe::egui::{self, RichText};
use petgraph::stable_graph::EdgeIndex;

use crate::query::explain::explain_claim;
use crate::review::ReviewStatus;
use crate::review::impact::{SourceSelector, impact};
use crate::review::queue::{QueueOrder, progress};
use crate::ui::{Selection, TiegraphApp};

pub(super) fn review_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    ui.columns(2, |columns| {
        egui::ScrollArea::vertical()
            .id_salt("review-queue")
            .auto_shrink([false, false])
            .show(&mut columns[0], |ui| queue_ui(app, ui));
        egui::ScrollArea::vertical()
            .id_salt("review-side")
            .show(&mut columns[1], |ui| {
                conflicts_ui(app, ui);
                impact_ui(app, ui);
            });
    });
}

fn queue_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    let done = progress(&app.session.graph, &app.session.reviews.reviews);
    ui.label(RichText::new(format!("{} of {} reviewed", done.reviewed, done.total)).strong());
    ui.horizontal_wrapped(|ui| {
        for (document, reviewed, total) in &done.per_document {
            ui.label(format!("{document}: {reviewed}/{total}"));
        }
    });
    ui.horizontal(|ui| {
        ui.label("Order:");
        for order in QueueOrder::ALL {
            ui.radio_value(&mut app.prefs.review_order, order, order.label());
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Reviewer");
        ui.add(egui::TextEdit::singleline(&mut app.prefs.reviewer).desired_width(120.0))
            .labelled_by(label.id);
        let label = ui.label("Note");
        ui.add(
            egui::TextEdit::singleline(&mut app.panels.review_note).desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        if ui.button("Previous (P)").clicked() {
            app.review_step(true);
        }
        if ui.button("Next (N)").clicked() {
            app.review_step(false);
        }
        ui.separator();
        if ui.button("Confirm (C)").clicked() {
            app.review_selected(ReviewStatus::Confirmed);
        }
        if ui.button("Dispute (D)").clicked() {
            app.review_selected(ReviewStatus::Disputed);
        }
        if ui.button("Reject (R)").clicked() {
            app.review_selected(ReviewStatus::Rejected);
        }
    });
    ui.checkbox(
        &mut app.prefs.show_rejected,
        "Show rejected claims on the canvas",
    );
    // A long path is cut at the end of the line, not broken letter by
    // letter; all of it is in the tooltip.
    let saved_to = format!("Saved to {}", app.session.reviews.path.display());
    ui.add(egui::Label::new(egui::RichText::new(&saved_to).weak()).truncate())
        .on_hover_text(saved_to);
    let orphans: Vec<String> = app
        .session
        .reviews
        .reviews
        .orphans(&app.session.graph)
        .into_iter()
        .map(str::to_string)
        .collect();
    if !orphans.is_empty() {
        egui::CollapsingHeader::new(format!("Orphaned reviews ({})", orphans.len()))
            .default_open(false)
            .show(ui, |ui| {
                ui.weak("Kept, never dropped: their claims are no longer in the dataset.");
                for orphan in orphans {
                    let status = app.session.reviews.reviews.status(&orphan);
                    ui.label(format!("{orphan}: {status}"));
                }
            });
    }
    if app.session.reviews.unparsed.is_some() && ui.button("Save reviews as…").clicked() {
        app.dialogs.typed_path = Some(crate::ui::files::TypedPath {
            action: crate::ui::FileAction::SaveReviews,
            text: app.session.reviews.path.with_extension("recovered.toml").display().to_string(),
            reason: "The reviews file did not parse and is left untouched. Save the reviews to another file:".into(),
            confirming: None,
        });
    }
    ui.separator();
    let Selection::Claim(edge) = app.selection else {
        ui.weak("Press N (or Next) for the first unreviewed claim.");
        return;
    };
    let claim = app.session.graph.claim(edge).clone();
    let status = app.session.reviews.reviews.status(&claim.id);
    let explained = explain_claim(&app.session.graph, &claim, &claim.from);
    ui.label(RichText::new(&explained.statement).strong());
    ui.label(format!(
        "Status: {status} · {} independent source{}",
        explained.sources,
        if explained.sources == 1 { "" } else { "s" }
    ));
    // Other claims resting on the same passage.
    let mut same: Vec<EdgeIndex> = Vec::new();
    for evidence in &claim.evidence {
        for other in app.session.graph.graph().edge_indices() {
            if other == edge || same.contains(&other) {
                continue;
            }
            let rests = app.session.graph.claim(other).evidence.iter().any(|e| {
                e.document == evidence.document && e.start < evidence.end && evidence.start < e.end
            });
            if rests {
                same.push(other);
            }
        }
    }
    if !same.is_empty() {
        ui.label(format!(
            "Also resting on the same passage ({}):",
            same.len()
        ));
        for other in same {
            let other_claim = app.session.graph.claim(other).clone();
            let text = format!(
                "{} [{}]",
                explain_claim(&app.session.graph, &other_claim, &other_claim.from).statement,
                app.session.reviews.reviews.status(&other_claim.id)
            );
            if ui.selectable_label(false, text).clicked() {
                app.select_claim(other);
            }
        }
    }
}

fn conflicts_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    // Computed once per dataset; the panel only lays them out.
    let groups = app.session.conflicts.clone();
    egui::CollapsingHeader::new(format!("Conflicts ({})", groups.len()))
        .default_open(false)
        .show(ui, |ui| {
            for group in groups {
                ui.label(RichText::new(&group.id).strong());
                ui.label(&group.description);
                // Side by side: one column per claim, with its sources.
                let claims = group.claims.clone();
                ui.columns(claims.len().clamp(1, 4), |columns| {
                    for (column, &edge) in columns.iter_mut().zip(&claims) {
                        let claim = app.session.graph.claim(edge).clone();
                        let explained = explain_claim(&app.session.graph, &claim, &claim.from);
                        if column
                            .selectable_label(
                                app.selection == Selection::Claim(edge),
                                &explained.statement,
                            )
                            .clicked()
                        {
                            app.select_claim(edge);
                        }
                        if let Some(date) = &explained.date {
                            column.label(format!("Date: {date}"));
                        }
                        for (key, value) in &claim.attributes {
                            column.label(format!("{key}: {value}"));
                        }
                        for evidence in &explained.evidence {
                            column.label(
                                RichText::new(format!(
                                    "“{}” — {}, {}",
                                    evidence
                                        .quote
                                        .split_whitespace()
                                        .collect::<Vec<_>>()
                                        .join(" "),
                                    evidence.document,
                                    evidence.publisher
                                ))
                                .small()
                                .italics(),
                            );
                        }
                    }
                });
                ui.separator();
            }
        });
}

fn impact_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    egui::CollapsingHeader::new("Source impact")
        .default_open(false)
        .show(ui, |ui| {
            ui.label("If this source were discredited:");
            let documents: Vec<(String, String)> = app
                .session
                .graph
                .dataset()
                .documents
                .iter()
                .map(|d| (d.id.clone(), d.publisher.clone()))
                .collect();
            let id = ui.scope_id().with("impact-source");
            let mut chosen: Option<usize> = ui.data(|d| d.get_temp(id));
            ui.horizontal_wrapped(|ui| {
                for (index, (document, _)) in documents.iter().enumerate() {
                    if ui
                        .selectable_label(chosen == Some(index), document)
                        .clicked()
                    {
                        chosen = Some(index);
                    }
                }
            });
            // Kept as a plain index: the type read back must be the type
            // stored, or the choice is forgotten the next frame.
            if let Some(index) = chosen {
                ui.data_mut(|d| d.insert_temp(id, index));
            }
            let Some((document, _)) = chosen.and_then(|i| documents.get(i)) else {
                return;
            };
            let between = match (
                app.session.graph.find(app.panels.paths.from.trim()),
                app.session.graph.find(app.panels.paths.to.trim()),
            ) {
                (Some(a), Some(b)) => Some((a, b)),
                _ => None,
            };
            match impact(
                &app.session.graph,
                &SourceSelector::Document(document.clone()),
                between,
                &app.session.reviews.reviews,
                &app.session.paths.query,
            ) {
                Err(error) => {
                    ui.colored_label(ui.visuals().error_fg_color, error.to_string());
                }
                Ok(result) => {
                    ui.label(format!(
                        "{} claims would lose all their evidence; {} keep other evidence.",
                        result.lost.len(),
                        result.weakened.len()
                    ));
                    standing_ui(app, ui, (id, document), &result.lost);
                    for edge in result.lost.iter().take(50) {
                        let claim = app.session.graph.claim(*edge).clone();
                        let statement =
                            explain_claim(&app.session.graph, &claim, &claim.from).statement;
                        if ui.selectable_label(false, statement).clicked() {
                            app.select_claim(*edge);
                        }
                    }
                    match between {
                        Some((a, b)) => {
                            ui.label(format!(
                                "Paths {} → {}: {} would break; {}",
                                app.session.graph.node(a).label,
                                app.session.graph.node(b).label,
                                result.broken_paths.len(),
                                if result.remaining_paths.is_empty() {
                                    "none would remain"
                                } else {
                                    "others remain"
                                }
                            ));
                        }
                        None => {
                            ui.weak("Fill in the path pickers to see which paths would break.");
                        }
                    }
                }
            }
        });
}

/// Whose standing rests on the source: each entity's rank by the Statistics
/// panel's measure (an amount; betweenness by default) with and without the
/// claims the source alone backs, computed on request and kept per source.
fn standing_ui(
    app: &mut TiegraphApp,
    ui: &mut egui::Ui,
    (id, document): (egui::Id, &str),
    lost: &[petgraph::stable_graph::EdgeIndex],
) {
    use crate::metrics::{Measure, Options};
    use crate::review::impact::{RankShift, rank_shifts};
    let measure = Some(app.panels.statistics.measure)
        .filter(|m| !m.is_label())
        .unwrap_or(Measure::Betweenness);
    let key = id.with(("standing", document, measure.name()));
    let shifts: Option<Vec<RankShift>> = ui.data(|d| d.get_temp(key));
    match shifts {
        None => {
            if ui
                .button(format!("Whose standing rests on it ({})", measure.name()))
                .on_hover_text("Ranks every entity by the measure with and without the claims this source alone backs (the measure is the Statistics tab's)")
                .clicked()
            {
                let shifts = rank_shifts(
                    &app.session.graph,
                    &app.session.view,
                    lost,
                    measure,
                    Options::default(),
                );
                ui.data_mut(|d| d.insert_temp(key, shifts));
            }
        }
        Some(shifts) => {
            ui.label(format!("Standing by {} without those claims:", measure.name()));
            for shift in shifts.iter().filter(|s| s.rank_after > s.rank_before).take(8) {
                let text = format!(
                    "{}: rank {} → {} ({:.4} → {:.4})",
                    app.session.graph.node(shift.node).label,
                    shift.rank_before,
                    shift.rank_after,
                    shift.before,
                    shift.after
                );
                if ui.selectable_label(false, text).clicked() {
                    app.select_node(shift.node);
                }
            }
        }
    }
}
