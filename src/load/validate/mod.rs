//! Second pass: raw entries → a validated [`Dataset`], reporting every
//! reference, uniqueness and evidence error in one run. One file per pass,
//! in the order they run: `documents` (read and checked), `names`
//! (names several entities share), `claims` (references and evidence),
//! `warnings` (what loads but a curator should look at), then `build`.

mod build;
mod claims;
mod documents;
mod names;
mod warnings;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::DocumentStore;
use super::diagnostic::DiagnosticKind;
use super::quote::NormalizedText;
use super::walk::{Detail, RawFile, Reporter, Sp, did_you_mean, shown};
use crate::model::Dataset;

/// Where something was first defined, for "first defined at line N" help.
pub(super) fn first_defined(r: &Reporter<'_>, span: &Range<usize>) -> String {
    let (line, column) = r.line_column(span.start);
    format!("first defined at {}:{line}:{column}", r.file)
}

/// The ids of a kind of entry, for membership tests and for suggestions.
pub(super) struct IdSet<'a> {
    set: HashSet<&'a str>,
    /// Sorted, so "did you mean" is deterministic.
    sorted: Vec<&'a str>,
}

impl<'a> IdSet<'a> {
    fn new(ids: impl Iterator<Item = &'a Option<Sp<String>>>) -> Self {
        let set: HashSet<&str> = ids.flatten().map(|id| id.value.as_str()).collect();
        let mut sorted: Vec<&str> = set.iter().copied().collect();
        sorted.sort_unstable();
        IdSet { set, sorted }
    }

    pub(super) fn contains(&self, id: &str) -> bool {
        self.set.contains(id)
    }
}

/// Reports the second and later uses of the same id.
pub(super) fn unique_ids<'a>(
    r: &mut Reporter<'_>,
    what: &str,
    entries: impl Iterator<Item = (&'a Option<Sp<String>>, &'a str)>,
) {
    let ids = entries
        .filter_map(|(id, field)| id.as_ref().map(|id| (id.value.as_str(), &id.span, field)));
    let mut seen: HashMap<&str, Range<usize>> = HashMap::new();
    for (id, span, field) in ids {
        if let Some(first) = seen.get(id) {
            let help = first_defined(r, first);
            r.report(
                DiagnosticKind::DuplicateId,
                span.clone(),
                field,
                format!("duplicate {what} id `{id}`"),
                Detail {
                    expected: Some(format!("a {what} id not used before")),
                    found: Some(format!("`{id}` again")),
                    help: Some(help),
                },
            );
        } else {
            seen.insert(id, span.clone());
        }
    }
}

pub(super) fn dangling(
    r: &mut Reporter<'_>,
    reference: &Sp<String>,
    field: &str,
    what: &str,
    known: &IdSet<'_>,
) {
    let help = did_you_mean(&reference.value, known.sorted.iter().copied())
        .map(|suggestion| format!("did you mean `{suggestion}`?"));
    r.report(
        DiagnosticKind::DanglingReference,
        reference.span.clone(),
        field,
        format!("no {what} has the id `{}`", reference.value),
        Detail {
            expected: Some(format!("the id of a {what} defined in this file")),
            found: Some(shown(&reference.value)),
            help,
        },
    );
}

pub(super) struct LoadedDocument {
    pub(super) normalized: NormalizedText,
    pub(super) folded: String,
    pub(super) text: String,
}

/// The ids every pass checks references against.
struct KnownIds<'a> {
    documents: IdSet<'a>,
    conflicts: IdSet<'a>,
    nodes: IdSet<'a>,
    /// Document id → its text, for the documents that could be read.
    texts: &'a HashMap<String, LoadedDocument>,
}

/// Validates `raw` and builds the dataset, or returns `None` if any error
/// was reported.
pub fn validate(r: &mut Reporter<'_>, raw: RawFile, store: &dyn DocumentStore) -> Option<Dataset> {
    let texts = documents::read_documents(r, &raw, store);
    unique_ids(
        r,
        "conflict",
        raw.conflicts.iter().map(|c| (&c.id, c.field.as_str())),
    );
    unique_ids(
        r,
        "node",
        raw.nodes.iter().map(|n| (&n.id, n.field.as_str())),
    );
    let known = KnownIds {
        documents: IdSet::new(raw.documents.iter().map(|d| &d.id)),
        conflicts: IdSet::new(raw.conflicts.iter().map(|c| &c.id)),
        nodes: IdSet::new(raw.nodes.iter().map(|n| &n.id)),
        texts: &texts,
    };
    names::check_names(r, &raw);
    let checked = claims::check_claims(r, &raw, &known);
    warnings::check_conflict_uses(r, &raw, &checked.conflict_uses);
    warnings::warn(r, &raw, &texts, &checked);
    if r.diagnostics.iter().any(|d| d.is_error()) {
        return None;
    }
    build::build(raw, &texts, checked.claims)
}
