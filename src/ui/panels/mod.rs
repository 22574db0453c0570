//! The side and bottom panels: search and filters, inspector and source
//! viewer, paths and timeline. Each `*_ui` function draws one panel from the
//! app's state and turns clicks into library calls; one panel per file,
//! with the layout of the three docks and the shared widgets here.

mod filters;
mod fonts;
mod inspector;
mod paths;
mod review;
mod search;
mod source;
mod statistics;
mod timeline;

use std::collections::BTreeMap;

use eframe::egui::{self};

use crate::ui::{BottomTab, TiegraphApp};

use filters::*;
pub use fonts::install_fonts;
use inspector::*;
use paths::*;
use search::*;
use source::*;
pub(crate) use timeline::TimelineState;
use timeline::*;

/// A text field with a visible, accessible label.
pub(crate) fn labelled_text(
    ui: &mut egui::Ui,
    label: &str,
    text: &mut String,
    hint: &str,
) -> egui::Response {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(
            egui::TextEdit::singleline(text)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id)
    })
    .inner
}

pub(super) fn labelled_number(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut usize,
    range: std::ops::RangeInclusive<usize>,
) -> bool {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(egui::DragValue::new(value).range(range))
            .labelled_by(label.id)
            .changed()
    })
    .inner
}

/// One checkbox per member present in the dataset, in vocabulary order
/// (`order`), labelled with live counts (shown/total). An empty `chosen`
/// means "all", as in [`Filter`].
pub(super) fn vocabulary_checkboxes<T: Copy + Ord + std::fmt::Display>(
    ui: &mut egui::Ui,
    chosen: &mut Vec<T>,
    (order, totals, shown): (&[T], &BTreeMap<T, usize>, &BTreeMap<T, usize>),
    describe: impl Fn(T) -> String,
) {
    let present = order
        .iter()
        .filter_map(|member| totals.get(member).map(|total| (member, total)));
    for (member, total) in present {
        let mut on = chosen.is_empty() || chosen.contains(member);
        let label = format!(
            "{member} ({}/{total})",
            shown.get(member).copied().unwrap_or(0)
        );
        if ui
            .checkbox(&mut on, label)
            .on_hover_text(describe(*member))
            .changed()
        {
            let mut members: Vec<T> = if chosen.is_empty() {
                totals.keys().copied().collect()
            } else {
                chosen.clone()
            };
            if on {
                members.push(*member);
            } else {
                members.retain(|m| m != member);
            }
            members.sort();
            members.dedup();
            *chosen = if members.len() == totals.len() {
                Vec::new()
            } else {
                members
            };
        }
    }
}

// ── left: search and filters ──

pub(super) fn left_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        search_ui(app, ui);
        ui.separator();
        filters_ui(app, ui);
    });
}

pub(super) fn right_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    let has_source = app.panels.source_view.is_some();
    let inspector_height = if has_source {
        ui.available_height() * 0.5
    } else {
        ui.available_height()
    };
    egui::ScrollArea::vertical()
        .id_salt("inspector")
        .max_height(inspector_height)
        .show(ui, |ui| inspector_ui(app, ui));
    if has_source {
        ui.separator();
        source_ui(app, ui);
    }
}

pub(super) fn bottom_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.selectable_value(&mut app.prefs.bottom_tab, BottomTab::Paths, "Paths");
        ui.selectable_value(&mut app.prefs.bottom_tab, BottomTab::Timeline, "Timeline");
        ui.selectable_value(&mut app.prefs.bottom_tab, BottomTab::Review, "Review");
        ui.selectable_value(
            &mut app.prefs.bottom_tab,
            BottomTab::Statistics,
            "Statistics",
        );
    });
    ui.separator();
    // Every tab fills the panel and scrolls inside it, so switching tabs
    // never changes the panel's height (and the canvas's size).
    match app.prefs.bottom_tab {
        BottomTab::Paths => paths_ui(app, ui),
        BottomTab::Timeline => timeline_ui(app, ui),
        BottomTab::Review => review::review_ui(app, ui),
        BottomTab::Statistics => statistics::statistics_ui(app, ui),
    }
}
