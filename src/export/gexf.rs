//! GEXF 1.3 for Gephi and Gephi Lite, with time: the graph is dynamic
//! (`timeformat="date"`), each dated claim and entity carries `start` and
//! `end` (a partial date widened to the days it means, `2021-06` → June
//! 1–30, the original kept as the `date` attribute), evidence (with how
//! many items are unverified records), sources, review status and degree
//! are declared attributes, and positions,
//! colours and sizes come from the layout (`viz:`). Every edge is directed
//! as its claim reads; a mutual claim says so in its `mutual` attribute
//! (networkx refuses a directed GEXF holding any undirected edge).
//!
//! Written with quick-xml; attribute values are escaped here, line breaks
//! and tabs as character references (XML readers turn a literal one into a
//! space), and control characters that XML 1.0 cannot hold become U+FFFD. Attribute ids are
//! numbers, so readers key values by their titles (graphology-gexf uses a
//! title only for numeric ids); colours are `r`/`g`/`b` (networkx cannot
//! read `hex`); there is no `date` attribute type in GEXF, so dates are
//! strings.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};

use super::facts::{ClaimFacts, day_interval};
use super::{ExportError, ExportOptions, clean_text};
use crate::graph::{TieGraph, View};
use crate::style::kind_style;

/// (title, type) of the node attributes, in id order ("0", "1", …).
const NODE_ATTRIBUTES: &[(&str, &str)] = &[
    ("kind", "string"),
    ("aliases", "string"),
    ("date", "string"),
    ("note", "string"),
    ("degree", "integer"),
];

/// (title, type) of the edge attributes, in id order.
const EDGE_ATTRIBUTES: &[(&str, &str)] = &[
    ("relation", "string"),
    ("date", "string"),
    ("sources", "integer"),
    ("documents", "string"),
    ("publishers", "string"),
    ("quotes", "string"),
    ("byte_ranges", "string"),
    ("according_to", "string"),
    ("relayed_from", "string"),
    ("review", "string"),
    ("conflict", "string"),
    ("note", "string"),
    ("mutual", "boolean"),
    ("unverified", "integer"),
    ("modalities", "string"),
    ("credibility", "string"),
    ("reliability", "string"),
];

/// Several values in one attribute (evidence items in order), as the DOT
/// and GraphML exports join them.
const JOIN: &str = " | ";

fn io(error: std::io::Error) -> ExportError {
    ExportError::Xml(error)
}

/// The free attributes (`rank`, `role`, …) of the entities or claims in the
/// view: one declared attribute each, titled `attribute:KEY`, sorted.
fn free_keys<'a>(attributes: impl Iterator<Item = &'a crate::model::Attributes>) -> Vec<String> {
    let mut keys: Vec<String> = attributes
        .flat_map(|a| a.keys().map(str::to_string).collect::<Vec<_>>())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

struct Gexf {
    writer: Writer<Vec<u8>>,
}

impl Gexf {
    fn start(&mut self, element: BytesStart<'_>) -> Result<(), ExportError> {
        self.writer.write_event(Event::Start(element)).map_err(io)
    }

    fn end(&mut self, name: &str) -> Result<(), ExportError> {
        self.writer
            .write_event(Event::End(BytesEnd::new(name)))
            .map_err(io)
    }

    fn empty(&mut self, element: BytesStart<'_>) -> Result<(), ExportError> {
        self.writer.write_event(Event::Empty(element)).map_err(io)
    }

    /// `<attributes class=…>` with numeric ids and the given titles.
    fn declare(
        &mut self,
        class: &str,
        fixed: &[(&str, &str)],
        free: &[String],
        measures: &[&str],
    ) -> Result<(), ExportError> {
        self.start(
            BytesStart::new("attributes").with_attributes([("class", class), ("mode", "static")]),
        )?;
        let titles = fixed
            .iter()
            .map(|(title, kind)| (title.to_string(), *kind))
            .chain(
                free.iter()
                    .map(|key| (format!("attribute:{key}"), "string")),
            )
            .chain(measures.iter().map(|name| (name.to_string(), "double")));
        for (id, (title, kind)) in titles.enumerate() {
            let id = id.to_string();
            self.empty(with_text(
                BytesStart::new("attribute"),
                &[("id", &id), ("title", &title), ("type", kind)],
            ))?;
        }
        self.end("attributes")
    }

    /// `<attvalues>` of the non-empty values, by attribute position.
    fn values(&mut self, values: &[(usize, String)]) -> Result<(), ExportError> {
        if values.is_empty() {
            return Ok(());
        }
        self.start(BytesStart::new("attvalues"))?;
        for (id, value) in values {
            let id = id.to_string();
            self.empty(with_text(
                BytesStart::new("attvalue"),
                &[("for", &id), ("value", value)],
            ))?;
        }
        self.end("attvalues")
    }
}

/// An XML attribute value escaped for any reader: markup characters as
/// entities, line breaks and tabs as character references (a literal one
/// would be read back as a space), other control characters as U+FFFD.
fn escaped(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in clean_text(value).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

/// `element` with attributes whose values are free text, escaped by
/// [`escaped`] rather than by quick-xml (which keeps line breaks raw).
fn with_text<'a>(mut element: BytesStart<'a>, pairs: &[(&str, &str)]) -> BytesStart<'a> {
    for (key, value) in pairs {
        element.push_attribute(quick_xml::events::attributes::Attribute {
            key: quick_xml::name::QName(key),
            value: std::borrow::Cow::Owned(escaped(value)),
        });
    }
    element
}

/// Adds `start` and `end` for a date, widened to whole days.
fn with_time<'a>(element: BytesStart<'a>, date: Option<&crate::model::DateSpec>) -> BytesStart<'a> {
    match date {
        Some(date) => {
            let (start, end) = day_interval(date);
            element.with_attributes([("start", start.as_str()), ("end", end.as_str())])
        }
        None => element,
    }
}

/// Writes `view` as GEXF 1.3 (UTF-8, indented).
///
/// Complexity: O(V + E + total evidence text) of the view.
///
/// ```
/// let graph = tiegraph::graph::TieGraph::new(tiegraph::load::load_embedded().unwrap().dataset);
/// let view = tiegraph::graph::View::all(&graph);
/// let gexf = tiegraph::export::gexf::to_gexf(&graph, &view, &Default::default()).unwrap();
/// assert!(gexf.contains(r#"<graph mode="dynamic" timeformat="date""#));
/// ```
pub fn to_gexf(
    graph: &TieGraph,
    view: &View,
    options: &ExportOptions<'_>,
) -> Result<String, ExportError> {
    let dataset = graph.dataset();
    let vocabulary = &dataset.vocabulary;
    let claims = ClaimFacts::of_view(graph, view, options);
    let mut nodes: Vec<_> = view.nodes().collect();
    nodes.sort_by_key(|&n| graph.graph()[n]);
    let node_keys = free_keys(nodes.iter().map(|&n| &graph.node(n).attributes));
    let edge_keys = free_keys(claims.iter().map(|c| &c.claim.attributes));

    let mut out = Gexf {
        writer: Writer::new_with_indent(Vec::new(), b' ', 2),
    };
    out.writer
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(io)?;
    out.start(BytesStart::new("gexf").with_attributes([
        ("xmlns", "http://gexf.net/1.3"),
        ("xmlns:viz", "http://gexf.net/1.3/viz"),
        ("version", "1.3"),
    ]))?;
    out.start(BytesStart::new("meta"))?;
    out.writer
        .create_element("creator")
        .write_text_content(quick_xml::events::BytesText::new("tiegraph"))
        .map_err(io)?;
    out.writer
        .create_element("description")
        .write_text_content(quick_xml::events::BytesText::new(&clean_text(
            options.title.unwrap_or(&dataset.name),
        )))
        .map_err(io)?;
    out.end("meta")?;

    // The graph spans every dated entity and claim of the view.
    let dates = nodes
        .iter()
        .filter_map(|&n| graph.node(n).date.as_ref())
        .chain(claims.iter().filter_map(|c| c.claim.date.as_ref()));
    let span = dates.fold(
        None,
        |span: Option<(crate::model::Day, crate::model::Day)>, date| {
            let (first, last) = (date.first_day(), date.last_day());
            Some(span.map_or((first, last), |(a, b)| (a.min(first), b.max(last))))
        },
    );
    let mut graph_element = BytesStart::new("graph").with_attributes([
        ("mode", "dynamic"),
        ("timeformat", "date"),
        ("defaultedgetype", "directed"),
    ]);
    if let Some((first, last)) = span {
        graph_element = graph_element.with_attributes([
            ("start", crate::model::iso_day(first).as_str()),
            ("end", crate::model::iso_day(last).as_str()),
        ]);
    }
    out.start(graph_element)?;
    let measure_names: Vec<&str> = options.measures.iter().map(|m| m.name).collect();
    out.declare("node", NODE_ATTRIBUTES, &node_keys, &measure_names)?;
    out.declare("edge", EDGE_ATTRIBUTES, &edge_keys, &[])?;

    out.start(BytesStart::new("nodes"))?;
    for &index in &nodes {
        let node = graph.node(index);
        let degree = graph
            .neighbours(index)
            .iter()
            .filter(|(other, edge)| view.contains_node(*other) && view.contains_edge(*edge))
            .count();
        let element = with_text(
            BytesStart::new("node"),
            &[("id", &node.id), ("label", &node.label)],
        );
        out.start(with_time(element, node.date.as_ref()))?;
        let mut values = vec![(0, node.kind.to_string())];
        if !node.aliases.is_empty() {
            values.push((1, node.aliases.join(JOIN)));
        }
        if let Some(date) = &node.date {
            values.push((2, date.to_string()));
        }
        if let Some(note) = &node.note {
            values.push((3, note.clone()));
        }
        values.push((4, degree.to_string()));
        for (key, value) in node.attributes.iter() {
            if let Some(position) = node_keys.iter().position(|k| k == key) {
                values.push((NODE_ATTRIBUTES.len() + position, value.to_string()));
            }
        }
        for (position, measure) in options.measures.iter().enumerate() {
            if let Some(value) = measure.of(index) {
                let id = NODE_ATTRIBUTES.len() + node_keys.len() + position;
                values.push((id, value.to_string()));
            }
        }
        out.values(&values)?;
        let style = kind_style(vocabulary, node.kind);
        let [r, g, b] = style.rgb.map(|c| c.to_string());
        out.empty(BytesStart::new("viz:color").with_attributes([
            ("r", r.as_str()),
            ("g", g.as_str()),
            ("b", b.as_str()),
        ]))?;
        if let Some([x, y]) = options
            .positions
            .and_then(|p| p.get(index.index()))
            .copied()
            .flatten()
        {
            out.empty(BytesStart::new("viz:position").with_attributes([
                ("x", format!("{x:.2}").as_str()),
                ("y", format!("{y:.2}").as_str()),
                ("z", "0.0"),
            ]))?;
        }
        // Area grows with the claims, as on the canvas.
        let size = 6.0 + 3.0 * (degree as f32).sqrt();
        out.empty(
            BytesStart::new("viz:size").with_attributes([("value", format!("{size:.1}").as_str())]),
        )?;
        out.end("node")?;
    }
    out.end("nodes")?;

    out.start(BytesStart::new("edges"))?;
    for facts in &claims {
        let claim = facts.claim;
        let weight = facts.sources.max(1).to_string();
        let element = with_text(
            BytesStart::new("edge"),
            &[
                ("id", &claim.id),
                ("source", &claim.from),
                ("target", &claim.to),
                ("label", claim.relation.as_str()),
                ("weight", &weight),
            ],
        );
        out.start(with_time(element, claim.date.as_ref()))?;
        let mut values = vec![(0, claim.relation.to_string())];
        if let Some(date) = &claim.date {
            values.push((1, date.to_string()));
        }
        values.push((2, facts.sources.to_string()));
        values.push((3, facts.each(|e| e.document).join(JOIN)));
        values.push((4, facts.each(|e| e.publisher).join(JOIN)));
        values.push((5, facts.each(|e| e.quote).join(JOIN)));
        values.push((
            6,
            facts
                .each(|e| format!("{}:{}-{}", e.document, e.start, e.end))
                .join(JOIN),
        ));
        if facts.evidence.iter().any(|e| e.according_to.is_some()) {
            values.push((7, facts.each(|e| e.according_to.unwrap_or("")).join(JOIN)));
        }
        if facts.evidence.iter().any(|e| e.relayed_from.is_some()) {
            values.push((8, facts.each(|e| e.relayed_from.unwrap_or("")).join(JOIN)));
        }
        values.push((9, facts.review.to_string()));
        if let Some(conflict) = &claim.conflict {
            values.push((10, conflict.clone()));
        }
        if let Some(note) = &claim.note {
            values.push((11, note.clone()));
        }
        values.push((12, facts.mutual.to_string()));
        // Evidence items that are records with no text to check.
        let unverified = facts.evidence.iter().filter(|e| !e.verified).count();
        if unverified > 0 {
            values.push((13, unverified.to_string()));
        }
        for (key, value) in claim.attributes.iter() {
            if let Some(position) = edge_keys.iter().position(|k| k == key) {
                values.push((EDGE_ATTRIBUTES.len() + position, value.to_string()));
            }
        }
        values.push((14, facts.each(|e| e.modality).join(JOIN)));
        if facts.graded() {
            values.push((15, facts.each(|e| e.credibility.clone()).join(JOIN)));
            values.push((16, facts.each(|e| e.reliability.clone()).join(JOIN)));
        }
        out.values(&values)?;
        out.end("edge")?;
    }
    out.end("edges")?;
    out.end("graph")?;
    out.end("gexf")?;
    let mut text = String::from_utf8(out.writer.into_inner())
        .map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
    text.push('\n');
    Ok(text)
}
