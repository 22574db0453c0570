//! The dataset hash: a fingerprint that saved filters, reviews of the
//! embedded dataset and workspaces are bound to.

use super::json::JsonGraph;
use crate::model::Dataset;

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
