//! Three-way merge of reviews, claim by claim: what lets two tiegraphs save
//! the same reviews file without losing each other's work.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::Reviews;

/// Three-way merge by claim id: a claim changed on one side only takes that
/// side's review; changed on both sides to different reviews is a conflict.
/// Document grades merge the same way, by document id.
pub(crate) fn merge(
    base: &Reviews,
    ours: &Reviews,
    theirs: &Reviews,
) -> Result<Reviews, Vec<String>> {
    let mut conflicts = Vec::new();
    let claims = merge_map(&base.claims, &ours.claims, &theirs.claims, |id| {
        conflicts.push(id.to_string())
    });
    let documents = merge_map(&base.documents, &ours.documents, &theirs.documents, |id| {
        conflicts.push(format!("document {id}"))
    });
    if conflicts.is_empty() {
        Ok(Reviews {
            version: ours.version,
            claims,
            documents,
        })
    } else {
        Err(conflicts)
    }
}

/// One map merged three ways; `conflict` hears of every key both sides
/// changed differently (left out of the result).
fn merge_map<T: Clone + PartialEq>(
    base: &BTreeMap<String, T>,
    ours: &BTreeMap<String, T>,
    theirs: &BTreeMap<String, T>,
    mut conflict: impl FnMut(&str),
) -> BTreeMap<String, T> {
    let ids: BTreeSet<&String> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    let mut merged = BTreeMap::new();
    for id in ids {
        let (b, o, t) = (base.get(id), ours.get(id), theirs.get(id));
        let chosen = if o == t || o == b {
            t
        } else if t == b {
            o
        } else {
            conflict(id);
            continue;
        };
        if let Some(value) = chosen {
            merged.insert(id.clone(), value.clone());
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ReviewStatus;

    #[test]
    fn merge_takes_one_sided_changes_and_refuses_overlaps() {
        let mut base = Reviews::default();
        base.set("x", ReviewStatus::Confirmed, None, None);
        let mut ours = base.clone();
        ours.set("y", ReviewStatus::Rejected, None, None);
        let mut theirs = base.clone();
        theirs.set("z", ReviewStatus::Disputed, None, None);
        let merged = merge(&base, &ours, &theirs).unwrap();
        assert_eq!(merged.status("x"), ReviewStatus::Confirmed);
        assert_eq!(merged.status("y"), ReviewStatus::Rejected);
        assert_eq!(merged.status("z"), ReviewStatus::Disputed);
        let mut clash = base.clone();
        clash.set("y", ReviewStatus::Confirmed, Some("theirs".into()), None);
        assert_eq!(merge(&base, &ours, &clash), Err(vec!["y".to_string()]));
    }
}
