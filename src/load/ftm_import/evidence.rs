//! The evidence of a relationship, never invented: for tiegraph's own
//! exports, each item at its recorded place in its document; for foreign
//! data, each `description` that one of its `proof` documents contains, at
//! word boundaries and long enough to be a passage; otherwise a record
//! (dataset, record id, source URL), unverified.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::Reporter;
use super::lines::Read;
use crate::format::ftm::{ClaimMeta, FtmEntity, tiegraph_id};
use crate::load::diagnostic::DiagnosticKind;
use crate::load::quote::{NormalizedText, locate, normalize_quote};
use crate::model::{Document, Evidence, EvidenceRecord};

/// Shortest description taken as a quote: a passage, not a word that
/// happens to occur in the document ("Owner" in "Owners of the vessel").
const MIN_QUOTE_CHARS: usize = 20;
const MIN_QUOTE_WORDS: usize = 4;

/// The documents read, by position: by FtM id, by tiegraph id, and their
/// texts normalised for finding quotes.
pub(super) struct Documents {
    pub(super) list: Vec<Document>,
    pub(super) by_ftm: HashMap<String, usize>,
    pub(super) by_id: HashMap<String, usize>,
    pub(super) texts: HashMap<usize, NormalizedText>,
    /// Tiegraph ids taken by documents (entities have their own).
    pub(super) taken: HashSet<String>,
    /// Documents standing for a dataset's records, by dataset and publisher.
    records: BTreeMap<String, usize>,
}

impl Documents {
    pub(super) fn new(
        list: Vec<Document>,
        by_ftm: HashMap<String, usize>,
        taken: HashSet<String>,
    ) -> Self {
        let by_id = list
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        let texts = list
            .iter()
            .enumerate()
            .filter(|(_, d)| !d.text.is_empty())
            .map(|(i, d)| (i, NormalizedText::new(&d.text)))
            .collect();
        Documents {
            list,
            by_ftm,
            by_id,
            texts,
            taken,
            records: BTreeMap::new(),
        }
    }
}

/// The evidence of a relationship tiegraph exported: each item the text of
/// its document at the recorded range, which must also be one of the
/// relationship's descriptions (as tiegraph wrote them); anything else is
/// an error, since tiegraph wrote both from the same text.
pub(super) fn own_evidence(
    r: &mut Reporter,
    read: &Read,
    meta: &ClaimMeta,
    documents: &Documents,
) -> Option<Vec<Evidence>> {
    let descriptions = read.entity.values("description");
    let mut evidence = Vec::new();
    for item in &meta.evidence {
        if let Some(record) = &item.record {
            evidence.push(Evidence::from_record(
                item.document.clone().into(),
                record.clone(),
                (item.according_to.clone(), item.relayed_from.clone()),
            ));
            continue;
        }
        let Some(&position) = documents.by_id.get(&item.document) else {
            r.at(
                (read.line, 1),
                DiagnosticKind::DanglingReference,
                "proof",
                format!(
                    "claim `{}` cites document `{}`, which is not in the file",
                    meta.id, item.document
                ),
            );
            return None;
        };
        // A document without its text: the quote as given, as the CSV and
        // JSON imports keep it.
        if documents.list[position].text.is_empty()
            && let Some(quote) = &item.quote
        {
            evidence.push(Evidence {
                document: item.document.clone().into(),
                quote: quote.clone().into(),
                start: item.start,
                end: item.end,
                according_to: item.according_to.clone(),
                relayed_from: item.relayed_from.clone(),
                record: None,
                modality: item.modality,
                credibility: item.credibility,
            });
            continue;
        }
        let quote = documents.list[position]
            .text
            .get(item.start..item.end)
            .filter(|q| !q.trim().is_empty())
            .filter(|q| {
                let wanted = normalize_quote(q);
                descriptions.iter().any(|d| normalize_quote(d) == wanted)
            });
        let Some(quote) = quote else {
            r.at(
                (read.line, 1),
                DiagnosticKind::QuoteNotFound,
                "description",
                format!(
                    "claim `{}`: no description is the text of document `{}` at bytes {}–{}",
                    meta.id, item.document, item.start, item.end
                ),
            );
            return None;
        };
        evidence.push(Evidence {
            document: item.document.clone().into(),
            quote: quote.into(),
            start: item.start,
            end: item.end,
            according_to: item.according_to.clone(),
            relayed_from: item.relayed_from.clone(),
            record: None,
            modality: item.modality,
            credibility: item.credibility,
        });
    }
    Some(evidence)
}

/// Whether `range` of `text` starts and ends at word boundaries.
fn at_word_boundaries(text: &str, range: &std::ops::Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The evidence of a foreign relationship: each `description` value, long
/// enough to be a passage, that one of its `proof` documents contains at
/// word boundaries, as the document's own text there. Empty when none is
/// (the caller keeps a record instead).
pub(super) fn foreign_evidence(read: &Read, documents: &Documents) -> Vec<Evidence> {
    let proofs: Vec<usize> = read
        .entity
        .values("proof")
        .iter()
        .filter_map(|id| documents.by_ftm.get(id).copied())
        .collect();
    let mut evidence = Vec::new();
    for description in read.entity.values("description") {
        let passage = description.trim().chars().count() >= MIN_QUOTE_CHARS
            || description.split_whitespace().count() >= MIN_QUOTE_WORDS;
        if !passage {
            continue;
        }
        for &position in &proofs {
            let text = &documents.list[position].text;
            let found = documents
                .texts
                .get(&position)
                .and_then(|normalized| locate(normalized, description))
                .filter(|range| at_word_boundaries(text, range));
            if let Some(range) = found {
                evidence.push(Evidence {
                    document: documents.list[position].id.clone().into(),
                    quote: text[range.clone()].into(),
                    start: range.start,
                    end: range.end,
                    according_to: None,
                    relayed_from: None,
                    record: None,
                    modality: Default::default(),
                    credibility: None,
                });
                break;
            }
        }
    }
    evidence
}

/// A record standing in for a quote: the relationship's dataset, record id
/// and source URL, cited to its proof document or, without one, to a
/// document standing for the dataset (publisher as given, no text).
pub(super) fn record_evidence(
    entity: &FtmEntity,
    file_name: &str,
    documents: &mut Documents,
) -> Evidence {
    let dataset = entity
        .datasets
        .first()
        .cloned()
        .unwrap_or_else(|| file_name.to_string());
    let record = EvidenceRecord {
        dataset: Some(dataset.clone()),
        record_id: entity
            .first("recordId")
            .map(str::to_string)
            .or_else(|| Some(entity.id.clone())),
        source_url: entity.first("sourceUrl").map(str::to_string),
    };
    let proof = entity
        .values("proof")
        .iter()
        .find_map(|id| documents.by_ftm.get(id).copied());
    let document = match proof {
        Some(position) => documents.list[position].id.clone(),
        None => {
            let publisher = entity.first("publisher").unwrap_or("unknown").to_string();
            let key = format!("{dataset}\u{0}{publisher}");
            match documents.records.get(&key) {
                Some(&position) => documents.list[position].id.clone(),
                None => {
                    let id = super::unique(
                        &mut documents.taken,
                        tiegraph_id(&format!("records-{dataset}"), 'd'),
                    );
                    documents.records.insert(key, documents.list.len());
                    documents.by_id.insert(id.clone(), documents.list.len());
                    documents.list.push(Document {
                        id: id.clone(),
                        title: format!("Records of {dataset}"),
                        title_note: Some("stands for the dataset's records; no text".into()),
                        publisher,
                        publisher_note: None,
                        published: None,
                        path: String::new(),
                        note: None,
                        reliability: None,
                        text: String::new(),
                    });
                    id
                }
            }
        }
    };
    Evidence::from_record(document.into(), record, (None, None))
}
