//! One [`Edit`] applied to a dataset's TOML, parsed with `toml_edit`: the
//! tables and keys the edit touches change, every other byte (comments,
//! order, spacing, quoting) stays as it was.
//!
//! The loaded [`Dataset`] is the index into the file: its documents, nodes,
//! claims and conflicts are in file order, so the n-th claim is the n-th
//! `[[claims]]` table. A field is written only when its value changes, so
//! an edit's diff is as small as it can be.

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value, value};

use super::CurateError;
use super::edit::{ClaimFields, Edit, NewClaim, NewDocument, NewEntity, NewEvidence};
use super::ids::{slug, unique};
use crate::load::{NormalizedText, closest_passage, locate, locate_at, valid_claim_id, valid_id};
use crate::model::{Attributes, Claim, Dataset, DateSpec, Node};
use crate::text::fold;

/// Applies `edit` to `doc`, the TOML that `dataset` was loaded from.
/// Returns the ids of what it created (documents, entities, claims,
/// conflicts), for the caller to select or report.
pub(super) fn apply(
    doc: &mut DocumentMut,
    dataset: &Dataset,
    edit: &Edit,
    notes: &mut Vec<String>,
) -> Result<Vec<String>, CurateError> {
    let mut editor = Editor {
        doc,
        dataset,
        notes,
    };
    editor.check_shape()?;
    match edit {
        Edit::AddDocument(document) => editor.add_document(document).map(|id| vec![id]),
        Edit::AddEntity(entity) => editor.add_entity(entity, &[]).map(|id| vec![id]),
        Edit::AddClaim {
            claim,
            new_entities,
        } => editor.add_claim(claim, new_entities),
        Edit::AddEvidence { claim, evidence } => {
            editor.add_evidence(claim, evidence).map(|()| Vec::new())
        }
        Edit::UpdateEntity(fields) => editor.update_entity(fields).map(|()| Vec::new()),
        Edit::UpdateClaim { id, fields } => editor.update_claim(id, fields).map(|()| Vec::new()),
        Edit::DeleteEntity { id } => editor.delete_entity(id).map(|()| Vec::new()),
        Edit::DeleteClaim { id } => {
            let at = editor.claim_position(id)?;
            editor.delete_claims(vec![at]);
            Ok(Vec::new())
        }
        Edit::DeleteEvidence { claim, index } => {
            editor.delete_evidence(claim, *index).map(|()| Vec::new())
        }
        Edit::DeleteConflict { id } => editor.delete_conflict(id).map(|()| Vec::new()),
        Edit::MergeEntities { keep, other } => editor.merge(keep, other).map(|()| Vec::new()),
        Edit::MarkConflict {
            claims,
            description,
        } => editor.mark_conflict(claims, description).map(|id| vec![id]),
    }
}

struct Editor<'d> {
    doc: &'d mut DocumentMut,
    dataset: &'d Dataset,
    /// What the edit did besides what was asked (a conflict left with one
    /// claim goes too).
    notes: &'d mut Vec<String>,
}

impl Editor<'_> {
    /// The file's tables line up with the dataset's entries (each kind
    /// written as `[[…]]` tables, as tiegraph writes and edits them).
    fn check_shape(&self) -> Result<(), CurateError> {
        let counts = [
            ("documents", self.dataset.documents.len()),
            ("nodes", self.dataset.nodes.len()),
            ("claims", self.dataset.claims.len()),
            ("conflicts", self.dataset.conflicts.len()),
        ];
        for (key, expected) in counts {
            let found = match self.doc.get(key) {
                None => 0,
                Some(Item::ArrayOfTables(tables)) => tables.len(),
                Some(_) => return Err(CurateError::InlineArray(key)),
            };
            if found != expected {
                return Err(CurateError::InlineArray(key));
            }
        }
        Ok(())
    }

    /// The `[[key]]` tables, created (empty) when the file has none.
    fn tables(&mut self, key: &str) -> &mut ArrayOfTables {
        if self.doc.get(key).is_none() {
            self.doc
                .insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
        }
        self.doc[key]
            .as_array_of_tables_mut()
            .expect("checked by check_shape")
    }

    fn table(&mut self, key: &str, at: usize) -> &mut Table {
        self.tables(key)
            .get_mut(at)
            .expect("positions come from the dataset, which matches the file")
    }

    fn push(&mut self, key: &str, mut table: Table) {
        table.decor_mut().set_prefix("\n");
        self.tables(key).push(table);
    }

    fn entity_position(&self, id: &str) -> Result<usize, CurateError> {
        self.dataset
            .nodes
            .iter()
            .position(|n| n.id == id)
            .ok_or_else(|| CurateError::UnknownEntity(id.to_string()))
    }

    fn claim_position(&self, id: &str) -> Result<usize, CurateError> {
        self.dataset
            .claims
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| CurateError::UnknownClaim(id.to_string()))
    }

    fn entity_taken(&self, id: &str, also: &[String]) -> bool {
        self.dataset.nodes.iter().any(|n| n.id == id) || also.iter().any(|a| a == id)
    }

    /// Refuses a name (label or alias) another entity already goes by,
    /// naming it; `except` is the entity being edited.
    fn check_name(&self, name: &str, except: Option<&str>) -> Result<(), CurateError> {
        let folded = fold(name);
        let owner = self.dataset.nodes.iter().find(|node| {
            Some(node.id.as_str()) != except
                && (fold(&node.id) == folded
                    || fold(&node.label) == folded
                    || node.aliases.iter().any(|a| fold(a) == folded))
        });
        match owner {
            Some(node) => Err(CurateError::NameTaken {
                name: name.to_string(),
                other: node.id.clone(),
                other_label: node.label.clone(),
            }),
            None => Ok(()),
        }
    }

    fn add_document(&mut self, document: &NewDocument) -> Result<String, CurateError> {
        let title = document.title.trim();
        if title.is_empty() {
            return Err(CurateError::EmptyTitle);
        }
        let taken = |id: &str| self.dataset.documents.iter().any(|d| d.id == id);
        let id = match &document.id {
            Some(id) => checked_new_id(id, valid_id, taken)?,
            None => unique(&slug(title, "document"), taken),
        };
        let mut table = Table::new();
        table["id"] = value(&id);
        table["title"] = value(title);
        table["publisher"] = value(non_empty(&document.publisher).unwrap_or("unknown"));
        if let Some(date) = &document.published {
            table["published"] = date_item(date);
        }
        table["path"] = value(format!("sources/{}", document.file_name));
        if let Some(note) = document.note.as_deref().and_then(non_empty) {
            table["note"] = value(note);
        }
        self.push("documents", table);
        Ok(id)
    }

    /// Adds an entity; `also` holds ids created earlier in the same edit.
    fn add_entity(&mut self, entity: &NewEntity, also: &[String]) -> Result<String, CurateError> {
        let label = entity.label.trim();
        if label.is_empty() {
            return Err(CurateError::EmptyLabel);
        }
        if !entity.homonym {
            for name in std::iter::once(label).chain(entity.aliases.iter().map(|a| a.trim())) {
                self.check_name(name, None)?;
            }
        }
        let id = match &entity.id {
            Some(id) => checked_new_id(id, valid_id, |id| self.entity_taken(id, also))?,
            None => unique(&slug(label, "entity"), |id| self.entity_taken(id, also)),
        };
        let mut table = Table::new();
        table["id"] = value(&id);
        table["kind"] = value(entity.kind.as_str());
        table["label"] = value(label);
        let aliases = clean_names(&entity.aliases, label);
        if !aliases.is_empty() {
            table["aliases"] = value(Array::from_iter(aliases));
        }
        Details::new(&entity.date, &entity.attributes, &entity.note).write(&mut table);
        self.push("nodes", table);
        Ok(id)
    }

    fn add_claim(
        &mut self,
        claim: &NewClaim,
        new_entities: &[NewEntity],
    ) -> Result<Vec<String>, CurateError> {
        let mut created = Vec::new();
        for entity in new_entities {
            let id = self.add_entity(entity, &created)?;
            created.push(id);
        }
        for end in [&claim.from, &claim.to] {
            if !self.entity_taken(end, &created) {
                return Err(CurateError::UnknownEntity(end.clone()));
            }
        }
        let evidence = self.evidence_value(&claim.evidence)?;
        let default = Claim::default_id(&claim.from, claim.relation, &claim.to);
        let taken = |id: &str| self.dataset.claims.iter().any(|c| c.id == id);
        let id = match &claim.id {
            Some(id) => checked_new_id(id, valid_claim_id, taken)?,
            None => unique(&default, taken),
        };
        let mut table = Table::new();
        if id != default {
            table["id"] = value(&id);
        }
        table["from"] = value(&claim.from);
        table["relation"] = value(claim.relation.as_str());
        table["to"] = value(&claim.to);
        Details::new(&claim.date, &claim.attributes, &claim.note).write(&mut table);
        let mut items = Array::new();
        push_item(&mut items, evidence);
        table["evidence"] = value(items);
        self.push("claims", table);
        created.push(id);
        Ok(created)
    }

    /// An evidence item, checked against its document's text: a pinned
    /// passage must be that text at that place, a typed quote must be found.
    fn evidence_value(&self, evidence: &NewEvidence) -> Result<InlineTable, CurateError> {
        let document = self
            .dataset
            .documents
            .iter()
            .find(|d| d.id == evidence.document)
            .ok_or_else(|| CurateError::UnknownDocument(evidence.document.clone()))?;
        if document.text.is_empty() {
            return Err(CurateError::NoText(document.id.clone()));
        }
        let quote = evidence.quote.trim();
        if quote.is_empty() {
            return Err(CurateError::EmptySelection);
        }
        // As the loader finds quotes: blanks and typographic marks forgiven.
        let normalized = NormalizedText::new(&document.text);
        let found = match evidence.start {
            Some(start) => {
                locate_at(&normalized, quote, start).ok_or_else(|| CurateError::QuoteNotAt {
                    document: document.id.clone(),
                    start,
                    found_at: locate(&normalized, quote).map(|range| range.start),
                })
            }
            None => locate(&normalized, quote).ok_or_else(|| CurateError::QuoteNotFound {
                document: document.id.clone(),
                closest: closest_passage(&normalized, quote)
                    .map(|range| document.text[range].to_string()),
            }),
        };
        found?;
        let mut item = InlineTable::new();
        item.insert("doc", evidence.document.as_str().into());
        item.insert("quote", quote.into());
        if let Some(start) = evidence.start {
            item.insert("start", (start as i64).into());
        }
        if let Some(who) = evidence.according_to.as_deref().and_then(non_empty) {
            item.insert("according_to", who.into());
        }
        if let Some(outlet) = evidence.relayed_from.as_deref().and_then(non_empty) {
            item.insert("relayed_from", outlet.into());
        }
        Ok(item)
    }

    fn add_evidence(&mut self, claim: &str, evidence: &NewEvidence) -> Result<(), CurateError> {
        let at = self.claim_position(claim)?;
        let item = self.evidence_value(evidence)?;
        let table = self.table("claims", at);
        match table.get_mut("evidence") {
            Some(Item::Value(Value::Array(items))) => push_item(items, item),
            Some(Item::ArrayOfTables(tables)) => tables.push(item.into_table()),
            _ => {
                let mut items = Array::new();
                push_item(&mut items, item);
                table["evidence"] = value(items);
            }
        }
        Ok(())
    }

    fn update_entity(&mut self, fields: &Node) -> Result<(), CurateError> {
        let id = fields.id.as_str();
        let at = self.entity_position(id)?;
        let node = &self.dataset.nodes[at];
        let label = fields.label.trim();
        if label.is_empty() {
            return Err(CurateError::EmptyLabel);
        }
        let aliases = clean_names(&fields.aliases, label);
        // A name it did not have before may not be another entity's.
        let had = |name: &str| {
            fold(&node.label) == fold(name) || node.aliases.iter().any(|a| fold(a) == fold(name))
        };
        for name in std::iter::once(label).chain(aliases.iter().map(String::as_str)) {
            if !had(name) {
                self.check_name(name, Some(id))?;
            }
        }
        let node = node.clone();
        let table = self.table("nodes", at);
        if fields.kind != node.kind {
            table["kind"] = value(fields.kind.as_str());
        }
        if label != node.label {
            table["label"] = value(label);
        }
        if aliases != node.aliases {
            set_or_remove(
                table,
                "aliases",
                (!aliases.is_empty()).then(|| value(Array::from_iter(aliases))),
            );
        }
        Details::new(&fields.date, &fields.attributes, &fields.note).update(
            table,
            &Details::new(&node.date, &node.attributes, &node.note),
        );
        Ok(())
    }

    fn update_claim(&mut self, id: &str, fields: &ClaimFields) -> Result<(), CurateError> {
        let at = self.claim_position(id)?;
        let claim = self.dataset.claims[at].clone();
        let table = self.table("claims", at);
        if fields.relation != claim.relation {
            // A default id would change with the relation: written out, the
            // claim keeps its id and its reviews.
            if table.get("id").is_none() {
                set_first(table, "id", value(&claim.id));
            }
            table["relation"] = value(fields.relation.as_str());
        }
        Details::new(&fields.date, &fields.attributes, &fields.note).update(
            table,
            &Details::new(&claim.date, &claim.attributes, &claim.note),
        );
        Ok(())
    }

    fn delete_entity(&mut self, id: &str) -> Result<(), CurateError> {
        let at = self.entity_position(id)?;
        // Its claims first, from the last, so positions stay right.
        let claims: Vec<usize> = self
            .dataset
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.from == id || c.to == id)
            .map(|(position, _)| position)
            .collect();
        self.delete_claims(claims);
        self.tables("nodes").remove(at);
        Ok(())
    }

    /// Deletes the claims at `positions`; a conflict left with fewer than
    /// two claims is no conflict, and goes too (undo brings it back).
    fn delete_claims(&mut self, mut positions: Vec<usize>) {
        let dataset = self.dataset;
        for (conflict_at, conflict) in dataset.conflicts.iter().enumerate().rev() {
            let members: Vec<usize> = dataset
                .claims
                .iter()
                .enumerate()
                .filter(|(_, c)| c.conflict.as_deref() == Some(conflict.id.as_str()))
                .map(|(position, _)| position)
                .collect();
            let left: Vec<usize> = members
                .iter()
                .copied()
                .filter(|p| !positions.contains(p))
                .collect();
            if left.len() < members.len() && left.len() < 2 {
                for position in left {
                    self.table("claims", position).remove("conflict");
                }
                self.tables("conflicts").remove(conflict_at);
                self.notes.push(format!(
                    "conflict `{}` is gone too: it needs two claims",
                    conflict.id
                ));
            }
        }
        positions.sort_unstable();
        positions.dedup();
        for position in positions.into_iter().rev() {
            self.tables("claims").remove(position);
        }
    }

    fn delete_evidence(&mut self, claim: &str, index: usize) -> Result<(), CurateError> {
        let at = self.claim_position(claim)?;
        let count = self.dataset.claims[at].evidence.len();
        if index >= count {
            return Err(CurateError::NoSuchEvidence {
                claim: claim.to_string(),
                number: index.saturating_add(1),
            });
        }
        if count == 1 {
            return Err(CurateError::LastEvidence {
                claim: claim.to_string(),
                number: index.saturating_add(1),
            });
        }
        match self.table("claims", at).get_mut("evidence") {
            Some(Item::Value(Value::Array(items))) => {
                items.remove(index);
            }
            Some(Item::ArrayOfTables(tables)) => {
                tables.remove(index);
            }
            _ => {
                return Err(CurateError::NoSuchEvidence {
                    claim: claim.to_string(),
                    number: index.saturating_add(1),
                });
            }
        }
        Ok(())
    }

    fn delete_conflict(&mut self, id: &str) -> Result<(), CurateError> {
        let at = self
            .dataset
            .conflicts
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| CurateError::UnknownConflict(id.to_string()))?;
        let members: Vec<usize> = self
            .dataset
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.conflict.as_deref() == Some(id))
            .map(|(position, _)| position)
            .collect();
        for position in members {
            self.table("claims", position).remove("conflict");
        }
        self.tables("conflicts").remove(at);
        Ok(())
    }

    fn merge(&mut self, keep: &str, other: &str) -> Result<(), CurateError> {
        if keep == other {
            return Err(CurateError::MergeIntoItself(keep.to_string()));
        }
        let keep_at = self.entity_position(keep)?;
        let other_at = self.entity_position(other)?;
        let kept = self.dataset.nodes[keep_at].clone();
        let gone = self.dataset.nodes[other_at].clone();
        // The other's names become aliases of the one kept.
        let mut aliases = kept.aliases.clone();
        for name in std::iter::once(&gone.label).chain(&gone.aliases) {
            let folded = fold(name);
            if fold(&kept.label) != folded && !aliases.iter().any(|a| fold(a) == folded) {
                aliases.push(name.clone());
            }
        }
        if aliases != kept.aliases {
            self.table("nodes", keep_at)["aliases"] = value(Array::from_iter(aliases));
        }
        // Its attributes, date and note are kept where the one kept has
        // none; what differs is said, not silently lost.
        let mut attributes = kept.attributes.clone();
        let mut differing = Vec::new();
        for (key, text) in &gone.attributes {
            match attributes.get(key) {
                None => {
                    attributes.insert(key, text);
                }
                Some(existing) if existing != text => differing.push(format!("{key} = {text:?}")),
                Some(_) => {}
            }
        }
        let date = match (&kept.date, &gone.date) {
            (None, Some(date)) => Some(date.clone()),
            (Some(mine), Some(theirs)) if mine != theirs => {
                differing.push(format!("date {theirs}"));
                kept.date.clone()
            }
            _ => kept.date.clone(),
        };
        let note = match (&kept.note, &gone.note) {
            (None, Some(theirs)) => Some(theirs.clone()),
            (Some(mine), Some(theirs)) if mine != theirs => {
                Some(format!("{mine}\n(From `{other}`, merged in:) {theirs}"))
            }
            _ => kept.note.clone(),
        };
        Details::new(&date, &attributes, &note).update(
            self.table("nodes", keep_at),
            &Details::new(&kept.date, &kept.attributes, &kept.note),
        );
        if !differing.is_empty() {
            self.notes.push(format!(
                "`{other}` had {} where `{keep}` has its own: not kept",
                differing.join(", ")
            ));
        }
        // Every claim of the other now refers to the one kept, keeping its
        // id (written out when it was the default) so its reviews follow.
        let claims: Vec<(usize, Claim)> = self
            .dataset
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.from == other || c.to == other)
            .map(|(position, c)| (position, c.clone()))
            .collect();
        for (position, claim) in claims {
            if (claim.from == other && claim.to == keep)
                || (claim.from == keep && claim.to == other)
            {
                self.notes.push(format!(
                    "claim `{}` linked the two and now goes from `{keep}` to itself: delete it if it says nothing",
                    claim.id
                ));
            }
            let table = self.table("claims", position);
            if table.get("id").is_none() {
                set_first(table, "id", value(&claim.id));
            }
            if claim.from == other {
                table["from"] = value(keep);
            }
            if claim.to == other {
                table["to"] = value(keep);
            }
        }
        self.tables("nodes").remove(other_at);
        Ok(())
    }

    fn mark_conflict(
        &mut self,
        claims: &[String],
        description: &str,
    ) -> Result<String, CurateError> {
        let mut positions = Vec::new();
        for id in claims {
            let at = self.claim_position(id)?;
            if !positions.contains(&at) {
                positions.push(at);
            }
        }
        if positions.len() < 2 {
            return Err(CurateError::ConflictNeedsTwo);
        }
        for &at in &positions {
            let claim = &self.dataset.claims[at];
            if let Some(conflict) = &claim.conflict {
                return Err(CurateError::AlreadyInConflict {
                    claim: claim.id.clone(),
                    conflict: conflict.clone(),
                });
            }
        }
        let description = description.trim();
        if description.is_empty() {
            return Err(CurateError::EmptyDescription);
        }
        let base = slug(
            &description.chars().take(40).collect::<String>(),
            "conflict",
        );
        let id = unique(&base, |id| {
            self.dataset.conflicts.iter().any(|c| c.id == id)
        });
        let mut table = Table::new();
        table["id"] = value(&id);
        table["description"] = value(description);
        self.push("conflicts", table);
        for at in positions {
            self.table("claims", at)["conflict"] = value(&id);
        }
        Ok(id)
    }
}

/// The date, attributes and note that entities and claims share.
pub(super) struct Details<'a> {
    date: Option<&'a DateSpec>,
    attributes: &'a Attributes,
    note: Option<&'a str>,
}

impl<'a> Details<'a> {
    pub(super) fn new(
        date: &'a Option<DateSpec>,
        attributes: &'a Attributes,
        note: &'a Option<String>,
    ) -> Self {
        Details {
            date: date.as_ref(),
            attributes,
            note: note.as_deref().and_then(non_empty),
        }
    }

    /// Writes them into a new table, leaving out what is empty.
    pub(super) fn write(&self, table: &mut Table) {
        let empty = Attributes::new();
        self.update(
            table,
            &Details {
                date: None,
                attributes: &empty,
                note: None,
            },
        );
    }

    /// Writes those that differ from `old`, what is now empty removed.
    pub(super) fn update(&self, table: &mut Table, old: &Details) {
        if self.date != old.date {
            set_or_remove(table, "date", self.date.map(date_item));
        }
        if self.attributes != old.attributes {
            set_or_remove(
                table,
                "attributes",
                (!self.attributes.is_empty()).then(|| value(attributes_value(self.attributes))),
            );
        }
        if self.note != old.note {
            set_or_remove(table, "note", self.note.map(value));
        }
    }
}

/// A new id given by the user: valid (entity and document ids without
/// `_`, claim ids with) and not taken.
fn checked_new_id(
    id: &str,
    valid: fn(&str) -> bool,
    taken: impl Fn(&str) -> bool,
) -> Result<String, CurateError> {
    let id = id.trim();
    if !valid(id) {
        return Err(CurateError::InvalidId(id.to_string()));
    }
    if taken(id) {
        return Err(CurateError::IdTaken(id.to_string()));
    }
    Ok(id.to_string())
}

fn non_empty(text: &str) -> Option<&str> {
    let text = text.trim();
    (!text.is_empty()).then_some(text)
}

/// Aliases trimmed, without blanks, repeats or the label itself.
fn clean_names(names: &[String], label: &str) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if fold(name) != fold(label) && !kept.iter().any(|k| fold(k) == fold(name)) {
            kept.push(name.to_string());
        }
    }
    kept
}

/// A date as the curated files write it: a plain string, or a table when
/// it is approximate, inferred or has a note.
pub(super) fn date_item(date: &DateSpec) -> Item {
    let text = date.to_string();
    let plain = DateSpec {
        approximate: false,
        inferred: false,
        note: None,
        ..date.clone()
    }
    .to_string();
    if !date.approximate && !date.inferred && date.note.is_none() {
        return value(text);
    }
    let mut table = InlineTable::new();
    table.insert("value", plain.into());
    if date.approximate {
        table.insert("approximate", true.into());
    }
    if date.inferred {
        table.insert("inferred", true.into());
    }
    if let Some(note) = &date.note {
        table.insert("note", note.as_str().into());
    }
    value(table)
}

pub(super) fn attributes_value(attributes: &Attributes) -> InlineTable {
    let mut table = InlineTable::new();
    for (key, text) in attributes {
        table.insert(key, text.into());
    }
    table
}

/// One more item of an `evidence = [ … ]` array, on its own line as the
/// curated files write them.
pub(super) fn push_item(items: &mut Array, item: InlineTable) {
    items.push_formatted(Value::InlineTable(item).decorated("\n  ", ""));
    items.set_trailing_comma(true);
    items.set_trailing("\n");
}

fn set_or_remove(table: &mut Table, key: &str, item: Option<Item>) {
    match item {
        Some(item) => table[key] = item,
        None => {
            table.remove(key);
        }
    }
}

/// Sets `key` as the table's first key (an id reads best first); the
/// other keys keep their order and comments.
fn set_first(table: &mut Table, key: &str, item: Item) {
    table.insert(key, item);
    table.sort_values_by(|a, _, b, _| (a.get() != key).cmp(&(b.get() != key)));
}
