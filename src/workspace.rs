//! Workspaces (charts): what an analyst arranged on a dataset, kept apart
//! from the dataset itself: where each entity is, which are pinned and
//! which hidden, the filter, the path question, the selection and the
//! camera. One JSON file, bound to the dataset's hash: on a changed dataset
//! it applies what still matches and says what did not.
//!
//! The window keeps each dataset's last workspace in the data folder and
//! reopens it with the dataset; File → Save workspace as… and Open
//! workspace… write and read one anywhere, to keep or to share;
//! `tiegraph layout --workspace` lays out around its positions.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use serde::{Deserialize, Serialize};

use crate::format::{dataset_hash, json_file};
use crate::fs::{data_folder, path_key};
use crate::graph::TieGraph;
use crate::model::Dataset;
use crate::query::{Filter, PathQuery};

/// The file format of a workspace (JSON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workspace {
    /// Format version, for future migrations.
    pub version: u32,
    pub dataset_name: String,
    /// [`dataset_hash`] of the dataset the workspace was made on.
    pub dataset_hash: String,
    /// Where each entity is (layout units), by entity id.
    #[serde(default)]
    pub positions: BTreeMap<String, [f32; 2]>,
    /// Entities pinned where they are.
    #[serde(default)]
    pub pinned: Vec<String>,
    /// Entities hidden by hand.
    #[serde(default)]
    pub hidden: Vec<String>,
    #[serde(default)]
    pub filter: Filter,
    #[serde(default)]
    pub path: PathQuestion,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection: Option<WorkspaceSelection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub camera: Option<WorkspaceCamera>,
}

/// The path panel's question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PathQuestion {
    pub from: String,
    pub to: String,
    /// Entities to avoid, as typed (comma-separated).
    pub avoid: String,
    /// `all-shortest`, `k-shortest` or `all-simple`.
    pub mode: String,
    pub k: usize,
    pub query: PathQuery,
}

impl Default for PathQuestion {
    fn default() -> Self {
        PathQuestion {
            from: String::new(),
            to: String::new(),
            avoid: String::new(),
            mode: "all-shortest".into(),
            k: 5,
            query: PathQuery::default(),
        }
    }
}

/// What was selected, by id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum WorkspaceSelection {
    Entity(String),
    Claim(String),
    Pair(String, String),
}

/// The camera: the layout point at the canvas's centre, and screen points
/// per layout unit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceCamera {
    pub center: [f32; 2],
    pub scale: f32,
}

/// Why a workspace could not be read or written.
pub type WorkspaceError = crate::format::json_file::JsonFileError;

/// A workspace's ids turned into this graph's entities and claims, and
/// what no longer matched.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resolved {
    pub positions: Vec<(NodeIndex, [f32; 2])>,
    pub pinned: Vec<NodeIndex>,
    pub hidden: Vec<NodeIndex>,
    pub selection: Option<ResolvedSelection>,
    /// How many positions, pins and hidden entities name entities the
    /// dataset no longer has, and whether the selection was lost.
    pub missing: Missing,
}

/// The selection, resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResolvedSelection {
    Entity(NodeIndex),
    Claim(EdgeIndex),
    Pair(NodeIndex, NodeIndex),
}

/// What of a workspace the dataset no longer has.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Missing {
    pub positions: usize,
    pub pinned: usize,
    pub hidden: usize,
    pub selection: bool,
    /// The workspace was saved on another version of the dataset.
    pub changed: bool,
}

impl Missing {
    /// What to tell the user, or `None` when everything matched.
    pub fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        if self.positions > 0 {
            parts.push(count(self.positions, "position"));
        }
        if self.pinned > 0 {
            parts.push(count(self.pinned, "pin"));
        }
        if self.hidden > 0 {
            parts.push(count(self.hidden, "hidden entity").replace("entitys", "entities"));
        }
        if self.selection {
            parts.push("the selection".into());
        }
        match (self.changed, parts.is_empty()) {
            (false, true) => None,
            (true, true) => Some(
                "The dataset changed since the workspace was saved; everything in it still matches."
                    .into(),
            ),
            (_, false) => Some(format!(
                "The dataset changed since the workspace was saved: {} refer to what it no longer has and were left out.",
                parts.join(", ")
            )),
        }
    }
}

impl Workspace {
    pub const VERSION: u32 = 1;

    /// An empty workspace for `dataset`.
    pub fn new(dataset: &Dataset) -> Self {
        Workspace {
            version: Self::VERSION,
            dataset_name: dataset.name.clone(),
            dataset_hash: dataset_hash(dataset),
            positions: BTreeMap::new(),
            pinned: Vec::new(),
            hidden: Vec::new(),
            filter: Filter::default(),
            path: PathQuestion::default(),
            selection: None,
            camera: None,
        }
    }

    /// Reads a workspace; a file that does not parse is refused at its line
    /// and column, and left as it is.
    pub fn read(path: &Path) -> Result<Self, WorkspaceError> {
        json_file::read(path, "workspace")
    }

    /// Writes the workspace atomically, as pretty JSON.
    pub fn write(&self, path: &Path) -> Result<(), WorkspaceError> {
        json_file::write(path, "workspace", self)
    }

    /// The workspace's ids, as entities and claims of `graph`.
    pub fn resolve(&self, graph: &TieGraph) -> Resolved {
        let mut resolved = Resolved {
            missing: Missing {
                changed: self.dataset_hash != dataset_hash(graph.dataset()),
                ..Missing::default()
            },
            ..Resolved::default()
        };
        for (id, position) in &self.positions {
            match graph.node_index(id) {
                Some(node) if position.iter().all(|v| v.is_finite()) => {
                    resolved.positions.push((node, *position));
                }
                _ => resolved.missing.positions += 1,
            }
        }
        let entities = |ids: &[String], missing: &mut usize| -> Vec<NodeIndex> {
            let found: Vec<NodeIndex> = ids.iter().filter_map(|id| graph.node_index(id)).collect();
            *missing += ids.len() - found.len();
            found
        };
        resolved.pinned = entities(&self.pinned, &mut resolved.missing.pinned);
        resolved.hidden = entities(&self.hidden, &mut resolved.missing.hidden);
        resolved.selection = self.selection.as_ref().and_then(|selection| {
            let found = match selection {
                WorkspaceSelection::Entity(id) => {
                    graph.node_index(id).map(ResolvedSelection::Entity)
                }
                WorkspaceSelection::Claim(id) => {
                    graph.claim_index(id).map(ResolvedSelection::Claim)
                }
                WorkspaceSelection::Pair(a, b) => graph
                    .node_index(a)
                    .zip(graph.node_index(b))
                    .map(|(a, b)| ResolvedSelection::Pair(a, b)),
            };
            resolved.missing.selection = found.is_none();
            found
        });
        resolved
    }

    /// Where the window keeps a dataset's last workspace: in the data folder,
    /// named after the dataset's file (or, for the embedded dataset, its
    /// hash).
    pub fn last_path(dataset_file: Option<&Path>, dataset: &Dataset) -> PathBuf {
        let name = match dataset_file {
            Some(file) => {
                let full = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
                let stem = file
                    .file_stem()
                    .map_or_else(|| "dataset".into(), |s| s.to_string_lossy().into_owned());
                format!("{stem}-{}.workspace.json", path_key(&full))
            }
            None => format!("embedded-{}.workspace.json", dataset_hash(dataset)),
        };
        data_folder().join("workspaces").join(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph() -> TieGraph {
        TieGraph::new(crate::synth::dataset(20, 30, 3))
    }

    #[test]
    fn ids_the_dataset_no_longer_has_are_counted_not_applied() {
        let graph = graph();
        let mut workspace = Workspace::new(graph.dataset());
        let first = graph.dataset().nodes[0].id.clone();
        workspace.positions.insert(first.clone(), [1.0, 2.0]);
        workspace.positions.insert("gone".into(), [3.0, 4.0]);
        workspace.pinned = vec![first.clone(), "gone-too".into()];
        workspace.hidden = vec!["also-gone".into()];
        workspace.selection = Some(WorkspaceSelection::Entity("nobody".into()));
        let resolved = workspace.resolve(&graph);
        assert_eq!(resolved.positions.len(), 1);
        assert_eq!(resolved.pinned.len(), 1);
        assert!(resolved.hidden.is_empty());
        assert_eq!(resolved.selection, None);
        let missing = &resolved.missing;
        assert_eq!(
            (missing.positions, missing.pinned, missing.hidden),
            (1, 1, 1)
        );
        assert!(missing.selection && !missing.changed);
        let said = missing.describe().unwrap();
        assert!(
            said.contains("1 position, 1 pin, 1 hidden entity, the selection"),
            "{said}"
        );
    }

    #[test]
    fn a_workspace_round_trips_through_its_file() {
        let graph = graph();
        let mut workspace = Workspace::new(graph.dataset());
        workspace.positions.insert("n1".into(), [-5.5, 7.25]);
        workspace.camera = Some(WorkspaceCamera {
            center: [1.0, 2.0],
            scale: 0.75,
        });
        workspace.selection = Some(WorkspaceSelection::Pair("n1".into(), "n2".into()));
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("w.json");
        workspace.write(&path).unwrap();
        assert_eq!(Workspace::read(&path).unwrap(), workspace);
    }
}
