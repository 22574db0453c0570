//! Curating a dataset: the edits a curator makes (in the window or with
//! `tiegraph add` / `merge`), applied to the dataset's TOML file so that
//! everything not edited stays byte for byte, written only once the result
//! validates, atomically, under the file's lock, and never over someone
//! else's change.
//!
//! - [`edit`]: the edits, as data;
//! - `toml_doc`: one edit applied to the parsed TOML (`toml_edit`);
//! - [`DatasetFile`]: a dataset file open for editing (read, apply, write);
//! - [`copy`]: an editable copy (TOML + source texts) of any dataset;
//! - [`mentions`]: names of known entities that no quote covers, and how
//!   much of each document the claims cover;
//! - [`unusual`]: a relation that no other claim uses between such kinds;
//! - [`ids`]: readable ids from labels.

pub mod copy;
mod dataset_file;
pub mod edit;
pub mod ids;
pub mod mentions;
mod toml_doc;
pub mod unusual;

use std::path::PathBuf;

pub use dataset_file::{Applied, DatasetFile, read_only_format};
pub use edit::{ClaimFields, Edit, NewClaim, NewDocument, NewEntity, NewEvidence};

use crate::fs::FsError;
use crate::load::{Diagnostic, DiagnosticList, LoadError};

/// Why an edit was refused. Nothing was written; the dataset in memory is
/// as it was.
#[derive(Debug, thiserror::Error)]
pub enum CurateError {
    #[error(
        "the embedded dataset is read-only: save a copy to edit (File → Save a copy to edit…, or `tiegraph copy --to FOLDER`)"
    )]
    Embedded,
    #[error(
        "{} is a {format} dataset, which tiegraph does not edit in place: save it as a TOML dataset first (File → Save as TOML dataset…, or `tiegraph copy {} --to FOLDER`)",
        .path.display(), .path.display()
    )]
    NotToml { path: PathBuf, format: &'static str },
    #[error("no entity `{0}` in the dataset")]
    UnknownEntity(String),
    #[error("no claim `{0}` in the dataset")]
    UnknownClaim(String),
    #[error("no document `{0}` in the dataset")]
    UnknownDocument(String),
    #[error("no conflict `{0}` in the dataset")]
    UnknownConflict(String),
    #[error("the id `{0}` is already taken")]
    IdTaken(String),
    #[error(
        "`{0}` is not a valid id: use lowercase letters a–z, digits and '-' (and '_' in a claim's id), not starting or ending with '-'"
    )]
    InvalidId(String),
    #[error("cannot merge `{0}` into itself: choose two different entities")]
    MergeIntoItself(String),
    #[error(
        "the name {name:?} is already used by `{other}` ({other_label}); if this is a different entity with the same name, add it as a homonym (--homonym, or tick \"a different entity with the same name\"); if it is the same one, use `{other}`"
    )]
    NameTaken {
        name: String,
        other: String,
        other_label: String,
    },
    #[error("the selection holds no text: select the passage that states the claim")]
    EmptySelection,
    #[error(
        "the selection {start}..{end} is not a passage of `{document}` (outside its {len} bytes, or inside a character)"
    )]
    SelectionOutside {
        document: String,
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("the quote is not in document `{document}`{}", closest_text(.closest))]
    QuoteNotFound {
        document: String,
        closest: Option<String>,
    },
    #[error("the quote is not at byte {start} of document `{document}`{}", found_at_text(.found_at))]
    QuoteNotAt {
        document: String,
        start: usize,
        found_at: Option<usize>,
    },
    #[error("`{0}` has no source text to quote from")]
    NoText(String),
    #[error("claim `{claim}` is already part of conflict `{conflict}`")]
    AlreadyInConflict { claim: String, conflict: String },
    #[error("a conflict needs two different claims or more")]
    ConflictNeedsTwo,
    #[error("claim `{claim}` has no evidence item {number}")]
    NoSuchEvidence { claim: String, number: usize },
    #[error("evidence {number} is the only evidence of claim `{claim}`: delete the claim instead")]
    LastEvidence { claim: String, number: usize },
    #[error(
        "the dataset writes its {0} as an inline array (or its file does not match what was loaded); tiegraph edits `[[{0}]]` tables: rewrite them as tables, or save a copy"
    )]
    InlineArray(&'static str),
    #[error("the conflict needs a description: what the claims disagree on")]
    EmptyDescription,
    #[error("{} exists already; nothing was written: choose another folder", .0.display())]
    Exists(PathBuf),
    #[error(
        "{count} claims (e.g. `{example}`) rest on records without a source text (from an import); a TOML dataset quotes the texts of its sources, so it cannot hold them"
    )]
    Unquotable { count: usize, example: String },
    #[error("the title is empty")]
    EmptyTitle,
    #[error("the label is empty")]
    EmptyLabel,
    #[error(
        "{} changed on disk since it was read (another program or another tiegraph edited it); nothing was written: reload it, then make the edit again",
        .path.display()
    )]
    ChangedOnDisk { path: PathBuf },
    #[error("the edit would make the dataset invalid; nothing was written:\n{}", DiagnosticList(.diagnostics))]
    WouldBeInvalid { diagnostics: Vec<Diagnostic> },
    #[error("{} is not TOML that tiegraph can edit", .path.display())]
    Unparsable {
        path: PathBuf,
        #[source]
        source: toml_edit::TomlError,
    },
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Fs(#[from] FsError),
}

fn found_at_text(found_at: &Option<usize>) -> String {
    match found_at {
        Some(at) => format!(" (it is at byte {at})"),
        None => " (nor anywhere in it)".to_string(),
    }
}

fn closest_text(closest: &Option<String>) -> String {
    match closest {
        Some(passage) => format!("; the closest passage is: {passage:?}"),
        None => String::new(),
    }
}
