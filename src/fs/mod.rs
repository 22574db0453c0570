//! Files tiegraph writes: atomically, and locked against other tiegraphs.
//!
//! A leaf below every other module. `lock` holds an advisory lock on a
//! lock file beside a target while a process reads, merges and replaces it;
//! `atomic` replaces a file's content all at once (temporary file in the
//! same folder, fsync, rename, folder fsync), under that lock, and clears
//! temporary files that a killed save left behind.

pub mod atomic;
pub mod lock;

pub use atomic::{LockedFile, write_atomic};
pub use lock::{FileLock, LOCK_WAIT, lock_wait, set_wait_notice};

use std::path::{Path, PathBuf};

/// The user's data folder for tiegraph (`$XDG_DATA_HOME/tiegraph`, by
/// default `~/.local/share/tiegraph`): reviews of the embedded dataset,
/// recovery files, workspaces.
pub fn data_folder() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/share")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("tiegraph")
}

/// A short stable name for a path, for files in the data folder that
/// belong to it: 16 hex digits of 64-bit FNV-1a over the path (unlike std's
/// hasher, the same on every run and version).
pub fn path_key(path: &Path) -> String {
    let hash = path
        .to_string_lossy()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{hash:016x}")
}

/// Why a file could not be locked, read or written. Every variant names the
/// file; I/O failures keep their cause.
#[derive(Debug, thiserror::Error)]
pub enum FsError {
    #[error(
        "another tiegraph has been saving {} for over {} s; nothing was written; try again when it is done (lock file {})",
        .target.display(), .waited_seconds, .lock.display()
    )]
    Busy {
        target: PathBuf,
        lock: PathBuf,
        waited_seconds: u64,
    },
    #[error("cannot {action} {}", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("injected failure after the temporary write of {}", .path.display())]
    Injected { path: PathBuf },
}

impl FsError {
    /// An I/O failure of `action` ("read", "write", …) on `path`.
    pub fn io(action: &'static str, path: &std::path::Path, source: std::io::Error) -> Self {
        FsError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}
