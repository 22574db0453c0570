//! The JSON export: the format of [`crate::format::json`], pretty-printed.

pub use crate::format::json::{
    JsonConflict, JsonDate, JsonDocument, JsonEdge, JsonEvidence, JsonGraph, JsonNode,
};

use super::ExportError;
use crate::graph::{TieGraph, View};

/// The part of the graph `view` shows, as pretty JSON with a final newline.
pub fn render(graph: &TieGraph, view: &View) -> Result<String, ExportError> {
    Ok(JsonGraph::from_view(graph, view).to_string_pretty()?)
}
