//! Exports of the graph. Every writer is deterministic: the same dataset
//! gives the same bytes.

pub mod json;

use std::io::Write;
use std::path::Path;

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {path}: {reason}")]
    Write { path: String, reason: String },
    #[error("cannot serialize: {0}")]
    Serialize(String),
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder,
/// flushed, then renamed over the target. A failure leaves any existing file
/// untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let shown = path.display().to_string();
    let fail = |reason: String| ExportError::Write {
        path: shown.clone(),
        reason,
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(folder).map_err(|e| fail(e.to_string()))?;
    temp.write_all(bytes).map_err(|e| fail(e.to_string()))?;
    temp.as_file().sync_all().map_err(|e| fail(e.to_string()))?;
    temp.persist(path).map_err(|e| fail(e.error.to_string()))?;
    Ok(())
}
