//! The command line: the clap definitions and a [`run`] that hands each
//! command to its own file (as ripgrep splits its flags and commands).
//! Every command is a thin call into the library; what the window also
//! needs (filters, exports, paths, reviews) lives there, not here.

mod add;
mod args;
mod check;
mod connect;
mod copy;
mod export;
mod impact;
mod layout;
mod mentions;
mod merge;
mod metrics;
mod neighbors;
mod output;
mod path;
mod report;
mod review;
mod show;
mod stats;
mod synth;
mod vocabulary;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use output::{Failure, Reported};

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
    Check(check::CheckArgs),
    /// Counts by node kind, by relation and per document; conflicts; inferred dates.
    Stats(stats::StatsArgs),
    /// Export the whole graph or a filtered view of it.
    Export(export::ExportArgs),
    /// Paths between two entities, each hop with its evidence.
    Path(path::PathArgs),
    /// The smallest subgraph linking several entities (union of the shortest
    /// paths chosen by a minimum spanning tree over them).
    Connect(connect::ConnectArgs),
    /// An entity's neighbourhood: everything within --hops claims of it.
    Neighbors(neighbors::NeighborsArgs),
    /// Show an entity, found by id, name or any alias, with every claim and its quotes.
    Show(show::ShowArgs),
    /// Review claims: set a status, list, report (reviews live in a sidecar file).
    Review {
        #[command(subcommand)]
        action: review::ReviewAction,
    },
    /// What discrediting a document or a publisher would cost: claims that
    /// lose all evidence, and paths between two entities that would break.
    Impact(impact::ImpactArgs),
    /// List the node kinds and relations a dataset may use (its own, or the
    /// built-in ones), with their meaning, look and how often each is used.
    Vocabulary(vocabulary::VocabularyArgs),
    /// Lay the graph out without a window and write the positions: DOT with
    /// `pos` (draw it with `neato -n2`) or JSON `{"positions": {id: [x, y]}}`.
    Layout(layout::LayoutArgs),
    /// Who matters and which groups: centralities, communities, bridges
    /// and articulation points of the view the filter flags make.
    Metrics(metrics::MetricsArgs),
    /// A brief an editor can read (HTML or Markdown), every sentence
    /// footnoted to its passage: a path, an entity or a view.
    Report(report::ReportArgs),
    /// Add a document, an entity or a claim to a dataset file (written at once).
    Add {
        #[command(subcommand)]
        what: add::AddWhat,
    },
    /// Merge one entity into another: its names become aliases, its claims
    /// are re-pointed and keep their ids.
    Merge(merge::MergeArgs),
    /// Where documents name known entities that no quote covers, and each
    /// document's coverage (sentences that carry a quote).
    Mentions(mentions::MentionsArgs),
    /// Write an editable copy of a dataset (TOML and its source texts).
    Copy(copy::CopyArgs),
    /// Write a deterministic synthetic graph, for benchmarks against peers.
    Synth(synth::SynthArgs),
}

/// How `path`, `connect` and `neighbors` print what they find.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PathFormat {
    Text,
    Json,
    Dot,
}

/// Runs a command (not `open`, which `main` handles) and gives its exit
/// code; errors not yet shown come back for `main` to print.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let Some(command) = cli.command else {
        use clap::CommandFactory;
        Cli::command().print_help()?;
        println!();
        return Ok(ExitCode::SUCCESS);
    };
    // A save that has to wait for another tiegraph says so, once.
    tiegraph::fs::set_wait_notice(|target| {
        eprintln!("another tiegraph is saving {}; retrying…", target.display());
    });
    let result = match command {
        // main opens the window before calling run.
        Command::Open { .. } => Ok(()),
        Command::Check(args) => check::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Export(args) => export::run(args),
        Command::Path(args) => path::run(args),
        Command::Connect(args) => connect::run(args),
        Command::Neighbors(args) => neighbors::run(args),
        Command::Show(args) => show::run(args),
        Command::Review { action } => review::run(action),
        Command::Impact(args) => impact::run(args),
        Command::Vocabulary(args) => vocabulary::run(args),
        Command::Layout(args) => layout::run(args),
        Command::Synth(args) => synth::run(args),
        Command::Add { what } => add::run(what),
        Command::Metrics(args) => metrics::run(args),
        Command::Report(args) => report::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Mentions(args) => mentions::run(args),
        Command::Copy(args) => copy::run(args),
    };
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(Failure::Reported(Reported(code))) => Ok(code),
        Err(Failure::Other(error)) => Err(error),
    }
}
