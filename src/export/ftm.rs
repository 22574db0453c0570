//! FollowTheMoney entities, one JSON object per line, for OCCRP Aleph and
//! the OpenSanctions tools: entities as their schemata (Person,
//! Organization, Territory, Address, Event, Contract, Asset, …), source
//! documents as Document entities with their text, and every claim as an
//! interval entity (Membership, Directorship, Ownership, Associate,
//! Family, else UnknownLink with the relation as `role`) carrying its
//! evidence: `proof` → the documents, `description` → each quote exactly
//! as its document has it, `publisher`, `recordId` → the claim id, dates
//! → `date` or `startDate`/`endDate`, and in `summary` the claim in words
//! and whatever FtM has no property for (who a passage is according to,
//! notes, attributes, uncertain dates). The README's mapping table says
//! the same.
//!
//! `indexText` also holds tiegraph's own account of each entity (after
//! `tiegraph:`), so an export reads back without loss.

use std::collections::BTreeMap;

use super::ExportOptions;
use super::facts::{ClaimFacts, cited_documents};
use crate::format::ftm::{
    ClaimMeta, DocumentMeta, EvidenceMeta, FtmEntity, MetaDate, NodeMeta, ftm_id, ftm_name, schema,
    schema_for_kind, write_meta,
};
use crate::graph::{TieGraph, View};
use crate::model::{Claim, DateSpec};

/// Relations written as a typed FtM relationship when both ends fit its
/// schema (anything else is an UnknownLink): (relation, schema).
const TYPED: &[(&str, &str)] = &[
    ("member_of", "Membership"),
    ("part_of", "Membership"),
    ("led", "Membership"),
    ("holds_role", "Membership"),
    ("director_of", "Directorship"),
    ("owns", "Ownership"),
    ("employed_by", "Employment"),
    ("represents", "Representation"),
    ("associated_with", "Associate"),
    ("associate_of", "Associate"),
    ("family_of", "Family"),
    ("relative_of", "Family"),
    ("controls", "Control"),
];

/// Relations that make the entity at `from` take part in an Event at `to`
/// (`involved`), or organise it (`organizer`), besides the claim's own
/// UnknownLink.
const EVENT_ROLES: &[(&str, &str)] = &[
    ("attended", "involved"),
    ("met", "involved"),
    ("visited", "involved"),
    ("accompanied", "involved"),
    ("hosted", "organizer"),
    ("led", "organizer"),
];

fn date_properties(entity: &mut FtmEntity, date: &DateSpec) {
    match date.end {
        Some(end) => {
            entity.add("startDate", [date.start.to_string()]);
            entity.add("endDate", [end.to_string()]);
        }
        None => entity.add("date", [date.start.to_string()]),
    }
}

/// The schema a claim is written as: a typed relationship when its ends'
/// schemata fit, else UnknownLink (whose ends may be any Thing).
fn claim_schema(claim: &Claim, from: &str, to: &str) -> &'static str {
    let typed = TYPED
        .iter()
        .find(|(relation, _)| *relation == claim.relation.as_str())
        .and_then(|(_, name)| schema(name));
    let fits = |name: &str, range: &str| schema(name).is_some_and(|s| s.is_a(range));
    match typed {
        Some(typed) => match typed.edge {
            Some((_, source_range, _, target_range))
                if fits(from, source_range) && fits(to, target_range) =>
            {
                typed.name
            }
            _ => "UnknownLink",
        },
        None => "UnknownLink",
    }
}

/// Writes `view` as FollowTheMoney JSON lines: cited documents, entities,
/// then claims, each in dataset order.
///
/// Complexity: O(V + E + the text of the cited documents).
///
/// ```
/// let graph = tiegraph::graph::TieGraph::new(tiegraph::load::load_embedded().unwrap().dataset);
/// let view = tiegraph::graph::View::all(&graph);
/// let lines = tiegraph::export::ftm::to_ftm(&graph, &view, &Default::default());
/// assert!(lines.lines().any(|l| l.starts_with(r#"{"id":"n-alexander-basov","schema":"Person""#)));
/// ```
pub fn to_ftm(graph: &TieGraph, view: &View, options: &ExportOptions<'_>) -> String {
    let dataset = graph.dataset();
    let vocabulary = &dataset.vocabulary;
    let claims = ClaimFacts::of_view(graph, view, options);
    let mut nodes: Vec<_> = view.nodes().collect();
    nodes.sort_by_key(|&n| graph.graph()[n]);
    let node_schema: BTreeMap<&str, &'static str> = nodes
        .iter()
        .map(|&n| {
            let node = graph.node(n);
            (node.id.as_str(), schema_for_kind(node.kind.as_str()))
        })
        .collect();
    // Each entity is written as soon as it is made: a large graph's export
    // is never held twice.
    let mut out = String::new();
    let mut emit = |entity: FtmEntity| {
        if let Ok(line) = serde_json::to_string(&entity) {
            out.push_str(&line);
            out.push('\n');
        }
    };

    // Documents the claims cite, with their text.
    for document in cited_documents(graph, &claims) {
        let mut entity = FtmEntity::new(ftm_id('d', &document.id), "Document");
        entity.add("title", [document.title.as_str()]);
        // Document requires a file name; the dataset's path is the one it has.
        let file_name = if document.path.is_empty() {
            document.id.as_str()
        } else {
            document.path.as_str()
        };
        entity.add("fileName", [file_name]);
        // FtM strips white space from the ends of a text: the rest is the
        // bodyText, and what was stripped is in tiegraph's account.
        let body = document.text.trim();
        let before = &document.text[..document.text.len() - document.text.trim_start().len()];
        let after = &document.text[document.text.trim_end().len()..];
        entity.add("bodyText", [body]);
        if document.publisher_known() {
            entity.add("publisher", [document.publisher.as_str()]);
        }
        if let Some(published) = &document.published {
            entity.add("publishedAt", [published.start.to_string()]);
        }
        entity.add("notes", document.note.iter().map(String::as_str));
        entity.add(
            "indexText",
            [write_meta(&DocumentMeta {
                id: document.id.clone(),
                path: document.path.clone(),
                text_before: if body.is_empty() {
                    String::new()
                } else {
                    before.to_string()
                },
                text_after: if body.is_empty() {
                    document.text.clone()
                } else {
                    after.to_string()
                },
                title_note: document.title_note.clone(),
                publisher_note: document.publisher_note.clone(),
                published: document.published.as_ref().map(MetaDate::of),
            })],
        );
        emit(entity);
    }

    // Events learn who took part in them and who organised them.
    let mut event_roles: BTreeMap<&str, Vec<(&str, String)>> = BTreeMap::new();
    for facts in &claims {
        let claim = facts.claim;
        let (Some(&from), Some(&to)) = (
            node_schema.get(claim.from.as_str()),
            node_schema.get(claim.to.as_str()),
        ) else {
            continue;
        };
        if to == "Event"
            && schema(from).is_some_and(|s| s.is_a("LegalEntity"))
            && let Some((_, property)) = EVENT_ROLES
                .iter()
                .find(|(relation, _)| *relation == claim.relation.as_str())
        {
            event_roles
                .entry(claim.to.as_str())
                .or_default()
                .push((property, ftm_id('n', &claim.from)));
        }
    }

    for &index in &nodes {
        let node = graph.node(index);
        let schema_name = node_schema[node.id.as_str()];
        let mut entity = FtmEntity::new(ftm_id('n', &node.id), schema_name);
        let label = ftm_name(&node.label);
        let aliases: Vec<String> = node.aliases.iter().map(|a| ftm_name(a)).collect();
        entity.add("name", [label.as_str()]);
        if schema_name == "Contract" {
            entity.add("title", [label.as_str()]);
        }
        if schema_name == "Address" {
            entity.add("full", [label.as_str()]);
        }
        entity.add("alias", aliases.iter().map(String::as_str));
        entity.add("notes", node.note.iter().map(String::as_str));
        let mut description = Vec::new();
        if let Some(date) = &node.date {
            if schema_name == "Event" {
                date_properties(&mut entity, date);
            }
            description.push(format!("date: {}{}", date, date_flags(date)));
        }
        if crate::format::ftm::snake_case(schema_name) != node.kind.as_str() {
            description.push(format!("kind: {}", node.kind));
        }
        for (key, value) in node.attributes.iter() {
            description.push(format!("{key}: {value}"));
        }
        entity.add("description", description);
        for (property, value) in event_roles.get(node.id.as_str()).into_iter().flatten() {
            entity.add(property, [value.clone()]);
        }
        let definition = vocabulary.kind(node.kind);
        entity.add(
            "indexText",
            [write_meta(&NodeMeta {
                id: node.id.clone(),
                kind: node.kind.to_string(),
                label: (label != node.label).then(|| node.label.clone()),
                aliases: (aliases != node.aliases).then(|| node.aliases.clone()),
                kind_meaning: definition.map(|d| d.meaning.clone()).unwrap_or_default(),
                shape: definition.and_then(|d| d.shape).map(|s| s.as_str().into()),
                colour: definition
                    .and_then(|d| d.rgb)
                    .map(|[r, g, b]| format!("#{r:02x}{g:02x}{b:02x}")),
                date: node.date.as_ref().map(MetaDate::of),
                attributes: node.attributes.clone(),
            })],
        );
        emit(entity);
    }

    for facts in &claims {
        let claim = facts.claim;
        let from = node_schema
            .get(claim.from.as_str())
            .copied()
            .unwrap_or("Thing");
        let to = node_schema
            .get(claim.to.as_str())
            .copied()
            .unwrap_or("Thing");
        let schema_name = claim_schema(claim, from, to);
        let Some(info) = schema(schema_name) else {
            continue;
        };
        let Some((source, _, target, _)) = info.edge else {
            continue;
        };
        let mut entity = FtmEntity::new(ftm_id('c', &claim.id), schema_name);
        entity.add(source, [ftm_id('n', &claim.from)]);
        entity.add(target, [ftm_id('n', &claim.to)]);
        match info.role {
            Some("relationship") => entity.add(
                "relationship",
                [claim
                    .attributes
                    .get("kin")
                    .or_else(|| claim.attributes.get("relationship"))
                    .map(str::to_string)
                    .unwrap_or_else(|| claim.relation.to_string())],
            ),
            Some(role) => entity.add(role, [claim.relation.to_string()]),
            None => {}
        }
        if let Some(date) = &claim.date {
            date_properties(&mut entity, date);
        }
        let mut proofs: Vec<String> = facts.each(|e| ftm_id('d', e.document));
        proofs.dedup();
        entity.add("proof", proofs);
        entity.add(
            "publisher",
            facts
                .evidence
                .iter()
                .map(|e| e.publisher)
                .filter(|p| !p.eq_ignore_ascii_case("unknown")),
        );
        entity.add("recordId", [claim.id.as_str()]);
        let evidence = &claim.evidence;
        entity.add(
            "description",
            facts
                .evidence
                .iter()
                .zip(evidence)
                .filter(|(_, e)| e.record.is_none())
                .map(|(f, _)| f.quote),
        );
        entity.add(
            "sourceUrl",
            evidence
                .iter()
                .filter_map(|e| e.record.as_ref()?.source_url.as_deref()),
        );
        entity.add("summary", claim_summary(graph, facts));
        let definition = vocabulary.relation(claim.relation);
        entity.add(
            "indexText",
            [write_meta(&ClaimMeta {
                id: claim.id.clone(),
                relation: claim.relation.to_string(),
                relation_meaning: definition.map(|d| d.meaning.clone()).unwrap_or_default(),
                mutual: facts.mutual,
                from: claim.from.to_string(),
                to: claim.to.to_string(),
                date: claim.date.as_ref().map(MetaDate::of),
                attributes: claim.attributes.clone(),
                note: claim.note.clone(),
                conflict: claim.conflict.clone(),
                conflict_description: claim.conflict.as_ref().and_then(|id| {
                    dataset
                        .conflicts
                        .iter()
                        .find(|c| &c.id == id)
                        .map(|c| c.description.clone())
                }),
                evidence: evidence
                    .iter()
                    .map(|e| EvidenceMeta {
                        document: e.document.to_string(),
                        // Without the document's text the quote is as given,
                        // and only here to come back from.
                        quote: (e.record.is_none() && dataset.evidence_text(e).is_none())
                            .then(|| e.quote.to_string()),
                        start: e.start,
                        end: e.end,
                        according_to: e.according_to.clone(),
                        relayed_from: e.relayed_from.clone(),
                        record: e.record.as_deref().cloned(),
                        modality: e.modality,
                        credibility: e.credibility,
                    })
                    .collect(),
            })],
        );
        emit(entity);
    }

    out
}

/// ", approximate", ", year inferred (…)" for a date's flags.
fn date_flags(date: &DateSpec) -> String {
    let mut flags = String::new();
    if date.approximate {
        flags.push_str(", approximate");
    }
    if date.inferred {
        flags.push_str(", inferred");
    }
    if let Some(note) = &date.note {
        flags.push_str(&format!(" ({note})"));
    }
    flags
}

/// The claim in words, then what FtM has no property for, one value each.
fn claim_summary(graph: &TieGraph, facts: &ClaimFacts<'_>) -> Vec<String> {
    let claim = facts.claim;
    let name = |id: &str| {
        graph
            .node_index(id)
            .map_or_else(|| id.to_string(), |n| graph.display_name(n))
    };
    let mut summary = vec![format!(
        "{} {} {}{}",
        name(&claim.from),
        claim.relation,
        name(&claim.to),
        claim
            .date
            .as_ref()
            .map(|d| format!(" ({d}{})", date_flags(d)))
            .unwrap_or_default()
    )];
    for (number, evidence) in facts.evidence.iter().enumerate() {
        if let Some(who) = evidence.according_to {
            summary.push(format!("evidence {}: according to {who}", number + 1));
        }
        if let Some(outlet) = evidence.relayed_from {
            summary.push(format!("evidence {}: relayed from {outlet}", number + 1));
        }
        summary.push(format!(
            "evidence {}: {} bytes {}-{}",
            number + 1,
            evidence.document,
            evidence.start,
            evidence.end
        ));
    }
    for (key, value) in claim.attributes.iter() {
        summary.push(format!("{key}: {value}"));
    }
    if let Some(note) = &claim.note {
        summary.push(format!("note: {note}"));
    }
    if let Some(conflict) = &claim.conflict {
        summary.push(format!("conflict: {conflict}"));
    }
    summary.push(format!("review: {}", facts.review));
    summary
}
