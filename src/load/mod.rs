//! Curated TOML → validated [`Dataset`].
//!
//! Two passes: `walk` reads the TOML into raw entries with spans, reporting
//! every shape error; `validate` resolves references, finds every quote in
//! its document and checks uniqueness. All diagnostics of a file come back
//! together, each located at file:line:column.
//!
//! ```
//! let loaded = tiegraph::load::load_embedded().unwrap();
//! assert!(loaded.dataset.claims.len() >= 150);
//! ```

pub mod cache;
mod diagnostic;
mod ftm_import;
mod json_import;
mod progress;
mod quote;
mod tabular;
mod validate;
mod walk;

pub use ftm_import::{load_ftm, load_ftm_text, looks_like_ftm};
pub use json_import::{load_json, load_json_text};
pub use progress::Progress;
pub use tabular::{CsvTables, TableInput, load_csv_folder, load_csv_folder_with, load_csv_tables};

use std::fmt;
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

pub use diagnostic::{Diagnostic, DiagnosticKind, Severity};
pub use quote::{NormalizedText, closest_passage, locate, locate_at};
pub use walk::{valid_claim_id, valid_id};

use crate::graph::{Resolved, TieGraph};
use crate::model::Dataset;

/// The curated dataset's file name, used in diagnostics as `<embedded>/…`.
pub const EMBEDDED_FILE: &str = "myanmar-russia.toml";
/// The curated dataset, compiled into the binary so every command works from any folder.
pub const EMBEDDED_TOML: &str = include_str!("../../seeds/myanmar-russia.toml");
/// The curated dataset's source documents, keyed by the path the dataset uses.
pub const EMBEDDED_SOURCES: &[(&str, &str)] = &[
    (
        "sources/000_2a6f9af461c5b918.txt",
        include_str!("../../seeds/sources/000_2a6f9af461c5b918.txt"),
    ),
    (
        "sources/001_6442ee56b40e60eb.txt",
        include_str!("../../seeds/sources/001_6442ee56b40e60eb.txt"),
    ),
    (
        "sources/002_000d1bdb01f1655f.txt",
        include_str!("../../seeds/sources/002_000d1bdb01f1655f.txt"),
    ),
    (
        "sources/003_8cb9d0e6d9cc9609.txt",
        include_str!("../../seeds/sources/003_8cb9d0e6d9cc9609.txt"),
    ),
    (
        "sources/004_07f86e086a543867.txt",
        include_str!("../../seeds/sources/004_07f86e086a543867.txt"),
    ),
];

/// A label or alias that an earlier entity (or several) also goes by.
pub(crate) struct SharedName {
    /// The entity (position in the nodes) that goes by it too.
    pub position: usize,
    pub name: String,
    /// The ids of the first earlier entities going by it (at most five).
    pub owners: Vec<String>,
    /// How many more earlier entities go by it.
    pub more: usize,
}

/// At most this many earlier entities are named in one warning.
const SHARED_NAME_OWNERS: usize = 5;

impl SharedName {
    fn owners_list(&self) -> String {
        let mut owners: Vec<String> = self
            .owners
            .iter()
            .take(SHARED_NAME_OWNERS)
            .map(|o| format!("`{o}`"))
            .collect();
        if self.more > 0 {
            owners.push(format!("{} more", self.more));
        }
        owners.join(", ")
    }

    pub(crate) fn owners_text(&self) -> String {
        format!("also a name of {}", self.owners_list())
    }

    pub(crate) fn message(&self, nodes: &[crate::model::Node]) -> String {
        format!(
            "the name {:?} is shared by `{}` and {}",
            self.name,
            nodes[self.position].id,
            self.owners_list()
        )
    }
}

/// Every label or alias an earlier entity already goes by (ids count as
/// names, and are claimed first): warnings, since real lists have homonyms.
pub(crate) fn shared_names(nodes: &[crate::model::Node]) -> Vec<SharedName> {
    // Name → its first entity and any further ones (an empty Vec does not
    // allocate, and almost every name has one entity).
    type Owners = (usize, Vec<usize>);
    let mut owners: rustc_hash::FxHashMap<String, Owners> = Default::default();
    for (position, node) in nodes.iter().enumerate() {
        owners
            .entry(crate::text::fold(&node.id))
            .and_modify(|(_, more)| more.push(position))
            .or_insert((position, Vec::new()));
    }
    let mut shared = Vec::new();
    for (position, node) in nodes.iter().enumerate() {
        for name in std::iter::once(&node.label).chain(&node.aliases) {
            match owners.entry(crate::text::fold(name)) {
                std::collections::hash_map::Entry::Vacant(vacant) => {
                    vacant.insert((position, Vec::new()));
                }
                std::collections::hash_map::Entry::Occupied(mut occupied) => {
                    let (first, more) = occupied.get_mut();
                    // Entities come in order, so one already listed is last.
                    if *first == position || more.last() == Some(&position) {
                        continue;
                    }
                    let earlier = 1 + more.len();
                    shared.push(SharedName {
                        position,
                        name: name.clone(),
                        owners: std::iter::once(*first)
                            .chain(more.iter().copied())
                            .take(SHARED_NAME_OWNERS)
                            .map(|o| nodes[o].id.clone())
                            .collect(),
                        more: earlier.saturating_sub(SHARED_NAME_OWNERS),
                    });
                    more.push(position);
                }
            }
        }
    }
    shared
}

/// Largest document text or CSV table read, so a hostile file cannot
/// exhaust memory. (CSV tables are streamed row by row; the limit bounds a
/// single pathological row.)
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Largest curated TOML dataset. A TOML file is parsed whole, at roughly
/// 25 bytes of memory per byte of file; hand-curated datasets are far
/// smaller (the embedded one is 0.2 MB), and large data belongs in the
/// streamed CSV import.
pub const MAX_TOML_BYTES: u64 = 16 * 1024 * 1024;

/// Largest JSON export imported (read whole, like TOML, but leaner).
pub const MAX_JSON_BYTES: u64 = 128 * 1024 * 1024;

/// Why a document named by a dataset could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentReadError {
    /// No file there; the payload says where we looked.
    Missing(String),
    /// The path leaves the dataset's folder; the payload says how.
    Outside(String),
    /// Exists but cannot be used (not UTF-8, too large, permissions).
    Unreadable(String),
}

/// Where a dataset's documents come from: a folder on disk or the binary.
pub trait DocumentStore {
    /// Reads the document at `relative`, a path already checked by
    /// [`check_relative_path`].
    fn read(&self, relative: &str) -> Result<String, DocumentReadError>;
}

/// Refuses paths that could leave the dataset's folder: empty, absolute,
/// drive-prefixed, or containing `..`.
pub fn check_relative_path(path: &str) -> Result<(), String> {
    if path.trim().is_empty() {
        return Err("an empty path".into());
    }
    if path.starts_with('/') || path.starts_with('\\') {
        return Err(format!("an absolute path `{path}`"));
    }
    if path.contains('\0') {
        return Err("a path containing a NUL byte".into());
    }
    for part in path.split(['/', '\\']) {
        if part == ".." {
            return Err(format!("`..` in `{path}`"));
        }
    }
    for component in Path::new(path).components() {
        match component {
            Component::Prefix(_) | Component::RootDir => {
                return Err(format!("an absolute path `{path}`"));
            }
            Component::ParentDir => return Err(format!("`..` in `{path}`")),
            Component::CurDir | Component::Normal(_) => {}
        }
    }
    Ok(())
}

/// Documents in a folder on disk; symlinks that lead out of it are refused.
pub struct FolderStore {
    root: PathBuf,
}

impl FolderStore {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        FolderStore { root: root.into() }
    }
}

/// Why a file could not be read whole.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("larger than the {limit_mib} MiB limit{hint}")]
    TooLarge { limit_mib: u64, hint: String },
}

/// Reads a whole file, refusing (without reading it all) one larger than
/// `limit` bytes; `hint` says what to do instead.
pub(crate) fn read_limited(path: &Path, limit: u64, hint: &str) -> Result<Vec<u8>, ReadError> {
    let file = fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            limit_mib: limit / 1024 / 1024,
            hint: hint.to_string(),
        });
    }
    Ok(bytes)
}

impl DocumentStore for FolderStore {
    fn read(&self, relative: &str) -> Result<String, DocumentReadError> {
        let path = self.root.join(relative);
        if fs::symlink_metadata(&path).is_err() {
            return Err(DocumentReadError::Missing(path.display().to_string()));
        }
        let root = fs::canonicalize(&self.root)
            .map_err(|error| DocumentReadError::Unreadable(format!("dataset folder: {error}")))?;
        let real = fs::canonicalize(&path).map_err(|error| {
            // A dangling symlink: it exists as a link but leads nowhere.
            DocumentReadError::Missing(format!("{} ({error})", path.display()))
        })?;
        if !real.starts_with(&root) {
            return Err(DocumentReadError::Outside(format!(
                "a symlink to {}, outside {}",
                real.display(),
                root.display()
            )));
        }
        if !real.is_file() {
            return Err(DocumentReadError::Unreadable(format!(
                "{} is not a file",
                path.display()
            )));
        }
        let bytes = read_limited(&real, MAX_FILE_BYTES, "")
            .map_err(|error| DocumentReadError::Unreadable(error.to_string()))?;
        String::from_utf8(bytes).map_err(|error| {
            DocumentReadError::Unreadable(format!(
                "not UTF-8 text (invalid byte at offset {})",
                error.utf8_error().valid_up_to()
            ))
        })
    }
}

/// The documents compiled into the binary.
pub struct EmbeddedStore;

/// Documents given as (relative path, text) pairs in memory: tests and
/// fuzzing, where no folder exists.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    pub documents: Vec<(String, String)>,
}

impl DocumentStore for MemoryStore {
    fn read(&self, relative: &str) -> Result<String, DocumentReadError> {
        let wanted = relative.trim_start_matches("./");
        self.documents
            .iter()
            .find(|(path, _)| path == wanted)
            .map(|(_, text)| text.clone())
            .ok_or_else(|| DocumentReadError::Missing(format!("<memory>/{wanted}")))
    }
}

impl DocumentStore for EmbeddedStore {
    fn read(&self, relative: &str) -> Result<String, DocumentReadError> {
        let wanted = relative.trim_start_matches("./");
        EMBEDDED_SOURCES
            .iter()
            .find(|(path, _)| *path == wanted)
            .map(|(_, text)| (*text).to_string())
            .ok_or_else(|| DocumentReadError::Missing(format!("<embedded>/{wanted}")))
    }
}

/// A dataset that loaded, with any warnings a curator should see.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    pub warnings: Vec<Diagnostic>,
    /// The claims' ends and id indices, where the loader worked them out
    /// (large imports), so the graph need not look them up again.
    pub resolved: Option<Resolved>,
}

impl Loaded {
    /// The graph of the loaded dataset, reusing what the loader resolved.
    pub fn into_graph(self) -> TieGraph {
        TieGraph::with_resolved(self.dataset, self.resolved)
    }
}

/// Why a dataset could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read dataset {path}")]
    Io {
        path: String,
        #[source]
        source: ReadError,
    },
    #[error("{}", DiagnosticList(.diagnostics))]
    Invalid { diagnostics: Vec<Diagnostic> },
}

impl LoadError {
    /// The located diagnostics, if the file was read at all.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            LoadError::Invalid { diagnostics } => diagnostics,
            LoadError::Io { .. } => &[],
        }
    }
}

/// Prints diagnostics one after another, then a count.
pub struct DiagnosticList<'a>(pub &'a [Diagnostic]);

impl fmt::Display for DiagnosticList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        let errors = self.0.iter().filter(|d| d.is_error()).count();
        let warnings = self.0.len() - errors;
        write!(
            f,
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        )
    }
}

/// Loads a dataset from TOML text; documents come from `store`.
/// `file` names the file in diagnostics.
pub fn load_str(file: &str, text: &str, store: &dyn DocumentStore) -> Result<Loaded, LoadError> {
    let mut reporter = walk::Reporter::new(file.to_string(), text);
    let dataset =
        walk::walk(&mut reporter).and_then(|raw| validate::validate(&mut reporter, raw, store));
    let mut diagnostics = reporter.diagnostics;
    diagnostics.sort_by_key(|d| (d.severity(), d.span.start));
    match dataset {
        Some(dataset) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(Loaded {
            dataset,
            warnings: diagnostics,
            resolved: None,
        }),
        _ => Err(LoadError::Invalid { diagnostics }),
    }
}

/// Loads a dataset file; its documents are read relative to its folder.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    let shown = path.display().to_string();
    let bytes = read_limited(
        path,
        MAX_TOML_BYTES,
        "; for large data use the CSV import (a folder of nodes.csv, edges.csv, documents.csv), which is streamed",
    )
    .map_err(|source| LoadError::Io {
        path: shown.clone(),
        source,
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&error.as_bytes()[..valid]).into_owned();
            let (line, column) = crate::text::line_column(&prefix, valid);
            return Err(LoadError::Invalid {
                diagnostics: vec![Diagnostic {
                    kind: DiagnosticKind::Parse,
                    file: shown,
                    line,
                    column,
                    span: valid..valid + 1,
                    field: String::new(),
                    message: "the file is not UTF-8 text".into(),
                    expected: Some("UTF-8 encoded TOML".into()),
                    found: Some(format!(
                        "the byte 0x{:02x}",
                        error.as_bytes().get(valid).copied().unwrap_or(0)
                    )),
                    help: None,
                }],
            });
        }
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    load_str(&shown, &text, &FolderStore::new(folder))
}

/// Loads a dataset in any format tiegraph reads, by what `path` is: a
/// folder (or a `.csv` file in it) of `nodes.csv` / `edges.csv` /
/// `documents.csv`, FollowTheMoney JSON lines (`.jsonl`, `.ndjson`, `.ftm`,
/// or a `.json` whose first line is an entity), a `.json` export, or a
/// curated `.toml` dataset. A large CSV folder is read through its cache
/// in the data folder (see [`cache`]).
pub fn load_any(path: &Path) -> Result<Loaded, LoadError> {
    load_any_cached(path, &cache::Cache::default()).map(|cached| cached.loaded)
}

/// [`load_any`] with the given cache, saying whether the cache was used.
pub fn load_any_cached(path: &Path, cache: &cache::Cache) -> Result<cache::Cached, LoadError> {
    load_any_with(path, cache, None)
}

/// [`load_any_cached`], saying how far it has got in `progress` (CSV
/// folders count the bytes read; other formats say their stage).
pub fn load_any_with(
    path: &Path,
    cache: &cache::Cache,
    progress: Option<std::sync::Arc<Progress>>,
) -> Result<cache::Cached, LoadError> {
    if let Some(progress) = &progress {
        progress.stage("Reading", 0);
    }
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let uncached = |loaded: Result<Loaded, LoadError>| {
        loaded.map(|loaded| cache::Cached {
            loaded,
            cache: cache::CacheUse::NotUsed,
        })
    };
    if path.is_dir() {
        cache.load_csv_folder_with(path, progress)
    } else if extension == "csv" {
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        cache.load_csv_folder_with(&folder, progress)
    } else if matches!(extension.as_str(), "jsonl" | "ndjson" | "ftm") {
        uncached(load_ftm(path))
    } else if extension == "json" {
        if first_line(path).is_some_and(|line| looks_like_ftm(&line)) {
            uncached(load_ftm(path))
        } else {
            uncached(load_json(path))
        }
    } else {
        uncached(load_path(path))
    }
}

/// The first line of a file, or its first 64 KiB if the line is longer,
/// to tell formats apart.
fn first_line(path: &Path) -> Option<String> {
    use std::io::BufRead;
    let file = fs::File::open(path).ok()?;
    let mut line = Vec::new();
    std::io::BufReader::new(file.take(64 * 1024))
        .read_until(b'\n', &mut line)
        .ok()?;
    Some(String::from_utf8_lossy(&line).into_owned())
}

/// Loads the curated Myanmar–Russia dataset compiled into the binary.
pub fn load_embedded() -> Result<Loaded, LoadError> {
    load_str(
        &format!("<embedded>/{EMBEDDED_FILE}"),
        EMBEDDED_TOML,
        &EmbeddedStore,
    )
}
