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
    if response.lost_focus()
        && ui.input(|i| i.key_pressed(egui::Key::Enter))
        && let Some(&first) = app.panels.search_hits.first()
    {
        app.select_node(first);
    }
    let hits = app.panels.search_hits.clone();
    for node in hits.iter().take(12) {
        let entity = app.session.graph.node(*node);
        let shown = app.session.view.contains_node(*node);
        let text = format!(
            "{}  ·  {}{}",
            entity.label,
            entity.kind,
            if shown { "" } else { " (filtered out)" }
        );
        if ui
            .selectable_label(app.selection == Selection::Node(*node), text)
            .clicked()
        {
            app.select_node(*node);
        }
    }
}
