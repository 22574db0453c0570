//! Second pass: raw entries → a validated [`Dataset`], reporting every
//! reference, uniqueness and evidence error in one run.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::diagnostic::DiagnosticKind;
use super::quote::{NormalizedText, closest_passage, locate};
use super::walk::{Detail, RawFile, Reporter, Sp, did_you_mean, shown};
use super::{DocumentReadError, DocumentStore, check_relative_path};
use crate::model::{Claim, Conflict, Dataset, Document, Evidence, Node};
use crate::text::fold;
use crate::text::line_column;

/// Where something was first defined, for "first defined at line N" help.
fn first_defined(r: &Reporter<'_>, span: &Range<usize>) -> String {
    let (line, column) = r.line_column(span.start);
    format!("first defined at {}:{line}:{column}", r.file)
}

/// The ids of a kind of entry, for membership tests and for suggestions.
struct IdSet<'a> {
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

    fn contains(&self, id: &str) -> bool {
        self.set.contains(id)
    }
}

/// Reports the second and later uses of the same id.
fn unique_ids<'a>(
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

fn dangling(
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

struct LoadedDocument {
    normalized: NormalizedText,
    folded: String,
    text: String,
}

/// Validates `raw` and builds the dataset, or returns `None` if any error
/// was reported.
pub fn validate(r: &mut Reporter<'_>, raw: RawFile, store: &dyn DocumentStore) -> Option<Dataset> {
    // ── documents ──
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
    let document_ids = IdSet::new(raw.documents.iter().map(|d| &d.id));

    // ── conflicts ──
    unique_ids(
        r,
        "conflict",
        raw.conflicts.iter().map(|c| (&c.id, c.field.as_str())),
    );
    let conflict_ids = IdSet::new(raw.conflicts.iter().map(|c| &c.id));

    // ── nodes ──
    unique_ids(
        r,
        "node",
        raw.nodes.iter().map(|n| (&n.id, n.field.as_str())),
    );
    let node_ids = IdSet::new(raw.nodes.iter().map(|n| &n.id));
    // Every name (label or alias) must lead to one node only.
    let mut names: HashMap<String, (&str, Range<usize>)> = HashMap::new();
    // Ids are names too, and claimed first: no label or alias may equal
    // another entity's id (duplicate ids are reported above).
    for node in &raw.nodes {
        if let Some(id) = &node.id {
            names
                .entry(fold(&id.value))
                .or_insert((id.value.as_str(), id.span.clone()));
        }
    }
    for node in &raw.nodes {
        let Some(id) = &node.id else { continue };
        let labelled = node.label.iter().map(|label| (label, "label".to_string()));
        let aliased = node
            .aliases
            .iter()
            .enumerate()
            .map(|(index, alias)| (alias, format!("aliases[{index}]")));
        for (name, key) in labelled.chain(aliased) {
            let folded = fold(&name.value);
            match names.get(&folded) {
                Some((owner, _)) if *owner == id.value => {}
                Some((owner, first)) => {
                    let help = format!(
                        "`{owner}` already goes by this name ({})",
                        first_defined(r, first)
                    );
                    r.report(
                        DiagnosticKind::DuplicateAlias,
                        name.span.clone(),
                        &format!("{}.{key}", node.field),
                        format!("the name {} is claimed by two entities", shown(&name.value)),
                        Detail {
                            expected: Some("each name and alias to identify one entity".into()),
                            found: Some(format!("also a name of `{owner}`")),
                            help: Some(help),
                        },
                    );
                }
                None => {
                    names.insert(folded, (id.value.as_str(), name.span.clone()));
                }
            }
        }
    }

    // ── claims ──
    // Claim id → where it was first used.
    let mut claim_ids: HashMap<String, Range<usize>> = HashMap::new();
    let mut claims: Vec<Claim> = Vec::new();
    let mut cited_documents: HashSet<String> = HashSet::new();
    let mut linked_nodes: HashSet<String> = HashSet::new();
    let mut conflict_uses: HashMap<String, usize> = HashMap::new();
    for claim in &raw.claims {
        for (reference, key) in [(&claim.from, "from"), (&claim.to, "to")] {
            if let Some(reference) = reference {
                if node_ids.contains(&reference.value) {
                    linked_nodes.insert(reference.value.clone());
                } else {
                    dangling(
                        r,
                        reference,
                        &format!("{}.{key}", claim.field),
                        "node",
                        &node_ids,
                    );
                }
            }
        }
        if let Some(conflict) = &claim.conflict {
            if conflict_ids.contains(&conflict.value) {
                *conflict_uses.entry(conflict.value.clone()).or_default() += 1;
            } else {
                dangling(
                    r,
                    conflict,
                    &format!("{}.conflict", claim.field),
                    "conflict",
                    &conflict_ids,
                );
            }
        }

        let mut evidence = Vec::new();
        match &claim.evidence {
            Some(items) if !items.value.is_empty() => {
                for item in &items.value {
                    let (Some(doc), Some(quote)) = (&item.doc, &item.quote) else {
                        continue;
                    };
                    if !document_ids.contains(&doc.value) {
                        dangling(
                            r,
                            doc,
                            &format!("{}.doc", item.field),
                            "document",
                            &document_ids,
                        );
                        continue;
                    }
                    cited_documents.insert(doc.value.clone());
                    if quote.value.trim().is_empty() {
                        r.report(
                            DiagnosticKind::EmptyQuote,
                            quote.span.clone(),
                            &format!("{}.quote", item.field),
                            "empty quote",
                            Detail {
                                expected: Some("a verbatim passage of the document".into()),
                                found: Some(shown(&quote.value)),
                                help: None,
                            },
                        );
                        continue;
                    }
                    // A missing document was already reported; do not pile on.
                    let Some(loaded) = texts.get(&doc.value) else {
                        continue;
                    };
                    match locate(&loaded.normalized, &quote.value) {
                        Some(range) => evidence.push(Evidence {
                            document: doc.value.clone(),
                            quote: quote.value.clone(),
                            start: range.start,
                            end: range.end,
                            according_to: item.according_to.as_ref().map(|a| a.value.clone()),
                            relayed_from: item.relayed_from.as_ref().map(|a| a.value.clone()),
                        }),
                        None => {
                            let help = match closest_passage(&loaded.normalized, &quote.value) {
                                Some(range) => {
                                    let (line, column) = line_column(&loaded.text, range.start);
                                    format!(
                                        "the closest passage of `{}` (line {line}, column {column}) is:\n{}",
                                        doc.value,
                                        shown(&loaded.text[range])
                                    )
                                }
                                None => {
                                    format!("no passage of `{}` shares a word with it", doc.value)
                                }
                            };
                            r.report(
                                DiagnosticKind::QuoteNotFound,
                                quote.span.clone(),
                                &format!("{}.quote", item.field),
                                format!("quote not found in document `{}`", doc.value),
                                Detail {
                                    expected: Some(
                                        "the document's exact words (only whitespace and curly vs straight quotes and dashes may differ)"
                                            .into(),
                                    ),
                                    found: Some(shown(&quote.value)),
                                    help: Some(help),
                                },
                            );
                        }
                    }
                }
            }
            Some(items) => r.report(
                DiagnosticKind::ClaimWithoutEvidence,
                items.span.clone(),
                &format!("{}.evidence", claim.field),
                "claim without evidence",
                Detail {
                    expected: Some("at least one { doc, quote } item".into()),
                    found: Some("an empty list".into()),
                    help: None,
                },
            ),
            None => r.report(
                DiagnosticKind::ClaimWithoutEvidence,
                claim.span.clone(),
                &claim.field,
                "claim without evidence",
                Detail {
                    expected: Some(
                        "an `evidence` list with at least one { doc, quote } item".into(),
                    ),
                    found: Some("no `evidence` key".into()),
                    help: None,
                },
            ),
        }

        let (Some(from), Some(relation), Some(to)) = (&claim.from, &claim.relation, &claim.to)
        else {
            continue;
        };
        let (id, span, explicit) = match &claim.id {
            Some(id) => (id.value.clone(), id.span.clone(), true),
            None => (
                Claim::default_id(&from.value, relation.value, &to.value),
                claim.span.clone(),
                false,
            ),
        };
        if let Some(first) = claim_ids.get(&id) {
            let mut help = first_defined(r, first);
            if !explicit {
                help.push_str(
                    "; parallel claims between the same two entities need distinct `id` keys",
                );
            }
            r.report(
                DiagnosticKind::DuplicateId,
                span.clone(),
                &if explicit {
                    format!("{}.id", claim.field)
                } else {
                    claim.field.clone()
                },
                format!("duplicate claim id `{id}`"),
                Detail {
                    expected: Some("a claim id not used before".into()),
                    found: Some(format!("`{id}` again")),
                    help: Some(help),
                },
            );
        }
        claim_ids.entry(id.clone()).or_insert(span);
        claims.push(Claim {
            id,
            from: from.value.clone(),
            relation: relation.value,
            to: to.value.clone(),
            date: claim.date.as_ref().map(|d| d.value.clone()),
            attributes: claim.attributes.clone(),
            note: claim.note.as_ref().map(|n| n.value.clone()),
            conflict: claim.conflict.as_ref().map(|c| c.value.clone()),
            evidence,
        });
    }

    for conflict in &raw.conflicts {
        let Some(id) = &conflict.id else { continue };
        let uses = conflict_uses.get(&id.value).copied().unwrap_or(0);
        if uses < 2 {
            r.report(
                DiagnosticKind::LoneConflict,
                id.span.clone(),
                &format!("{}.id", conflict.field),
                format!("conflict `{}` needs at least two claims", id.value),
                Detail {
                    expected: Some("two or more claims with this `conflict`".into()),
                    found: Some(format!("{uses} claim{}", if uses == 1 { "" } else { "s" })),
                    help: None,
                },
            );
        }
    }

    // ── warnings ──
    for node in &raw.nodes {
        let Some(id) = &node.id else { continue };
        if !linked_nodes.contains(&id.value) {
            r.report(
                DiagnosticKind::OrphanNode,
                id.span.clone(),
                &format!("{}.id", node.field),
                format!("node `{}` has no claim", id.value),
                Detail {
                    expected: Some("every node to be the `from` or `to` of a claim".into()),
                    found: Some("none".into()),
                    help: None,
                },
            );
        }
        for (index, alias) in node.aliases.iter().enumerate() {
            let folded = fold(&alias.value);
            if !texts
                .values()
                .any(|document| document.folded.contains(&folded))
            {
                r.report(
                    DiagnosticKind::AliasNotInSources,
                    alias.span.clone(),
                    &format!("{}.aliases[{index}]", node.field),
                    format!("alias {} occurs in no document", shown(&alias.value)),
                    Detail {
                        expected: Some("a spelling that a source document uses".into()),
                        found: None,
                        help: None,
                    },
                );
            }
        }
    }
    for document in &raw.documents {
        let Some(id) = &document.id else { continue };
        if !cited_documents.contains(&id.value) {
            r.report(
                DiagnosticKind::UncitedDocument,
                id.span.clone(),
                &format!("{}.id", document.field),
                format!("document `{}` is cited by no claim", id.value),
                Detail::default(),
            );
        }
    }

    if r.diagnostics.iter().any(|d| d.is_error()) {
        return None;
    }
    let text_of = |field: &Option<Sp<String>>| field.as_ref().map(|s| s.value.clone());
    let header = raw.dataset?;
    Some(Dataset {
        name: header.name.map(|n| n.value).unwrap_or_default(),
        description: text_of(&header.description),
        documents: raw
            .documents
            .iter()
            .map(|d| {
                let id = text_of(&d.id).unwrap_or_default();
                let text = texts.get(&id).map(|t| t.text.clone()).unwrap_or_default();
                Document {
                    title: text_of(&d.title).unwrap_or_default(),
                    title_note: text_of(&d.title_note),
                    publisher: text_of(&d.publisher).unwrap_or_default(),
                    publisher_note: text_of(&d.publisher_note),
                    published: d.published.as_ref().map(|p| p.value.clone()),
                    path: text_of(&d.path).unwrap_or_default(),
                    note: text_of(&d.note),
                    id,
                    text,
                }
            })
            .collect(),
        nodes: raw
            .nodes
            .into_iter()
            .filter_map(|n| {
                Some(Node {
                    id: n.id?.value,
                    kind: n.kind?.value,
                    label: n.label?.value,
                    aliases: n.aliases.into_iter().map(|a| a.value).collect(),
                    date: n.date.map(|d| d.value),
                    attributes: n.attributes,
                    note: n.note.map(|n| n.value),
                })
            })
            .collect(),
        claims,
        conflicts: raw
            .conflicts
            .into_iter()
            .filter_map(|c| {
                Some(Conflict {
                    id: c.id?.value,
                    description: c.description?.value,
                })
            })
            .collect(),
    })
}
