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

use std::path::PathBuf;

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
