//! An editable copy of a dataset: a curated TOML file and its source
//! texts, in a folder the user picks. The embedded dataset is copied byte
//! for byte (comments and all); a CSV, JSON or FollowTheMoney dataset is
//! written as TOML, every quote with its text.
//!
//! Nothing that exists is overwritten: a copy into a folder that already
//! holds the dataset file, or a different file of the same name in its
//! `sources/`, is refused.

use std::path::{Path, PathBuf};

use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, value};

use super::CurateError;
use super::toml_doc::{Details, date_item, push_item};
use crate::fs::{FsError, write_atomic};
use crate::load::{
    EMBEDDED_FILE, EMBEDDED_SOURCES, EMBEDDED_TOML, LoadError, MemoryStore, NormalizedText,
    load_str, locate,
};
use crate::model::{Claim, Dataset};

/// Copies the embedded dataset into `folder` (created if needed). Returns
/// the path of the dataset file.
pub fn embedded(folder: &Path) -> Result<PathBuf, CurateError> {
    let sources: Vec<(String, String)> = EMBEDDED_SOURCES
        .iter()
        .map(|(path, text)| (path.to_string(), text.to_string()))
        .collect();
    write_copy(folder, EMBEDDED_FILE, EMBEDDED_TOML, &sources)
}

/// Writes `dataset` into `folder` as a TOML dataset named `file_name`,
/// with each document's text in `sources/<id>.txt`. Refused before
/// anything is written when a quote has no text to stand in (records of an
/// import), or when the result would not load.
pub fn dataset(dataset: &Dataset, folder: &Path, file_name: &str) -> Result<PathBuf, CurateError> {
    let unquotable: Vec<&Claim> = dataset
        .claims
        .iter()
        .filter(|c| c.evidence.iter().any(|e| e.record.is_some()))
        .collect();
    if let Some(first) = unquotable.first() {
        return Err(CurateError::Unquotable {
            count: unquotable.len(),
            example: first.id.clone(),
        });
    }
    let (text, sources) = to_toml(dataset);
    let store = MemoryStore {
        documents: sources.clone(),
    };
    load_str(file_name, &text, &store).map_err(|error| match error {
        LoadError::Invalid { diagnostics } => CurateError::WouldBeInvalid { diagnostics },
        other => CurateError::Load(other),
    })?;
    write_copy(folder, file_name, &text, &sources)
}

/// Writes the sources, then the dataset file, refusing to replace
/// anything different.
fn write_copy(
    folder: &Path,
    file_name: &str,
    text: &str,
    sources: &[(String, String)],
) -> Result<PathBuf, CurateError> {
    let target = folder.join(file_name);
    if target.exists() {
        return Err(CurateError::Exists(target));
    }
    for (relative, content) in sources {
        let path = folder.join(relative);
        match std::fs::read(&path) {
            Ok(existing) if existing == content.as_bytes() => continue,
            Ok(_) => return Err(CurateError::Exists(path)),
            Err(_) => {}
        }
    }
    for (relative, content) in sources {
        let path = folder.join(relative);
        if path.exists() {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|error| FsError::io("create the folder", parent, error))?;
        }
        write_atomic(&path, content.as_bytes())?;
    }
    write_atomic(&target, text.as_bytes())?;
    Ok(target)
}

/// A dataset as curated TOML, with the source files it names (relative
/// path, text).
pub fn to_toml(dataset: &Dataset) -> (String, Vec<(String, String)>) {
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(
        "# A tiegraph dataset, written by tiegraph: every claim quotes its source\n\
         # (see the format reference at the top of the curated dataset).\n",
    );
    let mut head = Table::new();
    head["name"] = value(&dataset.name);
    if let Some(description) = &dataset.description {
        head["description"] = value(description);
    }
    doc["dataset"] = Item::Table(head);
    let vocabulary = &dataset.vocabulary;
    if vocabulary.declared_kinds {
        for definition in &vocabulary.kinds {
            let mut table = Table::new();
            table["id"] = value(definition.kind.as_str());
            table["meaning"] = value(&definition.meaning);
            if let Some(shape) = definition.shape {
                table["shape"] = value(shape.as_str());
            }
            if let Some([r, g, b]) = definition.rgb {
                table["colour"] = value(format!("#{r:02x}{g:02x}{b:02x}"));
            }
            push(&mut doc, "kinds", table);
        }
    }
    if vocabulary.declared_relations {
        for definition in &vocabulary.relations {
            let mut table = Table::new();
            table["id"] = value(definition.relation.as_str());
            table["meaning"] = value(&definition.meaning);
            if definition.mutual {
                table["mutual"] = value(true);
            }
            push(&mut doc, "relations", table);
        }
    }
    let mut sources = Vec::new();
    let mut normalized = std::collections::HashMap::new();
    for document in &dataset.documents {
        let extension = if document.path.to_lowercase().ends_with(".md") {
            "md"
        } else {
            "txt"
        };
        let path = format!("sources/{}.{extension}", document.id);
        let mut table = Table::new();
        table["id"] = value(&document.id);
        table["title"] = value(&document.title);
        if let Some(note) = &document.title_note {
            table["title_note"] = value(note);
        }
        table["publisher"] = value(&document.publisher);
        if let Some(note) = &document.publisher_note {
            table["publisher_note"] = value(note);
        }
        if let Some(date) = &document.published {
            table["published"] = date_item(date);
        }
        table["path"] = value(&path);
        if let Some(note) = &document.note {
            table["note"] = value(note);
        }
        push(&mut doc, "documents", table);
        normalized.insert(document.id.as_str(), NormalizedText::new(&document.text));
        sources.push((path, document.text.clone()));
    }
    for conflict in &dataset.conflicts {
        let mut table = Table::new();
        table["id"] = value(&conflict.id);
        table["description"] = value(&conflict.description);
        push(&mut doc, "conflicts", table);
    }
    for node in &dataset.nodes {
        let mut table = Table::new();
        table["id"] = value(&node.id);
        table["kind"] = value(node.kind.as_str());
        table["label"] = value(&node.label);
        if !node.aliases.is_empty() {
            table["aliases"] = value(Array::from_iter(node.aliases.iter()));
        }
        Details::new(&node.date, &node.attributes, &node.note).write(&mut table);
        push(&mut doc, "nodes", table);
    }
    for claim in &dataset.claims {
        let mut table = Table::new();
        if claim.id != Claim::default_id(&claim.from, claim.relation, &claim.to) {
            table["id"] = value(&claim.id);
        }
        table["from"] = value(claim.from.as_str());
        table["relation"] = value(claim.relation.as_str());
        table["to"] = value(claim.to.as_str());
        Details::new(&claim.date, &claim.attributes, &claim.note).write(&mut table);
        if let Some(conflict) = &claim.conflict {
            table["conflict"] = value(conflict);
        }
        let mut items = Array::new();
        for evidence in &claim.evidence {
            let mut item = InlineTable::new();
            item.insert("doc", evidence.document.as_str().into());
            item.insert("quote", evidence.quote.as_str().into());
            // Pinned only where the first occurrence is not the one meant.
            let first = normalized
                .get(evidence.document.as_str())
                .and_then(|text| locate(text, &evidence.quote))
                .map(|range| range.start);
            if first != Some(evidence.start) {
                item.insert("start", (evidence.start as i64).into());
            }
            if let Some(who) = &evidence.according_to {
                item.insert("according_to", who.as_str().into());
            }
            if let Some(outlet) = &evidence.relayed_from {
                item.insert("relayed_from", outlet.as_str().into());
            }
            push_item(&mut items, item);
        }
        table["evidence"] = value(items);
        push(&mut doc, "claims", table);
    }
    (doc.to_string(), sources)
}

fn push(doc: &mut DocumentMut, key: &str, mut table: Table) {
    table.decor_mut().set_prefix("\n");
    if doc.get(key).is_none() {
        doc.insert(key, Item::ArrayOfTables(Default::default()));
    }
    if let Some(tables) = doc[key].as_array_of_tables_mut() {
        tables.push(table);
    }
}
