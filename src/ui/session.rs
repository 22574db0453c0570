//! The window's domain state, without egui: the open dataset and its graph,
//! the filter and the entities hidden by hand, the view they make, the
//! layout, the undo history, the reviews and conflicts, and the path search.
//! Opening a dataset replaces the whole session and nothing else; what is
//! on screen (selection, camera, panels, dialogs) lives in the app.
//!
//! Every method here can be called, and is tested, without a window.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::state::{DataEdit, History, Step, ViewEdit};
use crate::curate::{Applied, CurateError, DatasetFile, Edit};
use crate::export::{ExportError, ExportFormat, ExportOptions};
use crate::graph::{TieGraph, View};
use crate::layout::{Layout, LayoutJob};
use crate::load::{self, LoadError};
use crate::model::{Dataset, NodeKind, Relation, ReviewStatus, Reviews};
use crate::query::{
    Filter, Path as FoundPath, PathMode, PathQuery, PathResults, QueryError, ReviewRule,
    SavedFilter,
};
use crate::review::conflicts::{ConflictGroup, conflict_groups};
use crate::review::{ReviewError, ReviewStore};

/// Views with more entities than this are laid out by the multilevel
/// layout on another thread when opened. (An interactive step costs about
/// 120 ms at 10k entities and 50k claims; at 2k it fits in a frame.)
pub const BACKGROUND_LAYOUT_FROM: usize = 2_000;

/// Where the open dataset came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatasetOrigin {
    Embedded,
    File(PathBuf),
}

impl DatasetOrigin {
    /// The dataset's file, if it has one.
    pub fn file(&self) -> Option<&Path> {
        match self {
            DatasetOrigin::File(path) => Some(path),
            DatasetOrigin::Embedded => None,
        }
    }
}

/// What an export covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportWhat {
    View,
    Selection,
    Path,
}

/// The path question and its answer.
#[derive(Clone, Debug, Default)]
pub struct PathSearch {
    pub query: PathQuery,
    pub results: Option<Result<PathResults, QueryError>>,
    /// The path highlighted on the canvas, by its place in the results.
    pub chosen: Option<usize>,
}

impl PathSearch {
    /// The chosen path, if a search found it.
    pub fn chosen_path(&self) -> Option<&FoundPath> {
        let index = self.chosen?;
        self.results.as_ref()?.as_ref().ok()?.paths.get(index)
    }
}

/// How the background layout ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayoutOutcome {
    /// Its positions are shown.
    Adopted,
    /// It was stopped; the positions so far are shown.
    Stopped,
    /// It failed; positions are unchanged.
    Failed,
}

/// Entities per kind and claims per relation, in the dataset and in the
/// view, for the filter panel's live counts: worked out per view change,
/// not per frame.
#[derive(Clone, Debug, Default)]
pub struct ViewCounts {
    pub(crate) all_kinds: BTreeMap<NodeKind, usize>,
    pub(crate) shown_kinds: BTreeMap<NodeKind, usize>,
    pub(crate) all_relations: BTreeMap<Relation, usize>,
    pub(crate) shown_relations: BTreeMap<Relation, usize>,
}

impl ViewCounts {
    /// O(V + E).
    pub fn of(graph: &TieGraph, view: &View) -> Self {
        let mut counts = ViewCounts::default();
        for node in &graph.dataset().nodes {
            *counts.all_kinds.entry(node.kind).or_default() += 1;
        }
        for node in view.nodes() {
            *counts.shown_kinds.entry(graph.node(node).kind).or_default() += 1;
        }
        for claim in &graph.dataset().claims {
            *counts.all_relations.entry(claim.relation).or_default() += 1;
        }
        for edge in view.edges() {
            *counts
                .shown_relations
                .entry(graph.claim(edge).relation)
                .or_default() += 1;
        }
        counts
    }
}

/// Why something the window asked of the session could not be done. Shown
/// by the app's one error display, with every cause.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("nothing is selected")]
    NothingSelected,
    #[error("no path is chosen: run a path query first")]
    NoPathChosen,
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error(transparent)]
    Export(#[from] ExportError),
    /// A saved filter or a workspace.
    #[error(transparent)]
    File(#[from] crate::format::json_file::JsonFileError),
    #[error(transparent)]
    Reviews(#[from] ReviewError),
}

/// Reviews that could not be saved: why, and where they are kept instead
/// (the recovery file), or why they could not be kept there either. Boxed:
/// saving succeeds nearly always.
pub type ReviewsNotSaved = Box<NotSaved>;

/// See [`ReviewsNotSaved`].
#[derive(Debug)]
pub struct NotSaved {
    pub error: ReviewError,
    pub kept_in: Result<PathBuf, ReviewError>,
}

/// The open dataset and everything the window computes from it.
pub struct Session {
    pub graph: TieGraph,
    pub origin: DatasetOrigin,
    pub filter: Filter,
    /// Why the current filter cannot be applied (the previous view stays).
    pub filter_error: Option<QueryError>,
    /// Entities hidden by hand (Delete).
    pub hidden: BTreeSet<NodeIndex>,
    pub view: View,
    pub counts: ViewCounts,
    pub layout: Layout,
    /// A whole-view multilevel layout running in the background.
    pub layout_job: Option<LayoutJob>,
    pub history: History,
    /// The reviews of this dataset, autosaved to their sidecar file.
    pub reviews: ReviewStore,
    /// Conflict groups (marked and automatic), computed once per dataset.
    pub conflicts: Vec<ConflictGroup>,
    /// Claims in a conflict group, drawn with a mark.
    pub conflicted: HashSet<EdgeIndex>,
    pub paths: PathSearch,
    /// The dataset file, opened for editing at the first edit.
    curation: Option<DatasetFile>,
}

impl Session {
    /// A session showing `graph`: everything visible, laid out (at once for
    /// small graphs, on another thread for large ones), with the dataset's
    /// reviews.
    pub fn new(graph: TieGraph, origin: DatasetOrigin) -> Self {
        let reviews = ReviewStore::for_dataset(origin.file(), graph.dataset());
        let conflicts = conflict_groups(&graph);
        let conflicted = conflicts
            .iter()
            .flat_map(|group| group.claims.iter().copied())
            .collect();
        let view = View::all(&graph);
        let counts = ViewCounts::of(&graph, &view);
        let mut layout = Layout::new(&graph, &view);
        // Start from a settled picture rather than an explosion.
        let layout_job = if view.node_count() <= BACKGROUND_LAYOUT_FROM {
            layout.settle(400);
            None
        } else {
            Some(LayoutJob::start(&graph, &view, Vec::new()))
        };
        Session {
            graph,
            origin,
            filter: Filter::default(),
            filter_error: None,
            hidden: BTreeSet::new(),
            view,
            counts,
            layout,
            layout_job,
            history: History::default(),
            reviews,
            conflicts,
            conflicted,
            paths: PathSearch::default(),
            curation: None,
        }
    }

    /// The session of the curated dataset compiled into the binary.
    pub fn embedded() -> Result<Self, LoadError> {
        let loaded = load::load_embedded()?;
        Ok(Self::new(
            TieGraph::new(loaded.dataset),
            DatasetOrigin::Embedded,
        ))
    }

    /// A session with nothing in it: the last resort if even the embedded
    /// dataset fails to load, so that a window still opens.
    pub fn empty() -> Self {
        Self::new(
            TieGraph::new(Dataset {
                name: "empty".into(),
                description: None,
                vocabulary: Default::default(),
                documents: Vec::new(),
                nodes: Vec::new(),
                claims: Vec::new(),
                conflicts: Vec::new(),
            }),
            DatasetOrigin::Embedded,
        )
    }

    /// A session on the dataset at `path`, and how many warnings it loaded
    /// with; the caller keeps its current session when this fails.
    pub fn open(path: &Path) -> Result<(Self, usize), LoadError> {
        Self::open_with(path, None)
    }

    /// [`Session::open`], saying how far it has got in `progress` (it runs
    /// on a thread of its own while the window shows a progress bar).
    pub fn open_with(
        path: &Path,
        progress: Option<std::sync::Arc<load::Progress>>,
    ) -> Result<(Self, usize), LoadError> {
        // A curated TOML file is opened for editing at once, so that an
        // edit is refused if the file changes on disk after this.
        let (loaded, curation) = if crate::curate::read_only_format(path).is_none() {
            match DatasetFile::open(path) {
                Ok(file) => (file.loaded().clone(), Some(file)),
                Err(CurateError::Load(error)) => return Err(error),
                Err(_) => (load::load_any(path)?, None),
            }
        } else {
            let cache = load::cache::Cache::default();
            (
                load::load_any_with(path, &cache, progress.clone())?.loaded,
                None,
            )
        };
        let warnings = loaded.warnings.len();
        if let Some(progress) = &progress {
            progress.stage("Building the graph", 0);
        }
        let graph = loaded.into_graph();
        if let Some(progress) = &progress {
            progress.stage("Laying it out", 0);
        }
        let mut session = Self::new(graph, DatasetOrigin::File(path.to_path_buf()));
        session.curation = curation;
        Ok((session, warnings))
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

    /// Hides entities as one undoable edit.
    pub fn hide(&mut self, nodes: &[NodeIndex]) {
        self.history.record(self.snapshot());
        self.hidden.extend(nodes.iter().copied());
        self.refresh_view();
    }

    /// Records the current state before an edit made elsewhere (a pin).
    pub fn record_edit(&mut self) {
        self.history.record(self.snapshot());
    }

    /// Undoes the last edit: of the view, or of the dataset (its earlier
    /// text written back). Returns what was undone, for a data edit.
    pub fn undo(&mut self) -> Result<Option<String>, CurateError> {
        match self.history.undo(self.snapshot()) {
            None => Ok(None),
            Some(Step::View(previous)) => {
                self.restore(previous);
                Ok(None)
            }
            Some(Step::Data(edit)) => match self.write_back(&edit.after, edit.before) {
                Ok(()) => Ok(Some(format!("Undone: {}", edit.summary))),
                Err(error) => {
                    self.history.undo_failed();
                    Err(error)
                }
            },
        }
    }

    pub fn redo(&mut self) -> Result<Option<String>, CurateError> {
        match self.history.redo(self.snapshot()) {
            None => Ok(None),
            Some(Step::View(next)) => {
                self.restore(next);
                Ok(None)
            }
            Some(Step::Data(edit)) => match self.write_back(&edit.before, edit.after) {
                Ok(()) => Ok(Some(format!("Redone: {}", edit.summary))),
                Err(error) => {
                    self.history.redo_failed();
                    Err(error)
                }
            },
        }
    }

    // ── curation (edits of the dataset file) ──

    /// Whether the open dataset can be edited in place, and if not, why
    /// (the embedded dataset; CSV, JSON and FollowTheMoney files).
    pub fn editable(&self) -> Result<(), CurateError> {
        match &self.origin {
            DatasetOrigin::Embedded => Err(CurateError::Embedded),
            DatasetOrigin::File(path) => match crate::curate::read_only_format(path) {
                Some(format) => Err(CurateError::NotToml {
                    path: path.clone(),
                    format,
                }),
                None => Ok(()),
            },
        }
    }

    /// The dataset file, opened for editing at the first edit.
    fn dataset_file(&mut self) -> Result<&mut DatasetFile, CurateError> {
        self.editable()?;
        let file = match self.curation.take() {
            Some(file) => file,
            None => {
                let path = self
                    .origin
                    .file()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                DatasetFile::open(&path)?
            }
        };
        Ok(self.curation.insert(file))
    }

    /// Applies an edit to the dataset file and shows the result: written
    /// at once, undoable. On refusal nothing is written and nothing here
    /// changes.
    pub fn apply_edit(&mut self, edit: &Edit) -> Result<Applied, CurateError> {
        let file = self.dataset_file()?;
        let applied = file.apply(edit)?;
        let dataset = file.loaded().dataset.clone();
        self.history.record_data(DataEdit {
            summary: applied.summary.clone(),
            before: applied.before.clone(),
            after: applied.after.clone(),
        });
        self.rebuild(dataset);
        Ok(applied)
    }

    /// Writes `text` back as the dataset file (undo, redo), if the file
    /// still holds `expected`: an edit made since by someone else is never
    /// undone along with ours.
    fn write_back(&mut self, expected: &str, text: String) -> Result<(), CurateError> {
        let file = self.dataset_file()?;
        if file.text() != expected {
            return Err(CurateError::ChangedOnDisk {
                path: file.path().to_path_buf(),
            });
        }
        file.write(text)?;
        let dataset = file.loaded().dataset.clone();
        self.rebuild(dataset);
        Ok(())
    }

    /// Reads the dataset file again (someone else changed it), keeping the
    /// arrangement; edits made before cannot be undone past it.
    pub fn reload_dataset(&mut self) -> Result<(), CurateError> {
        let file = self.dataset_file()?;
        file.reload()?;
        let dataset = file.loaded().dataset.clone();
        self.rebuild(dataset);
        Ok(())
    }

    /// Shows an edited dataset: the graph rebuilt, entities where they
    /// were (by id), new ones beside their neighbours, hidden and pinned
    /// entities and the history carried over; path results are dropped
    /// (their indices are the old graph's).
    fn rebuild(&mut self, dataset: Dataset) {
        let old = std::mem::replace(&mut self.graph, TieGraph::new(dataset));
        let graph = &self.graph;
        let map = |index: NodeIndex| graph.node_index(&old.node(index).id);
        let positions: Vec<(NodeIndex, [f32; 2])> = self
            .layout
            .positions()
            .iter()
            .enumerate()
            .filter_map(|(i, at)| Some((map(NodeIndex::new(i))?, (*at)?)))
            .collect();
        let pins: Vec<(NodeIndex, [f32; 2])> = self
            .layout
            .pins()
            .into_iter()
            .filter_map(|(n, at)| Some((map(n)?, at)))
            .collect();
        self.hidden = self.hidden.iter().filter_map(|&n| map(n)).collect();
        self.history.remap(&map);
        let mut layout = Layout::new(graph, &View::empty(graph));
        layout.restore(&positions);
        for (node, at) in pins {
            layout.place(node, at);
        }
        self.layout = layout;
        if let Some(job) = self.layout_job.take() {
            job.stop();
        }
        self.conflicts = conflict_groups(&self.graph);
        self.conflicted = self
            .conflicts
            .iter()
            .flat_map(|group| group.claims.iter().copied())
            .collect();
        self.paths.results = None;
        self.paths.chosen = None;
        self.refresh_view();
    }

    /// Recomputes the view from the filter and the hidden set, keeping the
    /// previous view if the filter is invalid.
    pub fn refresh_view(&mut self) {
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
                self.counts = ViewCounts::of(&self.graph, &view);
                self.view = view;
            }
            Err(error) => self.filter_error = Some(error),
        }
    }

    // ── layout ──

    /// Interactive layout steps for this frame, or the result of the
    /// background layout once it is ready (the interactive layout waits for
    /// it).
    pub fn advance_layout(&mut self, steps: usize) -> Option<LayoutOutcome> {
        if let Some(job) = &self.layout_job {
            return job
                .is_finished()
                .then(|| self.finish_layout_job())
                .flatten();
        }
        for _ in 0..steps {
            self.layout.step();
        }
        None
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

    /// Waits for the background layout, if any, and adopts its result.
    pub fn finish_layout_job(&mut self) -> Option<LayoutOutcome> {
        let job = self.layout_job.take()?;
        let stopped = job.is_stopping();
        Some(match job.finish() {
            Some(positions) => {
                self.layout.adopt(&positions);
                if stopped {
                    LayoutOutcome::Stopped
                } else {
                    LayoutOutcome::Adopted
                }
            }
            None => LayoutOutcome::Failed,
        })
    }

    /// Runs the layout to rest (tests, screenshots).
    pub fn settle_layout(&mut self) -> Option<LayoutOutcome> {
        let outcome = self.finish_layout_job();
        self.layout.settle(100_000);
        outcome
    }

    // ── paths ──

    /// Runs a path search within the view, between the entities named
    /// `from` and `to`, avoiding the comma-separated `avoid`, with the
    /// search's query and the session's reviews. The first path found is
    /// chosen.
    pub fn run_path_query(&mut self, from: &str, to: &str, avoid: &str, mode: PathMode) {
        let graph = &self.graph;
        let result = (|| {
            let from = crate::query::resolve(graph, from.trim())?;
            let to = crate::query::resolve(graph, to.trim())?;
            let mut query = self.paths.query.clone();
            query.avoid = avoid
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|name| crate::query::resolve(graph, name).map(|n| graph.node(n).id.clone()))
                .collect::<Result<Vec<_>, _>>()?;
            crate::query::find_paths(
                graph,
                Some(&self.view),
                &self.reviews.reviews,
                from,
                to,
                mode,
                &query,
            )
        })();
        self.paths.chosen = match &result {
            Ok(found) if !found.paths.is_empty() => Some(0),
            _ => None,
        };
        self.paths.results = Some(result);
    }

    // ── reviews ──

    /// Sets a claim's review and saves.
    pub fn review(
        &mut self,
        claim: EdgeIndex,
        status: ReviewStatus,
        note: Option<String>,
        reviewer: Option<String>,
    ) -> Result<(), ReviewsNotSaved> {
        let id = self.graph.claim(claim).id.clone();
        self.reviews.reviews.set(&id, status, note, reviewer);
        let saved = self.save_reviews();
        if self.filter.review != ReviewRule::Any {
            self.refresh_view();
        }
        saved
    }

    /// Marks an evidence quote as checked in context (or not) and saves.
    pub fn set_quote_checked(
        &mut self,
        claim: &str,
        document: &str,
        quote: &str,
        checked: bool,
    ) -> Result<(), ReviewsNotSaved> {
        self.reviews
            .reviews
            .set_checked(claim, document, quote, checked);
        self.save_reviews()
    }

    /// Grades a document's reliability (or takes the grade away) and saves.
    pub fn set_reliability(
        &mut self,
        document: &str,
        grade: Option<crate::model::Reliability>,
        reviewer: Option<String>,
    ) -> Result<(), ReviewsNotSaved> {
        self.reviews
            .reviews
            .set_reliability(document, grade, reviewer);
        let saved = self.save_reviews();
        if !self.filter.evidence.is_any() {
            self.refresh_view();
        }
        saved
    }

    /// Grades an evidence item's credibility (or takes the grade away) and
    /// saves.
    pub fn set_credibility(
        &mut self,
        claim: &str,
        (document, quote): (&str, &str),
        grade: Option<crate::model::Credibility>,
        reviewer: Option<String>,
    ) -> Result<(), ReviewsNotSaved> {
        self.reviews
            .reviews
            .set_credibility(claim, (document, quote), grade, reviewer);
        let saved = self.save_reviews();
        if !self.filter.evidence.is_any() {
            self.refresh_view();
        }
        saved
    }

    /// Saves the reviews; when that fails, keeps the work in the recovery
    /// file, which the next start offers to restore.
    pub fn save_reviews(&mut self) -> Result<(), ReviewsNotSaved> {
        self.reviews.save().map_err(|error| {
            Box::new(NotSaved {
                error,
                kept_in: self.reviews.write_recovery(),
            })
        })
    }

    /// Keeps the reviews in another file (tests, or a reviewer's own copy).
    pub fn use_reviews_file(&mut self, path: PathBuf) {
        self.reviews = ReviewStore::open(path, &self.graph.dataset().name);
        self.refresh_view();
    }

    /// The reviews in memory.
    pub fn reviews(&self) -> &Reviews {
        &self.reviews.reviews
    }

    /// Unsaved reviews an earlier session left in the recovery file: how
    /// many claims, and where.
    pub fn recovery_offer(&self) -> Option<(usize, PathBuf)> {
        self.reviews
            .pending_recovery()
            .map(|recovered| (recovered.claims.len(), self.reviews.recovery_path()))
    }

    // ── exports ──

    /// What an export covers: the view, the selected entity's neighbourhood
    /// (or the selected claims), or the chosen path.
    pub fn export_view(
        &self,
        what: ExportWhat,
        selected: super::Selection,
    ) -> Result<View, SessionError> {
        use super::Selection;
        match what {
            ExportWhat::View => Ok(self.view.clone()),
            ExportWhat::Selection => {
                let mut view = View::empty(&self.graph);
                match selected {
                    Selection::Node(node) => {
                        return Ok(crate::query::neighbourhood(
                            &self.graph,
                            &self.view,
                            &[node],
                            1,
                        ));
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
                    Selection::None => return Err(SessionError::NothingSelected),
                }
                Ok(view)
            }
            ExportWhat::Path => {
                let path = self.paths.chosen_path().ok_or(SessionError::NoPathChosen)?;
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
        selected: super::Selection,
    ) -> Result<(), SessionError> {
        let view = self.export_view(what, selected)?;
        let positions = crate::export::graphviz_positions(&self.layout.positions());
        let options = ExportOptions {
            title: None,
            positions: Some(&positions),
            legend: true,
            reviews: Some(&self.reviews.reviews),
            measures: &[],
        };
        crate::export::write(&self.graph, &view, format, &options, path)?;
        Ok(())
    }

    /// A brief (HTML) of the view, the selection or the chosen path, dated
    /// `date`.
    pub fn report_html(
        &self,
        what: ExportWhat,
        selected: super::Selection,
        date: &str,
    ) -> Result<String, SessionError> {
        let reviews = &self.reviews.reviews;
        let brief = match what {
            ExportWhat::Path => {
                let path = self.paths.chosen_path().ok_or(SessionError::NoPathChosen)?;
                crate::report::path_brief(&self.graph, reviews, std::slice::from_ref(path), date)
            }
            ExportWhat::Selection => {
                let view = self.export_view(what, selected)?;
                let title = match selected {
                    super::Selection::Node(node) => {
                        format!("{} and its neighbours", self.graph.node(node).label)
                    }
                    _ => "The selection".to_string(),
                };
                crate::report::view_brief(&self.graph, reviews, &view, &title, date)
            }
            ExportWhat::View => {
                let title = format!("{}: the view", self.graph.dataset().name);
                crate::report::view_brief(&self.graph, reviews, &self.view, &title, date)
            }
        };
        Ok(crate::report::to_html(&self.graph, &brief))
    }

    /// Saves the current filter with the dataset's hash.
    pub fn save_filter_to(&self, path: &Path) -> Result<(), SessionError> {
        SavedFilter::new(self.graph.dataset(), self.filter.clone()).write(path)?;
        Ok(())
    }

    /// Loads a saved filter as one undoable edit; a file that does not
    /// parse, or a filter that does not apply, changes nothing. Returns a
    /// warning when the filter was made on another version of the dataset.
    pub fn load_filter_from(&mut self, path: &Path) -> Result<Option<String>, SessionError> {
        let saved = SavedFilter::read(path)?;
        let warning = saved.mismatch_warning(path, self.graph.dataset());
        saved.filter.apply(&self.graph)?;
        self.set_filter(saved.filter);
        Ok(warning)
    }

    /// The claims a document supports (with at least one evidence item).
    pub fn claims_citing(&self, document: &str) -> Vec<EdgeIndex> {
        self.graph
            .graph()
            .edge_indices()
            .filter(|&e| {
                self.graph
                    .claim(e)
                    .evidence
                    .iter()
                    .any(|v| v.document == document)
            })
            .collect()
    }
}
