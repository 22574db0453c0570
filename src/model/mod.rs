//! The domain model: documents, entities (nodes), claims (edges) and evidence.
//!
//! A [`Dataset`] here is already validated: every reference resolves, every
//! quote has been found in its document and its byte range recorded. The
//! loader in [`crate::load`] is the only way to build one from a file.

mod attributes;
mod builtin;
mod date;
mod grading;
mod kinds;
mod review;
mod vocabulary;

pub use crate::text::SharedStr;
pub use attributes::Attributes;
pub use date::{DateError, DateSpec, Day, PartialDate, iso_day};
pub use grading::{Credibility, Modality, Reliability};
pub use kinds::{NodeKind, Relation, valid_word};
pub use review::{
    CheckedQuote, ClaimReview, DocumentGrade, GradedQuote, ReviewStatus, Reviews, now_rfc3339,
};
pub use vocabulary::{
    KindDefinition, RelationDefinition, Shape, Vocabulary, builtin_kinds, builtin_relations,
    complete_kind, complete_relation, parse_colour,
};

/// A source document of the corpus, with its full text.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub title_note: Option<String>,
    /// "unknown" unless the text itself names its publisher.
    pub publisher: String,
    pub publisher_note: Option<String>,
    pub published: Option<DateSpec>,
    /// Path relative to the dataset's folder, as written in the dataset.
    pub path: String,
    pub note: Option<String>,
    /// The document's text, exactly as on disk.
    pub text: String,
    /// How reliable its source is (A–F), if graded.
    pub reliability: Option<Reliability>,
}

impl Document {
    /// Whether the publisher is named by the text.
    pub fn publisher_known(&self) -> bool {
        !self.publisher.eq_ignore_ascii_case("unknown")
    }
}

/// One real-world entity.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
    /// The display name.
    pub label: String,
    /// Other spellings the sources use.
    pub aliases: Vec<String>,
    pub date: Option<DateSpec>,
    pub attributes: Attributes,
    pub note: Option<String>,
}

/// A passage of a document that states a claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// The id of the [`Document`] (shared: millions of items name a few
    /// thousand documents).
    pub document: SharedStr,
    /// The quote as the curator wrote it (shared where a dataset repeats it).
    pub quote: SharedStr,
    /// Byte range of the quote in the document's text. The text at this range
    /// is what users are shown; it may differ from `quote` in whitespace and
    /// typographic punctuation only.
    pub start: usize,
    pub end: usize,
    /// Who makes the claim, where the text says ("documents seen by Myanmar Now").
    pub according_to: Option<String>,
    /// The outlet this passage only relays, where the dataset says so: the
    /// passage then counts as one source with that outlet, not its own.
    pub relayed_from: Option<String>,
    /// For evidence with no text to check (a record of a published dataset,
    /// as FollowTheMoney imports bring): where it comes from. Such evidence
    /// has an empty range, its `quote` says what the record is, and it is
    /// counted and shown as unverified, never as a quote. Boxed: almost no
    /// evidence has one, and large imports hold millions of evidence items.
    pub record: Option<Box<EvidenceRecord>>,
    /// What kind of statement the passage makes (stated by default).
    pub modality: Modality,
    /// How credible the item is (1–6), if graded.
    pub credibility: Option<Credibility>,
}

impl Evidence {
    /// Evidence that is a record with no text to check: an empty range, a
    /// `quote` saying what the record is.
    pub fn from_record(
        document: SharedStr,
        record: EvidenceRecord,
        (according_to, relayed_from): (Option<String>, Option<String>),
    ) -> Self {
        Evidence {
            document,
            quote: record.describe().into(),
            start: 0,
            end: 0,
            according_to,
            relayed_from,
            record: Some(Box::new(record)),
            modality: Modality::Stated,
            credibility: None,
        }
    }
}

/// Where an unverified evidence item comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EvidenceRecord {
    /// The dataset that published it (`us_ofac_sdn`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset: Option<String>,
    /// Its id in that dataset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
}

impl EvidenceRecord {
    /// What the record is, in words, shown where a quote would be.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(id) = &self.record_id {
            parts.push(format!("record {id}"));
        } else {
            parts.push("a record".to_string());
        }
        if let Some(dataset) = &self.dataset {
            parts.push(format!("in {dataset}"));
        }
        if let Some(url) = &self.source_url {
            parts.push(format!("at {url}"));
        }
        format!("[{}; no text to check]", parts.join(" "))
    }
}

/// A stated relation between two nodes: one edge of the graph.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// Stable id: explicit, or `<from>--<relation>--<to>`.
    pub id: String,
    /// The ids of its ends (shared with every other claim on them).
    pub from: SharedStr,
    pub relation: Relation,
    pub to: SharedStr,
    pub date: Option<DateSpec>,
    pub attributes: Attributes,
    pub note: Option<String>,
    /// The id of the [`Conflict`] this claim takes part in.
    pub conflict: Option<String>,
    /// Never empty.
    pub evidence: Vec<Evidence>,
}

impl Claim {
    /// The id a claim gets when the dataset gives none.
    pub fn default_id(from: &str, relation: Relation, to: &str) -> String {
        format!("{from}--{relation}--{to}")
    }
}

/// A point on which sources disagree; claims refer to it by id.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub id: String,
    pub description: String,
}

/// A validated dataset.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub name: String,
    pub description: Option<String>,
    /// The kinds and relations its entities and claims use.
    pub vocabulary: Vocabulary,
    pub documents: Vec<Document>,
    pub nodes: Vec<Node>,
    pub claims: Vec<Claim>,
    pub conflicts: Vec<Conflict>,
}

impl Dataset {
    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|document| document.id == id)
    }

    /// The text of an evidence item exactly as its document has it.
    /// `None` when the document's text is not available (imported data).
    pub fn evidence_text(&self, evidence: &Evidence) -> Option<&str> {
        self.document(&evidence.document)
            .and_then(|document| document.text.get(evidence.start..evidence.end))
            .filter(|text| !text.is_empty())
    }

    /// The claims taking part in a conflict.
    pub fn conflict_claims<'a>(&'a self, conflict: &'a str) -> impl Iterator<Item = &'a Claim> {
        self.claims
            .iter()
            .filter(move |claim| claim.conflict.as_deref() == Some(conflict))
    }
}
