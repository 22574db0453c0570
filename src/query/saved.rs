//! Saved views: a filter plus the hash of the dataset it was made on, so
//! reopening it on a changed dataset can say so.

use serde::{Deserialize, Serialize};

use super::filter::Filter;
use crate::format::dataset_hash;
use crate::model::Dataset;

/// The file format of a saved view (JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedView {
    /// Format version, for future migrations.
    pub version: u32,
    pub dataset_name: String,
    /// [`dataset_hash`] of the dataset the view was made on.
    pub dataset_hash: String,
    pub filter: Filter,
}

impl SavedView {
    pub const VERSION: u32 = 1;

    pub fn new(dataset: &Dataset, filter: Filter) -> Self {
        SavedView {
            version: Self::VERSION,
            dataset_name: dataset.name.clone(),
            dataset_hash: dataset_hash(dataset),
            filter,
        }
    }

    /// Whether the view was made on exactly this dataset.
    pub fn matches(&self, dataset: &Dataset) -> bool {
        self.dataset_hash == dataset_hash(dataset)
    }
}
