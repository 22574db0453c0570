//! A Cypher script for Neo4j 5 (`cypher-shell -f FILE`): uniqueness
//! constraints on ids, every entity an `:Entity` with one more label for its
//! kind, every source document a `:Source`, every claim a relationship whose
//! type is its relation, with its evidence, sources, review status and dates
//! as properties.
//!
//! One statement per line, so a reader can run it a line at a time. Every
//! string is a single-quoted Cypher literal with `\`, `'` and line breaks
//! escaped (see [`string_literal`]), so no name or quote can end the literal
//! and inject Cypher; labels, types and property keys come from the vocabulary's plain
//! words or fixed names, never from free text. Dates are `date('YYYY-MM-DD')`
//! for the first and last day a partial date may mean, with the original
//! text beside them.

use std::fmt::Write as _;

use super::ExportOptions;
use super::facts::{ClaimFacts, cited_documents, day_interval};
use crate::graph::{TieGraph, View};
use crate::model::{Attributes, DateSpec, NodeKind, Relation};

/// `text` as a single-quoted Cypher string literal: backslash, quote,
/// line feed, carriage return and tab escaped (the escapes Neo4j and
/// FalkorDB agree on; FalkorDB keeps `\uXXXX` as written), other control
/// characters replaced with U+FFFD as in every export, the rest as UTF-8.
///
/// ```
/// use tiegraph::export::cypher::string_literal;
/// assert_eq!(string_literal("it's"), r"'it\'s'");
/// assert_eq!(string_literal("a\\b\nc"), r"'a\\b\nc'");
/// ```
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in super::clean_text(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn list(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().collect();
    format!("[{}]", items.join(", "))
}

/// The label of a kind: its words capitalised (`public_body` →
/// `PublicBody`); `Entity` and `Source` are tiegraph's own, so kinds spelled
/// like them get a `Kind` prefix.
pub fn kind_label(kind: NodeKind) -> String {
    let label = crate::format::ftm::camel_case(kind.as_str());
    if label == "Entity" || label == "Source" {
        format!("Kind{label}")
    } else {
        label
    }
}

/// The relationship type of a relation: `member_of` → `MEMBER_OF`.
pub fn relation_type(relation: Relation) -> String {
    relation.as_str().to_ascii_uppercase()
}

/// Property keys for free attributes: `attr_` and the key's letters and
/// digits (others become `_`), made unique with a number if two keys
/// collapse to the same name.
pub fn attribute_keys(keys: &[String]) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    for key in keys {
        let base: String = std::iter::once("attr_".to_string())
            .chain(key.chars().map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase().to_string()
                } else {
                    "_".to_string()
                }
            }))
            .collect();
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        taken.push(name);
    }
    taken
}

/// `, date_text: …, start_date: date(…), end_date: date(…)` for a date.
fn date_properties(out: &mut String, date: Option<&DateSpec>) {
    if let Some(date) = date {
        let (start, end) = day_interval(date);
        let _ = write!(
            out,
            ", date_text: {}, start_date: date({}), end_date: date({})",
            string_literal(&date.to_string()),
            string_literal(&start),
            string_literal(&end)
        );
        if date.approximate {
            out.push_str(", date_approximate: true");
        }
        if date.inferred {
            out.push_str(", date_inferred: true");
        }
    }
}

/// The property key of every free attribute key of `attributes`, worked
/// out once per export so a key has one name on every entity or claim (and
/// the same as in the Neo4j CSV export).
pub fn attribute_names<'a>(
    attributes: impl Iterator<Item = &'a Attributes>,
) -> std::collections::BTreeMap<String, String> {
    let mut keys: Vec<String> = attributes
        .flat_map(|a| a.keys().map(str::to_string).collect::<Vec<_>>())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let names = attribute_keys(&keys);
    keys.into_iter().zip(names).collect()
}

fn attribute_properties(
    out: &mut String,
    attributes: &Attributes,
    names: &std::collections::BTreeMap<String, String>,
) {
    for (key, value) in attributes.iter() {
        if let Some(name) = names.get(key) {
            let _ = write!(out, ", {name}: {}", string_literal(value));
        }
    }
}

/// Writes `view` as a Neo4j 5 Cypher script.
///
/// Complexity: O(V + E + total evidence text) of the view.
///
/// ```
/// let graph = tiegraph::graph::TieGraph::new(tiegraph::load::load_embedded().unwrap().dataset);
/// let view = tiegraph::graph::View::all(&graph);
/// let script = tiegraph::export::cypher::to_cypher(&graph, &view, &Default::default());
/// assert!(script.contains("CREATE (:Entity:Person {id: 'alexander-basov'"));
/// ```
pub fn to_cypher(graph: &TieGraph, view: &View, options: &ExportOptions<'_>) -> String {
    let dataset = graph.dataset();
    let claims = ClaimFacts::of_view(graph, view, options);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// tiegraph export of {}; Neo4j 5: cypher-shell -f FILE",
        string_literal(options.title.unwrap_or(&dataset.name))
    );
    out.push_str("CREATE CONSTRAINT tiegraph_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;\n");
    out.push_str("CREATE CONSTRAINT tiegraph_source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;\n");

    for document in cited_documents(graph, &claims) {
        let _ = write!(
            out,
            "CREATE (:Source {{id: {}, title: {}, publisher: {}, path: {}",
            string_literal(&document.id),
            string_literal(&document.title),
            string_literal(&document.publisher),
            string_literal(&document.path)
        );
        if let Some(published) = &document.published {
            let (start, _) = day_interval(published);
            let _ = write!(
                out,
                ", published: date({}), published_text: {}",
                string_literal(&start),
                string_literal(&published.to_string())
            );
        }
        out.push_str("});\n");
    }

    let mut nodes: Vec<_> = view.nodes().collect();
    nodes.sort_by_key(|&n| graph.graph()[n]);
    let node_names = attribute_names(nodes.iter().map(|&n| &graph.node(n).attributes));
    let claim_names = attribute_names(claims.iter().map(|c| &c.claim.attributes));
    for index in nodes {
        let node = graph.node(index);
        let _ = write!(
            out,
            "CREATE (:Entity:{} {{id: {}, label: {}, kind: {}, aliases: {}",
            kind_label(node.kind),
            string_literal(&node.id),
            string_literal(&node.label),
            string_literal(node.kind.as_str()),
            list(node.aliases.iter().map(|a| string_literal(a)))
        );
        date_properties(&mut out, node.date.as_ref());
        if let Some(note) = &node.note {
            let _ = write!(out, ", note: {}", string_literal(note));
        }
        attribute_properties(&mut out, &node.attributes, &node_names);
        out.push_str("});\n");
    }

    for facts in &claims {
        let claim = facts.claim;
        let _ = write!(
            out,
            "MATCH (a:Entity {{id: {}}}), (b:Entity {{id: {}}}) CREATE (a)-[:{} {{id: {}, relation: {}, mutual: {}, sources: {}, review: {}",
            string_literal(&claim.from),
            string_literal(&claim.to),
            relation_type(claim.relation),
            string_literal(&claim.id),
            string_literal(claim.relation.as_str()),
            facts.mutual,
            facts.sources,
            string_literal(facts.review.as_str()),
        );
        date_properties(&mut out, claim.date.as_ref());
        let _ = write!(
            out,
            ", documents: {}, publishers: {}, quotes: {}, starts: {}, ends: {}, verified: {}",
            list(facts.each(|e| string_literal(e.document))),
            list(facts.each(|e| string_literal(e.publisher))),
            list(facts.each(|e| string_literal(e.quote))),
            list(facts.each(|e| e.start.to_string())),
            list(facts.each(|e| e.end.to_string())),
            list(facts.each(|e| e.verified.to_string())),
        );
        if facts.evidence.iter().any(|e| e.according_to.is_some()) {
            let _ = write!(
                out,
                ", according_to: {}",
                list(facts.each(|e| string_literal(e.according_to.unwrap_or(""))))
            );
        }
        if facts.evidence.iter().any(|e| e.relayed_from.is_some()) {
            let _ = write!(
                out,
                ", relayed_from: {}",
                list(facts.each(|e| string_literal(e.relayed_from.unwrap_or(""))))
            );
        }
        let _ = write!(
            out,
            ", modalities: {}",
            list(facts.each(|e| string_literal(e.modality)))
        );
        if facts.graded() {
            let _ = write!(
                out,
                ", credibility: {}, reliability: {}",
                list(facts.each(|e| string_literal(&e.credibility))),
                list(facts.each(|e| string_literal(&e.reliability)))
            );
        }
        if let Some(conflict) = &claim.conflict {
            let _ = write!(out, ", conflict: {}", string_literal(conflict));
        }
        if let Some(note) = &claim.note {
            let _ = write!(out, ", note: {}", string_literal(note));
        }
        attribute_properties(&mut out, &claim.attributes, &claim_names);
        out.push_str("}]->(b);\n");
    }
    out
}
