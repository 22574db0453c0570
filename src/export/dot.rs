//! Graphviz DOT, written by hand: petgraph's `Dot` neither escapes
//! attribute strings nor uses stable ids.
//!
//! - Deterministic: nodes and claims in dataset order, attributes in a fixed
//!   order; the same view gives the same bytes.
//! - Stable ids: `"n:<node id>"` for nodes, `id="<claim id>"` on edges.
//! - Every string is a quoted DOT string with `"` and `\` escaped, so no name
//!   can add attributes, nodes or HTML labels; newlines become `\n`.
//! - Provenance stays in the file: each edge carries its documents,
//!   publishers and quotes as attributes and in its tooltip.
//! - Optional `pos` (points) from a layout, so `neato -n2` draws what
//!   tiegraph drew. For dense graphs use `sfdp` or `neato -n2`, not `dot`.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::ExportOptions;
use petgraph::stable_graph::EdgeIndex;

use crate::graph::{TieGraph, View};
use crate::model::NodeKind;
use crate::style::kind_style;

/// Appends `text` to `out` as the inside of a DOT quoted string, so that
/// Graphviz shows it exactly as written: `\` → `\\`, `"` → `\"`, line
/// breaks → `\n`, and control characters other than tab → U+FFFD. With
/// `drawn` (labels, tooltips) `&` also becomes `&amp;`, because Graphviz
/// decodes HTML entities such as `&amp;` or `&#65;` in drawn text.
fn push_escaped(out: &mut String, text: &str, drawn: bool) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' if drawn => out.push_str("&amp;"),
            '\r' => {
                // CRLF and lone CR are both one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push('\u{FFFD}'),
            other => out.push(other),
        }
    }
}

/// Quotes and escapes a string for DOT (see `push_escaped`).
///
/// ```
/// use tiegraph::export::dot::quote;
/// assert_eq!(quote(r#"say "hi" \ bye"#), r#""say \"hi\" \\ bye""#);
/// assert_eq!(quote("two\nlines"), r#""two\nlines""#);
/// ```
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    push_escaped(&mut out, text, false);
    out.push('"');
    out
}

/// Quotes text Graphviz draws (labels, tooltips): as [`quote`], and `&` as
/// `&amp;` so entities are shown, not decoded.
///
/// ```
/// use tiegraph::export::dot::quote_drawn;
/// assert_eq!(quote_drawn("R&D &amp;"), r#""R&amp;D &amp;amp;""#);
/// ```
pub fn quote_drawn(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    push_escaped(&mut out, text, true);
    out.push('"');
    out
}

/// Appends ` key="value"` (escaped) to `out`.
fn attribute(out: &mut String, key: &str, value: &str, drawn: bool) {
    out.push_str(", ");
    out.push_str(key);
    out.push_str("=\"");
    push_escaped(out, value, drawn);
    out.push('"');
}

/// Appends ` key="a | b | c"` from parts, escaping each.
fn joined_attribute<'a>(out: &mut String, key: &str, parts: impl Iterator<Item = &'a str>) {
    out.push_str(", ");
    out.push_str(key);
    out.push_str("=\"");
    for (index, part) in parts.enumerate() {
        if index > 0 {
            out.push_str(" | ");
        }
        push_escaped(out, part, false);
    }
    out.push('"');
}

/// The DOT id of a node.
pub fn node_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 4);
    out.push_str("\"n:");
    push_escaped(&mut out, id, false);
    out.push('"');
    out
}

/// Writes `view` as a DOT digraph.
///
/// Complexity: O(V + E + total evidence text) of the view.
pub fn to_dot(graph: &TieGraph, view: &View, options: &ExportOptions<'_>) -> String {
    let data = graph.dataset();
    let mut out = String::new();
    let title = options.title.unwrap_or(&data.name);
    let _ = writeln!(
        out,
        "// tiegraph export: every edge carries its evidence (documents, publishers, quotes)."
    );
    let _ = writeln!(
        out,
        "// Render with sfdp (or neato -n2 when pos attributes are present); plain dot chokes on dense graphs."
    );
    let _ = writeln!(out, "digraph {} {{", quote("tiegraph"));
    let _ = writeln!(
        out,
        "  graph [charset=\"UTF-8\", label={}, labelloc=t, fontname=\"Helvetica\", overlap=false, outputorder=edgesfirst];",
        quote_drawn(title)
    );
    let _ = writeln!(
        out,
        "  node [fontname=\"Helvetica\", fontsize=11, style=filled];"
    );
    let _ = writeln!(
        out,
        "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\"];"
    );

    let kinds = write_nodes(&mut out, graph, view, options);
    for index in view.edges() {
        write_claim(&mut out, graph, view, index);
    }
    if options.legend && !kinds.is_empty() {
        write_legend(&mut out, graph, view, options, &kinds);
    }
    out.push_str("}\n");
    out
}

/// Writes the view's nodes; returns the kinds present, for the legend.
fn write_nodes(
    out: &mut String,
    graph: &TieGraph,
    view: &View,
    options: &ExportOptions<'_>,
) -> BTreeSet<NodeKind> {
    let mut kinds: BTreeSet<NodeKind> = BTreeSet::new();
    for index in view.nodes() {
        let node = graph.node(index);
        kinds.insert(node.kind);
        let style = kind_style(&graph.dataset().vocabulary, node.kind);
        let mut tooltip = format!("{} ({})", node.label, node.kind);
        if let Some(date) = &node.date {
            let _ = write!(tooltip, "\n{date}");
        }
        if !node.aliases.is_empty() {
            let _ = write!(tooltip, "\nalso: {}", node.aliases.join("; "));
        }
        let _ = write!(
            *out,
            "  {} [label={}, kind={}, shape={}, fillcolor={}, tooltip={}",
            node_id(&node.id),
            quote_drawn(&node.label),
            quote(node.kind.as_str()),
            style.shape.as_str(),
            quote(&style.hex()),
            quote_drawn(&tooltip)
        );
        if let Some(date) = &node.date {
            let _ = write!(*out, ", date={}", quote(&date.to_string()));
        }
        for measure in options.measures {
            if let Some(value) = measure.of(index) {
                let _ = write!(
                    *out,
                    ", {}={}",
                    quote(measure.name),
                    quote(&value.to_string())
                );
            }
        }
        if let Some(position) = options
            .positions
            .and_then(|p| p.get(index.index()))
            .copied()
            .flatten()
        {
            let _ = write!(
                *out,
                ", pos={}",
                quote(&format!("{:.2},{:.2}!", position[0], position[1]))
            );
        }
        out.push_str("];\n");
    }
    kinds
}

/// Writes one claim, with its provenance, if both its ends are in the view.
fn write_claim(out: &mut String, graph: &TieGraph, view: &View, index: EdgeIndex) {
    let claim = graph.claim(index);
    let Some((from, to)) = graph.graph().edge_endpoints(index) else {
        return;
    };
    if !view.contains_node(from) || !view.contains_node(to) {
        return;
    }
    let date = claim.date.as_ref().map(ToString::to_string);
    out.push_str("  ");
    out.push_str(&node_id(&claim.from));
    out.push_str(" -> ");
    out.push_str(&node_id(&claim.to));
    out.push_str(" [id=");
    out.push_str(&quote(&claim.id));
    out.push_str(", label=\"");
    push_escaped(out, claim.relation.as_str(), true);
    if let Some(date) = &date {
        out.push_str("\\n");
        push_escaped(out, date, true);
    }
    out.push('"');
    attribute(out, "relation", claim.relation.as_str(), false);
    if let Some(date) = &date {
        attribute(out, "date", date, false);
    }
    let _ = write!(out, ", sources={}", graph.sources(index));
    let publisher = |evidence: &crate::model::Evidence| {
        graph
            .document(&evidence.document)
            .map_or("unknown", |d| d.publisher.as_str())
    };
    joined_attribute(
        out,
        "documents",
        claim.evidence.iter().map(|e| e.document.as_str()),
    );
    joined_attribute(out, "publishers", claim.evidence.iter().map(publisher));
    joined_attribute(
        out,
        "quotes",
        claim.evidence.iter().map(|e| graph.evidence_text(e)),
    );
    joined_attribute(
        out,
        "modalities",
        claim.evidence.iter().map(|e| e.modality.name()),
    );
    // An opinion, a plan or talks is not drawn as a fact.
    if !claim.evidence.iter().any(|e| e.modality.is_factual()) {
        out.push_str(", style=dashed");
    }
    // The tooltip reads as a sentence with its sources, for SVG viewers.
    out.push_str(", tooltip=\"");
    push_escaped(out, &graph.node(from).label, true);
    out.push(' ');
    push_escaped(out, claim.relation.as_str(), true);
    out.push(' ');
    push_escaped(out, &graph.node(to).label, true);
    if let Some(date) = &date {
        out.push_str(" (");
        push_escaped(out, date, true);
        out.push(')');
    }
    for evidence in &claim.evidence {
        let title = graph
            .document(&evidence.document)
            .map_or(evidence.document.as_str(), |d| d.title.as_str());
        out.push_str("\\n“");
        push_escaped(out, graph.evidence_text(evidence), true);
        out.push_str("” — ");
        push_escaped(out, title, true);
        out.push_str(", ");
        push_escaped(out, publisher(evidence), true);
    }
    out.push('"');
    if let Some(conflict) = &claim.conflict {
        attribute(out, "conflict", conflict, false);
        out.push_str(", style=dashed");
    }
    // A mutual relation (like `met`) reads the same both ways.
    if graph.dataset().vocabulary.is_mutual(claim.relation) {
        out.push_str(", dir=none");
    }
    out.push_str("];\n");
}

/// Writes the legend of the kinds present: a cluster, stacked in a column
/// right of the drawing when there are positions.
fn write_legend(
    out: &mut String,
    graph: &TieGraph,
    view: &View,
    options: &ExportOptions<'_>,
    kinds: &BTreeSet<NodeKind>,
) {
    // With positions (neato -n2) every node needs one: stack the legend
    // in a column right of the drawing.
    let placed: Vec<[f32; 2]> = view
        .nodes()
        .filter_map(|n| {
            options
                .positions
                .and_then(|p| p.get(n.index()))
                .copied()
                .flatten()
        })
        .collect();
    let column = placed.iter().map(|p| p[0]).fold(f32::MIN, f32::max) + 150.0;
    let top = placed.iter().map(|p| p[1]).fold(f32::MIN, f32::max);
    let _ = writeln!(out, "  subgraph \"cluster_legend\" {{");
    let _ = writeln!(out, "    label=\"Legend\"; fontsize=10; style=rounded;");
    // In vocabulary order, like the window's legend.
    let vocabulary = &graph.dataset().vocabulary;
    let mut kinds: Vec<NodeKind> = kinds.iter().copied().collect();
    kinds.sort_by_key(|kind| vocabulary.kind_position(*kind));
    for (row, kind) in kinds.iter().enumerate() {
        let style = kind_style(vocabulary, *kind);
        let _ = write!(
            out,
            "    {} [label={}, shape={}, fillcolor={}, fontsize=9",
            quote(&format!("legend:{kind}")),
            quote(kind.as_str()),
            style.shape.as_str(),
            quote(&style.hex())
        );
        if options.positions.is_some() && !placed.is_empty() {
            let y = top - row as f32 * 40.0;
            let _ = write!(out, ", pos={}", quote(&format!("{column:.2},{y:.2}!")));
        }
        out.push_str("];\n");
    }
    let _ = writeln!(out, "  }}");
}
