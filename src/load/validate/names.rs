//! The names pass: every id, label and alias leads to one entity only.

use std::collections::HashMap;
use std::ops::Range;

use super::first_defined;
use crate::load::diagnostic::DiagnosticKind;
use crate::load::walk::{Detail, RawFile, Reporter, shown};
use crate::text::fold;

/// Reports each label or alias that another entity already goes by (ids
/// count as names, and are claimed first).
pub(super) fn check_names(r: &mut Reporter<'_>, raw: &RawFile) {
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
}
