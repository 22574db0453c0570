//! The names pass: labels and aliases that several entities go by.
//!
//! Real lists have homonyms (four groups called "Ansar al-Sharia"; one
//! person listed twice under two regimes), so a shared name is a warning
//! naming every entity that goes by it, never a refusal. Ids stay unique
//! (reported by the ids pass), and an exact id always means its own entity.

use std::collections::HashMap;
use std::ops::Range;

use super::first_defined;
use crate::load::diagnostic::DiagnosticKind;
use crate::load::walk::{Detail, RawFile, Reporter, shown};
use crate::text::fold;

/// Warns at each label or alias that another entity already goes by (ids
/// count as names, and are claimed first).
pub(super) fn check_names(r: &mut Reporter<'_>, raw: &RawFile) {
    // Every name → the entities that go by it, first one first.
    let mut names: HashMap<String, Vec<(&str, Range<usize>)>> = HashMap::new();
    for node in &raw.nodes {
        if let Some(id) = &node.id {
            names
                .entry(fold(&id.value))
                .or_default()
                .push((id.value.as_str(), id.span.clone()));
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
            let owners = names.entry(fold(&name.value)).or_default();
            if owners.iter().any(|(owner, _)| *owner == id.value) {
                continue;
            }
            if let Some((_, first)) = owners.first() {
                let others: Vec<String> = owners.iter().map(|(o, _)| format!("`{o}`")).collect();
                let help = format!(
                    "a search for this name lists {} and `{}`, and the id picks one ({} {})",
                    others.join(", "),
                    id.value,
                    others[0],
                    first_defined(r, first)
                );
                r.report(
                    DiagnosticKind::SharedName,
                    name.span.clone(),
                    &format!("{}.{key}", node.field),
                    format!(
                        "the name {} is shared by `{}` and {}",
                        shown(&name.value),
                        id.value,
                        others.join(", ")
                    ),
                    Detail {
                        expected: Some("a name that leads to one entity".into()),
                        found: Some(format!("also a name of {}", others.join(", "))),
                        help: Some(help),
                    },
                );
            }
            owners.push((id.value.as_str(), name.span.clone()));
        }
    }
}
