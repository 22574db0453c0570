//! The command-line interface: argument definitions and the commands, each a
//! thin call into the library.

use std::fmt::Write as _;
use std::path::{Path as FsPath, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};

use tiegraph::export::ExportOptions;
use tiegraph::export::dot::to_dot;
use tiegraph::export::graphml::to_graphml;
use tiegraph::export::json::JsonGraph;
use tiegraph::fs::write_atomic;
use tiegraph::graph::TieGraph;
use tiegraph::load::{self, DiagnosticList, LoadError, Loaded};
use tiegraph::model::{NodeKind, PartialDate, Relation};
use tiegraph::query::{
    Filter, PathMode, PathQuery, QueryError, ReviewRule, SavedView, View, connect, dataset_hash,
    explain_path, find_paths, neighbourhood, resolve, review_rule_effect,
};
use tiegraph::review::conflicts::conflict_groups;
use tiegraph::review::impact::{SourceSelector, impact};
use tiegraph::review::{ReviewStatus, ReviewStore, reviews_path};
use tiegraph::stats::Stats;

#[derive(Parser)]
#[command(
    name = "tiegraph",
    version,
    about = "Explore who is connected to whom, through what, on whose word and when.",
    long_about = "Explore who is connected to whom, through what, on whose word and when.\n\n\
        Every command works on the curated Myanmar–Russia dataset compiled into the binary, \
        or on a dataset file given as DATASET. Entities are named by id, name or any alias."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// With no command: the dataset to open in the window (default: the
    /// last one opened, or the embedded dataset).
    pub dataset: Option<PathBuf>,
}

/// What the window opens: a dataset file (or the default) and maybe a path
/// question (from, to).
#[cfg_attr(not(feature = "gui"), allow(dead_code))]
pub struct GuiRequest {
    pub dataset: Option<PathBuf>,
    pub question: Option<(String, String)>,
}

impl Cli {
    /// The dataset (and path question) to open in the GUI, if this
    /// invocation opens the GUI: `tiegraph`, `tiegraph FILE` or
    /// `tiegraph open [FILE] [--path FROM TO]`.
    pub fn gui(&self) -> Option<GuiRequest> {
        match &self.command {
            None => Some(GuiRequest {
                dataset: self.dataset.clone(),
                question: None,
            }),
            Some(Command::Open { dataset, path }) => Some(GuiRequest {
                dataset: dataset.clone(),
                question: path
                    .as_ref()
                    .and_then(|p| Some((p.first()?.clone(), p.get(1)?.clone()))),
            }),
            Some(_) => None,
        }
    }
}

#[derive(Subcommand)]
pub enum Command {
    /// Open the desktop explorer on a dataset (the same as `tiegraph FILE`).
    Open {
        dataset: Option<PathBuf>,
        /// Open with the paths between two entities shown and highlighted.
        #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
        path: Option<Vec<String>>,
    },
    /// Validate a dataset: every reference, date and quote. Exit 0 if valid.
    Check {
        /// Dataset: a curated .toml, a .json export, or a folder of
        /// nodes.csv / edges.csv / documents.csv (default: the embedded dataset).
        dataset: Option<PathBuf>,
    },
    /// Counts by node kind, by relation and per document; conflicts; inferred dates.
    Stats { dataset: Option<PathBuf> },
    /// Export the whole graph or a filtered view of it.
    Export {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        #[command(flatten)]
        filter: FilterArgs,
        /// Write here (atomically) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        dataset: Option<PathBuf>,
    },
    /// Paths between two entities, each hop with its evidence.
    Path {
        from: String,
        to: String,
        /// Longest path considered, in hops.
        #[arg(long, default_value_t = 6)]
        max_hops: usize,
        /// The K shortest simple paths (Yen) instead of every shortest path.
        #[arg(long, conflicts_with = "all")]
        k: Option<usize>,
        /// Every simple path up to --max-hops (bounded by --limit).
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        constraints: ConstraintArgs,
        #[arg(long, value_enum, default_value_t = PathFormat::Text)]
        format: PathFormat,
        /// Apply a saved filter (JSON from `export --save-filter`) first.
        #[arg(long)]
        filter: Option<PathBuf>,
        dataset: Option<PathBuf>,
    },
    /// The smallest subgraph linking several entities (union of the shortest
    /// paths chosen by a minimum spanning tree over them).
    Connect {
        #[arg(required = true, num_args = 2..)]
        entities: Vec<String>,
        #[arg(long, default_value_t = 6)]
        max_hops: usize,
        #[command(flatten)]
        constraints: ConstraintArgs,
        #[arg(long, value_enum, default_value_t = PathFormat::Text)]
        format: PathFormat,
        #[arg(long)]
        dataset: Option<PathBuf>,
    },
    /// An entity's neighbourhood: everything within --hops claims of it.
    Neighbors {
        entity: String,
        #[arg(long, default_value_t = 1)]
        hops: usize,
        #[arg(long, value_enum, default_value_t = PathFormat::Text)]
        format: PathFormat,
        dataset: Option<PathBuf>,
    },
    /// Show an entity, found by id, name or any alias, with every claim and its quotes.
    Show {
        entity: String,
        dataset: Option<PathBuf>,
    },
    /// Review claims: set a status, list, report (reviews live in a sidecar file).
    Review {
        #[command(subcommand)]
        action: ReviewAction,
    },
    /// What discrediting a document or a publisher would cost: claims that
    /// lose all evidence, and paths between two entities that would break.
    Impact {
        #[arg(
            long,
            conflicts_with = "publisher",
            required_unless_present = "publisher"
        )]
        doc: Option<String>,
        #[arg(long)]
        publisher: Option<String>,
        #[arg(long, num_args = 2, value_names = ["A", "B"])]
        between: Option<Vec<String>>,
        #[arg(long, default_value_t = 6)]
        max_hops: usize,
        dataset: Option<PathBuf>,
    },
    /// List the node kinds and relations a dataset may use, with their meaning.
    Vocabulary,
    /// Lay the graph out without a window and write the positions: DOT with
    /// `pos` (draw it with `neato -n2`) or JSON `{"positions": {id: [x, y]}}`.
    Layout {
        /// The input dataset (any format); default: the embedded one.
        dataset: Option<PathBuf>,
        /// Output file; `.json` writes positions, anything else DOT.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Force iterations per level of the multilevel layout (default: the
        /// layout's own).
        #[arg(long)]
        iterations: Option<u32>,
        /// Threads for the force computation (default: every core).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Write a deterministic synthetic graph, for benchmarks against peers.
    Synth {
        nodes: usize,
        claims: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// `json` (the export format) or `edges` (one "source target" per line).
        #[arg(long, value_enum, default_value_t = SynthFormat::Json)]
        format: SynthFormat,
        /// `ring`: local clusters on a ring plus random links; `plane`:
        /// mostly links between neighbours on a hidden grid (a layout has
        /// structure to recover).
        #[arg(long, value_enum, default_value_t = SynthShape::Ring)]
        shape: SynthShape,
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SynthShape {
    Ring,
    Plane,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SynthFormat {
    Json,
    Edges,
    /// A folder of nodes.csv, edges.csv and documents.csv (-o names the folder).
    Csv,
}

#[derive(Subcommand)]
pub enum ReviewAction {
    /// Set a claim's review status: unreviewed, confirmed, disputed or rejected.
    Set {
        /// The claim's id (see `review list`, `show` or the JSON export).
        edge: String,
        #[arg(value_parser = parse_status)]
        status: ReviewStatus,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        reviewer: Option<String>,
        #[arg(long)]
        dataset: Option<PathBuf>,
    },
    /// Print claim ids with their status and note.
    List {
        #[arg(long, value_parser = parse_status)]
        status: Option<ReviewStatus>,
        #[arg(long)]
        dataset: Option<PathBuf>,
    },
    /// Coverage per document, disputed and rejected claims, single-source
    /// claims, conflicts and orphaned reviews.
    Report {
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        #[arg(long)]
        dataset: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Csv,
}

fn parse_status(text: &str) -> Result<ReviewStatus, String> {
    ReviewStatus::parse(text).ok_or_else(|| {
        format!(
            "unknown status `{text}`; expected one of unreviewed, confirmed, disputed, rejected"
        )
    })
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Dot,
    Graphml,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PathFormat {
    Text,
    Json,
    Dot,
}

fn parse_kind(text: &str) -> Result<NodeKind, String> {
    NodeKind::parse(text).ok_or_else(|| {
        let all: Vec<&str> = NodeKind::ALL.iter().map(|k| k.as_str()).collect();
        format!(
            "unknown node kind `{text}`; expected one of {}",
            all.join(", ")
        )
    })
}

fn parse_relation(text: &str) -> Result<Relation, String> {
    Relation::parse(text).ok_or_else(|| {
        let all: Vec<&str> = Relation::ALL.iter().map(|k| k.as_str()).collect();
        format!(
            "unknown relation `{text}`; expected one of {}",
            all.join(", ")
        )
    })
}

fn parse_date(text: &str) -> Result<PartialDate, String> {
    text.parse()
        .map_err(|error| format!("invalid date `{text}`: {error}"))
}

/// The filter flags of `export`.
#[derive(Args, Default)]
pub struct FilterArgs {
    /// Node kinds to keep (comma-separated).
    #[arg(long, value_delimiter = ',', value_parser = parse_kind)]
    node_kinds: Vec<NodeKind>,
    /// Relations to keep (comma-separated).
    #[arg(long, value_delimiter = ',', value_parser = parse_relation)]
    edge_kinds: Vec<Relation>,
    /// Start of the date window: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    from: Option<PartialDate>,
    /// End of the date window (inclusive).
    #[arg(long, value_parser = parse_date)]
    to: Option<PartialDate>,
    /// With a date window, drop undated claims too.
    #[arg(long)]
    drop_undated: bool,
    /// Keep only claims backed by this document (repeatable).
    #[arg(long = "doc")]
    documents: Vec<String>,
    /// Keep only claims backed by this publisher (repeatable).
    #[arg(long = "publisher")]
    publishers: Vec<String>,
    /// Minimum independent sources (distinct publishers) per claim.
    #[arg(long, default_value_t = 0)]
    min_sources: usize,
    /// Keep entities whose name or alias contains this text.
    #[arg(long)]
    text: Option<String>,
    /// Only the neighbourhood of this entity (repeatable).
    #[arg(long = "around")]
    around: Vec<String>,
    /// Radius of --around, in claims.
    #[arg(long, default_value_t = 1)]
    hops: usize,
    /// Drop entities left without a visible claim.
    #[arg(long)]
    hide_isolated: bool,
    /// Start from a saved filter; the flags above are added to it.
    #[arg(long = "filter")]
    filter_file: Option<PathBuf>,
    /// Save the resulting filter (with the dataset's hash) to this file.
    #[arg(long)]
    save_filter: Option<PathBuf>,
    #[command(flatten)]
    review: ReviewRuleArgs,
}

/// The path constraint flags shared by `path` and `connect`.
#[derive(Args)]
pub struct ConstraintArgs {
    /// Relations a hop may use (comma-separated).
    #[arg(long, value_delimiter = ',', value_parser = parse_relation)]
    kinds: Vec<Relation>,
    /// Entities no path may pass through (comma-separated).
    #[arg(long, value_delimiter = ',')]
    avoid: Vec<String>,
    /// Let paths pass through hubs (countries and highly connected nodes).
    #[arg(long)]
    allow_hubs: bool,
    /// Above this many claims a node counts as a hub.
    #[arg(long, default_value_t = tiegraph::query::paths::DEFAULT_HUB_DEGREE)]
    hub_degree: usize,
    /// Each hop's date must not be before the previous hop's.
    #[arg(long)]
    time_respecting: bool,
    /// Minimum independent sources per hop.
    #[arg(long, default_value_t = 0)]
    min_sources: usize,
    /// Most paths listed.
    #[arg(long, default_value_t = 1000)]
    limit: usize,
    #[command(flatten)]
    review: ReviewRuleArgs,
}

/// Review-status rules, read against the dataset's reviews file.
#[derive(Args, Default, Clone, Copy)]
pub struct ReviewRuleArgs {
    /// Use only claims a reviewer confirmed.
    #[arg(long, conflicts_with = "exclude_rejected")]
    confirmed_only: bool,
    /// Leave out claims a reviewer rejected.
    #[arg(long)]
    exclude_rejected: bool,
}

impl ReviewRuleArgs {
    fn rule(self) -> ReviewRule {
        if self.confirmed_only {
            ReviewRule::ConfirmedOnly
        } else if self.exclude_rejected {
            ReviewRule::ExcludeRejected
        } else {
            ReviewRule::Any
        }
    }
}

impl ConstraintArgs {
    fn query(&self, graph: &TieGraph, max_hops: usize) -> Result<PathQuery, QueryError> {
        // Resolve names now so that a typo is reported before any search.
        let avoid = self
            .avoid
            .iter()
            .map(|name| resolve(graph, name).map(|index| graph.node(index).id.clone()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PathQuery {
            relations: self.kinds.clone(),
            avoid,
            allow_hubs: self.allow_hubs,
            hub_degree: self.hub_degree,
            time_respecting: self.time_respecting,
            min_sources: self.min_sources,
            max_hops,
            // A limit of 0 would hide every path; at least one is listed.
            limit: self.limit.max(1),
            review: self.review.rule(),
        })
    }
}

fn load(dataset: Option<&FsPath>) -> Result<Loaded, LoadError> {
    match dataset {
        Some(path) => load::load_any(path),
        None => load::load_embedded(),
    }
}

/// An error already shown to the user, carrying the exit code.
struct Reported(ExitCode);

/// Loads, printing warnings; on failure prints every diagnostic.
fn load_or_report(dataset: Option<&FsPath>) -> Result<Loaded, Reported> {
    match load(dataset) {
        Ok(loaded) => {
            if !loaded.warnings.is_empty() {
                eprintln!("{}", DiagnosticList(&loaded.warnings));
            }
            Ok(loaded)
        }
        Err(error) => {
            eprintln!("{error}");
            Err(Reported(ExitCode::FAILURE))
        }
    }
}

/// Loads and builds the graph. A command runs once and the process exits,
/// so the graph is leaked on purpose: freeing a large import's millions of
/// allocations one by one would take a quarter of the load time again.
fn graph_or_report(dataset: Option<&FsPath>) -> Result<&'static TieGraph, Reported> {
    load_or_report(dataset).map(|loaded| &*Box::leak(Box::new(TieGraph::new(loaded.dataset))))
}

fn query_error(error: QueryError) -> Reported {
    eprintln!("error: {error}");
    Reported(ExitCode::FAILURE)
}

fn emit(text: &str, output: Option<&FsPath>) -> anyhow::Result<()> {
    match output {
        Some(path) => {
            write_atomic(path, text.as_bytes())?;
            eprintln!("wrote {}", path.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}

fn read_saved_filter(path: &FsPath, graph: &TieGraph) -> anyhow::Result<Filter> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read filter {}", path.display()))?;
    let saved: SavedView = serde_json::from_str(&text).map_err(|error| {
        anyhow::anyhow!(
            "{}:{}:{}: not a tiegraph filter: {error}",
            path.display(),
            error.line(),
            error.column()
        )
    })?;
    if !saved.matches(graph.dataset()) {
        eprintln!(
            "warning: {} was saved on a different version of the dataset ({}); results may differ",
            path.display(),
            saved.dataset_name
        );
    }
    Ok(saved.filter)
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let Some(command) = cli.command else {
        use clap::CommandFactory;
        Cli::command().print_help()?;
        println!();
        return Ok(ExitCode::SUCCESS);
    };
    if let Command::Open { .. } = command {
        // main opens the window before calling run.
        return Ok(ExitCode::SUCCESS);
    }
    // A save that has to wait for another tiegraph says so, once.
    tiegraph::fs::set_wait_notice(|target| {
        eprintln!("another tiegraph is saving {}; retrying…", target.display());
    });
    match execute(command) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(Failure::Reported(Reported(code))) => Ok(code),
        Err(Failure::Other(error)) => Err(error),
    }
}

enum Failure {
    Reported(Reported),
    Other(anyhow::Error),
}

impl From<Reported> for Failure {
    fn from(reported: Reported) -> Self {
        Failure::Reported(reported)
    }
}

impl From<QueryError> for Failure {
    fn from(error: QueryError) -> Self {
        Failure::Reported(query_error(error))
    }
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        Failure::Other(error)
    }
}

impl From<serde_json::Error> for Failure {
    fn from(error: serde_json::Error) -> Self {
        Failure::Other(error.into())
    }
}

impl From<tiegraph::fs::FsError> for Failure {
    fn from(error: tiegraph::fs::FsError) -> Self {
        Failure::Other(error.into())
    }
}

impl From<tiegraph::export::ExportError> for Failure {
    fn from(error: tiegraph::export::ExportError) -> Self {
        Failure::Other(error.into())
    }
}

fn execute(command: Command) -> Result<(), Failure> {
    match command {
        Command::Open { .. } => {}
        Command::Check { dataset } => {
            let loaded = load_or_report(dataset.as_deref())?;
            let data = &loaded.dataset;
            let quotes: usize = data.claims.iter().map(|c| c.evidence.len()).sum();
            // Imported data may carry quotes whose document text is absent.
            let without_text: std::collections::HashSet<&str> = data
                .documents
                .iter()
                .filter(|d| d.text.is_empty())
                .map(|d| d.id.as_str())
                .collect();
            let unverified = data
                .claims
                .iter()
                .flat_map(|c| &c.evidence)
                .filter(|e| without_text.contains(e.document.as_str()))
                .count();
            let kept = if unverified > 0 {
                format!(" ({unverified} kept as given: no document text)")
            } else {
                String::new()
            };
            println!(
                "ok: {} — {} documents, {} nodes, {} claims, {} quotes verified{kept}, {} warnings",
                data.name,
                data.documents.len(),
                data.nodes.len(),
                data.claims.len(),
                quotes - unverified,
                loaded.warnings.len()
            );
            // Exiting frees it faster than dropping it piece by piece.
            std::mem::forget(loaded);
        }
        Command::Stats { dataset } => {
            let loaded = load_or_report(dataset.as_deref())?;
            print!("{}", Stats::of(&loaded.dataset));
            // Exiting frees it faster than dropping it piece by piece.
            std::mem::forget(loaded);
        }
        Command::Export {
            format,
            filter,
            output,
            dataset,
        } => {
            let graph = graph_or_report(dataset.as_deref())?;
            let mut chosen = match &filter.filter_file {
                Some(path) => read_saved_filter(path, graph)?,
                None => Filter::default(),
            };
            chosen.node_kinds.extend(filter.node_kinds.iter().copied());
            chosen.relations.extend(filter.edge_kinds.iter().copied());
            chosen.from = filter.from.or(chosen.from);
            chosen.to = filter.to.or(chosen.to);
            chosen.drop_undated |= filter.drop_undated;
            chosen.documents.extend(filter.documents.iter().cloned());
            chosen.publishers.extend(filter.publishers.iter().cloned());
            chosen.min_sources = chosen.min_sources.max(filter.min_sources);
            if filter.text.is_some() {
                chosen.text = filter.text.clone();
            }
            if !filter.around.is_empty() {
                chosen.focus.extend(filter.around.iter().cloned());
                chosen.hops = filter.hops;
            }
            chosen.hide_isolated |= filter.hide_isolated;
            if filter.review.rule() != ReviewRule::Any {
                chosen.review = filter.review.rule();
            }
            let store = open_reviews(dataset.as_deref(), graph);
            let view = chosen.apply_reviewed(graph, Some(&store.reviews))?;
            if let Some(path) = &filter.save_filter {
                let saved = SavedView::new(graph.dataset(), chosen.clone());
                let text =
                    serde_json::to_string_pretty(&saved).context("cannot serialize the filter")?;
                write_atomic(path, format!("{text}\n").as_bytes())?;
                eprintln!("saved filter to {}", path.display());
            }
            let text = render_view(graph, &view, format, None)?;
            emit(&text, output.as_deref())?;
        }
        Command::Path {
            from,
            to,
            max_hops,
            k,
            all,
            constraints,
            format,
            filter,
            dataset,
        } => {
            let graph = graph_or_report(dataset.as_deref())?;
            let store = open_reviews(dataset.as_deref(), graph);
            let view = match &filter {
                Some(path) => Some(
                    read_saved_filter(path, graph)?.apply_reviewed(graph, Some(&store.reviews))?,
                ),
                None => None,
            };
            let (a, b) = (resolve(graph, &from)?, resolve(graph, &to)?);
            let query = constraints.query(graph, max_hops)?;
            let mode = match (k, all) {
                (Some(k), _) => PathMode::KShortest(k),
                (None, true) => PathMode::AllSimple,
                (None, false) => PathMode::AllShortest,
            };
            let found = find_paths(graph, view.as_ref(), &store.reviews, a, b, mode, &query)?;
            let title = format!(
                "Paths from {} to {}",
                graph.node(a).label,
                graph.node(b).label
            );
            match format {
                PathFormat::Text => {
                    if found.paths.is_empty() {
                        println!(
                            "{title}: no path within {max_hops} hops under these constraints."
                        );
                        if let Some(effect) =
                            review_rule_effect(graph, view.as_ref(), &store.reviews, query.review)
                        {
                            println!("{effect}");
                        }
                        if !query.allow_hubs {
                            let hub_query = PathQuery {
                                allow_hubs: true,
                                ..query.clone()
                            };
                            let through_hub = find_paths(
                                graph,
                                view.as_ref(),
                                &store.reviews,
                                a,
                                b,
                                PathMode::KShortest(1),
                                &hub_query,
                            );
                            if through_hub.is_ok_and(|found| !found.paths.is_empty()) {
                                println!("A path exists through a hub: try --allow-hubs.");
                            }
                        }
                    } else {
                        println!(
                            "{title}: {} path{}",
                            found.paths.len(),
                            plural(found.paths.len())
                        );
                        for (index, path) in found.paths.iter().enumerate() {
                            print!("\n{}. {}", index + 1, explain_path(graph, path));
                        }
                    }
                    if found.truncated {
                        println!(
                            "\n(stopped at {} paths; raise --limit to see more)",
                            query.limit
                        );
                    }
                }
                PathFormat::Json => {
                    let explained: Vec<_> =
                        found.paths.iter().map(|p| explain_path(graph, p)).collect();
                    let value = serde_json::json!({
                        "from": graph.node(a).id,
                        "to": graph.node(b).id,
                        "truncated": found.truncated,
                        "paths": explained,
                    });
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&value).context("cannot serialize")?
                    );
                }
                PathFormat::Dot => {
                    let mut view = View::empty(graph);
                    for path in &found.paths {
                        path.nodes.iter().for_each(|&n| view.insert_node(n));
                        path.hops
                            .iter()
                            .flatten()
                            .for_each(|&e| view.insert_edge(e));
                    }
                    print!("{}", render_view(graph, &view, Format::Dot, Some(&title))?);
                }
            }
        }
        Command::Connect {
            entities,
            max_hops,
            constraints,
            format,
            dataset,
        } => {
            let graph = graph_or_report(dataset.as_deref())?;
            let terminals = entities
                .iter()
                .map(|name| resolve(graph, name))
                .collect::<Result<Vec<_>, _>>()?;
            let query = constraints.query(graph, max_hops)?;
            // The review rule restricts the claims the connection may use.
            let store = open_reviews(dataset.as_deref(), graph);
            let allowed = Filter {
                review: query.review,
                ..Filter::default()
            }
            .apply_reviewed(graph, Some(&store.reviews))?;
            let connection = connect(graph, Some(&allowed), &store.reviews, &terminals, &query)?;
            let names: Vec<&str> = terminals
                .iter()
                .map(|&t| graph.node(t).label.as_str())
                .collect();
            let title = format!("Connecting {}", names.join(", "));
            match format {
                PathFormat::Text => {
                    println!(
                        "{title}: {} entities, {} claims (method: shortest paths between every pair, \
                         kept along a minimum spanning tree)",
                        connection.nodes.len(),
                        connection.edges.len()
                    );
                    if connection.groups.len() > 1 {
                        println!("Not all are connected within {max_hops} hops; separate groups:");
                        for group in &connection.groups {
                            let names: Vec<&str> = group
                                .iter()
                                .map(|&n| graph.node(n).label.as_str())
                                .collect();
                            println!("  - {}", names.join(", "));
                        }
                    }
                    for (index, path) in connection.paths.iter().enumerate() {
                        print!("\n{}. {}", index + 1, explain_path(graph, path));
                    }
                }
                PathFormat::Json => {
                    let explained: Vec<_> = connection
                        .paths
                        .iter()
                        .map(|p| explain_path(graph, p))
                        .collect();
                    let groups: Vec<Vec<&str>> = connection
                        .groups
                        .iter()
                        .map(|g| g.iter().map(|&n| graph.node(n).id.as_str()).collect())
                        .collect();
                    let value = serde_json::json!({
                        "method": "union of pairwise shortest paths kept along a minimum spanning tree (Kou–Markowsky–Berman)",
                        "groups": groups,
                        "nodes": connection.nodes.iter().map(|&n| graph.node(n).id.clone()).collect::<Vec<_>>(),
                        "edges": connection.edges.iter().map(|&e| graph.claim(e).id.clone()).collect::<Vec<_>>(),
                        "paths": explained,
                    });
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&value).context("cannot serialize")?
                    );
                }
                PathFormat::Dot => {
                    let view = connection.view(graph);
                    print!("{}", render_view(graph, &view, Format::Dot, Some(&title))?);
                }
            }
        }
        Command::Neighbors {
            entity,
            hops,
            format,
            dataset,
        } => {
            let graph = graph_or_report(dataset.as_deref())?;
            let center = resolve(graph, &entity)?;
            let view = neighbourhood(graph, &View::all(graph), &[center], hops);
            let title = format!(
                "{} and its neighbourhood ({hops} hop{})",
                graph.node(center).label,
                plural(hops)
            );
            match format {
                PathFormat::Text => print!("{}", neighbours_text(graph, &view, center, &title)),
                PathFormat::Json => {
                    print!("{}", JsonGraph::from_view(graph, &view).to_string_pretty()?)
                }
                PathFormat::Dot => {
                    print!("{}", render_view(graph, &view, Format::Dot, Some(&title))?)
                }
            }
        }
        Command::Show { entity, dataset } => {
            let graph = graph_or_report(dataset.as_deref())?;
            let index = resolve(graph, &entity)?;
            print!("{}", describe(graph, index));
        }
        Command::Layout {
            dataset,
            output,
            iterations,
            threads,
        } => {
            let graph = graph_or_report(dataset.as_deref())?;
            let view = View::all(graph);
            let mut params = tiegraph::layout::MultilevelParams::default();
            if let Some(iterations) = iterations {
                params.iterations = iterations;
            }
            if let Some(threads) = threads {
                params.threads = threads.max(1);
            }
            let started = std::time::Instant::now();
            let placed = tiegraph::layout::lay_out_view(graph, &view, &[], &params);
            eprintln!(
                "laid out {} entities in {:.2} s",
                placed.len(),
                started.elapsed().as_secs_f64()
            );
            // Graphviz's y axis grows upwards, the canvas's downwards.
            let mut positions: Vec<Option<[f32; 2]>> = vec![None; graph.node_bound()];
            for (node, [x, y]) in placed {
                positions[node.index()] = Some([x, -y]);
            }
            let json = output.as_ref().is_some_and(|p| {
                p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            });
            let text = if json {
                let mut map = serde_json::Map::new();
                for node in view.nodes() {
                    if let Some([x, y]) = positions.get(node.index()).copied().flatten() {
                        map.insert(graph.node(node).id.clone(), serde_json::json!([x, y]));
                    }
                }
                let value = serde_json::json!({ "positions": map });
                format!(
                    "{}\n",
                    serde_json::to_string_pretty(&value).context("cannot serialize")?
                )
            } else {
                let options = ExportOptions {
                    title: None,
                    positions: Some(&positions),
                    legend: true,
                };
                to_dot(graph, &view, &options)
            };
            emit(&text, output.as_deref())?;
        }
        Command::Synth {
            nodes,
            claims,
            seed,
            format,
            shape,
            output,
        } => {
            let shape = match shape {
                SynthShape::Ring => tiegraph::synth::Shape::Ring,
                SynthShape::Plane => tiegraph::synth::Shape::Plane,
            };
            let dataset = tiegraph::synth::shaped(nodes, claims, seed, shape);
            if format == SynthFormat::Csv {
                let folder = output.clone().unwrap_or_else(|| PathBuf::from("synth-csv"));
                tiegraph::synth::write_csv(&dataset, &folder)
                    .context("cannot write the CSV folder")?;
                eprintln!("wrote {}", folder.display());
                return Ok(());
            }
            let text = match format {
                SynthFormat::Csv => String::new(),
                SynthFormat::Json => JsonGraph::from_dataset(&dataset).to_string_pretty()?,
                SynthFormat::Edges => {
                    let mut text = String::with_capacity(claims * 16);
                    for claim in &dataset.claims {
                        let _ = writeln!(text, "{} {}", claim.from, claim.to);
                    }
                    text
                }
            };
            emit(&text, output.as_deref())?;
        }
        Command::Review { action } => review(action)?,
        Command::Impact {
            doc,
            publisher,
            between,
            max_hops,
            dataset,
        } => {
            let graph = graph_or_report(dataset.as_deref())?;
            let source = match (doc, publisher) {
                (Some(doc), _) => SourceSelector::Document(doc),
                (None, Some(publisher)) => SourceSelector::Publisher(publisher),
                (None, None) => unreachable_source(),
            };
            let between = match between.as_deref() {
                Some([a, b]) => Some((resolve(graph, a)?, resolve(graph, b)?)),
                _ => None,
            };
            let query = PathQuery {
                max_hops,
                ..PathQuery::default()
            };
            let store = open_reviews(dataset.as_deref(), graph);
            let result = impact(graph, &source, between, &store.reviews, &query)?;
            let name = match &source {
                SourceSelector::Document(id) => format!("document {id}"),
                SourceSelector::Publisher(name) => format!("publisher {name}"),
            };
            println!(
                "Discrediting {name}: {} claim{} lose all evidence, {} keep other evidence.",
                result.lost.len(),
                plural(result.lost.len()),
                result.weakened.len()
            );
            for &edge in &result.lost {
                let claim = graph.claim(edge);
                let statement =
                    tiegraph::query::explain::explain_claim(graph, claim, &claim.from).statement;
                println!("  lost: {statement}  ({})", claim.id);
            }
            if let Some((a, b)) = between {
                println!(
                    "\nPaths from {} to {} (up to {max_hops} hops): {} would break.",
                    graph.node(a).label,
                    graph.node(b).label,
                    result.broken_paths.len()
                );
                for path in &result.broken_paths {
                    let names: Vec<&str> = path
                        .nodes
                        .iter()
                        .map(|&n| graph.node(n).label.as_str())
                        .collect();
                    println!("  broken: {}", names.join(" — "));
                }
                match result.remaining_paths.first() {
                    Some(path) => {
                        let names: Vec<&str> = path
                            .nodes
                            .iter()
                            .map(|&n| graph.node(n).label.as_str())
                            .collect();
                        println!(
                            "Shortest remaining path: {} ({} hops)",
                            names.join(" — "),
                            path.len()
                        );
                    }
                    None => println!("No path would remain within {max_hops} hops."),
                }
            }
        }
        Command::Vocabulary => {
            println!("Node kinds:");
            for kind in NodeKind::ALL {
                println!("  {:<16} {}", kind.as_str(), kind.description());
            }
            println!("\nRelations (from → to):");
            for relation in Relation::ALL {
                println!("  {:<16} {}", relation.as_str(), relation.description());
            }
        }
    }
    Ok(())
}

/// clap requires --doc or --publisher, so this is never reached.
fn unreachable_source() -> SourceSelector {
    SourceSelector::Publisher(String::new())
}

/// The reviews of a dataset (its sidecar file, or the user's data folder for
/// the embedded one). A file that does not parse is reported and treated as
/// empty for reading; it is never overwritten.
fn open_reviews(dataset: Option<&FsPath>, graph: &TieGraph) -> ReviewStore {
    let path = reviews_path(dataset, &dataset_hash(graph.dataset()));
    let store = ReviewStore::open(path, &graph.dataset().name);
    if let Some(error) = &store.unparsed {
        eprintln!("warning: {error}");
    }
    store
}

fn statement(graph: &TieGraph, edge: petgraph::stable_graph::EdgeIndex) -> String {
    let claim = graph.claim(edge);
    tiegraph::query::explain::explain_claim(graph, claim, &claim.from).statement
}

fn review(action: ReviewAction) -> Result<(), Failure> {
    match action {
        ReviewAction::Set {
            edge,
            status,
            note,
            reviewer,
            dataset,
        } => {
            let graph = graph_or_report(dataset.as_deref())?;
            if graph.claim_index(&edge).is_none() {
                let mut ids: Vec<(f64, &str)> = graph
                    .dataset()
                    .claims
                    .iter()
                    .map(|c| (strsim::jaro_winkler(&edge, &c.id), c.id.as_str()))
                    .filter(|(score, _)| *score > 0.8)
                    .collect();
                ids.sort_by(|a, b| b.0.total_cmp(&a.0));
                let error = tiegraph::review::ReviewError::UnknownClaim {
                    id: edge.clone(),
                    suggestions: ids.iter().take(3).map(|(_, id)| id.to_string()).collect(),
                };
                eprintln!("error: {error}");
                return Err(Failure::Reported(Reported(ExitCode::FAILURE)));
            }
            let mut store = open_reviews(dataset.as_deref(), graph);
            store.reviews.set(&edge, status, note, reviewer);
            if let Err(error) = store.save() {
                eprintln!("error: {error}");
                return Err(Failure::Reported(Reported(ExitCode::FAILURE)));
            }
            println!("{edge}: {status} (saved to {})", store.path.display());
        }
        ReviewAction::List { status, dataset } => {
            let graph = graph_or_report(dataset.as_deref())?;
            let store = open_reviews(dataset.as_deref(), graph);
            let reviews = &store.reviews;
            for claim in &graph.dataset().claims {
                let current = reviews.status(&claim.id);
                if status.is_some_and(|wanted| wanted != current) {
                    continue;
                }
                if status.is_none() && current == ReviewStatus::Unreviewed {
                    continue;
                }
                let note = reviews
                    .get(&claim.id)
                    .and_then(|r| r.note.clone())
                    .unwrap_or_default();
                println!("{}\t{current}\t{note}", claim.id);
            }
            for orphan in reviews.orphans(graph) {
                let review = &reviews.claims[orphan];
                if status.is_none_or(|wanted| wanted == review.status) {
                    println!(
                        "{orphan}\t{} (orphan: no such claim now)\t{}",
                        review.status,
                        review.note.clone().unwrap_or_default()
                    );
                }
            }
        }
        ReviewAction::Report { format, dataset } => {
            let graph = graph_or_report(dataset.as_deref())?;
            let store = open_reviews(dataset.as_deref(), graph);
            let text = match format {
                ReportFormat::Md => report_markdown(graph, &store.reviews),
                ReportFormat::Csv => report_csv(graph, &store.reviews)?,
            };
            print!("{text}");
        }
    }
    Ok(())
}

fn report_markdown(graph: &TieGraph, reviews: &tiegraph::review::Reviews) -> String {
    use tiegraph::review::queue::progress;
    let mut out = String::new();
    let data = graph.dataset();
    let done = progress(graph, reviews);
    let _ = writeln!(out, "# Review report: {}\n", data.name);
    let _ = writeln!(
        out,
        "Reviewed {} of {} claims.\n",
        done.reviewed, done.total
    );
    let _ = writeln!(out, "## Coverage per document\n");
    let _ = writeln!(
        out,
        "| document | publisher | claims | reviewed | confirmed | disputed | rejected |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for document in &data.documents {
        let cited: Vec<&tiegraph::model::Claim> = data
            .claims
            .iter()
            .filter(|c| c.evidence.iter().any(|e| e.document == document.id))
            .collect();
        let count = |s: ReviewStatus| cited.iter().filter(|c| reviews.status(&c.id) == s).count();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            document.id,
            document.publisher,
            cited.len(),
            cited.len() - count(ReviewStatus::Unreviewed),
            count(ReviewStatus::Confirmed),
            count(ReviewStatus::Disputed),
            count(ReviewStatus::Rejected)
        );
    }
    for (heading, wanted) in [
        ("Disputed claims", ReviewStatus::Disputed),
        ("Rejected claims", ReviewStatus::Rejected),
    ] {
        let _ = writeln!(out, "\n## {heading}\n");
        let mut any = false;
        for edge in graph.graph().edge_indices() {
            let claim = graph.claim(edge);
            if reviews.status(&claim.id) != wanted {
                continue;
            }
            any = true;
            let review = reviews.get(&claim.id);
            let _ = writeln!(
                out,
                "- `{}` — {}{}{}",
                claim.id,
                statement(graph, edge),
                review
                    .and_then(|r| r.note.as_ref())
                    .map(|n| format!(" — {n}"))
                    .unwrap_or_default(),
                review
                    .and_then(|r| r.reviewer.as_ref())
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default()
            );
        }
        if !any {
            let _ = writeln!(out, "None.");
        }
    }
    let single: Vec<_> = graph
        .graph()
        .edge_indices()
        .filter(|&e| graph.sources(e) <= 1)
        .collect();
    let _ = writeln!(out, "\n## Single-source claims ({})\n", single.len());
    for edge in single {
        let _ = writeln!(
            out,
            "- `{}` — {} [{}]",
            graph.claim(edge).id,
            statement(graph, edge),
            reviews.status(&graph.claim(edge).id)
        );
    }
    let groups = conflict_groups(graph);
    let _ = writeln!(out, "\n## Conflicts ({})\n", groups.len());
    for group in groups {
        let _ = writeln!(
            out,
            "### {} ({})\n\n{}\n",
            group.id,
            if group.marked {
                "marked in the dataset"
            } else {
                "found automatically"
            },
            group.description
        );
        for edge in group.claims {
            let claim = graph.claim(edge);
            let sources: Vec<String> = claim
                .evidence
                .iter()
                .map(|e| {
                    let publisher = graph
                        .document(&e.document)
                        .map_or("unknown", |d| d.publisher.as_str());
                    format!("{} ({publisher})", e.document)
                })
                .collect();
            let _ = writeln!(
                out,
                "- {}{} — {} [{}]",
                statement(graph, edge),
                claim
                    .date
                    .as_ref()
                    .map(|d| format!(" [{d}]"))
                    .unwrap_or_default(),
                sources.join("; "),
                reviews.status(&claim.id)
            );
        }
        out.push('\n');
    }
    let orphans = reviews.orphans(graph);
    let _ = writeln!(out, "## Orphaned reviews ({})\n", orphans.len());
    for orphan in orphans {
        let _ = writeln!(
            out,
            "- `{orphan}`: {} — the claim is no longer in the dataset",
            reviews.status(orphan)
        );
    }
    out
}

fn report_csv(graph: &TieGraph, reviews: &tiegraph::review::Reviews) -> anyhow::Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "claim",
        "from",
        "relation",
        "to",
        "date",
        "status",
        "sources",
        "documents",
        "conflict",
        "note",
        "reviewer",
        "time",
        "orphan",
    ])?;
    let conflicts = conflict_groups(graph);
    for edge in graph.graph().edge_indices() {
        let claim = graph.claim(edge);
        let review = reviews.get(&claim.id);
        let conflict: Vec<&str> = conflicts
            .iter()
            .filter(|g| g.claims.contains(&edge))
            .map(|g| g.id.as_str())
            .collect();
        let documents: Vec<&str> = claim.evidence.iter().map(|e| e.document.as_str()).collect();
        writer.write_record([
            claim.id.as_str(),
            claim.from.as_str(),
            claim.relation.as_str(),
            claim.to.as_str(),
            &claim
                .date
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            reviews.status(&claim.id).as_str(),
            &graph.sources(edge).to_string(),
            &documents.join(";"),
            &conflict.join(";"),
            review.and_then(|r| r.note.as_deref()).unwrap_or(""),
            review.and_then(|r| r.reviewer.as_deref()).unwrap_or(""),
            review.and_then(|r| r.time.as_deref()).unwrap_or(""),
            "",
        ])?;
    }
    for orphan in reviews.orphans(graph) {
        let review = &reviews.claims[orphan];
        writer.write_record([
            orphan,
            "",
            "",
            "",
            "",
            review.status.as_str(),
            "",
            "",
            "",
            review.note.as_deref().unwrap_or(""),
            review.reviewer.as_deref().unwrap_or(""),
            review.time.as_deref().unwrap_or(""),
            "yes",
        ])?;
    }
    Ok(String::from_utf8(writer.into_inner()?)?)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn render_view(
    graph: &TieGraph,
    view: &View,
    format: Format,
    title: Option<&str>,
) -> anyhow::Result<String> {
    let options = ExportOptions {
        title,
        positions: None,
        legend: true,
    };
    Ok(match format {
        Format::Json => JsonGraph::from_view(graph, view).to_string_pretty()?,
        Format::Dot => to_dot(graph, view, &options),
        Format::Graphml => to_graphml(graph, view, &options)?,
    })
}

/// Lists a neighbourhood: entities by distance, then the claims among them.
fn neighbours_text(
    graph: &TieGraph,
    view: &View,
    center: petgraph::stable_graph::NodeIndex,
    title: &str,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{title}: {} entities, {} claims",
        view.node_count(),
        view.edge_count()
    );
    for node in view.nodes().filter(|&n| n != center) {
        let node = graph.node(node);
        let _ = writeln!(out, "  {} [{}] ({})", node.label, node.kind, node.id);
    }
    let _ = writeln!(out, "\nClaims:");
    for edge in view.edges() {
        let claim = graph.claim(edge);
        let label = |id: &str| {
            graph
                .node_index(id)
                .map_or_else(|| id.to_string(), |i| graph.node(i).label.clone())
        };
        let _ = write!(
            out,
            "  {} —{}→ {}",
            label(&claim.from),
            claim.relation,
            label(&claim.to)
        );
        if let Some(date) = &claim.date {
            let _ = write!(out, " [{date}]");
        }
        let _ = writeln!(
            out,
            " ({} source{})",
            graph.sources(edge),
            plural(graph.sources(edge))
        );
    }
    out
}

/// An entity with every claim touching it and each quote with its source.
fn describe(graph: &TieGraph, index: petgraph::stable_graph::NodeIndex) -> String {
    let node = graph.node(index);
    let mut out = String::new();
    let _ = writeln!(out, "{} [{}] ({})", node.label, node.kind, node.id);
    if !node.aliases.is_empty() {
        let _ = writeln!(out, "  also: {}", node.aliases.join("; "));
    }
    for (key, value) in &node.attributes {
        let _ = writeln!(out, "  {key}: {value}");
    }
    if let Some(date) = &node.date {
        let _ = writeln!(out, "  date: {date}");
    }
    if let Some(note) = &node.note {
        let _ = writeln!(out, "  note: {note}");
    }
    for edge in graph.claims_of(index) {
        let claim = graph.claim(edge);
        let explained = tiegraph::query::explain::explain_claim(graph, claim, &node.id);
        let _ = write!(out, "\n{}", explained.statement);
        if let Some(date) = &explained.date {
            let _ = write!(
                out,
                "  [{date}{}]",
                if explained.date_inferred {
                    ", year inferred"
                } else {
                    ""
                }
            );
        }
        let _ = writeln!(out, "  ({})", claim.id);
        for evidence in &explained.evidence {
            let _ = write!(
                out,
                "    \"{}\" — {}, {}",
                evidence
                    .quote
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                evidence.title,
                evidence.publisher
            );
            if let Some(according_to) = &evidence.according_to {
                let _ = write!(out, " (according to {according_to})");
            }
            out.push('\n');
        }
        if let Some(note) = &claim.note {
            let _ = writeln!(out, "    note: {note}");
        }
    }
    out
}
