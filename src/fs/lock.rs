//! An advisory lock on a lock file beside a target, so that two tiegraphs
//! (two command lines, a command line and a window, two windows) never
//! interleave their read → merge → write of the same file.
//!
//! The lock file is `.<name>.lock` in the target's folder. It is never
//! deleted: removing a lock file while another process waits on it would let
//! a third process lock a new file of the same name at the same time.
//! Waiting is bounded ([`LOCK_WAIT`]); a holder that keeps the lock longer
//! gets a clear error naming the file, never a hang.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::FsError;

/// How long a save waits for another process's save of the same file,
/// unless `TIEGRAPH_LOCK_WAIT` (seconds) says otherwise (a slow network
/// folder may want longer).
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// [`LOCK_WAIT`], or the seconds `TIEGRAPH_LOCK_WAIT` gives.
pub fn lock_wait() -> Duration {
    std::env::var("TIEGRAPH_LOCK_WAIT")
        .ok()
        .and_then(|text| text.trim().parse::<f64>().ok())
        .filter(|seconds| seconds.is_finite() && *seconds >= 0.0 && *seconds < 1e6)
        .map_or(LOCK_WAIT, Duration::from_secs_f64)
}

/// How long a wait goes on before it is told (see [`set_wait_notice`]).
const NOTICE_AFTER: Duration = Duration::from_millis(500);

/// Told once per wait that another process holds the lock, with the target.
static WAIT_NOTICE: OnceLock<fn(&Path)> = OnceLock::new();

/// Registers what to do when a save has to wait (the command line prints
/// "another tiegraph is saving …; retrying…"). The library itself prints
/// nothing. Only the first registration counts.
pub fn set_wait_notice(notice: fn(&Path)) {
    let _ = WAIT_NOTICE.set(notice);
}

/// The lock file guarding `target`.
pub fn lock_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.lock"))
}

/// An exclusive lock on a target's lock file, released when dropped (or
/// when the process dies, however it dies).
#[derive(Debug)]
pub struct FileLock {
    file: File,
    path: PathBuf,
}

impl FileLock {
    /// Locks `target`, waiting up to `wait` (see [`lock_wait`]) for another
    /// holder.
    ///
    /// Returns [`FsError::Busy`] when the wait runs out, [`FsError::Io`]
    /// when the lock file cannot be created (a read-only folder, say).
    pub fn acquire(target: &Path, wait: Duration) -> Result<Self, FsError> {
        let path = lock_path(target);
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|e| FsError::io("create folder", folder, e))?;
        }
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| FsError::io("create lock file", &path, e))?;
        let started = Instant::now();
        let mut pause = Duration::from_millis(2);
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(FileLock { file, path }),
                Err(TryLockError::Error(error)) => {
                    return Err(FsError::io("lock", &path, error));
                }
                Err(TryLockError::WouldBlock) => {}
            }
            let waited = started.elapsed();
            // Saves take milliseconds: say something only when a wait is
            // long enough to notice, or is about to give up.
            if !told && (waited >= NOTICE_AFTER || waited >= wait) {
                told = true;
                if let Some(notice) = WAIT_NOTICE.get() {
                    notice(target);
                }
            }
            if waited >= wait {
                return Err(FsError::Busy {
                    target: target.to_path_buf(),
                    lock: path,
                    waited_seconds: waited.as_secs(),
                });
            }
            // Back off: saves take milliseconds, so short pauses first.
            std::thread::sleep(pause.min(wait.saturating_sub(waited)));
            pause = (pause * 2).min(Duration::from_millis(100));
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_then_fails_with_the_file_named() {
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("data.reviews.toml");
        let held = FileLock::acquire(&target, LOCK_WAIT).unwrap();
        assert_eq!(held.path(), folder.path().join(".data.reviews.toml.lock"));
        let error = FileLock::acquire(&target, Duration::ZERO).unwrap_err();
        let message = error.to_string();
        assert!(matches!(error, FsError::Busy { .. }), "{message}");
        assert!(message.contains("data.reviews.toml"), "{message}");
        drop(held);
        FileLock::acquire(&target, Duration::ZERO).expect("free once dropped");
    }

    #[test]
    fn a_lock_in_a_missing_read_only_place_is_an_io_error() {
        let error = FileLock::acquire(Path::new("/proc/no-such/file.toml"), LOCK_WAIT).unwrap_err();
        assert!(matches!(error, FsError::Io { .. }), "{error}");
    }
}
