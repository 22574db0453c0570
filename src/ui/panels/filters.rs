//! The filter panel: kinds, relations, dates, sources, review rule, with
//! live counts; saved filters.

use std::collections::BTreeSet;

use eframe::egui::{self};

use crate::model::{NodeKind, PartialDate, Relation};
use crate::query::Filter;
use crate::ui::TiegraphApp;

use super::*;

pub(super) fn filters_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    let mut filter = app.session.filter.clone();
    ui.horizontal(|ui| {
        ui.heading("Filters");
        if ui.button("Clear all").clicked() {
            filter = Filter::default();
        }
    });
    ui.horizontal(|ui| {
        if ui.button("Save filter…").clicked() {
            app.request_file(crate::ui::FileAction::SaveFilter, ui.ctx());
        }
        if ui.button("Load filter…").clicked() {
            app.request_file(crate::ui::FileAction::LoadFilter, ui.ctx());
        }
    });

    // Live counts (in the view / in the dataset), counted when the view
    // changes rather than every frame: at 100k entities counting took most
    // of the frame.
    let counts = &app.session.counts;
    let vocabulary = &app.session.graph.dataset().vocabulary;
    let kinds: Vec<NodeKind> = vocabulary.kinds.iter().map(|d| d.kind).collect();
    egui::CollapsingHeader::new("Entity kinds")
        .default_open(true)
        .show(ui, |ui| {
            vocabulary_checkboxes(
                ui,
                &mut filter.node_kinds,
                (&kinds, &counts.all_kinds, &counts.shown_kinds),
                |kind| vocabulary.kind_meaning(kind).to_string(),
            );
        });

    let relations: Vec<Relation> = vocabulary.relations.iter().map(|d| d.relation).collect();
    egui::CollapsingHeader::new("Relations")
        .default_open(false)
        .show(ui, |ui| {
            vocabulary_checkboxes(
                ui,
                &mut filter.relations,
                (&relations, &counts.all_relations, &counts.shown_relations),
                |relation| vocabulary.relation_meaning(relation).to_string(),
            );
        });

    egui::CollapsingHeader::new("Dates")
        .default_open(true)
        .show(ui, |ui| {
            for (label, slot) in [("From date", &mut filter.from), ("To date", &mut filter.to)] {
                let id = ui.scope_id().with(("date", label));
                let mut text: String = ui
                    .data(|d| d.get_temp::<String>(id))
                    .unwrap_or_else(|| slot.map(|d| d.to_string()).unwrap_or_default());
                let response = labelled_text(ui, label, &mut text, "YYYY, YYYY-MM or YYYY-MM-DD");
                if response.changed() {
                    ui.data_mut(|d| d.insert_temp(id, text.clone()));
                    if text.trim().is_empty() {
                        *slot = None;
                    } else if let Ok(date) = text.trim().parse::<PartialDate>() {
                        *slot = Some(date);
                    }
                }
                if !response.has_focus() {
                    ui.data_mut(|d| d.remove::<String>(id));
                }
                if !text.trim().is_empty()
                    && let Err(error) = text.trim().parse::<PartialDate>()
                {
                    ui.colored_label(ui.visuals().error_fg_color, error.to_string());
                }
            }
            let mut keep = !filter.drop_undated;
            if ui.checkbox(&mut keep, "Keep undated claims").changed() {
                filter.drop_undated = !keep;
            }
        });

    egui::CollapsingHeader::new("Sources")
        .default_open(false)
        .show(ui, |ui| {
            let documents: Vec<(String, String)> = app
                .session
                .graph
                .dataset()
                .documents
                .iter()
                .map(|d| (d.id.clone(), d.title.clone()))
                .collect();
            for (id, title) in documents {
                let mut on = filter.documents.contains(&id);
                if ui.checkbox(&mut on, &id).on_hover_text(title).changed() {
                    if on {
                        filter.documents.push(id.clone());
                    } else {
                        filter.documents.retain(|d| *d != id);
                    }
                }
            }
            let publishers: BTreeSet<String> = app
                .session
                .graph
                .dataset()
                .documents
                .iter()
                .map(|d| d.publisher.clone())
                .collect();
            ui.label("Publishers:");
            for publisher in publishers {
                let mut on = filter.publishers.contains(&publisher);
                if ui.checkbox(&mut on, &publisher).changed() {
                    if on {
                        filter.publishers.push(publisher.clone());
                    } else {
                        filter.publishers.retain(|p| *p != publisher);
                    }
                }
            }
            labelled_number(ui, "Min. sources", &mut filter.min_sources, 0..=10);
        });

    egui::CollapsingHeader::new("How sure")
        .default_open(false)
        .show(ui, |ui| {
            evidence_rule_ui(ui, &mut filter.evidence, "filter")
        });

    egui::CollapsingHeader::new("Names and neighbourhood")
        .default_open(false)
        .show(ui, |ui| {
            let mut text = filter.text.clone().unwrap_or_default();
            if labelled_text(ui, "Text", &mut text, "in names and aliases").changed() {
                filter.text = (!text.trim().is_empty()).then_some(text);
            }
            if filter.focus.is_empty() {
                ui.weak("Double-click an entity to show its neighbourhood.");
            } else {
                ui.label(format!("Around: {}", filter.focus.join(", ")));
                labelled_number(ui, "Hops", &mut filter.hops, 0..=10);
                if ui.button("Show everything again").clicked() {
                    filter.focus.clear();
                    filter.hops = 0;
                }
            }
            ui.checkbox(&mut filter.hide_isolated, "Hide isolated entities");
        });

    if filter != app.session.filter {
        app.set_filter(filter);
    }
}

// ── right: inspector and source viewer ──

/// The evidence a claim needs: stated or reported only, a reliability and
/// a credibility floor (filters and path questions share it).
pub(crate) fn evidence_rule_ui(
    ui: &mut egui::Ui,
    rule: &mut crate::query::EvidenceRule,
    salt: &str,
) {
    use crate::model::{Credibility, Reliability};
    ui.checkbox(&mut rule.factual_only, "Stated or reported only")
        .on_hover_text("Leave out claims whose every passage is an opinion, a plan, talks, a hedge or a denial");
    let shown = rule
        .min_reliability
        .map_or_else(|| "any".to_string(), |r| format!("{r} or better"));
    egui::ComboBox::from_id_salt((salt, "reliability"))
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut rule.min_reliability, None, "any");
            for letter in ["A", "B", "C", "D", "E", "F"] {
                let grade = Reliability::parse(letter);
                let text = grade.map_or(String::new(), |g| {
                    format!("{g} or better ({})", g.meaning())
                });
                ui.selectable_value(&mut rule.min_reliability, grade, text);
            }
        })
        .response
        .on_hover_text("Source reliability (A–F): documents not graded do not pass");
    ui.label("Source reliability");
    let shown = rule
        .min_credibility
        .map_or_else(|| "any".to_string(), |c| format!("{c} or better"));
    egui::ComboBox::from_id_salt((salt, "credibility"))
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut rule.min_credibility, None, "any");
            for grade in 1..=6 {
                let grade = Credibility::new(grade);
                let text = grade.map_or(String::new(), |g| {
                    format!("{g} or better ({})", g.meaning())
                });
                ui.selectable_value(&mut rule.min_credibility, grade, text);
            }
        })
        .response
        .on_hover_text("Information credibility (1–6): items not graded do not pass");
    ui.label("Information credibility");
}
