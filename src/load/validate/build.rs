//! The last step: the validated raw entries as a [`Dataset`].

use std::collections::HashMap;

use super::LoadedDocument;
use crate::load::walk::{RawFile, Sp};
use crate::model::{Claim, Conflict, Dataset, Document, Node};

/// Builds the dataset from entries that passed every check (`None` only if
/// the `[dataset]` table is missing, which was reported).
pub(super) fn build(
    raw: RawFile,
    texts: &HashMap<String, LoadedDocument>,
    claims: Vec<Claim>,
) -> Option<Dataset> {
    let text_of = |field: &Option<Sp<String>>| field.as_ref().map(|s| s.value.clone());
    let header = raw.dataset?;
    Some(Dataset {
        name: header.name.map(|n| n.value).unwrap_or_default(),
        description: text_of(&header.description),
        vocabulary: raw.vocabulary.clone(),
        documents: raw
            .documents
            .iter()
            .map(|d| {
                let id = text_of(&d.id).unwrap_or_default();
                let text = texts.get(&id).map(|t| t.text.clone()).unwrap_or_default();
                Document {
                    title: text_of(&d.title).unwrap_or_default(),
                    title_note: text_of(&d.title_note),
                    publisher: text_of(&d.publisher).unwrap_or_default(),
                    publisher_note: text_of(&d.publisher_note),
                    published: d.published.as_ref().map(|p| p.value.clone()),
                    path: text_of(&d.path).unwrap_or_default(),
                    note: text_of(&d.note),
                    id,
                    reliability: d.reliability,
                    text,
                }
            })
            .collect(),
        nodes: raw
            .nodes
            .into_iter()
            .filter_map(|n| {
                Some(Node {
                    id: n.id?.value,
                    kind: n.kind?.value,
                    label: n.label?.value,
                    aliases: n.aliases.into_iter().map(|a| a.value).collect(),
                    date: n.date.map(|d| d.value),
                    attributes: n.attributes,
                    note: n.note.map(|n| n.value),
                })
            })
            .collect(),
        claims,
        conflicts: raw
            .conflicts
            .into_iter()
            .filter_map(|c| {
                Some(Conflict {
                    id: c.id?.value,
                    description: c.description?.value,
                })
            })
            .collect(),
    })
}
