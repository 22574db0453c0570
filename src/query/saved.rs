//! Saved views: a filter plus the hash of the dataset it was made on, so
//! reopening it on a changed dataset can say so.

use serde::{Deserialize, Serialize};

use super::filter::Filter;
use crate::export::json::JsonGraph;
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

/// A stable fingerprint of a dataset's content: FNV-1a (64-bit) over its
/// canonical JSON export and its documents' texts, as 16 hex digits. Same content, same hash, on any
/// machine; any change to a node, claim, quote or document changes it.
pub fn dataset_hash(dataset: &Dataset) -> String {
    let canonical = serde_json::to_vec(&JsonGraph::from_dataset(dataset)).unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let texts = dataset.documents.iter().map(|d| d.text.as_bytes());
    for bytes in std::iter::once(canonical.as_slice()).chain(texts) {
        for &byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        // Separate the parts so that moving bytes between them changes the hash.
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}
