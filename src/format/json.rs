//! The JSON format: the whole graph, or the part a view shows, as
//! documents, nodes and edges with their evidence. The export writes it and
//! the loader reads it back (`load::json_import`), so the schema lives here,
//! below both.
//!
//! Shape (more fields than these are present):
//! `{"kinds"?:[{"id","meaning","shape"?,"colour"?}],
//!   "relations"?:[{"id","meaning","mutual"}],
//!   "documents":[{"id","title","publisher","published",…}],
//!   "nodes":[{"id","kind","label","aliases",…}],
//!   "edges":[{"id","source","target","kind","date"?,…,
//!             "evidence":[{"document","quote","start","end"}]}]}`
//!
//! `kinds` and `relations` are the dataset's own vocabulary, present only
//! when it declares one (the built-in vocabulary applies otherwise).
//! Dates are ISO 8601 strings (`2021-06`, `2021-06-13/2021-06-19`); `quote`
//! is the document's own text at `start..end` (byte offsets).

use serde::{Deserialize, Serialize};

use std::collections::HashSet;

use crate::graph::{TieGraph, View};
use crate::model::{Attributes, Dataset, DateSpec, Vocabulary};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonGraph {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kinds: Option<Vec<JsonKind>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relations: Option<Vec<JsonRelation>>,
    pub documents: Vec<JsonDocument>,
    pub nodes: Vec<JsonNode>,
    pub edges: Vec<JsonEdge>,
    #[serde(default)]
    pub conflicts: Vec<JsonConflict>,
}

/// A node kind the dataset declares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonKind {
    pub id: String,
    #[serde(default)]
    pub meaning: String,
    /// A Graphviz shape name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<String>,
    /// `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
}

/// A relation the dataset declares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonRelation {
    pub id: String,
    #[serde(default)]
    pub meaning: String,
    /// Absent: as the built-in relation of that id, else not mutual.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mutual: Option<bool>,
}

/// The declared parts of a vocabulary, as JSON.
fn vocabulary_fields(
    vocabulary: &Vocabulary,
) -> (Option<Vec<JsonKind>>, Option<Vec<JsonRelation>>) {
    let kinds = vocabulary.declared_kinds.then(|| {
        vocabulary
            .kinds
            .iter()
            .map(|kind| JsonKind {
                id: kind.kind.to_string(),
                meaning: kind.meaning.clone(),
                shape: kind.shape.map(|shape| shape.as_str().to_string()),
                colour: kind.rgb.map(|[r, g, b]| format!("#{r:02x}{g:02x}{b:02x}")),
            })
            .collect()
    });
    let relations = vocabulary.declared_relations.then(|| {
        vocabulary
            .relations
            .iter()
            .map(|relation| JsonRelation {
                id: relation.relation.to_string(),
                meaning: relation.meaning.clone(),
                mutual: Some(relation.mutual),
            })
            .collect()
    });
    (kinds, relations)
}

/// A date as ISO 8601 plus its uncertainty flags.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonDate {
    pub value: String,
    #[serde(default)]
    pub approximate: bool,
    #[serde(default)]
    pub inferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonDocument {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_note: Option<String>,
    pub publisher: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher_note: Option<String>,
    /// ISO 8601 publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_detail: Option<JsonDate>,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Reliability grade of the source, A–F.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<crate::model::Reliability>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonNode {
    pub id: String,
    pub kind: String,
    pub label: String,
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_detail: Option<JsonDate>,
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonEvidence {
    pub document: String,
    /// The document's text at `start..end`, exactly.
    pub quote: String,
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub according_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relayed_from: Option<String>,
    /// A record standing in for a quote (FollowTheMoney imports): the
    /// evidence is unverified and `quote` only says what the record is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<crate::model::EvidenceRecord>,
    /// What kind of statement the passage is (`stated` when absent).
    #[serde(default, skip_serializing_if = "crate::model::Modality::is_stated")]
    pub modality: crate::model::Modality,
    /// Credibility grade of the item, 1–6.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credibility: Option<crate::model::Credibility>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonEdge {
    pub id: String,
    pub source: String,
    pub target: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_detail: Option<JsonDate>,
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<String>,
    pub evidence: Vec<JsonEvidence>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonConflict {
    pub id: String,
    pub description: String,
    pub claims: Vec<String>,
}

impl JsonDate {
    /// A date with its flags.
    pub fn of(date: &DateSpec) -> Self {
        JsonDate {
            value: date.to_string(),
            approximate: date.approximate,
            inferred: date.inferred,
            note: date.note.clone(),
        }
    }

    /// The date it holds, flags included.
    pub fn to_date(&self) -> Result<DateSpec, crate::model::DateError> {
        let mut date = DateSpec::parse_value(&self.value)?;
        date.approximate = self.approximate;
        date.inferred = self.inferred;
        date.note = self.note.clone();
        Ok(date)
    }
}

fn date_fields(date: &Option<DateSpec>) -> (Option<String>, Option<JsonDate>) {
    match date {
        None => (None, None),
        Some(date) => (
            Some(date.to_string()),
            Some(JsonDate {
                value: date.to_string(),
                approximate: date.approximate,
                inferred: date.inferred,
                note: date.note.clone(),
            }),
        ),
    }
}

impl JsonGraph {
    /// The whole dataset, in dataset order.
    pub fn from_dataset(dataset: &Dataset) -> Self {
        Self::select(dataset, |_| true, |_| true)
    }

    /// The part of the graph a view shows, in dataset order, with only the
    /// documents its claims cite and the conflicts they take part in.
    pub fn from_view(graph: &TieGraph, view: &View) -> Self {
        let nodes: HashSet<usize> = view.nodes().map(|n| graph.graph()[n]).collect();
        let claims: HashSet<usize> = view
            .edges_with_both_ends(graph)
            .map(|e| graph.graph()[e])
            .collect();
        let mut json = Self::select(
            graph.dataset(),
            |i| nodes.contains(&i),
            |i| claims.contains(&i),
        );
        let cited: HashSet<&str> = json
            .edges
            .iter()
            .flat_map(|e| e.evidence.iter().map(|v| v.document.as_str()))
            .collect();
        let cited: HashSet<String> = cited.into_iter().map(str::to_string).collect();
        json.documents.retain(|d| cited.contains(&d.id));
        json.conflicts.retain(|c| !c.claims.is_empty());
        json
    }

    /// Nodes and claims chosen by their positions in the dataset.
    fn select(
        dataset: &Dataset,
        keep_node: impl Fn(usize) -> bool,
        keep_claim: impl Fn(usize) -> bool,
    ) -> Self {
        let kept_claims: HashSet<&str> = dataset
            .claims
            .iter()
            .enumerate()
            .filter(|(i, _)| keep_claim(*i))
            .map(|(_, c)| c.id.as_str())
            .collect();
        let (kinds, relations) = vocabulary_fields(&dataset.vocabulary);
        JsonGraph {
            name: dataset.name.clone(),
            description: dataset.description.clone(),
            kinds,
            relations,
            documents: dataset
                .documents
                .iter()
                .map(|document| {
                    let (published, published_detail) = date_fields(&document.published);
                    JsonDocument {
                        id: document.id.clone(),
                        title: document.title.clone(),
                        title_note: document.title_note.clone(),
                        publisher: document.publisher.clone(),
                        publisher_note: document.publisher_note.clone(),
                        published,
                        published_detail,
                        path: document.path.clone(),
                        note: document.note.clone(),
                        reliability: document.reliability,
                    }
                })
                .collect(),
            nodes: dataset
                .nodes
                .iter()
                .enumerate()
                .filter(|(i, _)| keep_node(*i))
                .map(|(_, node)| {
                    let (date, date_detail) = date_fields(&node.date);
                    JsonNode {
                        id: node.id.clone(),
                        kind: node.kind.to_string(),
                        label: node.label.clone(),
                        aliases: node.aliases.clone(),
                        date,
                        date_detail,
                        attributes: node.attributes.clone(),
                        note: node.note.clone(),
                    }
                })
                .collect(),
            edges: dataset
                .claims
                .iter()
                .enumerate()
                .filter(|(i, _)| keep_claim(*i))
                .map(|(_, claim)| {
                    let (date, date_detail) = date_fields(&claim.date);
                    JsonEdge {
                        id: claim.id.clone(),
                        source: claim.from.to_string(),
                        target: claim.to.to_string(),
                        kind: claim.relation.to_string(),
                        date,
                        date_detail,
                        attributes: claim.attributes.clone(),
                        note: claim.note.clone(),
                        conflict: claim.conflict.clone(),
                        evidence: claim
                            .evidence
                            .iter()
                            .map(|evidence| JsonEvidence {
                                document: evidence.document.to_string(),
                                quote: dataset
                                    .evidence_text(evidence)
                                    .unwrap_or(&evidence.quote)
                                    .to_string(),
                                start: evidence.start,
                                end: evidence.end,
                                according_to: evidence.according_to.clone(),
                                relayed_from: evidence.relayed_from.clone(),
                                record: evidence.record.as_deref().cloned(),
                                modality: evidence.modality,
                                credibility: evidence.credibility,
                            })
                            .collect(),
                    }
                })
                .collect(),
            conflicts: dataset
                .conflicts
                .iter()
                .map(|conflict| JsonConflict {
                    id: conflict.id.clone(),
                    description: conflict.description.clone(),
                    claims: dataset
                        .conflict_claims(&conflict.id)
                        .filter(|claim| kept_claims.contains(claim.id.as_str()))
                        .map(|claim| claim.id.clone())
                        .collect(),
                })
                .collect(),
        }
    }

    /// Pretty-printed JSON with a trailing newline.
    pub fn to_string_pretty(&self) -> Result<String, serde_json::Error> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        Ok(text)
    }
}
