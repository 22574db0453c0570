//! The documents pass: ids unique, each file inside the dataset's folder,
//! present and readable; the texts read, kept for finding quotes.

use std::collections::HashMap;

use super::{LoadedDocument, unique_ids};
use crate::load::diagnostic::DiagnosticKind;
use crate::load::quote::NormalizedText;
use crate::load::walk::{Detail, RawFile, Reporter};
use crate::load::{DocumentReadError, DocumentStore, check_relative_path};
use crate::text::fold;

/// Reads every document of `raw`, reporting duplicate ids and unreadable
/// files; returns the texts by document id.
pub(super) fn read_documents(
    r: &mut Reporter<'_>,
    raw: &RawFile,
    store: &dyn DocumentStore,
) -> HashMap<String, LoadedDocument> {
    unique_ids(
        r,
        "document",
        raw.documents.iter().map(|d| (&d.id, d.field.as_str())),
    );
    let mut texts: HashMap<String, LoadedDocument> = HashMap::new();
    for document in &raw.documents {
        let (Some(id), Some(path)) = (&document.id, &document.path) else {
            continue;
        };
        let field = format!("{}.path", document.field);
        let result = check_relative_path(&path.value)
            .map_err(DocumentReadError::Outside)
            .and_then(|()| store.read(&path.value));
        match result {
            Ok(text) => {
                texts
                    .entry(id.value.clone())
                    .or_insert_with(|| LoadedDocument {
                        normalized: NormalizedText::new(&text),
                        folded: fold(&text),
                        text,
                    });
            }
            Err(DocumentReadError::Missing(where_looked)) => r.report(
                DiagnosticKind::DocumentMissing,
                path.span.clone(),
                &field,
                format!("document file `{}` does not exist", path.value),
                Detail {
                    expected: Some("a file, relative to the dataset's folder".into()),
                    found: Some(format!("nothing at {where_looked}")),
                    help: None,
                },
            ),
            Err(DocumentReadError::Outside(reason)) => r.report(
                DiagnosticKind::DocumentOutsideFolder,
                path.span.clone(),
                &field,
                format!("document path `{}` leaves the dataset's folder", path.value),
                Detail {
                    expected: Some("a relative path inside the dataset's folder".into()),
                    found: Some(reason),
                    help: Some("copy the document next to the dataset, e.g. into sources/".into()),
                },
            ),
            Err(DocumentReadError::Unreadable(reason)) => r.report(
                DiagnosticKind::DocumentUnreadable,
                path.span.clone(),
                &field,
                format!("document file `{}` cannot be read", path.value),
                Detail {
                    expected: Some("a readable UTF-8 text file".into()),
                    found: Some(reason),
                    help: None,
                },
            ),
        }
    }
    texts
}
