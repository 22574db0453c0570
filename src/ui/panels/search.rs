//! The search box: fuzzy search over names and aliases.

use eframe::egui::{self};

use crate::ui::{Selection, TiegraphApp};

use super::*;

pub(super) fn search_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    ui.heading("Find an entity");
    let mut text = app.panels.search_text.clone();
    let response = labelled_text(ui, "Search", &mut text, "name or alias (Ctrl+F)");
    if app.panels.focus_search {
        response.request_focus();
        app.panels.focus_search = false;
    }
    if response.changed() {
        app.search(&text);
    }
    // A name several entities go by: the analyst chooses, Enter does not.
    let homonyms = app.session.graph.find_all(text.trim()).len();
    if homonyms > 1 {
        ui.label(
            egui::RichText::new(format!(
                "{homonyms} entities are called “{}”: choose one",
                text.trim()
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
    if response.lost_focus()
        && ui.input(|i| i.key_pressed(egui::Key::Enter))
        && homonyms <= 1
        && let Some(&first) = app.panels.search_hits.first()
    {
        app.select_node(first);
    }
    let hits = app.panels.search_hits.clone();
    let labels: Vec<String> = hits
        .iter()
        .take(12)
        .map(|node| crate::text::fold(&app.session.graph.node(*node).label))
        .collect();
    for (position, node) in hits.iter().take(12).enumerate() {
        let entity = app.session.graph.node(*node);
        let shown = app.session.view.contains_node(*node);
        // Hits sharing a label are told apart by id and what distinguishes them.
        let shared = labels
            .iter()
            .filter(|label| **label == labels[position])
            .count()
            > 1;
        let name = if shared {
            crate::query::describe_candidate(&app.session.graph, *node)
        } else {
            format!("{}  ·  {}", entity.label, entity.kind)
        };
        let text = format!("{name}{}", if shown { "" } else { " (filtered out)" });
        if ui
            .selectable_label(app.selection == Selection::Node(*node), text)
            .clicked()
        {
            app.select_node(*node);
        }
    }
}
