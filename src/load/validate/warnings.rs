//! After the claims: conflicts that group fewer than two claims (an
//! error), then the warnings: entities without a claim, aliases no source
//! uses, documents no claim cites.

use std::collections::HashMap;

use super::LoadedDocument;
use super::claims::CheckedClaims;
use crate::load::diagnostic::DiagnosticKind;
use crate::load::walk::{Detail, RawFile, Reporter, shown};
use crate::text::fold;

/// Reports each conflict that fewer than two claims take part in.
pub(super) fn check_conflict_uses(
    r: &mut Reporter<'_>,
    raw: &RawFile,
    conflict_uses: &HashMap<String, usize>,
) {
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
}

/// Reports what loads but a curator should look at.
pub(super) fn warn(
    r: &mut Reporter<'_>,
    raw: &RawFile,
    texts: &HashMap<String, LoadedDocument>,
    checked: &CheckedClaims,
) {
    // ── warnings ──
    for node in &raw.nodes {
        let Some(id) = &node.id else { continue };
        if !checked.linked_nodes.contains(&id.value) {
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
        if !checked.cited_documents.contains(&id.value) {
            r.report(
                DiagnosticKind::UncitedDocument,
                id.span.clone(),
                &format!("{}.id", document.field),
                format!("document `{}` is cited by no claim", id.value),
                Detail::default(),
            );
        }
    }
}
