//! Saved filters: a filter plus the hash of the dataset it was made on, so
//! reopening it on a changed dataset can say so. Read and written here for
//! the command line (`--filter`, `--save-filter`) and the window alike.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::filter::Filter;
use crate::format::dataset_hash;
use crate::fs::{FsError, write_atomic};
use crate::model::Dataset;

/// The file format of a saved filter (JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedFilter {
    /// Format version, for future migrations.
    pub version: u32,
    pub dataset_name: String,
    /// [`dataset_hash`] of the dataset the filter was made on.
    pub dataset_hash: String,
    pub filter: Filter,
}

/// Why a saved filter could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SavedFilterError {
    #[error("cannot read filter {}", .path.display())]
    Read {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: not a tiegraph filter", .path.display())]
    Parse {
        path: std::path::PathBuf,
        line: usize,
        column: usize,
        #[source]
        source: serde_json::Error,
    },
    #[error("cannot serialize the filter")]
    Serialize(#[source] serde_json::Error),
    #[error(transparent)]
    Write(#[from] FsError),
}

impl SavedFilter {
    pub const VERSION: u32 = 1;

    pub fn new(dataset: &Dataset, filter: Filter) -> Self {
        SavedFilter {
            version: Self::VERSION,
            dataset_name: dataset.name.clone(),
            dataset_hash: dataset_hash(dataset),
            filter,
        }
    }

    /// Whether the filter was made on exactly this dataset.
    pub fn matches(&self, dataset: &Dataset) -> bool {
        self.dataset_hash == dataset_hash(dataset)
    }

    /// Reads a saved filter; a file that does not parse is refused at its
    /// line and column, and left as it is.
    pub fn read(path: &Path) -> Result<Self, SavedFilterError> {
        let text = std::fs::read_to_string(path).map_err(|source| SavedFilterError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|source| SavedFilterError::Parse {
            path: path.to_path_buf(),
            line: source.line(),
            column: source.column(),
            source,
        })
    }

    /// Writes the filter atomically, as pretty JSON with a final newline.
    pub fn write(&self, path: &Path) -> Result<(), SavedFilterError> {
        let text = serde_json::to_string_pretty(self).map_err(SavedFilterError::Serialize)?;
        write_atomic(path, format!("{text}\n").as_bytes())?;
        Ok(())
    }

    /// What to tell the user when the filter was made on another version of
    /// the dataset (results may differ), or `None`.
    pub fn mismatch_warning(&self, path: &Path, dataset: &Dataset) -> Option<String> {
        (!self.matches(dataset)).then(|| {
            format!(
                "{} was saved on a different version of the dataset ({}); results may differ",
                path.display(),
                self.dataset_name
            )
        })
    }
}
