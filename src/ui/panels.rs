//! The side and bottom panels: search and filters, inspector and source
//! viewer, paths and timeline. Each `*_ui` function draws one panel from the
//! app's state and turns clicks into library calls.

use std::collections::{BTreeMap, BTreeSet};

use eframe::egui::{self, Color32, RichText, Sense, Stroke, TextFormat, pos2, vec2};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::app::{PathModeChoice, RestOfGraph};
use super::{BottomTab, Selection, TiegraphApp};
use crate::model::{Day, NodeKind, PartialDate, Relation};
use crate::query::Filter;
use crate::query::explain::{explain_claim, explain_path};

/// Adds the bundled Noto fonts (SIL OFL, see `assets/OFL-Noto.txt`) after
/// egui's own: Noto Sans for Latin, Greek and Cyrillic beyond egui's
/// default font, Noto Sans Myanmar for Burmese script, and Noto Sans
/// Symbols for arrows, so names, quotes and the UI never miss a glyph.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    let bundled: [(&str, &'static [u8]); 3] = [
        (
            "noto-sans",
            include_bytes!("../../assets/NotoSans-Regular.ttf"),
        ),
        (
            "noto-sans-myanmar",
            include_bytes!("../../assets/NotoSansMyanmar-Regular.ttf"),
        ),
        (
            "noto-sans-symbols",
            include_bytes!("../../assets/NotoSansSymbols-Regular.ttf"),
        ),
    ];
    for (name, bytes) in bundled {
        fonts.font_data.insert(
            name.into(),
            std::sync::Arc::new(egui::FontData::from_static(bytes)),
        );
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            fonts.families.entry(family).or_default().push(name.into());
        }
    }
    ctx.set_fonts(fonts);
}

/// A text field with a visible, accessible label.
fn labelled_text(ui: &mut egui::Ui, label: &str, text: &mut String, hint: &str) -> egui::Response {
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

fn labelled_number(
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

/// One checkbox per member present in the dataset, labelled with live
/// counts (shown/total). An empty `chosen` means "all", as in [`Filter`].
fn vocabulary_checkboxes<T: crate::model::Vocabulary + Ord + std::fmt::Display>(
    ui: &mut egui::Ui,
    chosen: &mut Vec<T>,
    totals: &BTreeMap<T, usize>,
    shown: &BTreeMap<T, usize>,
    describe: impl Fn(T) -> &'static str,
) {
    for (member, total) in totals {
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

fn search_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
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

fn filters_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    let mut filter = app.session.filter.clone();
    ui.horizontal(|ui| {
        ui.heading("Filters");
        if ui.button("Clear all").clicked() {
            filter = Filter::default();
        }
    });
    ui.horizontal(|ui| {
        if ui.button("Save filter…").clicked() {
            app.request_file(super::FileAction::SaveFilter, ui.ctx());
        }
        if ui.button("Load filter…").clicked() {
            app.request_file(super::FileAction::LoadFilter, ui.ctx());
        }
    });

    // Live counts (in the view / in the dataset), counted when the view
    // changes rather than every frame: at 100k entities counting took most
    // of the frame.
    let counts = &app.session.counts;
    let (all_kinds, shown_kinds) = (&counts.all_kinds, &counts.shown_kinds);
    egui::CollapsingHeader::new("Entity kinds")
        .default_open(true)
        .show(ui, |ui| {
            vocabulary_checkboxes(ui, &mut filter.node_kinds, all_kinds, shown_kinds, |kind| {
                kind.description()
            });
        });

    let (all_relations, shown_relations) = (&counts.all_relations, &counts.shown_relations);
    egui::CollapsingHeader::new("Relations")
        .default_open(false)
        .show(ui, |ui| {
            vocabulary_checkboxes(
                ui,
                &mut filter.relations,
                all_relations,
                shown_relations,
                |relation| relation.description(),
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

fn inspector_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
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

fn node_ui(app: &mut TiegraphApp, ui: &mut egui::Ui, node: NodeIndex) {
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
fn claim_row(app: &mut TiegraphApp, ui: &mut egui::Ui, edge: EdgeIndex, from_id: &str) {
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
                "“{}” — {}",
                one_line(&evidence.quote),
                evidence.publisher
            ))
            .italics()
            .small(),
        );
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn claim_ui(app: &mut TiegraphApp, ui: &mut egui::Ui, edge: EdgeIndex) {
    let claim = app.session.graph.claim(edge).clone();
    let explained = explain_claim(&app.session.graph, &claim, &claim.from);
    ui.label(RichText::new(&explained.statement).strong().size(15.0));
    ui.label(format!(
        "Relation: {} — {}",
        claim.relation,
        claim.relation.description()
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
    ui.separator();
    ui.label(RichText::new("Evidence").strong());
    for (index, evidence) in claim.evidence.iter().enumerate() {
        let shown = &explained.evidence[index];
        ui.group(|ui| {
            ui.label(format!("“{}”", one_line(&shown.quote)));
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
            if ui
                .button(format!("Open {} in the source viewer", evidence.document))
                .clicked()
            {
                app.show_source(
                    &evidence.document.clone(),
                    Some((evidence.start, evidence.end)),
                );
            }
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

fn source_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    let Some(view) = &app.panels.source_view else {
        return;
    };
    let Some(document) = app.session.graph.document(&view.document).cloned() else {
        app.panels.source_view = None;
        return;
    };
    let highlight = view.highlight;
    let scroll_pending = view.scroll_pending;
    let supported = view.supported.clone();
    ui.horizontal(|ui| {
        ui.heading("Source");
        if ui.small_button("Close").clicked() {
            app.panels.source_view = None;
        }
    });
    ui.label(RichText::new(&document.title).strong());
    ui.label(format!(
        "{} · {}{}",
        document.id,
        document.publisher,
        document
            .published
            .as_ref()
            .map(|p| format!(" · {p}{}", if p.inferred { " (inferred)" } else { "" }))
            .unwrap_or_default()
    ));
    egui::CollapsingHeader::new(format!(
        "Claims this document supports ({})",
        supported.len()
    ))
    .default_open(false)
    .show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("supported")
            .max_height(140.0)
            .show(ui, |ui| {
                for edge in supported {
                    let claim = app.session.graph.claim(edge).clone();
                    let statement =
                        explain_claim(&app.session.graph, &claim, &claim.from).statement;
                    if ui
                        .selectable_label(app.selection == Selection::Claim(edge), statement)
                        .clicked()
                    {
                        app.select_claim(edge);
                        if let Some(evidence) =
                            claim.evidence.iter().find(|v| v.document == document.id)
                        {
                            app.show_source(&document.id, Some((evidence.start, evidence.end)));
                        }
                    }
                }
            });
    });
    // The text, with the quote highlighted and scrolled into view.
    let mut job = egui::text::LayoutJob::default();
    let body = TextFormat {
        font_id: egui::FontId::proportional(13.0),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let marked = TextFormat {
        background: Color32::from_rgb(255, 230, 120),
        color: Color32::BLACK,
        ..body.clone()
    };
    let text = &document.text;
    let (start, end) = highlight
        .filter(|(s, e)| {
            s <= e && *e <= text.len() && text.is_char_boundary(*s) && text.is_char_boundary(*e)
        })
        .unwrap_or((0, 0));
    job.append(&text[..start], 0.0, body.clone());
    job.append(&text[start..end], 0.0, marked);
    job.append(&text[end..], 0.0, body);
    job.wrap.max_width = ui.available_width() - 16.0;
    egui::ScrollArea::vertical()
        .id_salt("source-text")
        .show(ui, |ui| {
            let galley = ui.fonts_mut(|f| f.layout_job(job));
            let (rect, _) = ui.allocate_exact_size(galley.size(), Sense::hover());
            if scroll_pending && end > start {
                let cursor = egui::text::CCursor::new(text[..start].chars().count());
                let quote_rect = galley.pos_from_cursor(cursor).translate(rect.min.to_vec2());
                ui.scroll_to_rect(quote_rect.expand(40.0), Some(egui::Align::Center));
            }
            ui.painter()
                .galley(rect.min, galley, ui.visuals().text_color());
            // The quote as its own accessible text, so it can be found and read out.
            if end > start {
                let quote = text[start..end].to_string();
                let id = ui.scope_id().with("highlighted-quote");
                let response = ui.interact(rect, id, Sense::hover());
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Label,
                        true,
                        format!("Highlighted quote: {quote}"),
                    )
                });
            }
        });
    if let Some(view) = &mut app.panels.source_view {
        view.scroll_pending = false;
    }
}

// ── bottom: paths and timeline ──

pub(super) fn bottom_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.selectable_value(&mut app.prefs.bottom_tab, BottomTab::Paths, "Paths");
        ui.selectable_value(&mut app.prefs.bottom_tab, BottomTab::Timeline, "Timeline");
        ui.selectable_value(&mut app.prefs.bottom_tab, BottomTab::Review, "Review");
    });
    ui.separator();
    match app.prefs.bottom_tab {
        BottomTab::Paths => paths_ui(app, ui),
        BottomTab::Timeline => timeline_ui(app, ui),
        BottomTab::Review => super::review::review_ui(app, ui),
    }
}

/// A picker: a text field with fuzzy completions below it while typing.
fn entity_picker(app: &TiegraphApp, ui: &mut egui::Ui, label: &str, text: &mut String) {
    let response = labelled_text(ui, label, text, "name, alias or id");
    if response.has_focus() && !text.trim().is_empty() && app.session.graph.find(text).is_none() {
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

fn paths_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    ui.columns(2, |columns| {
        let ui = &mut columns[0];
        let (mut from, mut to) = (app.panels.paths.from.clone(), app.panels.paths.to.clone());
        entity_picker(app, ui, "Path from", &mut from);
        entity_picker(app, ui, "Path to", &mut to);
        app.panels.paths.from = from;
        app.panels.paths.to = to;
        ui.horizontal(|ui| {
            ui.radio_value(&mut app.panels.paths.mode, PathModeChoice::AllShortest, "All shortest");
            ui.radio_value(&mut app.panels.paths.mode, PathModeChoice::KShortest, "K shortest");
            ui.radio_value(&mut app.panels.paths.mode, PathModeChoice::AllSimple, "All simple");
        });
        ui.horizontal(|ui| {
            labelled_number(ui, "K", &mut app.panels.paths.k, 1..=100);
            labelled_number(ui, "Max hops", &mut app.session.paths.query.max_hops, 1..=12);
            labelled_number(ui, "Min sources per hop", &mut app.session.paths.query.min_sources, 0..=10);
        });
        let mut avoid = app.panels.paths.avoid_text.clone();
        labelled_text(ui, "Avoid", &mut avoid, "entities, comma-separated");
        app.panels.paths.avoid_text = avoid;
        ui.horizontal(|ui| {
            ui.checkbox(&mut app.session.paths.query.allow_hubs, "Through hubs")
                .on_hover_text("Countries and entities with many claims link everything; they are skipped as steps unless allowed.");
            ui.checkbox(&mut app.session.paths.query.time_respecting, "Time-respecting")
                .on_hover_text("Each hop's date not before the previous one's; uncertain dates count as possible.");
        });
        ui.horizontal(|ui| {
            ui.label("Hops may use:");
            ui.radio_value(&mut app.session.paths.query.review, crate::query::ReviewRule::Any, "any claim");
            ui.radio_value(&mut app.session.paths.query.review, crate::query::ReviewRule::ExcludeRejected, "not rejected");
            ui.radio_value(&mut app.session.paths.query.review, crate::query::ReviewRule::ConfirmedOnly, "confirmed only");
        });
        egui::CollapsingHeader::new("Relations a hop may use").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for relation in Relation::ALL {
                    let mut on = app.session.paths.query.relations.contains(relation);
                    if ui.checkbox(&mut on, relation.as_str()).changed() {
                        if on {
                            app.session.paths.query.relations.push(*relation);
                        } else {
                            app.session.paths.query.relations.retain(|r| r != relation);
                        }
                    }
                }
            });
            ui.weak("None ticked: all relations.");
        });
        ui.horizontal(|ui| {
            if ui.button("Find paths").clicked() {
                app.run_path_query();
            }
            ui.label("Rest of the graph:");
            ui.radio_value(&mut app.panels.paths.rest, RestOfGraph::Show, "show");
            ui.radio_value(&mut app.panels.paths.rest, RestOfGraph::Dim, "dim");
            ui.radio_value(&mut app.panels.paths.rest, RestOfGraph::Hide, "hide");
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
                        let names: Vec<&str> = path.nodes.iter().map(|&n| app.session.graph.node(n).label.as_str()).collect();
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
                            ui.label(RichText::new(format!("Hop {}: {} → {}", index + 1, hop.from.label, hop.to.label)).strong());
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
                                    ui.label(RichText::new(format!("“{}” — {}, {}", one_line(&evidence.quote), evidence.title, evidence.publisher)).italics().small());
                                }
                            }
                        }
                    }
                }
            }
        });
    });
}

/// Months since year 0, as a float axis.
fn months(day: Day) -> f32 {
    let (year, month, dom) = day;
    year as f32 * 12.0 + (month as f32 - 1.0) + (dom as f32 - 1.0) / 31.0
}

fn month_to_date(value: f32) -> PartialDate {
    let total = value.floor() as i32;
    PartialDate {
        year: total.div_euclid(12),
        month: Some((total.rem_euclid(12) + 1) as u8),
        day: None,
    }
}

fn timeline_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    // Dated entities (visits, meetings, contracts, events…) and dated claims.
    let mut items: Vec<(f32, f32, NodeKind, String, Option<NodeIndex>)> = Vec::new();
    for node in app.session.view.nodes() {
        let entity = app.session.graph.node(node);
        if let Some(date) = &entity.date {
            items.push((
                months(date.first_day()),
                months(date.last_day()) + 1.0 / 31.0,
                entity.kind,
                entity.label.clone(),
                Some(node),
            ));
        }
    }
    let mut claims: Vec<(f32, f32, EdgeIndex)> = Vec::new();
    for edge in app.session.view.edges() {
        if let Some(date) = &app.session.graph.claim(edge).date {
            claims.push((
                months(date.first_day()),
                months(date.last_day()) + 1.0 / 31.0,
                edge,
            ));
        }
    }
    let all = items
        .iter()
        .map(|i| (i.0, i.1))
        .chain(claims.iter().map(|c| (c.0, c.1)));
    let (mut low, mut high) = all.fold((f32::MAX, f32::MIN), |(lo, hi), (a, b)| {
        (lo.min(a), hi.max(b))
    });
    if low > high {
        ui.weak("Nothing in the view is dated.");
        return;
    }
    low -= 1.0;
    high += 1.0;
    ui.horizontal(|ui| {
        ui.label(format!(
            "{} dated entities, {} dated claims. Drag across the axis to set the date filter.",
            items.len(),
            claims.len()
        ));
        if (app.session.filter.from.is_some() || app.session.filter.to.is_some())
            && ui.button("Clear dates").clicked()
        {
            let filter = Filter {
                from: None,
                to: None,
                ..app.session.filter.clone()
            };
            app.set_filter(filter);
        }
    });
    let (rect, response) = ui.allocate_exact_size(
        vec2(ui.available_width(), ui.available_height().max(120.0)),
        Sense::click_and_drag(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, "Timeline"));
    let painter = ui.painter_at(rect);
    let x = |m: f32| rect.left() + (m - low) / (high - low) * rect.width();
    let to_month = |px: f32| low + (px - rect.left()) / rect.width() * (high - low);
    painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
    // Year ticks.
    let first_year = (low / 12.0).ceil() as i32;
    let last_year = (high / 12.0).floor() as i32;
    for year in first_year..=last_year {
        let px = x(year as f32 * 12.0);
        painter.line_segment(
            [pos2(px, rect.top()), pos2(px, rect.bottom())],
            Stroke::new(1.0, ui.visuals().weak_text_color()),
        );
        painter.text(
            pos2(px + 2.0, rect.bottom() - 2.0),
            egui::Align2::LEFT_BOTTOM,
            year.to_string(),
            egui::FontId::proportional(10.0),
            ui.visuals().text_color(),
        );
    }
    // Current window.
    if app.session.filter.from.is_some() || app.session.filter.to.is_some() {
        let a = app
            .session
            .filter
            .from
            .map_or(low, |d| months(d.first_day()));
        let b = app
            .session
            .filter
            .to
            .map_or(high, |d| months(d.last_day()) + 1.0 / 31.0);
        painter.rect_filled(
            egui::Rect::from_x_y_ranges(x(a)..=x(b), rect.y_range()),
            0.0,
            ui.visuals().selection.bg_fill.gamma_multiply(0.3),
        );
    }
    // Entities as bars, one row each (wrapping), claims as ticks along the bottom.
    let row_height = 14.0;
    let rows = ((rect.height() - 30.0) / row_height).max(1.0) as usize;
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (index, (a, b, kind, label, node)) in items.iter().enumerate() {
        let y = rect.top() + 4.0 + (index % rows) as f32 * row_height;
        let bar = egui::Rect::from_min_max(
            pos2(x(*a), y),
            pos2(x(*b).max(x(*a) + 3.0), y + row_height - 3.0),
        );
        painter.rect_filled(bar, 2.0, super::canvas::kind_color(*kind));
        painter.text(
            pos2(bar.right() + 2.0, bar.center().y),
            egui::Align2::LEFT_CENTER,
            label,
            egui::FontId::proportional(9.0),
            ui.visuals().text_color(),
        );
        if let Some(pointer) = response.hover_pos()
            && bar.contains(pointer)
            && response.clicked()
            && let Some(node) = node
        {
            app.selection = Selection::Node(*node);
        }
    }
    for (a, _, _) in &claims {
        let px = x(*a);
        painter.line_segment(
            [
                pos2(px, rect.bottom() - 24.0),
                pos2(px, rect.bottom() - 14.0),
            ],
            Stroke::new(1.0, ui.visuals().text_color()),
        );
    }
    // Brushing sets the date filter.
    if response.drag_started()
        && let Some(pointer) = response.interact_pointer_pos()
    {
        let m = to_month(pointer.x);
        app.panels.brush = Some((m, m));
    }
    if let (Some((start, _)), Some(pointer)) = (app.panels.brush, response.interact_pointer_pos())
        && response.dragged()
    {
        app.panels.brush = Some((start, to_month(pointer.x)));
    }
    if let Some((a, b)) = app.panels.brush {
        painter.rect_filled(
            egui::Rect::from_x_y_ranges(x(a.min(b))..=x(a.max(b)), rect.y_range()),
            0.0,
            ui.visuals().selection.bg_fill.gamma_multiply(0.5),
        );
        if response.drag_stopped() {
            app.panels.brush = None;
            let (a, b) = (a.min(b), a.max(b));
            if b - a > 0.2 {
                let filter = Filter {
                    from: Some(month_to_date(a)),
                    to: Some(month_to_date(b)),
                    ..app.session.filter.clone()
                };
                app.set_filter(filter);
            }
        }
    }
}
