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

/// An edit of the dataset file, undone by writing `before` back and redone
/// by writing `after` (each refused if someone else changed the file).
#[derive(Clone, Debug, PartialEq)]
pub struct DataEdit {
    /// What it did ("add claim …").
    pub summary: String,
    pub before: String,
    pub after: String,
}

/// One step of the history: a view edit (the view as it was) or a data
/// edit.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    View(ViewEdit),
    Data(DataEdit),
}

/// Undo and redo stacks: [`ViewEdit`] snapshots and [`DataEdit`]s, in the
/// order they were made.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Records the state before an edit of the view; clears redo.
    pub fn record(&mut self, before: ViewEdit) {
        if self.undo.last() != Some(&Step::View(before.clone())) {
            self.push_undo(Step::View(before));
        }
        self.redo.clear();
    }

    /// Records an edit of the dataset; clears redo.
    pub fn record_data(&mut self, edit: DataEdit) {
        self.push_undo(Step::Data(edit));
        self.redo.clear();
    }

    fn push_undo(&mut self, step: Step) {
        self.undo.push(step);
        if self.undo.len() > 200 {
            self.undo.remove(0);
        }
    }

    /// The step to undo, given the current view: a view to return to, or a
    /// data edit to write back.
    pub fn undo(&mut self, current: ViewEdit) -> Option<Step> {
        let step = self.undo.pop()?;
        self.redo.push(match &step {
            Step::View(_) => Step::View(current),
            Step::Data(edit) => Step::Data(edit.clone()),
        });
        Some(step)
    }

    pub fn redo(&mut self, current: ViewEdit) -> Option<Step> {
        let step = self.redo.pop()?;
        self.undo.push(match &step {
            Step::View(_) => Step::View(current),
            Step::Data(edit) => Step::Data(edit.clone()),
        });
        Some(step)
    }

    /// Puts back a data step whose undo could not be written.
    pub fn undo_failed(&mut self) {
        if let Some(step) = self.redo.pop() {
            self.undo.push(step);
        }
    }

    /// Puts back a data step whose redo could not be written.
    pub fn redo_failed(&mut self) {
        if let Some(step) = self.undo.pop() {
            self.redo.push(step);
        }
    }

    /// Carries the view steps over to a rebuilt graph: `map` takes an
    /// entity's old index to its new one (`None`: it is gone).
    pub fn remap(&mut self, map: &dyn Fn(NodeIndex) -> Option<NodeIndex>) {
        for step in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            if let Step::View(view) = step {
                view.hidden = view.hidden.iter().filter_map(|&n| map(n)).collect();
                view.pins = view
                    .pins
                    .iter()
                    .filter_map(|&(n, at)| Some((map(n)?, at)))
                    .collect();
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What the next undo would undo, when it is a data edit.
    pub fn next_undo(&self) -> Option<&str> {
        match self.undo.last()? {
            Step::Data(edit) => Some(&edit.summary),
            Step::View(_) => None,
        }
    }

    pub fn next_redo(&self) -> Option<&str> {
        match self.redo.last()? {
            Step::Data(edit) => Some(&edit.summary),
            Step::View(_) => None,
        }
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
    Statistics,
}
