//! What the interchange formats (GEXF, Cypher, Neo4j CSV, FollowTheMoney)
//! say about each claim beyond its ends: its evidence item by item, its
//! independent sources, its review status and its dates widened to days.
//! Computed once here so the formats cannot disagree.

use petgraph::stable_graph::EdgeIndex;

use super::ExportOptions;
use crate::graph::{TieGraph, View};
use crate::model::{Claim, DateSpec, Evidence, ReviewStatus, iso_day};

/// One evidence item as exports write it: the document's own text at the
/// byte range, and who said it.
pub struct EvidenceFacts<'a> {
    pub document: &'a str,
    pub publisher: &'a str,
    pub quote: &'a str,
    pub start: usize,
    pub end: usize,
    pub according_to: Option<&'a str>,
    pub relayed_from: Option<&'a str>,
    /// A quote found in its document; false for a record with no text to
    /// check (whose `quote` only says what the record is).
    pub verified: bool,
    /// What kind of statement it is (`stated`, `opinion`, …).
    pub modality: &'static str,
    /// The item's credibility (1–6) and its document's reliability (A–F),
    /// as text; empty when not graded.
    pub credibility: String,
    pub reliability: String,
}

/// A claim of the view, with what every interchange format writes.
pub struct ClaimFacts<'a> {
    pub index: EdgeIndex,
    pub claim: &'a Claim,
    pub evidence: Vec<EvidenceFacts<'a>>,
    /// Independent sources (distinct publishers).
    pub sources: usize,
    pub review: ReviewStatus,
    pub mutual: bool,
}

impl<'a> ClaimFacts<'a> {
    /// Whether any evidence item is graded (credibility or reliability).
    pub fn graded(&self) -> bool {
        self.evidence
            .iter()
            .any(|e| !e.credibility.is_empty() || !e.reliability.is_empty())
    }

    /// The claims of `view` whose ends are both in it, in dataset order.
    pub fn of_view(
        graph: &'a TieGraph,
        view: &View,
        options: &ExportOptions<'_>,
    ) -> Vec<ClaimFacts<'a>> {
        let mut edges: Vec<EdgeIndex> = view.edges_with_both_ends(graph).collect();
        edges.sort_by_key(|&e| graph.graph()[e]);
        edges
            .into_iter()
            .map(|index| {
                let claim = graph.claim(index);
                ClaimFacts {
                    index,
                    claim,
                    evidence: claim
                        .evidence
                        .iter()
                        .map(|e| evidence_facts(graph, e))
                        .collect(),
                    sources: graph.sources(index),
                    review: options
                        .reviews
                        .map_or(ReviewStatus::Unreviewed, |r| r.status(&claim.id)),
                    mutual: graph.dataset().vocabulary.is_mutual(claim.relation),
                }
            })
            .collect()
    }

    /// The values of one evidence field, in evidence order.
    pub fn each<T>(&self, field: impl Fn(&EvidenceFacts<'a>) -> T) -> Vec<T> {
        self.evidence.iter().map(field).collect()
    }
}

fn evidence_facts<'a>(graph: &'a TieGraph, evidence: &'a Evidence) -> EvidenceFacts<'a> {
    EvidenceFacts {
        document: &evidence.document,
        publisher: graph
            .document(&evidence.document)
            .map_or("unknown", |d| d.publisher.as_str()),
        quote: graph.evidence_text(evidence),
        start: evidence.start,
        end: evidence.end,
        according_to: evidence.according_to.as_deref(),
        relayed_from: evidence.relayed_from.as_deref(),
        verified: evidence.record.is_none(),
        modality: evidence.modality.name(),
        credibility: evidence
            .credibility
            .map(|c| c.to_string())
            .unwrap_or_default(),
        reliability: graph
            .document(&evidence.document)
            .and_then(|d| d.reliability)
            .map(|r| r.to_string())
            .unwrap_or_default(),
    }
}

/// The documents the claims cite, in dataset order.
pub fn cited_documents<'a>(
    graph: &'a TieGraph,
    claims: &[ClaimFacts<'_>],
) -> Vec<&'a crate::model::Document> {
    let mut cited: Vec<&str> = claims
        .iter()
        .flat_map(|c| c.evidence.iter().map(|e| e.document))
        .collect();
    cited.sort_unstable();
    cited.dedup();
    graph
        .dataset()
        .documents
        .iter()
        .filter(|d| cited.binary_search(&d.id.as_str()).is_ok())
        .collect()
}

/// A date's interval in whole days, `YYYY-MM-DD` each: "2021-06" is
/// 2021-06-01 to 2021-06-30.
pub fn day_interval(date: &DateSpec) -> (String, String) {
    (iso_day(date.first_day()), iso_day(date.last_day()))
}
