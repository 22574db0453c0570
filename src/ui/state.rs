//! UI state, kept apart from the domain model: what is selected, what the
//! user hid or pinned, undo history, and the preferences that persist.
//! The graph itself is never persisted.

use std::collections::BTreeSet;
use std::path::PathBuf;

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use serde::{Deserialize, Serialize};

use crate::query::Filter;

/// What the inspector shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Selection {
    #[default]
    None,
    Node(NodeIndex),
    Claim(EdgeIndex),
    /// The bundle of claims between two entities (a count badge was clicked).
    Pair(NodeIndex, NodeIndex),
}

/// The edits of the view that undo and redo step through.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewEdit {
    pub filter: Filter,
    pub hidden: BTreeSet<NodeIndex>,
    /// Pinned entities and where they were pinned.
    pub pins: Vec<(NodeIndex, [f32; 2])>,
}

/// Undo and redo stacks of [`ViewEdit`] snapshots.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<ViewEdit>,
    redo: Vec<ViewEdit>,
}

impl History {
    /// Records the state before an edit; clears redo.
    pub fn record(&mut self, before: ViewEdit) {
        if self.undo.last() != Some(&before) {
            self.undo.push(before);
            if self.undo.len() > 200 {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
    }

    /// The state to return to, given the current one.
    pub fn undo(&mut self, current: ViewEdit) -> Option<ViewEdit> {
        let previous = self.undo.pop()?;
        self.redo.push(current);
        Some(previous)
    }

    pub fn redo(&mut self, current: ViewEdit) -> Option<ViewEdit> {
        let next = self.redo.pop()?;
        self.undo.push(current);
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

/// What persists between runs (eframe storage): preferences only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// The dataset opened last, reopened on start when no other is given.
    pub last_dataset: Option<PathBuf>,
    pub show_filters: bool,
    pub show_inspector: bool,
    pub show_bottom: bool,
    pub bottom_tab: BottomTab,
    /// Size nodes by claims (true) or leave them equal.
    pub size_by_degree: bool,
    /// The reviewer's name, stamped on reviews.
    pub reviewer: String,
    pub review_order: crate::review::queue::QueueOrder,
    /// Draw rejected claims (hidden by default).
    pub show_rejected: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            last_dataset: None,
            show_filters: true,
            show_inspector: true,
            show_bottom: true,
            bottom_tab: BottomTab::Paths,
            size_by_degree: true,
            reviewer: String::new(),
            review_order: crate::review::queue::QueueOrder::default(),
            show_rejected: false,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum BottomTab {
    #[default]
    Paths,
    Timeline,
    Review,
}
