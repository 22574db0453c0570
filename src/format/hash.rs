//! The dataset hash: a fingerprint that saved filters, reviews of the
//! embedded dataset and workspaces are bound to.

use super::json::JsonGraph;
use crate::model::Dataset;

/// A stable fingerprint of a dataset's content: FNV-1a (64-bit) over its
/// canonical JSON export and its documents' texts, as 16 hex digits. Same content, same hash, on any
/// machine; any change to a node, claim, quote or document changes it.
pub fn dataset_hash(dataset: &Dataset) -> String {
    // The JSON is hashed as it is written, never held whole (gigabytes at a
    // million claims).
    let mut hasher = Fnv(0xcbf2_9ce4_8422_2325);
    let _ = serde_json::to_writer(&mut hasher, &JsonGraph::from_dataset(dataset));
    hasher.separate();
    for document in &dataset.documents {
        hasher.add(document.text.as_bytes());
        hasher.separate();
    }
    format!("{:016x}", hasher.0)
}

/// 64-bit FNV-1a, fed as a writer.
struct Fnv(u64);

impl Fnv {
    fn add(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// Separates the parts, so that moving bytes between them changes the
    /// hash.
    fn separate(&mut self) {
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }
}

impl std::io::Write for Fnv {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.add(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
