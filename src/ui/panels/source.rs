//! The source viewer: a document with the selected quote highlighted and
//! scrolled into view, and the claims the document supports. Its text can
//! be selected and made into a claim or an evidence item; the names of
//! known entities that no quote covers are marked and listed, with the
//! share of sentences that carry a quote.

use std::ops::Range;

use eframe::egui::{self, Color32, RichText, Sense, TextFormat};

use crate::query::explain::explain_claim;
use crate::ui::{Selection, TiegraphApp};

pub(super) fn source_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
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
    reliability_ui(app, ui, &document);
    curation_bar_ui(app, ui, &document);
    // The text: selectable, the quote highlighted and scrolled into view,
    // names no quote covers marked.
    let text = document.text.clone();
    let (start, end) = highlight
        .filter(|(s, e)| {
            s <= e && *e <= text.len() && text.is_char_boundary(*s) && text.is_char_boundary(*e)
        })
        .unwrap_or((0, 0));
    let Some(view) = &mut app.panels.source_view else {
        return;
    };
    let mentions: Vec<Range<usize>> = view
        .mentions
        .mentions
        .iter()
        .map(|m| m.range.clone())
        .collect();
    let colours = Colours {
        body: ui.visuals().text_color(),
        mention: ui.visuals().hyperlink_color,
        selected: ui.visuals().selection.bg_fill,
    };
    // The passage chosen for a claim stays marked when the text loses focus
    // (egui paints a selection only while its field has focus).
    let chosen = view.selection.clone().unwrap_or(0..0);
    let mut layouter = |ui: &egui::Ui, buffer: &dyn egui::TextBuffer, wrap_width: f32| {
        let mut job = text_job(buffer.as_str(), (start, end), &chosen, &mentions, colours);
        job.wrap.max_width = wrap_width;
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let id = ui.make_persistent_id(("source-text", &document.id));
    if view.push_selection {
        view.push_selection = false;
        let mut state = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
        let range = view.selection.clone().unwrap_or(0..0);
        let chars = |at: usize| text.get(..at).map_or(0, |before| before.chars().count());
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::two(
                egui::text::CCursor::new(chars(range.start)),
                egui::text::CCursor::new(chars(range.end)),
            )));
        state.store(ui.ctx(), id);
    }
    egui::ScrollArea::vertical()
        .id_salt("source-text")
        .show(ui, |ui| {
            let mut shown: &str = &text;
            let output = egui::TextEdit::multiline(&mut shown)
                .id(id)
                .frame(egui::Frame::NONE)
                .desired_width(f32::INFINITY)
                .layouter(&mut layouter)
                .show(ui);
            output.response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::TextInput,
                    true,
                    format!("Text of {}", document.id),
                )
            });
            if let Some(range) = output.cursor_range {
                let chars = range.as_sorted_char_range();
                let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
                let bytes = byte(chars.start.0)..byte(chars.end.0);
                view.selection = (bytes.start < bytes.end).then_some(bytes);
            }
            if scroll_pending && end > start {
                let cursor = egui::text::CCursor::new(text[..start].chars().count());
                let quote_rect = output
                    .galley
                    .pos_from_cursor(cursor)
                    .translate(output.galley_pos.to_vec2());
                ui.scroll_to_rect(quote_rect.expand(40.0), Some(egui::Align::Center));
            }
            // The quote as its own accessible text, so it can be found and read out.
            if end > start {
                let quote = text[start..end].to_string();
                let id = ui.scope_id().with("highlighted-quote");
                let response = ui.interact(output.response.rect, id, Sense::hover());
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

#[derive(Clone, Copy)]
struct Colours {
    body: Color32,
    mention: Color32,
    selected: Color32,
}

/// The document's text laid out: the quote on a yellow ground, the chosen
/// passage on the selection's, names no quote covers underlined.
fn text_job(
    text: &str,
    (start, end): (usize, usize),
    chosen: &Range<usize>,
    mentions: &[Range<usize>],
    colours: Colours,
) -> egui::text::LayoutJob {
    let body = TextFormat {
        font_id: egui::FontId::proportional(13.0),
        color: colours.body,
        ..Default::default()
    };
    let marked = TextFormat {
        background: Color32::from_rgb(255, 230, 120),
        color: Color32::BLACK,
        ..body.clone()
    };
    let mention = TextFormat {
        underline: egui::Stroke::new(1.5, colours.mention),
        color: colours.mention,
        ..body.clone()
    };
    let selected = TextFormat {
        background: colours.selected,
        ..body.clone()
    };
    let mut cuts: Vec<usize> = vec![0, text.len(), start, end, chosen.start, chosen.end];
    for range in mentions {
        cuts.push(range.start);
        cuts.push(range.end);
    }
    cuts.retain(|&cut| cut <= text.len() && text.is_char_boundary(cut));
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = egui::text::LayoutJob::default();
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let format = if from >= chosen.start && to <= chosen.end && chosen.start < chosen.end {
            selected.clone()
        } else if from >= start && to <= end && start < end {
            marked.clone()
        } else if mentions.iter().any(|m| m.start <= from && to <= m.end) {
            mention.clone()
        } else {
            body.clone()
        };
        job.append(&text[from..to], 0.0, format);
    }
    job
}

/// What the selection can become, and what the document still holds that
/// no claim quotes.
fn curation_bar_ui(app: &mut TiegraphApp, ui: &mut egui::Ui, document: &crate::model::Document) {
    let Some(view) = &app.panels.source_view else {
        return;
    };
    let selected = view.selection.as_ref().is_some_and(|r| r.start < r.end);
    let report = view.mentions.clone();
    let editable = app.session.editable();
    ui.horizontal_wrapped(|ui| {
        let hint = match &editable {
            Ok(()) => "Select a passage in the text first",
            Err(_) => "Save a copy to edit first (File menu)",
        };
        let new_claim = ui
            .add_enabled(selected, egui::Button::new("New claim from selection"))
            .on_disabled_hover_text(hint);
        if new_claim.clicked() {
            app.claim_from_selection(false);
        }
        let attach = ui
            .add_enabled(selected, egui::Button::new("Add as evidence to…"))
            .on_hover_text("Adds the passage to the selected claim, or one you name")
            .on_disabled_hover_text(hint);
        if attach.clicked() {
            app.claim_from_selection(true);
        }
    });
    ui.label(format!(
        "Coverage: {} of {} sentences carry a quote ({:.0}%)",
        report.covered,
        report.sentences,
        report.coverage() * 100.0
    ));
    egui::CollapsingHeader::new(format!(
        "Mentions without claims ({})",
        report.mentions.len()
    ))
    .id_salt("mentions")
    .default_open(false)
    .show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("mentions-list")
            .max_height(120.0)
            .show(ui, |ui| {
                for mention in &report.mentions {
                    let (line, column) =
                        crate::text::line_column(&document.text, mention.range.start);
                    let shown = format!(
                        "{} → {} (line {line}, column {column})",
                        &document.text[mention.range.clone()],
                        mention.entity
                    );
                    if ui.selectable_label(false, shown).clicked() {
                        app.select_source_text(mention.range.clone());
                        if let Some(view) = &mut app.panels.source_view {
                            view.highlight = None;
                        }
                    }
                }
            });
    });
}

/// A reviewer's reliability grade of the open document (A–F), with who
/// graded it and when; saved to the reviews sidecar at once.
fn reliability_ui(app: &mut TiegraphApp, ui: &mut egui::Ui, document: &crate::model::Document) {
    use crate::model::Reliability;
    let reviews = app.session.reviews();
    let graded = reviews.reliability(&document.id);
    let mut chosen = graded;
    ui.horizontal(|ui| {
        egui::ComboBox::from_id_salt(("reliability", &document.id))
            .selected_text(chosen.map_or_else(
                || match document.reliability {
                    Some(r) => format!("{r} in the dataset"),
                    None => "not graded".to_string(),
                },
                |r| format!("{r}: {}", r.meaning()),
            ))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut chosen, None, "not graded (by you)");
                for letter in ["A", "B", "C", "D", "E", "F"] {
                    let grade = Reliability::parse(letter);
                    let text = grade.map_or(String::new(), |g| format!("{g}: {}", g.meaning()));
                    ui.selectable_value(&mut chosen, grade, text);
                }
            })
            .response
            .on_hover_text(
                "Source reliability (Admiralty A–F), as you grade it; saved with the reviews",
            );
        ui.label("Reliability");
        if let Some(grade) = reviews.documents.get(&document.id) {
            ui.weak(format!(
                "by {} {}",
                grade.reviewer.as_deref().unwrap_or("someone"),
                grade.time.as_deref().unwrap_or("")
            ));
        }
    });
    if chosen != graded {
        app.grade_reliability(&document.id, chosen);
    }
}
