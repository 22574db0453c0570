//! The claims pass: both ends and the conflict resolve, every evidence
//! item cites a known document with a quote found in its text, and claim
//! ids (given or derived) are unique.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::{KnownIds, dangling, first_defined};
use crate::load::diagnostic::DiagnosticKind;
use crate::load::quote::{closest_passage, locate, locate_at};
use crate::load::walk::{Detail, RawClaim, RawFile, Reporter, shown};
use crate::model::{Claim, Evidence};
use crate::text::line_column;

/// What the claims pass found, for the passes after it.
pub(super) struct CheckedClaims {
    pub(super) claims: Vec<Claim>,
    pub(super) cited_documents: HashSet<String>,
    pub(super) linked_nodes: HashSet<String>,
    pub(super) conflict_uses: HashMap<String, usize>,
}

/// Checks every claim of `raw` and builds those whose ends and relation
/// are present.
pub(super) fn check_claims(
    r: &mut Reporter<'_>,
    raw: &RawFile,
    known: &KnownIds<'_>,
) -> CheckedClaims {
    // Claim id → where it was first used.
    let mut claim_ids: HashMap<String, Range<usize>> = HashMap::new();
    let mut claims: Vec<Claim> = Vec::new();
    let mut cited_documents: HashSet<String> = HashSet::new();
    let mut linked_nodes: HashSet<String> = HashSet::new();
    let mut conflict_uses: HashMap<String, usize> = HashMap::new();
    for claim in &raw.claims {
        for (reference, key) in [(&claim.from, "from"), (&claim.to, "to")] {
            if let Some(reference) = reference {
                if known.nodes.contains(&reference.value) {
                    linked_nodes.insert(reference.value.clone());
                } else {
                    dangling(
                        r,
                        reference,
                        &format!("{}.{key}", claim.field),
                        "node",
                        &known.nodes,
                    );
                }
            }
        }
        if let Some(conflict) = &claim.conflict {
            if known.conflicts.contains(&conflict.value) {
                *conflict_uses.entry(conflict.value.clone()).or_default() += 1;
            } else {
                dangling(
                    r,
                    conflict,
                    &format!("{}.conflict", claim.field),
                    "conflict",
                    &known.conflicts,
                );
            }
        }

        let evidence = evidence_of(r, claim, known, &mut cited_documents);
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
            from: from.value.clone().into(),
            relation: relation.value,
            to: to.value.clone().into(),
            date: claim.date.as_ref().map(|d| d.value.clone()),
            attributes: claim.attributes.clone(),
            note: claim.note.as_ref().map(|n| n.value.clone()),
            conflict: claim.conflict.as_ref().map(|c| c.value.clone()),
            evidence,
        });
    }
    CheckedClaims {
        claims,
        cited_documents,
        linked_nodes,
        conflict_uses,
    }
}

/// The evidence of one claim: each item whose document is known and whose
/// quote is found in it, located; every other item reported.
fn evidence_of(
    r: &mut Reporter<'_>,
    claim: &RawClaim,
    known: &KnownIds<'_>,
    cited_documents: &mut HashSet<String>,
) -> Vec<Evidence> {
    let mut evidence = Vec::new();
    match &claim.evidence {
        Some(items) if !items.value.is_empty() => {
            for item in &items.value {
                let (Some(doc), Some(quote)) = (&item.doc, &item.quote) else {
                    continue;
                };
                if !known.documents.contains(&doc.value) {
                    dangling(
                        r,
                        doc,
                        &format!("{}.doc", item.field),
                        "document",
                        &known.documents,
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
                let Some(loaded) = known.texts.get(&doc.value) else {
                    continue;
                };
                // A pinned start means that passage; else the first found.
                let pinned = item.start.as_ref().map(|start| {
                    locate_at(&loaded.normalized, &quote.value, start.value).ok_or(start)
                });
                let found = match pinned {
                    Some(Ok(range)) => Some(range),
                    Some(Err(start)) => {
                        let elsewhere = locate(&loaded.normalized, &quote.value).map(|range| {
                            format!("the quote is at byte {} of `{}`", range.start, doc.value)
                        });
                        r.report(
                            DiagnosticKind::QuoteNotFound,
                            start.span.clone(),
                            &format!("{}.start", item.field),
                            format!(
                                "the quote is not at byte {} of document `{}`",
                                start.value, doc.value
                            ),
                            Detail {
                                expected: Some("the byte offset where the quote begins".into()),
                                found: Some(start.value.to_string()),
                                help: elsewhere,
                            },
                        );
                        continue;
                    }
                    None => locate(&loaded.normalized, &quote.value),
                };
                match found {
                    Some(range) => evidence.push(Evidence {
                        document: doc.value.clone().into(),
                        quote: quote.value.clone().into(),
                        start: range.start,
                        end: range.end,
                        according_to: item.according_to.as_ref().map(|a| a.value.clone()),
                        relayed_from: item.relayed_from.as_ref().map(|a| a.value.clone()),
                        record: None,
                        modality: item.modality,
                        credibility: item.credibility,
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
                expected: Some("an `evidence` list with at least one { doc, quote } item".into()),
                found: Some("no `evidence` key".into()),
                help: None,
            },
        ),
    }
    evidence
}
