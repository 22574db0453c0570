//! A claim whose relation is unusual for the kinds of its ends (a
//! `docked_at` from a person): said as a warning, never refused, since the
//! dataset's own claims are the only measure of "usual".

use std::collections::{BTreeSet, HashMap};

use super::edit::Edit;
use crate::model::{Dataset, NodeKind, Relation};

/// The warnings an edit deserves before it is written: for a new or
/// changed claim, whether its relation is unusual between its kinds.
pub fn warnings(dataset: &Dataset, edit: &Edit) -> Vec<String> {
    let kind_of = |id: &str, extra: &[(String, NodeKind)]| {
        dataset
            .nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.kind)
            .or_else(|| extra.iter().find(|(e, _)| e == id).map(|(_, k)| *k))
    };
    let (from, relation, to, extra) = match edit {
        Edit::AddClaim {
            claim,
            new_entities,
        } => {
            let extra: Vec<(String, NodeKind)> = new_entities
                .iter()
                .filter_map(|e| Some((e.id.clone()?, e.kind)))
                .collect();
            (
                claim.from.to_string(),
                claim.relation,
                claim.to.to_string(),
                extra,
            )
        }
        Edit::UpdateClaim { id, fields } => match dataset.claims.iter().find(|c| &c.id == id) {
            Some(claim) if claim.relation != fields.relation => (
                claim.from.to_string(),
                fields.relation,
                claim.to.to_string(),
                Vec::new(),
            ),
            _ => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    let (Some(from_kind), Some(to_kind)) = (kind_of(&from, &extra), kind_of(&to, &extra)) else {
        return Vec::new();
    };
    unusual(dataset, from_kind, relation, to_kind)
        .into_iter()
        .collect()
}

/// Why a claim `from_kind —relation→ to_kind` would be unusual in
/// `dataset`, or `None` when another claim already goes between such kinds
/// (or no claim uses the relation yet, so nothing is usual).
///
/// Complexity: O(entities + claims).
pub fn unusual(
    dataset: &Dataset,
    from_kind: NodeKind,
    relation: Relation,
    to_kind: NodeKind,
) -> Option<String> {
    let kinds: HashMap<&str, NodeKind> = dataset
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.kind))
        .collect();
    let uses: Vec<(NodeKind, NodeKind)> = dataset
        .claims
        .iter()
        .filter(|c| c.relation == relation)
        .filter_map(|c| Some((*kinds.get(c.from.as_str())?, *kinds.get(c.to.as_str())?)))
        .collect();
    if uses.is_empty() || uses.contains(&(from_kind, to_kind)) {
        return None;
    }
    let list = |kinds: BTreeSet<&str>| kinds.into_iter().collect::<Vec<_>>().join(", ");
    if !uses.iter().any(|(f, _)| *f == from_kind) {
        let usual: BTreeSet<&str> = uses.iter().map(|(f, _)| f.as_str()).collect();
        return Some(format!(
            "unusual: no other `{relation}` claim goes from a {from_kind} (they go from: {})",
            list(usual)
        ));
    }
    if !uses.iter().any(|(_, t)| *t == to_kind) {
        let usual: BTreeSet<&str> = uses.iter().map(|(_, t)| t.as_str()).collect();
        return Some(format!(
            "unusual: no other `{relation}` claim goes to a {to_kind} (they go to: {})",
            list(usual)
        ));
    }
    Some(format!(
        "unusual: no other `{relation}` claim goes from a {from_kind} to a {to_kind}"
    ))
}
