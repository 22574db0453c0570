//! Saved filters: a filter plus the hash of the dataset it was made on, so
//! reopening it on a changed dataset can say so. Read and written here for
//! the command line (`--filter`, `--save-filter`) and the window alike.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::filter::Filter;
use crate::format::{dataset_hash, json_file};
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
pub type SavedFilterError = crate::format::json_file::JsonFileError;

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
        json_file::read(path, "filter")
    }

    /// Writes the filter atomically, as pretty JSON with a final newline.
    pub fn write(&self, path: &Path) -> Result<(), SavedFilterError> {
        json_file::write(path, "filter", self)
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
