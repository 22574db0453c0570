//! Review state: each claim confirmed, disputed or rejected (or not yet
//! reviewed), with a note, the reviewer and the time, and each evidence
//! quote marked "checked in context".
//!
//! Reviews live in a sidecar TOML file, never in the curated dataset: next
//! to a dataset on disk (`<name>.reviews.toml`), or for the embedded dataset
//! in the user's data folder, named after the dataset's hash. The file is
//! sorted and has one block per claim, keyed by the stable claim ids, so it
//! diffs well.
//!
//! Safety, because reviewers' work is the expensive part:
//! - saves are atomic (temporary file in the same folder, fsync, rename)
//!   and hold the file's lock from reading to replacing it ([`crate::fs`]),
//!   so two tiegraphs saving at once never lose each other's work;
//! - a file that fails to parse is never overwritten ([`ReviewStore::save`]
//!   refuses; the reviews stay in memory and can be saved elsewhere);
//! - reviews whose claim no longer exists are kept and listed as orphans;
//! - a change made on disk by another process since we read it is detected
//!   before writing: non-overlapping changes are merged, overlapping ones
//!   refused.
//!
//! The reviews themselves are data in [`crate::model`]; here are the file
//! (`file`: its format and errors), the three-way `merge`, the store that
//! binds reviews to their file (`store`), and what is built on reviews:
//! `queue` (what to review next), `conflicts`, `impact` (what discrediting
//! a source costs) and `report`.

pub mod conflicts;
mod file;
pub mod impact;
mod merge;
pub mod queue;
pub mod report;
mod store;

use std::path::{Path, PathBuf};

pub use crate::fs::data_folder;
pub use crate::model::{CheckedQuote, ClaimReview, ReviewStatus, Reviews, now_rfc3339};
pub use file::ReviewError;
pub use store::{InjectedFailure, ReviewStore};

use crate::format::dataset_hash;
use crate::graph::TieGraph;
use crate::model::Dataset;

impl Reviews {
    /// Reviews whose claim the dataset no longer has. Kept, never dropped.
    pub fn orphans(&self, graph: &TieGraph) -> Vec<&str> {
        self.claims
            .keys()
            .filter(|id| graph.claim_index(id).is_none())
            .map(String::as_str)
            .collect()
    }
}

/// Where a dataset's reviews are kept.
pub fn reviews_path(dataset_file: Option<&Path>, dataset_hash: &str) -> PathBuf {
    match dataset_file {
        Some(path) => {
            let stem = path
                .file_stem()
                .map_or_else(|| "dataset".into(), |s| s.to_string_lossy().into_owned());
            path.with_file_name(format!("{stem}.reviews.toml"))
        }
        None => data_folder()
            .join("reviews")
            .join(format!("embedded-{dataset_hash}.reviews.toml")),
    }
}

impl ReviewStore {
    /// The reviews of a dataset: its sidecar file next to a dataset on disk,
    /// or for the embedded dataset (`None`) the file in the data folder
    /// named after its hash. A file that does not parse gives an empty store
    /// that never overwrites it (see [`ReviewStore::open`]).
    pub fn for_dataset(dataset_file: Option<&Path>, dataset: &Dataset) -> Self {
        // The hash (a pass over the whole dataset: seconds at a million
        // claims) only names the embedded dataset's file.
        let hash = match dataset_file {
            Some(_) => String::new(),
            None => dataset_hash(dataset),
        };
        ReviewStore::open(reviews_path(dataset_file, &hash), &dataset.name)
    }
}

/// The error for a claim id the dataset does not have, with up to three
/// close ids as suggestions.
pub fn unknown_claim(graph: &TieGraph, id: &str) -> ReviewError {
    let mut close: Vec<(f64, &str)> = graph
        .dataset()
        .claims
        .iter()
        .map(|c| (strsim::jaro_winkler(id, &c.id), c.id.as_str()))
        .filter(|(score, _)| *score > 0.8)
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0));
    ReviewError::UnknownClaim {
        id: id.to_string(),
        suggestions: close.iter().take(3).map(|(_, id)| id.to_string()).collect(),
    }
}
