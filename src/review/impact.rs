//! Source impact: if a document or a publisher were discredited, which
//! claims would lose all their evidence, which would only be weakened, and
//! which paths between two entities would break.

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use crate::graph::TieGraph;
use crate::query::{Path, PathMode, PathQuery, QueryError, View, find_paths};
use crate::text::fold;

/// The source to take away.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceSelector {
    Document(String),
    Publisher(String),
}

/// What discrediting a source does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Impact {
    /// Claims every evidence item of which comes from the source.
    pub lost: Vec<EdgeIndex>,
    /// Claims that keep other evidence.
    pub weakened: Vec<EdgeIndex>,
    /// With `between`: the paths found before that would break (a hop left
    /// with no claim), and the shortest paths that remain afterwards.
    pub broken_paths: Vec<Path>,
    pub remaining_paths: Vec<Path>,
}

/// Computes the impact of discrediting `source`. With `between`, the paths
/// considered are every simple path up to `query.max_hops` (bounded by
/// `query.limit`), before and after.
///
/// Errors: a document or publisher the dataset does not have.
pub fn impact(
    graph: &TieGraph,
    source: &SourceSelector,
    between: Option<(NodeIndex, NodeIndex)>,
    reviews: &super::Reviews,
    query: &PathQuery,
) -> Result<Impact, QueryError> {
    let data = graph.dataset();
    let from_source: Box<dyn Fn(&crate::model::Evidence) -> bool> = match source {
        SourceSelector::Document(id) => {
            if graph.document(id).is_none() {
                return Err(QueryError::UnknownDocument {
                    id: id.clone(),
                    known: data.documents.iter().map(|d| d.id.clone()).collect(),
                });
            }
            let id = id.clone();
            Box::new(move |e| e.document == id)
        }
        SourceSelector::Publisher(name) => {
            let wanted = fold(name);
            if !data.documents.iter().any(|d| fold(&d.publisher) == wanted) {
                let mut known: Vec<String> =
                    data.documents.iter().map(|d| d.publisher.clone()).collect();
                known.sort();
                known.dedup();
                return Err(QueryError::UnknownPublisher {
                    name: name.clone(),
                    known,
                });
            }
            Box::new(move |e| {
                graph
                    .document(&e.document)
                    .is_some_and(|d| fold(&d.publisher) == wanted)
            })
        }
    };
    let mut lost = Vec::new();
    let mut weakened = Vec::new();
    for edge in graph.graph().edge_indices() {
        let claim = graph.claim(edge);
        let hits = claim.evidence.iter().filter(|e| from_source(e)).count();
        if hits == claim.evidence.len() && hits > 0 {
            lost.push(edge);
        } else if hits > 0 {
            weakened.push(edge);
        }
    }
    let (mut broken_paths, mut remaining_paths) = (Vec::new(), Vec::new());
    if let Some((a, b)) = between {
        let before = find_paths(graph, None, reviews, a, b, PathMode::AllSimple, query)?;
        for path in before.paths {
            let breaks = path
                .hops
                .iter()
                .any(|claims| claims.iter().all(|claim| lost.contains(claim)));
            if breaks {
                broken_paths.push(path);
            }
        }
        let mut after = View::all(graph);
        let mut kept = View::empty(graph);
        for node in after.nodes() {
            kept.insert_node(node);
        }
        for edge in after.edges() {
            if !lost.contains(&edge) {
                kept.insert_edge(edge);
            }
        }
        after = kept;
        remaining_paths = find_paths(
            graph,
            Some(&after),
            reviews,
            a,
            b,
            PathMode::AllShortest,
            query,
        )?
        .paths;
    }
    Ok(Impact {
        lost,
        weakened,
        broken_paths,
        remaining_paths,
    })
}

/// How an entity's standing under a measure changes when claims are taken
/// away (those a discredited source alone backs).
#[derive(Clone, Debug, PartialEq)]
pub struct RankShift {
    pub node: NodeIndex,
    pub before: f64,
    pub after: f64,
    /// 1 is first.
    pub rank_before: usize,
    pub rank_after: usize,
}

/// `measure` of every entity of `view`, before and after the claims `lost`
/// are taken away (the other claims keep their weights), ordered by how far
/// each entity falls, then by its rank before. "Zemskov's importance rests
/// on one outlet" reads as a fall from rank 5 to rank 60.
///
/// Complexity: twice the measure's.
pub fn rank_shifts(
    graph: &TieGraph,
    view: &View,
    lost: &[EdgeIndex],
    measure: crate::metrics::Measure,
    options: crate::metrics::Options,
) -> Vec<RankShift> {
    use crate::metrics::{Progress, compute};
    let progress = Progress::new();
    let mut after_view = View::empty(graph);
    for node in view.nodes() {
        after_view.insert_node(node);
    }
    for edge in view.edges().filter(|e| !lost.contains(e)) {
        after_view.insert_edge(edge);
    }
    let (Some(before), Some(after)) = (
        compute(graph, view, measure, options, &progress),
        compute(graph, &after_view, measure, options, &progress),
    ) else {
        return Vec::new();
    };
    let ranks = |scores: &crate::metrics::Scores| -> std::collections::HashMap<NodeIndex, usize> {
        scores
            .ranked(graph)
            .into_iter()
            .enumerate()
            .map(|(rank, (node, _))| (node, rank + 1))
            .collect()
    };
    let (rank_before, rank_after) = (ranks(&before), ranks(&after));
    let mut shifts: Vec<RankShift> = before
        .nodes
        .iter()
        .enumerate()
        .map(|(i, &node)| RankShift {
            node,
            before: before.values[i],
            after: after.values[i],
            rank_before: rank_before[&node],
            rank_after: rank_after[&node],
        })
        .collect();
    shifts.sort_by_key(|s| {
        (
            std::cmp::Reverse(s.rank_after as i64 - s.rank_before as i64),
            s.rank_before,
        )
    });
    shifts
}
