//! Exports of the graph. Every writer is deterministic: the same dataset
//! gives the same bytes.

pub mod dot;
pub mod graphml;
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
    keep_permissions(temp.as_file(), path);
    temp.write_all(bytes).map_err(|e| fail(e.to_string()))?;
    temp.as_file().sync_all().map_err(|e| fail(e.to_string()))?;
    temp.persist(path).map_err(|e| fail(e.error.to_string()))?;
    Ok(())
}

/// Gives a temporary file the permissions of the file it will replace, or
/// the usual `rw-r--r--` for a new one (temporary files start private).
pub(crate) fn keep_permissions(temp: &std::fs::File, target: &Path) {
    let permissions = match std::fs::metadata(target) {
        Ok(metadata) => metadata.permissions(),
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::Permissions::from_mode(0o644)
            }
            #[cfg(not(unix))]
            {
                return;
            }
        }
    };
    let _ = temp.set_permissions(permissions);
}

/// What every view export may add beyond the view itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExportOptions<'a> {
    /// Title of the drawing; default: the dataset's name.
    pub title: Option<&'a str>,
    /// Layout positions by node index (points), written as `pos` / x, y.
    pub positions: Option<&'a [Option<[f32; 2]>]>,
    /// Add a legend of the node kinds present (DOT).
    pub legend: bool,
}

/// Replaces control characters other than tab, line feed and carriage
/// return with U+FFFD: XML 1.0 cannot hold them and Graphviz may stop at NUL.
pub fn clean_text(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if text.chars().any(bad) {
        std::borrow::Cow::Owned(
            text.chars()
                .map(|c| if bad(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}
