//! The desktop explorer (egui/eframe). The only module besides `main` that
//! imports egui, eframe or rfd; it draws what the library computes and never
//! reimplements a query or an export.
//!
//! [`TiegraphApp`] is public so that `tests/` can drive the real app with
//! egui_kittest, without a window or a GPU.

mod canvas;
mod files;
mod panels;
mod review;
mod spatial;
mod state;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use eframe::egui;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};

pub use files::{ExportFormat, ExportWhat, FileAction};
pub use panels::install_fonts;
pub use state::{BottomTab, Preferences, Selection};

use crate::export::ExportOptions;
use crate::fs::write_atomic;
use crate::graph::TieGraph;
use crate::layout::{Layout, LayoutJob};

/// Interactive layout steps per frame: enough to settle in about a second,
/// few enough to keep the frame short. Views too large for a step per
/// frame are laid out by the multilevel layout in the background instead.
fn steps_per_frame(visible: usize) -> usize {
    match visible {
        0..=500 => 6,
        501..=BACKGROUND_LAYOUT_FROM => 2,
        _ => 0,
    }
}

/// Views with more entities than this are laid out by the multilevel
/// layout on another thread when opened. (An interactive step costs about
/// 120 ms at 10k entities and 50k claims; at 2k it fits in a frame.)
const BACKGROUND_LAYOUT_FROM: usize = 2_000;
use crate::load::{self, Diagnostic, LoadError};
use crate::query::{Filter, PathMode, PathQuery, PathResults, SavedFilter, View};
use files::{DialogPoll, PendingDialog, TypedPath};
use state::{History, ViewEdit};

const PREFERENCES_KEY: &str = "tiegraph.preferences";

/// Where the open dataset came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatasetOrigin {
    Embedded,
    File(PathBuf),
}

/// The paths panel: pickers, constraints and results.
pub(crate) struct PathsPanel {
    from: String,
    to: String,
    mode: PathModeChoice,
    k: usize,
    query: PathQuery,
    avoid_text: String,
    results: Option<Result<PathResults, String>>,
    chosen: Option<usize>,
    /// What happens to the rest of the graph while a path is chosen.
    rest: RestOfGraph,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PathModeChoice {
    AllShortest,
    KShortest,
    AllSimple,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RestOfGraph {
    Show,
    Dim,
    Hide,
}

/// The source viewer: one document, maybe with a quote to highlight.
pub(crate) struct SourceView {
    document: String,
    highlight: Option<(usize, usize)>,
    /// Scroll the highlight into view on the next frame.
    scroll_pending: bool,
    /// The claims the document supports, found once when it is opened.
    supported: Vec<EdgeIndex>,
}

/// The diagnostics of a dataset that failed to load.
pub(crate) struct DiagnosticsWindow {
    file: String,
    summary: String,
    diagnostics: Vec<Diagnostic>,
}

/// The tiegraph desktop app.
pub struct TiegraphApp {
    graph: TieGraph,
    origin: DatasetOrigin,
    filter: Filter,
    filter_error: Option<String>,
    hidden: BTreeSet<NodeIndex>,
    view: View,
    layout: Layout,
    /// A whole-view multilevel layout running in the background.
    layout_job: Option<LayoutJob>,
    /// Kind and relation counts of the dataset and the view.
    counts: panels::ViewCounts,
    /// Reviews an earlier session could not save (claims, recovery file),
    /// offered until restored, discarded or put off.
    recovery_offer: Option<(usize, PathBuf)>,
    camera: egui::Rect,
    fit_pending: bool,
    /// Fit the camera to these entities on the next frame (a chosen path).
    fit_nodes: Option<Vec<NodeIndex>>,
    selection: Selection,
    search_text: String,
    search_hits: Vec<NodeIndex>,
    paths: PathsPanel,
    source_view: Option<SourceView>,
    history: History,
    prefs: Preferences,
    diagnostics: Option<DiagnosticsWindow>,
    message: Option<String>,
    dialog: Option<PendingDialog>,
    typed_path: Option<TypedPath>,
    /// Timeline brush in progress: (start, end) in days since the epoch.
    brush: Option<(f32, f32)>,
    title_sent: Option<String>,
    focus_search: bool,
    /// The canvas on screen, for PNG exports.
    canvas_rect: egui::Rect,
    /// A PNG export waiting for the next frame's pixels.
    png_request: Option<PathBuf>,
    png_result: Option<std::sync::mpsc::Receiver<Result<PathBuf, String>>>,
    /// The reviews of this dataset, autosaved to their sidecar file.
    reviews: crate::review::ReviewStore,
    review_note: String,
    /// Conflict groups (marked and automatic), computed once per dataset.
    conflicts: Vec<crate::review::conflicts::ConflictGroup>,
    /// Claims in a conflict group, drawn with a mark.
    conflicted: std::collections::HashSet<EdgeIndex>,
    /// Use rfd dialogs; tests turn this off and use the typed-path field.
    pub native_dialogs: bool,
}

impl TiegraphApp {
    /// An app showing `graph`.
    pub fn new(graph: TieGraph, origin: DatasetOrigin, prefs: Preferences) -> Self {
        let reviews_file = crate::review::reviews_path(
            match &origin {
                DatasetOrigin::File(path) => Some(path.as_path()),
                DatasetOrigin::Embedded => None,
            },
            &crate::query::dataset_hash(graph.dataset()),
        );
        let reviews = crate::review::ReviewStore::open(reviews_file, &graph.dataset().name);
        let message = reviews
            .unparsed
            .as_ref()
            .map(|error| format!("Reviews not loaded: {error}. They will not be overwritten; use Review → Save reviews as…"));
        let recovery_offer = recovery_offer(&reviews);
        let conflicts = crate::review::conflicts::conflict_groups(&graph);
        let conflicted = conflicts
            .iter()
            .flat_map(|group| group.claims.iter().copied())
            .collect();
        let view = View::all(&graph);
        let counts = panels::ViewCounts::of(&graph, &view);
        let mut layout = Layout::new(&graph, &view);
        // Start from a settled picture rather than an explosion: small
        // graphs settle here at once; large ones are laid out on another
        // thread while the window is already usable.
        let layout_job = if view.node_count() <= BACKGROUND_LAYOUT_FROM {
            layout.settle(400);
            None
        } else {
            Some(LayoutJob::start(&graph, &view, Vec::new()))
        };
        TiegraphApp {
            graph,
            origin,
            filter: Filter::default(),
            filter_error: None,
            hidden: BTreeSet::new(),
            view,
            counts,
            layout,
            layout_job,
            recovery_offer,
            camera: egui::Rect::ZERO,
            fit_pending: true,
            fit_nodes: None,
            selection: Selection::None,
            search_text: String::new(),
            search_hits: Vec::new(),
            paths: PathsPanel {
                from: String::new(),
                to: String::new(),
                mode: PathModeChoice::AllShortest,
                k: 5,
                query: PathQuery::default(),
                avoid_text: String::new(),
                results: None,
                chosen: None,
                rest: RestOfGraph::Dim,
            },
            source_view: None,
            history: History::default(),
            prefs,
            diagnostics: None,
            message,
            dialog: None,
            typed_path: None,
            brush: None,
            title_sent: None,
            focus_search: false,
            canvas_rect: egui::Rect::NOTHING,
            png_request: None,
            png_result: None,
            conflicts,
            conflicted,
            reviews,
            review_note: String::new(),
            native_dialogs: true,
        }
    }

    /// The app on the curated dataset compiled into the binary.
    pub fn embedded() -> Result<Self, LoadError> {
        let loaded = load::load_embedded()?;
        Ok(Self::new(
            TieGraph::new(loaded.dataset),
            DatasetOrigin::Embedded,
            Preferences::default(),
        ))
    }

    /// For eframe: restores preferences, then opens `path`, or the last
    /// dataset, or the embedded one. A dataset that fails to load leaves the
    /// embedded graph open with its diagnostics shown.
    pub fn from_creation(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> Self {
        let prefs: Preferences = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, PREFERENCES_KEY))
            .unwrap_or_default();
        let mut app = match Self::embedded() {
            Ok(app) => app,
            Err(error) => {
                // The embedded dataset is checked by the tests; this is a
                // last resort that still opens a window.
                let mut app = Self::new(
                    TieGraph::new(crate::model::Dataset {
                        name: "empty".into(),
                        description: None,
                        documents: Vec::new(),
                        nodes: Vec::new(),
                        claims: Vec::new(),
                        conflicts: Vec::new(),
                    }),
                    DatasetOrigin::Embedded,
                    Preferences::default(),
                );
                app.message = Some(format!("The embedded dataset failed to load: {error}"));
                app
            }
        };
        app.prefs = prefs;
        let wanted = path.or_else(|| app.prefs.last_dataset.clone().filter(|p| p.exists()));
        if let Some(path) = wanted {
            app.open_path(&path);
        }
        app
    }

    /// One frame's worth of layout motion, or the result of a background
    /// layout once it is ready.
    fn advance_layout(&mut self) {
        if let Some(job) = &self.layout_job {
            if job.is_finished() {
                self.finish_layout_job();
            }
            // The interactive layout waits for the background one.
            return;
        }
        for _ in 0..steps_per_frame(self.view.node_count()) {
            self.layout.step();
        }
    }

    /// Starts laying out the whole view with the multilevel layout in the
    /// background (pins stay where they are); replaces a running one.
    pub fn start_layout_job(&mut self) {
        let pins = self
            .layout
            .pins()
            .into_iter()
            .filter(|(node, _)| self.view.contains_node(*node))
            .collect();
        self.layout_job = Some(LayoutJob::start(&self.graph, &self.view, pins));
    }

    /// Progress of the background layout (0..=1), if one runs.
    pub fn layout_job_progress(&self) -> Option<f32> {
        self.layout_job.as_ref().map(LayoutJob::fraction)
    }

    /// Waits for the background layout, if any, and shows its result.
    /// Frames do this by themselves when the job is done; tests and
    /// screenshots call it to get there without waiting on the clock.
    pub fn finish_layout_job(&mut self) {
        let Some(job) = self.layout_job.take() else {
            return;
        };
        let stopped = job.is_stopping();
        match job.finish() {
            Some(positions) => {
                self.layout.adopt(&positions);
                self.fit_pending = true;
                if stopped {
                    self.message = Some("Layout stopped: showing the layout so far.".into());
                }
            }
            None => self.message = Some("The layout failed; positions are unchanged.".into()),
        }
    }

    /// Runs the layout to rest, so that the next frames do not animate
    /// (tests, screenshots).
    pub fn settle_layout(&mut self) {
        self.finish_layout_job();
        self.layout.settle(100_000);
        self.fit_pending = true;
    }

    /// Where an entity is on the canvas (layout units).
    pub fn position_of(&self, node: NodeIndex) -> [f32; 2] {
        self.layout.position(node)
    }

    pub fn graph(&self) -> &TieGraph {
        &self.graph
    }

    pub fn view(&self) -> &View {
        &self.view
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    pub fn selection(&self) -> Selection {
        self.selection
    }

    pub fn origin(&self) -> &DatasetOrigin {
        &self.origin
    }

    pub fn preferences(&self) -> &Preferences {
        &self.prefs
    }

    /// The diagnostics window's entries, if a dataset failed to load.
    pub fn diagnostics(&self) -> Option<&[Diagnostic]> {
        self.diagnostics.as_ref().map(|d| d.diagnostics.as_slice())
    }

    /// The window title: `tiegraph — <dataset name>`.
    pub fn title(&self) -> String {
        format!("tiegraph — {}", self.graph.dataset().name)
    }

    /// Opens a dataset file. On failure the current graph stays and the
    /// diagnostics are shown.
    pub fn open_path(&mut self, path: &Path) {
        match load::load_any(path) {
            Ok(loaded) => {
                let graph = TieGraph::new(loaded.dataset);
                let prefs = self.prefs.clone();
                let native = self.native_dialogs;
                *self = Self::new(graph, DatasetOrigin::File(path.to_path_buf()), prefs);
                self.native_dialogs = native;
                self.prefs.last_dataset = Some(path.to_path_buf());
                if !loaded.warnings.is_empty() {
                    self.message =
                        Some(format!("Opened with {} warning(s).", loaded.warnings.len()));
                }
            }
            Err(error) => {
                let diagnostics = error.diagnostics().to_vec();
                let summary = match &error {
                    LoadError::Io { .. } => error.to_string(),
                    LoadError::Invalid { .. } => format!(
                        "{} could not be opened: {} error(s). The graph already open stays.",
                        path.display(),
                        diagnostics.iter().filter(|d| d.is_error()).count()
                    ),
                };
                self.diagnostics = Some(DiagnosticsWindow {
                    file: path.display().to_string(),
                    summary,
                    diagnostics,
                });
            }
        }
    }

    // ── view edits (undoable) ──

    fn snapshot(&self) -> ViewEdit {
        ViewEdit {
            filter: self.filter.clone(),
            hidden: self.hidden.clone(),
            pins: self
                .graph
                .graph()
                .node_indices()
                .filter(|&n| self.layout.is_pinned(n))
                .map(|n| (n, self.layout.position(n)))
                .collect(),
        }
    }

    fn restore(&mut self, edit: ViewEdit) {
        for index in self.graph.graph().node_indices() {
            self.layout.set_pinned(index, false);
        }
        for (index, position) in &edit.pins {
            self.layout.place(*index, *position);
        }
        self.filter = edit.filter;
        self.hidden = edit.hidden;
        self.refresh_view();
    }

    /// Applies a filter change as one undoable edit.
    pub fn set_filter(&mut self, filter: Filter) {
        if filter == self.filter {
            return;
        }
        self.history.record(self.snapshot());
        self.filter = filter;
        self.refresh_view();
    }

    /// Hides entities (Delete key) as one undoable edit.
    pub fn hide(&mut self, nodes: &[NodeIndex]) {
        self.history.record(self.snapshot());
        self.hidden.extend(nodes.iter().copied());
        if let Selection::Node(node) = self.selection
            && nodes.contains(&node)
        {
            self.selection = Selection::None;
        }
        self.refresh_view();
    }

    pub fn undo(&mut self) {
        if let Some(previous) = self.history.undo(self.snapshot()) {
            self.restore(previous);
        }
    }

    pub fn redo(&mut self) {
        if let Some(next) = self.history.redo(self.snapshot()) {
            self.restore(next);
        }
    }

    /// Recomputes the view from the filter and the hidden set, keeping the
    /// previous view if the filter is invalid.
    fn refresh_view(&mut self) {
        match self
            .filter
            .apply_reviewed(&self.graph, Some(&self.reviews.reviews))
        {
            Ok(mut view) => {
                if !self.hidden.is_empty() {
                    let mut kept = View::empty(&self.graph);
                    for node in view.nodes().filter(|n| !self.hidden.contains(n)) {
                        kept.insert_node(node);
                    }
                    for edge in view.edges() {
                        if let Some((a, b)) = self.graph.graph().edge_endpoints(edge)
                            && kept.contains_node(a)
                            && kept.contains_node(b)
                        {
                            kept.insert_edge(edge);
                        }
                    }
                    view = kept;
                }
                self.filter_error = None;
                self.layout.set_view(&self.graph, &view);
                self.counts = panels::ViewCounts::of(&self.graph, &view);
                self.view = view;
            }
            Err(error) => self.filter_error = Some(error.to_string()),
        }
    }

    // ── selection ──

    /// Selects an entity and centres the camera on it.
    pub fn select_node(&mut self, node: NodeIndex) {
        self.selection = Selection::Node(node);
        let [x, y] = self.layout.position(node);
        if self.camera.is_positive() {
            self.camera = egui::Rect::from_center_size(egui::pos2(x, y), self.camera.size());
        }
    }

    pub fn select_claim(&mut self, claim: EdgeIndex) {
        self.selection = Selection::Claim(claim);
    }

    /// Runs the fuzzy search and keeps its hits (best first).
    pub fn search(&mut self, text: &str) {
        self.search_text = text.to_string();
        self.search_hits = crate::query::search::fuzzy_find(&self.graph, text, None, 30);
    }

    /// Opens a document in the source viewer, highlighting an evidence quote.
    pub fn show_source(&mut self, document: &str, highlight: Option<(usize, usize)>) {
        let supported = match self.source_view.take() {
            // Same document, another quote: the list is already known.
            Some(open) if open.document == document => open.supported,
            _ => self
                .graph
                .graph()
                .edge_indices()
                .filter(|&e| {
                    self.graph
                        .claim(e)
                        .evidence
                        .iter()
                        .any(|v| v.document == document)
                })
                .collect(),
        };
        self.source_view = Some(SourceView {
            document: document.to_string(),
            highlight,
            scroll_pending: highlight.is_some(),
            supported,
        });
    }

    /// The document open in the source viewer and its highlighted text.
    pub fn source_viewer(&self) -> Option<(&str, Option<&str>)> {
        let view = self.source_view.as_ref()?;
        let document = self.graph.document(&view.document)?;
        let quote = view
            .highlight
            .and_then(|(start, end)| document.text.get(start..end));
        Some((view.document.as_str(), quote))
    }

    // ── paths ──

    /// Runs the path query with the panel's pickers and constraints.
    pub fn run_path_query(&mut self) {
        let graph = &self.graph;
        let result = (|| {
            let from =
                crate::query::resolve(graph, self.paths.from.trim()).map_err(|e| e.to_string())?;
            let to =
                crate::query::resolve(graph, self.paths.to.trim()).map_err(|e| e.to_string())?;
            let mut query = self.paths.query.clone();
            query.avoid = self
                .paths
                .avoid_text
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|name| {
                    crate::query::resolve(graph, name)
                        .map(|n| graph.node(n).id.clone())
                        .map_err(|e| e.to_string())
                })
                .collect::<Result<Vec<_>, _>>()?;
            let mode = match self.paths.mode {
                PathModeChoice::AllShortest => PathMode::AllShortest,
                PathModeChoice::KShortest => PathMode::KShortest(self.paths.k.max(1)),
                PathModeChoice::AllSimple => PathMode::AllSimple,
            };
            crate::query::find_paths(
                graph,
                Some(&self.view),
                &self.reviews.reviews,
                from,
                to,
                mode,
                &query,
            )
            .map_err(|e| e.to_string())
        })();
        self.paths.chosen = match &result {
            Ok(found) if !found.paths.is_empty() => Some(0),
            _ => None,
        };
        self.paths.results = Some(result);
        self.fit_chosen_path();
    }

    /// Opens with a path question answered: runs the query, highlights the
    /// first path and shows the evidence of its first claim
    /// (`tiegraph open --path FROM TO`).
    pub fn preload_path(&mut self, from: &str, to: &str) {
        self.set_path_endpoints(from, to);
        self.prefs.show_bottom = true;
        self.prefs.bottom_tab = BottomTab::Paths;
        self.run_path_query();
        let first = self
            .chosen_path()
            .and_then(|path| path.hops.first())
            .and_then(|claims| claims.first())
            .copied();
        if let Some(edge) = first {
            self.select_claim(edge);
            let evidence = self.graph.claim(edge).evidence.first().cloned();
            if let Some(evidence) = evidence {
                self.show_source(&evidence.document, Some((evidence.start, evidence.end)));
            }
        }
    }

    /// Sets the path pickers (tests and the inspector's "path from here").
    pub fn set_path_endpoints(&mut self, from: &str, to: &str) {
        self.paths.from = from.to_string();
        self.paths.to = to.to_string();
    }

    /// The path results, if a query ran.
    pub fn path_results(&self) -> Option<&Result<PathResults, String>> {
        self.paths.results.as_ref()
    }

    /// Brings the chosen path into view on the next frame.
    pub(crate) fn fit_chosen_path(&mut self) {
        self.fit_nodes = self.chosen_path().map(|path| path.nodes.clone());
    }

    /// The chosen path, as highlighted on the canvas.
    fn chosen_path(&self) -> Option<&crate::query::Path> {
        let index = self.paths.chosen?;
        self.paths.results.as_ref()?.as_ref().ok()?.paths.get(index)
    }

    // ── reviews ──

    /// The reviews in memory (autosaved after each change).
    pub fn reviews(&self) -> &crate::review::Reviews {
        &self.reviews.reviews
    }

    /// Where the reviews are saved.
    pub fn reviews_file(&self) -> &Path {
        &self.reviews.path
    }

    /// Keeps the reviews in another file (tests, or a reviewer's own copy).
    pub fn use_reviews_file(&mut self, path: PathBuf) {
        self.reviews = crate::review::ReviewStore::open(path, &self.graph.dataset().name);
        self.recovery_offer = recovery_offer(&self.reviews);
        self.refresh_view();
    }

    /// Sets the selected claim's status, autosaves, and moves on to the next
    /// unreviewed claim.
    pub fn review_selected(&mut self, status: crate::review::ReviewStatus) {
        let Selection::Claim(edge) = self.selection else {
            self.message = Some("Select a claim to review (N: next unreviewed).".into());
            return;
        };
        let id = self.graph.claim(edge).id.clone();
        let note = Some(self.review_note.trim().to_string()).filter(|n| !n.is_empty());
        let reviewer = Some(self.prefs.reviewer.trim().to_string()).filter(|n| !n.is_empty());
        self.reviews.reviews.set(&id, status, note, reviewer);
        self.review_note.clear();
        self.save_reviews();
        if self.filter.review != crate::query::ReviewRule::Any {
            self.refresh_view();
        }
        self.review_step(false);
    }

    /// Marks an evidence quote as checked in context (or not), autosaving.
    pub fn set_quote_checked(&mut self, claim: &str, document: &str, quote: &str, checked: bool) {
        self.reviews
            .reviews
            .set_checked(claim, document, quote, checked);
        self.save_reviews();
    }

    /// Moves to the next (or previous) unreviewed claim in the chosen order,
    /// showing its evidence in the source viewer.
    pub fn review_step(&mut self, backwards: bool) {
        use crate::review::queue::{next_unreviewed, previous_unreviewed};
        let current = match self.selection {
            Selection::Claim(edge) => Some(edge),
            _ => None,
        };
        let order = self.prefs.review_order;
        let found = if backwards {
            previous_unreviewed(&self.graph, &self.reviews.reviews, order, current)
        } else {
            next_unreviewed(&self.graph, &self.reviews.reviews, order, current)
        };
        match found {
            Some(edge) => {
                self.selection = Selection::Claim(edge);
                let evidence = self.graph.claim(edge).evidence.first().cloned();
                if let Some(evidence) = evidence {
                    self.show_source(&evidence.document, Some((evidence.start, evidence.end)));
                }
            }
            None => self.message = Some("Every claim has been reviewed.".into()),
        }
    }

    /// Saves the reviews; when that fails, keeps the work in the recovery
    /// file, which the next start offers to restore.
    fn save_reviews(&mut self) {
        if let Err(error) = self.reviews.save() {
            self.message = Some(match self.reviews.write_recovery() {
                Ok(path) => format!(
                    "Reviews not saved: {error}. Your work is kept in {} and will be offered next time.",
                    path.display()
                ),
                Err(again) => format!("Reviews kept in memory only, not saved: {error}; {again}"),
            });
        }
    }

    /// Unsaved reviews an earlier session left in the recovery file: how
    /// many claims, and where.
    pub fn recovery_offer(&self) -> Option<(usize, PathBuf)> {
        self.recovery_offer.clone()
    }

    /// Takes the recovered reviews in and saves them.
    pub fn restore_recovery(&mut self) {
        let count = self.reviews.restore_recovery();
        self.recovery_offer = None;
        self.save_reviews();
        if !self.reviews.is_dirty() {
            self.message = Some(format!("Restored and saved {count} recovered reviews."));
        }
    }

    /// Deletes the recovered reviews.
    pub fn discard_recovery(&mut self) {
        self.reviews.discard_recovery();
        self.recovery_offer = None;
    }

    // ── exports ──

    /// The view of what an export covers.
    fn export_view(&self, what: ExportWhat) -> Result<View, String> {
        match what {
            ExportWhat::View => Ok(self.view.clone()),
            ExportWhat::Selection => {
                let mut view = View::empty(&self.graph);
                match self.selection {
                    Selection::Node(node) => {
                        let around =
                            crate::query::neighbourhood(&self.graph, &self.view, &[node], 1);
                        return Ok(around);
                    }
                    Selection::Claim(edge) => {
                        if let Some((a, b)) = self.graph.graph().edge_endpoints(edge) {
                            view.insert_node(a);
                            view.insert_node(b);
                            view.insert_edge(edge);
                        }
                    }
                    Selection::Pair(a, b) => {
                        view.insert_node(a);
                        view.insert_node(b);
                        for &(n, e) in self.graph.neighbours(a) {
                            if n == b && self.view.contains_edge(e) {
                                view.insert_edge(e);
                            }
                        }
                    }
                    Selection::None => return Err("Nothing is selected.".into()),
                }
                Ok(view)
            }
            ExportWhat::Path => {
                let path = self
                    .chosen_path()
                    .ok_or("No path is chosen: run a path query first.")?;
                Ok(crate::query::view_of_paths(&self.graph, [path]))
            }
        }
    }

    /// Writes an export to `path` atomically, with the canvas positions.
    pub fn export_to(
        &self,
        path: &Path,
        what: ExportWhat,
        format: ExportFormat,
    ) -> Result<(), String> {
        let view = self.export_view(what)?;
        let positions = crate::export::graphviz_positions(&self.layout.positions());
        let options = ExportOptions {
            title: None,
            positions: Some(&positions),
            legend: true,
        };
        let text = crate::export::render(&self.graph, &view, format, &options)
            .map_err(|e| e.to_string())?;
        write_atomic(path, text.as_bytes()).map_err(|e| e.to_string())
    }

    /// Saves the current filter with the dataset's hash.
    pub fn save_filter_to(&self, path: &Path) -> Result<(), String> {
        SavedFilter::new(self.graph.dataset(), self.filter.clone())
            .write(path)
            .map_err(|e| e.to_string())
    }

    /// Loads a saved filter; a file that does not parse changes nothing.
    pub fn load_filter_from(&mut self, path: &Path) -> Result<(), String> {
        let saved = SavedFilter::read(path).map_err(|e| e.to_string())?;
        if let Some(warning) = saved.mismatch_warning(path, self.graph.dataset()) {
            self.message = Some(format!("{warning}."));
        }
        saved.filter.apply(&self.graph).map_err(|e| e.to_string())?;
        self.set_filter(saved.filter);
        Ok(())
    }

    /// Starts choosing a file for `action`: a dialog, or the typed path.
    pub fn request_file(&mut self, action: FileAction, ctx: &egui::Context) {
        let default_name = self.default_file_name(action);
        if self.native_dialogs {
            let folder = match &self.origin {
                DatasetOrigin::File(path) => path.parent().map(Path::to_path_buf),
                DatasetOrigin::Embedded => None,
            };
            self.dialog = Some(PendingDialog::spawn(
                action,
                default_name,
                folder,
                ctx.clone(),
            ));
        } else {
            self.typed_path = Some(TypedPath {
                action,
                text: default_name,
                reason: "Type a path.".into(),
                confirming: None,
            });
        }
    }

    fn default_file_name(&self, action: FileAction) -> String {
        let stem: String = self
            .graph
            .dataset()
            .name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect::<String>()
            .split('-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        match action {
            FileAction::Open | FileAction::LoadFilter => String::new(),
            FileAction::ExportPng => format!("{stem}-canvas.png"),
            FileAction::SaveReviews => format!("{stem}.reviews.toml"),
            FileAction::SaveFilter => format!("{stem}-filter.json"),
            FileAction::Export(what, format) => {
                let what = match what {
                    ExportWhat::View => "view",
                    ExportWhat::Selection => "selection",
                    ExportWhat::Path => "path",
                };
                format!("{stem}-{what}.{}", format.extension())
            }
        }
    }

    /// Carries out a file action on a chosen path.
    pub fn complete_file(&mut self, action: FileAction, path: &Path) {
        let result = match action {
            FileAction::Open => {
                self.open_path(path);
                Ok(None)
            }
            FileAction::Export(what, format) => self
                .export_to(path, what, format)
                .map(|()| Some(format!("Wrote {}", path.display()))),
            FileAction::SaveReviews => self
                .reviews
                .save_as(path.to_path_buf())
                .map(|()| Some(format!("Saved the reviews to {}", path.display())))
                .map_err(|e| e.to_string()),
            FileAction::ExportPng => {
                // The pixels arrive with a later frame; see `take_screenshot`.
                self.png_request = Some(path.to_path_buf());
                Ok(None)
            }
            FileAction::SaveFilter => self
                .save_filter_to(path)
                .map(|()| Some(format!("Saved the filter to {}", path.display()))),
            FileAction::LoadFilter => self
                .load_filter_from(path)
                .map(|()| Some(format!("Loaded the filter from {}", path.display()))),
        };
        match result {
            Ok(Some(message)) => self.message = Some(message),
            Ok(None) => {}
            Err(error) => self.message = Some(format!("{}: {error}", action.title())),
        }
    }

    fn poll_dialog(&mut self) {
        let Some(dialog) = &self.dialog else { return };
        match dialog.poll() {
            DialogPoll::Waiting => {}
            DialogPoll::Chosen(path) => {
                let action = dialog.action;
                self.dialog = None;
                self.complete_file(action, &path);
            }
            DialogPoll::NoneChosen => {
                self.typed_path = Some(TypedPath {
                    action: dialog.action,
                    text: dialog.default_name.clone(),
                    reason: "No file was chosen. If no dialog appeared, this system has no file-dialog portal or zenity; type a path instead.".into(),
                    confirming: None,
                });
                self.dialog = None;
            }
        }
    }

    /// Asks the integration for the next frame's pixels and writes the
    /// canvas part as PNG (atomically) when they arrive.
    fn take_screenshot(&mut self, ctx: &egui::Context) {
        if let Some(receiver) = &self.png_result {
            match receiver.try_recv() {
                Ok(Ok(path)) => {
                    self.message = Some(format!("Wrote {}", path.display()));
                    self.png_result = None;
                }
                Ok(Err(error)) => {
                    self.message = Some(format!("PNG export failed: {error}"));
                    self.png_result = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => ctx.request_repaint(),
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    self.message =
                        Some("PNG export failed: no pixels came back from the renderer.".into());
                    self.png_result = None;
                }
            }
        }
        let Some(path) = self.png_request.take() else {
            return;
        };
        let (sender, receiver) = std::sync::mpsc::channel();
        let rect = self.canvas_rect;
        let scale = ctx.pixels_per_point();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let _ = sender.send(write_png(&image, rect, scale, &path).map(|()| path));
            repaint.request_repaint();
        });
        self.png_result = Some(receiver);
    }

    // ── the whole window ──

    /// Draws the app into `ui` (the root of the window, or a test harness).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.title_sent.as_deref() != Some(&self.title()) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
            self.title_sent = Some(self.title());
        }
        self.poll_dialog();
        self.take_screenshot(&ctx);
        self.keyboard(&ctx);

        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        if self.prefs.show_filters {
            egui::Panel::left("left")
                .resizable(true)
                .default_size(280.0)
                .show(ui, |ui| panels::left_ui(self, ui));
        }
        if self.prefs.show_inspector {
            egui::Panel::right("right")
                .resizable(true)
                .default_size(380.0)
                .show(ui, |ui| panels::right_ui(self, ui));
        }
        if self.prefs.show_bottom {
            egui::Panel::bottom("bottom")
                .resizable(true)
                .default_size(220.0)
                .show(ui, |ui| panels::bottom_ui(self, ui));
        }
        egui::CentralPanel::default().show(ui, |ui| canvas::canvas_ui(self, ui));

        self.windows_ui(&ctx);
        let settling = self.layout.is_settling() && steps_per_frame(self.view.node_count()) > 0;
        if settling || self.dialog.is_some() {
            ctx.request_repaint();
        } else if self.layout_job.is_some() {
            // Progress ten times a second; the layout wants the cores.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    fn keyboard(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let shortcut = |modifiers, key| KeyboardShortcut::new(modifiers, key);
        let (find, open, export, redo, undo, escape, delete) = ctx.input_mut(|input| {
            // Redo first: a Ctrl+Z shortcut may also accept Ctrl+Shift+Z.
            let redo =
                input.consume_shortcut(&shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z));
            (
                input.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::F)),
                input.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::O)),
                input.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::E)),
                redo,
                input.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::Z)),
                input.key_pressed(Key::Escape),
                input.key_pressed(Key::Delete),
            )
        });
        let typing = ctx.memory(|m| m.focused().is_some());
        if find {
            self.prefs.show_filters = true;
            self.focus_search = true;
        }
        if open {
            self.request_file(FileAction::Open, ctx);
        }
        if export {
            self.request_file(FileAction::Export(ExportWhat::View, ExportFormat::Dot), ctx);
        }
        if redo {
            self.redo();
        } else if undo {
            self.undo();
        }
        if escape && !typing {
            self.selection = Selection::None;
            self.paths.chosen = None;
        }
        if delete
            && !typing
            && let Selection::Node(node) = self.selection
        {
            self.hide(&[node]);
        }
        // Review keys, while the review queue is open and no field has focus.
        if !typing && self.prefs.show_bottom && self.prefs.bottom_tab == BottomTab::Review {
            use crate::review::ReviewStatus;
            let pressed = |key| ctx.input(|i| i.key_pressed(key) && i.modifiers.is_none());
            if pressed(Key::C) {
                self.review_selected(ReviewStatus::Confirmed);
            } else if pressed(Key::D) {
                self.review_selected(ReviewStatus::Disputed);
            } else if pressed(Key::R) {
                self.review_selected(ReviewStatus::Rejected);
            } else if pressed(Key::N) {
                self.review_step(false);
            } else if pressed(Key::P) {
                self.review_step(true);
            }
        }
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open dataset… (Ctrl+O)").clicked() {
                    self.request_file(FileAction::Open, &ctx);
                    ui.close();
                }
                if ui.button("Open dataset by path…").clicked() {
                    self.typed_path = Some(TypedPath {
                        action: FileAction::Open,
                        text: String::new(),
                        reason: "Type the path of a dataset TOML file.".into(),
                        confirming: None,
                    });
                    ui.close();
                }
                if ui.button("Open the embedded dataset").clicked() {
                    if let Ok(app) = Self::embedded() {
                        let prefs = self.prefs.clone();
                        let native = self.native_dialogs;
                        *self = app;
                        self.prefs = prefs;
                        self.prefs.last_dataset = None;
                        self.native_dialogs = native;
                    }
                    ui.close();
                }
                ui.separator();
                for (what, label) in [
                    (ExportWhat::View, "Export view"),
                    (ExportWhat::Selection, "Export selection"),
                    (ExportWhat::Path, "Export path"),
                ] {
                    ui.menu_button(label, |ui| {
                        for format in [ExportFormat::Dot, ExportFormat::Graphml, ExportFormat::Json]
                        {
                            let text = format!("{label} as {}…", format.extension().to_uppercase());
                            if ui.button(text).clicked() {
                                self.request_file(FileAction::Export(what, format), &ctx);
                                ui.close();
                            }
                        }
                    });
                }
                if ui.button("Export canvas as PNG…").clicked() {
                    self.request_file(FileAction::ExportPng, &ctx);
                    ui.close();
                }
                ui.separator();
                if ui.button("Save filter…").clicked() {
                    self.request_file(FileAction::SaveFilter, &ctx);
                    ui.close();
                }
                if ui.button("Load filter…").clicked() {
                    self.request_file(FileAction::LoadFilter, &ctx);
                    ui.close();
                }
            });
            ui.menu_button("View", |ui| {
                if ui.button("Fit to view").clicked() {
                    self.fit_pending = true;
                    ui.close();
                }
                if ui.button("Re-run layout").clicked() {
                    if self.view.node_count() > BACKGROUND_LAYOUT_FROM {
                        self.start_layout_job();
                    } else {
                        self.layout.reheat();
                    }
                    ui.close();
                }
                if ui
                    .button("Lay out whole view (multilevel)")
                    .on_hover_text(
                        "Barnes–Hut multilevel layout of every visible entity, in the background",
                    )
                    .clicked()
                {
                    self.start_layout_job();
                    ui.close();
                }
                if ui.button("Unpin all").clicked() {
                    self.history.record(self.snapshot());
                    for index in self.graph.graph().node_indices() {
                        self.layout.set_pinned(index, false);
                    }
                    ui.close();
                }
                if ui.button("Show hidden entities").clicked() {
                    self.history.record(self.snapshot());
                    self.hidden.clear();
                    self.refresh_view();
                    ui.close();
                }
                ui.separator();
                ui.checkbox(&mut self.prefs.show_filters, "Search and filters");
                ui.checkbox(&mut self.prefs.show_inspector, "Inspector and sources");
                ui.checkbox(&mut self.prefs.show_bottom, "Paths and timeline");
                ui.checkbox(&mut self.prefs.size_by_degree, "Size by number of claims");
            });
            ui.menu_button("Edit", |ui| {
                if ui
                    .add_enabled(self.history.can_undo(), egui::Button::new("Undo (Ctrl+Z)"))
                    .clicked()
                {
                    self.undo();
                    ui.close();
                }
                if ui
                    .add_enabled(
                        self.history.can_redo(),
                        egui::Button::new("Redo (Ctrl+Shift+Z)"),
                    )
                    .clicked()
                {
                    self.redo();
                    ui.close();
                }
            });
        });
    }

    fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let origin = match &self.origin {
                DatasetOrigin::Embedded => "embedded dataset".to_string(),
                DatasetOrigin::File(path) => path.display().to_string(),
            };
            ui.label(format!(
                "{} — {} of {} entities, {} of {} claims shown",
                origin,
                self.view.node_count(),
                self.graph.dataset().nodes.len(),
                self.view.edge_count(),
                self.graph.dataset().claims.len()
            ));
            if let Some(job) = &self.layout_job {
                ui.separator();
                let stopping = job.is_stopping();
                ui.add(
                    egui::ProgressBar::new(job.fraction())
                        .desired_width(140.0)
                        .show_percentage()
                        .text(format!(
                            "{} {} entities",
                            if stopping { "stopping:" } else { "laying out" },
                            job.size
                        )),
                );
                if !stopping && ui.button("Stop layout").clicked() {
                    job.stop();
                }
            } else if self.layout.is_settling() && steps_per_frame(self.view.node_count()) > 0 {
                ui.label("· laying out…");
            }
            if let Some(error) = &self.filter_error {
                ui.colored_label(ui.visuals().error_fg_color, format!("· filter: {error}"));
            }
            if let Some(message) = self.message.clone() {
                ui.separator();
                ui.label(message);
                if ui.small_button("Dismiss").clicked() {
                    self.message = None;
                }
            }
        });
    }

    fn windows_ui(&mut self, ctx: &egui::Context) {
        if let Some((count, path)) = self.recovery_offer.clone() {
            let mut choice = None;
            egui::Window::new("Recovered review work")
                .collapsible(false)
                .show(ctx, |ui| {
                    ui.label(format!(
                        "An earlier session could not save its reviews of {count} claims; they were kept in {}.",
                        path.display()
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Restore them").clicked() {
                            choice = Some(true);
                        }
                        if ui.button("Discard them").clicked() {
                            choice = Some(false);
                        }
                        if ui.button("Decide later").clicked() {
                            self.recovery_offer = None;
                        }
                    });
                });
            match choice {
                Some(true) => self.restore_recovery(),
                Some(false) => self.discard_recovery(),
                None => {}
            }
        }
        if let Some(window) = &self.diagnostics {
            let mut open = true;
            egui::Window::new("Dataset errors")
                .open(&mut open)
                .default_width(640.0)
                .show(ctx, |ui| {
                    ui.label(&window.summary);
                    ui.label(format!("File: {}", window.file));
                    ui.separator();
                    egui::ScrollArea::vertical()
                        .max_height(400.0)
                        .show(ui, |ui| {
                            for diagnostic in &window.diagnostics {
                                ui.monospace(diagnostic.to_string());
                                ui.add_space(4.0);
                            }
                        });
                });
            if !open {
                self.diagnostics = None;
            }
        }
        if let Some(mut typed) = self.typed_path.take() {
            let mut keep = true;
            let mut submit = false;
            egui::Window::new(typed.action.title())
                .collapsible(false)
                .show(ctx, |ui| {
                    ui.label(&typed.reason);
                    ui.horizontal(|ui| {
                        let label = ui.label("Path:");
                        let response = ui
                            .add(egui::TextEdit::singleline(&mut typed.text).desired_width(360.0))
                            .labelled_by(label.id);
                        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                            submit = true;
                        }
                    });
                    let text = typed.text.trim().to_string();
                    let exists = Path::new(&text).exists();
                    // Never replace a file without asking: Save on an existing
                    // file asks first, and Replace then confirms.
                    let asking = typed.action.saves()
                        && exists
                        && typed.confirming.as_deref() == Some(text.as_str());
                    if asking {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!("{text} exists. Replace it?"),
                        );
                    } else if typed.action.saves() && exists {
                        ui.colored_label(ui.visuals().warn_fg_color, "This file exists.");
                    }
                    ui.horizontal(|ui| {
                        let verb = if asking {
                            "Replace"
                        } else if typed.action.saves() {
                            "Save"
                        } else {
                            "Open"
                        };
                        if ui.button(verb).clicked() {
                            if typed.action.saves() && exists && !asking {
                                typed.confirming = Some(text.clone());
                            } else {
                                submit = true;
                            }
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                });
            let text = typed.text.trim();
            let needs_asking = typed.action.saves()
                && Path::new(text).exists()
                && typed.confirming.as_deref() != Some(text);
            if submit && !text.is_empty() {
                if needs_asking {
                    // Enter on an existing file asks, as the button does.
                    typed.confirming = Some(text.to_string());
                } else {
                    let path = PathBuf::from(text);
                    self.complete_file(typed.action, &path);
                    keep = false;
                }
            }
            if keep {
                self.typed_path = Some(typed);
            }
        }
    }
}

/// Reviews an earlier session left unsaved for this store's file.
fn recovery_offer(store: &crate::review::ReviewStore) -> Option<(usize, PathBuf)> {
    store
        .pending_recovery()
        .filter(|recovered| !recovered.claims.is_empty())
        .map(|recovered| (recovered.claims.len(), store.recovery_path()))
}

/// Crops `image` to `rect` (points) and writes it as PNG, atomically.
fn write_png(
    image: &egui::ColorImage,
    rect: egui::Rect,
    scale: f32,
    path: &Path,
) -> Result<(), String> {
    let [width, height] = image.size;
    let clamp = |v: f32, max: usize| (v * scale).round().clamp(0.0, max as f32) as usize;
    let (x0, y0) = (clamp(rect.left(), width), clamp(rect.top(), height));
    let (x1, y1) = (clamp(rect.right(), width), clamp(rect.bottom(), height));
    let (x0, y0, x1, y1) = if x1 > x0 && y1 > y0 {
        (x0, y0, x1, y1)
    } else {
        (0, 0, width, height)
    };
    let mut rgba = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for x in x0..x1 {
            let pixel = image.pixels[y * width + x];
            rgba.extend_from_slice(&pixel.to_array());
        }
    }
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, (x1 - x0) as u32, (y1 - y0) as u32);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(&rgba).map_err(|e| e.to_string())?;
    }
    write_atomic(path, &bytes).map_err(|e| e.to_string())
}

impl eframe::App for TiegraphApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
        // Start-up measurement (`TIEGRAPH_STARTUP_PROBE=1`): report when the
        // first frame has been built, and close once it has been shown.
        if let Some(start) = STARTUP_PROBE.get() {
            let ctx = ui.ctx().clone();
            match ctx.cumulative_frame_nr() {
                0 => eprintln!(
                    "startup: first frame built {:.0} ms after start",
                    start.elapsed().as_secs_f64() * 1000.0
                ),
                _ => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            }
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFERENCES_KEY, &self.prefs);
        if self.reviews.is_dirty() {
            self.save_reviews();
        }
    }
}

/// Set when `TIEGRAPH_STARTUP_PROBE` asks for a start-up measurement: when
/// the window started to open.
static STARTUP_PROBE: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Opens the window on `path`, or the last or embedded dataset; with
/// `question`, a path query between two entities is answered on opening.
pub fn run(path: Option<PathBuf>, question: Option<(String, String)>) -> eframe::Result {
    if std::env::var_os("TIEGRAPH_STARTUP_PROBE").is_some() {
        let _ = STARTUP_PROBE.set(std::time::Instant::now());
    }
    let title = match &path {
        Some(path) => format!("tiegraph — {}", path.display()),
        None => "tiegraph".to_string(),
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_app_id("tiegraph")
            .with_inner_size([1400.0, 900.0]),
        renderer: eframe::Renderer::Glow,
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "tiegraph",
        options,
        Box::new(move |cc| {
            panels::install_fonts(&cc.egui_ctx);
            let mut app = TiegraphApp::from_creation(cc, path);
            if let Some((from, to)) = &question {
                app.preload_path(from, to);
            }
            Ok(Box::new(app))
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_export_crops_to_the_canvas_and_scales_by_pixels_per_point() {
        let mut image = egui::ColorImage::filled([8, 6], egui::Color32::BLACK);
        image.pixels[2 * 8 + 2] = egui::Color32::from_rgb(255, 0, 0);
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("canvas.png");
        // A canvas at (1,1)–(3,3) points on a 2× display: pixels (2,2)–(6,6).
        let rect = egui::Rect::from_min_max(egui::pos2(1.0, 1.0), egui::pos2(3.0, 3.0));
        write_png(&image, rect, 2.0, &path).unwrap();
        let decoder =
            png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&path).unwrap()));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut pixels).unwrap();
        assert_eq!((info.width, info.height), (4, 4));
        assert_eq!(
            &pixels[..4],
            &[255, 0, 0, 255],
            "the red pixel is the crop's first"
        );
    }

    #[test]
    fn preferences_survive_eframe_storage() {
        struct Memory(std::collections::HashMap<String, String>);
        impl eframe::Storage for Memory {
            fn get_string(&self, key: &str) -> Option<String> {
                self.0.get(key).cloned()
            }
            fn set_string(&mut self, key: &str, value: String) {
                self.0.insert(key.to_string(), value);
            }
            fn remove_string(&mut self, key: &str) {
                self.0.remove(key);
            }
            fn flush(&mut self) {}
        }
        let mut app = TiegraphApp::embedded().unwrap();
        app.prefs.show_bottom = false;
        app.prefs.last_dataset = Some(PathBuf::from("/data/leak.toml"));
        let mut storage = Memory(Default::default());
        eframe::App::save(&mut app, &mut storage);
        let back: Preferences = eframe::get_value(&storage, PREFERENCES_KEY).unwrap();
        assert_eq!(back, app.prefs);
        // Only preferences are stored, never the graph.
        let stored: String = storage.0.values().cloned().collect();
        assert!(!stored.contains("Rosoboronexport"));
    }
}
