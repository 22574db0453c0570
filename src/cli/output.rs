//! What every command shares on the way out: loading a dataset (warnings
//! and diagnostics printed once), the reviews beside it, writing to a file
//! or standard output, and errors shown once with their exit code.

use std::path::Path;
use std::process::ExitCode;

use tiegraph::graph::TieGraph;
use tiegraph::load::{self, DiagnosticList, LoadError, Loaded};
use tiegraph::query::QueryError;
use tiegraph::review::ReviewStore;
use tiegraph::text::with_causes;

/// An error already shown to the user, carrying the exit code.
pub struct Reported(pub ExitCode);

/// How a command failed: already shown (with its exit code), or an error
/// for `main` to show.
pub enum Failure {
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
        eprintln!("error: {}", with_causes(&error));
        // A kind or relation outside the vocabulary is a bad flag value,
        // like those clap refuses: exit 2, as for any usage error.
        let code = match error {
            QueryError::UnknownWord { .. } => ExitCode::from(2),
            _ => ExitCode::FAILURE,
        };
        Failure::Reported(Reported(code))
    }
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        Failure::Other(error)
    }
}

macro_rules! other_failure {
    ($($error:ty),*) => {$(
        impl From<$error> for Failure {
            fn from(error: $error) -> Self {
                Failure::Other(error.into())
            }
        }
    )*};
}

other_failure!(
    serde_json::Error,
    tiegraph::fs::FsError,
    tiegraph::export::ExportError,
    tiegraph::review::report::ReportError
);

impl From<tiegraph::curate::CurateError> for Failure {
    fn from(error: tiegraph::curate::CurateError) -> Self {
        eprintln!("error: {}", with_causes(&error));
        Failure::Reported(Reported(ExitCode::FAILURE))
    }
}

/// Opens a dataset file for editing, or says why it cannot be edited.
pub fn open_for_edit(path: &Path) -> Result<tiegraph::curate::DatasetFile, Failure> {
    Ok(tiegraph::curate::DatasetFile::open(path)?)
}

/// Applies an edit and says what it did, with its warnings.
pub fn applied(
    file: &mut tiegraph::curate::DatasetFile,
    edit: &tiegraph::curate::Edit,
) -> Result<(), Failure> {
    let done = file.apply(edit)?;
    for warning in &done.warnings {
        eprintln!("warning: {warning}");
    }
    eprintln!("{}: wrote {}", done.summary, file.path().display());
    for id in &done.created {
        println!("{id}");
    }
    Ok(())
}

fn load(dataset: Option<&Path>) -> Result<Loaded, LoadError> {
    match dataset {
        Some(path) => load::load_any(path),
        None => load::load_embedded(),
    }
}

/// Loads, printing warnings; on failure prints every diagnostic.
pub fn load_or_report(dataset: Option<&Path>) -> Result<Loaded, Reported> {
    match load(dataset) {
        Ok(loaded) => {
            if !loaded.warnings.is_empty() {
                eprintln!("{}", DiagnosticList(&loaded.warnings));
            }
            Ok(loaded)
        }
        Err(error) => {
            eprintln!("{}", with_causes(&error));
            Err(Reported(ExitCode::FAILURE))
        }
    }
}

/// Loads and builds the graph. A command runs once and the process exits,
/// so the graph is leaked on purpose: freeing a large import's millions of
/// allocations one by one would take a quarter of the load time again.
pub fn graph_or_report(dataset: Option<&Path>) -> Result<&'static TieGraph, Reported> {
    load_or_report(dataset).map(|loaded| &*Box::leak(Box::new(loaded.into_graph())))
}

/// The reviews of a dataset. A file that does not parse is reported and
/// treated as empty for reading; it is never overwritten.
pub fn open_reviews(dataset: Option<&Path>, graph: &TieGraph) -> ReviewStore {
    let store = ReviewStore::for_dataset(dataset, graph.dataset());
    if let Some(error) = &store.unparsed {
        eprintln!("warning: {}", with_causes(error));
    }
    store
}

/// Writes `text` to `output` atomically (saying so), or to standard output.
pub fn emit(text: &str, output: Option<&Path>) -> anyhow::Result<()> {
    match output {
        Some(path) => {
            tiegraph::fs::write_atomic(path, text.as_bytes())?;
            eprintln!("wrote {}", path.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}

/// "s" unless there is one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Prints `view` as DOT with a title and a legend (the `--format dot` of
/// `path`, `connect` and `neighbors`).
pub fn print_dot(graph: &TieGraph, view: &tiegraph::graph::View, title: &str) {
    let options = tiegraph::export::ExportOptions {
        title: Some(title),
        legend: true,
        ..tiegraph::export::ExportOptions::default()
    };
    print!("{}", tiegraph::export::dot::to_dot(graph, view, &options));
}
