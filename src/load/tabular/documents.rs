//! `documents.csv`: ids unique, each text file inside the folder and
//! readable.

use rustc_hash::FxHashMap as HashMap;

use super::problems::Problems;
use super::table::{TableInput, parse_date, read_table};
use crate::index::IdIndex;
use crate::load::diagnostic::DiagnosticKind;
use crate::load::quote::NormalizedText;
use crate::load::{DocumentReadError, DocumentStore, check_relative_path};
use crate::model::Document;

/// The documents read, their texts (normalized, for finding quotes) and
/// where each is in `documents`.
pub(super) struct Documents {
    pub(super) documents: Vec<Document>,
    pub(super) texts: HashMap<String, NormalizedText>,
    pub(super) index: HashMap<String, usize>,
}

/// Reads `documents.csv`, if there is one.
pub(super) fn read_documents(
    table: Option<(String, TableInput)>,
    store: &dyn DocumentStore,
    problems: &mut Problems,
    threaded: bool,
) -> Documents {
    let mut documents: Vec<Document> = Vec::new();
    let mut texts: HashMap<String, NormalizedText> = HashMap::default();
    let mut document_ids = IdIndex::default();
    if let Some((file, input)) = table
        && let Some(mut table) = read_table((file, input, threaded), &["id"], problems)
    {
        while let Some(line) = table.next_row(problems) {
            let (line, row) = (&line, &table.record);
            let Some(id) = table.value(row, "id") else {
                problems.add(
                    DiagnosticKind::MissingField,
                    (&table.file, *line),
                    "id",
                    "a document without an id".into(),
                    None,
                    None,
                );
                continue;
            };
            if document_ids
                .get(id, |i| &documents[i as usize].id)
                .is_some()
            {
                problems.add(
                    DiagnosticKind::DuplicateId,
                    (&table.file, *line),
                    "id",
                    format!("duplicate document id `{id}`"),
                    None,
                    None,
                );
                continue;
            }
            let mut text = String::new();
            if let Some(path) = table.value(row, "path") {
                let read = check_relative_path(path)
                    .map_err(DocumentReadError::Outside)
                    .and_then(|()| store.read(path));
                match read {
                    Ok(content) => text = content,
                    Err(DocumentReadError::Outside(reason)) => problems.add(
                        DiagnosticKind::DocumentOutsideFolder,
                        (&table.file, *line),
                        "path",
                        format!("document path `{path}` leaves the folder"),
                        Some("a relative path inside the folder".into()),
                        Some(reason),
                    ),
                    Err(DocumentReadError::Missing(where_looked)) => problems.add(
                        DiagnosticKind::DocumentMissing,
                        (&table.file, *line),
                        "path",
                        format!("document file `{path}` does not exist"),
                        None,
                        Some(where_looked),
                    ),
                    Err(DocumentReadError::Unreadable(reason)) => problems.add(
                        DiagnosticKind::DocumentUnreadable,
                        (&table.file, *line),
                        "path",
                        format!("document file `{path}` cannot be read"),
                        None,
                        Some(reason),
                    ),
                }
            }
            if !text.is_empty() {
                texts.insert(id.to_string(), NormalizedText::new(&text));
            }
            documents.push(Document {
                id: id.to_string(),
                title: table.value(row, "title").unwrap_or(id).to_string(),
                title_note: None,
                publisher: table
                    .value(row, "publisher")
                    .unwrap_or("unknown")
                    .to_string(),
                publisher_note: None,
                published: parse_date(
                    &table,
                    (*line, "published"),
                    table.value(row, "published"),
                    problems,
                ),
                path: table.value(row, "path").unwrap_or_default().to_string(),
                note: table.value(row, "note").map(str::to_string),
                reliability: None,
                text,
            });
            document_ids.insert(documents.len() as u32 - 1, |i| &documents[i as usize].id);
        }
    }
    let document_index: HashMap<String, usize> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect();
    Documents {
        documents,
        texts,
        index: document_index,
    }
}
