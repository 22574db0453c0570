//! Importing spreadsheets: `nodes.csv`, `edges.csv` and (optionally)
//! `documents.csv`, `kinds.csv` and `relations.csv` in one folder. Every bad row is reported with its file
//! and line, all together; nothing is loaded unless everything is valid.
//!
//! Columns (header row required, any order, extra columns become
//! attributes):
//! - `documents.csv`: `id`, `title`, `publisher`, `published`, `path`
//!   (the text file, inside the folder), `note`.
//! - `nodes.csv`: `id`, `kind`, `label`, `aliases` (`;`-separated), `date`,
//!   `note`.
//! - `edges.csv`: `source`, `target`, `relation`, `id`, `date`, `document`,
//!   `quote`, `start`, `end` (byte offsets of the quote in the document),
//!   `according_to`, `relayed_from`, `note`. Rows with the same `id` (or,
//!   without one, the same source, relation and target) are one claim with
//!   several evidence items.
//! - `kinds.csv`: `id`, `meaning`, `shape`, `colour`; `relations.csv`:
//!   `id`, `meaning`, `mutual` — the dataset's own vocabulary (see
//!   `vocabulary`); without them the built-in one applies.

//!
//! One file per table, read in this order: `vocabulary`, `documents`,
//! `nodes`, `edges`; `table` reads any one of them, `position` counts lines
//! and finds cells, `problems` collects what is wrong.

mod documents;
mod edges;
pub mod memory;
mod nodes;
mod position;
mod problems;
mod table;
mod vocabulary;

use std::path::Path;
use std::sync::Arc;

pub use table::TableInput;

use super::{DocumentStore, FolderStore, LoadError, Loaded, Progress};
use crate::graph::Resolved;
use crate::model::Dataset;
use problems::Problems;
use table::{THREADED_FROM_BYTES, open_table};

/// Every table a CSV dataset may have, in the order they are read.
pub const TABLES: [&str; 5] = [
    "kinds.csv",
    "relations.csv",
    "documents.csv",
    "nodes.csv",
    "edges.csv",
];

/// The size in bytes of the tables a folder has.
pub fn tables_size(folder: &Path) -> u64 {
    TABLES
        .iter()
        .filter_map(|file| std::fs::metadata(folder.join(file)).ok())
        .map(|meta| meta.len())
        .sum()
}

/// Loads a folder holding `nodes.csv`, `edges.csv` and optionally
/// `documents.csv`.
pub fn load_csv_folder(folder: &Path) -> Result<Loaded, LoadError> {
    load_csv_folder_with(folder, None)
}

/// [`load_csv_folder`], counting the bytes of the tables read into
/// `progress`.
pub fn load_csv_folder_with(
    folder: &Path,
    progress: Option<Arc<Progress>>,
) -> Result<Loaded, LoadError> {
    let mut problems = Problems::default();
    problems.progress = progress.clone();
    let store = FolderStore::new(folder);
    let tables_size = tables_size(folder);
    if let Some(progress) = &progress {
        progress.stage("Reading the tables", tables_size);
    }
    if let Some(why) = memory::too_large(tables_size, memory::memory_available()) {
        problems.add(
            crate::load::DiagnosticKind::DocumentUnreadable,
            (&folder.display().to_string(), problems::RowAt::FILE),
            "",
            format!("too large for this machine: {why}"),
            Some(format!(
                "tables up to about 1/{} of the memory available",
                memory::BYTES_PER_BYTE
            )),
            None,
        );
        return Err(LoadError::Invalid {
            diagnostics: problems.list,
        });
    }
    let optional = |file: &str, problems: &mut Problems| {
        let path = folder.join(file);
        if path.exists() {
            open_table(&path, problems)
        } else {
            None
        }
    };
    let kinds = optional("kinds.csv", &mut problems);
    let relations = optional("relations.csv", &mut problems);
    let documents = optional("documents.csv", &mut problems);
    let nodes = open_table(&folder.join("nodes.csv"), &mut problems);
    let edges = open_table(&folder.join("edges.csv"), &mut problems);
    let name = folder.file_name().map_or_else(
        || "CSV dataset".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let tables = CsvTables {
        kinds,
        relations,
        documents,
        nodes,
        edges,
    };
    load_tables(
        &name,
        tables,
        &store,
        problems,
        tables_size > THREADED_FROM_BYTES,
    )
}

/// The tables of a CSV dataset, each named (for diagnostics) and readable;
/// all but `nodes` and `edges` are optional, and a missing `nodes` or
/// `edges` has already been reported.
#[derive(Default)]
pub struct CsvTables {
    pub kinds: Option<(String, TableInput)>,
    pub relations: Option<(String, TableInput)>,
    pub documents: Option<(String, TableInput)>,
    pub nodes: Option<(String, TableInput)>,
    pub edges: Option<(String, TableInput)>,
}

/// Loads a CSV dataset from tables in memory (or anywhere readable);
/// document texts come from `store`. What [`load_csv_folder`] does after
/// opening the files; the fuzz targets call it directly.
pub fn load_csv_tables(
    name: &str,
    tables: CsvTables,
    store: &dyn DocumentStore,
) -> Result<Loaded, LoadError> {
    load_tables(name, tables, store, Problems::default(), false)
}

/// `threaded`: read each table on its own thread (worth it for large files).
fn load_tables(
    name: &str,
    tables: CsvTables,
    store: &dyn DocumentStore,
    mut problems: Problems,
    threaded: bool,
) -> Result<Loaded, LoadError> {
    let vocabulary = vocabulary::read_vocabulary(tables.kinds, tables.relations, &mut problems);
    let documents = documents::read_documents(tables.documents, store, &mut problems, threaded);
    let nodes = nodes::read_nodes(tables.nodes, &vocabulary, &mut problems, threaded);
    let edges = edges::read_edges(
        tables.edges,
        (&nodes, &vocabulary),
        &documents,
        &mut problems,
        threaded,
    );
    problems.locate_cells();
    problems.list.sort_by(|a, b| {
        (a.file.as_str(), a.line, a.column).cmp(&(b.file.as_str(), b.line, b.column))
    });
    if problems.list.iter().any(|d| d.is_error()) {
        return Err(LoadError::Invalid {
            diagnostics: problems.list,
        });
    }
    let name = name.to_string();
    Ok(Loaded {
        dataset: Dataset {
            name,
            description: None,
            vocabulary,
            documents: documents.documents,
            nodes: nodes.nodes,
            claims: edges.claims,
            conflicts: Vec::new(),
        },
        warnings: problems.list,
        resolved: Some(Resolved {
            ends: edges.ends,
            node_ids: nodes.ids,
            claim_ids: Some(edges.ids),
        }),
    })
}
