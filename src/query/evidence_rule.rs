//! [`EvidenceRule`]: which evidence items count, by what kind of statement
//! they are and how they are graded: "stated or reported only",
//! "reliability B or better", "credibility 3 or better". A claim passes
//! when at least one of its evidence items does. Filters and path queries
//! share it.

use serde::{Deserialize, Serialize};

use crate::graph::TieGraph;
use crate::model::{Claim, Credibility, Evidence, Reliability, Reviews};

/// What an evidence item needs to count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EvidenceRule {
    /// Only passages that report the claim as a fact (stated or reported),
    /// not opinions, plans, talks, hedges or denials.
    pub factual_only: bool,
    /// The document's reliability at least this (an ungraded document
    /// does not pass).
    pub min_reliability: Option<Reliability>,
    /// The item's credibility at least this (an ungraded item does not
    /// pass).
    pub min_credibility: Option<Credibility>,
}

impl EvidenceRule {
    /// Whether it lets every item through.
    pub fn is_any(&self) -> bool {
        *self == EvidenceRule::default()
    }

    /// Whether `evidence` of `claim` counts. A reviewer's grade (in the
    /// reviews sidecar) takes the place of the dataset's. O(1).
    pub fn admits_evidence(
        &self,
        graph: &TieGraph,
        reviews: Option<&Reviews>,
        claim: &Claim,
        evidence: &Evidence,
    ) -> bool {
        if self.factual_only && !evidence.modality.is_factual() {
            return false;
        }
        if let Some(least) = self.min_reliability {
            let graded = reviews
                .and_then(|r| r.reliability(&evidence.document))
                .or_else(|| {
                    graph
                        .document(&evidence.document)
                        .and_then(|d| d.reliability)
                });
            if !graded.is_some_and(|r| r.at_least(least)) {
                return false;
            }
        }
        if let Some(least) = self.min_credibility {
            let graded = reviews
                .and_then(|r| r.credibility(&claim.id, &evidence.document, &evidence.quote))
                .or(evidence.credibility);
            if !graded.is_some_and(|c| c.at_least(least)) {
                return false;
            }
        }
        true
    }

    /// Whether a claim passes: some evidence item counts. O(evidence).
    pub fn admits(&self, graph: &TieGraph, reviews: Option<&Reviews>, claim: &Claim) -> bool {
        self.is_any()
            || claim
                .evidence
                .iter()
                .any(|e| self.admits_evidence(graph, reviews, claim, e))
    }
}
