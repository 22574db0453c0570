//! Counts a curator or reviewer wants at a glance: by kind, by relation, per
//! document, conflicts and inferred dates.

use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::fmt;

use crate::model::{Dataset, DateSpec, NodeKind, Relation};

/// Per-document coverage.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentCount {
    pub id: String,
    pub publisher: String,
    /// Claims with at least one evidence item from this document.
    pub claims: usize,
    /// Evidence items quoting this document.
    pub quotes: usize,
}

/// Something carrying a date the text implies but never states.
#[derive(Clone, Debug, PartialEq)]
pub struct InferredDate {
    /// "node", "claim" or "document".
    pub what: &'static str,
    pub id: String,
    pub date: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stats {
    pub name: String,
    pub nodes: usize,
    pub claims: usize,
    pub quotes: usize,
    /// Every kind, including those with zero nodes, in vocabulary order.
    pub nodes_by_kind: Vec<(NodeKind, usize)>,
    /// Every relation, including unused ones, in vocabulary order.
    pub claims_by_relation: Vec<(Relation, usize)>,
    pub documents: Vec<DocumentCount>,
    /// Conflict id, description and the ids of its claims.
    pub conflicts: Vec<(String, String, Vec<String>)>,
    pub inferred_dates: Vec<InferredDate>,
    pub approximate_dates: usize,
    /// Evidence items by modality, every modality in scale order.
    pub evidence_by_modality: Vec<(crate::model::Modality, usize)>,
    /// Claims none of whose passages states or reports them as a fact.
    pub claims_not_factual: usize,
}

impl Stats {
    pub fn of(dataset: &Dataset) -> Self {
        let mut by_kind: BTreeMap<NodeKind, usize> = BTreeMap::new();
        for node in &dataset.nodes {
            *by_kind.entry(node.kind).or_default() += 1;
        }
        let mut by_relation: BTreeMap<Relation, usize> = BTreeMap::new();
        for claim in &dataset.claims {
            *by_relation.entry(claim.relation).or_default() += 1;
        }
        // One pass over the evidence, not one per document: imported datasets
        // have thousands of documents and hundreds of thousands of claims.
        let mut per_document: HashMap<&str, (usize, usize)> = HashMap::default();
        let mut cited: Vec<&str> = Vec::new();
        for claim in &dataset.claims {
            cited.clear();
            for evidence in &claim.evidence {
                let counts = per_document.entry(evidence.document.as_str()).or_default();
                counts.1 += 1;
                if !cited.contains(&evidence.document.as_str()) {
                    cited.push(evidence.document.as_str());
                    counts.0 += 1;
                }
            }
        }
        let documents = dataset
            .documents
            .iter()
            .map(|document| {
                let (claims, quotes) = per_document
                    .get(document.id.as_str())
                    .copied()
                    .unwrap_or_default();
                DocumentCount {
                    id: document.id.clone(),
                    publisher: document.publisher.clone(),
                    claims,
                    quotes,
                }
            })
            .collect();

        let mut inferred_dates = Vec::new();
        let mut approximate_dates = 0;
        let mut note = |what: &'static str, id: &str, date: &Option<DateSpec>| {
            if let Some(date) = date {
                if date.inferred {
                    inferred_dates.push(InferredDate {
                        what,
                        id: id.to_string(),
                        date: date.to_string(),
                    });
                }
                if date.approximate {
                    approximate_dates += 1;
                }
            }
        };
        for document in &dataset.documents {
            note("document", &document.id, &document.published);
        }
        for node in &dataset.nodes {
            note("node", &node.id, &node.date);
        }
        for claim in &dataset.claims {
            note("claim", &claim.id, &claim.date);
        }

        Stats {
            name: dataset.name.clone(),
            nodes: dataset.nodes.len(),
            claims: dataset.claims.len(),
            quotes: dataset
                .claims
                .iter()
                .map(|claim| claim.evidence.len())
                .sum(),
            nodes_by_kind: dataset
                .vocabulary
                .kinds
                .iter()
                .map(|d| (d.kind, by_kind.get(&d.kind).copied().unwrap_or(0)))
                .collect(),
            claims_by_relation: dataset
                .vocabulary
                .relations
                .iter()
                .map(|d| {
                    (
                        d.relation,
                        by_relation.get(&d.relation).copied().unwrap_or(0),
                    )
                })
                .collect(),
            documents,
            conflicts: dataset
                .conflicts
                .iter()
                .map(|conflict| {
                    (
                        conflict.id.clone(),
                        conflict.description.clone(),
                        dataset
                            .conflict_claims(&conflict.id)
                            .map(|claim| claim.id.clone())
                            .collect(),
                    )
                })
                .collect(),
            inferred_dates,
            approximate_dates,
            evidence_by_modality: crate::model::Modality::ALL
                .into_iter()
                .map(|m| {
                    let count = dataset
                        .claims
                        .iter()
                        .flat_map(|c| &c.evidence)
                        .filter(|e| e.modality == m)
                        .count();
                    (m, count)
                })
                .collect(),
            claims_not_factual: dataset
                .claims
                .iter()
                .filter(|c| !c.evidence.iter().any(|e| e.modality.is_factual()))
                .count(),
        }
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.name)?;
        writeln!(
            f,
            "{} nodes, {} claims, {} evidence quotes, {} documents",
            self.nodes,
            self.claims,
            self.quotes,
            self.documents.len()
        )?;
        writeln!(f, "\nNodes by kind:")?;
        for (kind, count) in &self.nodes_by_kind {
            writeln!(f, "  {:<16} {count:>5}", kind.as_str())?;
        }
        writeln!(f, "\nClaims by relation:")?;
        for (relation, count) in self.claims_by_relation.iter().filter(|(_, n)| *n > 0) {
            writeln!(f, "  {:<16} {count:>5}", relation.as_str())?;
        }
        writeln!(f, "\nEvidence by modality:")?;
        for (modality, count) in &self.evidence_by_modality {
            writeln!(
                f,
                "  {:<16} {count:>5}  {}",
                modality.name(),
                modality.meaning()
            )?;
        }
        writeln!(
            f,
            "  claims with no passage that states or reports them: {}",
            self.claims_not_factual
        )?;
        writeln!(f, "\nPer document:")?;
        writeln!(
            f,
            "  {:<28} {:>6} {:>6}  publisher",
            "document", "claims", "quotes"
        )?;
        for document in &self.documents {
            writeln!(
                f,
                "  {:<28} {:>6} {:>6}  {}",
                document.id, document.claims, document.quotes, document.publisher
            )?;
        }
        writeln!(f, "\nConflicts: {}", self.conflicts.len())?;
        for (id, description, claims) in &self.conflicts {
            writeln!(f, "  {id}: {description}")?;
            for claim in claims {
                writeln!(f, "    - {claim}")?;
            }
        }
        writeln!(
            f,
            "\nInferred dates: {} ({} dates approximate)",
            self.inferred_dates.len(),
            self.approximate_dates
        )?;
        for inferred in &self.inferred_dates {
            writeln!(
                f,
                "  {:<8} {:<60} {}",
                inferred.what, inferred.id, inferred.date
            )?;
        }
        Ok(())
    }
}
