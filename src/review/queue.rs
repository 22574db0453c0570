//! The review queue: every claim in an order the reviewer chooses, and the
//! next or previous one still unreviewed.

use petgraph::stable_graph::EdgeIndex;

use super::{ReviewStatus, Reviews};
use crate::graph::TieGraph;

/// The order claims are reviewed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum QueueOrder {
    /// Document by document, in the order of the passages.
    #[default]
    ByDocument,
    /// Entity by entity (by the claim's first entity's name).
    ByEntity,
    /// Fewest independent sources first, so the weakest links are checked first.
    WeakestFirst,
}

impl QueueOrder {
    pub const ALL: [QueueOrder; 3] = [
        QueueOrder::ByDocument,
        QueueOrder::ByEntity,
        QueueOrder::WeakestFirst,
    ];

    pub fn label(self) -> &'static str {
        match self {
            QueueOrder::ByDocument => "by document",
            QueueOrder::ByEntity => "by entity",
            QueueOrder::WeakestFirst => "weakest evidence first",
        }
    }
}

/// Every claim in `order`, ties broken by claim id.
pub fn ordered_claims(graph: &TieGraph, order: QueueOrder) -> Vec<EdgeIndex> {
    let mut claims: Vec<EdgeIndex> = graph.graph().edge_indices().collect();
    let data = graph.dataset();
    let document_rank = |id: &str| {
        data.documents
            .iter()
            .position(|d| d.id == id)
            .unwrap_or(usize::MAX)
    };
    claims.sort_by_cached_key(|&edge| {
        let claim = graph.claim(edge);
        let first = claim.evidence.first();
        let key: (usize, usize, String) = match order {
            QueueOrder::ByDocument => (
                first.map_or(usize::MAX, |e| document_rank(&e.document)),
                first.map_or(0, |e| e.start),
                String::new(),
            ),
            QueueOrder::ByEntity => (
                0,
                0,
                graph
                    .node_index(&claim.from)
                    .map_or_else(String::new, |n| graph.node(n).label.to_lowercase()),
            ),
            // Weakest: the strongest kind of statement any passage makes
            // (an opinion-only claim before a stated one), then sources.
            QueueOrder::WeakestFirst => (
                usize::from(
                    u8::MAX
                        - claim
                            .evidence
                            .iter()
                            .map(|e| e.modality.weakness())
                            .min()
                            .unwrap_or(u8::MAX),
                ),
                graph.sources(edge) * 1000 + claim.evidence.len(),
                String::new(),
            ),
        };
        (key, claim.id.clone())
    });
    claims
}

/// The first unreviewed claim after `current` (or from the start), in
/// `order`; wraps around. `None` when everything is reviewed.
pub fn next_unreviewed(
    graph: &TieGraph,
    reviews: &Reviews,
    order: QueueOrder,
    current: Option<EdgeIndex>,
) -> Option<EdgeIndex> {
    step(graph, reviews, order, current, false)
}

/// The first unreviewed claim before `current`, in `order`; wraps around.
pub fn previous_unreviewed(
    graph: &TieGraph,
    reviews: &Reviews,
    order: QueueOrder,
    current: Option<EdgeIndex>,
) -> Option<EdgeIndex> {
    step(graph, reviews, order, current, true)
}

fn step(
    graph: &TieGraph,
    reviews: &Reviews,
    order: QueueOrder,
    current: Option<EdgeIndex>,
    backwards: bool,
) -> Option<EdgeIndex> {
    let mut claims = ordered_claims(graph, order);
    if backwards {
        claims.reverse();
    }
    let start = current
        .and_then(|c| claims.iter().position(|&e| e == c))
        .map_or(0, |i| i + 1);
    let n = claims.len();
    (0..n).map(|k| claims[(start + k) % n.max(1)]).find(|&e| {
        Some(e) != current && reviews.status(&graph.claim(e).id) == ReviewStatus::Unreviewed
    })
}

/// Reviewed claims out of all, overall and per document (in dataset order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub reviewed: usize,
    pub total: usize,
    /// (document id, reviewed, total) for claims citing each document.
    pub per_document: Vec<(String, usize, usize)>,
}

pub fn progress(graph: &TieGraph, reviews: &Reviews) -> Progress {
    let reviewed =
        |edge: EdgeIndex| reviews.status(&graph.claim(edge).id) != ReviewStatus::Unreviewed;
    let edges: Vec<EdgeIndex> = graph.graph().edge_indices().collect();
    Progress {
        reviewed: edges.iter().filter(|&&e| reviewed(e)).count(),
        total: edges.len(),
        per_document: graph
            .dataset()
            .documents
            .iter()
            .map(|d| {
                let cited: Vec<EdgeIndex> = edges
                    .iter()
                    .copied()
                    .filter(|&e| graph.claim(e).evidence.iter().any(|v| v.document == d.id))
                    .collect();
                (
                    d.id.clone(),
                    cited.iter().filter(|&&e| reviewed(e)).count(),
                    cited.len(),
                )
            })
            .collect(),
    }
}
