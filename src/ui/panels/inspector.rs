//! The inspector: the selected entity with its claims, or the selected
//! claim with its evidence, review and conflicts.

use std::collections::BTreeMap;

use eframe::egui::{self, RichText};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use crate::model::Relation;
use crate::query::explain::explain_claim;
use crate::ui::{BottomTab, Selection, TiegraphApp};

pub(super) fn inspector_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    ui.heading("Inspector");
    match app.selection {
        Selection::None => {
            ui.weak("Select an entity or a claim on the canvas, or search for one.");
        }
        Selection::Node(node) => node_ui(app, ui, node),
        Selection::Claim(edge) => claim_ui(app, ui, edge),
        Selection::Pair(a, b) => {
            ui.label(
                RichText::new(format!(
                    "{} — {}",
                    app.session.graph.node(a).label,
                    app.session.graph.node(b).label
                ))
                .strong(),
            );
            let edges: Vec<EdgeIndex> = app
                .session
                .graph
                .neighbours(a)
                .iter()
                .filter(|(n, e)| *n == b && app.session.view.contains_edge(*e))
                .map(|(_, e)| *e)
                .collect();
            ui.label(format!("{} claims:", edges.len()));
            for edge in edges {
                claim_row(app, ui, edge, &app.session.graph.node(a).id.clone());
            }
        }
    }
}

pub(super) fn node_ui(app: &mut TiegraphApp, ui: &mut egui::Ui, node: NodeIndex) {
    let entity = app.session.graph.node(node).clone();
    ui.label(RichText::new(&entity.label).strong().size(16.0));
    ui.label(format!(
        "{} · {} claims · id {}",
        entity.kind,
        app.session.graph.degree(node),
        entity.id
    ));
    if !entity.aliases.is_empty() {
        ui.label(format!("Also: {}", entity.aliases.join("; ")));
    }
    for (key, value) in &entity.attributes {
        ui.label(format!("{key}: {value}"));
    }
    if let Some(date) = &entity.date {
        ui.label(format!(
            "Date: {date}{}",
            if date.inferred {
                " (year inferred)"
            } else {
                ""
            }
        ));
    }
    if let Some(note) = &entity.note {
        ui.label(RichText::new(format!("Note: {note}")).italics());
    }
    ui.horizontal(|ui| {
        if ui.button("Path from here").clicked() {
            app.panels.paths.from = entity.label.clone();
            app.prefs.show_bottom = true;
            app.prefs.bottom_tab = BottomTab::Paths;
        }
        if ui.button("Path to here").clicked() {
            app.panels.paths.to = entity.label.clone();
            app.prefs.show_bottom = true;
            app.prefs.bottom_tab = BottomTab::Paths;
        }
        let pinned = app.session.layout.is_pinned(node);
        if ui.button(if pinned { "Unpin" } else { "Pin" }).clicked() {
            app.session.record_edit();
            app.session.layout.set_pinned(node, !pinned);
        }
    });
    let deleted = ui.horizontal(|ui| {
        let claims = app.session.graph.degree(node);
        if ui
            .button("Edit or merge entity…")
            .on_hover_text("Kind, label, aliases, date, note; merge into another entity")
            .clicked()
        {
            app.edit_entity(node);
        }
        let delete = format!(
            "Delete entity and its {claims} claim{}",
            if claims == 1 { "" } else { "s" }
        );
        let clicked = ui
            .button(delete)
            .on_hover_text("Written at once; Edit → Undo brings it back")
            .clicked();
        if clicked {
            app.delete_selected();
        }
        clicked
    });
    // The graph was rebuilt: this entity's index means nothing now.
    if deleted.inner {
        return;
    }
    ui.separator();
    let mut by_relation: BTreeMap<Relation, Vec<EdgeIndex>> = BTreeMap::new();
    for edge in app.session.graph.claims_of(node) {
        by_relation
            .entry(app.session.graph.claim(edge).relation)
            .or_default()
            .push(edge);
    }
    for (relation, edges) in by_relation {
        ui.label(RichText::new(format!("{relation} ({})", edges.len())).strong());
        for edge in edges {
            claim_row(app, ui, edge, &entity.id);
        }
    }
}

/// One claim in a list: statement, date, sources, first quote; click selects.
pub(super) fn claim_row(app: &mut TiegraphApp, ui: &mut egui::Ui, edge: EdgeIndex, from_id: &str) {
    let claim = app.session.graph.claim(edge).clone();
    let explained = explain_claim(&app.session.graph, &claim, from_id);
    let mut text = explained.statement.clone();
    if let Some(date) = &explained.date {
        text.push_str(&format!(
            "  [{date}{}]",
            if explained.date_inferred {
                ", year inferred"
            } else {
                ""
            }
        ));
    }
    text.push_str(&format!(
        "  · {} source{}",
        explained.sources,
        if explained.sources == 1 { "" } else { "s" }
    ));
    if !app.session.view.contains_edge(edge) {
        text.push_str("  (filtered out)");
    }
    if ui
        .selectable_label(app.selection == Selection::Claim(edge), text)
        .clicked()
    {
        app.select_claim(edge);
    }
    for evidence in explained.evidence.iter().take(2) {
        ui.label(
            RichText::new(format!(
                "{} — {}",
                evidence.shown(("“", "”")),
                evidence.publisher
            ))
            .italics()
            .small(),
        );
    }
}

pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn claim_ui(app: &mut TiegraphApp, ui: &mut egui::Ui, edge: EdgeIndex) {
    let claim = app.session.graph.claim(edge).clone();
    let explained = explain_claim(&app.session.graph, &claim, &claim.from);
    ui.label(RichText::new(&explained.statement).strong().size(15.0));
    ui.label(format!(
        "Relation: {} — {}",
        claim.relation,
        app.session
            .graph
            .dataset()
            .vocabulary
            .relation_meaning(claim.relation)
    ));
    match &claim.date {
        Some(date) => {
            let mut flags = Vec::new();
            if date.inferred {
                flags.push("year inferred");
            }
            if date.approximate {
                flags.push("approximate");
            }
            ui.label(format!(
                "Date: {date}{}",
                if flags.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", flags.join(", "))
                }
            ));
            if let Some(note) = &date.note {
                ui.weak(note);
            }
        }
        None => {
            ui.label("Date: not stated");
        }
    }
    ui.label(format!("Independent sources: {}", explained.sources));
    ui.label(format!("Strength: {}", explained.strength()))
        .on_hover_text("Derived: the strongest kind of statement among the passages, their best grades, and the independent sources");
    let review = app
        .session
        .reviews
        .reviews
        .get(&claim.id)
        .cloned()
        .unwrap_or_default();
    ui.label(format!(
        "Review: {}{}{}",
        review.status,
        review
            .reviewer
            .as_ref()
            .map(|r| format!(" by {r}"))
            .unwrap_or_default(),
        review
            .time
            .as_ref()
            .map(|t| format!(", {t}"))
            .unwrap_or_default()
    ));
    if let Some(note) = &review.note {
        ui.label(format!("Review note: {note}"));
    }
    for (key, value) in &claim.attributes {
        ui.label(format!("{key}: {value}"));
    }
    if let Some(note) = &claim.note {
        ui.label(RichText::new(format!("Note: {note}")).italics());
    }
    ui.label(format!("Claim id: {}", claim.id));
    let deleted = ui.horizontal(|ui| {
        if ui
            .button("Edit claim…")
            .on_hover_text("Relation, date, note; mark as a conflict with another claim")
            .clicked()
        {
            app.edit_claim(edge);
        }
        let clicked = ui
            .button("Delete claim")
            .on_hover_text("Written at once; Edit → Undo brings it back")
            .clicked();
        if clicked {
            app.delete_selected();
        }
        clicked
    });
    if deleted.inner {
        return;
    }
    ui.separator();
    ui.label(RichText::new("Evidence").strong());
    for (index, evidence) in claim.evidence.iter().enumerate() {
        let shown = &explained.evidence[index];
        ui.group(|ui| {
            match &shown.record {
                // A record is not a quote: said plainly, with where it is.
                Some(record) => {
                    ui.label(
                        RichText::new("Unverified: a record, no text to check")
                            .color(ui.visuals().warn_fg_color),
                    );
                    ui.label(one_line(&shown.quote));
                    // Only web addresses open; anything else is shown as text.
                    match &record.source_url {
                        Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                            ui.hyperlink_to(format!("Source: {url}"), url);
                        }
                        Some(url) => {
                            ui.label(format!("Source: {url}"));
                        }
                        None => {}
                    }
                }
                None => {
                    ui.label(format!("“{}”", one_line(&shown.quote)));
                }
            }
            // Not every passage reports a fact: say what kind of statement it is.
            if let Some(words) = shown.in_words() {
                let colour = if shown.modality.is_factual() {
                    ui.visuals().text_color()
                } else {
                    ui.visuals().warn_fg_color
                };
                ui.label(RichText::new(words).color(colour));
            }
            credibility_ui(app, ui, &claim, index, evidence);
            ui.label(format!(
                "— {}, {}{}",
                shown.title,
                shown.publisher,
                shown
                    .published
                    .as_ref()
                    .map(|p| format!(", {p}"))
                    .unwrap_or_default()
            ));
            if let Some(according_to) = &shown.according_to {
                ui.label(format!("Made by: {according_to}"));
            }
            ui.horizontal(|ui| {
                if evidence.record.is_none()
                    && ui
                        .button(format!("Open {} in the source viewer", evidence.document))
                        .clicked()
                {
                    app.show_source(
                        &evidence.document.clone(),
                        Some((evidence.start, evidence.end)),
                    );
                }
                if claim.evidence.len() > 1
                    && ui
                        .small_button(format!("Delete evidence {}", index + 1))
                        .clicked()
                {
                    let _ = app.apply_edit(crate::curate::Edit::DeleteEvidence {
                        claim: claim.id.clone(),
                        index,
                    });
                }
            });
        });
    }
    if let Some(conflict) = &claim.conflict {
        ui.separator();
        let description = app
            .session
            .graph
            .dataset()
            .conflicts
            .iter()
            .find(|c| &c.id == conflict)
            .map(|c| c.description.clone())
            .unwrap_or_default();
        ui.label(
            RichText::new(format!("Disputed: {conflict}"))
                .strong()
                .color(ui.visuals().warn_fg_color),
        );
        ui.label(description);
        if ui
            .small_button("Delete this conflict")
            .on_hover_text("Its claims stay, no longer marked")
            .clicked()
        {
            let _ = app.apply_edit(crate::curate::Edit::DeleteConflict {
                id: conflict.clone(),
            });
        }
        let others: Vec<String> = app
            .session
            .graph
            .dataset()
            .conflict_claims(conflict)
            .filter(|c| c.id != claim.id)
            .map(|c| c.id.clone())
            .collect();
        for other in others {
            if let Some(other_edge) = app.session.graph.claim_index(&other) {
                claim_row(app, ui, other_edge, &claim.from);
            }
        }
    }
}

/// A reviewer's credibility grade of one evidence item (1–6), with who
/// graded it and when; saved to the reviews sidecar at once.
fn credibility_ui(
    app: &mut TiegraphApp,
    ui: &mut egui::Ui,
    claim: &crate::model::Claim,
    index: usize,
    evidence: &crate::model::Evidence,
) {
    use crate::model::Credibility;
    let reviews = app.session.reviews();
    let graded = reviews.credibility(&claim.id, &evidence.document, &evidence.quote);
    let mut chosen = graded;
    ui.horizontal(|ui| {
        egui::ComboBox::from_id_salt(("credibility", &claim.id, index))
            .selected_text(chosen.map_or("not graded".to_string(), |c| {
                format!("{c}: {}", c.meaning())
            }))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut chosen, None, "not graded");
                for grade in 1..=6 {
                    let grade = Credibility::new(grade);
                    let text = grade.map_or(String::new(), |g| format!("{g}: {}", g.meaning()));
                    ui.selectable_value(&mut chosen, grade, text);
                }
            })
            .response
            .on_hover_text(
                "Information credibility (Admiralty 1–6), as you grade it; saved with the reviews",
            );
        ui.label("Credibility");
        if graded.is_some()
            && let Some(review) = reviews.get(&claim.id)
        {
            ui.weak(format!(
                "by {} {}",
                review.reviewer.as_deref().unwrap_or("someone"),
                review.time.as_deref().unwrap_or("")
            ));
        }
    });
    if chosen != graded {
        app.grade_credibility(&claim.id, (&evidence.document, &evidence.quote), chosen);
    }
}
