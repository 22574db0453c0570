//! The source viewer: a document with the selected quote highlighted and
//! scrolled into view, and the claims the document supports.

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
