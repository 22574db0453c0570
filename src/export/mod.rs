//! Exports of the graph: one [`ExportFormat`] and one [`render`] for the
//! command line and the window alike. Every writer is deterministic: the
//! same view gives the same bytes.

pub mod cypher;
pub mod dot;
pub mod facts;
pub mod ftm;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod neo4j_csv;

use std::path::Path;

use crate::graph::{TieGraph, View};

/// The formats a view can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// tiegraph's own JSON, which it reads back.
    Json,
    /// Graphviz.
    Dot,
    /// GraphML (yEd, Cytoscape, networkx).
    Graphml,
    /// GEXF 1.3 with time (Gephi, Gephi Lite).
    Gexf,
    /// FollowTheMoney entities, one JSON object per line (Aleph,
    /// OpenSanctions).
    Ftm,
    /// A Cypher script for Neo4j 5.
    Cypher,
    /// A folder of CSV files for `neo4j-admin database import`.
    Neo4jCsv,
}

impl ExportFormat {
    /// Every format, in the order menus and `--help` list them.
    pub const ALL: [ExportFormat; 7] = [
        ExportFormat::Json,
        ExportFormat::Dot,
        ExportFormat::Graphml,
        ExportFormat::Gexf,
        ExportFormat::Ftm,
        ExportFormat::Cypher,
        ExportFormat::Neo4jCsv,
    ];

    /// The name on the command line (`--format dot`).
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Dot => "dot",
            ExportFormat::Graphml => "graphml",
            ExportFormat::Gexf => "gexf",
            ExportFormat::Ftm => "ftm",
            ExportFormat::Cypher => "cypher",
            ExportFormat::Neo4jCsv => "neo4j-csv",
        }
    }

    /// What the format is for, in a menu.
    pub fn description(self) -> &'static str {
        match self {
            ExportFormat::Json => "JSON (tiegraph reads it back)",
            ExportFormat::Dot => "Graphviz DOT",
            ExportFormat::Graphml => "GraphML (yEd, Cytoscape, networkx)",
            ExportFormat::Gexf => "GEXF 1.3 with time (Gephi)",
            ExportFormat::Ftm => "FollowTheMoney JSON lines (Aleph, OpenSanctions)",
            ExportFormat::Cypher => "Cypher script (Neo4j 5)",
            ExportFormat::Neo4jCsv => "CSV folder for neo4j-admin import",
        }
    }

    /// The file name extension, without the dot (none for a folder).
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Ftm => "ftm.jsonl",
            ExportFormat::Neo4jCsv => "",
            other => other.name(),
        }
    }

    /// Whether the export is a folder of files rather than one file.
    pub fn is_folder(self) -> bool {
        self == ExportFormat::Neo4jCsv
    }

    /// The format called `name`, if any.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// Renders `view` in `format`, for the formats that are one file (a folder
/// format is refused: see [`write`]).
///
/// ```
/// use tiegraph::export::{ExportFormat, ExportOptions, render};
/// let graph = tiegraph::graph::TieGraph::new(tiegraph::load::load_embedded().unwrap().dataset);
/// let view = tiegraph::graph::View::all(&graph);
/// let dot = render(&graph, &view, ExportFormat::Dot, &ExportOptions::default()).unwrap();
/// assert!(dot.contains("digraph \"tiegraph\" {"));
/// ```
pub fn render(
    graph: &TieGraph,
    view: &View,
    format: ExportFormat,
    options: &ExportOptions<'_>,
) -> Result<String, ExportError> {
    match format {
        ExportFormat::Json => json::render(graph, view),
        ExportFormat::Dot => Ok(dot::to_dot(graph, view, options)),
        ExportFormat::Graphml => graphml::to_graphml(graph, view, options),
        ExportFormat::Gexf => gexf::to_gexf(graph, view, options),
        ExportFormat::Ftm => Ok(ftm::to_ftm(graph, view, options)),
        ExportFormat::Cypher => Ok(cypher::to_cypher(graph, view, options)),
        ExportFormat::Neo4jCsv => Err(ExportError::NeedsFolder {
            format: format.name(),
        }),
    }
}

/// Writes `view` in `format` to `path`: one file written atomically, or
/// for a folder format a folder (created if need be) of files each written
/// atomically.
pub fn write(
    graph: &TieGraph,
    view: &View,
    format: ExportFormat,
    options: &ExportOptions<'_>,
    path: &Path,
) -> Result<(), ExportError> {
    if format.is_folder() {
        std::fs::create_dir_all(path)
            .map_err(|source| crate::fs::FsError::io("create the folder", path, source))?;
        for (name, text) in neo4j_csv::to_files(graph, view, options)? {
            crate::fs::write_atomic(&path.join(name), text.as_bytes())?;
        }
        Ok(())
    } else {
        let text = render(graph, view, format, options)?;
        crate::fs::write_atomic(path, text.as_bytes())?;
        Ok(())
    }
}

/// Positions for Graphviz from positions on the canvas: Graphviz's y axis
/// grows upwards, the canvas's downwards.
pub fn graphviz_positions(canvas: &[Option<[f32; 2]>]) -> Vec<Option<[f32; 2]>> {
    canvas.iter().map(|p| p.map(|[x, y]| [x, -y])).collect()
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Write(#[from] crate::fs::FsError),
    #[error("cannot write the GraphML")]
    Xml(#[source] std::io::Error),
    #[error("cannot serialize as JSON")]
    Json(#[from] serde_json::Error),
    #[error("cannot write the CSV")]
    Csv(#[source] csv::Error),
    #[error("{format} writes a folder of files: give a folder to write into (-o FOLDER)")]
    NeedsFolder { format: &'static str },
}

/// What every view export may add beyond the view itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExportOptions<'a> {
    /// Title of the drawing; default: the dataset's name.
    pub title: Option<&'a str>,
    /// Layout positions by node index (points, y growing upwards as in
    /// Graphviz: see [`graphviz_positions`]), written as `pos` / x, y.
    pub positions: Option<&'a [Option<[f32; 2]>]>,
    /// Add a legend of the node kinds present (DOT).
    pub legend: bool,
    /// Each claim's review status, for the formats that carry it (GEXF,
    /// Cypher, Neo4j CSV); without it every claim is "unreviewed".
    pub reviews: Option<&'a crate::model::Reviews>,
    /// Measures of the entities (centralities, communities) written as
    /// node attributes by DOT, GraphML and GEXF.
    pub measures: &'a [NodeMeasure<'a>],
}

/// One measure of the entities, by node index (`None`: not measured, e.g.
/// not in the view the measure ran on).
#[derive(Clone, Copy, Debug)]
pub struct NodeMeasure<'a> {
    /// A plain name (`pagerank`, `community`): an attribute name in every
    /// format.
    pub name: &'a str,
    pub values: &'a [Option<f64>],
}

impl NodeMeasure<'_> {
    /// The value of the entity at `index`, if measured.
    pub fn of(&self, index: petgraph::stable_graph::NodeIndex) -> Option<f64> {
        self.values
            .get(index.index())
            .copied()
            .flatten()
            .filter(|v| v.is_finite())
    }
}

/// Replaces control characters other than tab, line feed and carriage
/// return, and the non-characters U+FFFE and U+FFFF, with U+FFFD: XML 1.0
/// cannot hold them and Graphviz may stop at NUL.
pub fn clean_text(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if text.chars().any(bad) {
        std::borrow::Cow::Owned(
            text.chars()
                .map(|c| if bad(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}
