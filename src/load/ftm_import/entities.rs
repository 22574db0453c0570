//! One FtM entity as a tiegraph document or entity: names, dates, plain
//! properties as attributes; tiegraph's own account (`indexText`) wins
//! where it is there.

use std::collections::HashSet;

use super::Reporter;
use crate::format::ftm::{DocumentMeta, FtmEntity, NodeMeta, Schema, snake_case, tiegraph_id};
use crate::model::{Attributes, DateSpec, Document, Node, NodeKind, PartialDate, valid_word};

/// Properties never copied into attributes: names, texts, tiegraph's own
/// account, and references to other entities (ends of relationships, or
/// links tiegraph has no evidence to tie to).
const NOT_ATTRIBUTES: &[&str] = &[
    "name",
    "alias",
    "previousName",
    "weakAlias",
    "indexText",
    "bodyText",
    "notes",
    "description",
    "summary",
    "proof",
    "addressEntity",
    "involved",
    "organizer",
];

/// The names of an entity, label first: `name`, `alias`, `previousName`,
/// and for a contract or a document its `title`, for an address its `full`
/// (a person's `title` is an honorific, kept as an attribute; `weakAlias`
/// is too weak to find anyone by).
fn names_of(entity: &FtmEntity, schema: &Schema) -> Vec<String> {
    let mut properties = vec!["name", "alias", "previousName"];
    if schema.is_a("Contract") || schema.is_document() {
        properties.insert(0, "title");
    }
    if schema.is_a("Address") {
        properties.push("full");
    }
    let mut seen = HashSet::new();
    properties
        .iter()
        .flat_map(|p| entity.values(p))
        .filter(|n| !n.trim().is_empty() && seen.insert(n.as_str()))
        .cloned()
        .collect()
}

pub(super) fn joined(values: &[String]) -> Option<String> {
    (!values.is_empty()).then(|| values.join("\n"))
}

/// A document entity as a tiegraph document, with the id given.
pub(super) fn document_of(entity: &FtmEntity, meta: Option<&DocumentMeta>, id: String) -> Document {
    let date = |property: &str| {
        entity
            .first(property)
            .and_then(|d| DateSpec::parse_value(d.get(..10).unwrap_or(d)).ok())
    };
    let published = meta
        .and_then(|m| m.published.as_ref())
        .and_then(|d| d.to_date().ok())
        .or_else(|| date("publishedAt"))
        .or_else(|| date("date"));
    let title = ["title", "name", "fileName"]
        .iter()
        .find_map(|p| entity.first(p))
        .unwrap_or(&entity.id)
        .to_string();
    let body = entity.values("bodyText").join("\n");
    Document {
        title,
        title_note: meta.and_then(|m| m.title_note.clone()),
        publisher: entity.first("publisher").unwrap_or("unknown").to_string(),
        publisher_note: meta.and_then(|m| m.publisher_note.clone()),
        published,
        path: meta.map_or_else(
            || entity.first("fileName").unwrap_or_default().to_string(),
            |m| m.path.clone(),
        ),
        note: joined(entity.values("notes")),
        reliability: None,
        text: match meta {
            Some(meta) => format!("{}{body}{}", meta.text_before, meta.text_after),
            None => body,
        },
        id,
    }
}

/// The id a document or entity will have: tiegraph's own, else one made
/// from the FtM id.
pub(super) fn document_id(entity: &FtmEntity, meta: Option<&DocumentMeta>) -> String {
    meta.map_or_else(|| tiegraph_id(&entity.id, 'd'), |m| m.id.clone())
}

pub(super) fn node_id(entity: &FtmEntity, meta: Option<&NodeMeta>) -> String {
    meta.map_or_else(|| tiegraph_id(&entity.id, 'n'), |m| m.id.clone())
}

/// An entity as a tiegraph node of the kind its account names, else of the
/// kind its schema is (`PublicBody` → `public_body`).
pub(super) fn node_of(
    r: &mut Reporter,
    entity: &FtmEntity,
    (schema, meta): (&Schema, Option<&NodeMeta>),
    id: String,
) -> Node {
    let kind = meta
        .map(|m| m.kind.clone())
        .filter(|k| valid_word(k))
        .unwrap_or_else(|| snake_case(schema.name));
    let mut names = names_of(entity, schema);
    let mut label = if names.is_empty() {
        entity.id.clone()
    } else {
        names.remove(0)
    };
    if let Some(meta) = meta {
        if let Some(exact) = &meta.label {
            label = exact.clone();
        }
        if let Some(exact) = &meta.aliases {
            names = exact.clone();
        }
    }
    let date = match meta.and_then(|m| m.date.as_ref()) {
        Some(date) => date.to_date().ok(),
        None => interval_date(r, entity),
    };
    let attributes = match meta {
        Some(meta) => meta.attributes.clone(),
        None => attributes_of(entity),
    };
    if meta.is_none() {
        let links = entity.values("involved").len() + entity.values("organizer").len();
        if links > 0 {
            r.omit_many(
                "Event involved/organizer links (no evidence to tie them to)".into(),
                links,
            );
        }
    }
    Node {
        id,
        kind: NodeKind::new(&kind),
        label,
        aliases: names,
        date,
        attributes,
        note: joined(entity.values("notes")),
    }
}

/// The span of `startDate`/`endDate`, else of `date`: the earliest start
/// and the latest end over all their values (sources disagree, and FtM
/// keeps every value), times dropped. A value that does not parse, or a
/// span that ends before it starts, is counted as left out.
pub(super) fn interval_date(r: &mut Reporter, entity: &FtmEntity) -> Option<DateSpec> {
    let mut parsed = |property: &str| -> Vec<PartialDate> {
        entity
            .values(property)
            .iter()
            .filter_map(|value| {
                let day = value.get(..10).unwrap_or(value);
                let date = day.parse::<PartialDate>().ok();
                if date.is_none() {
                    r.omit(format!("`{property}` values that are not dates"));
                }
                date
            })
            .collect()
    };
    let (starts, ends, dates) = (parsed("startDate"), parsed("endDate"), parsed("date"));
    let earliest = |list: &[PartialDate]| list.iter().min_by_key(|d| d.first_day()).copied();
    let latest = |list: &[PartialDate]| list.iter().max_by_key(|d| d.last_day()).copied();
    let (start, end) = if !starts.is_empty() || !ends.is_empty() {
        (earliest(&starts).or(earliest(&ends)), latest(&ends))
    } else {
        (earliest(&dates), latest(&dates))
    };
    let start = start?;
    let text = match end {
        Some(end) if end != start => format!("{start}/{end}"),
        _ => start.to_string(),
    };
    match DateSpec::parse_value(&text) {
        Ok(date) => Some(date),
        Err(_) => {
            r.omit("date spans that end before they start".into());
            None
        }
    }
}

/// The plain properties of a foreign entity (country, role, status, …),
/// several values joined with "; ", with its FtM id and datasets.
pub(super) fn attributes_of(entity: &FtmEntity) -> Attributes {
    let mut attributes = Attributes::new();
    let ends = crate::format::ftm::schema(&entity.schema).and_then(|s| s.edge);
    for (property, values) in &entity.properties {
        if NOT_ATTRIBUTES.contains(&property.as_str()) || values.is_empty() {
            continue;
        }
        // A relationship's ends are the claim's, not attributes.
        if ends.is_some_and(|(s, _, t, _)| property == s || property == t) {
            continue;
        }
        attributes.insert(property.clone(), values.join("; "));
    }
    if !entity.datasets.is_empty() {
        attributes.insert("datasets", entity.datasets.join("; "));
    }
    attributes.insert("ftm_id", entity.id.clone());
    attributes
}
