//! GraphML for Gephi, yEd, Cytoscape and networkx, with the same provenance
//! as the DOT export carried in data keys. Written with quick-xml, which
//! escapes every attribute and text; control characters that XML 1.0 cannot
//! hold become U+FFFD.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesStart, BytesText, Event};

use super::{ExportError, ExportOptions, clean_text};
use crate::graph::TieGraph;
use crate::graph::View;

/// (id, for, attr.name, attr.type) of every data key, in output order.
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("g_name", "graph", "name", "string"),
    ("n_label", "node", "label", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_aliases", "node", "aliases", "string"),
    ("n_date", "node", "date", "string"),
    ("n_note", "node", "note", "string"),
    ("n_x", "node", "x", "double"),
    ("n_y", "node", "y", "double"),
    ("e_relation", "edge", "relation", "string"),
    ("e_date", "edge", "date", "string"),
    ("e_sources", "edge", "sources", "int"),
    ("e_documents", "edge", "documents", "string"),
    ("e_publishers", "edge", "publishers", "string"),
    ("e_quotes", "edge", "quotes", "string"),
    ("e_according_to", "edge", "according_to", "string"),
    ("e_modalities", "edge", "modalities", "string"),
    ("e_credibility", "edge", "credibility", "string"),
    ("e_reliability", "edge", "reliability", "string"),
    ("e_conflict", "edge", "conflict", "string"),
    ("e_note", "edge", "note", "string"),
];

fn io(error: std::io::Error) -> ExportError {
    ExportError::Xml(error)
}

fn data(writer: &mut Writer<Vec<u8>>, key: &str, value: &str) -> Result<(), ExportError> {
    writer
        .create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::new(&clean_text(value)))
        .map_err(io)?;
    Ok(())
}

/// Writes `view` as GraphML (UTF-8, indented).
///
/// Complexity: O(V + E + total evidence text) of the view.
pub fn to_graphml(
    graph: &TieGraph,
    view: &View,
    options: &ExportOptions<'_>,
) -> Result<String, ExportError> {
    let dataset = graph.dataset();
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(io)?;
    let root = BytesStart::new("graphml").with_attributes([
        ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        ),
    ]);
    writer
        .write_event(Event::Start(root.borrow()))
        .map_err(io)?;
    for (id, target, name, kind) in KEYS {
        writer
            .create_element("key")
            .with_attributes([
                ("id", *id),
                ("for", *target),
                ("attr.name", *name),
                ("attr.type", *kind),
            ])
            .write_empty()
            .map_err(io)?;
    }
    for measure in options.measures {
        let id = format!("m_{}", measure.name);
        writer
            .create_element("key")
            .with_attributes([
                ("id", id.as_str()),
                ("for", "node"),
                ("attr.name", measure.name),
                ("attr.type", "double"),
            ])
            .write_empty()
            .map_err(io)?;
    }
    write_graph(&mut writer, graph, view, options, &dataset.name)?;
    writer.write_event(Event::End(root.to_end())).map_err(io)?;
    let mut out = String::from_utf8(writer.into_inner())
        .map_err(|e| ExportError::Xml(std::io::Error::other(e)))?;
    out.push('\n');
    Ok(out)
}

fn write_graph(
    writer: &mut Writer<Vec<u8>>,
    graph: &TieGraph,
    view: &View,
    options: &ExportOptions<'_>,
    name: &str,
) -> Result<(), ExportError> {
    let dataset = graph.dataset();
    let start =
        BytesStart::new("graph").with_attributes([("id", "tiegraph"), ("edgedefault", "directed")]);
    writer
        .write_event(Event::Start(start.borrow()))
        .map_err(io)?;
    data(writer, "g_name", options.title.unwrap_or(name))?;
    for index in view.nodes() {
        let node = graph.node(index);
        let element =
            BytesStart::new("node").with_attributes([("id", clean_text(&node.id).as_ref())]);
        writer
            .write_event(Event::Start(element.borrow()))
            .map_err(io)?;
        data(writer, "n_label", &node.label)?;
        data(writer, "n_kind", node.kind.as_str())?;
        if !node.aliases.is_empty() {
            data(writer, "n_aliases", &node.aliases.join("; "))?;
        }
        if let Some(date) = &node.date {
            data(writer, "n_date", &date.to_string())?;
        }
        if let Some(note) = &node.note {
            data(writer, "n_note", note)?;
        }
        if let Some(position) = options
            .positions
            .and_then(|p| p.get(index.index()))
            .copied()
            .flatten()
        {
            data(writer, "n_x", &position[0].to_string())?;
            data(writer, "n_y", &position[1].to_string())?;
        }
        for measure in options.measures {
            if let Some(value) = measure.of(index) {
                data(writer, &format!("m_{}", measure.name), &value.to_string())?;
            }
        }
        writer
            .write_event(Event::End(element.to_end()))
            .map_err(io)?;
    }
    for index in view.edges() {
        let claim = graph.claim(index);
        let (Some(from), Some(to)) = (graph.node_index(&claim.from), graph.node_index(&claim.to))
        else {
            continue;
        };
        if !view.contains_node(from) || !view.contains_node(to) {
            continue;
        }
        let element = BytesStart::new("edge").with_attributes([
            ("id", clean_text(&claim.id).as_ref()),
            ("source", clean_text(&claim.from).as_ref()),
            ("target", clean_text(&claim.to).as_ref()),
        ]);
        writer
            .write_event(Event::Start(element.borrow()))
            .map_err(io)?;
        data(writer, "e_relation", claim.relation.as_str())?;
        if let Some(date) = &claim.date {
            data(writer, "e_date", &date.to_string())?;
        }
        data(writer, "e_sources", &graph.sources(index).to_string())?;
        let documents: Vec<&str> = claim.evidence.iter().map(|e| e.document.as_str()).collect();
        let publishers: Vec<&str> = claim
            .evidence
            .iter()
            .map(|e| {
                dataset
                    .document(&e.document)
                    .map_or("unknown", |d| d.publisher.as_str())
            })
            .collect();
        let quotes: Vec<&str> = claim
            .evidence
            .iter()
            .map(|e| graph.evidence_text(e))
            .collect();
        let according_to: Vec<&str> = claim
            .evidence
            .iter()
            .map(|e| e.according_to.as_deref().unwrap_or(""))
            .collect();
        data(writer, "e_documents", &documents.join(" | "))?;
        data(writer, "e_publishers", &publishers.join(" | "))?;
        data(writer, "e_quotes", &quotes.join(" | "))?;
        if according_to.iter().any(|a| !a.is_empty()) {
            data(writer, "e_according_to", &according_to.join(" | "))?;
        }
        let modalities: Vec<&str> = claim.evidence.iter().map(|e| e.modality.name()).collect();
        data(writer, "e_modalities", &modalities.join(" | "))?;
        let credibility: Vec<String> = claim
            .evidence
            .iter()
            .map(|e| e.credibility.map(|c| c.to_string()).unwrap_or_default())
            .collect();
        let reliability: Vec<String> = claim
            .evidence
            .iter()
            .map(|e| {
                dataset
                    .document(&e.document)
                    .and_then(|d| d.reliability)
                    .map(|r| r.to_string())
                    .unwrap_or_default()
            })
            .collect();
        if credibility
            .iter()
            .chain(&reliability)
            .any(|g| !g.is_empty())
        {
            data(writer, "e_credibility", &credibility.join(" | "))?;
            data(writer, "e_reliability", &reliability.join(" | "))?;
        }
        if let Some(conflict) = &claim.conflict {
            data(writer, "e_conflict", conflict)?;
        }
        if let Some(note) = &claim.note {
            data(writer, "e_note", note)?;
        }
        writer
            .write_event(Event::End(element.to_end()))
            .map_err(io)?;
    }
    writer.write_event(Event::End(start.to_end())).map_err(io)?;
    Ok(())
}
