//! Three-way merge of reviews, claim by claim: what lets two tiegraphs save
//! the same reviews file without losing each other's work.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::Reviews;

/// Three-way merge by claim id: a claim changed on one side only takes that
/// side's review; changed on both sides to different reviews is a conflict.
pub(crate) fn merge(
    base: &Reviews,
    ours: &Reviews,
    theirs: &Reviews,
) -> Result<Reviews, Vec<String>> {
    let ids: BTreeSet<&String> = base
        .claims
        .keys()
        .chain(ours.claims.keys())
        .chain(theirs.claims.keys())
        .collect();
    let mut merged = Reviews {
        version: ours.version,
        claims: BTreeMap::new(),
    };
    let mut conflicts = Vec::new();
    for id in ids {
        let (b, o, t) = (
            base.claims.get(id),
            ours.claims.get(id),
            theirs.claims.get(id),
        );
        let chosen = if o == t || o == b {
            t
        } else if t == b {
            o
        } else {
            conflicts.push(id.clone());
            continue;
        };
        if let Some(review) = chosen {
            merged.claims.insert(id.clone(), review.clone());
        }
    }
    if conflicts.is_empty() {
        Ok(merged)
    } else {
        Err(conflicts)
    }
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
