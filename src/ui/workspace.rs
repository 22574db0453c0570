//! The window's workspace: what is arranged on screen, captured into a
//! [`Workspace`] and put back from one. Each dataset's last workspace is
//! kept in the data folder, written when the window closes or another
//! dataset is opened, and reopened with the dataset.

use std::path::Path;

use eframe::egui;

use super::TiegraphApp;
use super::app::PathModeChoice;
use super::canvas::Camera;
use super::state::Selection;
use crate::workspace::{
    PathQuestion, ResolvedSelection, Workspace, WorkspaceCamera, WorkspaceError, WorkspaceSelection,
};

impl TiegraphApp {
    /// What is on screen, as a workspace.
    pub fn capture_workspace(&self) -> Workspace {
        let session = &self.session;
        let graph = &session.graph;
        let id = |node| graph.node(node).id.clone();
        let mut workspace = Workspace::new(graph.dataset());
        for node in graph.graph().node_indices() {
            if let Some(Some(position)) = session.layout.positions().get(node.index()) {
                workspace.positions.insert(id(node), *position);
            }
        }
        workspace.pinned = session
            .layout
            .pins()
            .into_iter()
            .map(|(n, _)| id(n))
            .collect();
        workspace.hidden = session.hidden.iter().map(|&n| id(n)).collect();
        workspace.filter = session.filter.clone();
        let panel = &self.panels.paths;
        workspace.path = PathQuestion {
            from: panel.from.clone(),
            to: panel.to.clone(),
            avoid: panel.avoid_text.clone(),
            mode: match panel.mode {
                PathModeChoice::AllShortest => "all-shortest",
                PathModeChoice::KShortest => "k-shortest",
                PathModeChoice::AllSimple => "all-simple",
            }
            .into(),
            k: panel.k,
            query: session.paths.query.clone(),
        };
        workspace.selection = match self.selection {
            Selection::None => None,
            Selection::Node(node) => Some(WorkspaceSelection::Entity(id(node))),
            Selection::Claim(edge) => Some(WorkspaceSelection::Claim(graph.claim(edge).id.clone())),
            Selection::Pair(a, b) => Some(WorkspaceSelection::Pair(id(a), id(b))),
        };
        workspace.camera = self.canvas.camera.map(|camera| WorkspaceCamera {
            center: [camera.center.x, camera.center.y],
            scale: camera.scale,
        });
        workspace
    }

    /// Puts a workspace on screen: what still matches the dataset is
    /// applied, and the returned message says what did not.
    pub fn apply_workspace(&mut self, workspace: &Workspace) -> Option<String> {
        let resolved = workspace.resolve(&self.session.graph);
        let session = &mut self.session;
        let view_size = session.view.node_count();
        if resolved.positions.len() * 10 >= view_size * 9 {
            // The workspace places (nearly) everything: no layout needed.
            session.layout_job = None;
        }
        for node in session.graph.graph().node_indices() {
            session.layout.set_pinned(node, false);
        }
        for &node in &resolved.pinned {
            session.layout.set_pinned(node, true);
        }
        session.hidden = resolved.hidden.iter().copied().collect();
        session.filter = workspace.filter.clone();
        session.history = Default::default();
        session.refresh_view();
        // A new view reheats the layout; the workspace's arrangement stays
        // exactly as it was saved.
        session.layout.restore(&resolved.positions);
        session.paths.query = workspace.path.query.clone();
        let panel = &mut self.panels.paths;
        panel.from = workspace.path.from.clone();
        panel.to = workspace.path.to.clone();
        panel.avoid_text = workspace.path.avoid.clone();
        panel.k = workspace.path.k.max(1);
        panel.mode = match workspace.path.mode.as_str() {
            "k-shortest" => PathModeChoice::KShortest,
            "all-simple" => PathModeChoice::AllSimple,
            _ => PathModeChoice::AllShortest,
        };
        self.selection = match resolved.selection {
            None => Selection::None,
            Some(ResolvedSelection::Entity(node)) => Selection::Node(node),
            Some(ResolvedSelection::Claim(edge)) => Selection::Claim(edge),
            Some(ResolvedSelection::Pair(a, b)) => Selection::Pair(a, b),
        };
        match workspace.camera {
            Some(camera) if camera.scale.is_finite() && camera.scale > 0.0 => {
                self.canvas.camera = Some(Camera {
                    center: egui::pos2(camera.center[0], camera.center[1]),
                    scale: camera.scale,
                });
                self.canvas.fit_pending = false;
            }
            _ => self.canvas.fit_pending = true,
        }
        resolved.missing.describe()
    }

    /// Opens a workspace file; a file that does not parse changes nothing.
    pub fn open_workspace(&mut self, path: &Path) -> Result<Option<String>, WorkspaceError> {
        let workspace = Workspace::read(path)?;
        Ok(self.apply_workspace(&workspace))
    }

    /// Writes what is on screen to a workspace file.
    pub fn save_workspace(&self, path: &Path) -> Result<(), WorkspaceError> {
        self.capture_workspace().write(path)
    }

    /// Where this dataset's last workspace is kept.
    pub fn last_workspace_path(&self) -> std::path::PathBuf {
        Workspace::last_path(self.session.origin.file(), self.session.graph.dataset())
    }

    /// Keeps what is on screen as this dataset's last workspace (on closing
    /// the window, or opening another dataset). Nothing is kept for a
    /// dataset that shows nothing.
    pub(crate) fn keep_workspace(&mut self) {
        if !self.keep_workspaces || self.session.graph.graph().node_count() == 0 {
            return;
        }
        if let Err(error) = self.save_workspace(&self.last_workspace_path()) {
            self.show_error("The workspace was not kept", &error);
        }
    }

    /// [`TiegraphApp::keep_workspace`] for tests: what closing the window
    /// does.
    pub fn keep_workspace_now(&mut self) {
        self.keep_workspace();
    }

    /// Reopens this dataset's last workspace, if there is one.
    pub(crate) fn reopen_workspace(&mut self) {
        if !self.keep_workspaces {
            return;
        }
        let path = self.last_workspace_path();
        if !path.exists() {
            return;
        }
        match self.open_workspace(&path) {
            Ok(Some(message)) => self.dialogs.message = Some(message),
            Ok(None) => {}
            Err(error) => self.show_error("The last workspace was not reopened", &error),
        }
    }
}
