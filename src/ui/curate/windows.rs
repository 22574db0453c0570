//! The curation windows: the claim form (new claim or one more evidence
//! item from a selected passage, with fuzzy pickers and new entities
//! inline), the document form, and the entity and claim forms of the
//! inspector. Each builds what the user typed into its form state; the
//! edits themselves are made by the app (`super`).

use eframe::egui;

use super::{ClaimForm, EntityChoice, NewEntityFields};
use crate::curate::Edit;
use crate::ui::TiegraphApp;
use crate::ui::panels::labelled_text;
use crate::ui::state::Selection;

impl TiegraphApp {
    // ── the windows ──

    pub(crate) fn curation_windows_ui(&mut self, ctx: &egui::Context) {
        self.claim_window(ctx);
        self.document_window(ctx);
        self.entity_window(ctx);
        self.claim_edit_window(ctx);
    }

    fn claim_window(&mut self, ctx: &egui::Context) {
        let Some(mut form) = self.dialogs.curation.claim.take() else {
            return;
        };
        let mut open = true;
        let mut submit = false;
        let title = if form.attach_to.is_some() {
            "Add the passage as evidence"
        } else {
            "New claim from the passage"
        };
        egui::Window::new(title)
            .open(&mut open)
            .default_width(460.0)
            .show(ctx, |ui| {
                ui.label(format!(
                    "Quote from `{}` (bytes {}–{}):",
                    form.evidence.document,
                    form.evidence.start.unwrap_or(0),
                    form.evidence.start.unwrap_or(0) + form.evidence.quote.len()
                ));
                ui.label(egui::RichText::new(format!("“{}”", form.evidence.quote)).italics());
                ui.separator();
                match &mut form.attach_to {
                    Some(claim) => {
                        labelled_text(ui, "Claim id", claim, "the claim this passage also states");
                    }
                    None => {
                        self.entity_choice_ui(ui, "From", &mut form.from);
                        self.relation_ui(ui, &mut form.relation);
                        self.entity_choice_ui(ui, "To", &mut form.to);
                        form.date.ui(ui, "Date");
                        labelled_text(ui, "Note", &mut form.note, "vagueness, context");
                        if let Some(warning) = self.unusual_warning(&form) {
                            ui.colored_label(ui.visuals().warn_fg_color, warning);
                        }
                    }
                }
                labelled_text(
                    ui,
                    "According to",
                    &mut form.according_to,
                    "who makes the claim, where the text says",
                );
                labelled_text(
                    ui,
                    "Relayed from",
                    &mut form.relayed_from,
                    "the outlet this passage only relays",
                );
                if let Some(error) = &form.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                if ui.button("Write claim").clicked() {
                    submit = true;
                }
            });
        if open {
            self.dialogs.curation.claim = Some(form);
        }
        if submit {
            self.submit_claim_form();
        }
    }

    /// The unusual-relation warning for the form as filled so far.
    fn unusual_warning(&self, form: &ClaimForm) -> Option<String> {
        let dataset = self.session.graph.dataset();
        let kind_of = |choice: &EntityChoice| {
            if let Some(new) = &choice.new {
                return dataset.vocabulary.find_kind(new.kind.trim());
            }
            let id = choice.chosen.clone().or_else(|| {
                match self.session.graph.find_all(choice.text.trim()).as_slice() {
                    [one] => Some(self.session.graph.node(*one).id.clone()),
                    _ => None,
                }
            })?;
            self.session
                .graph
                .node_index(&id)
                .map(|n| self.session.graph.node(n).kind)
        };
        let relation = dataset.vocabulary.find_relation(form.relation.trim())?;
        crate::curate::unusual::unusual(dataset, kind_of(&form.from)?, relation, kind_of(&form.to)?)
    }

    /// A fuzzy picker over names and aliases, or a new entity inline.
    fn entity_choice_ui(&self, ui: &mut egui::Ui, label: &str, choice: &mut EntityChoice) {
        ui.group(|ui| {
            let response = labelled_text(ui, label, &mut choice.text, "name or alias");
            if response.changed() {
                choice.chosen = None;
            }
            if choice.new.is_none() && choice.chosen.is_none() && !choice.text.trim().is_empty() {
                let graph = &self.session.graph;
                for index in crate::query::search::fuzzy_find(graph, &choice.text, None, 6) {
                    let node = graph.node(index);
                    let shown = format!("{} ({}, {})", node.label, node.kind, node.id);
                    if ui.selectable_label(false, shown).clicked() {
                        choice.chosen = Some(node.id.clone());
                        choice.text = node.label.clone();
                    }
                }
            }
            if let Some(id) = &choice.chosen {
                ui.weak(format!("entity {id}"));
            }
            let mut making = choice.new.is_some();
            if ui
                .checkbox(&mut making, format!("{label}: new entity…"))
                .changed()
            {
                choice.new = making.then(|| NewEntityFields {
                    label: choice.text.trim().to_string(),
                    ..NewEntityFields::default()
                });
            }
            if let Some(new) = &mut choice.new {
                let vocabulary = &self.session.graph.dataset().vocabulary;
                egui::ComboBox::from_label(format!("{label} kind"))
                    .selected_text(if new.kind.is_empty() {
                        "choose…"
                    } else {
                        new.kind.as_str()
                    })
                    .show_ui(ui, |ui| {
                        for definition in &vocabulary.kinds {
                            let kind = definition.kind.as_str();
                            ui.selectable_value(&mut new.kind, kind.to_string(), kind)
                                .on_hover_text(&definition.meaning);
                        }
                    });
                labelled_text(
                    ui,
                    &format!("{label} label"),
                    &mut new.label,
                    "display name",
                );
                ui.horizontal(|ui| {
                    let caption = ui.label(format!("{label} aliases"));
                    ui.add(
                        egui::TextEdit::multiline(&mut new.aliases)
                            .desired_rows(2)
                            .hint_text("one per line"),
                    )
                    .labelled_by(caption.id);
                });
                ui.checkbox(&mut new.homonym, "a different entity with the same name");
            }
        });
    }

    fn relation_ui(&self, ui: &mut egui::Ui, relation: &mut String) {
        let vocabulary = &self.session.graph.dataset().vocabulary;
        egui::ComboBox::from_label("Relation")
            .selected_text(if relation.is_empty() {
                "choose…"
            } else {
                relation.as_str()
            })
            .show_ui(ui, |ui| {
                for definition in &vocabulary.relations {
                    let word = definition.relation.as_str();
                    ui.selectable_value(relation, word.to_string(), word)
                        .on_hover_text(&definition.meaning);
                }
            });
    }

    fn document_window(&mut self, ctx: &egui::Context) {
        let Some(mut form) = self.dialogs.curation.document.take() else {
            return;
        };
        let mut open = true;
        let mut submit = false;
        let mut choose = false;
        egui::Window::new("Add a document")
            .open(&mut open)
            .default_width(480.0)
            .show(ctx, |ui| {
                ui.label("The text is copied unchanged into the dataset's sources/ folder.");
                labelled_text(
                    ui,
                    "Text file",
                    &mut form.file,
                    "path of a .txt or .md file",
                );
                if ui.button("Choose a file…").clicked() {
                    choose = true;
                }
                ui.horizontal(|ui| {
                    let caption = ui.label("Or paste the text");
                    ui.add(
                        egui::TextEdit::multiline(&mut form.pasted)
                            .desired_rows(3)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(caption.id);
                });
                let before = crate::curate::ids::slug(&form.title, "document");
                if labelled_text(ui, "Title", &mut form.title, "as the text gives it").changed()
                    && (form.id.is_empty() || form.id == before)
                {
                    form.id = crate::curate::ids::slug(&form.title, "document");
                }
                labelled_text(
                    ui,
                    "Publisher",
                    &mut form.publisher,
                    "only if the text names it",
                );
                form.published.ui(ui, "Published");
                labelled_text(ui, "Id", &mut form.id, "suggested from the title");
                labelled_text(ui, "Document note", &mut form.note, "");
                if let Some(error) = &form.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                if ui.button("Add document").clicked() {
                    submit = true;
                }
            });
        if open {
            self.dialogs.curation.document = Some(form);
        }
        if choose {
            self.request_file(crate::ui::FileAction::PickDocument, ctx);
        }
        if submit {
            self.submit_document_form();
        }
    }

    fn entity_window(&mut self, ctx: &egui::Context) {
        let Some(mut form) = self.dialogs.curation.entity.take() else {
            return;
        };
        let mut open = true;
        let (mut save, mut merge) = (false, false);
        egui::Window::new(format!("Edit entity {}", form.original.id))
            .open(&mut open)
            .default_width(420.0)
            .show(ctx, |ui| {
                let vocabulary = &self.session.graph.dataset().vocabulary;
                egui::ComboBox::from_label("Kind")
                    .selected_text(form.kind.as_str())
                    .show_ui(ui, |ui| {
                        for definition in &vocabulary.kinds {
                            let kind = definition.kind.as_str();
                            ui.selectable_value(&mut form.kind, kind.to_string(), kind);
                        }
                    });
                labelled_text(ui, "Label", &mut form.label, "display name");
                ui.horizontal(|ui| {
                    let caption = ui.label("Aliases");
                    ui.add(
                        egui::TextEdit::multiline(&mut form.aliases)
                            .desired_rows(3)
                            .hint_text("one per line"),
                    )
                    .labelled_by(caption.id);
                });
                form.date.ui(ui, "Date");
                labelled_text(ui, "Entity note", &mut form.note, "");
                if ui.button("Save entity").clicked() {
                    save = true;
                }
                ui.separator();
                labelled_text(
                    ui,
                    "Merge into",
                    &mut form.merge_into,
                    "the entity that stays",
                );
                if ui
                    .button("Merge")
                    .on_hover_text("This entity becomes an alias of the other; its claims follow")
                    .clicked()
                {
                    merge = true;
                }
                if let Some(error) = &form.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
            });
        let target = form.merge_into.clone();
        let node = self.session.graph.node_index(&form.original.id);
        if open {
            self.dialogs.curation.entity = Some(form);
        }
        if save {
            self.submit_entity_form();
        } else if merge && let Some(node) = node {
            self.selection = Selection::Node(node);
            match self.merge_selected_into(&target) {
                Ok(()) => self.dialogs.curation.entity = None,
                Err(error) => {
                    if let Some(open) = &mut self.dialogs.curation.entity {
                        open.error = Some(error);
                    }
                }
            }
        }
    }

    fn claim_edit_window(&mut self, ctx: &egui::Context) {
        let Some(mut form) = self.dialogs.curation.claim_edit.take() else {
            return;
        };
        let mut open = true;
        let (mut save, mut conflict) = (false, false);
        egui::Window::new(format!("Edit claim {}", form.original.id))
            .open(&mut open)
            .default_width(440.0)
            .show(ctx, |ui| {
                self.relation_ui(ui, &mut form.relation);
                form.date.ui(ui, "Date");
                labelled_text(ui, "Claim note", &mut form.note, "");
                if ui.button("Save claim").clicked() {
                    save = true;
                }
                ui.separator();
                labelled_text(
                    ui,
                    "Conflicts with",
                    &mut form.conflict_with,
                    "another claim's id",
                );
                labelled_text(
                    ui,
                    "Conflict description",
                    &mut form.conflict_description,
                    "what the sources disagree on",
                );
                if ui.button("Mark as a conflict").clicked() {
                    conflict = true;
                }
                if let Some(error) = &form.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
            });
        let result = if save {
            Some(self.submit_claim_edit(&form))
        } else if conflict {
            Some(self.apply_edit(Edit::MarkConflict {
                claims: vec![
                    form.original.id.clone(),
                    form.conflict_with.trim().to_string(),
                ],
                description: form.conflict_description.clone(),
            }))
        } else {
            None
        };
        match result {
            Some(Ok(_)) => {}
            Some(Err(error)) => {
                form.error = Some(error);
                self.dialogs.curation.claim_edit = Some(form);
            }
            None if open => self.dialogs.curation.claim_edit = Some(form),
            None => {}
        }
    }
}
