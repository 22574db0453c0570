//! Exports of the graph: one [`ExportFormat`] and one [`render`] for the
//! command line and the window alike. Every writer is deterministic: the
//! same view gives the same bytes.

pub mod dot;
pub mod graphml;
pub mod json;

use crate::graph::{TieGraph, View};

/// The formats a view can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Json,
    Dot,
    Graphml,
}

impl ExportFormat {
    /// Every format, in the order menus and `--help` list them.
    pub const ALL: [ExportFormat; 3] =
        [ExportFormat::Json, ExportFormat::Dot, ExportFormat::Graphml];

    /// The name on the command line (`--format dot`).
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Dot => "dot",
            ExportFormat::Graphml => "graphml",
        }
    }

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        self.name()
    }

    /// The format called `name`, if any.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// Renders `view` in `format`.
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
}

/// Replaces control characters other than tab, line feed and carriage
/// return with U+FFFD: XML 1.0 cannot hold them and Graphviz may stop at NUL.
pub fn clean_text(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
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
