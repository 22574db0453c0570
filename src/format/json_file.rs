//! Small JSON files tiegraph reads and writes whole (saved filters,
//! workspaces): read with a located error, written atomically and pretty.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::fs::{FsError, write_atomic};

/// Why a JSON file could not be read or written; `what` names the kind of
/// file ("filter", "workspace").
#[derive(Debug, thiserror::Error)]
pub enum JsonFileError {
    #[error("cannot read {what} {}", .path.display())]
    Read {
        what: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: not a tiegraph {what}", .path.display())]
    Parse {
        what: &'static str,
        path: PathBuf,
        line: usize,
        column: usize,
        #[source]
        source: serde_json::Error,
    },
    #[error("cannot serialize the {what}")]
    Serialize {
        what: &'static str,
        #[source]
        source: serde_json::Error,
    },
    #[error(transparent)]
    Write(#[from] FsError),
}

/// Reads a `what` from `path`; a file that does not parse is refused at its
/// line and column, and left as it is.
pub fn read<T: DeserializeOwned>(path: &Path, what: &'static str) -> Result<T, JsonFileError> {
    let text = std::fs::read_to_string(path).map_err(|source| JsonFileError::Read {
        what,
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| JsonFileError::Parse {
        what,
        path: path.to_path_buf(),
        line: source.line(),
        column: source.column(),
        source,
    })
}

/// Writes `value` to `path` atomically, as pretty JSON with a final newline.
pub fn write<T: Serialize>(
    path: &Path,
    what: &'static str,
    value: &T,
) -> Result<(), JsonFileError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|source| JsonFileError::Serialize { what, source })?;
    write_atomic(path, format!("{text}\n").as_bytes())?;
    Ok(())
}
