//! Claims that disagree: those the dataset marks as conflicting, and those
//! found automatically — the same two entities and relation with different
//! dates, values or roles.

use std::collections::BTreeMap;

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use crate::graph::TieGraph;

/// Claims that disagree, to be read side by side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictGroup {
    /// The dataset's conflict id, or `auto:<a>--<relation>--<b>`.
    pub id: String,
    pub description: String,
    pub claims: Vec<EdgeIndex>,
    /// Marked in the dataset (true) or found automatically (false).
    pub marked: bool,
}

/// Every conflict: the marked ones in dataset order, then the automatic
/// ones ordered by id. A group already marked is not repeated.
///
/// Complexity: O(E log E).
pub fn conflict_groups(graph: &TieGraph) -> Vec<ConflictGroup> {
    let data = graph.dataset();
    let mut groups: Vec<ConflictGroup> = data
        .conflicts
        .iter()
        .map(|conflict| ConflictGroup {
            id: conflict.id.clone(),
            description: conflict.description.clone(),
            claims: data
                .conflict_claims(&conflict.id)
                .filter_map(|claim| graph.claim_index(&claim.id))
                .collect(),
            marked: true,
        })
        .collect();

    let mut same: BTreeMap<(NodeIndex, NodeIndex, crate::model::Relation), Vec<EdgeIndex>> =
        BTreeMap::new();
    for edge in graph.graph().edge_indices() {
        if let Some((a, b)) = graph.graph().edge_endpoints(edge) {
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            same.entry((a, b, graph.claim(edge).relation))
                .or_default()
                .push(edge);
        }
    }
    for ((a, b, relation), edges) in same {
        if edges.len() < 2 {
            continue;
        }
        let differs = |f: &dyn Fn(EdgeIndex) -> String| {
            let first = f(edges[0]);
            edges.iter().any(|&e| f(e) != first)
        };
        let dates = differs(&|e| {
            graph
                .claim(e)
                .date
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
        });
        let values = differs(&|e| format!("{:?}", graph.claim(e).attributes));
        if !(dates || values) {
            continue;
        }
        let covered = groups
            .iter()
            .any(|g| g.marked && edges.iter().all(|e| g.claims.contains(e)));
        if covered {
            continue;
        }
        let what = match (dates, values) {
            (true, true) => "dates and values or roles",
            (true, false) => "dates",
            _ => "values or roles",
        };
        groups.push(ConflictGroup {
            id: format!("auto:{}--{relation}--{}", graph.node(a).id, graph.node(b).id),
            description: format!(
                "{} claims that {} and {} are linked by {relation} give different {what}; they may be different events.",
                edges.len(),
                graph.node(a).label,
                graph.node(b).label
            ),
            claims: edges,
            marked: false,
        });
    }
    groups
}
