//! Curation in the window: the forms that turn a selected passage into a
//! claim (or one more evidence item), add a document, edit, delete and
//! merge entities, edit claims and mark conflicts, and what the app does
//! with them. Every form builds a [`crate::curate::Edit`]; the session
//! writes it at once (validated, atomic, locked) and keeps it undoable.
//! A refused edit leaves the form open with the reason and the graph as it
//! was. The form state and what the app does with it are here; the
//! windows that show the forms are in `windows`.

use std::ops::Range;
use std::path::Path;

use eframe::egui;
use petgraph::stable_graph::NodeIndex;

mod windows;

use super::TiegraphApp;
use super::panels::labelled_text;
use super::state::Selection;
use crate::curate::{
    ClaimFields, CurateError, Edit, NewClaim, NewDocument, NewEntity, NewEvidence, copy,
};
use crate::model::{Attributes, DateSpec, Node};
use crate::text::with_causes;

/// A date typed in a form, with how sure it is.
#[derive(Clone, Debug, Default)]
pub(crate) struct DateFields {
    pub(crate) value: String,
    pub(crate) approximate: bool,
    pub(crate) inferred: bool,
    pub(crate) note: String,
}

impl DateFields {
    fn of(date: Option<&DateSpec>) -> Self {
        match date {
            None => DateFields::default(),
            Some(date) => DateFields {
                value: DateSpec {
                    approximate: false,
                    inferred: false,
                    note: None,
                    ..date.clone()
                }
                .to_string(),
                approximate: date.approximate,
                inferred: date.inferred,
                note: date.note.clone().unwrap_or_default(),
            },
        }
    }

    /// The date, `None` when the field is empty, or why it is not a date.
    fn spec(&self) -> Result<Option<DateSpec>, String> {
        let value = self.value.trim();
        if value.is_empty() {
            return Ok(None);
        }
        let date = DateSpec::parse_value(value)
            .map_err(|error| format!("the date `{value}` is not a date: {error}"))?;
        Ok(Some(DateSpec {
            approximate: self.approximate,
            inferred: self.inferred,
            note: optional(&self.note),
            ..date
        }))
    }

    fn ui(&mut self, ui: &mut egui::Ui, label: &str) {
        labelled_text(
            ui,
            label,
            &mut self.value,
            "YYYY, YYYY-MM, YYYY-MM-DD or START/END",
        );
        if !self.value.trim().is_empty() {
            ui.horizontal(|ui| {
                ui.checkbox(&mut self.approximate, "approximate");
                ui.checkbox(&mut self.inferred, "inferred (not stated)");
            });
            labelled_text(ui, "Date note", &mut self.note, "where the date comes from");
        }
    }
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// One end of a new claim: an entity picked by name, or a new one.
#[derive(Clone, Debug, Default)]
pub(crate) struct EntityChoice {
    pub(crate) text: String,
    /// The entity picked from the list (its id).
    pub(crate) chosen: Option<String>,
    /// A new entity, made with the claim.
    pub(crate) new: Option<NewEntityFields>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct NewEntityFields {
    pub(crate) kind: String,
    pub(crate) label: String,
    /// One per line.
    pub(crate) aliases: String,
    pub(crate) homonym: bool,
}

impl NewEntityFields {
    fn entity(&self, app: &TiegraphApp, taken: &[String]) -> Result<NewEntity, String> {
        let vocabulary = &app.session.graph.dataset().vocabulary;
        let kind = vocabulary
            .find_kind(self.kind.trim())
            .ok_or_else(|| format!("choose a kind for the new entity “{}”", self.label))?;
        let label = self.label.trim();
        if label.is_empty() {
            return Err("the new entity needs a label".into());
        }
        let graph = &app.session.graph;
        let id = crate::curate::ids::unique(&crate::curate::ids::slug(label, "entity"), |id| {
            graph.node_index(id).is_some() || taken.iter().any(|t| t == id)
        });
        Ok(NewEntity {
            id: Some(id),
            aliases: lines(&self.aliases),
            homonym: self.homonym,
            ..NewEntity::named(kind, label)
        })
    }
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The claim form: a new claim from a passage, or the passage as one more
/// evidence item of an existing claim.
#[derive(Clone, Debug)]
pub(crate) struct ClaimForm {
    pub(crate) evidence: NewEvidence,
    /// Add the passage to this claim (its id) instead of making one.
    pub(crate) attach_to: Option<String>,
    pub(crate) from: EntityChoice,
    pub(crate) relation: String,
    pub(crate) to: EntityChoice,
    pub(crate) date: DateFields,
    pub(crate) according_to: String,
    pub(crate) relayed_from: String,
    pub(crate) note: String,
    pub(crate) error: Option<String>,
}

/// The form that adds a document.
#[derive(Clone, Debug, Default)]
pub(crate) struct DocumentForm {
    /// A .txt or .md file to copy.
    pub(crate) file: String,
    /// Or the text itself, pasted.
    pub(crate) pasted: String,
    pub(crate) title: String,
    pub(crate) publisher: String,
    pub(crate) published: DateFields,
    pub(crate) id: String,
    pub(crate) note: String,
    pub(crate) error: Option<String>,
}

/// Editing an entity.
#[derive(Clone, Debug)]
pub(crate) struct EntityForm {
    pub(crate) original: Node,
    pub(crate) kind: String,
    pub(crate) label: String,
    pub(crate) aliases: String,
    pub(crate) date: DateFields,
    pub(crate) note: String,
    /// Merge into this entity (a name).
    pub(crate) merge_into: String,
    pub(crate) error: Option<String>,
}

/// Editing a claim: its relation, date and note, and marking a conflict.
#[derive(Clone, Debug)]
pub(crate) struct ClaimEditForm {
    /// The claim as the form opened on it (its id says which).
    pub(crate) original: crate::model::Claim,
    pub(crate) relation: String,
    pub(crate) date: DateFields,
    pub(crate) note: String,
    /// Another claim's id, for "mark as a conflict".
    pub(crate) conflict_with: String,
    pub(crate) conflict_description: String,
    pub(crate) error: Option<String>,
}

/// The curation windows open.
#[derive(Default)]
pub(crate) struct Curation {
    pub(crate) claim: Option<ClaimForm>,
    pub(crate) document: Option<DocumentForm>,
    pub(crate) entity: Option<EntityForm>,
    pub(crate) claim_edit: Option<ClaimEditForm>,
    /// The dataset changed on disk: offer to read it again.
    pub(crate) reload_offer: bool,
}

impl TiegraphApp {
    // ── edits ──

    /// Writes an edit to the dataset file and shows the result: the
    /// selection kept (by id), what was made selected, warnings in the
    /// status bar. A refusal is returned (and said) with nothing changed.
    pub fn apply_edit(&mut self, edit: Edit) -> Result<Vec<String>, String> {
        let kept = self.selection_ids();
        match self.session.apply_edit(&edit) {
            Ok(applied) => {
                self.data_changed(kept);
                let mut message = format!("{} — written.", capitalised(&applied.summary));
                for warning in &applied.warnings {
                    message.push_str(&format!(" Warning: {warning}."));
                }
                self.dialogs.message = Some(message);
                Ok(applied.created)
            }
            Err(error) => {
                let text = with_causes(&error);
                self.dialogs.curation.reload_offer =
                    matches!(error, CurateError::ChangedOnDisk { .. });
                self.dialogs.message = Some(format!("Not written: {text}"));
                Err(text)
            }
        }
    }

    /// The selection as ids, to find again in a rebuilt graph.
    fn selection_ids(&self) -> (Option<String>, Option<String>) {
        let graph = &self.session.graph;
        match self.selection {
            Selection::Node(node) => (Some(graph.node(node).id.clone()), None),
            Selection::Claim(edge) => (None, Some(graph.claim(edge).id.clone())),
            Selection::Pair(a, _) => (Some(graph.node(a).id.clone()), None),
            Selection::None => (None, None),
        }
    }

    /// After the dataset changed: the selection found again by id, the
    /// source viewer's lists redone, the canvas's cache dropped.
    pub(crate) fn data_changed(&mut self, (node, claim): (Option<String>, Option<String>)) {
        let graph = &self.session.graph;
        self.selection = if let Some(edge) = claim.as_deref().and_then(|c| graph.claim_index(c)) {
            Selection::Claim(edge)
        } else if let Some(index) = node.as_deref().and_then(|n| graph.node_index(n)) {
            Selection::Node(index)
        } else {
            Selection::None
        };
        self.panels.search_hits.clear();
        self.panels.statistics.forget();
        self.canvas.forget_cache();
        // Taken, so that its supported claims and mentions are found anew.
        if let Some(view) = self.panels.source_view.take()
            && self.session.graph.document(&view.document).is_some()
        {
            self.show_source(&view.document, view.highlight);
        }
    }

    pub fn undo(&mut self) {
        let kept = self.selection_ids();
        match self.session.undo() {
            Ok(Some(message)) => {
                self.data_changed(kept);
                self.dialogs.message = Some(message);
            }
            Ok(None) => {}
            Err(error) => self.show_error("Cannot undo", &error),
        }
    }

    pub fn redo(&mut self) {
        let kept = self.selection_ids();
        match self.session.redo() {
            Ok(Some(message)) => {
                self.data_changed(kept);
                self.dialogs.message = Some(message);
            }
            Ok(None) => {}
            Err(error) => self.show_error("Cannot redo", &error),
        }
    }

    /// Reads the dataset file again, after someone else changed it.
    pub fn reload_dataset(&mut self) {
        let kept = self.selection_ids();
        self.dialogs.curation.reload_offer = false;
        match self.session.reload_dataset() {
            Ok(()) => {
                self.data_changed(kept);
                self.dialogs.message = Some("Reloaded the dataset from disk.".into());
            }
            Err(error) => self.show_error("Cannot reload", &error),
        }
    }

    /// Writes an editable copy of the open dataset into `folder` (the
    /// embedded dataset byte for byte, any other as TOML) and opens it.
    pub fn save_copy_to(&mut self, folder: &Path) {
        let written = match self.session.origin.file() {
            None => copy::embedded(folder),
            Some(path) => {
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| "dataset".into());
                copy::dataset(
                    self.session.graph.dataset(),
                    folder,
                    &format!("{stem}.toml"),
                )
            }
        };
        match written {
            Ok(path) => {
                self.open_path(&path);
                self.dialogs.message = Some(format!(
                    "Saved a copy to edit: {}. Edits are written to it at once.",
                    path.display()
                ));
            }
            Err(error) => self.show_error("Not saved", &error),
        }
    }

    /// Says why the open dataset cannot be edited, if it cannot.
    fn refuse_if_read_only(&mut self) -> bool {
        match self.session.editable() {
            Ok(()) => false,
            Err(error) => {
                self.dialogs.message = Some(with_causes(&error));
                true
            }
        }
    }

    // ── the source viewer's selection ──

    /// Selects a passage of the open document (bytes), as a drag in the
    /// source viewer does.
    pub fn select_source_text(&mut self, range: Range<usize>) {
        let Some(view) = &mut self.panels.source_view else {
            return;
        };
        // Only a passage of the text (on character boundaries) is kept.
        let valid = self
            .session
            .graph
            .document(&view.document)
            .is_some_and(|d| d.text.get(range.clone()).is_some());
        view.selection = valid.then_some(range);
        view.push_selection = true;
    }

    /// Opens the claim form on the selected passage: a new claim, or
    /// (`attach`) one more evidence item of the selected claim.
    pub fn claim_from_selection(&mut self, attach: bool) {
        if self.refuse_if_read_only() {
            return;
        }
        let Some(view) = &self.panels.source_view else {
            return;
        };
        let Some(document) = self.session.graph.document(&view.document) else {
            return;
        };
        let range = view.selection.clone().unwrap_or(0..0);
        let evidence = match NewEvidence::from_selection(&document.id, &document.text, range) {
            Ok(evidence) => evidence,
            Err(error) => {
                self.dialogs.message = Some(error.to_string());
                return;
            }
        };
        let attach_to = match (attach, self.selection) {
            (true, Selection::Claim(edge)) => Some(self.session.graph.claim(edge).id.clone()),
            (true, _) => Some(String::new()),
            (false, _) => None,
        };
        self.dialogs.curation.claim = Some(ClaimForm {
            evidence,
            attach_to,
            from: EntityChoice::default(),
            relation: String::new(),
            to: EntityChoice::default(),
            date: DateFields::default(),
            according_to: String::new(),
            relayed_from: String::new(),
            note: String::new(),
            error: None,
        });
    }

    /// Writes the claim form; on success the new claim is selected with its
    /// quote highlighted in the source viewer.
    pub fn submit_claim_form(&mut self) {
        let Some(form) = self.dialogs.curation.claim.clone() else {
            return;
        };
        let edit = match self.claim_edit_of(&form) {
            Ok(edit) => edit,
            Err(error) => {
                if let Some(open) = &mut self.dialogs.curation.claim {
                    open.error = Some(error);
                }
                return;
            }
        };
        match self.apply_edit(edit) {
            Ok(created) => {
                self.dialogs.curation.claim = None;
                let claim = form.attach_to.clone().or_else(|| created.last().cloned());
                if let Some(edge) = claim.and_then(|id| self.session.graph.claim_index(&id)) {
                    self.select_claim(edge);
                    let evidence = self
                        .session
                        .graph
                        .claim(edge)
                        .evidence
                        .iter()
                        .find(|e| {
                            e.document == form.evidence.document
                                && Some(e.start) == form.evidence.start
                        })
                        .cloned();
                    if let Some(evidence) = evidence {
                        self.show_source(&evidence.document, Some((evidence.start, evidence.end)));
                    }
                }
            }
            Err(error) => {
                if let Some(open) = &mut self.dialogs.curation.claim {
                    open.error = Some(error);
                }
            }
        }
    }

    fn claim_edit_of(&self, form: &ClaimForm) -> Result<Edit, String> {
        let mut evidence = form.evidence.clone();
        evidence.according_to = optional(&form.according_to);
        evidence.relayed_from = optional(&form.relayed_from);
        if let Some(claim) = &form.attach_to {
            let claim = claim.trim();
            if self.session.graph.claim_index(claim).is_none() {
                return Err(format!(
                    "choose the claim to add the passage to (no claim `{claim}`)"
                ));
            }
            return Ok(Edit::AddEvidence {
                claim: claim.to_string(),
                evidence,
            });
        }
        let mut new_entities = Vec::new();
        let mut taken = Vec::new();
        let mut end = |choice: &EntityChoice, side: &str| -> Result<String, String> {
            if let Some(fields) = &choice.new {
                let entity = fields.entity(self, &taken)?;
                let id = entity.id.clone().unwrap_or_default();
                taken.push(id.clone());
                new_entities.push(entity);
                return Ok(id);
            }
            if let Some(id) = &choice.chosen {
                return Ok(id.clone());
            }
            match self.session.graph.find_all(choice.text.trim()).as_slice() {
                [one] => Ok(self.session.graph.node(*one).id.clone()),
                [] => Err(format!(
                    "choose the entity the claim goes {side} (no entity “{}”), or make a new one",
                    choice.text.trim()
                )),
                _ => Err(format!(
                    "“{}” names several entities: pick one from the list",
                    choice.text.trim()
                )),
            }
        };
        let from = end(&form.from, "from")?;
        let to = end(&form.to, "to")?;
        let relation = self
            .session
            .graph
            .dataset()
            .vocabulary
            .find_relation(form.relation.trim())
            .ok_or_else(|| "choose a relation".to_string())?;
        Ok(Edit::AddClaim {
            claim: NewClaim {
                id: None,
                from,
                relation,
                to,
                date: form.date.spec()?,
                attributes: Attributes::new(),
                note: optional(&form.note),
                evidence,
            },
            new_entities,
        })
    }

    // ── documents ──

    /// Opens the form that adds a document.
    pub fn add_document_form(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        self.dialogs.curation.document = Some(DocumentForm {
            publisher: "unknown".into(),
            ..DocumentForm::default()
        });
    }

    /// Writes the document form: the file (or pasted text) copied into
    /// `sources/`, the document added, and opened in the source viewer.
    pub fn submit_document_form(&mut self) {
        let Some(form) = self.dialogs.curation.document.clone() else {
            return;
        };
        let result = (|| -> Result<Edit, String> {
            let file = form.file.trim();
            let (file_name, text) = if file.is_empty() {
                if form.pasted.trim().is_empty() {
                    return Err("choose a .txt or .md file, or paste the text".into());
                }
                (String::new(), form.pasted.clone())
            } else {
                let path = Path::new(file);
                let bytes =
                    std::fs::read(path).map_err(|error| format!("cannot read {file}: {error}"))?;
                let text = String::from_utf8(bytes).map_err(|error| {
                    format!(
                        "{file} is not UTF-8 text (invalid byte at offset {})",
                        error.utf8_error().valid_up_to()
                    )
                })?;
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                (name, text)
            };
            Ok(Edit::AddDocument(NewDocument {
                id: optional(&form.id),
                title: form.title.clone(),
                publisher: form.publisher.clone(),
                published: form.published.spec()?,
                file_name,
                text,
                note: optional(&form.note),
            }))
        })();
        let outcome = result.and_then(|edit| self.apply_edit(edit));
        match outcome {
            Ok(created) => {
                self.dialogs.curation.document = None;
                if let Some(id) = created.first() {
                    self.show_source(id, None);
                }
            }
            Err(error) => {
                if let Some(open) = &mut self.dialogs.curation.document {
                    open.error = Some(error);
                }
            }
        }
    }

    // ── entities and claims from the inspector ──

    /// Opens the entity form on an entity.
    pub fn edit_entity(&mut self, node: NodeIndex) {
        if self.refuse_if_read_only() {
            return;
        }
        let entity = self.session.graph.node(node).clone();
        self.dialogs.curation.entity = Some(EntityForm {
            kind: entity.kind.to_string(),
            label: entity.label.clone(),
            aliases: entity.aliases.join("\n"),
            date: DateFields::of(entity.date.as_ref()),
            note: entity.note.clone().unwrap_or_default(),
            merge_into: String::new(),
            error: None,
            original: entity,
        });
    }

    fn submit_entity_form(&mut self) {
        let Some(form) = self.dialogs.curation.entity.clone() else {
            return;
        };
        let result = (|| -> Result<Edit, String> {
            // Someone else's change since the form opened is never undone.
            let current = self
                .session
                .graph
                .node_index(&form.original.id)
                .map(|n| self.session.graph.node(n).clone());
            if current.as_ref() != Some(&form.original) {
                return Err(format!(
                    "entity `{}` changed since this form was opened: close the form and open it again",
                    form.original.id
                ));
            }
            let kind = self
                .session
                .graph
                .dataset()
                .vocabulary
                .find_kind(form.kind.trim())
                .ok_or_else(|| format!("unknown kind `{}`", form.kind.trim()))?;
            Ok(Edit::UpdateEntity(Node {
                kind,
                label: form.label.trim().to_string(),
                aliases: lines(&form.aliases),
                date: form.date.spec()?,
                note: optional(&form.note),
                ..form.original.clone()
            }))
        })();
        self.finish_entity_form(result);
    }

    fn finish_entity_form(&mut self, edit: Result<Edit, String>) {
        match edit.and_then(|edit| self.apply_edit(edit)) {
            Ok(_) => self.dialogs.curation.entity = None,
            Err(error) => {
                if let Some(open) = &mut self.dialogs.curation.entity {
                    open.error = Some(error);
                }
            }
        }
    }

    /// Merges the selected entity into the one named `keep` (by id, name or
    /// alias): the selected one becomes an alias of it.
    pub fn merge_selected_into(&mut self, keep: &str) -> Result<(), String> {
        let Selection::Node(node) = self.selection else {
            return Err("select the entity to merge".into());
        };
        let graph = &self.session.graph;
        let other = graph.node(node).id.clone();
        let keep = match crate::query::resolve(graph, keep.trim()) {
            Ok(index) => graph.node(index).id.clone(),
            Err(error) => return Err(error.to_string()),
        };
        self.apply_edit(Edit::MergeEntities {
            keep: keep.clone(),
            other,
        })?;
        if let Some(index) = self.session.graph.node_index(&keep) {
            self.selection = Selection::Node(index);
        }
        Ok(())
    }

    /// Deletes the selected entity (with its claims) or claim.
    pub fn delete_selected(&mut self) {
        let graph = &self.session.graph;
        let edit = match self.selection {
            Selection::Node(node) => Edit::DeleteEntity {
                id: graph.node(node).id.clone(),
            },
            Selection::Claim(edge) => Edit::DeleteClaim {
                id: graph.claim(edge).id.clone(),
            },
            _ => return,
        };
        if self.apply_edit(edit).is_ok() {
            self.selection = Selection::None;
            self.dialogs.curation.entity = None;
            self.dialogs.curation.claim_edit = None;
        }
    }

    /// Opens the claim form for the selected claim.
    pub fn edit_claim(&mut self, edge: petgraph::stable_graph::EdgeIndex) {
        if self.refuse_if_read_only() {
            return;
        }
        let claim = self.session.graph.claim(edge).clone();
        self.dialogs.curation.claim_edit = Some(ClaimEditForm {
            original: claim.clone(),
            relation: claim.relation.to_string(),
            date: DateFields::of(claim.date.as_ref()),
            note: claim.note.clone().unwrap_or_default(),
            conflict_with: String::new(),
            conflict_description: String::new(),
            error: None,
        });
    }

    fn submit_claim_edit(&mut self, form: &ClaimEditForm) -> Result<Vec<String>, String> {
        let current = self
            .session
            .graph
            .claim_index(&form.original.id)
            .map(|e| self.session.graph.claim(e));
        if current != Some(&form.original) {
            return Err(format!(
                "claim `{}` changed since this form was opened: close the form and open it again",
                form.original.id
            ));
        }
        let relation = self
            .session
            .graph
            .dataset()
            .vocabulary
            .find_relation(form.relation.trim())
            .ok_or_else(|| format!("unknown relation `{}`", form.relation.trim()))?;
        self.apply_edit(Edit::UpdateClaim {
            id: form.original.id.clone(),
            fields: ClaimFields {
                relation,
                date: form.date.spec()?,
                attributes: form.original.attributes.clone(),
                note: optional(&form.note),
            },
        })
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
