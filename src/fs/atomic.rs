//! Replacing a file's content all at once, under its lock.
//!
//! The new content goes to a temporary file in the target's folder
//! (`.<name>.tiegraph-XXXXXX.tmp`), is fsynced, renamed over the target, and
//! the folder is fsynced: a crash at any point leaves the old file or the new
//! one, never a mix. A save killed before its rename leaves its temporary
//! file behind (hidden, and never read as data); the next locked save of the
//! same target knows that no one else can be writing one and removes it.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::FsError;
use super::lock::{FileLock, lock_wait};

/// A target file held under its lock: read it, then replace it, with no
/// other tiegraph in between.
#[derive(Debug)]
pub struct LockedFile {
    target: PathBuf,
    _lock: FileLock,
}

impl LockedFile {
    /// Locks `target` (waiting up to [`lock_wait`]) and removes temporary
    /// files that killed saves of it left behind.
    pub fn lock(target: &Path) -> Result<Self, FsError> {
        let lock = FileLock::acquire(target, lock_wait())?;
        clear_stale_temporaries(target);
        Ok(LockedFile {
            target: target.to_path_buf(),
            _lock: lock,
        })
    }

    /// The target's bytes, or `None` when it does not exist.
    pub fn read(&self) -> Result<Option<Vec<u8>>, FsError> {
        match std::fs::read(&self.target) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(FsError::io("read", &self.target, error)),
        }
    }

    /// Replaces the target's content atomically and durably.
    pub fn replace(&self, bytes: &[u8]) -> Result<(), FsError> {
        replace(&self.target, bytes, false)
    }

    /// [`LockedFile::replace`] that stops after the temporary file is
    /// written and synced, before the rename: for tests of crash safety.
    #[doc(hidden)]
    pub fn replace_failing_after_temporary(&self, bytes: &[u8]) -> Result<(), FsError> {
        replace(&self.target, bytes, true)
    }

    /// Deletes the target (a missing one is fine).
    pub fn remove(&self) -> Result<(), FsError> {
        match std::fs::remove_file(&self.target) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                Err(FsError::io("delete", &self.target, error))
            }
            _ => Ok(()),
        }
    }
}

/// Writes `bytes` to `path` atomically, for files tiegraph only writes
/// (exports, saved filters): the last writer wins whole, and no lock file is
/// left beside the user's export. A failure leaves any existing file
/// untouched. Files that are read, merged and written back go through
/// [`LockedFile`] instead, which also clears what killed saves left.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    replace(path, bytes, false)
}

/// The start of the names of a target's temporary files.
fn temporary_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.tiegraph-")
}

fn folder_of(target: &Path) -> &Path {
    match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Removes this target's temporary files. Only called under the target's
/// lock, so none of them can belong to a save in progress.
fn clear_stale_temporaries(target: &Path) {
    let prefix = temporary_prefix(target);
    let Ok(entries) = std::fs::read_dir(folder_of(target)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn replace(target: &Path, bytes: &[u8], fail_after_temporary: bool) -> Result<(), FsError> {
    let folder = folder_of(target);
    std::fs::create_dir_all(folder).map_err(|e| FsError::io("create folder", folder, e))?;
    let mut temp = tempfile::Builder::new()
        .prefix(&temporary_prefix(target))
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(|e| FsError::io("create a temporary file in", folder, e))?;
    keep_permissions(temp.as_file(), target);
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| FsError::io("write", temp.path(), e))?;
    if fail_after_temporary {
        // The temporary file is dropped (deleted), as a crashed process's
        // would be cleared by the next save; the target was never touched.
        return Err(FsError::Injected {
            path: target.to_path_buf(),
        });
    }
    temp.persist(target)
        .map_err(|e| FsError::io("replace", target, e.error))?;
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Gives a temporary file the permissions of the file it will replace, or
/// the usual `rw-r--r--` for a new one (temporary files start private).
fn keep_permissions(temp: &std::fs::File, target: &Path) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_file_left_by_a_killed_save_is_removed_by_the_next_save() {
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("a.reviews.toml");
        let stale = folder.path().join(".a.reviews.toml.tiegraph-Xy12Zq.tmp");
        let other = folder.path().join(".b.reviews.toml.tiegraph-Xy12Zq.tmp");
        std::fs::write(&stale, "half a save").unwrap();
        std::fs::write(&other, "another file's save").unwrap();
        LockedFile::lock(&target)
            .unwrap()
            .replace(b"whole")
            .unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"whole");
        assert!(!stale.exists(), "the stale temporary file is gone");
        assert!(
            other.exists(),
            "another target's temporary file is left alone"
        );
    }

    #[test]
    fn an_injected_failure_leaves_the_target_as_it_was_and_no_temporary_file() {
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("x.toml");
        std::fs::write(&target, "old").unwrap();
        let locked = LockedFile::lock(&target).unwrap();
        assert!(locked.replace_failing_after_temporary(b"new").is_err());
        drop(locked);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        let names: Vec<_> = std::fs::read_dir(folder.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(names.is_empty(), "{names:?}");
    }
}

#[cfg(test)]
mod unlocked_tests {
    #[test]
    fn an_export_leaves_only_itself_in_the_folder() {
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("graph.dot");
        super::write_atomic(&target, b"digraph {}").unwrap();
        super::write_atomic(&target, b"digraph { a }").unwrap();
        let names: Vec<_> = std::fs::read_dir(folder.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["graph.dot"]);
        assert_eq!(std::fs::read(&target).unwrap(), b"digraph { a }");
    }
}
