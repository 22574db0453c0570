//! [`TiegraphApp`]: the window's state, in five parts. The [`Session`]
//! (the open dataset and everything computed from it, without egui), the
//! persisted [`Preferences`], the canvas ([`CanvasState`]: camera and
//! drawing cache), the panels' own state ([`Panels`]) and the dialogs
//! ([`Dialogs`]). Opening a dataset replaces the session only.
//!
//! The methods here are what the panels, the keyboard and the tests do to
//! the app; each changes the session through its own methods and then
//! what is on screen.

use std::path::{Path, PathBuf};

use eframe::egui;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::canvas::CanvasState;
use super::files::{DialogPoll, FileAction, PendingDialog, TypedPath};
use super::session::{
    DatasetOrigin, ExportWhat, LayoutOutcome, ReviewsNotSaved, Session, SessionError,
};
use super::state::{BottomTab, Preferences, Selection};
use super::{PREFERENCES_KEY, png};
use crate::graph::{TieGraph, View};
use crate::load::{Diagnostic, LoadError};
use crate::model::ReviewStatus;
use crate::query::{Filter, PathMode, PathResults, QueryError};
use crate::text::with_causes;

/// The paths panel's pickers and choices (the query itself is the
/// session's).
pub(crate) struct PathsPanel {
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) mode: PathModeChoice,
    pub(crate) k: usize,
    pub(crate) avoid_text: String,
    /// What happens to the rest of the graph while a path is chosen.
    pub(crate) rest: RestOfGraph,
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
    pub(crate) document: String,
    pub(crate) highlight: Option<(usize, usize)>,
    /// Scroll the highlight into view on the next frame.
    pub(crate) scroll_pending: bool,
    /// The claims the document supports, found once when it is opened.
    pub(crate) supported: Vec<EdgeIndex>,
    /// The passage selected (bytes), for a new claim or evidence item.
    pub(crate) selection: Option<std::ops::Range<usize>>,
    /// Show `selection` in the text field on the next frame (it was set
    /// from outside the field: a test, a mention clicked).
    pub(crate) push_selection: bool,
    /// Names of known entities that no quote covers, and the coverage.
    pub(crate) mentions: crate::curate::mentions::DocumentMentions,
}

/// What the panels keep between frames.
pub(crate) struct Panels {
    pub(crate) search_text: String,
    pub(crate) search_hits: Vec<NodeIndex>,
    pub(crate) focus_search: bool,
    pub(crate) paths: PathsPanel,
    pub(crate) source_view: Option<SourceView>,
    pub(crate) timeline: super::panels::TimelineState,
    pub(crate) review_note: String,
    pub(crate) statistics: super::statistics::StatisticsPanel,
}

impl Default for Panels {
    fn default() -> Self {
        Panels {
            search_text: String::new(),
            search_hits: Vec::new(),
            focus_search: false,
            paths: PathsPanel {
                from: String::new(),
                to: String::new(),
                mode: PathModeChoice::AllShortest,
                k: 5,
                avoid_text: String::new(),
                rest: RestOfGraph::Dim,
            },
            source_view: None,
            timeline: Default::default(),
            review_note: String::new(),
            statistics: Default::default(),
        }
    }
}

/// The diagnostics of a dataset that failed to load.
pub(crate) struct DiagnosticsWindow {
    pub(crate) file: String,
    pub(crate) summary: String,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Windows, messages and file choices in progress.
#[derive(Default)]
pub(crate) struct Dialogs {
    pub(crate) diagnostics: Option<DiagnosticsWindow>,
    /// The status bar's message.
    pub(crate) message: Option<String>,
    pub(crate) dialog: Option<PendingDialog>,
    pub(crate) typed_path: Option<TypedPath>,
    /// A PNG export waiting for the next frame's pixels.
    pub(crate) png_request: Option<PathBuf>,
    pub(crate) png_result: Option<std::sync::mpsc::Receiver<Result<PathBuf, png::PngError>>>,
    /// Reviews an earlier session could not save (claims, recovery file),
    /// offered until restored, discarded or put off.
    pub(crate) recovery_offer: Option<(usize, PathBuf)>,
    pub(crate) title_sent: Option<String>,
    pub(crate) curation: super::curate::Curation,
    /// A dataset being opened on another thread.
    pub(crate) opening: Option<super::opening::Opening>,
    /// The window's context, once it has drawn a frame: what a thread
    /// started outside a frame wakes when it is done.
    pub(crate) ctx: Option<egui::Context>,
}

/// The tiegraph desktop app.
pub struct TiegraphApp {
    pub(crate) session: Session,
    pub(crate) prefs: Preferences,
    pub(crate) canvas: CanvasState,
    pub(crate) panels: Panels,
    pub(crate) dialogs: Dialogs,
    pub(crate) selection: Selection,
    /// Use rfd dialogs; tests turn this off and use the typed-path field.
    pub native_dialogs: bool,
    /// Keep each dataset's last workspace in the data folder and reopen it
    /// with the dataset. On in the window; off by default, so that apps
    /// made in tests never share one.
    pub keep_workspaces: bool,
}

impl TiegraphApp {
    /// An app showing `graph`.
    pub fn new(graph: TieGraph, origin: DatasetOrigin, prefs: Preferences) -> Self {
        Self::with_session(Session::new(graph, origin), prefs)
    }

    /// An app showing `session`.
    pub fn with_session(session: Session, prefs: Preferences) -> Self {
        let mut app = TiegraphApp {
            session,
            prefs,
            canvas: CanvasState::default(),
            panels: Panels::default(),
            dialogs: Dialogs::default(),
            selection: Selection::None,
            native_dialogs: true,
            keep_workspaces: false,
        };
        app.session_opened();
        app
    }

    /// The app on the curated dataset compiled into the binary.
    pub fn embedded() -> Result<Self, LoadError> {
        Ok(Self::with_session(
            Session::embedded()?,
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
                let mut app = Self::with_session(Session::empty(), Preferences::default());
                app.dialogs.message = Some(format!(
                    "The embedded dataset failed to load: {}",
                    with_causes(&error)
                ));
                app
            }
        };
        app.prefs = prefs;
        app.keep_workspaces = true;
        app.reopen_workspace();
        let wanted = path.or_else(|| app.prefs.last_dataset.clone().filter(|p| p.exists()));
        if let Some(path) = wanted {
            // The window comes up at once, on the curated graph, while the
            // dataset asked for loads.
            app.open_in_background(&path, &cc.egui_ctx);
        }
        app
    }

    /// Shows `session` instead of the current one: everything about the
    /// old dataset on screen is reset; preferences and dialogs stay.
    pub(crate) fn replace_session(&mut self, session: Session) {
        // What was arranged on the dataset being closed is kept for next time.
        self.keep_workspace();
        self.session = session;
        self.canvas = CanvasState::default();
        self.panels = Panels::default();
        self.selection = Selection::None;
        self.session_opened();
    }

    /// What the window says about a session just opened: its reviews file
    /// if it did not parse, and reviews left to recover.
    fn session_opened(&mut self) {
        self.dialogs.diagnostics = None;
        self.dialogs.message = self.session.reviews.unparsed.as_ref().map(|error| {
            format!(
                "Reviews not loaded: {}. They will not be overwritten; use Review → Save reviews as…",
                with_causes(error)
            )
        });
        self.dialogs.recovery_offer = self.session.recovery_offer();
        self.reopen_workspace();
    }

    /// Opens a dataset file. On failure the current graph stays and the
    /// diagnostics are shown.
    pub fn open_path(&mut self, path: &Path) {
        let opened = Session::open(path);
        self.opened(path, opened);
    }

    /// Shows a dataset just opened, or why it could not be.
    pub(crate) fn opened(&mut self, path: &Path, opened: Result<(Session, usize), LoadError>) {
        match opened {
            Ok((session, warnings)) => {
                self.replace_session(session);
                self.prefs.last_dataset = Some(path.to_path_buf());
                if warnings > 0 {
                    self.dialogs.message = Some(format!("Opened with {warnings} warning(s)."));
                }
            }
            Err(error) => {
                let diagnostics = error.diagnostics().to_vec();
                let summary = match &error {
                    LoadError::Io { .. } => with_causes(&error),
                    LoadError::Invalid { .. } => format!(
                        "{} could not be opened: {} error(s). The graph already open stays.",
                        path.display(),
                        diagnostics.iter().filter(|d| d.is_error()).count()
                    ),
                };
                self.dialogs.diagnostics = Some(DiagnosticsWindow {
                    file: path.display().to_string(),
                    summary,
                    diagnostics,
                });
            }
        }
    }

    /// Opens the curated dataset compiled into the binary.
    pub(crate) fn open_embedded(&mut self) {
        if let Ok(session) = Session::embedded() {
            self.replace_session(session);
            self.prefs.last_dataset = None;
        }
    }

    /// Shows an error, with its causes, in the status bar: the one place
    /// the window reports what went wrong.
    pub(crate) fn show_error(&mut self, context: &str, error: &(dyn std::error::Error + 'static)) {
        self.dialogs.message = Some(format!("{context}: {}", with_causes(error)));
    }

    // ── what the tests and panels read ──

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn graph(&self) -> &TieGraph {
        &self.session.graph
    }

    pub fn view(&self) -> &View {
        &self.session.view
    }

    pub fn filter(&self) -> &Filter {
        &self.session.filter
    }

    pub fn selection(&self) -> Selection {
        self.selection
    }

    pub fn origin(&self) -> &DatasetOrigin {
        &self.session.origin
    }

    /// The status bar's message, if any.
    pub fn status_message(&self) -> Option<&str> {
        self.dialogs.message.as_deref()
    }

    pub fn preferences(&self) -> &Preferences {
        &self.prefs
    }

    /// The diagnostics window's entries, if a dataset failed to load.
    pub fn diagnostics(&self) -> Option<&[Diagnostic]> {
        self.dialogs
            .diagnostics
            .as_ref()
            .map(|d| d.diagnostics.as_slice())
    }

    /// The window title: `tiegraph — <dataset name>`.
    pub fn title(&self) -> String {
        format!("tiegraph — {}", self.session.graph.dataset().name)
    }

    /// The labels the last frame placed on the canvas: the entity (or none
    /// for a relation), the text, and where (screen points).
    pub fn placed_labels(&self) -> Vec<(Option<NodeIndex>, String, egui::Rect, f32)> {
        self.canvas
            .placed_labels
            .iter()
            .map(|label| (label.node, label.text.clone(), label.rect, label.font_size))
            .collect()
    }

    /// The canvas on screen (points), as the last frame laid it out.
    pub fn canvas_rect(&self) -> egui::Rect {
        self.canvas.screen_rect
    }

    /// The span the timeline shows, in years (2021.5 is mid-2021), once it
    /// has been drawn.
    pub fn timeline_span(&self) -> Option<(f32, f32)> {
        self.panels
            .timeline
            .shown
            .map(|(from, to)| (from / 12.0, to / 12.0))
    }

    /// The camera: the layout point at the canvas's centre and the scale
    /// (screen points per layout unit).
    pub fn camera(&self) -> Option<(egui::Pos2, f32)> {
        self.canvas
            .camera
            .map(|camera| (camera.center, camera.scale))
    }

    /// Where an entity is drawn on screen: its centre and radius (points),
    /// as the last frame's camera puts it.
    pub fn entity_on_screen(&self, node: NodeIndex) -> Option<(egui::Pos2, f32)> {
        let camera = self.canvas.camera?;
        let [x, y] = self.session.layout.position(node);
        let center = camera.to_screen(self.canvas.screen_rect, egui::pos2(x, y));
        Some((
            center,
            super::canvas::node_radius(self, node) * camera.scale,
        ))
    }

    /// Where an entity is on the canvas (layout units).
    pub fn position_of(&self, node: NodeIndex) -> [f32; 2] {
        self.session.layout.position(node)
    }

    // ── layout ──

    /// Shows what the background layout ended with.
    pub(crate) fn layout_finished(&mut self, outcome: Option<LayoutOutcome>) {
        match outcome {
            Some(LayoutOutcome::Adopted) => self.canvas.fit_pending = true,
            Some(LayoutOutcome::Stopped) => {
                self.canvas.fit_pending = true;
                self.dialogs.message = Some("Layout stopped: showing the layout so far.".into());
            }
            Some(LayoutOutcome::Failed) => {
                self.dialogs.message = Some("The layout failed; positions are unchanged.".into());
            }
            None => {}
        }
    }

    /// Starts laying out the whole view in the background.
    pub fn start_layout_job(&mut self) {
        self.session.start_layout_job();
    }

    /// Progress of the background layout (0..=1), if one runs.
    pub fn layout_job_progress(&self) -> Option<f32> {
        self.session.layout_job_progress()
    }

    /// Waits for the background layout, if any, and shows its result.
    /// Frames do this by themselves when the job is done; tests and
    /// screenshots call it to get there without waiting on the clock.
    pub fn finish_layout_job(&mut self) {
        let outcome = self.session.finish_layout_job();
        self.layout_finished(outcome);
    }

    /// Runs the layout to rest, so that the next frames do not animate
    /// (tests, screenshots).
    pub fn settle_layout(&mut self) {
        let outcome = self.session.settle_layout();
        self.layout_finished(outcome);
        self.canvas.fit_pending = true;
    }

    // ── view edits (undoable) ──

    /// Applies a filter change as one undoable edit.
    pub fn set_filter(&mut self, filter: Filter) {
        self.session.set_filter(filter);
    }

    /// Hides entities (Delete key) as one undoable edit.
    pub fn hide(&mut self, nodes: &[NodeIndex]) {
        self.session.hide(nodes);
        if let Selection::Node(node) = self.selection
            && nodes.contains(&node)
        {
            self.selection = Selection::None;
        }
    }

    // ── selection ──

    /// Selects an entity and brings it and its neighbours into view, zoomed
    /// only as far as needed for their names to be read.
    pub fn select_node(&mut self, node: NodeIndex) {
        self.selection = Selection::Node(node);
        let view = &self.session.view;
        let mut shown = vec![node];
        shown.extend(
            self.session
                .graph
                .neighbours(node)
                .iter()
                .filter(|&&(neighbour, edge)| {
                    view.contains_edge(edge) && view.contains_node(neighbour)
                })
                .map(|&(neighbour, _)| neighbour),
        );
        shown.sort_unstable();
        shown.dedup();
        self.canvas.fit_nodes = Some(shown);
    }

    pub fn select_claim(&mut self, claim: EdgeIndex) {
        self.selection = Selection::Claim(claim);
    }

    /// Runs the fuzzy search and keeps its hits (best first).
    pub fn search(&mut self, text: &str) {
        self.panels.search_text = text.to_string();
        self.panels.search_hits =
            crate::query::search::fuzzy_find(&self.session.graph, text, None, 30);
    }

    /// Opens a document in the source viewer, highlighting an evidence quote.
    pub fn show_source(&mut self, document: &str, highlight: Option<(usize, usize)>) {
        let (supported, mentions) = match self.panels.source_view.take() {
            // Same document, another quote: the lists are already known.
            Some(open) if open.document == document => (open.supported, open.mentions),
            _ => {
                let mentions = match self.session.graph.document(document) {
                    Some(found) => {
                        crate::curate::mentions::of_document(self.session.graph.dataset(), found)
                    }
                    None => Default::default(),
                };
                (self.session.claims_citing(document), mentions)
            }
        };
        self.panels.source_view = Some(SourceView {
            document: document.to_string(),
            highlight,
            scroll_pending: highlight.is_some(),
            supported,
            selection: None,
            push_selection: false,
            mentions,
        });
    }

    /// The open document's names of known entities that no quote covers,
    /// and how many of its sentences carry a quote.
    pub fn source_mentions(&self) -> Option<&crate::curate::mentions::DocumentMentions> {
        self.panels.source_view.as_ref().map(|view| &view.mentions)
    }

    /// The document open in the source viewer and its highlighted text.
    pub fn source_viewer(&self) -> Option<(&str, Option<&str>)> {
        let view = self.panels.source_view.as_ref()?;
        let document = self.session.graph.document(&view.document)?;
        let quote = view
            .highlight
            .and_then(|(start, end)| document.text.get(start..end));
        Some((view.document.as_str(), quote))
    }

    // ── statistics ──

    /// Computes `measure` on the view as the Statistics panel does, and
    /// waits for it (tests, scripts); `weighted` weighs links by sources.
    pub fn compute_measure(&mut self, measure: crate::metrics::Measure, weighted: bool) {
        let panel = &mut self.panels.statistics;
        panel.measure = measure;
        panel.weighted = weighted;
        panel.start(&self.session);
        panel.poll(&self.session, true);
        self.canvas.forget_cache();
    }

    /// The Statistics panel's result: entities ranked by the measure.
    pub fn measure_ranking(&self) -> Option<Vec<(NodeIndex, f64)>> {
        self.panels.statistics.result.as_ref()?;
        Some(self.panels.statistics.ranked.clone())
    }

    /// Sizes entities by the computed measure, or colours them by
    /// community (what the panel's checkboxes do).
    pub fn show_measure_on_canvas(&mut self, size_by: bool, colour_by: bool) {
        let panel = &mut self.panels.statistics;
        panel.size_by = size_by;
        panel.colour_by = colour_by;
        panel.generation += 1;
        self.canvas.forget_cache();
    }

    // ── paths ──

    /// Runs the path query with the panel's pickers and constraints.
    pub fn run_path_query(&mut self) {
        let panel = &self.panels.paths;
        let mode = match panel.mode {
            PathModeChoice::AllShortest => PathMode::AllShortest,
            PathModeChoice::KShortest => PathMode::KShortest(panel.k.max(1)),
            PathModeChoice::AllSimple => PathMode::AllSimple,
        };
        self.session
            .run_path_query(&panel.from, &panel.to, &panel.avoid_text, mode);
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
            .session
            .paths
            .chosen_path()
            .and_then(|path| path.hops.first())
            .and_then(|claims| claims.first())
            .copied();
        if let Some(edge) = first {
            self.select_claim(edge);
            let evidence = self.session.graph.claim(edge).evidence.first().cloned();
            if let Some(evidence) = evidence {
                self.show_source(&evidence.document, Some((evidence.start, evidence.end)));
            }
        }
    }

    /// Sets the path pickers (tests and the inspector's "path from here").
    pub fn set_path_endpoints(&mut self, from: &str, to: &str) {
        self.panels.paths.from = from.to_string();
        self.panels.paths.to = to.to_string();
    }

    /// The path results, if a query ran.
    pub fn path_results(&self) -> Option<&Result<PathResults, QueryError>> {
        self.session.paths.results.as_ref()
    }

    /// Brings the chosen path into view on the next frame.
    pub(crate) fn fit_chosen_path(&mut self) {
        self.canvas.fit_nodes = self
            .session
            .paths
            .chosen_path()
            .map(|path| path.nodes.clone());
    }

    // ── reviews ──

    /// The reviews in memory (autosaved after each change).
    pub fn reviews(&self) -> &crate::review::Reviews {
        self.session.reviews()
    }

    /// Where the reviews are saved.
    pub fn reviews_file(&self) -> &Path {
        &self.session.reviews.path
    }

    /// Keeps the reviews in another file (tests, or a reviewer's own copy).
    pub fn use_reviews_file(&mut self, path: PathBuf) {
        self.session.use_reviews_file(path);
        self.dialogs.recovery_offer = self.session.recovery_offer();
    }

    /// Sets the selected claim's status, autosaves, and moves on to the next
    /// unreviewed claim.
    pub fn review_selected(&mut self, status: ReviewStatus) {
        let Selection::Claim(edge) = self.selection else {
            self.dialogs.message = Some("Select a claim to review (N: next unreviewed).".into());
            return;
        };
        let note = Some(self.panels.review_note.trim().to_string()).filter(|n| !n.is_empty());
        let reviewer = Some(self.prefs.reviewer.trim().to_string()).filter(|n| !n.is_empty());
        let saved = self.session.review(edge, status, note, reviewer);
        self.panels.review_note.clear();
        self.reviews_saved(saved);
        self.review_step(false);
    }

    /// Grades a document's reliability as the reviewer (autosaved).
    pub fn grade_reliability(&mut self, document: &str, grade: Option<crate::model::Reliability>) {
        let reviewer = Some(self.prefs.reviewer.trim().to_string()).filter(|n| !n.is_empty());
        let saved = self.session.set_reliability(document, grade, reviewer);
        self.reviews_saved(saved);
    }

    /// Grades an evidence item's credibility as the reviewer (autosaved).
    pub fn grade_credibility(
        &mut self,
        claim: &str,
        (document, quote): (&str, &str),
        grade: Option<crate::model::Credibility>,
    ) {
        let reviewer = Some(self.prefs.reviewer.trim().to_string()).filter(|n| !n.is_empty());
        let saved = self
            .session
            .set_credibility(claim, (document, quote), grade, reviewer);
        self.reviews_saved(saved);
    }

    /// Marks an evidence quote as checked in context (or not), autosaving.
    pub fn set_quote_checked(&mut self, claim: &str, document: &str, quote: &str, checked: bool) {
        let saved = self
            .session
            .set_quote_checked(claim, document, quote, checked);
        self.reviews_saved(saved);
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
        let (graph, reviews) = (&self.session.graph, self.session.reviews());
        let found = if backwards {
            previous_unreviewed(graph, reviews, order, current)
        } else {
            next_unreviewed(graph, reviews, order, current)
        };
        match found {
            Some(edge) => {
                self.selection = Selection::Claim(edge);
                let evidence = self.session.graph.claim(edge).evidence.first().cloned();
                if let Some(evidence) = evidence {
                    self.show_source(&evidence.document, Some((evidence.start, evidence.end)));
                }
            }
            None => self.dialogs.message = Some("Every claim has been reviewed.".into()),
        }
    }

    /// Saves the reviews (kept in the recovery file when that fails).
    pub(crate) fn save_reviews(&mut self) {
        let saved = self.session.save_reviews();
        self.reviews_saved(saved);
    }

    /// Tells the user when reviews could not be saved, and where they are.
    fn reviews_saved(&mut self, saved: Result<(), ReviewsNotSaved>) {
        let Err(failure) = saved else { return };
        let error = with_causes(&failure.error);
        self.dialogs.message = Some(match failure.kept_in {
            Ok(path) => format!(
                "Reviews not saved: {error}. Your work is kept in {} and will be offered next time.",
                path.display()
            ),
            Err(again) => format!(
                "Reviews kept in memory only, not saved: {error}; {}",
                with_causes(&again)
            ),
        });
    }

    /// Unsaved reviews an earlier session left in the recovery file: how
    /// many claims, and where.
    pub fn recovery_offer(&self) -> Option<(usize, PathBuf)> {
        self.dialogs.recovery_offer.clone()
    }

    /// Takes the recovered reviews in and saves them.
    pub fn restore_recovery(&mut self) {
        let count = self.session.reviews.restore_recovery();
        self.dialogs.recovery_offer = None;
        self.save_reviews();
        if !self.session.reviews.is_dirty() {
            self.dialogs.message = Some(format!("Restored and saved {count} recovered reviews."));
        }
    }

    /// Deletes the recovered reviews.
    pub fn discard_recovery(&mut self) {
        self.session.reviews.discard_recovery();
        self.dialogs.recovery_offer = None;
    }

    // ── files ──

    /// Writes an export to `path` atomically, with the canvas positions.
    pub fn export_to(
        &self,
        path: &Path,
        what: ExportWhat,
        format: crate::export::ExportFormat,
    ) -> Result<(), SessionError> {
        self.session.export_to(path, what, format, self.selection)
    }

    /// Writes a brief (HTML) of the view, the selection or the chosen path,
    /// atomically; its drawing uses tiegraph's layout of what it covers.
    pub fn export_report(&self, path: &Path, what: ExportWhat) -> Result<(), SessionError> {
        let html = self.session.report_html(what, self.selection, &today())?;
        crate::fs::write_atomic(path, html.as_bytes()).map_err(crate::export::ExportError::from)?;
        Ok(())
    }

    /// Starts choosing a file for `action`: a dialog, or the typed path.
    pub fn request_file(&mut self, action: FileAction, ctx: &egui::Context) {
        let default_name = action.default_name(&self.session.graph.dataset().name);
        if self.native_dialogs {
            let folder = self
                .session
                .origin
                .file()
                .and_then(Path::parent)
                .map(Path::to_path_buf);
            self.dialogs.dialog = Some(PendingDialog::spawn(
                action,
                default_name,
                folder,
                ctx.clone(),
            ));
        } else {
            self.dialogs.typed_path = Some(TypedPath {
                action,
                text: default_name,
                reason: "Type a path.".into(),
                confirming: None,
            });
        }
    }

    /// Carries out a file action on a chosen path.
    pub fn complete_file(&mut self, action: FileAction, path: &Path) {
        let shown = path.display();
        let result = match action {
            FileAction::Open => {
                // From a real dialog, in the background; typed paths (and
                // the tests that type them) open at once.
                match (&self.dialogs.ctx, self.native_dialogs) {
                    (Some(ctx), true) => {
                        let ctx = ctx.clone();
                        self.open_in_background(path, &ctx);
                    }
                    _ => self.open_path(path),
                }
                Ok(None)
            }
            FileAction::Export(what, format) => self
                .export_to(path, what, format)
                .map(|()| Some(format!("Wrote {shown}"))),
            FileAction::SaveReviews => self
                .session
                .reviews
                .save_as(path.to_path_buf())
                .map(|()| Some(format!("Saved the reviews to {shown}")))
                .map_err(SessionError::from),
            FileAction::ExportReport(what) => self
                .export_report(path, what)
                .map(|()| Some(format!("Wrote the brief {shown}"))),
            FileAction::ExportPng => {
                // The pixels arrive with a later frame; see `take_screenshot`.
                self.dialogs.png_request = Some(path.to_path_buf());
                Ok(None)
            }
            FileAction::SaveFilter => self
                .session
                .save_filter_to(path)
                .map(|()| Some(format!("Saved the filter to {shown}"))),
            FileAction::SaveWorkspace => self
                .save_workspace(path)
                .map(|()| Some(format!("Saved the workspace to {shown}")))
                .map_err(SessionError::from),
            FileAction::OpenWorkspace => self
                .open_workspace(path)
                .map(|missing| {
                    Some(missing.unwrap_or_else(|| format!("Opened the workspace {shown}")))
                })
                .map_err(SessionError::from),
            FileAction::SaveCopy => {
                self.save_copy_to(path);
                Ok(None)
            }
            FileAction::PickDocument => {
                if let Some(form) = &mut self.dialogs.curation.document {
                    form.file = path.display().to_string();
                }
                Ok(None)
            }
            FileAction::LoadFilter => {
                self.session
                    .load_filter_from(path)
                    .map(|warning| match warning {
                        Some(warning) => Some(format!("{warning}.")),
                        None => Some(format!("Loaded the filter from {shown}")),
                    })
            }
        };
        match result {
            Ok(Some(message)) => self.dialogs.message = Some(message),
            Ok(None) => {}
            Err(error) => self.show_error(&action.title(), &error),
        }
    }

    pub(crate) fn poll_dialog(&mut self) {
        let Some(dialog) = &self.dialogs.dialog else {
            return;
        };
        match dialog.poll() {
            DialogPoll::Waiting => {}
            DialogPoll::Chosen(path) => {
                let action = dialog.action;
                self.dialogs.dialog = None;
                self.complete_file(action, &path);
            }
            DialogPoll::NoneChosen => {
                self.dialogs.typed_path = Some(TypedPath {
                    action: dialog.action,
                    text: dialog.default_name.clone(),
                    reason: "No file was chosen. If no dialog appeared, this system has no file-dialog portal or zenity; type a path instead.".into(),
                    confirming: None,
                });
                self.dialogs.dialog = None;
            }
        }
    }

    /// Asks the integration for the next frame's pixels and writes the
    /// canvas part as PNG (atomically) when they arrive.
    pub(crate) fn take_screenshot(&mut self, ctx: &egui::Context) {
        if let Some(receiver) = &self.dialogs.png_result {
            match receiver.try_recv() {
                Ok(Ok(path)) => {
                    self.dialogs.message = Some(format!("Wrote {}", path.display()));
                    self.dialogs.png_result = None;
                }
                Ok(Err(error)) => {
                    self.dialogs.png_result = None;
                    self.show_error("PNG export failed", &error);
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => ctx.request_repaint(),
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    self.dialogs.message =
                        Some("PNG export failed: no pixels came back from the renderer.".into());
                    self.dialogs.png_result = None;
                }
            }
        }
        let Some(path) = self.dialogs.png_request.take() else {
            return;
        };
        let (sender, receiver) = std::sync::mpsc::channel();
        let rect = self.canvas.screen_rect;
        let scale = ctx.pixels_per_point();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let _ = sender.send(png::write_png(&image, rect, scale, &path).map(|()| path));
            repaint.request_repaint();
        });
        self.dialogs.png_result = Some(receiver);
    }
}

/// Today (UTC) as YYYY-MM-DD, the date on a brief.
fn today() -> String {
    crate::model::now_rfc3339()[..10].to_string()
}
